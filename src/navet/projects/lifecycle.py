"""A project's lifecycle: the statuses, the moves between them and the rules each move keeps.

Plain Python without Django, so that the whole table is tested alone. The services ask
`refusals(facts, target)` before a project changes status, and the permission layer asks
`coordinator_only(source, target)` who may make the move. Refusals are codes; the Django side
gives each a Swedish sentence.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

IDEA = "idea"
NEEDS_ANALYSIS = "needs_analysis"
DECISION = "decision"
APPLICATION = "application"
SUBMITTED = "submitted"
GRANTED = "granted"
REFUSED = "refused"
RUNNING = "running"
FINISHED = "finished"
FINAL_REPORT_APPROVED = "final_report_approved"
REPAYMENT = "repayment"
WITHDRAWN = "withdrawn"

# In the order of the flow of work.
STATUSES = (
    IDEA,
    NEEDS_ANALYSIS,
    DECISION,
    APPLICATION,
    SUBMITTED,
    GRANTED,
    REFUSED,
    RUNNING,
    FINISHED,
    FINAL_REPORT_APPROVED,
    REPAYMENT,
    WITHDRAWN,
)

# Where a project may go from each status. Backward moves are the ones people need when a
# step has to be done again; a refused application may start over as an idea.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    IDEA: (NEEDS_ANALYSIS, WITHDRAWN),
    NEEDS_ANALYSIS: (DECISION, IDEA, WITHDRAWN),
    DECISION: (APPLICATION, NEEDS_ANALYSIS, WITHDRAWN),
    APPLICATION: (SUBMITTED, DECISION, WITHDRAWN),
    SUBMITTED: (GRANTED, REFUSED, WITHDRAWN),
    GRANTED: (RUNNING, WITHDRAWN),
    REFUSED: (IDEA,),
    RUNNING: (FINISHED, REPAYMENT),
    FINISHED: (FINAL_REPORT_APPROVED, REPAYMENT),
    FINAL_REPORT_APPROVED: (REPAYMENT,),
    REPAYMENT: (FINAL_REPORT_APPROVED,),
    WITHDRAWN: (),
}

# The early statuses, where a project is still an idea of its municipality: its own contacts
# move it between these (and withdraw it); every other move is the coordinator's.
EARLY = frozenset({IDEA, NEEDS_ANALYSIS})

# Statuses in which money has been granted.
WITH_A_GRANT = frozenset({GRANTED, RUNNING, FINISHED, FINAL_REPORT_APPROVED, REPAYMENT})

# Statuses in which a project's work is over: it ended, or it never began.
CLOSED = frozenset({REFUSED, FINISHED, FINAL_REPORT_APPROVED, REPAYMENT, WITHDRAWN})

# The needs analysis checklist (the feasibility study's anchor practice, §3 and §4.2), in its
# order: a project leaves the needs analysis for a decision only when every item is done.
STUDY_VISITS = "study_visits"
ENVIRONMENT_SCAN = "environment_scan"
EARLIER_RESEARCH = "earlier_research"
RISK_ANALYSIS = "risk_analysis"
INTERVIEWS = "interviews"
TARGET_GROUP_SHAPING = "target_group_shaping"
NEEDS_ANALYSIS_ITEMS = (
    STUDY_VISITS,
    ENVIRONMENT_SCAN,
    EARLIER_RESEARCH,
    RISK_ANALYSIS,
    INTERVIEWS,
    TARGET_GROUP_SHAPING,
)

# The moves that wind a granted project up; history brought in from a spreadsheet may make them
# without a need, since its money was granted before Navet traced it.
WINDING_UP = frozenset({FINISHED, FINAL_REPORT_APPROVED, REPAYMENT})


class Phase(StrEnum):
    """Where a project stands in time, for the portfolio's tabs."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


