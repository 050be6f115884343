import pytest

from navet.core.audit import acting_as, history_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_yes_no_field_reads_in_words_in_the_history() -> None:
    user = UserFactory()
    with acting_as(None):
        user.is_active = False
        user.save()
    changes = history_for(user)[0].changes
    assert ("aktiv", "ja", "nej") in [(field.lower(), old, new) for field, old, new in changes]
    shown = " ".join(f"{old} {new}" for _, old, new in changes)
    assert "True" not in shown
    assert "False" not in shown
