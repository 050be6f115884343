"""Two people voting for one municipality at the same moment never give it two votes.

On PostgreSQL the voters run in two threads, each with its own connection, released together by
a barrier: `vote_cast` locks the motion and the vote row, so they take turns. SQLite has one
writer at a time (Navet opens its transactions IMMEDIATE), and its shared in-memory test
database refuses a second writer instead of waiting, so there the same calls run one after the
other – and the same assertions hold.
"""

import threading
from collections.abc import Callable

import pytest
from auditlog.models import LogEntry
from django.db import connection

from navet.core.errors import DomainError
from navet.decisions import services
from navet.decisions.models import Vote
from tests.factories import MotionFactory

ROUNDS = 5


def _together(*calls: Callable[[], None]) -> list[BaseException | None]:
    """Run the calls at the same moment (PostgreSQL) or in turn (SQLite); return their errors."""
    errors: list[BaseException | None] = [None] * len(calls)

    def run(index: int, barrier: threading.Barrier | None) -> None:
        try:
            if barrier is not None:
                barrier.wait(timeout=10)
            calls[index]()
        except BaseException as error:  # noqa: BLE001  (reported to the test)
            errors[index] = error
        finally:
            connection.close()

    if connection.vendor != "postgresql":
        for index in range(len(calls)):
            run(index, None)
        return errors
    barrier = threading.Barrier(len(calls))
    threads = [threading.Thread(target=run, args=(i, barrier)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_deputies_at_once_give_one_vote(cast, norrort, sigtuna, deputies) -> None:
    first, second = deputies
    for _ in range(ROUNDS):
        motion = MotionFactory(consortium=norrort)
        errors = _together(
            lambda m=motion: services.vote_cast(
                actor=first, motion=m, municipality=sigtuna, choice="yes"
            ),
            lambda m=motion: services.vote_cast(
                actor=second, motion=m, municipality=sigtuna, choice="no"
            ),
        )
        assert errors == [None, None]
        votes = Vote.objects.filter(motion=motion, municipality=sigtuna)
        assert votes.count() == 1
        vote = votes.get()
        assert (vote.cast_by, vote.choice) in {(first, "yes"), (second, "no")}
        assert vote.cast_as == "deputy"
        updates = LogEntry.objects.get_for_object(vote).filter(action=LogEntry.Action.UPDATE)
        assert updates.count() == 2  # both votes audited, the later one stands


@pytest.mark.django_db(transaction=True)
def test_the_representative_wins_a_race_with_a_deputy(cast, norrort, sigtuna, deputies) -> None:
    for _ in range(ROUNDS):
        motion = MotionFactory(consortium=norrort)
        errors = _together(
            lambda m=motion: services.vote_cast(
                actor=deputies[0], motion=m, municipality=sigtuna, choice="no"
            ),
            lambda m=motion: services.vote_cast(
                actor=cast.steering, motion=m, municipality=sigtuna, choice="yes"
            ),
        )
        assert errors[1] is None
        # The deputy either voted first (and was replaced) or was refused.
        assert errors[0] is None or isinstance(errors[0], DomainError)
        vote = Vote.objects.get(motion=motion, municipality=sigtuna)
        assert (vote.cast_by, vote.choice, vote.cast_as) == (cast.steering, "yes", "representative")


@pytest.mark.django_db(transaction=True)
def test_no_vote_slips_in_while_the_motion_closes(cast, norrort, sigtuna) -> None:
    for _ in range(ROUNDS):
        motion = MotionFactory(consortium=norrort)
        after = motion.closes_at
        errors = _together(
            lambda m=motion, after=after: services.vote_cast(
                actor=cast.steering,
                motion=m,
                municipality=sigtuna,
                choice="yes",
                now=after - after.resolution,
            ),
            lambda m=motion, after=after: services.motion_close(
                actor=cast.coordinator, motion=m, now=after
            ),
        )
        assert errors[1] is None
        motion.refresh_from_db()
        vote = Vote.objects.get(motion=motion, municipality=sigtuna)
        frozen = {v["municipality"]: v["choice"] for v in motion.result["votes"]}
        # Whatever the order, the frozen result and the stored vote agree.
        assert frozen["0191"] == vote.choice
        if errors[0] is not None:
            assert isinstance(errors[0], services.VotingClosed)
            assert vote.choice == ""
