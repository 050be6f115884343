"""A record hidden from a user and a record that does not exist answer alike: the same status and
the same page, so nobody learns by probing which ids another consortium holds.

Every URL pattern of every app that takes one id or one slug is probed, with the demo loaded, as
the coordinator of Etablering Södertörn: for the first id that an administrator can open and
Södertörn's coordinator cannot, the answer is compared with the answer for an id that exists
nowhere. Then the same for writes and longer paths: every page posted to as well as read, also
those with two or three arguments, and every operation of the API with an id in its path.
"""

import json
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
from django.utils import timezone

from navet.api.urls import api
from navet.applications.models import Application, Comment, Section
from navet.core.models import User
from navet.decisions.models import ActionItem, Goal, Meeting, Motion, SubGoal
from navet.decisions.services import document_attach
from navet.demo.content import demo_seed
from navet.economics.models import TimeEntry
from navet.knowledge.models import Attachment, Entry
from navet.needs.models import Need
from navet.organisations.models import Consortium, Role, RoleAssignment
from navet.projects.models import Project
from navet.risks.models import Risk
from tests.conftest import Cast
from tests.factories import ProjectFactory

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


# --- writes, routes with two arguments, and the API ------------------------------------------
#
# The same comparison where the probe above cannot reach: the POST of every page that takes one
# id (a form or a button), the pages with two arguments, and every operation of the API with an
# id in its path, sent with a valid body so that the lookup answers and not the validation. The
# hidden records are Koordination Norrort's; the prober, the coordinator of Etablering
# Södertörn, passes every check of a role and sees none of them.

NORRORT_SLUG = "koordination-norrort"
SODERTORN_SLUG = "etablering-sodertorn"
ARGUMENT = re.compile(r"<(?:(?:int|slug|str):)?(\w+)>")


def _answer(response: Any) -> tuple[int, str, str]:
    """An API answer's status, type, and title and detail without their numbers."""
    kind = response.get("Content-Type", "").split(";")[0]
    try:
        body = response.json()
    except ValueError:
        return _shape(response)
    text = f"{body.get('title')}: {body.get('detail')}" if isinstance(body, dict) else "[…]"
    return response.status_code, kind, re.sub(r"\d+", "#", text)


def _norrort_keys() -> dict[str, str]:
    """A Norrort record for each path segment the API names an id after."""
    applications = Application.objects.filter(project__consortium__slug=NORRORT_SLUG)
    agreement = Q(agreement__consortium__slug=NORRORT_SLUG)
    records = {
        "needs": Need.objects.filter(municipality__code="0160").exclude(status=Need.Status.DRAFT),
        "projects": Project.objects.filter(consortium__slug=NORRORT_SLUG),
        "motions": Motion.objects.filter(consortium__slug=NORRORT_SLUG),
        "meetings": Meeting.objects.filter(consortium__slug=NORRORT_SLUG),
        "risks": Risk.objects.filter(
            Q(consortium__slug=NORRORT_SLUG) | Q(project__consortium__slug=NORRORT_SLUG)
        ),
        "knowledge": Entry.objects.filter(consortium__slug=NORRORT_SLUG),
        "time": TimeEntry.objects.filter(consortium__slug=NORRORT_SLUG),
        "applications": applications,
        "comments": Comment.objects.filter(section__application__in=applications),
        "goals": Goal.objects.filter(agreement),
        "subgoals": SubGoal.objects.filter(goal__agreement__consortium__slug=NORRORT_SLUG),
        "actions": ActionItem.objects.filter(agreement),
        "steering": RoleAssignment.objects.filter(
            consortium__slug=NORRORT_SLUG, role=Role.STEERING
        ),
    }
    keys = {
        segment: str(rows.values_list("pk", flat=True).first()) for segment, rows in records.items()
    }
    assert "None" not in keys.values(), keys
    sections = Section.objects.filter(application_id=keys["applications"])
    return keys | {
        "consortia": NORRORT_SLUG,
        "endorsements": "0160",
        "confirmations": "0160",
        "sections": sections.values_list("key", flat=True)[0],
    }


