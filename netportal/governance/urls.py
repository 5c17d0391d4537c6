"""Public addresses of the suggestion forms (included under /suggest/)."""

from django.urls import path

from . import suggestions

app_name = "governance"

urlpatterns = [
    path("association/", suggestions.suggest_association, name="suggest_association"),
    path("correction/<slug:slug>/", suggestions.suggest_correction, name="suggest_correction"),
    path("thank-you/", suggestions.suggestion_thanks, name="suggestion_thanks"),
]
