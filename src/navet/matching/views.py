"""The need's best calls and partner municipalities, shown on the need's page."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from navet.core.http import AuthenticatedHttpRequest
from navet.matching.selectors import (
    matcher_for,
    need_suggestions,
    partners_for,
    stored_suggestions,
)
from navet.matching.services import need_matches_refresh
from navet.needs.selectors import need_get


def need_suggestions_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = need_get(request.user, pk)
    now = timezone.now()
    matcher, calls = matcher_for(now)
    matches = need_suggestions(need, now)
    if matches is None:  # never ranked, or changed since: rank it now
        need_matches_refresh(need, matcher=matcher, calls=calls, today=timezone.localdate(now))
        matches = stored_suggestions(need)
    context = {"need": need, "matches": matches, "partners": partners_for(need, matcher)}
    template = "matching/need_suggestions.html"
    if request.htmx:
        template += "#suggestions"
    return render(request, template, context)
