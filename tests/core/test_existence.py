"""A record hidden from a user and a record that does not exist answer alike: the same status and
the same page, so nobody learns by probing which ids another consortium holds.

Every URL pattern of every app that takes one id or one slug is probed, with the demo loaded, as
the coordinator of Etablering Södertörn: for the first id that an administrator can open and
Södertörn's coordinator cannot, the answer is compared with the answer for an id that exists
nowhere.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from navet.core.models import User
from navet.decisions.models import Motion
from navet.decisions.services import document_attach
from navet.demo.content import demo_seed
from navet.knowledge.models import Attachment, Entry
from navet.organisations.models import Consortium
from tests.conftest import Cast

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MISSING_ID = "987654321"
MISSING_SLUG = "finns-inte-alls"
CANDIDATE_IDS = range(1, 21)
OPEN_APPS = {"calls", "core", "organisations"}
# Django's converters, and the API's untyped parameters (`<need_id>`).
ONE_ARGUMENT = re.compile(r"<(?:(?:int|slug|str):)?\w+>")
AN_ID = re.compile(r"<(?:int:\w+|\w+_id)>")


def _patterns(patterns: list, prefix: str = "", app: str = "") -> Iterator[tuple[str, str]]:
    """(app, route) of every route with exactly one id or slug in it."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route, entry.namespace or app)
        elif (
            isinstance(entry, URLPattern)
            and len(ONE_ARGUMENT.findall(route)) == 1
            and "<" not in ONE_ARGUMENT.sub("", route)
            and not route.startswith("admin/")
        ):
            yield app or "core", route


ROUTES = sorted(set(_patterns(get_resolver().url_patterns)))
APPS = sorted({app for app, _ in ROUTES})


def _url(route: str, value: str) -> str:
    return "/" + ONE_ARGUMENT.sub(value, route)


def _shape(response: object) -> tuple[int, str, str]:
    """The status, the type and the visible text without its numbers."""
    content = response.content.decode(errors="replace")  # type: ignore[attr-defined]
    main = re.search(r"<main[^>]*>(.*)</main>", content, re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", main.group(1) if main else content)
    text = re.sub(r"\d+", "#", " ".join(text.split()))
    kind = response.get("Content-Type", "").split(";")[0]  # type: ignore[attr-defined]
    return response.status_code, kind, text  # type: ignore[attr-defined]


@pytest.fixture
def demo(cast: Cast, settings: Any, tmp_path: Path) -> tuple[User, User]:
    """The demo loaded, with a file on a knowledge entry and on a motion of Koordination Norrort;
    (an administrator, the coordinator of Etablering Södertörn)."""
    settings.MEDIA_ROOT = tmp_path
    demo_seed()
    norrort = Q(consortium__slug="koordination-norrort")
    entry = Entry.objects.filter(norrort).first()
    motion = Motion.objects.filter(norrort, status=Motion.Status.OPEN).first()
    assert entry is not None
    assert motion is not None
    Attachment.objects.create(entry=entry, file=ContentFile(PDF, "metod.pdf"), name="metod.pdf")
    document_attach(actor=cast.coordinator, motion=motion, upload=SimpleUploadedFile("a.pdf", PDF))
    return cast.admin, cast.sodertorn_coordinator


def _probe(
    routes: list[str], owner_user: User, prober_user: User
) -> list[tuple[str, tuple, tuple]]:
    """(url of a hidden record, its answer's shape, a missing record's shape) per route."""
    owner, prober = Client(raise_request_exception=False), Client(raise_request_exception=False)
    owner.force_login(owner_user)
    prober.force_login(prober_user)
    slugs = list(Consortium.objects.values_list("slug", flat=True))
    found: list[tuple[str, tuple, tuple]] = []
    for route in routes:
        is_slug = not AN_ID.search(route)
        for value in slugs if is_slug else map(str, CANDIDATE_IDS):
            url = _url(route, value)
            if owner.get(url).status_code != 200:
                continue
            hidden = prober.get(url)
            if hidden.status_code == 200:
                continue
            missing = prober.get(_url(route, MISSING_SLUG if is_slug else MISSING_ID))
            found.append((url, _shape(hidden), _shape(missing)))
            break
    return found


@pytest.mark.django_db(transaction=True, reset_sequences=True)
@pytest.mark.parametrize("app", APPS)
def test_hidden_and_missing_records_answer_alike(demo: tuple[User, User], app: str) -> None:
    probed = _probe([route for of, route in ROUTES if of == app], *demo)
    differing = [
        f"{url}: hidden {hidden[:2]} {hidden[2][:120]!r} / missing {missing[:2]} "
        f"{missing[2][:120]!r}"
        for url, hidden, missing in probed
        if hidden != missing
    ]
    assert not differing, "\n".join(differing)
    # Calls and municipalities are open to every user: nothing of theirs is hidden.
    assert probed or app in OPEN_APPS, f"no hidden record of {app} was found to probe"
