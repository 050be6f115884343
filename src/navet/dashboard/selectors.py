"""What each role has to do, read from every step of the flow; a bounded number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.timezone import localdate, localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from navet.applications.models import Application
from navet.applications.permissions import applications_for
from navet.calls.models import CallFollow
from navet.calls.selectors import page_reviews_pending
from navet.core.models import User
from navet.core.text import format_sek
from navet.dashboard.todo import Group, Todo
from navet.decisions.models import Meeting, Motion, Vote
from navet.economics.selectors import Evaluation, evaluation
from navet.followup.models import Expenditure, ReportDeadline
from navet.followup.selectors.tracking import portfolio_followup
from navet.matching.models import Match
from navet.matching.selectors import (
    GOOD_RANK,
    GOOD_SCORE,
    MATCHED_STATUSES,
    good_matches,
    matches_seen_at,
)
from navet.needs.models import Endorsement
from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for
from navet.organisations.selectors import members_without_steering
from navet.projects import lifecycle
from navet.projects.models import PartnerConfirmation, Project
from navet.projects.permissions import projects_for
from navet.risks.models import Risk

CLOSING_DAYS = 14  # calls closing this soon that match a need
MEETING_DAYS = 14  # meetings coming up
REPORT_DAYS = 30  # reports due to funders
MOTION_DAYS = 14  # motions whose voting closes this soon
SHOWN = 8  # items shown of a long group; the rest are on its page


def coordinator_groups(actor: User, consortium: Consortium, now: datetime) -> list[Group]:
    """The coordinator's work in one consortium, one group per kind of thing to do."""
    today = now.date()
    return [
        _closing_matches(actor, consortium, now),
        _new_matches(actor, consortium, now),
        _motions_closing(consortium, now),
        _meetings(consortium, now),
        _followup_warnings(actor, consortium, today),
        _reports_due(actor, consortium, today),
        _reviews(actor, consortium),
        _confirmations_missing(actor, consortium),
        _risks_overdue(consortium, today),
        _members_without_representative(consortium),
    ]


def _closing_matches(actor: User, consortium: Consortium, now: datetime) -> Group:
    rows = [r for r in good_matches(actor, consortium, now) if r.days_left <= CLOSING_DAYS]
    group = Group(
        "closing",
        _("Calls closing within %(days)d days that match a need") % {"days": CLOSING_DAYS},
    )
    for row in rows[:SHOWN]:
        need, call = row.match.need, row.match.call
        group.items.append(
            Todo(
                text=call.title,
                url=reverse("needs:need-detail", args=[need.pk]),
                due=localdate(call.closes),
                detail=_("for %(need)s (%(municipality)s)")
                % {"need": need.title, "municipality": need.municipality.name},
            )
        )
    if len(rows) > SHOWN:
        group.more_url = reverse("matching:matches") + f"?samverkan={consortium.slug}"
    return group


def _new_matches(actor: User, consortium: Consortium, now: datetime) -> Group:
    since = matches_seen_at(actor, consortium)
    rows = good_matches(actor, consortium, now, since=since, new_only=True)
    group = Group("new-matches", _("New good matches"))
    if since is not None and rows:
        group.items.append(
            Todo(
                text=ngettext(
                    "%(count)d new good match since your last visit",
                    "%(count)d new good matches since your last visit",
                    len(rows),
                )
                % {"count": len(rows)},
                url=reverse("matching:matches") + f"?samverkan={consortium.slug}",
            )
        )
    return group


