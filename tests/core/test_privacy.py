"""Personal data: the export of one person's data, and erasure by pseudonymisation."""

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.test import Client

from navet.calls.models import CalendarFeed, CallFollow, ThemeFollow
from navet.core.errors import PermissionDenied
from navet.core.models import ApiToken, Notification, User
from navet.core.notifications import notify
from navet.core.privacy.erasure import erasure_request, user_erase
from navet.core.privacy.export import export_json, personal_data_export
from navet.decisions.models import Vote
from navet.decisions.services import motion_close, vote_cast
from navet.economics.models import TimeEntry
from navet.economics.services import time_entry_add
from navet.needs.services import need_create
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from tests.factories import (
    ApiTokenFactory,
    CallFactory,
    MotionFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    ThemeFactory,
    UserFactory,
)

OLD = {
    "username": "xylofonia.t",
    "first_name": "Xylofonia",
    "last_name": "Tröskelström",
    "email": "xylofonia.t@sigtuna.example.se",
}
OLD_VALUES = [*OLD.values(), "Xylofonia Tröskelström"]


@pytest.fixture
def person(cast) -> User:
    """Sigtuna's representative, contact and Norrort's coordinator, with data in every app:
    roles, a need, a vote in a closed motion, time logged, a project contact, follows, a feed,
    a token, notifications, a sign-in account, a session and failed logins."""
    norrort = Consortium.objects.get(slug="koordination-norrort")
    sigtuna = Municipality.objects.get(code="0191")
    user = UserFactory(
        username=OLD["username"],
        first_name="Xylo",
        last_name="Tröskelström",
        email="gammal@sigtuna.example.se",
    )
    user.first_name, user.email = OLD["first_name"], OLD["email"]
    user.save()  # the audit trail now holds the old and new name and address
    RoleAssignmentFactory(user=user, role=Role.STEERING, consortium=norrort, municipality=sigtuna)
    RoleAssignmentFactory(user=user, role=Role.CONTACT, consortium=None, municipality=sigtuna)
    # A coordinator holds no seat where he coordinates: this one coordinates the county's.
    county = Consortium.objects.get(slug="stockholms-lan")
    RoleAssignmentFactory(user=user, role=Role.COORDINATOR, consortium=county)
    need_create(
        actor=user,
        municipality=sigtuna,
        title="Språkstöd för nyanlända föräldrar",
        description=f"Frågor till {OLD['email']} eller Xylofonia Tröskelström.",
    )
    motion = MotionFactory(consortium=norrort, title="Ansöka om § 37-medel")
    vote_cast(actor=user, motion=motion, municipality=sigtuna, choice="yes")
    motion_close(actor=None, motion=motion, now=motion.closes_at + timedelta(hours=1))
    time_entry_add(
        actor=user,
        consortium=county,
        municipality=sigtuna,
        worked_on=date(2026, 3, 2),
        hours=Decimal(2),
        note="Workshop om språkstöd",
    )
    project = ProjectFactory(consortium=norrort, owner=sigtuna)
    project.contacts.add(user)
    CallFollow.objects.create(user=user, call=CallFactory())
    ThemeFollow.objects.create(user=user, theme=ThemeFactory(slug="sprak"))
    CalendarFeed.objects.create(user=user)
    ApiTokenFactory(user=user)
    notify(user=user, key="test:1", title="Utlysningen stänger om 7 dagar")
    SocialAccount.objects.create(
        user=user,
        provider="openid_connect",
        uid="sigtuna-4711",
        extra_data={"name": "Xylofonia Tröskelström", "email": OLD["email"]},
    )
    EmailAddress.objects.create(user=user, email=OLD["email"], primary=True, verified=True)
    AccessAttempt.objects.create(
        username=OLD["username"],
        ip_address="127.0.0.1",
        user_agent="Firefox",
        http_accept="*/*",
        path_info="/logga-in/",
        get_data="",
        post_data=f"username={OLD['username']}",
        failures_since_start=1,
    )
    Client().force_login(user)
    erasure_request(actor=user)  # the administrators' notifications name the person
    return user


