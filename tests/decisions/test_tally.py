"""The tally: one municipality, one vote, whatever its size – with the boundaries of every rule."""

from fractions import Fraction

import pytest
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from navet.core.text import Message
from navet.decisions.tally import Base, Choice, Majority, Outcome, Rule, Tie, required_yes, tally

CHOICES = st.sampled_from([Choice.YES, Choice.NO, Choice.ABSTAIN, None])
RULES = st.builds(
    Rule,
    quorum=st.fractions(min_value=0, max_value=1, max_denominator=100),
    majority=st.sampled_from(list(Majority)),
    base=st.sampled_from(list(Base)),
    abstentions_count=st.booleans(),
    tie=st.sampled_from(list(Tie)),
)


@st.composite
def electorates(draw: st.DrawFn) -> tuple[list[str], dict[str, Choice | None]]:
    size = draw(st.integers(min_value=0, max_value=30))
    members = [f"{code:04d}" for code in range(100, 100 + size)]
    votes = {code: draw(CHOICES) for code in members}
    return members, votes


@given(electorates(), RULES)
def test_every_member_is_counted_once(electorate, rule) -> None:
    members, votes = electorate
    result = tally(members, votes, rule)
    assert result.yes + result.no + result.abstain + result.not_voted == len(members)
    assert result.yes == sum(1 for v in votes.values() if v is Choice.YES)
    assert result.turnout == (Fraction(result.voted, len(members)) if members else 0)


@given(electorates(), RULES, st.randoms(use_true_random=False))
def test_only_the_votes_matter_not_who_cast_them(electorate, rule, rnd) -> None:
    """Size independence: relabel the municipalities (a large one's vote given to a small one's
    code) and the result is the same; the tally has no input for population at all."""
    members, votes = electorate
    shuffled = list(votes.values())
    rnd.shuffle(shuffled)
    relabelled = dict(zip(members, shuffled, strict=True))
    assert tally(members, votes, rule) == tally(members, relabelled, rule)


@given(electorates(), RULES, st.data())
def test_a_further_yes_never_turns_a_pass_into_anything_else(electorate, rule, data) -> None:
    members, votes = electorate
    assume(members)
    code = data.draw(st.sampled_from(members))
    before = tally(members, votes, rule)
    after = tally(members, {**votes, code: Choice.YES}, rule)
    if before.passed:
        assert after.passed
    assert after.yes >= before.yes


@given(electorates(), RULES, st.data())
def test_taking_a_yes_away_never_turns_a_failure_into_a_pass(electorate, rule, data) -> None:
    members, votes = electorate
    yes_voters = [code for code, v in votes.items() if v is Choice.YES]
    assume(yes_voters)
    code = data.draw(st.sampled_from(yes_voters))
    other = data.draw(st.sampled_from([Choice.NO, Choice.ABSTAIN]))
    before = tally(members, votes, rule)
    after = tally(members, {**votes, code: other}, rule)
    if not before.passed:
        assert not after.passed


@given(electorates(), RULES)
def test_no_quorum_exactly_when_too_few_vote(electorate, rule) -> None:
    members, votes = electorate
    result = tally(members, votes, rule)
    too_few = not members or result.voted < max(rule.quorum * len(members), 1)
    assert (result.outcome is Outcome.NO_QUORUM) == too_few


@given(electorates(), RULES)
def test_passing_means_the_required_yes_of_the_base(electorate, rule) -> None:
    members, votes = electorate
    result = tally(members, votes, rule)
    if result.passed:
        assert result.yes >= result.required > 0
        if rule.majority is Majority.SIMPLE:
            assert 2 * result.yes > result.base
        else:
            share = Fraction(2, 3) if rule.majority is Majority.TWO_THIRDS else Fraction(3, 4)
            assert result.yes >= share * result.base
    assert result.reasons  # always explained


@given(electorates(), RULES)
def test_a_tie_never_passes_and_is_reported_as_the_rule_says(electorate, rule) -> None:
    members, votes = electorate
    result = tally(members, votes, rule)
    if result.outcome is Outcome.TIE:
        assert rule.tie is Tie.NO_DECISION
        assert result.yes == result.no > 0
    if result.yes == result.no and result.outcome is not Outcome.NO_QUORUM:
        assert not result.passed


