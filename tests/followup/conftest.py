from datetime import date
from decimal import Decimal

import pytest

from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests.factories import CallFactory, ProgrammeFactory, ProjectFactory


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def project(cast, norrort) -> Project:
    """A running project of Täby (whose contact is `cast.contact`) with Solna taking part, for
    a call of a programme with rules: 25 % co-financing, indirect costs at most 15 % of the
    direct costs, at most 24 months; the call grants 100 000 – 2 000 000 kr."""
    programme = ProgrammeFactory(
        name="Testfonden",
        cofinancing_percent=Decimal(25),
        indirect_cost_cap_percent=Decimal(15),
        max_duration_months=24,
    )
    call = CallFactory(programme=programme, min_amount_sek=100_000, max_amount_sek=2_000_000)
    return ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0160"),
        participants=[Municipality.objects.get(code="0184")],
        title="Språkcafé i Täby och Solna",
        status=Project.Status.RUNNING,
        call=call,
        programme=programme,
        funder=programme.funder,
        starts_on=date(2025, 1, 1),
        ends_on=date(2026, 6, 30),
        granted_sek=600_000,
    )


@pytest.fixture
def today(monkeypatch):
    """Set the day Navet believes it is (Europe/Stockholm), for pages and tasks."""

    def set_today(day: date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return set_today