def _example(schema: dict, components: dict) -> Any:
    """The smallest value the schema takes (a file: a small PDF)."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[1]], components)
    if "anyOf" in schema:
        return _example(next(s for s in schema["anyOf"] if s.get("type") != "null"), components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        value = {
            name: _example(part, components)
            for name, part in schema.get("properties", {}).items()
            if name in schema.get("required", [])
        }
        for part in list(schema.get("patternProperties", {}).values())[
            : schema.get("minProperties", 0)
        ]:
            value["1"] = _example(part, components)
        return value
    if kind == "array":
        return [_example(schema["items"], components)] * schema.get("minItems", 0)
    if kind in {"integer", "number"}:
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return True
    return {
        "date": "2026-01-15",
        "date-time": "2026-01-15T10:00:00+01:00",
        "binary": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
    }.get(schema.get("format", ""), "0160" if schema.get("pattern") == r"^\d{4}$" else "x")


def _api_operations(keys: dict[str, str]) -> Iterator[tuple[str, str, list[str], Any]]:
    """(method, path, the Norrort value of each path parameter, the body's media type and a
    schema of a valid body) of every operation with an id in its path but those on what every
    user sees (calls, municipalities) and on the catalogue of sources, which is no consortium's."""
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    components = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        segments = path.split("/")
        names = [(at, segment[1:-1]) for at, segment in enumerate(segments) if "{" in segment]
        if not names or segments[names[0][0] - 1] not in keys:
            continue
        for method, operation in operations.items():
            parameters = {p["name"]: p["schema"] for p in operation.get("parameters", [])}
            values = [
                parameters[name]["enum"][0]
                if "enum" in parameters.get(name, {})
                else keys[segments[at - 1]]
                for at, name in names
            ]
            content = operation.get("requestBody", {}).get("content", {})
            body = next(
                ((kind, part["schema"], components) for kind, part in content.items()), None
            )
            yield method.upper(), path, values, body


def _call(client: Client, method: str, path: str, values: list[str], body: Any) -> Any:
    """The operation called with `values` in its path and a fresh valid body."""
    for value in values:
        path = re.sub(r"\{\w+\}", value, path, count=1)
    if body is None:
        return client.generic(method, path)
    kind, schema, components = body
    data = _example(schema, components)
    if kind == "multipart/form-data":
        return client.post(path, data)
    return client.generic(method, path, json.dumps(data), content_type=kind)


# The path segments before a record's own id (the others name a municipality, a section or an
# item of a checklist of the record before them).
RECORDS = {
    "needs",
    "projects",
    "motions",
    "meetings",
    "risks",
    "knowledge",
    "time",
    "applications",
    "comments",
    "goals",
    "subgoals",
    "actions",
    "steering",
    "consortia",
}


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_the_api_answers_hidden_and_missing_records_alike(demo: tuple[User, User]) -> None:
    """Each record of an operation's path hidden and missing; for a record inside another one,
    also inside a consortium the prober coordinates (another consortium's seat there)."""
    _, prober_user = demo
    prober = Client(raise_request_exception=False)
    prober.force_login(prober_user)
    keys = _norrort_keys()
    differing: list[str] = []
    looked_up = 0
    for method, path, values, body in _api_operations(keys):
        segments = path.split("/")
        names = [segments[at - 1] for at, s in enumerate(segments) if "{" in s]
        pairs = []
        for at, (segment, value) in enumerate(zip(names, values, strict=True)):
            if segment not in RECORDS:
                continue
            missing = MISSING_SLUG if segment == "consortia" else MISSING_ID
            pairs.append((values, [*values[:at], missing, *values[at + 1 :]]))
            if at == 1 and names[0] == "consortia":
                own = [SODERTORN_SLUG, value]
                pairs.append((own, [SODERTORN_SLUG, missing]))
        for hidden_values, missing_values in pairs:
            hidden = _answer(_call(prober, method, path, hidden_values, body))
            missing = _answer(_call(prober, method, path, missing_values, body))
            looked_up += hidden[0] == 404  # noqa: PLR2004
            if hidden != missing:
                differing.append(
                    f"{method} {path} {hidden_values}: {hidden} / {missing_values}: {missing}"
                )
    assert not differing, "\n".join(differing)
    # Every operation's body was valid: what answered was the lookup.
    assert looked_up > 50, looked_up  # noqa: PLR2004


