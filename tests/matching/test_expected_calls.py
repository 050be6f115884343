"""An expected call – a window foreseen from earlier years – is matched to needs like a call, so
that a needs analysis can start before it opens; a call merely announced for later is not."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from navet.calls.models import Call as StoredCall
from navet.matching.engine import Call, Matcher, Need, exclusion
from navet.matching.selectors import calls_for_matching
from tests.factories import CallFactory

TODAY = date(2026, 12, 7)
NEED = Need(
    id="n",
    municipality="0191",
    title="Digitala guider för nyanlända vuxna",
    description="Hjälp med BankID och e-tjänster på biblioteket.",
    themes=("digital-inkludering",),
    target_groups=("nyanlanda-ersattningsforordningen",),
)


def said(reasons) -> list[str]:
    """The reasons as the reader reads them (in Swedish here)."""
    return [str(reason) for reason in reasons]


def _call(expected: bool) -> Call:
    return Call(
        id="lst-37-2027",
        title="Utvecklingsmedel § 37 – digital delaktighet för nyanlända",
        opens=date(2027, 2, 3),
        closes=date(2027, 3, 15),
        eligible_applicants=("kommun",),
        cofinancing_percent=0,
        themes=("digital-inkludering",),
        expected=expected,
    )


def test_an_expected_call_is_suggested_before_it_opens_and_says_when() -> None:
    (suggestion,) = Matcher([_call(expected=True)]).rank(NEED, TODAY)
    assert "väntas öppna omkring 2027-02-03" in said(suggestion.reasons)
    assert exclusion(NEED, _call(expected=True), TODAY) is None


def test_a_call_announced_for_later_waits_for_its_window() -> None:
    assert Matcher([_call(expected=False)]).rank(NEED, TODAY) == []
    assert str(exclusion(NEED, _call(expected=False), TODAY)) == "öppnar först 2027-02-03"


@pytest.mark.django_db
def test_expected_calls_are_read_for_matching_and_announced_ones_are_not() -> None:
    now = timezone.now()
    expected = CallFactory(
        expected=True, opens=now + timedelta(days=50), closes=now + timedelta(days=90)
    )
    announced = CallFactory(opens=now + timedelta(days=50), closes=now + timedelta(days=90))
    read = set(calls_for_matching(now).values_list("pk", flat=True))
    assert expected.pk in read
    assert announced.pk not in read
    assert StoredCall.objects.filter(pk=expected.pk, expected=True).exists()
