"""The follow-up page and its small forms, and the report drafts for the funder."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from navet.core.confirm import confirm_removal
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import User
from navet.core.paging import page_of
from navet.core.permissions import Decision
from navet.core.text import format_sek
from navet.core.views import document_response
from navet.followup import documents, selectors, services
from navet.followup.forms import (
    ExpenditureForm,
    IndicatorForm,
    InterventionForm,
    MeasurementForm,
    ReportDeadlineForm,
)
from navet.followup.models import BudgetLine, Indicator
from navet.followup.permissions import (
    can_edit_budget,
    can_enter_budget,
    can_manage_followup,
    can_record_measurement,
)
from navet.projects.models import Project
from navet.projects.selectors import project_get


def _enterable(
    request: AuthenticatedHttpRequest, project: Project, lines: QuerySet[BudgetLine]
) -> QuerySet[BudgetLine]:
    """The budget lines the user may enter expenditures on (the budget rule)."""
    allowed = [
        line.pk for line in lines if can_edit_budget(request.user, project, line.municipality)
    ]
    return lines.filter(pk__in=allowed)


def _followup_context(request: AuthenticatedHttpRequest, project: Project) -> dict[str, Any]:
    inputs = selectors.followup_inputs(project)
    today = timezone.localdate()
    followup = selectors.follow_on(inputs, today)
    can_enter = can_enter_budget(request.user, project)
    can_measure = can_record_measurement(request.user, project)
    can_manage = can_manage_followup(request.user, project)
    lines = selectors.budget_lines(project)
    enterable = _enterable(request, project, lines) if can_enter else lines.none()
    indicators = Indicator.objects.filter(project=project)
    return {
        "project": project,
        "followup": followup,
        "chart": selectors.burnup_of(followup) if followup and followup.result.budget_sek else None,
        "line_rows": [(followup.labels.get(line.key, ""), line) for line in followup.result.lines]
        if followup
        else [],
        "history": selectors.alert_history(inputs, today),
        "expenditures": page_of(
            request, selectors.expenditures_of(project).order_by("-spent_on", "-pk")
        ),
        "imports": list(selectors.ledger_imports(project)[:10]),
        "indicators": inputs.indicators,
        "reports": inputs.reports,
        "interventions": selectors.interventions_of(project),
        "can_enter": can_enter,
        # An expenditure is removed by whoever may enter one on its line.
        "removable_lines": {line.pk for line in enterable},
        "can_manage": can_manage,
        "expenditure_form": ExpenditureForm(lines=enterable, initial={"spent_on": today})
        if can_enter
        else None,
        "measurement_form": MeasurementForm(indicators=indicators, initial={"measured_on": today})
        if can_measure and inputs.indicators
        else None,
        "indicator_form": IndicatorForm() if can_manage else None,
        "report_form": ReportDeadlineForm() if can_manage else None,
        "intervention_form": InterventionForm(initial={"occurred_on": today})
        if can_manage
        else None,
    }


def followup_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Budget against actual, the forecast, the alerts and their history, the burn-up chart,
    expenditures, indicators, report dates and interventions of one project."""
    project = project_get(request.user, pk)
    return render(request, "followup/followup.html", _followup_context(request, project))


# The small forms of the follow-up page: each names its form, who may send it, the service and
# the message. A form that is not saved is shown again in the page, with what was typed and the
# error summary.
SmallForm = Callable[[AuthenticatedHttpRequest, Project], forms.Form]
Save = Callable[[AuthenticatedHttpRequest, Project, dict[str, Any]], object]


def _small_form(
    context_name: str,
    make: SmallForm,
    permission: Callable[[User, Project], Decision],
    save: Save,
    done: "str | StrPromise",
) -> Callable[[AuthenticatedHttpRequest, int], HttpResponse]:
    @require_POST
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        project = project_get(request.user, pk)
        permission(request.user, project).require()
        form = make(request, project)
        if form.is_valid():
            try:
                save(request, project, form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, str(done))
                return redirect("followup:followup", pk=project.pk)
        context = _followup_context(request, project) | {context_name: form}
        return render(request, "followup/followup.html", context)

    return view


