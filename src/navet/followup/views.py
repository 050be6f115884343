"""The budget and follow-up pages of a project: the budget builder, a line's plan per quarter,
the follow-up page with its small forms, the ledger import and the report drafts."""

import base64
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.calls.spreadsheets import SpreadsheetError
from navet.core.errors import DomainError, NotFound, PermissionDenied
from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import User
from navet.core.views import document_response
from navet.followup import ledger, report, selectors, services
from navet.followup.forms import (
    BudgetGridForm,
    ExpenditureForm,
    IndicatorForm,
    InterventionForm,
    LedgerMappingForm,
    LedgerUploadForm,
    MeasurementForm,
    PlanForm,
    ReportDeadlineForm,
)
from navet.followup.models import BudgetLine, Indicator
from navet.followup.permissions import can_edit_budget, can_manage_followup
from navet.organisations.models import Municipality
from navet.projects.models import Project
from navet.projects.selectors import project_get


def _budget_years(project: Project, summary: selectors.BudgetSummary) -> list[int]:
    years = set(summary.by_year)
    if project.starts_on and project.ends_on:
        years |= set(range(project.starts_on.year, project.ends_on.year + 1))
    if not years:
        years = {timezone.localdate().year}
    return sorted(years)


def _chosen_municipality(project: Project, code: str) -> Municipality | None:
    if not code:
        return None
    municipality = selectors.municipality_choices(project).filter(code=code).first()
    if municipality is None:
        raise NotFound(_("The municipality does not take part in the project."))
    return municipality


@login_required
def budget_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The budget builder: totals, problems and the grid of one municipality (or the whole)."""
    project = project_get(request.user, pk)
    summary = selectors.budget_summary(project)
    municipality = _chosen_municipality(project, request.GET.get("kommun", ""))
    can_edit = can_edit_budget(request.user, project)
    name = municipality.name if municipality is not None else None
    initial = {
        (line.category, line.year): line.amount_sek
        for line in summary.lines
        if line.municipality == name
    }
    years = _budget_years(project, summary)
    form = BudgetGridForm(
        request.POST if request.method == "POST" else None,
        years=years,
        initial_amounts=initial,
    )
    if request.method == "POST":
        can_edit.require()
        if form.is_valid():
            try:
                services.budget_set(
                    actor=request.user,
                    project=project,
                    municipality=municipality,
                    amounts=form.amounts(),
                )
            except PermissionDenied:
                raise
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The budget was saved."))
                query = f"?kommun={municipality.code}" if municipality is not None else ""
                return redirect(f"{request.path}{query}")
    return render(
        request,
        "followup/budget.html",
        {
            "project": project,
            "summary": summary,
            "grid": selectors.budget_grid(summary),
            "form": form,
            "municipality": municipality,
            "municipalities": list(selectors.municipality_choices(project)),
            "can_edit": can_edit,
        },
    )


@login_required
def line_plan(request: AuthenticatedHttpRequest, pk: int, line_pk: int) -> HttpResponse:
    """A budget line's planned amount per quarter."""
    project = project_get(request.user, pk)
    line = BudgetLine.objects.filter(project=project, pk=line_pk).first()
    if line is None:
        raise NotFound(_("No such budget line."))
    line.project = project
    can_edit_budget(request.user, project).require()
    initial = dict(zip(("q1", "q2", "q3", "q4"), line.profile or (), strict=False))
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_plan(actor=request.user, line=line, profile=form.profile())
        except PermissionDenied:
            raise
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("followup:budget", pk=project.pk)
    return render(
        request, "followup/line_plan.html", {"project": project, "line": line, "form": form}
    )


def _followup_context(request: AuthenticatedHttpRequest, project: Project) -> dict[str, Any]:
    inputs = selectors.followup_inputs(project)
    today = timezone.localdate()
    followup = selectors.follow_on(inputs, today)
    can_enter = can_edit_budget(request.user, project)
    can_manage = can_manage_followup(request.user, project)
    lines = selectors.budget_lines(project)
    indicators = Indicator.objects.filter(project=project)
    return {
        "project": project,
        "followup": followup,
        "chart": selectors.burnup_of(followup) if followup and followup.result.budget_sek else None,
        "line_rows": [(followup.labels.get(line.key, ""), line) for line in followup.result.lines]
        if followup
        else [],
        "history": selectors.alert_history(inputs, today),
        "expenditures": list(selectors.expenditures_of(project).order_by("-spent_on", "-pk")),
        "imports": list(selectors.ledger_imports(project)[:10]),
        "indicators": inputs.indicators,
        "reports": inputs.reports,
        "interventions": selectors.interventions_of(project),
        "can_enter": can_enter,
        "can_manage": can_manage,
        "expenditure_form": ExpenditureForm(lines=lines, initial={"spent_on": today})
        if can_enter
        else None,
        "measurement_form": MeasurementForm(indicators=indicators, initial={"measured_on": today})
        if can_enter and inputs.indicators
        else None,
        "indicator_form": IndicatorForm() if can_manage else None,
        "report_form": ReportDeadlineForm() if can_manage else None,
        "intervention_form": InterventionForm(initial={"occurred_on": today})
        if can_manage
        else None,
    }


