from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.calls.spreadsheets import write_csv, write_workbook
from navet.core.errors import DomainError, NotFound
from navet.core.exports import download, export_answer
from navet.core.http import AuthenticatedHttpRequest
from navet.core.paging import page_of
from navet.needs import selectors, services
from navet.needs.exports import export_needs, filter_form, needs_export
from navet.needs.forms import EndorseForm, NeedFilterForm, NeedForm, NeedImportForm, StatusForm
from navet.needs.models import Need
from navet.needs.permissions import (
    can_edit_need,
    can_endorse,
    can_enter_needs,
    editable_municipalities,
    endorsing_municipalities,
    withdrawable,
)
from navet.organisations.models import Consortium
from navet.organisations.selectors import consortium_for


def _filter_form(request: AuthenticatedHttpRequest) -> NeedFilterForm:
    return filter_form(request.user, request.GET)


def need_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The needs the user may see, with filters, exports and (for those allowed) an upload."""
    form = _filter_form(request)
    criteria = form.criteria()
    needs = selectors.ordered_needs(selectors.needs_matching(request.user, criteria), criteria.sort)
    can_enter = can_enter_needs(request.user)
    return render(
        request,
        "needs/need_list.html",
        {
            "form": form,
            "page": page_of(request, needs),
            "can_enter": can_enter,
            "import_form": NeedImportForm() if can_enter else None,
        },
    )


def need_export(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    """The list, with its filters, in the interchange format (`needs.exports`)."""
    return export_answer(
        request,
        needs_export(request.user, request.GET, kind),
        task=export_needs,
        arguments=(request.GET.urlencode(), kind),
        back=f"{reverse('needs:need-list')}?{request.GET.urlencode()}",
    )


def need_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload needs (JSON, .xlsx, CSV) and see what was imported and what was not."""
    can_enter_needs(request.user).require()
    form = NeedImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.needs_import_file(
                actor=request.user, filename=upload.name, content=upload.read()
            )
        except DomainError as error:
            form.add_error("file", error.message)
    return render(request, "needs/need_import.html", {"form": form, "report": report})