expenditure_add = _small_form(
    "expenditure_form",
    lambda request, project: ExpenditureForm(
        request.POST, lines=_enterable(request, project, selectors.budget_lines(project))
    ),
    can_enter_budget,
    lambda request, project, data: services.expenditure_add(
        actor=request.user, project=project, **data
    ),
    gettext_lazy("The expenditure was entered."),
)
measurement_add = _small_form(
    "measurement_form",
    lambda request, project: MeasurementForm(
        request.POST, indicators=Indicator.objects.filter(project=project)
    ),
    can_record_measurement,
    lambda request, _project, data: services.measurement_add(actor=request.user, **data),
    gettext_lazy("The measurement was saved."),
)
indicator_add = _small_form(
    "indicator_form",
    lambda request, _project: IndicatorForm(request.POST),
    can_manage_followup,
    lambda request, project, data: services.indicator_add(
        actor=request.user, project=project, **data
    ),
    gettext_lazy("The indicator was added."),
)
report_deadline_add = _small_form(
    "report_form",
    lambda request, _project: ReportDeadlineForm(request.POST),
    can_manage_followup,
    lambda request, project, data: services.report_deadline_add(
        actor=request.user, project=project, **data
    ),
    gettext_lazy("The report date was saved."),
)
intervention_add = _small_form(
    "intervention_form",
    lambda request, _project: InterventionForm(request.POST),
    can_manage_followup,
    lambda request, project, data: services.intervention_record(
        actor=request.user, project=project, **data
    ),
    gettext_lazy("The intervention was recorded."),
)


def expenditure_delete(
    request: AuthenticatedHttpRequest, pk: int, expenditure_pk: int
) -> HttpResponse:
    project = project_get(request.user, pk)
    expenditure = selectors.expenditures_of(project).filter(pk=expenditure_pk).first()
    if expenditure is None:
        raise NotFound(_("No such expenditure."))
    expenditure.project = project
    if request.method != "POST":
        can_edit_budget(request.user, project, expenditure.budget_line.municipality).require()
        what = _("The expenditure of %(day)s, %(amount)s: %(description)s.") % {
            "day": expenditure.spent_on.isoformat(),
            "amount": format_sek(expenditure.amount),
            "description": expenditure.description,
        }
        back = reverse("followup:followup", kwargs={"pk": project.pk})
        return confirm_removal(request, what=what, back=back)
    services.expenditure_delete(actor=request.user, expenditure=expenditure)
    messages.success(request, _("The expenditure was removed."))
    return redirect("followup:followup", pk=project.pk)


def report_download(
    request: AuthenticatedHttpRequest, pk: int, kind: str, fmt: str
) -> HttpResponse:
    """The interim or final report draft for the funder, as Word or PDF."""
    project = project_get(request.user, pk)
    if kind not in ("interim", "final"):
        raise NotFound(_("No such report."))
    followup = selectors.followup_of(project)
    if followup is None:
        raise NotFound(_("The project has no period, so there is nothing to report yet."))
    document = documents.report_document(followup, kind)
    stem = f"{'slutrapport' if kind == 'final' else 'delrapport'}-projekt-{project.pk}"
    return document_response(document, stem, fmt)


def portfolio_page(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consortium, projects = selectors.portfolio_of(request.user, slug)
    today = timezone.localdate()
    followed = selectors.portfolio_followup(projects, today)
    portfolio = followed.total
    return render(
        request,
        "followup/portfolio.html",
        {
            "consortium": consortium,
            "rows": followed.rows,
            "without_budget": followed.without_budget,
            "result": portfolio,
            "chart": selectors.chart_of(
                portfolio.periods, today, portfolio.budget_sek, portfolio.forecast_sek
            )
            if portfolio.budget_sek
            else None,
            "today": today,
        },
    )
