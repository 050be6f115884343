"""The agreement pages: the agreement with its goals, sub-goals and action plan, the forms the
coordinators write them with, a sub-goal's measurements, and the yearly follow-up report."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.views import document_response
from navet.decisions import documents
from navet.decisions.forms import (
    ActionForm,
    AgreementForm,
    GoalForm,
    MeasurementForm,
    SubGoalForm,
)
from navet.decisions.models import Agreement
from navet.decisions.permissions import can_manage_agreement
from navet.decisions.selectors import agreement as selectors
from navet.decisions.services import agreement as services
from navet.organisations.models import Consortium, Municipality
from navet.organisations.selectors import consortium_for


def _agreement(request: AuthenticatedHttpRequest, slug: str) -> tuple[Consortium, Agreement]:
    consortium = consortium_for(request.user, slug)
    agreement = selectors.agreement_of(consortium)
    if agreement is None:
        raise NotFound(_("%(name)s has no agreement in Navet yet.") % {"name": consortium.name})
    return consortium, agreement


def _form_page(
    request: AuthenticatedHttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    *,
    heading: str,
    back: tuple[str, str],
    done: str,
    success: str,
) -> HttpResponse:
    """Show `form`; on a valid post, `save` its data and go to `done`."""
    if request.method == "POST" and form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return redirect(done)
    return render(
        request,
        "decisions/agreement_form.html",
        {"form": form, "heading": heading, "back_url": back[0], "back_label": back[1]},
    )


def agreement_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    agreement = selectors.agreement_of(consortium)
    today = timezone.localdate()
    goals = selectors.goals_of(agreement) if agreement else []
    return render(
        request,
        "decisions/agreement_detail.html",
        {
            "consortium": consortium,
            "agreement": agreement,
            "goals": [
                (
                    goal,
                    [(s, selectors.subgoal_progress(s, today)) for s in goal.subgoals.all()],
                )
                for goal in goals
            ],
            "actions": selectors.actions_of(agreement) if agreement else [],
            "labels": selectors.STATUS_LABELS,
            "can_manage": can_manage_agreement(request.user, consortium),
            "year": today.year,
        },
    )


def agreement_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    can_manage_agreement(request.user, consortium).require()
    agreement = selectors.agreement_of(consortium)
    initial = (
        {name: getattr(agreement, name) for name in ("title", "vision", "reference", "adopted_on")}
        if agreement
        else {}
    )
    form = AgreementForm(request.POST or None, initial=initial)
    url = reverse("decisions:agreement-detail", args=[consortium.slug])
    return _form_page(
        request,
        form,
        lambda data: services.agreement_save(actor=request.user, consortium=consortium, **data),
        heading=_("The agreement of %(name)s") % {"name": consortium.name},
        back=(url, consortium.name),
        done=url,
        success=_("The agreement was saved."),
    )


def goal_edit(request: AuthenticatedHttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    consortium, agreement = _agreement(request, slug)
    can_manage_agreement(request.user, consortium).require()
    goal = selectors.goal_get(request.user, pk) if pk else None
    if goal is not None and goal.agreement_id != agreement.pk:
        raise NotFound(_("No such goal, or none you may see."))
    initial = {"title": goal.title, "description": goal.description} if goal else {}
    url = reverse("decisions:agreement-detail", args=[consortium.slug])
    return _form_page(
        request,
        GoalForm(request.POST or None, initial=initial),
        lambda data: services.goal_save(actor=request.user, agreement=agreement, goal=goal, **data),
        heading=_("Change the goal") if goal else _("New goal"),
        back=(url, agreement.title),
        done=url,
        success=_("The goal was saved."),
    )


def subgoal_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get(request.user, pk)
    can_manage_agreement(request.user, goal.agreement.consortium).require()
    url = reverse("decisions:agreement-detail", args=[goal.agreement.consortium.slug])
    return _form_page(
        request,
        SubGoalForm(request.POST or None),
        lambda data: services.subgoal_save(actor=request.user, goal=goal, **data),
        heading=_("New sub-goal of %(goal)s") % {"goal": goal.title},
        back=(url, goal.agreement.title),
        done=url,
        success=_("The sub-goal was saved."),
    )


def subgoal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    subgoal = selectors.subgoal_get(request.user, pk)
    can_manage_agreement(request.user, subgoal.goal.agreement.consortium).require()
    fields = ("title", "indicator", "unit", "baseline", "baseline_on", "target", "target_on")
    url = reverse("decisions:subgoal-detail", args=[subgoal.pk])
    return _form_page(
        request,
        SubGoalForm(request.POST or None, initial={f: getattr(subgoal, f) for f in fields}),
        lambda data: services.subgoal_save(
            actor=request.user, goal=subgoal.goal, subgoal=subgoal, **data
        ),
        heading=_("Change the sub-goal"),
        back=(url, subgoal.title),
        done=url,
        success=_("The sub-goal was saved."),
    )


def subgoal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    subgoal = selectors.subgoal_get(request.user, pk)
    consortium = subgoal.goal.agreement.consortium
    manage = can_manage_agreement(request.user, consortium)
    form = MeasurementForm(request.POST or None) if manage else None
    if request.method == "POST":
        manage.require()
        if form is not None and form.is_valid():
            try:
                services.measurement_record(
                    actor=request.user, subgoal=subgoal, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The measurement was recorded."))
                return redirect("decisions:subgoal-detail", pk=pk)
    return render(
        request,
        "decisions/subgoal_detail.html",
        {
            "subgoal": subgoal,
            "consortium": consortium,
            "measurements": list(subgoal.measurements.all()),
            "progress": selectors.subgoal_progress(subgoal, timezone.localdate()),
            "labels": selectors.STATUS_LABELS,
            "form": form,
        },
    )


def action_edit(
    request: AuthenticatedHttpRequest, slug: str, pk: int | None = None
) -> HttpResponse:
    consortium, agreement = _agreement(request, slug)
    can_manage_agreement(request.user, consortium).require()
    item = selectors.action_get(request.user, pk) if pk else None
    if item is not None and item.agreement_id != agreement.pk:
        raise NotFound(_("No such action, or none you may see."))
    fields = ("area", "action", "responsible_municipality", "responsible_body", "due_on", "status")
    initial = {f: getattr(item, f) for f in fields} if item else {"status": "planned"}
    url = reverse("decisions:agreement-detail", args=[consortium.slug]) + "#action-plan"
    return _form_page(
        request,
        ActionForm(
            request.POST or None,
            initial=initial,
            members=Municipality.objects.filter(memberships__consortium=consortium).order_by(
                "name"
            ),
        ),
        lambda data: services.action_save(
            actor=request.user, agreement=agreement, item=item, **data
        ),
        heading=_("Change the action") if item else _("New action"),
        back=(url, agreement.title),
        done=url,
        success=_("The action was saved."),
    )


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("ar", "")
    today = timezone.localdate()
    if raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= today.year:
        return int(raw)
    return today.year


def followup(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consortium, agreement = _agreement(request, slug)
    today = timezone.localdate()
    report = selectors.followup_of(agreement, _year(request), today)
    return render(
        request,
        "decisions/followup.html",
        {
            "consortium": consortium,
            "report": report,
            "labels": selectors.STATUS_LABELS,
            "years": list(range(today.year, today.year - 5, -1)),
            "pdf_url": reverse("decisions:followup-document", args=[slug, "pdf"])
            + f"?ar={report.year}",
        },
    )


def followup_document(request: AuthenticatedHttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The follow-up as PDF (or Word) for the steering group."""
    consortium, agreement = _agreement(request, slug)
    report = selectors.followup_of(agreement, _year(request), timezone.localdate())
    stem = f"uppfoljning-{consortium.slug}-{report.year}"
    return document_response(documents.followup_document(report), stem, fmt)