def _votes(yes: int, no: int, abstain: int = 0, absent: int = 0) -> tuple[list[str], dict]:
    choices = [Choice.YES] * yes + [Choice.NO] * no + [Choice.ABSTAIN] * abstain + [None] * absent
    members = [f"{1000 + i}" for i in range(len(choices))]
    return members, dict(zip(members, choices, strict=True))


@pytest.mark.parametrize(
    ("yes", "no", "outcome"),
    [
        (10, 5, Outcome.PASSED),
        (9, 6, Outcome.FAILED),
        (2, 1, Outcome.PASSED),
        (1, 1, Outcome.FAILED),
    ],
)
def test_two_thirds_is_passed_at_exactly_two_thirds(yes, no, outcome) -> None:
    result = tally(*_votes(yes, no), Rule(majority=Majority.TWO_THIRDS))
    assert result.outcome is outcome


def test_three_quarters_of_all_members_counts_the_absent_against() -> None:
    rule = Rule(majority=Majority.THREE_QUARTERS, base=Base.MEMBERS)
    assert tally(*_votes(9, 0, absent=3), rule).passed  # 9 of 12 = 3/4
    assert not tally(*_votes(8, 0, absent=4), rule).passed


def test_simple_majority_needs_more_than_half() -> None:
    assert not tally(*_votes(5, 5), Rule()).passed
    assert tally(*_votes(6, 5), Rule()).passed
    assert required_yes(10, Majority.SIMPLE) == 6
    assert required_yes(9, Majority.SIMPLE) == 5


def test_abstentions_count_only_when_the_rule_says_so() -> None:
    members, votes = _votes(4, 3, abstain=3)
    assert tally(members, votes, Rule()).passed  # 4 of 7
    counted = tally(members, votes, Rule(abstentions_count=True))
    assert not counted.passed  # 4 of 10
    assert counted.base == 10


def _read(reasons: tuple[Message, ...], language: str) -> list[str]:
    with translation.override(language):
        return [str(reason) for reason in reasons]


def test_quorum_boundary_and_swedish_reasons() -> None:
    rule = Rule(quorum=Fraction(1, 2))
    short = tally(*_votes(7, 0, absent=8), rule)  # 7 of 15 < half
    assert short.outcome is Outcome.NO_QUORUM
    assert "Ej beslutfört: 7 av 15 kommuner röstade, minst 8 behövs." in _read(short.reasons, "sv")
    enough = tally(*_votes(8, 0, absent=7), rule)
    assert enough.passed
    assert _read(enough.reasons, "sv")[-1] == (
        "Förslaget är bifallet: 8 ja av 8, mer än hälften av de avgivna rösterna (5) krävs."
    )


def test_the_reasons_read_in_the_reader_s_language() -> None:
    result = tally(*_votes(2, 1, abstain=1), Rule(majority=Majority.TWO_THIRDS))
    assert _read(result.reasons, "en")[-1] == (
        "The proposal is approved: 2 yes of 3, at least two thirds of the votes cast "
        "(abstentions do not count) (2) is required."
    )
    assert _read(result.reasons, "sv")[-1] == (
        "Förslaget är bifallet: 2 ja av 3, minst två tredjedelar av de avgivna rösterna "
        "(nedlagda röster räknas inte) (2) krävs."
    )


def test_a_tie_fails_or_leaves_no_decision() -> None:
    assert tally(*_votes(3, 3), Rule(tie=Tie.FAILS)).outcome is Outcome.FAILED
    tie = tally(*_votes(3, 3), Rule(tie=Tie.NO_DECISION))
    assert tie.outcome is Outcome.TIE
    assert "Lika röstetal (3 ja, 3 nej): inget beslut är fattat." in _read(tie.reasons, "sv")


def test_strangers_and_duplicates_are_refused() -> None:
    with pytest.raises(ValueError, match="non-members"):
        tally(["0191"], {"0160": Choice.YES}, Rule())
    with pytest.raises(ValueError, match="twice"):
        tally(["0191", "0191"], {}, Rule())
    with pytest.raises(ValueError, match="quorum"):
        Rule(quorum=Fraction(3, 2))