def _motions_closing(consortium: Consortium, now: datetime) -> Group:
    motions = Motion.objects.filter(
        consortium=consortium,
        status=Motion.Status.OPEN,
        opens_at__lte=now,
        closes_at__gte=now,
        closes_at__lte=now + timedelta(days=MOTION_DAYS),
    ).prefetch_related(
        Prefetch(
            "votes",
            queryset=Vote.objects.filter(choice="").select_related("municipality"),
            to_attr="missing",
        )
    )
    group = Group("motions", _("Votes closing within %(days)d days") % {"days": MOTION_DAYS})
    for motion in motions.order_by("closes_at", "pk"):
        missing = sorted(vote.municipality.name for vote in motion.missing)
        group.items.append(
            Todo(
                text=f"{motion.number} {motion.title}",
                url=reverse("decisions:motion-detail", args=[motion.pk]),
                due=localdate(motion.closes_at),
                detail=_("not voted: %(names)s") % {"names": ", ".join(missing)}
                if missing
                else _("every member has voted"),
            )
        )
    return group


def _meetings(consortium: Consortium, now: datetime) -> Group:
    meetings = Meeting.objects.filter(
        consortium=consortium,
        starts_at__gte=now,
        starts_at__lte=now + timedelta(days=MEETING_DAYS),
    ).order_by("starts_at", "pk")
    group = Group("meetings", _("Meetings in the coming %(days)d days") % {"days": MEETING_DAYS})
    for meeting in meetings:
        group.items.append(
            Todo(
                text=meeting.title,
                url=reverse("decisions:meeting-detail", args=[meeting.pk]),
                due=localdate(meeting.starts_at),
                detail=meeting.place,
            )
        )
    return group


def _followup_warnings(actor: User, consortium: Consortium, today: date) -> Group:
    projects = (
        projects_for(actor)
        .filter(consortium=consortium, status__in=[lifecycle.GRANTED, lifecycle.RUNNING])
        .select_related("owner", "consortium", "programme", "call__programme")
    )
    group = Group("followup", _("Projects at risk of repaying money"))
    return _at_risk(group, list(projects), today)


def _at_risk(group: Group, projects: list[Project], today: date) -> Group:
    """The projects whose follow-up forecasts money to repay, the largest amount first."""
    followed = portfolio_followup(projects, today)
    for project, result in sorted(followed.rows, key=lambda row: -row[1].at_risk_sek):
        if result.at_risk_sek > 0:
            group.items.append(
                Todo(
                    text=project.title,
                    url=reverse("followup:followup", args=[project.pk]),
                    detail=_("%(amount)s of the grant at risk of repayment")
                    % {"amount": format_sek(result.at_risk_sek)},
                )
            )
    return group


def _reports_due(actor: User, consortium: Consortium, today: date) -> Group:
    reports = (
        ReportDeadline.objects.filter(
            project__in=projects_for(actor).filter(consortium=consortium),
            submitted_on__isnull=True,
            due_on__lte=today + timedelta(days=REPORT_DAYS),
        )
        .select_related("project")
        .order_by("due_on", "pk")
    )
    group = Group(
        "reports", _("Reports due to funders within %(days)d days") % {"days": REPORT_DAYS}
    )
    for report in reports:
        group.items.append(
            Todo(
                text=f"{report.get_kind_display()}: {report.project.title}",
                url=reverse("followup:followup", args=[report.project_id]),
                due=report.due_on,
            )
        )
    return group


def _reviews(actor: User, consortium: Consortium) -> Group:
    waiting = (
        applications_for(actor)
        .filter(
            project__consortium=consortium,
            review_status=Application.ReviewStatus.REVIEW_REQUESTED,
        )
        .select_related("project", "review_requested_by")
        .order_by("updated_at", "pk")
    )
    group = Group("reviews", _("Applications waiting for your review"))
    for application in waiting:
        group.items.append(
            Todo(
                text=application.project.title,
                url=reverse("applications:application-detail", args=[application.pk]),
                due=localdate(application.call.closes) if application.call_id else None,
                detail=_("asked by %(name)s") % {"name": application.review_requested_by}
                if application.review_requested_by
                else "",
            )
        )
    return group


