"""The economics pages: the scenario of the cost-sharing model, and a consortium's year
evaluated from its projects (with the yearly cost form for coordinators)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.core.confirm import confirm_removal
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.text import format_sek
from navet.core.views import document_response
from navet.economics import chart, costsharing, documents, selectors, services
from navet.economics.forms import ResourceCostForm, ScenarioForm, TimeEntryForm
from navet.economics.permissions import can_log_time, can_set_resource_cost
from navet.organisations.models import Consortium
from navet.organisations.selectors import consortium_for

FIRST_YEAR, LAST_YEAR = 2000, 2100


def scenario(request: AuthenticatedHttpRequest) -> HttpResponse:
    consortia = selectors.readable_consortia(request.user)
    form = ScenarioForm(request.GET, consortia=[(c.slug, c.name) for c in consortia])
    result = None
    problem = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["consortium"]:
                consortium = next(c for c in consortia if c.slug == data["consortium"])
                members = selectors.members_of(consortium)
            else:
                members = costsharing.numbered_members(data["municipalities"])
            result = costsharing.compute(
                costsharing.Scenario(
                    cost_sek=data["cost_sek"],
                    grants_sek=data["grants_sek"],
                    admin_share_percent=data["admin_share_percent"],
                    members=members,
                    key=costsharing.Key(data["key"]),
                    base_share_percent=data["base_share_percent"] or 0,
                )
            )
        except costsharing.ScenarioError as error:
            problem = error.message
    bars = None
    if result is not None:
        bars = chart.bars(
            [(s.member.name, s.net_sek, format_sek(s.net_sek)) for s in result.shares]
        )
    return render(
        request,
        "economics/scenario.html",
        {
            "form": form,
            "result": result,
            "problem": problem,
            "chart": bars,
            "consortia": consortia,
            "this_year": timezone.localdate().year,
        },
    )


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NotFound(_("No such year."))
    return year


def evaluation(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    report = selectors.evaluation(request.user, consortium, _year(year))
    cost = report.resource_cost
    form = ResourceCostForm(
        initial={
            "cost_sek": cost.cost_sek if cost else None,
            "key": cost.key if cost else costsharing.Key.EQUAL.value,
            "base_share_percent": cost.base_share_percent if cost else 0,
        }
    )
    return render(
        request,
        "economics/evaluation.html",
        {
            "report": report,
            "form": form,
            "can_set_cost": can_set_resource_cost(request.user, consortium),
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
        },
    )


def municipality_summary(
    request: AuthenticatedHttpRequest, slug: str, year: int, code: str
) -> HttpResponse:
    """One member's year on one printable page: what the shared resource costs it and brings."""
    consortium = consortium_for(request.user, slug)
    found = selectors.municipality_year(request.user, consortium, _year(year), code)
    return render(
        request,
        "economics/summary.html",
        {"report": found.report, "row": found.row, "projects": found.projects},
    )


def evaluation_report(
    request: AuthenticatedHttpRequest, slug: str, year: int, fmt: str
) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    years = selectors.evaluation_period(request.user, consortium, _year(year))
    document = documents.evaluation_document(years[-1], years, timezone.localdate())
    return document_response(document, f"utvardering-{consortium.slug}-{year}", fmt)


@require_POST
def resource_cost_set(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    can_set_resource_cost(request.user, consortium).require()
    form = ResourceCostForm(request.POST)
    if form.is_valid():
        try:
            services.resource_cost_set(
                actor=request.user,
                consortium=consortium,
                year=_year(year),
                cost_sek=form.cleaned_data["cost_sek"],
                key=form.cleaned_data["key"],
                base_share_percent=form.cleaned_data["base_share_percent"] or 0,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The cost of the resource is saved."))
            return redirect("economics:evaluation", slug=slug, year=year)
    else:
        messages.error(request, _("Check the cost: %(problems)s") % {"problems": _problems(form)})
    return redirect("economics:evaluation", slug=slug, year=year)


def _problems(form: ResourceCostForm) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def _time_form(request: AuthenticatedHttpRequest, consortium: Consortium) -> TimeEntryForm:
    return TimeEntryForm(
        request.POST if request.method == "POST" else None,
        initial={"worked_on": timezone.localdate()},
        municipalities=selectors.member_municipalities(consortium),
        projects=selectors.consortium_projects(request.user, consortium),
    )


def time_log(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    may_log = can_log_time(request.user, consortium)
    if request.method == "POST":
        may_log.require()
    # Readers see the log without the form: no choices to load for them.
    form = _time_form(request, consortium) if may_log else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.time_entry_add(
                actor=request.user,
                consortium=consortium,
                municipality=data["municipality"],
                project=data["project"],
                worked_on=data["worked_on"],
                hours=data["hours"],
                note=data["note"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The time is logged."))
            return redirect("economics:time-log", slug=slug, year=data["worked_on"].year)
    return render(
        request,
        "economics/time_log.html",
        {
            "consortium": consortium,
            "year": _year(year),
            "entries": selectors.time_log(consortium, year),
            "evaluation": selectors.evaluation(request.user, consortium, year),
            "form": form,
            "can_log": may_log,
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
        },
    )


def time_entry_delete(
    request: AuthenticatedHttpRequest, slug: str, year: int, entry_id: int
) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    if request.method != "POST":
        can_log_time(request.user, consortium).require()
        entry = selectors.time_entry_get(request.user, entry_id)
        if entry.consortium_id != consortium.pk:
            raise NotFound(_("No such time entry."))
        what = _("The time entry of %(municipality)s on %(day)s: %(hours)s hours.") % {
            "municipality": entry.municipality.name,
            "day": entry.worked_on.isoformat(),
            "hours": entry.hours,
        }
        back = reverse("economics:time-log", kwargs={"slug": slug, "year": year})
        return confirm_removal(request, what=what, back=back)
    services.time_entry_delete(actor=request.user, consortium=consortium, entry_id=entry_id)
    messages.success(request, _("The time entry is removed."))
    return redirect("economics:time-log", slug=slug, year=year)
