from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from netportal.caching import serving
from netportal.core import seo
from netportal.core import views as core_views
from search import views as site_search

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("search/", site_search.search, name="search"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("suggest/", include("netportal.governance.urls")),
]

if settings.SERVE_MEDIA:
    # Development only by default: in production the web server (or Varnish) serves /media/.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", core_views.media),
    ]

# Wagtail's front-end URLs, its page-serving pattern (last) answered by the same view with the
# route kept in the cache (see netportal.caching.serving).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
]

handler500 = "netportal.core.views.server_error"
