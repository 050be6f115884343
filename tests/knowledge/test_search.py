"""Search across the bank: Swedish full text (stemmed) on both databases;
filters by type, theme and municipality; only the consortium's entries."""

import pytest

from navet.knowledge.models import Entry
from navet.knowledge.selectors import EntryFilter, entries_matching, related_entries
from tests.knowledge.conftest import EntryFactory

pytestmark = pytest.mark.django_db


def _titles(user, **criteria) -> set[str]:
    return {e.title for e in entries_matching(user, EntryFilter(**criteria))}


def test_free_text_finds_words_in_title_description_and_results(cast, entry, norrort, taby):
    EntryFactory(consortium=norrort, owner=taby, title="Läxhjälp", description="Språkstöd")
    assert _titles(cast.viewer, text="e-tjänster") == {entry.title}
    assert _titles(cast.viewer, text="besökare") == {entry.title}
    assert _titles(cast.viewer, text="LäXHJäLP") == {"Läxhjälp"}


def test_an_inflected_swedish_word_matches(cast, entry):
    # "träffarna" is not in the text, but its stem is: "… efter tre träffar."
    assert _titles(cast.viewer, text="träffarna") == {entry.title}


def test_filters_by_type_theme_and_municipality(cast, entry, norrort, taby):
    EntryFactory(consortium=norrort, owner=taby, title="Mall", kind=Entry.Kind.TEMPLATE)
    assert _titles(cast.viewer, kind="template") == {"Mall"}
    assert _titles(cast.viewer, theme="digital-inkludering") == {entry.title}
    assert _titles(cast.viewer, municipality="0160") == {"Mall"}


def test_another_consortium_finds_nothing(cast, entry, sodertorn):
    assert _titles(cast.sodertorn_coordinator) == set()
    assert _titles(cast.outsider) == set()
    assert _titles(cast.admin) == {entry.title}


def test_related_entries_share_a_theme(cast, entry, norrort, taby):
    EntryFactory(consortium=norrort, owner=taby, title="Annat", themes=["sprak"])
    related = related_entries(cast.contact, ["digital-inkludering"])
    assert [e.title for e in related] == [entry.title]
    assert related_entries(cast.sodertorn_coordinator, ["digital-inkludering"]) == []
