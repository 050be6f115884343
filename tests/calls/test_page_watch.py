import pytest

from navet.calls.models import ImportRun
from navet.calls.services import import_run_execute, source_run_start, source_save
from navet.calls.sources.page import added_lines, page_text
from navet.core.models import Notification
from tests.calls.conftest import _Feeds

pytestmark = pytest.mark.django_db

PAGE = """<html><head><meta charset="windows-1252"><title>Utlysningar</title>
<script>var visits = 12345;</script><style>.x{}</style></head>
<body><h1>Aktuella utlysningar</h1><p>§ 37 – sista ansökningsdag 29 maj 2027.</p>
<!-- senast uppdaterad 12:03 --></body></html>"""


def test_page_text_keeps_what_a_reader_sees() -> None:
    text = page_text(PAGE.encode("cp1252"))
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
