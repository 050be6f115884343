import pytest
from django.utils import timezone

from navet.calls.models import Funder, ImportRun, Programme
from navet.calls.selectors import page_reviews_pending, review_draft
from navet.calls.services import (
    import_run_execute,
    page_review_done,
    page_review_register,
    source_run_start,
    source_save,
    source_update,
)
from navet.calls.sources.page import added_lines, call_draft, page_text
from navet.core.errors import DomainError, PermissionDenied
from navet.core.models import Notification
from tests.calls.conftest import _Feeds

pytestmark = pytest.mark.django_db

PAGE = """<html><head><meta charset="windows-1252"><title>Utlysningar</title>
<script>var visits = 12345;</script><style>.x{}</style></head>
<body><h1>Aktuella utlysningar</h1><p>§ 37 – sista ansökningsdag 29 maj 2027.</p>
<!-- senast uppdaterad 12:03 --></body></html>"""


def test_page_text_keeps_what_a_reader_sees() -> None:
    text, found = page_text(PAGE.encode("cp1252"))
    assert found
    assert text == "Utlysningar\nAktuella utlysningar\n§ 37 – sista ansökningsdag 29 maj 2027."


def test_added_lines_are_the_new_ones_in_page_order() -> None:
    assert added_lines("a\nb", "a\nny rad\nb\nsista") == ["ny rad", "sista"]


def _fetch(source) -> ImportRun:
    return import_run_execute(source_run_start(actor=None, source=source).pk)


def test_a_changed_page_becomes_a_review_task_for_coordinators(cast, feed_server) -> None:
    source = source_save(
        actor=cast.coordinator,
        name="ESF-rådet Stockholm – utlysningar",
        format="page",
        url=f"{feed_server}/sida",
        schedule="daily",
    )
    _Feeds.page = PAGE.encode("cp1252")
    first = _fetch(source)
    assert first.status == ImportRun.Status.DONE
    assert "bevakas" in first.message
    assert not Notification.objects.exists()

    _Feeds.page = PAGE.replace("visits = 12345", "visits = 12346").encode("cp1252")
    unchanged = _fetch(source)
    assert "inte ändrats" in unchanged.message  # scripts and comments are not content

    _Feeds.page = PAGE.replace(
        "</body>", "<p>Ny utlysning: ESF+ A2, stänger 4 mars 2027.</p></body>"
    ).encode("cp1252")
    changed = _fetch(source)
    assert "har ändrats" in changed.message
    assert changed.page_changes == ["Ny utlysning: ESF+ A2, stänger 4 mars 2027."]
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"samordnare", "samordnare.sodertorn", "admin"}
    assert _fetch(source).page_changes == []  # the same page again: nothing new to review
    assert Notification.objects.count() == 3


FUNDER_PAGE = """<html><head><meta charset="utf-8"><title>§ 37</title></head><body>
<nav><a href="/">Start</a> Besökare idag: {visitors}</nav>
<main><h1>Bidrag för att utveckla kapacitet och beredskap</h1>{calls}</main>
<footer>Sidan uppdaterades {updated}</footer></body></html>"""
NO_CALL = "<p>Just nu finns ingen öppen utlysning.</p>"
NEW_CALL = (
    "<p>Utvecklingsmedel § 37 2027</p>"
    "<p>Ansökan öppnar 1 februari 2027 och sista ansökningsdag är 15 mars 2027.</p>"
    "<p>Länet fördelar 2 mnkr.</p>"
)


def _page(calls: str = NO_CALL, visitors: int = 12, updated: str = "2026-12-01") -> bytes:
    return FUNDER_PAGE.format(calls=calls, visitors=visitors, updated=updated).encode()


@pytest.fixture
def watched(cast, calls, feed_server):
    return source_save(
        actor=cast.coordinator,
        name="Länsstyrelserna – § 37",
        format="page",
        url=f"{feed_server}/sida",
        schedule="daily",
        default_funder=Funder.objects.get(slug="lansstyrelsen-stockholm"),
        default_programme=Programme.objects.get(slug="lst-stockholm-37"),
        region_selector="main",
    )


def test_dates_and_counters_outside_the_region_raise_nothing(cast, watched) -> None:
    _Feeds.page = _page()
    _fetch(watched)
    _Feeds.page = _page(visitors=4711, updated="2026-12-07")
    run = _fetch(watched)
    assert run.message == "Sidan har inte ändrats."
    assert page_reviews_pending(cast.coordinator) == []
    assert not Notification.objects.exists()


