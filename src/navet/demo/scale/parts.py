"""One function per app, each adding its part of the generated data to the `Context`.

A part reads what earlier parts made from the context (never from the database, so each part
costs a few bulk inserts) and adds what later parts need. To generate data for a new app, write
`def <app>(context: Context) -> None` here (or in a module of its own) and append it to `PARTS`.
"""

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone

from navet.calls.models import Call, Funder, TargetGroup, Theme
from navet.calls.services import funders_seed
from navet.calls.taxonomy import target_groups, themes
from navet.core.models import User
from navet.decisions.models import Attendance, Meeting, Motion, Vote
from navet.demo.scale import text
from navet.demo.scale.sizes import Size
from navet.needs.models import Endorsement, Need
from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Role,
    RoleAssignment,
)
from navet.organisations.services import county_seed
from navet.projects.models import Project

M = TypeVar("M", bound=models.Model)
T = TypeVar("T", Theme, TargetGroup)
PASSWORD = "navet-scale"  # noqa: S105  (generated logins only; refused in production mode)
PREFIX = "scale-"
BATCH = 2_000
# Counties other than Stockholm (01), by their real two-digit codes; their municipalities are not.
OTHER_COUNTIES = tuple(
    "03 04 05 06 07 08 09 10 12 13 14 17 18 19 20 21 22 23 24 25".split()  # noqa: SIM905
)


@dataclass
class Context:
    """What the parts have made so far, and the seeded random generator they share."""

    size: Size
    rng: random.Random
    today: date
    counts: Counter[str] = field(default_factory=Counter)
    municipalities: list[Municipality] = field(default_factory=list)
    members: dict[int, list[Municipality]] = field(default_factory=dict)  # consortium id →
    consortia: list[Consortium] = field(default_factory=list)
    steering: dict[tuple[int, int], User] = field(default_factory=dict)
    coordinators: dict[int, User] = field(default_factory=dict)  # consortium id →
    contacts: dict[int, User] = field(default_factory=dict)  # municipality id →
    calls: list[Call] = field(default_factory=list)
    needs_by_municipality: dict[int, list[Need]] = field(default_factory=dict)
    projects_by_consortium: dict[int, list[Project]] = field(default_factory=dict)

    @classmethod
    def start(cls, *, size: Size, seed: int, today: date) -> "Context":
        return cls(size=size, rng=random.Random(seed), today=today)  # noqa: S311  (made-up data)

    def moment(self, days: int, hour: int = 12) -> datetime:
        """A time of day `days` from today, in Stockholm time."""
        day = self.today + timedelta(days=days)
        return timezone.make_aware(datetime.combine(day, time(hour)))

    def insert(self, model: type[M], rows: Sequence[M], label: str = "") -> list[M]:
        """Insert in batches; the rows come back with their primary keys (on SQLite ≥ 3.35 and
        PostgreSQL alike)."""
        stored = model._default_manager.bulk_create(rows, batch_size=BATCH)
        self.counts[label or model._meta.label_lower] += len(rows)
        return stored


def already_generated() -> bool:
    return Call.objects.filter(external_id__startswith=PREFIX).exists()


