from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from navet.applications.models import Application, Section, SectionVersion
from navet.calls.models import Call
from navet.core.models import User
from navet.decisions.models import Attendance, Meeting, Motion, Vote
from navet.demo.scale import GeneratedError, Size, generate
from navet.followup.models import BudgetLine, Expenditure
from navet.needs.models import Endorsement, Need
from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    RoleAssignment,
)
from navet.projects.models import Project

TINY = Size(
    "tiny",
    municipalities=40,
    consortia=5,
    calls=30,
    needs=60,
    projects=20,
    meetings=6,
    motions=8,
    expenditures=120,
)
TODAY = date(2026, 3, 2)


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    """The generated content, without database ids or creation times."""
    return {
        "municipalities": list(Municipality.objects.values_list("code", "name", "population")),
        "consortia": sorted(
            (c.slug, tuple(sorted(c.members.values_list("code", flat=True))))
            for c in Consortium.objects.all()
        ),
        "calls": list(
            Call.objects.order_by("external_id").values_list(
                "external_id", "title", "description", "closes", "funder__name"
            )
        ),
        "call themes": list(
            Call.themes.through.objects.order_by("call__external_id", "theme_id").values_list(
                "call__external_id", "theme_id"
            )
        ),
        "needs": list(
            Need.objects.order_by("external_id").values_list(
                "external_id", "municipality__code", "title", "status", "raised_at"
            )
        ),
        "endorsements": sorted(
            Endorsement.objects.values_list("need__external_id", "municipality__code")
        ),
        "projects": sorted(
            (p.title, p.owner.code, p.status, p.starts_on, p.call_id is not None)
            for p in Project.objects.select_related("owner")
        ),
        "motions": sorted(Motion.objects.values_list("consortium__slug", "number", "outcome")),
        "expenditures": list(
            Expenditure.objects.order_by("reference").values_list(
                "reference", "spent_on", "amount", "budget_line__category"
            )
        ),
        "votes": sorted(Vote.objects.values_list("motion__number", "municipality__code", "choice")),
        "applications": sorted(
            Application.objects.values_list(
                "project__title", "project__starts_on", "call__external_id", "review_status"
            )
        ),
        "versions": sorted(
            (*row, _without_id(author))
            for *row, author in SectionVersion.objects.values_list(
                "section__application__project__title",
                "section__application__project__starts_on",
                "section__key",
                "number",
                "text",
                "author__username",
            )
        ),
    }


def _without_id(username: str) -> str:
    """A coordinator's login names the consortium's id, which another run gives anew."""
    return "scale-samordnare" if username.startswith("scale-samordnare.") else username


@pytest.mark.django_db
def test_generate_makes_the_counts_of_its_size() -> None:
    report = generate(TINY, seed=7, today=TODAY)

    assert Municipality.objects.count() == 40
    assert Municipality.objects.filter(name__startswith="Syntetisk kommun").count() == 14
    assert Consortium.objects.count() == 5
    assert Call.objects.count() == 30
    assert Need.objects.count() == 60
    assert Project.objects.count() == 20
    assert Meeting.objects.count() == 6
    assert Motion.objects.count() == 8
    assert Expenditure.objects.count() == 120
    # Every expenditure lies on a budget line of its project, in the line's year.
    for spent in Expenditure.objects.select_related("budget_line"):
        assert spent.budget_line.project_id == spent.project_id
        assert spent.spent_on.year == spent.budget_line.year
    # One attendance row and one vote row per member of the consortium.
    assert Attendance.objects.count() == sum(
        m.consortium.members.count() for m in Meeting.objects.all()
    )
    assert Vote.objects.count() == sum(m.consortium.members.count() for m in Motion.objects.all())
    assert report.counts["calls.call"] == 30
    # An application to its call for every project past the needs analysis that has a call.
    past = Project.objects.exclude(call=None).exclude(
        status__in=["idea", "needs_analysis", "withdrawn"]
    )
    assert Application.objects.count() == past.count() > 0
    assert set(Application.objects.values_list("project_id", flat=True)) == set(
        past.values_list("pk", flat=True)
    )
    for application in Application.objects.select_related("project"):
        assert application.call_id == application.project.call_id
        sections = list(application.sections.order_by("position"))
        assert [s.position for s in sections] == list(range(14))
        # Each section holds the text and number of its latest version.
        for section in sections:
            latest = section.versions.order_by("-number").first()
            assert section.version == (latest.number if latest else 0)
            assert section.text == (latest.text if latest else "")
            assert [v.number for v in section.versions.order_by("number")] == list(
                range(1, section.version + 1)
            )
        if application.project.status not in ("decision", "application"):
            assert application.review_status == "approved"
            assert all(s.text for s in sections)
    assert SectionVersion.objects.count() > Application.objects.count()
    assert report.counts["applications.application"] == Application.objects.count()
    assert report.counts["applications.section"] == Section.objects.count()
    # Every made-up municipality belongs to a consortium, and every project answers a need.
    assert not Municipality.objects.filter(memberships__isnull=True).exists()
    assert not Project.objects.filter(needs__isnull=True).exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    generate(TINY, seed=7, today=TODAY)
    first = snapshot()
    _empty()
    generate(TINY, seed=7, today=TODAY)
    assert snapshot() == first
    _empty()
    generate(TINY, seed=8, today=TODAY)
    assert snapshot()["calls"] != first["calls"]
    assert snapshot()["versions"] != first["versions"]


@pytest.mark.django_db
def test_generating_twice_is_refused_with_a_reason() -> None:
    generate(TINY, seed=7, today=TODAY)
    with pytest.raises(GeneratedError, match="redan genererade"):
        generate(TINY, seed=7, today=TODAY)
    with pytest.raises(CommandError, match="redan genererade"):
        call_command("generate", "--scale", "county")


@pytest.mark.django_db
def test_the_command_refuses_in_production_mode(settings: object) -> None:
    settings.PRODUCTION = True  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="produktionsläge"):
        call_command("generate", "--scale", "county")
    assert not Call.objects.exists()


def _empty() -> None:
    for model in (
        SectionVersion,
        Section,
        Application,
        Expenditure,
        BudgetLine,
        Vote,
        Motion,
        Attendance,
        Meeting,
        Project,
        Endorsement,
        Need,
        Call,
    ):
        model.objects.all().delete()
    RoleAssignment.objects.all().delete()
    User.objects.all().delete()
    ConsortiumMembership.objects.filter(consortium__slug__startswith="scale-").delete()
    Consortium.objects.filter(slug__startswith="scale-").delete()
    Municipality.objects.filter(name__startswith="Syntetisk").delete()
