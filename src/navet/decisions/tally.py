"""Counting the steering group's votes: one municipality, one vote. Pure Python, no Django.

`tally(members, votes, rule)` takes the municipalities entitled to vote (their codes), the vote
each has cast (yes, no, abstain, or none) and the motion's rule, and returns the outcome with the
counts, the turnout and the reasons as `Message`s, put into the reader's language when shown. A
municipality's size never enters: the input has no place for it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from navet.core.text import Message
from navet.core.text import gettext_lazy as _


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class Majority(StrEnum):
    """How many of the base must vote yes: more than half, or at least two thirds or three
    quarters."""

    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"
    THREE_QUARTERS = "three_quarters"


class Base(StrEnum):
    """What the majority is a share of: the votes cast, or all members."""

    CAST = "cast"
    MEMBERS = "members"


class Tie(StrEnum):
    """What an equal number of yes and no means: the motion fails, or no decision is made."""

    FAILS = "fails"
    NO_DECISION = "no_decision"


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NO_QUORUM = "no_quorum"
    TIE = "tie"


QUALIFIED = {Majority.TWO_THIRDS: Fraction(2, 3), Majority.THREE_QUARTERS: Fraction(3, 4)}
MAJORITY_TEXT = {
    Majority.SIMPLE: _("more than half"),
    Majority.TWO_THIRDS: _("at least two thirds"),
    Majority.THREE_QUARTERS: _("at least three quarters"),
}


@dataclass(frozen=True)
class Rule:
    """A motion's voting rule. `quorum`: the share of members that must vote (abstaining counts
    as voting) for a decision; `abstentions_count`: whether abstentions belong to the votes cast
    that the majority is counted of (then an abstention weighs like a no)."""

    quorum: Fraction = Fraction(1, 2)
    majority: Majority = Majority.SIMPLE
    base: Base = Base.CAST
    abstentions_count: bool = False
    tie: Tie = Tie.FAILS

    def __post_init__(self) -> None:
        if not 0 <= self.quorum <= 1:
            raise ValueError("quorum must be a share between 0 and 1")


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    members: int
    yes: int
    no: int
    abstain: int
    not_voted: int
    base: int  # the number the majority is counted of
    required: int  # the yes votes needed to pass, given the base
    reasons: tuple[Message, ...]

    @property
    def voted(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def turnout(self) -> Fraction:
        return Fraction(self.voted, self.members) if self.members else Fraction(0)

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED


def required_yes(base: int, majority: Majority) -> int:
    """The fewest yes votes that pass: more than half, or at least the qualified share."""
    if majority is Majority.SIMPLE:
        return base // 2 + 1
    share = QUALIFIED[majority]
    needed = -(-share.numerator * base // share.denominator)  # ceiling
    return max(needed, 1)


def quorum_needed(members: int, quorum: Fraction) -> int:
    """The fewest municipalities that must vote for a decision (at least one)."""
    return max(-(-quorum.numerator * members // quorum.denominator), 1)


def tally(members: Sequence[str], votes: Mapping[str, Choice | None], rule: Rule) -> Result:
    """Count one vote per member. A vote from outside `members` is a programming error."""
    entitled = set(members)
    if len(entitled) != len(members):
        raise ValueError("a municipality is listed twice among the members")
    strangers = set(votes) - entitled
    if strangers:
        raise ValueError(f"votes from non-members: {sorted(strangers)}")
    cast = [votes.get(code) for code in members]
    yes = cast.count(Choice.YES)
    no = cast.count(Choice.NO)
    abstain = cast.count(Choice.ABSTAIN)
    total = len(members)
    voted = yes + no + abstain
    not_voted = total - voted
    if rule.base is Base.MEMBERS:
        base = total
    else:
        base = yes + no + (abstain if rule.abstentions_count else 0)
    required = required_yes(base, rule.majority)
    reasons = [_count_text(yes, no, abstain, not_voted, total)]

    def result(outcome: Outcome) -> Result:
        return Result(outcome, total, yes, no, abstain, not_voted, base, required, tuple(reasons))

    needed = quorum_needed(total, rule.quorum)
    if total == 0 or voted < needed:
        reasons.append(
            _(
                "No quorum: {voted} of {total} municipalities voted, at least {needed} are needed.",
                voted=voted,
                total=total,
                needed=needed,
            )
        )
        return result(Outcome.NO_QUORUM)
    reasons.append(
        _(
            "Quorum: {voted} of {total} municipalities voted, at least {needed} are needed.",
            voted=voted,
            total=total,
            needed=needed,
        )
    )
    if rule.base is Base.MEMBERS:
        of = _("of all members")
    elif not rule.abstentions_count and abstain:
        of = _("of the votes cast (abstentions do not count)")
    else:
        of = _("of the votes cast")
    needs = _(
        "{majority} {of} ({required}) is required",
        majority=MAJORITY_TEXT[rule.majority],
        of=of,
        required=required,
    )
    if base > 0 and yes >= required:
        reasons.append(
            _(
                "The proposal is approved: {yes} yes of {base}, {needs}.",
                yes=yes,
                base=base,
                needs=needs,
            )
        )
        return result(Outcome.PASSED)
    if yes == no and yes > 0:
        if rule.tie is Tie.NO_DECISION:
            reasons.append(
                _("Tied vote ({yes} yes, {no} no): no decision is made.", yes=yes, no=no)
            )
            return result(Outcome.TIE)
        reasons.append(
            _("Tied vote ({yes} yes, {no} no): the proposal is rejected.", yes=yes, no=no)
        )
        return result(Outcome.FAILED)
    reasons.append(
        _(
            "The proposal is rejected: {yes} yes of {base}, {needs}.",
            yes=yes,
            base=base,
            needs=needs,
        )
    )
    return result(Outcome.FAILED)


def _count_text(yes: int, no: int, abstain: int, not_voted: int, total: int) -> Message:
    return _(
        "{yes} yes, {no} no, {abstain} abstain, {not_voted} have not voted (of {total}).",
        yes=yes,
        no=no,
        abstain=abstain,
        not_voted=not_voted,
        total=total,
    )
