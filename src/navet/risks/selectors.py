"""Reads of risks and the SWOT board, always through `risks_for(actor)` or the consortium's
roles: a consortium's register with its filters and matrix, one risk and its history, a
project's risks, the overdue reviews, the export rows, and a project's risks as text for an
application's risk section."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.organisations.models import Consortium, Role
from navet.organisations.permissions import permissions_for
from navet.projects.models import Project
from navet.projects.permissions import projects_for
from navet.risks import matrix
from navet.risks.models import Risk, SwotItem
from navet.risks.permissions import can_view_risks, risks_for, swot_items_for

LIST_LIMIT = 500
CONSORTIUM_ONLY = "samverkan"  # the project filter's value for the consortium's own risks
ACTIVE = ""  # the status filter's default: open and mitigated risks
ALL = "alla"


@dataclass(frozen=True)
class RiskFilter:
    project: str = ""  # "", CONSORTIUM_ONLY or a project's id
    status: str = ACTIVE  # ACTIVE, ALL or a status
    likelihood: str = ""
    consequence: str = ""


def register_consortia(actor: User) -> QuerySet[Consortium]:
    """The consortia whose register the actor may read: those the actor has a role in."""
    visible = permissions_for(actor).visible_consortium_ids()
    consortia = Consortium.objects.order_by("name")
    return consortia if visible is None else consortia.filter(pk__in=visible)


def _in_register(consortium: Consortium) -> Q:
    return Q(consortium=consortium) | Q(project__consortium=consortium)


def _mark_overdue(risks: list[Risk], today: date) -> list[Risk]:
    for risk in risks:
        risk.overdue = is_overdue(risk, today)  # type: ignore[attr-defined]
    return risks


def is_overdue(risk: Risk, today: date) -> bool:
    """A review date has passed while the risk is not closed."""
    return (
        risk.review_on is not None and risk.review_on < today and risk.status != Risk.Status.CLOSED
    )


def risk_register(actor: User, consortium: Consortium, criteria: RiskFilter) -> list[Risk]:
    """The register's first rows, each marked overdue or not (one query)."""
    rows = risk_register_rows(actor, consortium, criteria)
    return _mark_overdue(list(rows[:LIST_LIMIT]), timezone.localdate())


def risk_register_rows(actor: User, consortium: Consortium, criteria: RiskFilter) -> QuerySet[Risk]:
    """The consortium's risks and its projects' risks that match the filters, the most severe
    first, then by review date."""
    can_view_risks(actor, consortium).require()
    risks = risks_for(actor).filter(_in_register(consortium))
    if criteria.project == CONSORTIUM_ONLY:
        risks = risks.filter(project__isnull=True)
    elif criteria.project.isdigit() and len(criteria.project) < 18:
        risks = risks.filter(project_id=int(criteria.project))
    if criteria.status == ACTIVE:
        risks = risks.exclude(status=Risk.Status.CLOSED)
    elif criteria.status != ALL:
        risks = risks.filter(status=criteria.status)
    if criteria.likelihood:
        risks = risks.filter(likelihood=criteria.likelihood)
    if criteria.consequence:
        risks = risks.filter(consequence=criteria.consequence)
    return risks.select_related("project", "owner", "consortium").order_by(
        "-severity", "review_on", "pk"
    )


@dataclass(frozen=True)
class MatrixCell:
    likelihood: str
    likelihood_label: str
    consequence: str
    consequence_label: str
    level: str
    level_label: str
    count: int


def risk_matrix(risks: list[Risk]) -> list[list[MatrixCell]]:
    """The 3×3 matrix of `risks` as drawn: the highest likelihood at the top, the least grave
    consequence on the left, each cell with its count and its level in words."""
    counts: dict[tuple[str, str], int] = {}
    for risk in risks:
        counts[(risk.likelihood, risk.consequence)] = (
            counts.get((risk.likelihood, risk.consequence), 0) + 1
        )
    likelihoods = dict(Risk.Likelihood.choices)
    consequences = dict(Risk.Consequence.choices)
    levels = level_labels()
    return [
        [
            MatrixCell(
                likelihood=c.likelihood.value,
                likelihood_label=str(likelihoods[c.likelihood.value]),
                consequence=c.consequence.value,
                consequence_label=str(consequences[c.consequence.value]),
                level=c.level.value,
                level_label=levels[c.level.value],
                count=counts.get((c.likelihood.value, c.consequence.value), 0),
            )
            for c in row
        ]
        for row in matrix.rows()
    ]


def level_labels() -> dict[str, str]:
    return {
        matrix.Level.LOW.value: _("Low risk"),
        matrix.Level.MEDIUM.value: _("Medium risk"),
        matrix.Level.HIGH.value: _("High risk"),
    }


