"""Reads of applications, scoped through `applications_for`, with a bounded number of queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications import budget_text, completeness, diff, similarity
from navet.applications.models import (
    Application,
    Comment,
    Section,
    SectionDraft,
    SectionVersion,
)
from navet.applications.permissions import applications_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.followup.selectors import BudgetSummary, budget_summary
from navet.knowledge.models import Entry
from navet.knowledge.selectors import project_theme_ids, related_entries
from navet.organisations.models import ConsortiumMembership
from navet.projects import lifecycle
from navet.projects.models import Project

REUSE_LIMIT = 5
REUSE_CANDIDATES = 300  # the most recently changed sections compared, at most


def _with_links(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.select_related(
        "project__owner",
        "project__consortium",
        "call__programme__funder",
        "call__funder",
        "review_requested_by",
    )


def application_get(actor: User, pk: int) -> Application:
    """One application; "not found" and "not allowed" answer the same."""
    application = _with_links(applications_for(actor)).filter(pk=pk).first()
    if application is None:
        raise NotFound(_("No such application, or none you may see."))
    return application


def project_applications(actor: User, project: Project) -> list[Application]:
    return list(_with_links(applications_for(actor).filter(project=project)))


def application_list(actor: User) -> QuerySet[Application]:
    return _with_links(applications_for(actor)).order_by("-updated_at", "-pk")


def applications_by_deadline(actor: User) -> QuerySet[Application]:
    """The applications the actor may read, the one whose call closes soonest first."""
    return _with_links(applications_for(actor)).order_by("call__closes", "pk")


def sections_of(application: Application) -> list[Section]:
    """The sections in template order, each with its number of unresolved comments."""
    return list(
        application.sections.annotate(
            open_comments=Count("comments", filter=Q(comments__resolved_at__isnull=True))
        ).order_by("position")
    )


def section_get(actor: User, application_pk: int, key: str) -> Section:
    section = (
        Section.objects.filter(
            application__in=applications_for(actor), application_id=application_pk, key=key
        )
        .select_related(
            "application__project__owner",
            "application__project__consortium",
            "application__call__programme",
        )
        .first()
    )
    if section is None:
        raise NotFound(_("No such section, or none you may see."))
    return section


def section_neighbours(section: Section) -> tuple[Section | None, Section | None]:
    """The sections before and after `section` in the template's order (None at either end)."""
    others = section.application.sections.only("application_id", "key", "heading")
    before = others.filter(position__lt=section.position).order_by("-position").first()
    after = others.filter(position__gt=section.position).order_by("position").first()
    return before, after


def section_by_pk(actor: User, pk: int) -> Section:
    """A section of any application the actor may read (a source to copy from)."""
    section = (
        Section.objects.filter(application__in=applications_for(actor), pk=pk)
        .select_related("application__project__owner")
        .first()
    )
    if section is None:
        raise NotFound(_("No such section, or none you may see."))
    return section


def section_versions(section: Section) -> list[SectionVersion]:
    return list(
        section.versions.select_related(
            "author", "source_entry", "source_section__application__project"
        ).order_by("-number")
    )


def section_draft(actor: User, section: Section) -> SectionDraft | None:
    """The text the actor typed in the section and has not saved, kept while writing."""
    return SectionDraft.objects.filter(section=section, author=actor).first()


def version_get(section: Section, number: int) -> SectionVersion:
    version = section.versions.filter(number=number).select_related("author").first()
    if version is None:
        raise NotFound(_("No such version."))
    return version


@dataclass(frozen=True)
class Comparison:
    old: SectionVersion
    new: SectionVersion
    segments: list[diff.Segment]
    removed: int
    added: int


def compare_versions(section: Section, old_number: int, new_number: int) -> Comparison:
    old, new = version_get(section, old_number), version_get(section, new_number)
    segments = diff.compare(old.text, new.text)
    removed, added = diff.counts(segments)
    return Comparison(old, new, segments, removed, added)


def section_comments(section: Section) -> list[Comment]:
    return list(section.comments.select_related("author", "resolved_by").order_by("created_at"))


