"""Public forms: a visitor's correction to an association, or a proposed new association."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Suggestion

# Bots fill every field they find; people never see this one (hidden with CSS, skipped by
# keyboard and screen readers). A filled-in trap means the submission is silently dropped.
HONEYPOT_FIELD = "homepage"


def honeypot_field():
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class SuggestionForm(forms.ModelForm):
    """Shared parts: the honeypot and the length limits the model sets."""

    homepage = honeypot_field()

    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


class CorrectionForm(SuggestionForm):
    """What is wrong or out of date about one association."""

    class Meta:
        model = Suggestion
        fields = ["message", "website", "email", "contact_email"]
        labels = {
            "message": _("What should we correct?"),
            "website": _("Correct website (if it changed)"),
            "email": _("Correct email address of the association (if it changed)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}


class NewAssociationForm(SuggestionForm):
    """A patient association the directory does not list yet."""

    class Meta:
        model = Suggestion
        fields = ["name", "country", "website", "email", "message", "contact_email"]
        labels = {
            "name": _("Name of the association"),
            "country": _("Country, or countries it serves"),
            "website": _("Website"),
            "email": _("Email address of the association"),
            "message": _("Anything else we should know"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["message"].required = False