def _texts_of_every_model() -> list[tuple[str, str]]:
    """Every character, text and JSON value of every model, as (where, text)."""
    found = []
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list("pk", *[f.name for f in fields]):
            for field, value in zip(fields, row[1:], strict=True):
                if value is None:
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                found.append((f"{model._meta.label}.{field.name}#{row[0]}", text))
    return found


def _traces(values: list[str]) -> list[str]:
    return [
        where
        for where, text in _texts_of_every_model()
        if any(value.casefold() in text.casefold() for value in values)
    ]


# --- export ------------------------------------------------------------------------------------


def test_the_export_holds_the_persons_data_and_nobody_elses(person, cast) -> None:
    data = json.loads(export_json(personal_data_export(actor=person, subject=person)))

    assert data["profile"]["username"] == OLD["username"]
    assert data["profile"]["email"] == OLD["email"]
    own = {section["model"]: section["items"] for section in data["own_data"]}
    assert {a["role"] for a in own["organisations.roleassignment"]} == {
        "steering",
        "contact",
        "coordinator",
    }
    assert len(own["calls.callfollow"]) == 1
    assert len(own["calls.themefollow"]) == 1
    assert len(own["calls.calendarfeed"]) == 1
    assert "token" not in own["calls.calendarfeed"][0]  # the feed's secret address is not copied
    assert "digest" not in own["core.apitoken"][0]
    assert [n["title"] for n in own["core.notification"]] == ["Utlysningen stänger om 7 dagar"]
    assert own["socialaccount.socialaccount"][0]["uid"] == "sigtuna-4711"
    records = {(s["model"], s["field"]): s["items"] for s in data["records"]}
    vote = Vote.objects.get(cast_by=person)
    assert [v["id"] for v in records[("decisions.vote", "cast_by")]] == [vote.pk]
    assert records[("decisions.vote", "cast_by")][0]["url"].endswith(f"/beslut/{vote.motion_id}/")
    assert len(records[("economics.timeentry", "logged_by")]) == 1
    assert records[("needs.need", "created_by")][0]["title"].startswith("Språkstöd")
    assert records[("projects.project", "contacts")][0]["url"].endswith("/")
    assert data["audit_trail"]["actions"]  # the need, the vote, the time entry
    assert any("email" in c["changes"] for c in data["audit_trail"]["account_changes"])
    assert data["sign_ins"]["failed_attempts"][0]["ip_address"] == "127.0.0.1"

    text = json.dumps(data, ensure_ascii=False)
    for other in (cast.admin, cast.coordinator, cast.contact):
        assert other.email not in text
        assert other.get_full_name() not in text


def test_the_export_of_someone_else_is_refused_but_for_administrators(person, cast) -> None:
    with pytest.raises(PermissionDenied):
        personal_data_export(actor=cast.coordinator, subject=person)
    before = LogEntry.objects.count()

    data = personal_data_export(actor=cast.admin, subject=person)

    assert data["profile"]["username"] == OLD["username"]
    access = LogEntry.objects.order_by("-pk").first()
    assert LogEntry.objects.count() == before + 1  # an administrator's look is audited
    assert access.action == LogEntry.Action.ACCESS
    assert access.actor == cast.admin


def test_the_page_shows_the_persons_data_and_downloads_it(person, client) -> None:
    client.force_login(person)
    page = client.get("/personuppgifter/")
    assert page.status_code == 200
    assert "Mina personuppgifter" in page.text
    assert OLD["email"] in page.text

    download = client.get("/personuppgifter/export/")

    assert download["Content-Disposition"].startswith("attachment")
    assert json.loads(download.content)["profile"]["username"] == OLD["username"]


