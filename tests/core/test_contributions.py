"""Higher apps add to lower apps' pages through navet.core.contributions; no template of a lower
app names a higher app's URL or template (the layers of pyproject.toml, read here)."""

import re
import tomllib
from pathlib import Path

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import get_resolver

from navet.core.contributions import contributions, register
from navet.organisations.models import Municipality
from tests.conftest import Cast
from tests.factories import NeedFactory

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "navet"


def _layer_of() -> dict[str, int]:
    """Each app's layer, 0 the lowest, from the import-linter contract between apps."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if "containers" not in c)
    layers = list(reversed(contract["layers"]))
    return {
        module.strip().removeprefix("navet."): rank
        for rank, layer in enumerate(layers)
        for module in layer.split("|")
    }


def _app_of_url_namespace() -> dict[str, str]:
    namespaces = {}
    for pattern in get_resolver().url_patterns:
        namespace = getattr(pattern, "namespace", None)
        module = getattr(pattern, "urlconf_name", None)
        if namespace and getattr(module, "__name__", "").startswith("navet."):
            namespaces[namespace] = module.__name__.split(".")[1]
    return namespaces


def test_no_lower_template_names_a_higher_app() -> None:
    layer = _layer_of()
    namespaces = _app_of_url_namespace()
    assert {"projects", "followup", "matching"} <= set(namespaces)
    found = []
    for template in SOURCE.glob("*/templates/**/*.html"):
        app = template.relative_to(SOURCE).parts[0]
        text = template.read_text()
        named = [namespaces.get(n) for n in re.findall(r"{%\s*url\s+['\"](\w+):", text)]
        named += re.findall(r"{%\s*(?:include|extends)\s+['\"](\w+)/", text)
        found += [
            f"{template.relative_to(SOURCE)} → {other}"
            for other in named
            if other in layer and layer[other] > layer[app]
        ]
    assert found == []


def test_contributions_come_in_their_order_and_once() -> None:
    register("test.slot", "core/b.html", order=20)
    register("test.slot", "core/a.html", order=10)
    register("test.slot", "core/b.html", order=20)
    assert contributions("test.slot") == ["core/a.html", "core/b.html"]
    assert contributions("test.nothing") == []


def test_the_apps_fill_a_need_s_and_a_project_s_page() -> None:
    """Each higher app's part, in the order of the flow of work (other parts may come between)."""

    def in_order(slot: str, expected: list[str]) -> bool:
        found = contributions(slot)
        return [t for t in found if t in expected] == expected

    assert in_order(
        "need.detail",
        [
            "matching/_need_placeholder.html",
            "projects/_need_placeholder.html",
            "decisions/_need_meetings_placeholder.html",
            "knowledge/_need_placeholder.html",
        ],
    )
    assert in_order(
        "project.detail",
        [
            "applications/_project_placeholder.html",
            "risks/_project_placeholder.html",
            "decisions/_project_boards_placeholder.html",
            "followup/_project_placeholder.html",
        ],
    )


def test_a_slot_renders_with_the_page_s_context(cast: Cast) -> None:
    page = Template(
        "{% load contributions %}"
        '{% for match in matches %}{% contributions "need.suggestion" %}{% endfor %}'
    )
    request = RequestFactory().get("/")
    request.user = cast.contact
    need = NeedFactory(municipality=Municipality.objects.get(code="0160"))  # the contact's
    html = page.render(
        Context(
            {"request": request, "need": need, "matches": [{"call": {"pk": 3, "title": "ESF"}}]}
        )
    )
    assert f"/projekt/ny/?behov={need.pk}&amp;utlysning=3" in html