def comment_get(actor: User, pk: int) -> Comment:
    comment = (
        Comment.objects.filter(pk=pk, section__application__in=applications_for(actor))
        .select_related("section__application__project__owner")
        .first()
    )
    if comment is None:
        raise NotFound(_("No such comment."))
    return comment


@dataclass(frozen=True)
class Suggestion:
    section: Section
    score: int  # per cent
    granted: bool


def reuse_suggestions(actor: User, section: Section) -> list[Suggestion]:
    """The same section of earlier applications the actor may read, from projects owned by
    municipalities of this project's consortium, granted ones first, the most similar first.
    Compared with this section's text, or while it is empty, with the project's description."""
    project = section.application.project
    members = ConsortiumMembership.objects.filter(consortium_id=project.consortium_id).values(
        "municipality_id"
    )
    candidates = list(
        Section.objects.filter(
            application__in=applications_for(actor),
            application__project__owner_id__in=members,
            key=section.key,
        )
        .exclude(application_id=section.application_id)
        .exclude(text="")
        .select_related("application__project__owner")
        .order_by("-updated_at")[:REUSE_CANDIDATES]
    )
    query = section.text or f"{project.title} {project.description}"
    by_id = {candidate.pk: candidate for candidate in candidates}
    matches = similarity.most_similar(
        query,
        (
            similarity.Candidate(
                c.pk,
                c.text,
                c.application.project.status in lifecycle.WITH_A_GRANT,
            )
            for c in candidates
        ),
        REUSE_LIMIT,
    )
    return [Suggestion(by_id[m.id], round(100 * m.score), m.granted) for m in matches]


def related_knowledge(actor: User, project: Project) -> list[Entry]:
    """Knowledge-bank entries that share a theme with the needs the project answers."""
    return related_entries(actor, project_theme_ids(project))


def closes_on(application: Application) -> date:
    return timezone.localtime(application.call.closes).date()


@dataclass(frozen=True)
class BudgetFigures:
    """The budget builder's figures a funder reads: None where the budget does not say."""

    summary: BudgetSummary
    total_sek: int | None
    sought_sek: int | None  # the requested amount, else what the budget leaves to the funder
    cofinancing_sek: int | None  # what the applicants pay themselves


def budget_figures(project: Project) -> BudgetFigures:
    summary = budget_summary(project)
    if not summary.lines:
        return BudgetFigures(summary, None, project.requested_sek, None)
    sought = project.requested_sek if project.requested_sek is not None else summary.grant_sek
    cofinancing = (
        summary.total_sek - sought if sought <= summary.total_sek else summary.cofinancing_sek
    )
    return BudgetFigures(summary, summary.total_sek, sought, cofinancing)


def budget_text_mismatches(
    sections: list[Section], figures: BudgetFigures
) -> list[budget_text.Mismatch]:
    """Where the budget section's text states another total, sought amount or co-financing
    than the budget (shown to the writers on the application's page, never in the document)."""
    section = next((s for s in sections if s.key == "budget"), None)
    if section is None:
        return []
    return budget_text.mismatches(
        section.text,
        total_sek=figures.total_sek,
        sought_sek=figures.sought_sek,
        cofinancing_sek=figures.cofinancing_sek,
    )


def budget_facts(
    application: Application, summary: BudgetSummary | None = None
) -> completeness.BudgetFacts:
    """The project's budget as the budget builder checks it against the programme's and the
    call's rules; without budget lines, the requested amount against the call's range."""
    call, project = application.call, application.project
    summary = summary or budget_summary(project)
    has_budget = bool(summary.lines)
    return completeness.BudgetFacts(
        requested_sek=project.requested_sek,
        min_sek=call.min_amount_sek,
        max_sek=call.max_amount_sek,
        total_sek=summary.total_sek if has_budget else None,
        problems=tuple(summary.problems) if has_budget else (),
        notes=tuple(summary.notes) if has_budget else (),
    )


def checklist(
    application: Application,
    sections: list[Section],
    today: date | None = None,
    summary: BudgetSummary | None = None,
) -> completeness.Checklist:
    return completeness.check(
        [completeness.SectionFacts(s.key, s.heading, s.text, s.word_limit) for s in sections],
        budget_facts(application, summary),
        closes_on(application),
        today or timezone.localdate(),
    )
