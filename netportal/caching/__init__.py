"""Caching for anonymous visitors: stored pages, values kept until content changes, edge purges.

- `middleware.PageCacheMiddleware` stores whole pages for anonymous visitors in the shared cache
  and marks what an edge cache (Varnish, a CDN) may keep with `Cache-Control: s-maxage`.
- The `content` cache alias (`backends.ContentCache`) keeps values that only a publish can change
  (menus, breadcrumbs, routes, region counts): code uses it through Django's cache API alone,
  e.g. `caches["content"].get_or_set(name, compute)`, so the core needs no import from here.
- `invalidation` starts a new cache generation whenever published content changes, and purges the
  edge cache through `wagtail.contrib.frontend_cache`. Apps register their own models.
- `serving.serve` is Wagtail's page-serving view with each address's route kept in the cache.

Every key carries the release id (`release.release_id()`), so a deploy never serves a page or a
value made by the previous code.
"""
