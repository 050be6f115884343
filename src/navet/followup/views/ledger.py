"""The ledger import: upload, choose the columns once per municipality, preview, confirm."""

import base64
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import User
from navet.core.spreadsheets import SpreadsheetError
from navet.followup import ledger, selectors, services
from navet.followup.forms import (
    LedgerMappingForm,
    LedgerUploadForm,
)
from navet.followup.models import LedgerImport
from navet.followup.permissions import can_edit_budget, can_enter_budget
from navet.organisations.models import Municipality
from navet.projects.models import Project
from navet.projects.selectors import project_get

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


def ledger_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    can_enter_budget(request.user, project).require()
    choices = selectors.municipality_choices(project)
    municipalities = choices.filter(
        pk__in=[m.pk for m in choices if can_edit_budget(request.user, project, m)]
    )
    context: dict[str, Any] = {
        "project": project,
        "imports": list(selectors.ledger_imports(project)[:10]),
    }
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
                return render(request, "followup/ledger_import.html", context)
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
            messages.success(request, _imported(batch))
            return redirect("followup:followup", pk=project.pk)
        return _ledger_preview(request, project, municipality, filename, content, context)
    except DomainError as error:
        context["error"] = error.message
        return render(request, "followup/ledger_import.html", context)


def _imported(batch: LedgerImport) -> str:
    """What an import stored, what was there already and what it set aside."""
    told = [
        ngettext(
            "%(rows)s new row was imported from %(file)s.",
            "%(rows)s new rows were imported from %(file)s.",
            batch.rows,
        )
        % {"rows": batch.rows, "file": batch.filename}
    ]
    if batch.already_there:
        told.append(
            ngettext(
                "%(count)s row was already there from an earlier import.",
                "%(count)s rows were already there from an earlier import.",
                batch.already_there,
            )
            % {"count": batch.already_there}
        )
    if batch.set_aside:
        told.append(
            ngettext(
                "%(count)s row without a budget line was set aside; import the file again once "
                "its account has a cost category and the budget a line for it.",
                "%(count)s rows without a budget line were set aside; import the file again once "
                "their accounts have cost categories and the budget lines for them.",
                batch.set_aside,
            )
            % {"count": batch.set_aside}
        )
    return " ".join(told)


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
            "credit_column": stored.credit_column,
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
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _ledger_preview(request, project, municipality, filename, content, context)
    context["mapping_form"] = form
    return render(request, "followup/ledger_import.html", context)


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