def test_nobody_but_an_administrator_reaches_another_persons_page(person, cast, client) -> None:
    client.force_login(cast.coordinator)
    assert client.get(f"/personuppgifter/anvandare/{person.pk}/").status_code == 404
    assert client.get(f"/personuppgifter/anvandare/{person.pk}/export/").status_code == 404
    response = client.post(f"/personuppgifter/anvandare/{person.pk}/", {"confirm": OLD["username"]})

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.username == OLD["username"]
    assert person.is_active


# --- erasure -----------------------------------------------------------------------------------


def test_erasure_leaves_no_trace_of_the_name_email_or_username(person, cast) -> None:
    assert _traces(OLD_VALUES)  # the fixture spread them far
    votes = list(Vote.objects.filter(cast_by=person).values_list("pk", flat=True))
    done = LogEntry.objects.filter(actor=person).count()

    user_erase(actor=cast.admin, subject=person)

    assert _traces(OLD_VALUES) == []
    person.refresh_from_db()
    assert str(person) == f"Borttagen användare {person.pk}"
    assert person.username == f"borttagen-{person.pk}"
    assert person.email == ""
    assert not person.is_active
    assert not person.has_usable_password()
    # Records are kept and now show the pseudonym.
    assert list(Vote.objects.filter(cast_by=person).values_list("pk", flat=True)) == votes
    motion = Vote.objects.get(pk=votes[0]).motion
    assert f"Borttagen användare {person.pk}" in json.dumps(motion.result, ensure_ascii=False)
    assert TimeEntry.objects.filter(logged_by=person).count() == 1
    assert LogEntry.objects.filter(actor=person).count() == done
    # What was only the person's is gone.
    for model in (
        RoleAssignment,
        CallFollow,
        ThemeFollow,
        CalendarFeed,
        ApiToken,
        Notification,
        SocialAccount,
        EmailAddress,
    ):
        assert not model.objects.filter(user=person).exists(), model
    assert not person.contact_for_projects.exists()
    assert AccessAttempt.objects.count() == 0
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    # The erasure itself is in the audit trail, by the administrator.
    erasure = LogEntry.objects.filter(additional_data__event="erasure").get()
    assert erasure.actor == cast.admin
    assert erasure.object_pk == str(person.pk)


def test_erasure_keeps_other_peoples_data(person, cast) -> None:
    others = {
        u.pk: (u.username, u.email, u.get_full_name()) for u in User.objects.exclude(pk=person.pk)
    }

    user_erase(actor=cast.admin, subject=person)

    assert {
        u.pk: (u.username, u.email, u.get_full_name()) for u in User.objects.exclude(pk=person.pk)
    } == others
    assert RoleAssignment.objects.filter(user=cast.admin, role=Role.ADMIN).exists()


@pytest.mark.parametrize("who", ["coordinator", "steering", "contact", "viewer", "outsider"])
def test_only_administrators_erase(person, cast, who) -> None:
    with pytest.raises(PermissionDenied):
        user_erase(actor=getattr(cast, who), subject=person)
    person.refresh_from_db()
    assert person.username == OLD["username"]
    assert person.is_active
    assert RoleAssignment.objects.filter(user=person).count() == 3


def test_an_administrator_cannot_erase_themselves(cast) -> None:
    with pytest.raises(PermissionDenied):
        user_erase(actor=cast.admin, subject=cast.admin)
    assert User.objects.get(pk=cast.admin.pk).is_active


def test_erasing_twice_is_refused(person, cast) -> None:
    user_erase(actor=cast.admin, subject=person)
    with pytest.raises(Exception, match="redan borttagen"):
        user_erase(actor=cast.admin, subject=person)


def test_the_erasure_request_tells_each_administrator_once(person, cast) -> None:
    notices = Notification.objects.filter(key=f"erasure-request:{person.pk}")
    assert list(notices.values_list("user", flat=True)) == [cast.admin.pk]
    assert not erasure_request(actor=person)  # asked again: nobody is told twice
    assert notices.count() == 1


def test_the_request_button_tells_the_administrators(cast, client) -> None:
    client.force_login(cast.viewer)
    response = client.post("/personuppgifter/radering/", follow=True)
    assert "skickades till administratörerna" in response.text
    assert Notification.objects.filter(user=cast.admin, key=f"erasure-request:{cast.viewer.pk}")


