from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from navet.calls.models import Call
from navet.calls.services import (
    call_follow,
    calls_import,
    reminders_generate,
    source_save,
    themes_watch,
)
from navet.calls.tasks import send_reminders_and_digests
from navet.core.models import Notification
from navet.core.notifications import digest_frequency_set, digests_send, notify
from tests.factories import CallFactory, ThemeFactory

pytestmark = pytest.mark.django_db

MONDAY = timezone.make_aware(timezone.datetime(2026, 11, 23, 8, 0))
TUESDAY = MONDAY + timedelta(days=1)


def _call_closing_in(days: int, now) -> Call:
    return CallFactory(closes=now + timedelta(days=days, hours=1))


def test_reminders_come_at_14_7_and_2_days_and_only_once(cast) -> None:
    now = timezone.now()
    call = _call_closing_in(7, now)
    call_follow(actor=cast.contact, call=call)

    assert reminders_generate(now) == 1
    assert reminders_generate(now) == 0  # the same event is never notified twice
    assert reminders_generate(now + timedelta(days=5)) == 1  # two days left
    keys = sorted(Notification.objects.filter(user=cast.contact).values_list("key", flat=True))
    assert keys == [f"deadline:{call.pk}:2", f"deadline:{call.pk}:7"]


def test_no_reminder_far_from_the_deadline_or_after_it(cast) -> None:
    now = timezone.now()
    call_follow(actor=cast.contact, call=_call_closing_in(30, now))
    call_follow(actor=cast.contact, call=CallFactory(closes=now - timedelta(days=1)))
    assert reminders_generate(now) == 0


def test_new_calls_in_a_watched_theme_are_notified(cast) -> None:
    theme = ThemeFactory(slug="sprak")
    themes_watch(actor=cast.viewer, slugs=["sprak", "okant-tema"])
    call = CallFactory()
    call.themes.add(theme)
    CallFactory()  # another theme: no notification

    assert reminders_generate(timezone.now()) == 1
    notification = Notification.objects.get(user=cast.viewer)
    assert notification.key == f"new-call:{call.pk}"
    assert notification.url == f"/utlysningar/{call.pk}/"


def test_a_moved_deadline_is_flagged_to_every_follower(cast, calls) -> None:
    call = Call.objects.get(external_id__startswith="demo-esf")
    call_follow(actor=cast.contact, call=call)
    call_follow(actor=cast.viewer, call=call)
    record = {"external_id": call.external_id, "title": call.title, "closes": "2027-01-20"}

    calls_import(actor=None, records=[record], source="test")
    calls_import(actor=None, records=[record], source="test")

    moved = Notification.objects.filter(key__startswith=f"moved:{call.pk}:")
    assert sorted(moved.values_list("user__username", flat=True)) == ["kontakt.taby", "politiker"]
    assert "2027-01-20" in moved.first().title


def test_digests_follow_each_users_choice_and_are_sent_once(cast) -> None:
    for user in (cast.contact, cast.viewer, cast.coordinator):
        notify(user=user, key="test:1", title="Utlysning stänger snart", url="/utlysningar/1/")
    digest_frequency_set(actor=cast.viewer, digest="weekly")
    digest_frequency_set(actor=cast.coordinator, digest="never")

    # Daily and weekly both go the first time; "never" never does.
    assert digests_send(TUESDAY, base_url="https://navet.example.se") == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.contact.email, cast.viewer.email])
    assert "https://navet.example.se/utlysningar/1/" in mail.outbox[0].body
    for user in (cast.contact, cast.viewer, cast.coordinator):
        notify(user=user, key="test:2", title="Ännu en")
    assert digests_send(TUESDAY + timedelta(days=1), base_url="") == 1  # the daily one
    assert digests_send(MONDAY + timedelta(days=7), base_url="") == 1  # the weekly one, next week
    assert len(mail.outbox) == 4