def months_between(starts_on: date, ends_on: date) -> int:
    """The number of calendar months a period touches: 2023-02-01 – 2023-07-31 is 6."""
    return (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month + 1


def phase(status: str, starts_on: date | None, today: date) -> Phase:
    """Past: the work is over (finished, final report, repayment) or never began (refused,
    withdrawn). Present: running – even after its end date, until it is marked finished – or
    granted with a start on or before today. Future: everything still being prepared, and
    granted projects that have not started yet."""
    if status in CLOSED:
        return Phase.PAST
    if status == RUNNING or (status == GRANTED and starts_on is not None and starts_on <= today):
        return Phase.PRESENT
    return Phase.FUTURE


class Scope(StrEnum):
    MUNICIPALITY = "municipality"  # one municipality
    GROUP = "group"  # some municipalities of the consortium
    CONSORTIUM = "consortium"  # the whole consortium


class Refusal(StrEnum):
    """Why a move is refused; the services translate each into a sentence."""

    NOT_A_MOVE = "not_a_move"  # the table has no such move
    NO_NEED = "no_need"  # a project traces to at least one need
    STEERING_DECISION = "steering_decision"  # a joint project needs the steering group's yes
    NO_CALL = "no_call"  # an application targets a call
    NO_REQUESTED_AMOUNT = "no_requested_amount"
    NO_GRANTED_AMOUNT = "no_granted_amount"
    NO_PERIOD = "no_period"  # a running project has its start and end
    NEEDS_ANALYSIS_OPEN = "needs_analysis_open"  # the needs analysis is done before a decision
    CONFIRMATIONS_MISSING = "confirmations_missing"  # every partner signs before submission
    CALL_CLOSED = "call_closed"  # the next step only: an application starts for an open call


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about a project."""

    status: str
    scope: Scope = Scope.MUNICIPALITY
    needs: int = 1
    imported_history: bool = False
    has_call: bool = False
    steering_decision_reference: str = ""
    steering_decision_on: date | None = None
    requested_sek: int | None = None
    granted_sek: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    # Items of the needs analysis checklist not yet done (NEEDS_ANALYSIS_ITEMS of them in all).
    needs_analysis_open: int = 0
    # Participating municipalities (the owner aside) whose signed cooperation form is missing,
    # and whether a coordinator recorded why the application goes in without them.
    confirmations_missing: int = 0
    confirmations_waived: bool = False
    # When the chosen call closes; the next step of a project still before its application
    # asks for another call once it has closed.
    call_closes_on: date | None = None

    @property
    def has_steering_decision(self) -> bool:
        return (
            bool(self.steering_decision_reference.strip()) and self.steering_decision_on is not None
        )


def next_statuses(status: str) -> tuple[str, ...]:
    """The statuses a project in `status` may move to, in the table's order."""
    return TRANSITIONS.get(status, ())


def coordinator_only(source: str, target: str) -> bool:
    """Whether only a coordinator may make this move: every move that leaves or arrives outside
    the early statuses (withdrawing an idea is the municipality's own choice)."""
    return not (source in EARLY and (target in EARLY or target == WITHDRAWN))


def writing_refusals(facts: Facts) -> tuple[Refusal, ...]:
    """Why the project may not start writing an application yet; empty when it may. It needs
    its call, and a project of the whole consortium the steering group's decision – the same
    rules as the move to *application in progress*."""
    found: list[Refusal] = []
    if not facts.has_call:
        found.append(Refusal.NO_CALL)
    if facts.scope == Scope.CONSORTIUM and not facts.has_steering_decision:
        found.append(Refusal.STEERING_DECISION)
    return tuple(found)


def refusals(facts: Facts, target: str) -> tuple[Refusal, ...]:
    """Why a project with these facts may not move to `target`; empty when it may."""
    if target not in next_statuses(facts.status):
        return (Refusal.NOT_A_MOVE,)
    if target == WITHDRAWN:
        return ()
    found: list[Refusal] = []
    if facts.needs < 1 and not (facts.imported_history and target in WINDING_UP):
        found.append(Refusal.NO_NEED)
    if target in (APPLICATION, SUBMITTED) and not facts.has_call:
        found.append(Refusal.NO_CALL)
    if (
        target == APPLICATION
        and facts.scope == Scope.CONSORTIUM
        and not facts.has_steering_decision
    ):
        found.append(Refusal.STEERING_DECISION)
    if target == SUBMITTED and not facts.requested_sek:
        found.append(Refusal.NO_REQUESTED_AMOUNT)
    if target in (GRANTED, REPAYMENT) and not facts.granted_sek:
        found.append(Refusal.NO_GRANTED_AMOUNT)
    if target == RUNNING and (facts.starts_on is None or facts.ends_on is None):
        found.append(Refusal.NO_PERIOD)
    if facts.status == NEEDS_ANALYSIS and target == DECISION and facts.needs_analysis_open > 0:
        found.append(Refusal.NEEDS_ANALYSIS_OPEN)
    if target == SUBMITTED and facts.confirmations_missing > 0 and not facts.confirmations_waived:
        found.append(Refusal.CONFIRMATIONS_MISSING)
    return tuple(found)


def scope_for(participants: int, members: int) -> Scope:
    """The scope a project's participants make: one municipality, a group, or every member."""
    if members > 1 and participants >= members:
        return Scope.CONSORTIUM
    if participants <= 1:
        return Scope.MUNICIPALITY
    return Scope.GROUP


# The way forward from each status: the move the project's next step offers. The other moves of
# the table go back, aside (refused, repayment) or out (withdrawn); a project at the end has none.
FORWARD: dict[str, str] = {
    IDEA: NEEDS_ANALYSIS,
    NEEDS_ANALYSIS: DECISION,
    DECISION: APPLICATION,
    APPLICATION: SUBMITTED,
    SUBMITTED: GRANTED,
    GRANTED: RUNNING,
    REFUSED: IDEA,
    RUNNING: FINISHED,
    FINISHED: FINAL_REPORT_APPROVED,
    REPAYMENT: FINAL_REPORT_APPROVED,
}


class Action(StrEnum):
    """What the next step's one button does, or where it leads."""

    MOVE = "move"  # make the move itself
    PROJECT_FORM = "project_form"  # enter what is missing on the project's form
    NEEDS_ANALYSIS = "needs_analysis"  # complete the needs analysis checklist
    CONFIRMATIONS = "confirmations"  # collect the partners' signed cooperation forms
    STEERING = "steering"  # take the project to the steering group
    APPLICATION = "application"  # start the application, which makes the move with it
    FOLLOW_UP = "follow_up"  # follow the budget while the project runs


# Where each refusal is put right.
REMEDY: dict[Refusal, Action] = {
    Refusal.NO_NEED: Action.PROJECT_FORM,
    Refusal.NO_CALL: Action.PROJECT_FORM,
    Refusal.CALL_CLOSED: Action.PROJECT_FORM,
    Refusal.STEERING_DECISION: Action.STEERING,
    Refusal.NO_REQUESTED_AMOUNT: Action.PROJECT_FORM,
    Refusal.NO_GRANTED_AMOUNT: Action.PROJECT_FORM,
    Refusal.NO_PERIOD: Action.PROJECT_FORM,
    Refusal.NEEDS_ANALYSIS_OPEN: Action.NEEDS_ANALYSIS,
    Refusal.CONFIRMATIONS_MISSING: Action.CONFIRMATIONS,
}


@dataclass(frozen=True)
class NextStep:
    """A project's next step: the move forward (None at the end of the road, and while a running
    project is followed up), what blocks it, and what the step's one button does – the move, or
    putting right the first blocker."""

    target: str | None
    blockers: tuple[Refusal, ...] = ()
    action: Action | None = None


def next_step(facts: Facts, today: date) -> NextStep:
    """The next step of a project with these facts: the lifecycle's move forward with the same
    rules as the move itself (`refusals`), and a call that has closed before the application
    started (the move itself does not ask: an application sent in before the deadline may be
    recorded later). A running project is followed up until its end date has passed; then it is
    finished."""
    target = FORWARD.get(facts.status)
    if target is None:
        return NextStep(None)
    if facts.status == RUNNING and (facts.ends_on is None or facts.ends_on >= today):
        return NextStep(None, action=Action.FOLLOW_UP)
    blockers = refusals(facts, target)
    if target == APPLICATION and facts.call_closes_on is not None and facts.call_closes_on < today:
        blockers = (*blockers, Refusal.CALL_CLOSED)
    if blockers:
        return NextStep(target, blockers, REMEDY[blockers[0]])
    return NextStep(target, (), Action.APPLICATION if target == APPLICATION else Action.MOVE)
