"""The trust pages every page links to from its footer: what they say when the demo content is loaded.

Only what is true of this project is stated. Facts about the operator (organisation, address,
charity number, funding) are not written here: the pages show them from the site settings.
"""

from django.utils.html import escape

CONTACT_PATH = "/contact/"


def paragraph(text):
    return f"<p>{escape(text)}</p>"


def bullets(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def section(heading, *parts):
    return {"type": "section", "value": {"heading": heading, "body": "".join(parts)}}


def contact_link(text):
    return f'<p>{escape(text)} <a href="{CONTACT_PATH}">Contact us</a>.</p>'


def site_facts(facts):
    return {"type": "site_facts", "value": {"facts": facts}}


ABOUT_BODY = [
    section(
        "What you find here",
        paragraph(
            "Information about neuroendocrine tumours (NETs), peptide receptor radionuclide therapy (PRRT) and "
            "the compassionate use programme (CUP), and a directory of patient associations around the world."
        ),
        paragraph(
            "Each health page says whether a medical reviewer has checked it and, once one has, who reviewed it "
            "and when. How that works is described under “How we make our information”."
        ),
    ),
    section("Who runs this portal", paragraph("The organisation responsible for this portal:")),
    site_facts("operator"),
    section("Contact", contact_link("For questions about the portal or to report a mistake:")),
]

HOW_WE_MAKE_BODY = [
    section(
        "How a health page is reviewed",
        paragraph(
            "Editors write and change the health pages. An editor cannot publish a health page: they send it to "
            "the portal's medical review, and a medical reviewer either approves it, which publishes it, or asks "
            "for changes."
        ),
        paragraph(
            "When a reviewer approves a page, the page shows the reviewer's name, their professional role and the "
            "date of the review, and when the next review falls due. A page that no reviewer has approved yet says "
            "“This page has not yet been medically reviewed”. Review dates are never typed in by hand."
        ),
    ),
    site_facts("review_interval"),
    section(
        "Sources",
        paragraph(
            "Where a health page rests on published sources, it lists them under “Sources”. Links to other websites "
            "are marked as external. We do not add medical statements that our sources do not make."
        ),
    ),
    section(
        "Patient associations",
        paragraph(
            "The directory lists patient associations for people affected by neuroendocrine tumours. Listing is "
            "not an endorsement: we do not recommend or vouch for any association or its services."
        ),
        paragraph(
            "Staff are reminded to check an association's details when they were last checked more than "
            "12 months ago. Anyone can suggest a correction or a new association from the directory."
        ),
    ),
    section(
        "Report a mistake",
        contact_link("If you find something wrong or out of date on a health page, please tell us."),
        paragraph("For an association, use “Suggest a correction” on its page in the directory."),
    ),
]

ACCESSIBILITY_BODY = [
    section(
        "Compliance status",
        paragraph(
            "We aim for this website to conform to the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
            "It has not yet been audited by an independent accessibility specialist: what we know comes from the "
            "tests described below."
        ),
    ),
    section(
        "How we tested this website",
        paragraph("Every change to the portal is checked with these tests:"),
        bullets(
            [
                "automated axe-core checks against the WCAG 2.2 A and AA rules on each type of page, in a real "
                "browser, at phone and desktop widths;",
                "Lighthouse audits of accessibility, best practices and search-engine basics on the home page, a "
                "health page and the association directory;",
                "keyboard tests: the skip link, the order of tab stops and a visible focus indicator on each;",
                "reflow at 320 CSS pixels wide without scrolling sideways;",
                "the site search and the skip link working without JavaScript.",
            ]
        ),
    ),
    section(
        "Known limitations",
        bullets(
            [
                "Pictures whose originals have not arrived yet are not shown; what they show is described in text.",
                "Documents that staff upload, such as PDF files, may not be fully accessible.",
                "The staff area (the administration interface) is not covered by the tests above.",
            ]
        ),
    ),
    section(
        "Reporting accessibility problems",
        contact_link("If something on this site is hard to use, or you need information in another format, tell us."),
    ),
    section("Preparation of this statement", paragraph("This statement was prepared on 29 November 2026.")),
]

PRIVACY_BODY = [
    section(
        "What we store",
        paragraph(
            "When you suggest a correction or a new association for the directory, or send a message through the "
            "contact page, we store what you type into the form, and your email address if you give it. We use it "
            "only to deal with your suggestion or message, and never publish your email address."
        ),
    ),
    section(
        "How long we keep it",
        paragraph("Suggestions and messages stay in the portal's database until staff delete them."),
        paragraph(
            "To stop abuse, the portal counts the forms sent from each network address for one hour; the count is "
            "then deleted. Failed staff sign-in attempts are recorded with their network address to stop password "
            "guessing."
        ),
    ),
    section(
        "Cookies",
        paragraph(
            "Reading the site sets no cookies. A page with a form sets one security cookie (csrftoken) that "
            "protects the form against forged submissions. Staff who sign in get a session cookie."
        ),
    ),
    section(
        "No analytics or tracking",
        paragraph(
            "This portal uses no analytics, advertising or tracking services, and loads nothing from other websites."
        ),
    ),
    section("Who is responsible for your data", paragraph("The organisation responsible for this portal:")),
    site_facts("operator"),
    section("Questions", contact_link("For any question about your data:")),
]

TRUST_PAGES = [
    {
        "slug": "about",
        "title": "About this portal",
        "introduction": (
            "This portal brings together information about neuroendocrine tumours and a directory of patient "
            "associations. Each health page says whether, when and by whom it was medically reviewed."
        ),
        "body": ABOUT_BODY,
    },
    {
        "slug": "how-we-make-our-information",
        "title": "How we make our information",
        "introduction": "How the health pages are written and reviewed, which sources they rest on, "
        "and how to tell us about a mistake.",
        "body": HOW_WE_MAKE_BODY,
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "introduction": (
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
            "If something on this site is hard to use, please tell us."
        ),
        "body": ACCESSIBILITY_BODY,
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "introduction": "What this portal stores about you, for how long, and which cookies it sets.",
        "body": PRIVACY_BODY,
    },
]
