"""A removal asks first, without JavaScript: the remove link opens a page that names what goes,
and only the post of that page's button removes it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_removal(request: HttpRequest, *, what: str, back: str) -> HttpResponse:
    """The question before a removal: `what` names the thing, `back` is where *Avbryt* leads."""
    return render(request, "core/confirm_removal.html", {"what": what, "back": back})
