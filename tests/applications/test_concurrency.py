"""Two people saving the same section at the same moment: one wins, the other gets the conflict
with both texts, and no text is lost.

On PostgreSQL the writers run in two threads, each with its own connection, released together
by a barrier: the conditional UPDATE of the section's version number lets one of them through
and finds no row at the old version for the other. SQLite has one writer at a time and its
shared in-memory test database refuses a second writer instead of waiting, so there the same
calls run one after the other – and the same assertions hold.
"""

import pytest

from navet.applications import services
from navet.applications.models import Section
from tests.applications.conftest import section
from tests.decisions.test_concurrency import _together  # the same two-thread harness

ROUNDS = 5


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_one_wins_the_other_gets_the_conflict(
    cast, sigtuna_contact, application
) -> None:
    for round_ in range(ROUNDS):
        purpose = section(application, "purpose")
        based_on = purpose.version
        texts = {cast.contact: f"Täby {round_}", sigtuna_contact: f"Sigtuna {round_}"}
        errors = _together(
            *(
                lambda user=user, text=text, pk=purpose.pk, version=based_on: services.section_save(
                    actor=user,
                    section=Section.objects.get(pk=pk),
                    text=text,
                    based_on=version,
                )
                for user, text in texts.items()
            )
        )
        conflicts = [e for e in errors if isinstance(e, services.SectionConflict)]
        assert len(conflicts) == 1, errors
        assert errors.count(None) == 1
        purpose.refresh_from_db()
        assert purpose.version == based_on + 1
        assert purpose.versions.count() == based_on + 1
        winner = purpose.versions.get(number=based_on + 1)
        assert purpose.text == winner.text
        loser_text = conflicts[0].attempted
        # Both texts are at hand: the winner's saved, the loser's handed back with it.
        assert {winner.text, loser_text} == set(texts.values())
        assert conflicts[0].section.text == winner.text
        assert texts[winner.author] == winner.text
