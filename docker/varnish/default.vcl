# Varnish in front of the portal (docker-compose.yml): serves anonymous visitors the pages Django
# marks as shareable (Cache-Control: public, s-maxage=N), passes everything personal to Django,
# and forgets every stored page when Django sends a PURGE (any publish can change menus and
# listings on other pages). Media files come from the `media` service, static files from Django.
vcl 4.1;

import std;

backend web {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

backend media {
    .host = "media";
    .port = "80";
}

# Who may purge: the web service only (Wagtail's frontend cache backend sends the PURGE requests).
acl purgers {
    "web";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from here."));
        }
        # One publish can change any page (menus, the directory's lists): forget every page.
        # One Varnish serves one portal, whatever host name the site record or visitors use.
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.url ~ "^/media/") {
        set req.backend_hint = media;
        unset req.http.Cookie;
        return (hash);
    }
    set req.backend_hint = web;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff (a session) and anyone with a pending message always get a freshly rendered page.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|healthz|documents)(/|$)") {
        return (pass);
    }
    # Anonymous pages are the same for everyone: other cookies (CSRF) do not change them.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (bereq.url ~ "^/media/") {
        set beresp.ttl = 1h;
        return (deliver);
    }
    # Hashed static files (WhiteNoise: public, a year, immutable) are the same for everyone.
    if (bereq.url ~ "^/static/" && beresp.http.Cache-Control ~ "public") {
        return (deliver);
    }
    # Otherwise only what Django marked as shareable is kept, for as long as it said (s-maxage).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "s-maxage") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
}
