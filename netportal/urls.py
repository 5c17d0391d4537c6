from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
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
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    # Development only by default: in production the web server (or Varnish) serves /media/.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", core_views.media),
    ]

# What visitors read, in English at today's addresses and in every other language under its
# prefix (/de/…). Wagtail's page-serving pattern comes last, answered by the same view with the
# route kept in the cache (see netportal.caching.serving).
urlpatterns += i18n_patterns(
    path("search/", site_search.search, name="search"),
    path("suggest/", include("netportal.governance.urls")),
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler500 = "netportal.core.views.server_error"
