"""The lifecycle's table and rules, alone: plain data in, plain data out."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navet.projects import lifecycle
from navet.projects.lifecycle import Facts, Refusal, Scope, refusals

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
facts = st.builds(
    Facts,
    status=st.sampled_from(lifecycle.STATUSES),
    scope=st.sampled_from(list(Scope)),
    needs=st.integers(min_value=0, max_value=5),
    has_call=st.booleans(),
    steering_decision_reference=st.sampled_from(["", "  ", "§ 12"]),
    steering_decision_on=st.none() | days,
    requested_sek=st.none() | st.integers(min_value=0, max_value=10**9),
    granted_sek=st.none() | st.integers(min_value=0, max_value=10**9),
    starts_on=st.none() | days,
    ends_on=st.none() | days,
    needs_analysis_open=st.integers(min_value=0, max_value=len(lifecycle.NEEDS_ANALYSIS_ITEMS)),
    confirmations_missing=st.integers(min_value=0, max_value=14),
    confirmations_waived=st.booleans(),
)
statuses = st.sampled_from(lifecycle.STATUSES)

READY = {
    "needs": 1,
    "has_call": True,
    "steering_decision_reference": "§ 12",
    "steering_decision_on": date(2026, 11, 20),
    "requested_sek": 1_000_000,
    "granted_sek": 800_000,
    "starts_on": date(2027, 1, 1),
    "ends_on": date(2028, 12, 31),
}


def test_the_table_covers_every_status_and_names_only_known_ones() -> None:
    assert set(lifecycle.TRANSITIONS) == set(lifecycle.STATUSES)
    for targets in lifecycle.TRANSITIONS.values():
        assert set(targets) <= set(lifecycle.STATUSES)
        assert len(targets) == len(set(targets))


def test_every_status_is_reached_from_an_idea() -> None:
    reached, frontier = {lifecycle.IDEA}, [lifecycle.IDEA]
    while frontier:
        for target in lifecycle.next_statuses(frontier.pop()):
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(lifecycle.STATUSES)


def test_the_main_road_from_idea_to_approved_final_report() -> None:
    road = [
        lifecycle.IDEA,
        lifecycle.NEEDS_ANALYSIS,
        lifecycle.DECISION,
        lifecycle.APPLICATION,
        lifecycle.SUBMITTED,
        lifecycle.GRANTED,
        lifecycle.RUNNING,
        lifecycle.FINISHED,
        lifecycle.FINAL_REPORT_APPROVED,
    ]
    for source, target in zip(road, road[1:], strict=False):
        assert refusals(Facts(status=source, scope=Scope.CONSORTIUM, **READY), target) == ()


def test_withdrawn_is_final_and_money_can_be_returned_only_after_a_grant() -> None:
    assert lifecycle.next_statuses(lifecycle.WITHDRAWN) == ()
    before_grant = {
        s for s in lifecycle.STATUSES if lifecycle.REPAYMENT in lifecycle.TRANSITIONS[s]
    }
    assert before_grant <= lifecycle.WITH_A_GRANT


@given(facts, statuses)
def test_a_move_outside_the_table_is_refused_and_only_that(facts: Facts, target: str) -> None:
    found = refusals(facts, target)
    if target not in lifecycle.next_statuses(facts.status):
        assert found == (Refusal.NOT_A_MOVE,)
    else:
        assert Refusal.NOT_A_MOVE not in found


@given(facts)
def test_withdrawing_is_always_allowed_where_the_table_allows_it(facts: Facts) -> None:
    if lifecycle.WITHDRAWN in lifecycle.next_statuses(facts.status):
        assert refusals(facts, lifecycle.WITHDRAWN) == ()


@given(facts, statuses)
def test_a_whole_consortium_project_needs_a_recorded_decision_for_its_application(
    facts: Facts, target: str
) -> None:
    found = refusals(facts, target)
    expected = (
        target == lifecycle.APPLICATION
        and target in lifecycle.next_statuses(facts.status)
        and facts.scope == Scope.CONSORTIUM
        and not (facts.steering_decision_reference.strip() and facts.steering_decision_on)
    )
    assert (Refusal.STEERING_DECISION in found) == expected


@given(facts, statuses)
def test_each_rule_refuses_exactly_when_its_fact_is_missing(facts: Facts, target: str) -> None:
    found = set(refusals(facts, target))
    if target not in lifecycle.next_statuses(facts.status) or target == lifecycle.WITHDRAWN:
        return
    assert (Refusal.NO_NEED in found) == (facts.needs < 1)
    assert (Refusal.NO_CALL in found) == (
        target in (lifecycle.APPLICATION, lifecycle.SUBMITTED) and not facts.has_call
    )
    assert (Refusal.NO_REQUESTED_AMOUNT in found) == (
        target == lifecycle.SUBMITTED and not facts.requested_sek
    )
    assert (Refusal.NO_GRANTED_AMOUNT in found) == (
        target in (lifecycle.GRANTED, lifecycle.REPAYMENT) and not facts.granted_sek
    )
    assert (Refusal.NO_PERIOD in found) == (
        target == lifecycle.RUNNING and (facts.starts_on is None or facts.ends_on is None)
    )
    assert (Refusal.NEEDS_ANALYSIS_OPEN in found) == (
        facts.status == lifecycle.NEEDS_ANALYSIS
        and target == lifecycle.DECISION
        and facts.needs_analysis_open > 0
    )
    assert (Refusal.CONFIRMATIONS_MISSING in found) == (
        target == lifecycle.SUBMITTED
        and facts.confirmations_missing > 0
        and not facts.confirmations_waived
    )


@given(facts, statuses)
def test_a_move_with_every_fact_in_place_is_never_refused_by_a_rule(
    facts: Facts, target: str
) -> None:
    ready = Facts(status=facts.status, scope=facts.scope, **READY)
    expected = () if target in lifecycle.next_statuses(facts.status) else (Refusal.NOT_A_MOVE,)
    assert refusals(ready, target) == expected


@pytest.mark.parametrize(
    ("source", "target", "only"),
    [
        (lifecycle.IDEA, lifecycle.NEEDS_ANALYSIS, False),
        (lifecycle.NEEDS_ANALYSIS, lifecycle.IDEA, False),
        (lifecycle.IDEA, lifecycle.WITHDRAWN, False),
        (lifecycle.NEEDS_ANALYSIS, lifecycle.WITHDRAWN, False),
        (lifecycle.NEEDS_ANALYSIS, lifecycle.DECISION, True),
        (lifecycle.DECISION, lifecycle.WITHDRAWN, True),
        (lifecycle.SUBMITTED, lifecycle.GRANTED, True),
        (lifecycle.REFUSED, lifecycle.IDEA, True),
    ],
)
def test_which_moves_are_the_coordinators(source: str, target: str, only: bool) -> None:
    assert lifecycle.coordinator_only(source, target) is only


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=1, max_value=30))
def test_the_scope_follows_from_the_participants(participants: int, members: int) -> None:
    scope = lifecycle.scope_for(participants, members)
    if members > 1 and participants >= members:
        assert scope == Scope.CONSORTIUM
    elif participants <= 1:
        assert scope == Scope.MUNICIPALITY
    else:
        assert scope == Scope.GROUP


def test_a_decision_needs_both_its_reference_and_its_date() -> None:
    base = Facts(status=lifecycle.DECISION, scope=Scope.CONSORTIUM, has_call=True)
    assert not Facts(
        **{**base.__dict__, "steering_decision_reference": "§ 12"}
    ).has_steering_decision
    dated = Facts(**{**base.__dict__, "steering_decision_on": date(2026, 11, 20)})
    assert not dated.has_steering_decision


@given(facts)
def test_an_open_checklist_keeps_the_project_in_the_needs_analysis_only(facts: Facts) -> None:
    """Going back to an idea, withdrawing, and returning to the decision from an application
    never ask for the checklist: it guards the one move out of the needs analysis forward."""
    open_list = Facts(**{**facts.__dict__, "needs_analysis_open": 1, "needs": 1})
    for target in lifecycle.next_statuses(open_list.status):
        found = refusals(open_list, target)
        leaving = open_list.status == lifecycle.NEEDS_ANALYSIS and target == lifecycle.DECISION
        assert (Refusal.NEEDS_ANALYSIS_OPEN in found) == leaving


@pytest.mark.parametrize(
    ("missing", "waived", "refused"),
    [(0, False, False), (1, False, True), (3, False, True), (1, True, False), (0, True, False)],
)
def test_submission_waits_for_every_confirmation_or_a_recorded_reason(
    missing: int, waived: bool, refused: bool
) -> None:
    ready = Facts(
        status=lifecycle.APPLICATION,
        scope=Scope.GROUP,
        **{**READY, "confirmations_missing": missing, "confirmations_waived": waived},
    )
    assert refusals(ready, lifecycle.SUBMITTED) == (
        (Refusal.CONFIRMATIONS_MISSING,) if refused else ()
    )
    # Withdrawing or going back to the decision is never held up by a missing form.
    assert refusals(ready, lifecycle.WITHDRAWN) == ()
    assert refusals(ready, lifecycle.DECISION) == ()


def test_every_reason_is_given_at_once() -> None:
    facts = Facts(status=lifecycle.APPLICATION, needs=0, confirmations_missing=2)
    assert refusals(facts, lifecycle.SUBMITTED) == (
        Refusal.NO_NEED,
        Refusal.NO_CALL,
        Refusal.NO_REQUESTED_AMOUNT,
        Refusal.CONFIRMATIONS_MISSING,
    )


def test_the_checklist_is_the_studys_six_items_in_its_order() -> None:
    assert lifecycle.NEEDS_ANALYSIS_ITEMS == (
        "study_visits",
        "environment_scan",
        "earlier_research",
        "risk_analysis",
        "interviews",
        "target_group_shaping",
    )