def _page_routes() -> Iterator[str]:
    """Every page's route with one, two or three arguments."""

    def walk(patterns: list, prefix: str = "") -> Iterator[str]:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif ARGUMENT.search(route) and not route.startswith(("admin/", "api/", "export/")):
                yield route

    return walk(get_resolver().url_patterns)


def _fill(route: str, values: list[str]) -> str:
    for value in values:
        route = ARGUMENT.sub(value, route, count=1)
    return "/" + route


def _candidates(name: str, keys: dict[str, str]) -> list[str]:
    """Values to try for an argument after the first, by its name."""
    return {
        "year": [str(timezone.localdate().year)],
        "code": ["0160", "0184", "0191"],
        "municipality": ["0160", "0184", "0191", *map(str, CANDIDATE_IDS)],
        "fmt": ["pdf", "docx", "xlsx", "csv"],
        "key": [keys["sections"]],
        "kind": ["budget", "utfall"],
    }.get(name, list(map(str, CANDIDATE_IDS)))


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_pages_answer_hidden_and_missing_records_alike_also_when_posted(
    demo: tuple[User, User],
) -> None:
    """Every page's route, read and posted to: its first record hidden (the page of its own,
    which the administrator opens and the prober does not) and missing; when its last argument
    is another record, that record of Norrort's also inside the prober's own consortium or
    project, and missing there."""
    owner_user, prober_user = demo
    owner, prober = Client(raise_request_exception=False), Client(raise_request_exception=False)
    owner.force_login(owner_user)
    prober.force_login(prober_user)
    keys = _norrort_keys()
    sodertorn = Consortium.objects.get(slug=SODERTORN_SLUG)
    own = {"slug": SODERTORN_SLUG, "projekt": str(ProjectFactory(consortium=sodertorn).pk)}
    hidden_first: dict[str, str | None] = {}
    differing: list[str] = []
    probed = 0
    for route in _page_routes():
        arguments = list(ARGUMENT.finditer(route))
        rest = [_candidates(argument.group(1), keys) for argument in arguments[1:]]
        value = None
        for count, argument in enumerate(arguments, start=1):
            # The page of the record: the route up to its first (or second…) argument.
            page = route[: argument.end()] + ("/" if route[argument.end() :][:1] == "/" else "")
            if page not in hidden_first:
                first = arguments[0].group()
                candidates = [NORRORT_SLUG] if "slug:" in first else map(str, CANDIDATE_IDS)
                urls = {c: _fill(page, [c, *(r[0] for r in rest[: count - 1])]) for c in candidates}
                hidden_first[page] = next(
                    (
                        c
                        for c, url in urls.items()
                        if owner.get(url).status_code == 200  # noqa: PLR2004
                        and prober.get(url).status_code != 200  # noqa: PLR2004
                    ),
                    None,
                )
            value = hidden_first[page]
            if value is not None:
                break
        if value is None:
            continue
        values = [value] + [candidates[0] for candidates in rest[:-1]]
        if rest:
            values.append(
                next(
                    (
                        c
                        for c in rest[-1]
                        if owner.get(_fill(route, [*values, c])).status_code == 200  # noqa: PLR2004
                    ),
                    rest[-1][0],
                )
            )
        missing_first = MISSING_SLUG if value == NORRORT_SLUG else MISSING_ID
        pairs = [(values, [missing_first, *values[1:]])]
        mine = own.get("slug" if value == NORRORT_SLUG else route.split("/")[0])
        last_is_record = "int:" in arguments[-1].group() and arguments[-1].group(1) != "year"
        if mine is not None and len(arguments) > 1 and last_is_record:
            pairs.append(([mine, *values[1:]], [mine, *values[1:-1], MISSING_ID]))
        for hidden_values, missing_values in pairs:
            for method in ("get", "post"):
                hidden = _shape(getattr(prober, method)(_fill(route, hidden_values)))
                missing = _shape(getattr(prober, method)(_fill(route, missing_values)))
                probed += 1
                if hidden != missing:
                    differing.append(
                        f"{method.upper()} {_fill(route, hidden_values)}: {hidden[:2]} "
                        f"{hidden[2][:100]!r} / {_fill(route, missing_values)}: {missing[:2]} "
                        f"{missing[2][:100]!r}"
                    )
    assert not differing, "\n".join(differing)
    assert probed > 150  # noqa: PLR2004