def _confirmations_missing(actor: User, consortium: Consortium) -> Group:
    projects = (
        projects_for(actor)
        .filter(consortium=consortium, status=lifecycle.APPLICATION, confirmations_waiver_reason="")
        .select_related("call")
        .prefetch_related("participants")
        .order_by("title", "pk")
    )
    signed = set(
        PartnerConfirmation.objects.filter(
            project__in=projects, signed_on__isnull=False
        ).values_list("project_id", "municipality_id")
    )
    group = Group("confirmations", _("Signed cooperation forms missing"))
    for project in projects:
        partners = project.partners()
        missing = sorted(m.name for m in partners if (project.pk, m.pk) not in signed)
        if missing:
            group.items.append(
                Todo(
                    text=project.title,
                    url=reverse("projects:project-confirmations", args=[project.pk]),
                    due=localdate(project.call.closes) if project.call else None,
                    detail=ngettext(
                        "%(missing)d of %(count)d partner has not signed: %(names)s",
                        "%(missing)d of %(count)d partners have not signed: %(names)s",
                        len(partners),
                    )
                    % {
                        "missing": len(missing),
                        "count": len(partners),
                        "names": ", ".join(missing),
                    },
                )
            )
    return group


def _risks_overdue(consortium: Consortium, today: date) -> Group:
    risks = (
        Risk.objects.filter(Q(consortium=consortium) | Q(project__consortium=consortium))
        .filter(review_on__lt=today)
        .exclude(status=Risk.Status.CLOSED)
    )
    group = Group("risks", _("Risks overdue for review"))
    for risk in risks.order_by("review_on", "pk"):
        group.items.append(
            Todo(
                text=risk.title,
                url=reverse("risks:risk-detail", args=[risk.pk]),
                due=risk.review_on,
            )
        )
    return group


def _members_without_representative(consortium: Consortium) -> Group:
    gaps = members_without_steering({consortium.pk}).get(consortium.pk, [])
    group = Group("representatives", _("Members without a steering representative"))
    if gaps:
        group.items.append(
            Todo(
                text=", ".join(m.name for m in gaps),
                url=reverse("decisions:deputies", args=[consortium.slug]),
                detail=ngettext(
                    "%(count)d member cannot vote",
                    "%(count)d members cannot vote",
                    len(gaps),
                )
                % {"count": len(gaps)},
            )
        )
    return group


def page_reviews(actor: User) -> Group:
    """Watched pages of funders that changed and wait for a coordinator's look: shared by every
    consortium, so they are listed once."""
    group = Group("page-reviews", _("Changed funders' pages to review"))
    for run in page_reviews_pending(actor):
        group.items.append(
            Todo(
                text=run.source.name if run.source else str(run),
                url=reverse("calls:run-detail", args=[run.pk]),
                detail=_("changed %(day)s") % {"day": localtime(run.created_at).date().isoformat()},
            )
        )
    return group


# --- the steering representative ------------------------------------------------------------

DECIDED_DAYS = 90  # decisions shown to representatives


def steering_groups(actor: User, consortium: Consortium, now: datetime) -> list[Group]:
    """What a representative (or deputy) does in one consortium: vote, meet, know what passed."""
    seats = permissions_for(actor).seats_in(consortium.pk)
    return [
        _votes_waiting(consortium, seats, now),
        _next_meeting(consortium, now),
        _decided(consortium, now),
    ]


def _votes_waiting(consortium: Consortium, seats: list[int], now: datetime) -> Group:
    votes = (
        Vote.objects.filter(
            motion__consortium=consortium,
            motion__status=Motion.Status.OPEN,
            motion__opens_at__lte=now,
            motion__closes_at__gte=now,
            municipality_id__in=seats,
            choice="",
        )
        .select_related("motion", "municipality")
        .order_by("motion__closes_at", "motion__pk", "municipality__name")
    )
    group = Group("votes", _("Votes waiting for you"))
    for vote in votes:
        group.items.append(
            Todo(
                text=f"{vote.motion.number} {vote.motion.title}",
                url=reverse("decisions:motion-detail", args=[vote.motion_id]),
                due=localdate(vote.motion.closes_at),
                detail=_("closes %(when)s; you vote for %(name)s")
                % {
                    "when": localtime(vote.motion.closes_at).strftime("%Y-%m-%d %H:%M"),
                    "name": vote.municipality.name,
                },
            )
        )
    return group


