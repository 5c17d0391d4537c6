"""Translations under governance.

- A translated health page states only its own review: its review fields come from its own review
  records, never from the page it was translated or copied from (wagtail-localize copies every
  field when it makes a translation). Once its translated text is live, and until a reviewer
  approves it, it says it has not been reviewed; as Medical review is the only way to publish a
  health page, that is only ever the case for a page published before this rule. Aliases, and
  aliases whose translation is still a draft, show their original's text and review.
- A translation's draft stays a draft. wagtail-localize writes a translation it saves as a draft
  onto the page (or glossary term) itself as well as into a new revision, and for a term it even
  sets it not live; the object's own row is what visitors read: for a live translated health page
  or term, the row is put back as it was (the revision keeps the draft), so the text goes live
  only through the workflow's approval, which publishes it.
- Submitting a translation for review first saves what the translator wrote in wagtail-localize's
  editor as a draft (its editor only offers "Publish", which reviewed content refuses), then
  starts the Medical review workflow on it.
- Translators may add and change pages in every language's tree but the site's own, translate
  glossary terms but not change the site's own, and publish nothing: a translated health page or
  term goes through the Medical review workflow (each language's health sections have it, see
  roles.assign_health_sections), other pages wait for an administrator.
- "Translation out of date": a translation whose original was published again after the
  translation was last made from it (wagtail-localize logs each time it writes a translation).
"""

from django.conf import settings
from django.db.models import Max

from . import roles

# Page fields that say where a page is and how it is kept, not what it says: never put back.
BOOKKEEPING = {
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "alias_of",
    "content_type",
    "owner",
    "live",
    "has_unpublished_changes",
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "locked",
    "locked_at",
    "locked_by",
}

TRANSLATION_PAGE_PERMISSIONS = ["add_page", "change_page"]


def review_from_own_records(sender, instance, raw=False, **kwargs):
    """pre_save of health pages: a translation's review fields are those of its own latest review record."""
    from treatments.models import REVIEW_FIELDS

    from .models import ReviewRecord

    if raw or not is_translation(instance) or not _own_live_revision(instance):
        # Not a translation, or an alias being translated whose translation is not yet published:
        # visitors still read the original, and its review is the one they should see.
        return
    record = ReviewRecord.objects.filter(page_id=instance.pk).order_by("-reviewed_on", "-created_at").first()
    values = dict.fromkeys(REVIEW_FIELDS)
    values.update(reviewed_by="", reviewer_role="")
    if record is not None:
        values = {
            "last_reviewed": record.reviewed_on,
            "next_review_due": record.next_review_due,
            "reviewed_by": record.reviewer_name,
            "reviewer_role": record.reviewer_role,
        }
    for field, value in values.items():
        setattr(instance, field, value)


def is_translation(instance):
    """A saved page or glossary term in another language than the site's own (an alias page is not one)."""
    from wagtail.models import Locale

    return (
        instance.pk is not None
        and getattr(instance, "alias_of_id", None) is None
        and instance.locale_id != Locale.get_default().pk
    )


def _text_fields(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in BOOKKEEPING
    ]


def note_live_text(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: keep what a live translated health page or term shows, unless this save publishes
    or unpublishes it (both change the live revision)."""
    if raw or update_fields is not None or not is_translation(instance):
        return
    live = sender.objects.filter(pk=instance.pk, live=True).values("live_revision_id", *_text_fields(sender)).first()
    if live is None or live.pop("live_revision_id") != instance.live_revision_id:
        return  # not live, or being published (publishing sets the live revision)
    instance.live_text_kept_by_governance = live


def restore_live_text(sender, instance, raw=False, **kwargs):
    """post_save: put the live text back; the saved text is in the revision saved next, as a draft."""
    kept = instance.__dict__.pop("live_text_kept_by_governance", None)
    if kept:
        sender.objects.filter(pk=instance.pk).update(**kept, live=True, has_unpublished_changes=True)


def _own_live_revision(instance):
    """Whether the live revision is the page's own (an alias keeps its original's until published)."""
    revision = instance.live_revision
    return revision is not None and revision.object_id == str(instance.pk)


def pending_translation(instance):
    """wagtail-localize's translation into `instance`'s language of its original, or None."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=str(instance.translation_key),
        source__locale=Locale.get_default(),
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()