def test_the_notify_command_runs_both_jobs(cast, capsys) -> None:
    call_follow(actor=cast.contact, call=_call_closing_in(2, timezone.now()))
    call_command("notify")
    assert "Nya notiser: 1. Skickade e-postsammanfattningar: 1." in capsys.readouterr().out


def test_the_notification_page_lists_marks_read_and_saves_the_digest_choice(cast) -> None:
    notify(user=cast.viewer, key="test:1", title="Ny utlysning: Språkcaféer", url="/utlysningar/")
    client = Client()
    client.force_login(cast.viewer)
    assert 'class="nav-count">1' in client.get("/").content.decode()

    page = client.get("/notiser/").content.decode()
    assert "Ny utlysning: Språkcaféer" in page
    assert 'class="nav-count"' not in client.get("/").content.decode()

    client.post("/notiser/", {"digest": "weekly"})
    assert cast.viewer.notification_settings.digest == "weekly"


def test_the_watch_page_saves_themes(cast) -> None:
    client = Client()
    client.force_login(cast.contact)
    response = client.post("/bevakning/", {"themes": ["sprak", "halsa"]})
    assert response.status_code == 302
    assert sorted(cast.contact.followed_themes.values_list("theme_id", flat=True)) == [
        "halsa",
        "sprak",
    ]


def test_a_daily_digest_goes_at_most_once_a_day(cast) -> None:
    notify(user=cast.contact, key="test:1", title="Första")
    assert digests_send(TUESDAY, base_url="") == 1
    notify(user=cast.contact, key="test:2", title="Andra")
    assert digests_send(TUESDAY + timedelta(hours=1), base_url="") == 0  # same day: waits
    assert digests_send(TUESDAY + timedelta(days=1), base_url="") == 1
    assert len(mail.outbox) == 2


def test_one_refused_address_does_not_stop_the_other_digests(cast, settings) -> None:
    cast.contact.email = "felaktig\nadress@example.se"  # a header injection: refused by Django
    cast.contact.save()
    notify(user=cast.contact, key="test:1", title="Till en trasig adress")
    notify(user=cast.viewer, key="test:1", title="Till en bra adress")
    assert digests_send(TUESDAY, base_url="") == 1
    assert mail.outbox[0].to == [cast.viewer.email]
    assert Notification.objects.get(user=cast.contact).emailed_at is None  # kept for next time


def test_moving_a_deadline_by_hand_tells_the_followers(cast, calls) -> None:
    call = Call.objects.get(external_id__startswith="demo-amif")
    call_follow(actor=cast.contact, call=call)
    client = Client()
    client.force_login(cast.coordinator)
    client.post(
        f"/utlysningar/{call.pk}/andra/",
        {"title": call.title, "closes": "2027-02-15T17:00", "eligible_applicants": ["kommun"]},
    )
    moved = Notification.objects.filter(user=cast.contact, key__startswith=f"moved:{call.pk}:")
    assert moved.exists()


def test_the_scheduler_queues_the_periodic_jobs(
    cast, feed_server, django_capture_on_commit_callbacks
) -> None:
    source_save(
        actor=cast.coordinator,
        name="Flöde",
        format="rss",
        url=f"{feed_server}/feed_lansstyrelsen.xml",
        schedule="daily",
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("schedule")
    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths == [
        "navet.calls.tasks.run_source",
        "navet.calls.tasks.send_reminders_and_digests",
        "navet.core.tasks.remove_old_exports",
        "navet.decisions.tasks.close_due_motions",
        "navet.decisions.tasks.send_vote_reminders",
        "navet.followup.tasks.send_followup_alerts",
        "navet.matching.tasks.refresh_matches",
        "navet.projects.tasks.send_confirmation_reminders",
        "navet.risks.tasks.send_review_reminders",
    ]


def test_the_reminder_task_does_the_work(cast) -> None:
    call_follow(actor=cast.contact, call=_call_closing_in(2, timezone.now()))
    send_reminders_and_digests.call()
    assert Notification.objects.filter(user=cast.contact).count() == 1
    assert len(mail.outbox) == 1
