"""Every answer carries a Content-Security-Policy: pages may run only Navet's own files, and
downloads are sandboxed. (The browser tests fail on any violation: tests/e2e/browser.py.)"""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from navet.core.middleware import ATTACHMENT_POLICY, PAGE_POLICY

pytestmark = pytest.mark.django_db


def _paths(patterns: list, prefix: str = "") -> Iterator[str]:
    """Every address of the URL configuration that takes no argument."""
    for entry in patterns:
        route = prefix + str(entry.pattern).replace("^", "").replace("$", "")
        if isinstance(entry, URLResolver):
            yield from _paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and not re.search(r"[<(\[\\*+?]", route):
            yield "/" + route


PATHS = sorted(set(_paths(get_resolver().url_patterns)))


def test_the_walk_reaches_the_pages_of_every_part() -> None:
    for expected in ("/", "/logga-in/", "/behov/", "/admin/", "/api/v1/docs", "/healthz"):
        assert expected in PATHS


@pytest.mark.parametrize("path", PATHS)
def test_every_page_answers_with_the_policy(cast, path: str) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.admin)

    response = client.get(path)

    assert response["Content-Security-Policy"] in (PAGE_POLICY, ATTACHMENT_POLICY)


def test_pages_allow_no_inline_script_or_style(cast) -> None:
    client = Client()
    client.force_login(cast.coordinator)
    response = client.get("/")

    policy = dict(part.split(" ", 1) for part in response["Content-Security-Policy"].split("; "))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    # htmx is told to add no style element and to evaluate nothing.
    assert b'"includeIndicatorStyles": false' in response.content
    assert b'"allowEval": false' in response.content


def test_an_anonymous_visitor_and_a_missing_page_get_it_too(client) -> None:
    assert client.get("/logga-in/")["Content-Security-Policy"] == PAGE_POLICY
    assert client.get("/finns-inte/")["Content-Security-Policy"] == PAGE_POLICY


def test_a_download_is_sandboxed(cast) -> None:
    client = Client()
    client.force_login(cast.viewer)

    response = client.get("/personuppgifter/export/")

    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == ATTACHMENT_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
