"""Demo content for governance: the contact page. Idempotent: found by its slug below the home page."""

from django.utils.translation import gettext_noop

from .models import ContactFormField, ContactPage

CONTACT_INTRODUCTION = (
    "Send us a message about this portal: a mistake you found, an accessibility problem, or a question about "
    "how the portal works. We cannot answer personal medical questions; please ask your care team."
)
CONTACT_FIELDS = [
    # In the interface catalogue (gettext_noop): the form reads in the visitor's language.
    {"label": gettext_noop("Your name"), "field_type": "singleline", "required": False, "help_text": ""},
    {
        "label": gettext_noop("Your email address"),
        "field_type": "email",
        "required": False,
        "help_text": gettext_noop("Only if you would like a reply. Never published."),
    },
    {"label": gettext_noop("Your message"), "field_type": "multiline", "required": True, "help_text": ""},
]


def load(home, report):
    if ContactPage.objects.child_of(home).filter(slug="contact").exists():
        return
    page = ContactPage(
        title="Contact",
        slug="contact",
        introduction=CONTACT_INTRODUCTION,
        thank_you_text="Thank you: your message has been sent. Staff read every message.",
    )
    for number, field in enumerate(CONTACT_FIELDS):
        page.form_fields.add(ContactFormField(sort_order=number, **field))
    home.add_child(instance=page)
    page.save_revision().publish()
    report("created the contact page")
