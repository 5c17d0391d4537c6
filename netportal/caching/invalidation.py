"""When published content changes: a new cache generation, and a purge of the edge cache.

Invalidation is global. A page lists other pages (menus, the home page's latest pages, the
directory's counts), so working out which stored pages one change touches would be fragile;
starting a new generation makes every stored page and kept value stale at once, in every
process sharing the cache. The edge cache (Varnish, a CDN) is purged through
`wagtail.contrib.frontend_cache`: the changed page's own addresses and each site's root, which
the portal's Varnish configuration turns into a ban of the whole host (see docker/varnish/).

What is wired here is Wagtail's own: page and snippet publishing, unpublishing, moving and
deleting, sites, view restrictions, images, documents and site settings. Records an app shows
on public pages without a publish step (a region's name) are registered by that app with
`watch_model` in its AppConfig.ready().
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .generation import start_new_generation

logger = logging.getLogger(__name__)

# Bookkeeping fields Wagtail fills in (image and document files, drafts and locks of snippets);
# saving only these changes nothing visitors see.
BOOKKEEPING_FIELDS = frozenset(
    {"file_size", "file_hash", "latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
)


def content_changed(instance=None):
    """Published content changed: every stored page and kept value is stale; purge the edge."""
    start_new_generation()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        urls = affected_urls(instance)
        transaction.on_commit(lambda: purge_edge_cache(urls))


def affected_urls(instance):
    """The changed object's public addresses, and each site's root (every page shows menus)."""
    from wagtail.models import Page, Site

    urls = {site.root_url.rstrip("/") + "/" for site in Site.objects.all() if site.root_url}
    if isinstance(instance, Page):
        urls.update(url for url in [instance.specific_deferred.full_url] if url)
    return sorted(urls)


def purge_edge_cache(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(urls)
    except Exception:  # a purge must never fail a publish; the edge cache expires by itself
        logger.exception("Purging the edge cache failed for %s", urls)


def on_publishing_change(sender, instance=None, **kwargs):
    """Receiver for Wagtail's publish, unpublish, move and delete signals."""
    content_changed(instance)


def on_watched_save(sender, instance=None, update_fields=None, **kwargs):
    if update_fields and BOOKKEEPING_FIELDS.issuperset(update_fields):
        return
    content_changed(instance)


def watch_model(model):
    """Invalidate whenever `model` is saved or deleted.

    For records shown on public pages that have no publish step (e.g. a region's name). Apps call
    it from their AppConfig.ready(); pages and publishable snippets need nothing.
    """
    label = model._meta.label
    post_save.connect(on_watched_save, sender=model, dispatch_uid=f"caching-save-{label}")
    post_delete.connect(on_watched_save, sender=model, dispatch_uid=f"caching-delete-{label}")


def connect_signals():
    """Wire invalidation to Wagtail's signals and models, found by class, not by name."""
    from wagtail import signals as wagtail_signals
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, DraftStateMixin, Locale, Page, PageViewRestriction, Site

    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(on_publishing_change, dispatch_uid=f"caching-{id(signal)}")

    for model in apps.get_models():
        if issubclass(model, (Page, DraftStateMixin)):
            post_delete.connect(on_publishing_change, sender=model, dispatch_uid=f"caching-delete-{model._meta.label}")
        elif issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            watch_model(model)

    watched = (Site, Locale, PageViewRestriction, CollectionViewRestriction, get_image_model(), get_document_model())
    for model in watched:
        watch_model(model)
