from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from navet.calls import selectors
from navet.calls.forms import CallFilterForm
from navet.calls.permissions import can_manage_calls
from navet.core.audit import history_for
from navet.core.http import AuthenticatedHttpRequest


@login_required
def call_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET or None, choices=selectors.filter_choices())
    criteria = form.criteria()
    now = timezone.now()
    calls = list(selectors.calls_matching(criteria, now)[:200])
    rows = [{"call": call, "days_left": call.days_left_on(now)} for call in calls]
    return render(
        request,
        "calls/call_list.html",
        {"form": form, "rows": rows, "criteria": criteria, "truncated": len(calls) == 200},
    )


@login_required
def call_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_get(pk)
    now = timezone.now()
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "status": call.status_on(now),
            "days_left": call.days_left_on(now),
            "can_manage": can_manage_calls(request.user),
            "history": history_for(call),
        },
    )


@login_required
def funder_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "calls/funder_list.html", {"funders": selectors.funders_with_programmes()}
    )