def test_the_administrator_erases_on_the_page_after_typing_the_username(
    person, cast, client
) -> None:
    client.force_login(cast.admin)
    url = f"/personuppgifter/anvandare/{person.pk}/"
    wrong = client.post(url, {"confirm": "någon annan"})
    assert "Skriv xylofonia.t exakt" in wrong.text
    assert User.objects.get(pk=person.pk).is_active

    response = client.post(url, {"confirm": OLD["username"]}, follow=True)

    assert f"Borttagen användare {person.pk}" in response.text
    assert not User.objects.get(pk=person.pk).is_active


def test_the_commands_export_and_erase(person, tmp_path, monkeypatch) -> None:
    target = tmp_path / "export.json"
    call_command("privacy", "export", OLD["username"], str(target), stdout=StringIO())
    assert json.loads(target.read_text())["profile"]["email"] == OLD["email"]

    monkeypatch.setattr("builtins.input", lambda prompt: "fel")
    with pytest.raises(CommandError, match="Inget togs bort"):
        call_command("privacy", "erase", OLD["username"], stdout=StringIO())
    assert User.objects.get(pk=person.pk).is_active

    monkeypatch.setattr("builtins.input", lambda prompt: OLD["username"])
    call_command("privacy", "erase", OLD["username"], stdout=StringIO())

    erased = User.objects.get(pk=person.pk)
    assert not erased.is_active
    assert erased.username == f"borttagen-{person.pk}"
    assert LogEntry.objects.filter(additional_data__event="erasure", actor=None).exists()


def test_the_page_asks_as_many_queries_however_much_data(
    person, client, django_assert_max_num_queries
) -> None:
    """One count per kind of data: more rows of each kind ask nothing more."""
    client.force_login(person)
    with django_assert_max_num_queries(60) as before:
        client.get("/personuppgifter/")
    for number in range(2, 12):
        notify(user=person, key=f"test:{number}", title=f"Notis {number}")
        CallFollow.objects.create(user=person, call=CallFactory())
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get("/personuppgifter/").status_code == 200


def test_nobody_logged_out_asks_or_downloads(cast, client) -> None:
    assert client.post("/personuppgifter/radering/").status_code == 302
    assert client.get("/personuppgifter/export/").status_code == 302
    assert not Notification.objects.exists()


def test_forget_addresses_empties_the_addresses_of_older_audit_entries(person) -> None:
    LogEntry.objects.filter(actor=person).update(remote_addr="192.0.2.7", remote_port=443)
    out = StringIO()

    call_command("privacy", "forget-addresses", stdout=out)

    assert not LogEntry.objects.exclude(remote_addr=None).exists()
    assert LogEntry.objects.filter(actor=person).exists()  # the entries themselves are kept
    assert "IP-adressen togs bort" in out.getvalue()


def test_a_change_made_in_a_request_stores_no_address(cast, rf) -> None:
    """The audit middleware sees the address of every request; Navet has it store none."""

    def view(request: HttpRequest) -> HttpResponse:
        cast.viewer.first_name = "Ändrad"
        cast.viewer.save()
        return HttpResponse()

    request = rf.post("/", REMOTE_ADDR="192.0.2.7")
    request.user = cast.admin
    AuditlogMiddleware(view)(request)

    entry = LogEntry.objects.filter(object_pk=str(cast.viewer.pk)).latest("pk")
    assert entry.changes_dict["first_name"][1] == "Ändrad"
    assert entry.actor == cast.admin
    assert entry.remote_addr is None


def test_without_administrators_the_request_says_whom_to_ask(cast, client) -> None:
    RoleAssignment.objects.filter(role=Role.ADMIN).delete()
    client.force_login(cast.viewer)

    response = client.post("/personuppgifter/radering/", follow=True)

    assert "ingen administratör att fråga" in response.text
    assert not Notification.objects.exists()