def test_a_changed_region_is_a_review_with_the_added_and_removed_text(cast, watched) -> None:
    _Feeds.page = _page()
    _fetch(watched)
    _Feeds.page = _page(NEW_CALL, visitors=13)
    run = _fetch(watched)
    assert run.page_changes == [
        "Utvecklingsmedel § 37 2027",
        "Ansökan öppnar 1 februari 2027 och sista ansökningsdag är 15 mars 2027.",
        "Länet fördelar 2 mnkr.",
    ]
    assert run.page_removed == ["Just nu finns ingen öppen utlysning."]
    assert page_reviews_pending(cast.coordinator) == [run]
    assert page_reviews_pending(cast.contact) == []
    assert Notification.objects.filter(user=cast.coordinator).count() == 1


def test_the_call_is_registered_from_the_review_in_one_step(cast, watched) -> None:
    _Feeds.page = _page()
    _fetch(watched)
    _Feeds.page = _page(NEW_CALL)
    run = _fetch(watched)
    draft = review_draft(run)
    assert draft["title"] == "Utvecklingsmedel § 37 2027"
    assert timezone.localtime(draft["closes"]).isoformat() == "2027-03-15T23:59:00+01:00"
    assert timezone.localtime(draft["opens"]).isoformat() == "2027-02-01T00:00:00+01:00"
    assert draft["max_amount_sek"] == 2_000_000
    assert draft["programme"] == watched.default_programme_id
    fields = {**draft, "funder": watched.default_funder, "programme": watched.default_programme}
    with pytest.raises(PermissionDenied):
        page_review_register(actor=cast.contact, run=run, themes=[], target_groups=[], **fields)
    call = page_review_register(
        actor=cast.coordinator, run=run, themes=[], target_groups=[], **fields
    )
    assert (call.programme.name, call.max_amount_sek) == ("§ 37", 2_000_000)
    run.refresh_from_db()
    assert (run.reviewed_by, run.registered_call) == (cast.coordinator, call)
    assert page_reviews_pending(cast.coordinator) == []
    with pytest.raises(DomainError, match="redan granskad"):
        page_review_done(actor=cast.coordinator, run=run)


def test_start_and_end_markers_choose_the_region(cast, watched) -> None:
    source_update(
        actor=cast.coordinator,
        source=watched,
        region_selector="",
        region_start="Bidrag för att utveckla kapacitet och beredskap",
        region_end="Sidan uppdaterades",
    )
    _Feeds.page = _page()
    _fetch(watched)
    _Feeds.page = _page(updated="2027-01-15")
    assert _fetch(watched).message == "Sidan har inte ändrats."
    _Feeds.page = _page(NEW_CALL)
    assert "har ändrats" in _fetch(watched).message


def test_a_region_not_found_compares_the_whole_page_and_says_so(cast, watched) -> None:
    source_update(actor=cast.coordinator, source=watched, region_selector="#utlysningar")
    _Feeds.page = _page()
    run = _fetch(watched)
    assert run.message.startswith("Innehållsdelen hittades inte på sidan; hela sidan jämförs.")


def test_a_new_region_starts_watching_afresh(cast, watched) -> None:
    _Feeds.page = _page()
    _fetch(watched)
    source_update(actor=cast.coordinator, source=watched, region_selector="footer")
    assert "bevakas" in _fetch(watched).message  # not the whole difference as a change


def test_a_broken_selector_is_refused(cast, watched) -> None:
    with pytest.raises(DomainError, match="ingen CSS-väljare"):
        source_update(actor=cast.coordinator, source=watched, region_selector="main[")


@pytest.mark.parametrize(
    ("lines", "title", "opens", "closes", "amount"),
    [
        (
            ["Sista ansökningsdag 15 mars 2027", "Integration i Norrort", "Högst 500 000 kronor."],
            "Integration i Norrort", None, "2027-03-15", 500_000,
        ),
        (
            ["ESF+ A2 i Stockholm", "Stänger 2027-03-04", "1,5 mnkr"],
            "ESF+ A2 i Stockholm", None, "2027-03-04", 1_500_000,
        ),
        (["Öppnar 2027-02-01"], "Öppnar 2027-02-01", "2027-02-01", None, None),
    ],
)  # fmt: skip
def test_the_draft_reads_titles_swedish_dates_and_amounts(lines, title, opens, closes, amount):
    draft = call_draft(lines)
    assert (draft.title, draft.opens, draft.closes, draft.max_amount_sek) == (
        title, opens, closes, amount,
    )  # fmt: skip
