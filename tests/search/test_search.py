"""Every search finds what people type, the same on SQLite (FTS5) and PostgreSQL (the Swedish
text vector): all the words in any order and inflection, compounds by their parts, the best
first, nothing that merely looks alike, and only rows the user may read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from navet.calls.selectors import CallFilter, calls_matching
from navet.decisions.selectors import meeting_list
from navet.decisions.services import meeting_create
from navet.knowledge.selectors import EntryFilter, entries_matching
from navet.needs.models import Need
from navet.needs.selectors import NeedFilter, needs_matching, ordered_needs
from navet.organisations.models import Consortium, Municipality
from navet.projects.selectors import ProjectFilter, project_list
from tests.factories import CallFactory, NeedFactory, ProjectFactory
from tests.knowledge.conftest import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(county) -> None:
    taby = Municipality.objects.get(code="0160")  # Koordination Norrort
    for title, description in [
        ("Digitala guider på biblioteket", "Handledare hjälper med BankID och e-tjänster."),
        ("Digital inkludering för nyanlända föräldrar", "Träffar i små grupper."),
        ("Språkcafé för föräldrar", "Fika på svenska varje vecka."),
        ("Läxhjälp", "Språkcaféet på fritidsgården är öppet på torsdagar."),
        ("Tolkstöd i vården", "Äldre nyanlända behöver tolk vid besök."),
    ]:
        NeedFactory(municipality=taby, title=title, description=description)
    haninge = Municipality.objects.get(code="0136")  # Etablering Södertörn
    NeedFactory(municipality=haninge, title="Digitala guider i Haninge", description="")


def found(user, text: str) -> list[str]:
    return [need.title for need in needs_matching(user, NeedFilter(text=text))]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("biblioteket guider", "Digitala guider på biblioteket"),
        ("guider biblioteket", "Digitala guider på biblioteket"),  # any order
        ("guide bibliotek", "Digitala guider på biblioteket"),  # any inflection
        ("föräldrar digital", "Digital inkludering för nyanlända föräldrar"),
        ("nyanländ inkludering föräldrarna", "Digital inkludering för nyanlända föräldrar"),
        ("e-tjänsterna", "Digitala guider på biblioteket"),
        ("BANKID", "Digitala guider på biblioteket"),
    ],
)
def test_all_the_words_in_any_order_and_inflection(cast, needs, typed: str, title: str) -> None:
    assert found(cast.coordinator, typed) == [title]


def test_a_compound_is_found_by_its_parts_and_its_parts_find_it(cast, needs) -> None:
    both = {"Språkcafé för föräldrar", "Läxhjälp"}  # "Språkcaféet" is in the latter's text
    assert set(found(cast.coordinator, "språk")) == both
    assert set(found(cast.coordinator, "café")) == both
    assert set(found(cast.coordinator, "språk café")) == both
    assert set(found(cast.coordinator, "språkcaféet")) == both


def test_the_best_found_comes_first(cast, needs) -> None:
    # In the title of one, in the text of the other: the title counts more.
    assert found(cast.coordinator, "språkcafé") == ["Språkcafé för föräldrar", "Läxhjälp"]
    sorted_as_asked = ordered_needs(
        needs_matching(cast.coordinator, NeedFilter(text="språkcafé")), "municipality"
    )
    assert [need.title for need in sorted_as_asked][0] == "Språkcafé för föräldrar"


@pytest.mark.parametrize(
    "typed",
    [
        "tal",  # inside "digitala", but no word of its own
        "guider skolan",  # one word found, the other not
        "biblio",  # a piece of a word is no word
    ],
)
def test_nothing_that_merely_looks_alike(cast, needs, typed: str) -> None:
    assert found(cast.coordinator, typed) == []


def test_a_word_that_only_looks_like_a_compound_is_not_found_by_its_pieces(cast, needs) -> None:
    # "föräldrar" is no compound of "för" and "äldrar": "äldre" finds only the elderly.
    assert found(cast.coordinator, "äldre") == ["Tolkstöd i vården"]


def test_common_words_alone_find_nothing(cast, needs) -> None:
    assert found(cast.coordinator, "för") == []
    assert found(cast.coordinator, "?!") == []
    assert found(cast.coordinator, "för föräldrar") == [
        "Digital inkludering för nyanlända föräldrar",
        "Språkcafé för föräldrar",
    ]


def test_a_word_typed_with_a_minus_leaves_out_the_rows_holding_it(cast, needs) -> None:
    assert found(cast.coordinator, "föräldrar -café") == [
        "Digital inkludering för nyanlända föräldrar"
    ]
    assert found(cast.coordinator, "-café") == []


def test_a_search_never_reveals_rows_the_user_may_not_read(cast, needs) -> None:
    assert found(cast.coordinator, "digitala guider") == ["Digitala guider på biblioteket"]
    assert found(cast.sodertorn_coordinator, "digitala guider") == ["Digitala guider i Haninge"]
    assert found(cast.outsider, "digitala guider") == []


def test_the_index_follows_every_change(cast, needs) -> None:
    need = Need.objects.get(title="Läxhjälp")
    need.description = "Studiestöd på biblioteket."
    need.save()
    assert set(found(cast.coordinator, "café")) == {"Språkcafé för föräldrar"}
    assert set(found(cast.coordinator, "studiestödet")) == {"Läxhjälp"}
    need.delete()
    assert found(cast.coordinator, "studiestöd") == []


def test_calls_are_searched_alike(calls) -> None:
    now = timezone.now()
    CallFactory(
        title="Stöd till språkcaféer",
        description="För kommuner som vill öppna mötesplatser för nyanlända föräldrar.",
    )
    CallFactory(title="Språkutveckling i förskolan", description="", closes=now)

    def titles(text: str) -> list[str]:
        return [c.title for c in calls_matching(CallFilter(state="all", text=text), now)]

    assert titles("föräldrar mötesplats") == ["Stöd till språkcaféer"]
    assert titles("café språk") == ["Stöd till språkcaféer"]
    assert "Språkutveckling i förskolan" in titles("språk")


def test_the_knowledge_bank_is_searched_alike(cast, county) -> None:
    norrort = cast.coordinator.role_assignments.first().consortium
    taby = Municipality.objects.get(code="0160")
    EntryFactory(
        consortium=norrort,
        owner=taby,
        title="Digitala guider på biblioteket",
        results="Besökarna klarade e-tjänsterna själva efter tre träffar.",
    )

    def titles(text: str) -> list[str]:
        return [e.title for e in entries_matching(cast.viewer, EntryFilter(text=text))]

    assert titles("träffarna besökare") == ["Digitala guider på biblioteket"]
    assert titles("biblioteksguider") == ["Digitala guider på biblioteket"]
    assert titles("träff besökarnas") == ["Digitala guider på biblioteket"]


def test_projects_are_searched_alike_within_what_the_user_may_read(cast, county) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    ProjectFactory(
        consortium=norrort,
        owner=taby,
        title="Språkcaféer i Täby",
        description="Mötesplatser för nyanlända föräldrar på biblioteken.",
    )
    ProjectFactory(consortium=norrort, owner=taby, title="Föräldrastöd", description="")
    sodertorn = Consortium.objects.get(slug="etablering-sodertorn")
    haninge = Municipality.objects.get(code="0136")
    ProjectFactory(consortium=sodertorn, owner=haninge, title="Språkcafé i Haninge")

    def titles(user, text: str) -> list[str]:
        listing = project_list(user, ProjectFilter(text=text))
        assert listing.count == len(listing.projects)
        return [p.title for p in listing.projects]

    assert titles(cast.coordinator, "biblioteket föräldrar") == ["Språkcaféer i Täby"]
    assert titles(cast.coordinator, "café språk") == ["Språkcaféer i Täby"]
    assert titles(cast.sodertorn_coordinator, "café") == ["Språkcafé i Haninge"]
    assert titles(cast.outsider, "café") == []


def test_meetings_are_searched_alike_within_what_the_user_may_read(cast, county) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    starts = timezone.now() + timedelta(days=7)
    for title, place in [
        ("Nätverksträff om språkcaféer", "Täby bibliotek"),
        ("Styrgruppsmöte december", "Sollentuna kommunhus"),
    ]:
        meeting_create(
            actor=cast.coordinator,
            consortium=norrort,
            kind="network",
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place=place,
            agenda=[],
        )

    def titles(user, text: str) -> list[str]:
        return [m.title for m in meeting_list(user, text=text)]

    assert titles(cast.coordinator, "café biblioteket") == ["Nätverksträff om språkcaféer"]
    assert titles(cast.coordinator, "styrgrupp") == ["Styrgruppsmöte december"]
    assert titles(cast.coordinator, "träffarna") == ["Nätverksträff om språkcaféer"]
    assert titles(cast.sodertorn_coordinator, "styrgruppsmöte") == []
