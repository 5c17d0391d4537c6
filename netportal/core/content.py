"""Demo content for the core: the home page, the site and its settings.

Each loader is idempotent: it finds what exists by a stable key (slug, site) and only
creates or fixes what is missing, reporting each action through `report`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import Locale, Page, Site

from .models import HomePage, SiteSettings, StandardPage
from .trust_pages import TRUST_PAGES

# The host and port Wagtail's install gives its first site; the loader replaces them with PUBLIC_BASE_URL.
WAGTAIL_INSTALL_SITE = ("localhost", 80)
HOME_TITLE = "Neuroendocrine tumour patient portal"
HOME_INTRODUCTION = (
    "Information about neuroendocrine tumours (NETs) and their treatment, with each page's medical review "
    "status shown on it, and a directory of patient associations around the world."
)
# Site-setting defaults are in the interface catalogue too (gettext_noop): while staff keep them,
# visitors read them in their language (see the `site_text` filter).
TAGLINE = gettext_noop("Information and patient associations for people affected by neuroendocrine tumours")
# Wording earlier versions loaded; it claimed a review nobody had made. Replaced unless staff changed it.
SUPERSEDED = {
    "home_introduction": (
        "Reviewed information about neuroendocrine tumours (NETs) and their treatment, "
        "and a directory of patient associations around the world."
    ),
    "tagline": "Trustworthy information and patient associations for people affected by neuroendocrine tumours",
    "about_introduction": (
        "This portal brings together reviewed information about neuroendocrine tumours "
        "and a directory of patient associations."
    ),
}
MEDICAL_DISCLAIMER = gettext_noop(
    "The information on this site is for general education and does not replace advice "
    "from your own doctor or care team."
)

STANDARD_PAGES = TRUST_PAGES


def load_home(report):
    """The home page as the default site's root, replacing Wagtail's welcome page."""
    with transaction.atomic():
        # The site's own (default-language) home page: its translations are home pages too.
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        root = Page.get_first_root_node()
        if home is None:
            home = HomePage(title=HOME_TITLE, slug="home", introduction=HOME_INTRODUCTION)
            # Wagtail's install creates a placeholder page with slug "home"; free the slug.
            for placeholder in Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage"):
                placeholder.slug = f"welcome-{placeholder.pk}"
                placeholder.save(update_fields=["slug"])
            root.add_child(instance=home)
            home.save_revision().publish()
            report("created home page")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="")
            report("created default site")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
            report("pointed the default site at the home page")
        for placeholder in Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(sites_rooted_here__isnull=False):
            if placeholder.specific_class is Page:
                placeholder.delete()
                report("removed Wagtail's welcome page")
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        name_and_address_site(site, site_settings, report)
        if not site_settings.medical_disclaimer:
            site_settings.medical_disclaimer = MEDICAL_DISCLAIMER
            site_settings.save()
            report("set the medical disclaimer")
        if site_settings.tagline == SUPERSEDED["tagline"]:
            site_settings.tagline = TAGLINE
            site_settings.save()
            report("corrected the tagline")
        if home.introduction == SUPERSEDED["home_introduction"]:
            home.introduction = HOME_INTRODUCTION
            home.save_revision().publish()
            report("corrected the home page introduction")
    return home


def name_and_address_site(site, site_settings, report):
    """The Wagtail site takes the portal's name, and the public address in place of Wagtail's localhost."""
    changed = []
    if not site.site_name:
        site.site_name = site_settings.site_name
        changed.append("named the site")
    public = urlsplit(settings.PUBLIC_BASE_URL) if settings.PUBLIC_BASE_URL else None
    if public and public.hostname and (site.hostname, site.port) == WAGTAIL_INSTALL_SITE:
        site.hostname = public.hostname
        site.port = public.port or (443 if public.scheme == "https" else 80)
        changed.append(f"set the site address to {settings.PUBLIC_BASE_URL}")
    if changed:
        site.save()
        for change in changed:
            report(change)


def load_standard_pages(home, report):
    for spec in STANDARD_PAGES:
        existing = StandardPage.objects.filter(slug=spec["slug"]).first()
        if existing is not None:
            changed = []
            if spec["slug"] == "about" and existing.introduction == SUPERSEDED["about_introduction"]:
                existing.introduction = spec["introduction"]
                changed.append("introduction")
            if not existing.body.raw_data:  # as an earlier load left it: staff have not written one
                existing.body = spec["body"]
                changed.append("text")
            if changed:
                existing.save_revision().publish()
                report(f"completed the {' and '.join(changed)} of “{existing.title}”")
            continue
        page = StandardPage(
            title=spec["title"], slug=spec["slug"], introduction=spec["introduction"], body=spec["body"]
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        report(f"created page “{page.title}”")