def organisations(context: Context) -> None:
    """Stockholm County's real municipalities and consortia, then made-up ones (named
    "Syntetisk …") up to the size; users: a coordinator per consortium, a steering
    representative per membership and a contact per municipality."""
    county_seed()
    rng, size = context.rng, context.size
    made_up = []
    for number in range(size.municipalities - Municipality.objects.count()):
        county = OTHER_COUNTIES[number % len(OTHER_COUNTIES)]
        code = f"{county}{50 + number // len(OTHER_COUNTIES):02d}"
        made_up.append(
            Municipality(
                code=code,
                name=f"Syntetisk kommun {code}",
                county_code=county,
                county_name=f"Syntetiskt län {county}",
                population=rng.randint(2_500, 150_000),
                population_year=2025,
            )
        )
    made_up = context.insert(Municipality, made_up, "municipalities (made up)")
    new_consortia = [
        Consortium(
            name=f"Syntetisk samverkan {number:02d}",
            slug=f"{PREFIX}samverkan-{number:02d}",
            description="Genererad för prestandamätningar.",
        )
        for number in range(1, size.consortia - Consortium.objects.count() + 1)
    ]
    created = context.insert(Consortium, new_consortia, "consortia (made up)")
    # Neighbouring codes (one county) in one consortium, in blocks of about equal size.
    members = sorted(made_up, key=lambda m: m.code) if created else []
    memberships = [
        ConsortiumMembership(
            consortium=created[index * len(created) // len(members)], municipality=municipality
        )
        for index, municipality in enumerate(members)
    ]
    context.insert(ConsortiumMembership, memberships, "memberships (made up)")
    context.municipalities = list(Municipality.objects.order_by("code"))
    context.consortia = list(Consortium.objects.order_by("slug"))
    by_id = {m.pk: m for m in context.municipalities}
    for consortium_id, municipality_id in ConsortiumMembership.objects.order_by(
        "consortium__slug", "municipality__code"
    ).values_list("consortium_id", "municipality_id"):
        context.members.setdefault(consortium_id, []).append(by_id[municipality_id])
    _users(context)


def _users(context: Context) -> None:
    password = make_password(PASSWORD)
    users: list[User] = []
    roles: list[tuple[str, Role, Consortium | None, Municipality | None]] = []
    for consortium in context.consortia:
        roles.append((f"{PREFIX}samordnare.{consortium.pk}", Role.COORDINATOR, consortium, None))
        for municipality in context.members.get(consortium.pk, []):
            username = f"{PREFIX}styrgrupp.{consortium.pk}.{municipality.code}"
            roles.append((username, Role.STEERING, consortium, municipality))
    for municipality in context.municipalities:
        roles.append((f"{PREFIX}kontakt.{municipality.code}", Role.CONTACT, None, municipality))
    for username, *_ in roles:
        users.append(User(username=username, password=password, email=f"{username}@example.se"))
    context.insert(User, users, "users")
    by_name = {u.username: u for u in User.objects.filter(username__startswith=PREFIX)}
    assignments = []
    for username, role, in_consortium, of_municipality in roles:
        user = by_name[username]
        assignments.append(
            RoleAssignment(
                user=user, role=role, consortium=in_consortium, municipality=of_municipality
            )
        )
        if role == Role.STEERING and in_consortium and of_municipality:
            context.steering[in_consortium.pk, of_municipality.pk] = user
        elif role == Role.COORDINATOR and in_consortium:
            context.coordinators[in_consortium.pk] = user
        elif role == Role.CONTACT and of_municipality:
            context.contacts[of_municipality.pk] = user
    context.insert(RoleAssignment, assignments, "role assignments")


def calls(context: Context) -> None:
    """Calls from the real funders, open, coming and closed around today, with themes."""
    funders_seed()
    rng, size = context.rng, context.size
    funders = list(Funder.objects.order_by("name"))
    theme_rows = _taxonomy(Theme, [t.slug for t in themes()], {t.slug: t for t in themes()})
    group_rows = _taxonomy(
        TargetGroup, [g.slug for g in target_groups()], {g.slug: g for g in target_groups()}
    )
    rows, links = [], []
    for number in range(size.calls):
        topics = text.topics(rng)
        closes = rng.randint(-120, 240)
        opens = closes - rng.randint(20, 120) if rng.random() < 0.9 else None
        low = rng.choice((None, 50_000, 100_000, 250_000))
        rows.append(
            Call(
                external_id=f"{PREFIX}call-{number:05d}",
                funder=rng.choice(funders),
                title=text.title(rng, topics),
                description=text.paragraph(rng, topics, rng.randint(120, 300)),
                opens=context.moment(opens) if opens is not None else None,
                closes=context.moment(closes, 23),
                min_amount_sek=low,
                max_amount_sek=rng.choice((None, 2_500_000, 10_000_000)),
                cofinancing_percent=rng.choice((None, 0, 0, 10, 25, 50)),
                eligible_applicants=rng.choice((["kommun"], ["kommun", "ideell"], [])),
                source="genererad",
            )
        )
        links.append(
            (
                [t for t in topics if t in theme_rows],
                [rng.choice(sorted(group_rows.values(), key=lambda g: g.slug))],
            )
        )
    context.calls = context.insert(Call, rows)
    _link(
        context,
        Call.themes.through,
        "call",
        context.calls,
        "theme",
        [[theme_rows[t] for t in ts] for ts, _ in links],
    )
    _link(
        context,
        Call.target_groups.through,
        "call",
        context.calls,
        "targetgroup",
        [gs for _, gs in links],
    )


def needs(context: Context) -> None:
    """Needs spread over every municipality, most open, with themes and a few endorsements by
    fellow members."""
    rng, size = context.rng, context.size
    theme_rows = {t.slug: t for t in Theme.objects.all()}
    statuses = (Need.Status.OPEN,) * 6 + (
        Need.Status.DRAFT,
        Need.Status.IN_PROJECT,
        Need.Status.MET,
    )
    rows, topics_of = [], []
    for number in range(size.needs):
        municipality = rng.choice(context.municipalities)
        topics = text.topics(rng)
        rows.append(
            Need(
                external_id=f"{PREFIX}need-{number:05d}",
                municipality=municipality,
                title=text.title(rng, topics),
                description=text.paragraph(rng, topics, rng.randint(50, 130)),
                priority=rng.choice(Need.Priority.values),
                raised_in=rng.choice(Need.RaisedIn.values),
                raised_at=context.today - timedelta(days=rng.randint(0, 700)),
                status=rng.choice(statuses),
                cofinancing_capacity_percent=rng.choice((0, 0, 10, 25)),
                estimated_cost_sek=rng.choice((None, 300_000, 800_000, 2_000_000)),
            )
        )
        topics_of.append(topics)
    stored = context.insert(Need, rows)
    _link(
        context,
        Need.themes.through,
        "need",
        stored,
        "theme",
        [[theme_rows[t] for t in ts] for ts in topics_of],
    )
    peers: dict[int, list[Municipality]] = {}
    for members in context.members.values():
        for municipality in members:
            peers.setdefault(municipality.pk, []).extend(m for m in members if m != municipality)
    endorsements = []
    for need in stored:
        context.needs_by_municipality.setdefault(need.municipality_id, []).append(need)
        others = sorted(set(peers.get(need.municipality_id, [])), key=lambda m: m.code)
        if others and rng.random() < 0.3:
            for municipality in rng.sample(others, min(len(others), rng.randint(1, 3))):
                endorsements.append(Endorsement(need=need, municipality=municipality))
    context.insert(Endorsement, endorsements)


def projects(context: Context) -> None:
    """Projects of every consortium, owned by a member, answering its needs, mostly for a call."""
    rng, size = context.rng, context.size
    with_members = [c for c in context.consortia if context.members.get(c.pk)]
    rows, participants, answered = [], [], []
    for _ in range(size.projects):
        consortium = rng.choice(with_members)
        members = context.members[consortium.pk]
        # The owner answers its own needs: a member that has some, when there is one.
        owner = rng.choice([m for m in members if m.pk in context.needs_by_municipality] or members)
        call = rng.choice(context.calls) if rng.random() < 0.7 else None
        starts = context.today + timedelta(days=rng.randint(-900, 300))
        requested = rng.choice((None, 400_000, 1_200_000, 3_500_000))
        status = rng.choice(Project.Status.values)
        rows.append(
            Project(
                consortium=consortium,
                title=call.title if call else f"Projektidé i {owner.name}",
                description=text.paragraph(rng, text.topics(rng), rng.randint(40, 90)),
                scope=rng.choice(Project.Scope.values),
                owner=owner,
                call=call,
                funder_id=call.funder_id if call else None,
                starts_on=starts,
                ends_on=starts + timedelta(days=rng.randint(180, 900)),
                requested_sek=requested,
                granted_sek=requested
                if requested and status in ("granted", "running", "finished")
                else None,
                status=status,
            )
        )
        participants.append(
            sorted(
                {owner, *rng.sample(members, min(len(members), rng.randint(0, 3)))},
                key=lambda m: m.code,
            )
        )
        own = context.needs_by_municipality.get(owner.pk, [])
        answered.append(rng.sample(own, min(len(own), rng.randint(1, 2))))
    stored = context.insert(Project, rows)
    _link(context, Project.participants.through, "project", stored, "municipality", participants)
    _link(context, Project.needs.through, "project", stored, "need", answered)
    for project in stored:
        context.projects_by_consortium.setdefault(project.consortium_id, []).append(project)


def decisions(context: Context) -> None:
    """Meetings with each member's attendance, and motions with one vote row per member."""
    rng, size = context.rng, context.size
    with_members = [c for c in context.consortia if context.members.get(c.pk)]
    meetings = []
    for n in range(size.meetings):
        consortium = _one_each_first(rng, with_members, n)
        starts = context.moment(rng.randint(-700, 120), rng.randint(8, 15))
        meetings.append(
            Meeting(
                consortium=consortium,
                kind=rng.choice(Meeting.Kind.values),
                title=f"Möte i {consortium.name}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place="Kommunhuset",
                status=Meeting.Status.HELD
                if starts < context.moment(0)
                else Meeting.Status.PLANNED,
            )
        )
    stored = context.insert(Meeting, meetings)
    attendance = [
        Attendance(
            meeting=meeting,
            municipality=municipality,
            status=rng.choice(Attendance.Status.values)
            if meeting.status == Meeting.Status.HELD
            else "",
        )
        for meeting in stored
        for municipality in context.members[meeting.consortium_id]
    ]
    context.insert(Attendance, attendance)
    _motions(context, with_members)


def _one_each_first(rng: random.Random, consortia: list[Consortium], n: int) -> Consortium:
    """The n-th row's consortium: each consortium once in turn, then any, so that every
    consortium has a meeting and a motion to measure."""
    return consortia[n] if n < len(consortia) else rng.choice(consortia)


def _motions(context: Context, with_members: list[Consortium]) -> None:
    rng, size = context.rng, context.size
    numbers: Counter[int] = Counter()
    motions = []
    for n in range(size.motions):
        consortium = _one_each_first(rng, with_members, n)
        numbers[consortium.pk] += 1
        opens = context.moment(rng.randint(-700, 30), 9)
        closes = opens + timedelta(days=rng.randint(7, 21))
        closed = closes < context.moment(0)
        own = context.projects_by_consortium.get(consortium.pk, [])
        motions.append(
            Motion(
                consortium=consortium,
                number=f"SG {opens.year}-{numbers[consortium.pk]:04d}",
                title=f"Beslut om deltagande {numbers[consortium.pk]}",
                proposal="Styrgruppen föreslås besluta att kommunerna deltar i projektet.",
                project=rng.choice(own) if own and rng.random() < 0.4 else None,
                opens_at=opens,
                closes_at=closes,
                status=Motion.Status.CLOSED if closed else Motion.Status.OPEN,
                outcome=rng.choice(Motion.Outcome.values) if closed else "",
                closed_at=closes if closed else None,
            )
        )
    stored = context.insert(Motion, motions)
    votes = []
    for motion in stored:
        for municipality in context.members[motion.consortium_id]:
            cast = motion.status == Motion.Status.CLOSED or rng.random() < 0.5
            votes.append(
                Vote(
                    motion=motion,
                    municipality=municipality,
                    choice=rng.choice(Vote.Choice.values) if cast else "",
                    cast_by=context.steering[motion.consortium_id, municipality.pk]
                    if cast
                    else None,
                    cast_as=Vote.CastAs.REPRESENTATIVE if cast else "",
                    cast_at=motion.opens_at + timedelta(hours=1) if cast else None,
                )
            )
    context.insert(Vote, votes)


def _taxonomy(model: type[T], slugs: list[str], entries: dict[str, Any]) -> dict[str, T]:
    rows = [model(slug=s, sv=entries[s].sv, en=entries[s].en) for s in slugs]
    model.objects.bulk_create(rows, ignore_conflicts=True)
    return {row.slug: row for row in model.objects.filter(slug__in=slugs)}


def _link(
    context: Context,
    through: type[models.Model],
    owner_field: str,
    owners: Sequence[models.Model],
    target_field: str,
    targets: Sequence[Sequence[models.Model]],
) -> None:
    """Many-to-many rows: `owners[i]` linked to each of `targets[i]`."""
    rows = [
        through(**{f"{owner_field}_id": owner.pk, f"{target_field}_id": target.pk})
        for owner, linked in zip(owners, targets, strict=True)
        for target in linked
    ]
    context.insert(through, rows)


# The parts of later apps live in modules of their own (`followup.py`) and are added by
# `navet.demo.scale.PARTS`, which runs them all in the flow's order.
PARTS: list[Callable[[Context], None]] = [organisations, calls, needs, projects, decisions]
