"""The portfolio, with its filters, as `.xlsx`: import it again and get the same projects. A long
list is written in the background (`navet.core.exports`)."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.exports import Export, export_deliver
from navet.core.models import User
from navet.core.taskqueue import background_task
from navet.projects import selectors, sheet
from navet.projects.forms import ProjectFilterForm


def filter_form(actor: User, query: QueryDict, *, of_municipality: bool) -> ProjectFilterForm:
    """The portfolio's filters; a municipality's portfolio has no choice of municipality."""
    themes, funders = selectors.filter_choices()
    return ProjectFilterForm(
        query or None,
        municipalities=None if of_municipality else selectors.municipality_choices(actor),
        themes=themes,
        funders=funders,
    )


def projects_export(actor: User, query: QueryDict) -> Export:
    """The projects the portfolio shows the actor for `query`, as `.xlsx`."""
    criteria = filter_form(actor, query, of_municipality=False).criteria()
    projects = selectors.projects_matching(actor, criteria)
    return Export(
        filename=f"projekt-{timezone.localdate().isoformat()}.xlsx",
        rows=projects.count(),
        write=lambda: sheet.write_workbook(
            selectors.export_row(p) for p in projects.iterator(chunk_size=2000)
        ),
    )


@background_task
def export_projects(user_id: int, query: str, token: str) -> None:
    """The portfolio's long list for `query` as `.xlsx`, told to the one who asked."""
    user = User.objects.get(pk=user_id)
    export_deliver(
        user=user,
        token=token,
        export=projects_export(user, QueryDict(query)),
        title=_("The list of projects is ready to download."),
    )
