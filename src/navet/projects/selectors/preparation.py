"""Reads of a project's preparation: the needs analysis checklist and the partners'
confirmations (signed cooperation forms), with their files (the cooperation form itself is in
`navet.projects.documents`)."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.organisations.models import Municipality
from navet.projects import lifecycle
from navet.projects.models import (
    NeedsAnalysisFile,
    NeedsAnalysisItem,
    PartnerConfirmation,
    Project,
)
from navet.projects.permissions import projects_for

CHECKLIST_SIZE = len(lifecycle.NEEDS_ANALYSIS_ITEMS)


@dataclass(frozen=True)
class ChecklistRow:
    """One item of the checklist, whether or not anyone has written to it yet."""

    kind: str
    label: str
    done: bool = False
    notes: str = ""
    files: list[NeedsAnalysisFile] = field(default_factory=list)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done >= self.total


def needs_analysis(project: Project) -> list[ChecklistRow]:
    """The six items in the study's order, with their notes and files (two queries)."""
    stored = {
        item.kind: item
        for item in project.needs_analysis_items.prefetch_related(
            Prefetch("files", queryset=NeedsAnalysisFile.objects.order_by("uploaded_at", "pk"))
        )
    }
    rows = []
    for kind in lifecycle.NEEDS_ANALYSIS_ITEMS:
        label = str(NeedsAnalysisItem.Kind(kind).label)
        item = stored.get(kind)
        if item is None:
            rows.append(ChecklistRow(kind=kind, label=label))
        else:
            rows.append(
                ChecklistRow(
                    kind=kind,
                    label=label,
                    done=item.done,
                    notes=item.notes,
                    files=list(item.files.all()),
                )
            )
    return rows


def checklist_progress(rows: list[ChecklistRow]) -> Progress:
    return Progress(done=sum(1 for row in rows if row.done), total=CHECKLIST_SIZE)


def with_checklist_done(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate each project with `checklist_done`, its done items, in the same query."""
    done = (
        NeedsAnalysisItem.objects.filter(project=OuterRef("pk"), done=True)
        .order_by()
        .values("project")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return projects.annotate(
        checklist_done=Coalesce(Subquery(done, output_field=IntegerField()), 0)
    )


@dataclass(frozen=True)
class ConfirmationRow:
    """A partner municipality and its confirmation, if anything has been recorded."""

    municipality: Municipality
    confirmation: PartnerConfirmation | None

    @property
    def signed(self) -> bool:
        return self.confirmation is not None and self.confirmation.signed

    @property
    def requested(self) -> bool:
        return self.confirmation is not None and self.confirmation.requested_at is not None

    @property
    def state(self) -> str:
        if self.signed:
            return _("Signed")
        if self.requested:
            return _("Requested, not yet signed")
        return _("Not requested")


def confirmations(project: Project) -> list[ConfirmationRow]:
    """Every partner (participant other than the owner) in Swedish order, with its
    confirmation (one query besides the prefetched participants)."""
    stored = {
        c.municipality_id: c
        for c in project.confirmations.select_related("requested_by", "recorded_by")
    }
    partners = sorted(project.partners(), key=lambda m: swedish_sort_key(m.name))
    return [ConfirmationRow(m, stored.get(m.pk)) for m in partners]


def confirmation_progress(rows: list[ConfirmationRow]) -> Progress:
    return Progress(done=sum(1 for row in rows if row.signed), total=len(rows))


def needs_analysis_file_get(actor: User, pk: int) -> NeedsAnalysisFile:
    """A checklist file, for those who may read its project; else "not found"."""
    found = (
        NeedsAnalysisFile.objects.filter(pk=pk, item__project__in=projects_for(actor))
        .select_related("item")
        .first()
    )
    if found is None:
        raise NotFound(_("No such file."))
    return found


def confirmation_get(actor: User, pk: int) -> PartnerConfirmation:
    """A confirmation with its signed form, for those who may read its project."""
    found = (
        PartnerConfirmation.objects.filter(pk=pk, project__in=projects_for(actor))
        .exclude(Q(file=""))
        .first()
    )
    if found is None:
        raise NotFound(_("No such file."))
    return found