def can_submit_translation(user, instance):
    """A translated health page or glossary term that its workflow is not already reviewing, that
    wagtail-localize holds a translation for, and a user who may edit it."""
    from wagtail.models import Locale, Page
    from wagtail.snippets.permissions import user_can_edit_snippet_type

    from glossary.models import GlossaryTerm
    from treatments.models import HealthPage

    if isinstance(instance, Page):
        if not isinstance(instance, HealthPage) or not instance.permissions_for_user(user).can_edit():
            return False
    elif not isinstance(instance, GlossaryTerm) or not user_can_edit_snippet_type(user, GlossaryTerm):
        return False
    return (
        instance.locale_id != Locale.get_default().pk
        and instance.get_workflow() is not None
        and instance.current_workflow_state is None
        and pending_translation(instance) is not None
    )


def submit_translation(instance, user):
    """Save the translator's work as a draft of `instance`, then send it to its Medical review."""
    pending_translation(instance).save_target(user=user, publish=False)
    instance = type(instance).objects.get(pk=instance.pk)
    instance.get_workflow().start(instance, user)
    return instance


def may_change_source_language(user):
    """Whether `user` may change the site's own language's reviewed content (not Translators alone)."""
    return (
        user.is_superuser
        or user.groups.filter(name__in=[roles.EDITORS, roles.MEDICAL_REVIEWERS, roles.ADMINISTRATORS]).exists()
    )


def assign_translation_trees(apps):
    """Give Translators add and change rights on each language's home page but the site's own."""
    group = apps.get_model("auth", "Group").objects.filter(name=roles.TRANSLATORS).first()
    if group is None:
        return
    locale_model = apps.get_model("wagtailcore", "Locale")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    homes = (
        apps.get_model("wagtailcore", "Page")
        .objects.filter(depth=2)
        .exclude(locale__in=locale_model.objects.filter(language_code=settings.LANGUAGE_CODE))
    )
    for home in homes:
        for codename in TRANSLATION_PAGE_PERMISSIONS:
            group_page_permission.objects.get_or_create(
                group=group, page_id=home.pk, permission=roles.page_permission(apps, codename)
            )


def language_tree_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.depth == 2:
        from django.apps import apps

        assign_translation_trees(apps)


def translations_out_of_date():
    """(translation, original) pairs of pages and glossary terms where the original was published
    after the translation was last made, by the translation's title."""
    from wagtail.models import Locale, Page
    from wagtail_localize.models import TranslationLog

    from glossary.models import GlossaryTerm

    default = Locale.get_default()
    made = {
        (row["source__object_id"], row["locale_id"]): row["made"]
        for row in TranslationLog.objects.filter(source__locale=default)
        .values("source__object_id", "locale_id")
        .annotate(made=Max("created_at"))
    }
    if not made:
        return []
    keys = {key for key, _locale in made}
    stale = []
    # Pages (an alias has no translation of its own) and glossary terms.
    for model, own_text in ((Page, {"alias_of__isnull": True}), (GlossaryTerm, {})):
        originals = {
            original.translation_key: original
            for original in model.objects.filter(
                translation_key__in=keys, locale=default, last_published_at__isnull=False
            )
        }
        for translation in (
            model.objects.filter(translation_key__in=keys, **own_text).exclude(locale=default).select_related("locale")
        ):
            original = originals.get(translation.translation_key)
            last_made = made.get((translation.translation_key, translation.locale_id))
            if original is not None and last_made is not None and original.last_published_at > last_made:
                stale.append((translation, original))
    stale.sort(key=lambda pair: str(pair[0]).casefold())
    return stale