def _next_meeting(consortium: Consortium, now: datetime) -> Group:
    meeting = (
        Meeting.objects.filter(consortium=consortium, starts_at__gte=now)
        .prefetch_related("agenda")
        .order_by("starts_at", "pk")
        .first()
    )
    group = Group("next-meeting", _("The next meeting"))
    if meeting is not None:
        agenda = [item.title for item in meeting.agenda.all()]
        group.items.append(
            Todo(
                text=meeting.title,
                url=reverse("decisions:meeting-detail", args=[meeting.pk]),
                due=localdate(meeting.starts_at),
                detail=_("agenda: %(items)s") % {"items": "; ".join(agenda)}
                if agenda
                else meeting.place,
            )
        )
    return group


def _decided(consortium: Consortium, now: datetime) -> Group:
    motions = Motion.objects.filter(
        consortium=consortium,
        status=Motion.Status.CLOSED,
        closed_at__gte=now - timedelta(days=DECIDED_DAYS),
    ).order_by("-closed_at", "-pk")
    group = Group("decided", _("Decisions of the last %(days)d days") % {"days": DECIDED_DAYS})
    for motion in motions:
        group.items.append(
            Todo(
                text=f"{motion.number} {motion.title}",
                url=reverse("decisions:motion-detail", args=[motion.pk]),
                detail=motion.get_outcome_display(),
            )
        )
    return group


# --- the municipal contact ------------------------------------------------------------------

RECENT_DAYS = 14  # new matches and endorsements this recent are news
FOLLOWED_DAYS = 30  # deadlines of followed calls this soon


def contact_groups(actor: User, now: datetime) -> list[Group]:
    """What a municipal contact does for its own municipality, across its consortia."""
    municipalities = sorted(permissions_for(actor).contact_for)
    today = now.date()
    return [
        _needs_with_new_matches(municipalities, now),
        _endorsements_received(municipalities, now),
        _own_projects_at_risk(actor, municipalities, today),
        _expenditures_to_enter(actor, municipalities, today),
        _applications_to_write(actor, municipalities),
        _followed_calls(actor, now),
    ]


def _needs_with_new_matches(municipalities: list[int], now: datetime) -> Group:
    matches = (
        Match.objects.undismissed()
        .filter(
            need__municipality_id__in=municipalities,
            need__status__in=MATCHED_STATUSES,
            first_seen_at__gte=now - timedelta(days=RECENT_DAYS),
            rank__lte=GOOD_RANK,
            score__gte=GOOD_SCORE,
            call__closes__gte=now,
        )
        .select_related("need", "call")
        .order_by("call__closes", "pk")
    )
    by_need: dict[int, list[Match]] = {}
    for match in matches:
        by_need.setdefault(match.need_id, []).append(match)
    group = Group("need-matches", _("Your needs with new matching calls"))
    for found in by_need.values():
        need = found[0].need
        group.items.append(
            Todo(
                text=need.title,
                url=reverse("needs:need-detail", args=[need.pk]),
                due=localdate(found[0].call.closes),
                detail=", ".join(m.call.title for m in found),
            )
        )
    return group