def overdue_for(actor: User, consortium: Consortium) -> list[Risk]:
    """The actor's own risks in the register whose review date has passed (one query)."""
    today = timezone.localdate()
    return list(
        risks_for(actor)
        .filter(_in_register(consortium), owner=actor, review_on__lt=today)
        .exclude(status=Risk.Status.CLOSED)
        .select_related("project")
        .order_by("review_on", "pk")
    )


def risk_get(actor: User, pk: int) -> Risk:
    """One risk; "not found" and "not allowed" answer the same."""
    risk = (
        risks_for(actor)
        .select_related("consortium", "project__consortium", "project__owner", "owner")
        .filter(pk=pk)
        .first()
    )
    if risk is None:
        raise NotFound(_("No such risk, or none you may see."))
    risk.overdue = is_overdue(risk, timezone.localdate())  # type: ignore[attr-defined]
    return risk


def risk_consortium(risk: Risk) -> Consortium:
    if risk.project_id is not None:
        return risk.project.consortium  # type: ignore[union-attr]
    return risk.consortium  # type: ignore[return-value]


def risk_history(risk: Risk) -> list[HistoryRow]:
    return history_for(risk)


def project_risks(actor: User, project: Project) -> list[Risk]:
    """A project's risks, the most severe first (one query)."""
    risks = (
        risks_for(actor)
        .filter(project=project)
        .select_related("owner")
        .order_by("-severity", "review_on", "pk")
    )
    return _mark_overdue(list(risks), timezone.localdate())


def owner_choices(consortium: Consortium) -> QuerySet[User]:
    """Who may own a risk of the consortium: everyone with a role in it (the contacts of its
    member municipalities too)."""
    return (
        User.objects.filter(
            Q(role_assignments__consortium=consortium)
            | Q(
                role_assignments__role=Role.CONTACT,
                role_assignments__municipality__memberships__consortium=consortium,
            ),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass(frozen=True)
class Quadrant:
    value: str
    label: str
    items: list[SwotItem]


def swot_board(actor: User, consortium: Consortium) -> list[Quadrant]:
    """The four quadrants in the usual order, each with its items (one query)."""
    can_view_risks(actor, consortium).require()
    items = list(swot_items_for(actor).filter(consortium=consortium))
    return [
        Quadrant(value, str(label), [i for i in items if i.quadrant == value])
        for value, label in SwotItem.Quadrant.choices
    ]


def swot_item_get(actor: User, pk: int) -> SwotItem:
    item = swot_items_for(actor).select_related("consortium").filter(pk=pk).first()
    if item is None:
        raise NotFound(_("No such SWOT item, or none you may see."))
    return item


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def export_row(risk: Risk) -> dict[str, object]:
    """One row of the `.xlsx` register, in the study's words."""
    return {
        "title": risk.title,
        "belongs_to": (
            _("Project: %(title)s") % {"title": risk.project.title}
            if risk.project
            else _("Consortium")
        ),
        "description": risk.description,
        "likelihood": risk.get_likelihood_display(),
        "consequence": risk.get_consequence_display(),
        "level": level_labels()[risk.level],
        "severity": risk.severity,
        "measures": risk.measures,
        "owner": _person(risk.owner),
        "status": str(risk.get_status_display()),
        "review_on": risk.review_on,
    }


def open_project_risks(project: Project) -> list[Risk]:
    """A project's risks that are not closed, the most severe first: what its application's
    risk section and its reports show."""
    return list(
        Risk.objects.filter(project=project)
        .exclude(status=Risk.Status.CLOSED)
        .select_related("owner", "project")
        .order_by("-severity", "review_on", "pk")
    )


def risk_section_text(project: Project) -> str:
    """A project's risks (not closed) as plain text, the most severe first: what fills the risk
    section of the project's applications – stored in the application, written for the funder,
    so in the installation's language (Swedish) whatever the reader's."""
    with translation.override(settings.LANGUAGE_CODE):
        return "\n\n".join(_risk_text(risk) for risk in open_project_risks(project))


def _risk_text(risk: Risk) -> str:
    lines = [f"{risk.title} – {risk.get_likelihood_display()}/{risk.get_consequence_display()}"]
    if risk.description:
        lines.append(risk.description)
    if risk.measures:
        lines.append(_("Preventive measures: %(measures)s") % {"measures": risk.measures})
    if risk.owner:
        lines.append(_("Owner: %(person)s") % {"person": _person(risk.owner)})
    return "\n".join(lines)


def register_projects(actor: User, consortium: Consortium) -> list[Project]:
    """The consortium's projects the actor may see, for the register's filter (one query)."""
    projects = projects_for(actor).filter(consortium=consortium)
    return list(projects.only("pk", "title").order_by("title"))
