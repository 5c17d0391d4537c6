"""Public views: suggest a correction to an association, or a new association.

Submissions wait in the admin for a directory manager; nothing on the site changes until one
of them edits and publishes the association. Each client may send a few per hour.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from organizations.models import Association, published_directory

from .forms import CorrectionForm, NewAssociationForm
from .models import Suggestion
from .rate_limit import limit_exceeded

SUGGESTIONS_PER_HOUR = 5
RATE_LIMIT_WINDOW_SECONDS = 60 * 60


def directory_page():
    return published_directory()


def association_url(directory, association):
    return directory.url + directory.reverse_subpage("association", args=[association.slug])


def handle(request, form_class, template_name, context, **saved_fields):
    """Show the form; on POST check the rate limit, then the honeypot, then the fields."""
    if request.method == "POST":
        if limit_exceeded(request, "suggestions", SUGGESTIONS_PER_HOUR, RATE_LIMIT_WINDOW_SECONDS):
            response = TemplateResponse(request, "governance/suggestion_rate_limited.html", context, status=429)
            response["Retry-After"] = str(RATE_LIMIT_WINDOW_SECONDS)
            return response
        form = form_class(request.POST)
        if form.is_spam():
            return redirect("governance:suggestion_thanks")
        if form.is_valid():
            suggestion = form.save(commit=False)
            for field, value in saved_fields.items():
                setattr(suggestion, field, value)
            suggestion.save()
            return redirect("governance:suggestion_thanks")
    else:
        form = form_class()
    return TemplateResponse(request, template_name, {**context, "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def suggest_correction(request, slug):
    association = Association.objects.filter(live=True, slug=slug).select_related("region").first()
    if association is None:
        raise Http404
    directory = directory_page()
    context = {
        "association": association,
        "association_url": association_url(directory, association) if directory else "",
        "directory_url": directory.url if directory else "",
    }
    return handle(
        request,
        CorrectionForm,
        "governance/suggest_correction.html",
        context,
        kind=Suggestion.Kind.CORRECTION,
        association=association,
        name=association.name,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def suggest_association(request):
    directory = directory_page()
    context = {"directory_url": directory.url if directory else ""}
    return handle(request, NewAssociationForm, "governance/suggest_association.html", context, kind=Suggestion.Kind.NEW)


def suggestion_thanks(request):
    directory = directory_page()
    return TemplateResponse(
        request, "governance/suggestion_thanks.html", {"directory_url": directory.url if directory else ""}
    )