def _endorsements_received(municipalities: list[int], now: datetime) -> Group:
    endorsements = (
        Endorsement.objects.filter(
            need__municipality_id__in=municipalities,
            created_at__gte=now - timedelta(days=RECENT_DAYS),
        )
        .exclude(municipality_id__in=municipalities)
        .select_related("need", "municipality")
        .order_by("-created_at", "pk")
    )
    group = Group("endorsements", _("Other municipalities that share your needs"))
    for endorsement in endorsements:
        group.items.append(
            Todo(
                text=endorsement.need.title,
                url=reverse("needs:need-detail", args=[endorsement.need_id]),
                detail=_("%(name)s has this need too") % {"name": endorsement.municipality.name},
            )
        )
    return group


def _own_projects(actor: User, municipalities: list[int]) -> list[Project]:
    return list(
        projects_for(actor)
        .filter(
            Q(owner_id__in=municipalities) | Q(participants__in=municipalities),
            status__in=[lifecycle.GRANTED, lifecycle.RUNNING],
        )
        .distinct()
        .select_related("owner", "consortium", "programme", "call__programme")
        .order_by("title", "pk")
    )


def _own_projects_at_risk(actor: User, municipalities: list[int], today: date) -> Group:
    group = Group("own-followup", _("Your projects at risk of repaying money"))
    return _at_risk(group, _own_projects(actor, municipalities), today)


def _quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the quarter `day` is in."""
    starts = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return starts, (starts + timedelta(days=92)).replace(day=1) - timedelta(days=1)


def _expenditures_to_enter(actor: User, municipalities: list[int], today: date) -> Group:
    starts, ends = _quarter_of(today)
    running = [
        p
        for p in _own_projects(actor, municipalities)
        if p.status == lifecycle.RUNNING and p.owner_id in municipalities
    ]
    entered = set(
        Expenditure.objects.filter(project__in=running, spent_on__gte=starts).values_list(
            "project_id", flat=True
        )
    )
    group = Group("expenditures", _("Expenditures to enter this quarter"))
    for project in running:
        if project.pk not in entered:
            group.items.append(
                Todo(
                    text=project.title,
                    url=reverse("followup:budget", args=[project.pk]),
                    due=ends,
                    detail=_("no expenditure entered since %(day)s") % {"day": starts.isoformat()},
                )
            )
    return group


def _applications_to_write(actor: User, municipalities: list[int]) -> Group:
    asked = (
        applications_for(actor)
        .filter(
            Q(project__owner_id__in=municipalities) | Q(project__participants__in=municipalities),
            review_status=Application.ReviewStatus.CHANGES_REQUESTED,
        )
        .distinct()
        .select_related("project", "call")
        .order_by("project__title", "pk")
    )
    group = Group("writing", _("Applications with changes asked for"))
    for application in asked:
        group.items.append(
            Todo(
                text=application.project.title,
                url=reverse("applications:application-detail", args=[application.pk]),
                due=localdate(application.call.closes) if application.call_id else None,
            )
        )
    return group


def _followed_calls(actor: User, now: datetime) -> Group:
    follows = (
        CallFollow.objects.filter(
            user=actor,
            call__closes__gte=now,
            call__closes__lte=now + timedelta(days=FOLLOWED_DAYS),
        )
        .select_related("call")
        .order_by("call__closes", "pk")
    )
    group = Group(
        "followed", _("Calls you follow closing within %(days)d days") % {"days": FOLLOWED_DAYS}
    )
    for follow in follows:
        group.items.append(
            Todo(
                text=follow.call.title,
                url=reverse("calls:call-detail", args=[follow.call_id]),
                due=localdate(follow.call.closes),
            )
        )
    return group


# --- the viewer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class YearInNumbers:
    report: Evaluation
    running: list[Project]


def year_in_numbers(actor: User, consortium: Consortium, year: int) -> YearInNumbers:
    """The consortium's year in money (its members one by one on their summaries) and the
    projects running now."""
    running = (
        projects_for(actor)
        .filter(consortium=consortium, status=lifecycle.RUNNING)
        .select_related("owner")
        .order_by("title", "pk")
    )
    return YearInNumbers(evaluation(actor, consortium, year), list(running))
