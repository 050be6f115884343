"""The calls page's list, with its filters, as Excel or Swedish CSV in the interchange columns,
so that it can be edited and imported again; a long list is written in the background
(`navet.core.exports`)."""

from collections.abc import Callable, Iterable

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.calls import selectors
from navet.calls.forms import CallFilterForm
from navet.calls.models import Call
from navet.calls.spreadsheets import calls_csv, calls_workbook
from navet.core.exports import Export, export_deliver
from navet.core.models import User
from navet.core.taskqueue import background_task

WRITERS: dict[str, Callable[[Iterable[dict[str, object]]], bytes]] = {
    "xlsx": calls_workbook,
    "csv": calls_csv,
}


def calls_export(query: QueryDict, kind: str) -> Export:
    """The calls the page shows for `query` (its filters) as a file of `kind`."""
    form = CallFilterForm(query or None, choices=selectors.filter_choices())
    calls = selectors.calls_matching(form.criteria(), timezone.now()).prefetch_related(
        "target_groups"
    )
    write = WRITERS[kind]
    return Export(
        filename=f"utlysningar-{timezone.localdate().isoformat()}.{kind}",
        rows=calls.count(),
        write=lambda: write(interchange_row(call) for call in calls.iterator(chunk_size=2000)),
    )


def interchange_row(call: Call) -> dict[str, object]:
    return {
        "external_id": call.external_id,
        "funder": call.funder.name if call.funder else "",
        "programme": call.programme.name if call.programme else "",
        "title": call.title,
        "description": call.description,
        "url": call.url,
        "opens": timezone.localtime(call.opens) if call.opens else None,
        "closes": timezone.localtime(call.closes),
        "decision_date": call.decision_date,
        "min_amount_sek": call.min_amount_sek,
        "max_amount_sek": call.max_amount_sek,
        "cofinancing_percent": call.cofinancing_percent,
        "eligible_applicants": call.eligible_applicants,
        "themes": [t.slug for t in call.themes.all()],
        "target_groups": [g.slug for g in call.target_groups.all()],
        "language": call.language,
    }


@background_task
def export_calls(user_id: int, query: str, kind: str, token: str) -> None:
    """The calls page's long list for `query` as a file of `kind`, told to the one who asked."""
    export_deliver(
        user=User.objects.get(pk=user_id),
        token=token,
        export=calls_export(QueryDict(query), kind),
        title=_("The list of calls is ready to download."),
    )
