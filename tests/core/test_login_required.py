"""Login is required by default (LoginRequiredMiddleware): every page redirects an anonymous
visitor to the login, except the few marked `login_not_required`, which still answer."""

import re

import pytest
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from navet.calls.models import CalendarFeed

pytestmark = pytest.mark.django_db

LOGIN = "/logga-in/"
# A value for each kind of path parameter: the middleware answers before any view looks it up.
SAMPLES = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "0" * 32}


def _paths(patterns: list, prefix: str = "", public: bool = False) -> list[tuple[str, bool]]:
    """Every URL of the site with a sample for each parameter, and whether it is public."""
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route).replace("^", "").replace("$", "")
            path = "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], path)
            try:
                resolve(path)
            except Resolver404:  # a regular expression "x" does not fit (the admin's app labels)
                continue
            found.append((path, not getattr(pattern.callback, "login_required", True)))
    return found


PATHS = _paths(get_resolver().url_patterns)
PUBLIC = sorted(path for path, public in PATHS if public)


def test_every_other_page_redirects_to_the_login() -> None:
    client = Client()
    private = [path for path, public in PATHS if not public]
    assert len(private) > 100
    for path in private:
        response = client.get(path)
        assert response.status_code == 302, path
        # The admin's own pages may send to its own login, which lets only staff in.
        logins = (LOGIN, "/admin/login/") if path.startswith("/admin/") else (LOGIN,)
        assert response["Location"].startswith(tuple(f"{u}?next=" for u in logins)), path


def test_the_public_pages_are_few_and_known() -> None:
    api = [path for path in PUBLIC if path.startswith("/api/v1/")]
    others = sorted(set(PUBLIC) - set(api))
    assert len(api) > 30  # the API answers 401 itself
    assert others == [
        "/accounts/login/",  # to the login page
        "/accounts/login/cancelled/",  # OpenID Connect: the user cancelled at the provider
        "/accounts/login/error/",  # OpenID Connect: the provider refused
        "/accounts/oidc/x/login/",  # OpenID Connect: off to the municipality's provider
        "/accounts/oidc/x/login/callback/",  # and back
        "/accounts/signup/",  # OpenID Connect: completing a first login (allauth marks it)
        "/admin/login/",
        "/healthz",
        "/i18n/setlang/",
        "/kalender/x.ics",  # a calendar feed: its secret address is the key
        "/logga-in/",
        "/logga-ut/",
    ]


def test_the_public_pages_still_answer(cast) -> None:
    client = Client()
    assert client.get(LOGIN).status_code == 200
    assert client.get("/accounts/login/error/").status_code == 401  # allauth's answer
    assert client.get("/accounts/login/cancelled/").status_code == 200
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/accounts/login/")["Location"].startswith(LOGIN)
    assert client.post("/logga-ut/")["Location"] != f"{LOGIN}?next=/logga-ut/"
    assert client.post("/i18n/setlang/", {"language": "sv", "next": "/"}).status_code == 302
    feed = CalendarFeed.objects.create(user=cast.contact)
    calendar = client.get(f"/kalender/{feed.token}.ics")
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")
    api = client.get("/api/v1/needs")
    assert api.status_code == 401
