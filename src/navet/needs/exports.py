"""The needs list, with its filters, in the interchange format (DESIGN.md) as JSON, Excel or
Swedish CSV: edit it and import it again. A long list is written in the background
(`navet.core.exports`)."""

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls.spreadsheets import write_csv, write_workbook
from navet.core.exports import Export, export_deliver
from navet.core.models import User
from navet.core.taskqueue import background_task
from navet.needs import selectors
from navet.needs.forms import NeedFilterForm
from navet.needs.interchange import COLUMNS, SOURCE_WORDS
from navet.needs.models import Need


def filter_form(actor: User, query: QueryDict) -> NeedFilterForm:
    """The list's filters as the actor may choose them."""
    return NeedFilterForm(query or None, municipalities=selectors.municipality_choices(actor))


def needs_export(actor: User, query: QueryDict, kind: str) -> Export:
    """The needs the list shows the actor for `query`, in its order, as a file of `kind`."""
    criteria = filter_form(actor, query).criteria()
    needs = selectors.ordered_needs(
        selectors.needs_matching(actor, criteria).prefetch_related("endorsements__municipality"),
        criteria.sort,
    )
    write = WRITERS[kind]
    return Export(
        filename=f"behov-{timezone.localdate().isoformat()}.{kind}",
        rows=needs.count(),
        write=lambda: write(interchange_row(need) for need in needs.iterator(chunk_size=2000)),
    )


def interchange_row(need: Need) -> dict[str, object]:
    """A need as an interchange record: what an export writes and an import reads."""
    return {
        "external_id": need.external_id,
        "municipality": need.municipality.code,
        "title": need.title,
        "description": need.description,
        "themes": [t.slug for t in need.themes.all()],
        "target_groups": [g.slug for g in need.target_groups.all()],
        "endorsed_by": [e.municipality.code for e in need.endorsements.all()],
        "priority": need.priority,
        "raised_at": need.raised_at,
        "source": SOURCE_WORDS[need.raised_in],
        "cofinancing_capacity_percent": need.cofinancing_capacity_percent,
        "estimated_cost_sek": need.estimated_cost_sek,
    }


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _json(rows: Iterable[dict[str, object]]) -> bytes:
    needs = [
        {name: _json_value(value) for name, value in row.items() if value not in (None, "")}
        for row in rows
    ]
    return json.dumps({"needs": needs}, ensure_ascii=False, indent=2).encode("utf-8")


def _xlsx(rows: Iterable[dict[str, object]]) -> bytes:
    return write_workbook(rows, columns=COLUMNS, sheet_title="Behov")


def _csv(rows: Iterable[dict[str, object]]) -> bytes:
    return write_csv(rows, columns=COLUMNS)


WRITERS = {"xlsx": _xlsx, "csv": _csv, "json": _json}


@background_task
def export_needs(user_id: int, query: str, kind: str, token: str) -> None:
    """The needs list the user sees for `query` as a file of `kind`, told to them."""
    user = User.objects.get(pk=user_id)
    export_deliver(
        user=user,
        token=token,
        export=needs_export(user, QueryDict(query), kind),
        title=_("The list of needs is ready to download."),
    )
