"""The feasibility study of Koordination Norrort (§2.5) as a finished project: its figures from
the ledger, and the warnings Navet would have raised, and when."""

from datetime import date
from decimal import Decimal

import pytest

from navet.followup import selectors
from navet.followup.demo import feasibility_study_seed
from navet.followup.models import Expenditure


@pytest.fixture
def study(cast, calls):
    return feasibility_study_seed(cast.coordinator)


def test_the_ledger_gives_the_study_s_figures(study) -> None:
    assert study.granted_sek == 431_000
    assert study.repaid_sek == 81_524
    staff = Expenditure.objects.filter(project=study, budget_line__category="staff")
    materials = Expenditure.objects.filter(project=study, budget_line__category="materials")
    assert sum(e.amount for e in staff) == Decimal("334000.00")
    assert sum(e.amount for e in materials) == Decimal("15476.00")
    followup = selectors.followup_of(study, date(2023, 9, 1))
    assert followup is not None
    assert followup.result.actual == Decimal("349476.00")
    assert followup.result.forecast_sek == 349_476
    assert followup.result.at_risk_sek == 81_524  # what the study returned


def test_navet_would_have_warned_of_the_repayment_four_months_before_the_end(study) -> None:
    inputs = selectors.followup_inputs(study)
    history = selectors.alert_history(inputs, date(2023, 10, 1))
    underspend = [r for r in history if r.alert.kind == "underspend"]
    first = underspend[0]
    assert first.on <= date(2023, 4, 30)  # at least a quarter before 2023-07-31
    assert first.on >= date(2023, 3, 1)
    assert "kan behöva betalas tillbaka" in str(first.alert.reason)
    # The forecast then was close to what was returned in the end.
    then = selectors.follow_on(inputs, first.on)
    assert then is not None
    assert 60_000 <= then.result.at_risk_sek <= 100_000
    # The interim report was announced before it was due.
    reports = [r for r in history if r.alert.kind == "report_due"]
    assert reports
    assert reports[0].on < date(2023, 3, 31)
    for raised in history:
        assert raised.alert.action
