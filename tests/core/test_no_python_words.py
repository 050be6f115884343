"""No page shows `True`, `False` or `None`: every page each demo login reaches from the start
page, link by link on the demo data (one page of each kind: `/behov/12/` stands for every
need's page), is read as text – what a person sees – and none of these words is in it. No link
shown leads to a refusal (403) or an error either."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client

from navet.core.models import User
from navet.demo.content import demo_seed

pytestmark = pytest.mark.django_db

PYTHON_WORDS = re.compile(r"\b(True|False|None)\b")
# Downloads, feeds, the API and leaving are no pages to read.
NOT_PAGES = re.compile(
    r"(\.(docx|pdf|xlsx|csv|ics|json)$|^/api/|^/admin/|/logga-ut/|/ladda-ned/|/export|/kalender/.+\.ics)"
)
PAGES_PER_LOGIN = 250


class _Text(HTMLParser):
    """The text of a page as it is shown: no script, style or attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "a":
            self.links += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _crawl(client: Client) -> dict[str, list[str]]:
    """Every page of a kind reached from the start page, with the Python words found on it."""
    found: dict[str, list[str]] = {}
    seen: set[str] = set()
    queue = ["/"]
    while queue and len(seen) < PAGES_PER_LOGIN:
        url = queue.pop(0)
        kind = _kind(url)
        if kind in seen:
            continue
        seen.add(kind)
        answer = client.get(url)
        if answer.status_code in (403, 500):  # a link shown must not be refused or fail
            found[url] = [str(answer.status_code)]
        if answer.status_code != 200 or "text/html" not in answer.get("Content-Type", ""):
            continue
        reader = _Text()
        reader.feed(answer.content.decode())
        words = PYTHON_WORDS.findall(" ".join(reader.parts))
        if words:
            found[url] = words
        for href in reader.links:
            link = urlsplit(href)
            if link.scheme or link.netloc or not link.path.startswith("/"):
                continue
            target = link.path + (f"?{link.query}" if link.query else "")
            if not NOT_PAGES.search(link.path) and _kind(target) not in seen:
                queue.append(target)
    return found


def test_no_page_any_demo_login_reaches_shows_true_false_or_none_or_refuses() -> None:
    logins = demo_seed()
    problems: dict[str, dict[str, list[str]]] = {}
    for login in logins:
        client = Client()
        client.force_login(User.objects.get(username=login.username))
        found = _crawl(client)
        if found:
            problems[login.username] = found
    assert not problems