@login_required
def followup_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Budget against actual, the forecast, the alerts and their history, the burn-up chart,
    expenditures, indicators, report dates and interventions of one project."""
    project = project_get(request.user, pk)
    return render(request, "followup/followup.html", _followup_context(request, project))


def _post_form(
    request: AuthenticatedHttpRequest,
    project: Project,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Save a small form of the follow-up page; on error show the page with the form's errors."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except PermissionDenied:
            raise
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect("followup:followup", pk=project.pk)
    context = _followup_context(request, project)
    name = {
        ExpenditureForm: "expenditure_form",
        MeasurementForm: "measurement_form",
        IndicatorForm: "indicator_form",
        ReportDeadlineForm: "report_form",
        InterventionForm: "intervention_form",
    }[type(form)]
    context[name] = form
    return render(request, "followup/followup.html", context, status=400)


@login_required
@require_POST
def expenditure_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    can_edit_budget(request.user, project).require()
    form = ExpenditureForm(request.POST, lines=selectors.budget_lines(project))
    return _post_form(
        request,
        project,
        form,
        lambda data: services.expenditure_add(actor=request.user, project=project, **data),
        _("The expenditure was entered."),
    )


@login_required
@require_POST
def expenditure_delete(
    request: AuthenticatedHttpRequest, pk: int, expenditure_pk: int
) -> HttpResponse:
    project = project_get(request.user, pk)
    expenditure = selectors.expenditures_of(project).filter(pk=expenditure_pk).first()
    if expenditure is None:
        raise NotFound(_("No such expenditure."))
    expenditure.project = project
    services.expenditure_delete(actor=request.user, expenditure=expenditure)
    messages.success(request, _("The expenditure was removed."))
    return redirect("followup:followup", pk=project.pk)


@login_required
@require_POST
def indicator_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    can_manage_followup(request.user, project).require()
    return _post_form(
        request,
        project,
        IndicatorForm(request.POST),
        lambda data: services.indicator_add(actor=request.user, project=project, **data),
        _("The indicator was added."),
    )


@login_required
@require_POST
def measurement_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    can_edit_budget(request.user, project).require()
    form = MeasurementForm(request.POST, indicators=Indicator.objects.filter(project=project))
    return _post_form(
        request,
        project,
        form,
        lambda data: services.measurement_add(actor=request.user, **data),
        _("The measurement was saved."),
    )


@login_required
@require_POST
def report_deadline_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    can_manage_followup(request.user, project).require()
    return _post_form(
        request,
        project,
        ReportDeadlineForm(request.POST),
        lambda data: services.report_deadline_add(actor=request.user, project=project, **data),
        _("The report date was saved."),
    )


@login_required
@require_POST
def intervention_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    can_manage_followup(request.user, project).require()
    return _post_form(
        request,
        project,
        InterventionForm(request.POST),
        lambda data: services.intervention_record(actor=request.user, project=project, **data),
        _("The intervention was recorded."),
    )


@login_required
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
    document = report.build(selectors.report_data(followup, kind))
    stem = f"{'slutrapport' if kind == 'final' else 'delrapport'}-projekt-{project.pk}"
    return document_response(document, stem, fmt)


# The ledger import: upload, choose the columns once per municipality, preview, confirm.
_SALT = "navet.followup.ledger-import"
_MAX_AGE = 3600


def _sign(user: User, municipality: Municipality, filename: str, content: bytes) -> str:
    return signing.dumps(
        {
            "u": user.pk,
            "m": municipality.pk,
            "f": filename,
            "c": base64.b64encode(content).decode(),
        },
        salt=_SALT,
        compress=True,
    )


def _unsign(user: User, token: str) -> tuple[int, str, bytes]:
    try:
        data = signing.loads(token, salt=_SALT, max_age=_MAX_AGE)
    except signing.BadSignature as error:
        raise DomainError(_("The preview has expired; upload the file again.")) from error
    if data.get("u") != user.pk:
        raise DomainError(_("The preview has expired; upload the file again."))
    return int(data["m"]), str(data["f"]), base64.b64decode(data["c"])


@login_required
def ledger_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    can_edit_budget(request.user, project).require()
    municipalities = selectors.municipality_choices(project)
    context: dict[str, Any] = {"project": project}
    upload = LedgerUploadForm(
        request.POST if request.POST.get("step") == "upload" else None,
        request.FILES or None,
        municipalities=municipalities,
        initial={"municipality": project.owner_id},
    )
    context["upload_form"] = upload
    if request.method != "POST":
        return render(request, "followup/ledger_import.html", context)
    step = request.POST.get("step")
    try:
        if step == "upload":
            if not upload.is_valid():
                return render(request, "followup/ledger_import.html", context, status=400)
            municipality = upload.cleaned_data["municipality"]
            file = upload.cleaned_data["file"]
            token = _sign(request.user, municipality, file.name, file.read())
        else:
            token = request.POST.get("token", "")
        municipality_pk, filename, content = _unsign(request.user, token)
        municipality = municipalities.filter(pk=municipality_pk).first()
        if municipality is None:
            raise NotFound(_("The municipality does not take part in the project."))
        context |= {"token": token, "municipality": municipality, "filename": filename}
        if step == "mapping":
            return _ledger_mapping(request, project, municipality, filename, content, context)
        if step == "confirm":
            batch = services.ledger_import(
                actor=request.user,
                project=project,
                municipality=municipality,
                filename=filename,
                content=content,
            )
            messages.success(
                request,
                _("%(rows)s rows were imported from %(file)s.")
                % {"rows": batch.rows, "file": batch.filename},
            )
            return redirect("followup:followup", pk=project.pk)
        return _ledger_preview(request, project, municipality, filename, content, context)
    except PermissionDenied:
        raise
    except DomainError as error:
        context["error"] = error.message
        return render(request, "followup/ledger_import.html", context, status=400)


def _header_of(filename: str, content: bytes, mapping: ledger.Mapping | None) -> list[str]:
    needed = [mapping.date_column, mapping.amount_column, mapping.account_column] if mapping else []
    try:
        rows = ledger.read_sheet(filename, content)
        try:
            return ledger.find_header(rows, needed).header
        except SpreadsheetError:
            return ledger.find_header(rows).header
    except SpreadsheetError as error:
        raise DomainError(str(error)) from error


def _mapping_form(
    filename: str, content: bytes, municipality: Municipality, data: Any = None
) -> LedgerMappingForm:
    stored = selectors.ledger_mapping(municipality)
    mapping = selectors.mapping_of(stored) if stored else None
    header = _header_of(filename, content, mapping)
    if stored is not None:
        initial = {
            "date_column": stored.date_column,
            "amount_column": stored.amount_column,
            "account_column": stored.account_column,
            "text_column": stored.text_column,
            "reference_column": stored.reference_column,
            "accounts": ledger.format_accounts(stored.accounts),
        }
    else:
        initial = {**ledger.guess_mapping(header), "accounts": ""}
    return LedgerMappingForm(data, header=header, initial=initial)


def _ledger_mapping(
    request: AuthenticatedHttpRequest,
    project: Project,
    municipality: Municipality,
    filename: str,
    content: bytes,
    context: dict[str, Any],
) -> HttpResponse:
    form = _mapping_form(filename, content, municipality, request.POST)
    if form.is_valid():
        try:
            services.ledger_mapping_set(
                actor=request.user, project=project, municipality=municipality, **form.cleaned_data
            )
        except PermissionDenied:
            raise
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _ledger_preview(request, project, municipality, filename, content, context)
    context["mapping_form"] = form
    return render(request, "followup/ledger_import.html", context, status=400)


def _ledger_preview(
    request: AuthenticatedHttpRequest,
    project: Project,
    municipality: Municipality,
    filename: str,
    content: bytes,
    context: dict[str, Any],
) -> HttpResponse:
    context["mapping_form"] = _mapping_form(filename, content, municipality)
    if selectors.ledger_mapping(municipality) is not None:
        try:
            context["preview"] = services.ledger_read(project, municipality, filename, content)
        except DomainError as error:
            context["error"] = error.message
    return render(request, "followup/ledger_import.html", context)
