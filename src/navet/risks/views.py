"""The risk pages: a consortium's register (matrix and list), a risk with its history, the form,
the `.xlsx` export, the SWOT board and a project's risks for the project's page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.core.confirm import confirm_removal
from navet.core.errors import DomainError, NotFound
from navet.core.exports import export_answer
from navet.core.http import AuthenticatedHttpRequest
from navet.organisations.models import Consortium
from navet.organisations.selectors import consortium_chosen
from navet.projects.models import Project
from navet.projects.selectors import project_get
from navet.risks import selectors, services
from navet.risks.exports import export_risks, register_filters, risks_export
from navet.risks.forms import RiskForm, SwotItemForm
from navet.risks.models import Risk
from navet.risks.permissions import (
    can_edit_project_risks,
    can_edit_risk,
    can_manage_consortium_risks,
)


def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    consortium = consortium_chosen(request.user, request.GET.get("samverkan", ""))
    context: dict[str, object] = {
        "consortium": consortium,
        "consortia": list(selectors.register_consortia(request.user)),
    }
    if consortium is not None:
        form, criteria = register_filters(request.user, consortium, request.GET)
        risks = selectors.risk_register(request.user, consortium, criteria)
        query = {k: v for k, v in request.GET.items() if k not in ("sannolikhet", "konsekvens")}
        query["samverkan"] = consortium.slug
        context |= {
            "form": form,
            "risks": risks,
            "matrix": selectors.risk_matrix(risks),
            "overdue": selectors.overdue_for(request.user, consortium),
            "can_manage": can_manage_consortium_risks(request.user, consortium),
            "cell_query": urlencode(query),
            "export_query": urlencode({**request.GET.dict(), "samverkan": consortium.slug}),
        }
    return render(request, "risks/register.html", context)


def risk_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The register, with its filters, as `.xlsx` (`risks.exports`)."""
    return export_answer(
        request,
        risks_export(request.user, request.GET),
        task=export_risks,
        arguments=(request.GET.urlencode(),),
        back=f"{reverse('risks:register')}?{request.GET.urlencode()}",
    )


def risk_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    project_pk = request.GET.get("projekt", "")
    project: Project | None = None
    if project_pk.isdigit() and len(project_pk) < 18:
        project = project_get(request.user, int(project_pk))
        can_edit_project_risks(request.user, project).require()
        consortium: Consortium | None = project.consortium
    else:
        consortium = consortium_chosen(request.user, request.GET.get("samverkan", ""))
        if consortium is None:
            raise NotFound(_("No such consortium."))
        can_manage_consortium_risks(request.user, consortium).require()
    assert consortium is not None  # noqa: S101
    form = RiskForm(
        request.POST or None,
        owners=selectors.owner_choices(consortium),
        initial={"status": Risk.Status.OPEN, "owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_create(
                actor=request.user,
                consortium=None if project else consortium,
                project=project,
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The risk was registered."))
            return redirect("risks:risk-detail", pk=risk.pk)
    return render(
        request,
        "risks/risk_form.html",
        {"form": form, "risk": None, "project": project, "consortium": consortium},
    )


def risk_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risk = selectors.risk_get(request.user, pk)
    return render(
        request,
        "risks/risk_detail.html",
        {
            "risk": risk,
            "consortium": selectors.risk_consortium(risk),
            "can_edit": can_edit_risk(request.user, risk),
            "level_label": selectors.level_labels()[risk.level],
            "history": selectors.risk_history(risk),
        },
    )


def risk_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    risk = selectors.risk_get(request.user, pk)
    can_edit_risk(request.user, risk).require()
    consortium = selectors.risk_consortium(risk)
    form = RiskForm(
        request.POST or None,
        owners=selectors.owner_choices(consortium),
        initial={name: getattr(risk, name) for name in services.EDITABLE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(actor=request.user, risk=risk, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The risk was saved."))
            return redirect("risks:risk-detail", pk=pk)
    return render(
        request,
        "risks/risk_form.html",
        {"form": form, "risk": risk, "project": risk.project, "consortium": consortium},
    )


def project_risks(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A project's risks, for the project's page (loaded there by htmx)."""
    project = project_get(request.user, pk)
    context = {
        "project": project,
        "risks": selectors.project_risks(request.user, project),
        "can_add": can_edit_project_risks(request.user, project),
        "level_labels": selectors.level_labels(),
    }
    template = "risks/project_risks.html"
    if request.htmx:
        template += "#project-risks"
    return render(request, template, context)


def swot(request: AuthenticatedHttpRequest) -> HttpResponse:
    consortium = consortium_chosen(request.user, request.GET.get("samverkan", ""))
    context: dict[str, object] = {
        "consortium": consortium,
        "consortia": list(selectors.register_consortia(request.user)),
    }
    if consortium is not None:
        can_manage = can_manage_consortium_risks(request.user, consortium)
        context |= {
            "quadrants": selectors.swot_board(request.user, consortium),
            "can_manage": can_manage,
            "form": SwotItemForm() if can_manage else None,
        }
    return render(request, "risks/swot.html", context)


@require_POST
def swot_item_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    consortium = consortium_chosen(request.user, request.GET.get("samverkan", ""))
    if consortium is None:
        raise NotFound(_("No such consortium."))
    form = SwotItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a quadrant and write the item."))
    else:
        try:
            services.swot_item_add(actor=request.user, consortium=consortium, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The item was added."))
    return redirect(f"{_swot_url()}?samverkan={consortium.slug}")


def _swot_url() -> str:
    return reverse("risks:swot")


def swot_item_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.swot_item_get(request.user, pk)
    can_manage_consortium_risks(request.user, item.consortium).require()
    form = SwotItemForm(
        request.POST or None, initial={"quadrant": item.quadrant, "text": item.text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.swot_item_update(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The item was saved."))
            return redirect(f"{_swot_url()}?samverkan={item.consortium.slug}")
    return render(request, "risks/swot_item_form.html", {"form": form, "item": item})


def swot_item_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.swot_item_get(request.user, pk)
    slug = item.consortium.slug
    if request.method != "POST":
        can_manage_consortium_risks(request.user, item.consortium).require()
        what = _("The SWOT item “%(text)s”.") % {"text": item.text}
        return confirm_removal(request, what=what, back=f"{_swot_url()}?samverkan={slug}")
    services.swot_item_delete(actor=request.user, item=item)
    messages.success(request, _("The item was removed."))
    return redirect(f"{_swot_url()}?samverkan={slug}")
