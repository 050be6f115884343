"""The budget builder's pages: the budget per year × category and municipality, a line's plan."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.followup import selectors, services
from navet.followup.forms import (
    BudgetGridForm,
    PlanForm,
)
from navet.followup.models import BudgetLine
from navet.followup.permissions import can_edit_budget
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


def budget_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The budget builder: totals, problems and the grid of one municipality (or the whole)."""
    project = project_get(request.user, pk)
    summary = selectors.budget_summary(project)
    municipality = _chosen_municipality(project, request.GET.get("kommun", ""))
    can_edit = can_edit_budget(request.user, project, municipality)
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
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The budget was saved."))
                query = f"?kommun={municipality.code}" if municipality is not None else ""
                return redirect(f"{request.path}{query}")
    municipalities = list(selectors.municipality_choices(project))
    # A line's plan is offered only where the budget rule lets the user write that line.
    writable: set[str | None] = {
        m.name for m in municipalities if can_edit_budget(request.user, project, m)
    }
    if can_edit_budget(request.user, project, None):
        writable.add(None)
    return render(
        request,
        "followup/budget.html",
        {
            "project": project,
            "summary": summary,
            "grid": selectors.budget_grid(summary),
            "form": form,
            "municipality": municipality,
            "municipalities": municipalities,
            "can_edit": can_edit,
            "plannable": {line.pk for line in summary.lines if line.municipality in writable},
        },
    )


def line_plan(request: AuthenticatedHttpRequest, pk: int, line_pk: int) -> HttpResponse:
    """A budget line's planned amount per quarter."""
    project = project_get(request.user, pk)
    line = BudgetLine.objects.filter(project=project, pk=line_pk).first()
    if line is None:
        raise NotFound(_("No such budget line."))
    line.project = project
    can_edit_budget(request.user, project, line.municipality).require()
    initial = dict(zip(("q1", "q2", "q3", "q4"), line.profile or (), strict=False))
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_plan(actor=request.user, line=line, profile=form.profile())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("followup:budget", pk=project.pk)
    return render(
        request, "followup/line_plan.html", {"project": project, "line": line, "form": form}
    )
