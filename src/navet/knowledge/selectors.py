"""Reads of the knowledge bank, scoped through `entries_for`, with a bounded number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from navet.calls.models import TargetGroup, Theme
from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.search import swedish_search
from navet.core.text import format_sek, swedish_sort_key
from navet.knowledge.models import Attachment, Entry, Reuse
from navet.knowledge.permissions import attachments_for, creatable_owners, entries_for
from navet.needs.models import Need
from navet.needs.permissions import needs_for
from navet.organisations.models import Municipality
from navet.projects import lifecycle
from navet.projects.models import Project

LIST_LIMIT = 500
RELATED_LIMIT = 5
# A project whose work is done offers "add to the knowledge bank".
FINISHED = lifecycle.WINDING_UP


@dataclass(frozen=True)
class EntryFilter:
    text: str = ""
    kind: str = ""
    theme: str = ""  # slug
    municipality: str = ""  # SCB code of the owner


def _with_links(entries: QuerySet[Entry]) -> QuerySet[Entry]:
    return entries.select_related("owner", "consortium").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sv"))
    )


def entries_matching(actor: User, criteria: EntryFilter) -> QuerySet[Entry]:
    entries = entries_for(actor)
    if criteria.text:
        entries = swedish_search(entries, criteria.text)
    if criteria.kind:
        entries = entries.filter(kind=criteria.kind)
    if criteria.theme:
        entries = entries.filter(themes__slug=criteria.theme)
    if criteria.municipality:
        entries = entries.filter(owner__code=criteria.municipality)
    ranked = ("-search_rank", "-updated_at", "-pk") if criteria.text else ("-updated_at", "-pk")
    return (
        _with_links(entries.distinct())
        .annotate(reuse_count=Count("reuses", distinct=True))
        .order_by(*ranked)
    )


def entry_get(actor: User, pk: int) -> Entry:
    """One entry with its links; "not found" and "not allowed" answer the same."""
    entry = (
        entries_for(actor)
        .select_related("owner", "consortium", "project", "created_by")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sv")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("sv")),
            "attachments",
            Prefetch(
                "reuses",
                queryset=Reuse.objects.select_related("municipality", "project"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise NotFound(_("No such knowledge entry."))
    return entry


def attachment_get(actor: User, pk: int) -> Attachment:
    attachment = attachments_for(actor).filter(pk=pk).first()
    if attachment is None:
        raise NotFound(_("No such file, or none you may see."))
    return attachment


def entry_history(entry: Entry) -> list[HistoryRow]:
    return history_for(entry)


def related_entries(
    actor: User, theme_ids: list[str], *, exclude: int | None = None
) -> list[Entry]:
    """The entries the actor may read that share a theme, most shared themes first."""
    if not theme_ids:
        return []
    entries = (
        entries_for(actor)
        .filter(themes__in=theme_ids)
        .annotate(shared=Count("themes"))
        .order_by("-shared", "-updated_at", "-pk")
        .select_related("owner")
    )
    if exclude is not None:
        entries = entries.exclude(pk=exclude)
    return list(entries[:RELATED_LIMIT])


def need_theme_ids(need: Need) -> list[str]:
    return [theme.pk for theme in need.themes.all()]


def project_theme_ids(project: Project) -> list[str]:
    """The themes of a project: those of the needs it answers."""
    return list(
        Theme.objects.filter(needs__projects=project).values_list("pk", flat=True).distinct()
    )


def prefill_from_project(project: Project) -> dict[str, object]:
    """What a finished project gives its knowledge entry: title, description, owner, themes and
    target groups of its needs, and its results as Navet knows them."""
    needs = Need.objects.filter(projects=project)
    themes = sorted(set(Theme.objects.filter(needs__in=needs).values_list("slug", flat=True)))
    groups = sorted(set(TargetGroup.objects.filter(needs__in=needs).values_list("slug", flat=True)))
    facts = [f"{_('Status')}: {project.get_status_display()}"]
    if project.starts_on and project.ends_on:
        facts.append(f"{_('Period')}: {project.starts_on:%Y-%m-%d} – {project.ends_on:%Y-%m-%d}")
    if project.granted_sek:
        facts.append(f"{_('Granted amount')}: {format_sek(project.granted_sek)}")
    if project.funder_id:
        facts.append(f"{_('Funder')}: {project.funder}")
    participants = sorted((m.name for m in project.participants.all()), key=swedish_sort_key)
    facts.append(f"{_('Participating municipalities')}: {', '.join(participants)}")
    return {
        "consortium": project.consortium,
        "owner": project.owner,
        "kind": Entry.Kind.FINISHED_PROJECT,
        "title": project.title,
        "description": project.description,
        "results": "\n".join(f"- {fact}" for fact in facts),
        "themes": themes,
        "target_groups": groups,
        "project": project.pk,
    }


def reusable_needs(actor: User) -> QuerySet[Need]:
    """The shared needs of the municipalities the actor may start ideas for: one of them is the
    need a reused entry's project idea answers."""
    return (
        needs_for(actor)
        .filter(status__in=[Need.Status.OPEN, Need.Status.IN_PROJECT])
        .filter(municipality__in=creatable_owners(actor))
        .select_related("municipality")
        .order_by("municipality__name", "title")
    )


def filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Themes and owner municipalities that entries use, in Swedish order."""
    themes = Theme.objects.filter(knowledge_entries__isnull=False).distinct()
    owners = Municipality.objects.filter(knowledge_entries__isnull=False).distinct()
    return (
        sorted(((t.slug, t.sv) for t in themes), key=lambda c: swedish_sort_key(c[1])),
        sorted(((m.code, m.name) for m in owners), key=lambda c: swedish_sort_key(c[1])),
    )
