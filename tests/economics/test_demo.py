"""The demo's economics: last year's cost in equal shares, this year's by the logged time."""

import pytest
from django.utils import timezone

from navet.demo.content import demo_seed
from navet.economics.models import ResourceCost, TimeEntry
from navet.economics.selectors import evaluation

pytestmark = pytest.mark.django_db


def test_the_demo_shares_this_year_s_cost_by_the_coordinator_s_time(county, cast):
    demo_seed()
    year = timezone.localdate().year
    this_year = ResourceCost.objects.get(consortium__slug="koordination-norrort", year=year)
    assert this_year.key == ResourceCost.Key.USAGE
    report = evaluation(cast.coordinator, this_year.consortium, year)
    rows = {row.name: row for row in report.rows}
    assert not report.shared_equally_instead
    assert rows["Täby"].hours > rows["Danderyd"].hours > 0
    assert rows["Täby"].cost_sek > rows["Danderyd"].cost_sek
    assert rows["Ekerö"].cost_sek == 0  # no time logged for Ekerö
    assert sum(row.cost_sek or 0 for row in report.rows) == 500_000
    entries = TimeEntry.objects.count()
    demo_seed()  # a second seed logs nothing twice
    assert TimeEntry.objects.count() == entries