def need_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Enter a need, or change one; the municipality among those the user may enter for."""
    need = selectors.need_get(request.user, pk) if pk else None
    if need is None:
        can_enter_needs(request.user).require()
    else:
        can_edit_need(request.user, need).require()
    title = need.title if need else ""  # as stored: the form copies what is typed onto `need`
    form = NeedForm(
        request.POST or None,
        instance=need,
        municipalities=editable_municipalities(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes, groups = data.pop("themes"), data.pop("target_groups")
        try:
            if need is None:
                need = services.need_create(
                    actor=request.user, themes=themes, target_groups=groups, **data
                )
            else:
                need = services.need_update(
                    actor=request.user, need=need, themes=themes, target_groups=groups, **data
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The need was saved."))
            return redirect("needs:need-detail", pk=need.pk)
    return render(request, "needs/need_form.html", {"form": form, "need": need, "title": title})


def need_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(request.user, pk)
    return _detail(request, need)


def _detail(
    request: AuthenticatedHttpRequest,
    need: Need,
    *,
    endorse_form: EndorseForm | None = None,
    status_form: StatusForm | None = None,
) -> HttpResponse:
    endorse = can_endorse(request.user, need)
    given = list(need.endorsements.all())
    may_withdraw = withdrawable(request.user, need, given)
    endorsements = [
        {"endorsement": e, "can_withdraw": e.municipality_id in may_withdraw} for e in given
    ]
    endorsed = {e.municipality_id for e in given}
    # The form is offered for the municipalities the user speaks for that have not endorsed yet.
    endorsers = [m for m in endorsing_municipalities(request.user, need) if m.pk not in endorsed]
    if endorse and not endorsers and endorse_form is None:
        reason = _("Your municipality has said it has this need too.")
    else:
        reason = endorse.reason
        if endorse and endorse_form is None:
            endorse_form = EndorseForm(None, municipalities=endorsers)
    return render(
        request,
        "needs/need_detail.html",
        {
            "need": need,
            "can_edit": can_edit_need(request.user, need),
            "can_endorse": endorse,
            "endorse_form": endorse_form,
            "endorse_reason": reason,
            "status_form": status_form or StatusForm(initial={"status": need.status}),
            "endorsements": endorsements,
            "history": selectors.need_history(need),
        },
    )


@require_POST
def need_endorse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(request.user, pk)
    can_endorse(request.user, need).require()
    form = EndorseForm(request.POST, municipalities=endorsing_municipalities(request.user, need))
    if form.is_valid():
        try:
            services.need_endorse(actor=request.user, need=need, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your municipality now shares this need."))
            return redirect("needs:need-detail", pk=need.pk)
    return _detail(request, need, endorse_form=form)


@require_POST
def endorsement_withdraw(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    endorsement = selectors.endorsement_get(request.user, pk, code)
    services.need_endorsement_withdraw(actor=request.user, endorsement=endorsement)
    messages.success(request, _("The endorsement was withdrawn."))
    return redirect("needs:need-detail", pk=pk)


@require_POST
def need_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(request.user, pk)
    can_edit_need(request.user, need).require()
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.need_set_status(
                actor=request.user, need=need, status=form.cleaned_data["status"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The status was changed."))
            return redirect("needs:need-detail", pk=need.pk)
    need = selectors.need_get(request.user, pk)  # as stored, not as the form left it
    return _detail(request, need, status_form=form)


# --- the needs matrix ------------------------------------------------------------------------

MATRIX_SHEET = "Behovsmatris"


def _matrix(
    request: AuthenticatedHttpRequest,
) -> tuple[list[Consortium], selectors.NeedsMatrix | None]:
    """The consortia the user may choose from, and the matrix the query string asks for: the
    consortium `samverkan` (by its short name; the first of the user's by default), the
    statuses `status` (repeated; open and in a project by default), and `themes=all`."""
    consortia = selectors.matrix_consortia(request.user)
    slug = request.GET.get("samverkan", "")
    consortium = consortium_for(request.user, slug) if slug else next(iter(consortia), None)
    if consortium is None:
        return consortia, None
    statuses = [s for s in request.GET.getlist("status") if s in Need.Status.values]
    matrix = selectors.needs_matrix(
        request.user,
        consortium,
        statuses=statuses or selectors.ACTIVE_STATUSES,
        all_themes=request.GET.get("themes") == "all",
    )
    return consortia, matrix


def need_matrix(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Municipalities × themes for one consortium, and the themes most municipalities share."""
    consortia, matrix = _matrix(request)
    statuses = matrix.statuses if matrix else selectors.ACTIVE_STATUSES
    return render(
        request,
        "needs/need_matrix.html",
        {
            "consortia": consortia,
            "matrix": matrix,
            "status_choices": [
                (value, label, value in statuses) for value, label in Need.Status.choices
            ],
            "all_themes": request.GET.get("themes") == "all",
        },
    )


def need_matrix_export(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    """The matrix as a spreadsheet: one row per municipality, one column per theme."""
    _consortia, matrix = _matrix(request)
    if matrix is None:
        raise NotFound(_("No such consortium."))
    municipality, code, total = _("Municipality"), _("Municipality code"), _("Needs in all")
    columns = [municipality, code, *(theme.label for theme in matrix.themes), total]
    rows = [
        {
            municipality: row.municipality.name,
            code: row.municipality.code,
            **{t.label: cell.needs for t, cell in zip(matrix.themes, row.cells, strict=True)},
            total: row.needs,
        }
        for row in matrix.rows
    ]
    if kind == "xlsx":
        content = write_workbook(rows, columns=columns, sheet_title=MATRIX_SHEET)
    else:
        content = write_csv(rows, columns=columns)
    filename = f"behovsmatris-{matrix.consortium.slug}-{timezone.localdate().isoformat()}.{kind}"
    return download(content, filename)
