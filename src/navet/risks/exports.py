"""A consortium's risk register, with its filters, as `.xlsx` (Swedish headers). A long register
is written in the background (`navet.core.exports`)."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.errors import NotFound
from navet.core.exports import Export, export_deliver
from navet.core.models import User
from navet.core.taskqueue import background_task
from navet.organisations.models import Consortium
from navet.organisations.selectors import consortium_chosen
from navet.risks import selectors, sheet
from navet.risks.forms import RiskFilterForm


def register_filters(
    actor: User, consortium: Consortium, query: QueryDict
) -> tuple[RiskFilterForm, selectors.RiskFilter]:
    """The register's filter form for `query` and what it asks for."""
    form = RiskFilterForm(query or None, projects=selectors.register_projects(actor, consortium))
    if not form.is_valid():
        return form, selectors.RiskFilter()
    data = form.cleaned_data
    return form, selectors.RiskFilter(
        project=data["projekt"] or "",
        status=data["status"] or selectors.ACTIVE,
        likelihood=data["sannolikhet"] or "",
        consequence=data["konsekvens"] or "",
    )


def risks_export(actor: User, query: QueryDict) -> Export:
    """Every risk of the register the actor sees for `query` (`?samverkan=` and the filters)."""
    consortium = consortium_chosen(actor, query.get("samverkan", ""))
    if consortium is None:
        raise NotFound(_("No such consortium."))
    _form, criteria = register_filters(actor, consortium, query)
    risks = selectors.risk_register_rows(actor, consortium, criteria)
    return Export(
        filename=f"riskregister-{consortium.slug}-{timezone.localdate().isoformat()}.xlsx",
        rows=risks.count(),
        write=lambda: sheet.write_workbook(
            selectors.export_row(r) for r in risks.iterator(chunk_size=2000)
        ),
    )


@background_task
def export_risks(user_id: int, query: str, token: str) -> None:
    """The register's long list for `query` as `.xlsx`, told to the one who asked."""
    user = User.objects.get(pk=user_id)
    export_deliver(
        user=user,
        token=token,
        export=risks_export(user, QueryDict(query)),
        title=_("The risk register is ready to download."),
    )
