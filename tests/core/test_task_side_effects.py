"""Every e-mail and notification a background task sends goes out once, however the task runs
again: retried after a passing error in the middle (after it has told someone), put back after
its worker died in the middle, or simply queued twice by the scheduler. Each task runs through
the real database queue; the e-mail digests go through the reminders-and-digests task."""

import smtplib
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.db import OperationalError
from django.db.models.signals import pre_save
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from navet.calls.models import CallFollow, Source, ThemeFollow
from navet.calls.services import source_run_start
from navet.calls.tasks import run_source, send_reminders_and_digests
from navet.core import notifications
from navet.core.models import Notification, User
from navet.decisions.tasks import send_vote_reminders
from navet.followup import services as followup
from navet.followup.tasks import send_followup_alerts
from navet.organisations.models import Consortium, Municipality, Role
from navet.projects.models import Project
from navet.projects.tasks import send_confirmation_reminders
from navet.risks.services import risk_create
from navet.risks.tasks import send_review_reminders
from tests.core.test_tasks import work
from tests.factories import (
    CallFactory,
    MotionFactory,
    PartnerConfirmationFactory,
    ProgrammeFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    ThemeFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def retry_at_once(settings) -> None:
    settings.NAVET_TASK_RETRY_DELAY = 0
    settings.NAVET_TASK_RETRIES = 3


@pytest.fixture
def norrort(cast) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def another(role: Role, **scope: Any) -> User:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, **scope)
    return user


# Each case prepares what makes one task tell two people (or one person two things) and
# returns the task and who is told.


def deadline_reminders(
    cast: Any, norrort: Consortium, set_day: Any
) -> tuple[Task[..., Any], list[User]]:
    call = CallFactory(closes=timezone.now() + timedelta(days=5))
    for user in (cast.contact, cast.viewer):
        CallFollow.objects.create(user=user, call=call)
    return send_reminders_and_digests, [cast.contact, cast.viewer]


def new_calls_of_watched_themes(
    cast: Any, norrort: Consortium, set_day: Any
) -> tuple[Task[..., Any], list[User]]:
    theme = ThemeFactory()
    CallFactory(closes=timezone.now() + timedelta(days=30)).themes.add(theme)
    for user in (cast.contact, cast.viewer):
        ThemeFollow.objects.create(user=user, theme=theme)
    return send_reminders_and_digests, [cast.contact, cast.viewer]


def vote_reminders(
    cast: Any, norrort: Consortium, set_day: Any
) -> tuple[Task[..., Any], list[User]]:
    MotionFactory(consortium=norrort, closes_at=timezone.now() + timedelta(days=1))
    taby = another(Role.STEERING, consortium=norrort, municipality=municipality("0160"))
    # each is told once that the vote is open, and once that it closes soon
    return send_vote_reminders, [cast.steering, taby, cast.steering, taby]


def risk_reviews(cast: Any, norrort: Consortium, set_day: Any) -> tuple[Task[..., Any], list[User]]:
    for title in ("Samsyn saknas", "Medfinansieringen uteblir"):
        risk_create(
            actor=cast.coordinator,
            consortium=norrort,
            owner=cast.coordinator,
            title=title,
            likelihood="high",
            consequence="serious",
            review_on=timezone.localdate() - timedelta(days=1),
        )
    return send_review_reminders, [cast.coordinator, cast.coordinator]


def confirmation_reminders(
    cast: Any, norrort: Consortium, set_day: Any
) -> tuple[Task[..., Any], list[User]]:
    project = ProjectFactory(consortium=norrort, owner=municipality("0160"))
    PartnerConfirmationFactory(
        project=project,
        municipality=municipality("0184"),
        requested_at=timezone.now() - timedelta(days=8),
        signed_on=None,
    )
    solna = another(Role.CONTACT, consortium=None, municipality=municipality("0184"))
    return send_confirmation_reminders, [cast.solna_contact, solna]


def followup_alerts(
    cast: Any, norrort: Consortium, set_day: Any
) -> tuple[Task[..., Any], list[User]]:
    set_day(date(2025, 4, 10))  # a quarter of the project spent at 60 % of the plan
    programme = ProgrammeFactory(cofinancing_percent=Decimal(25), max_duration_months=24)
    project = ProjectFactory(
        consortium=norrort,
        owner=municipality("0160"),
        status=Project.Status.RUNNING,
        call=CallFactory(programme=programme),
        programme=programme,
        funder=programme.funder,
        starts_on=date(2025, 1, 1),
        ends_on=date(2026, 6, 30),
        granted_sek=600_000,
    )
    (line,) = followup.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    followup.expenditure_add(
        actor=cast.contact,
        project=project,
        budget_line=line,
        spent_on=date(2025, 3, 31),
        amount=Decimal(60_000),
        description="Lön januari–mars",
    )
    return send_followup_alerts, [cast.contact, cast.coordinator]


CASES = [
    deadline_reminders,
    new_calls_of_watched_themes,
    vote_reminders,
    risk_reviews,
    confirmation_reminders,
    followup_alerts,
]


@pytest.fixture
def stockholm_day(monkeypatch) -> Callable[[date], None]:
    def set_day(day: date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return set_day


@pytest.fixture
def interrupt() -> Iterator[Callable[[BaseException], None]]:
    """Make the second notification a task creates raise `error`, once: the task stops in the
    middle, after it has told the first person."""
    armed: list[BaseException] = []
    created = Counter[str]()

    def second_fails(sender: Any, instance: Notification, **kwargs: Any) -> None:
        if instance.pk is None and armed:
            created["new"] += 1
            if created["new"] == 2:
                raise armed.pop()

    pre_save.connect(second_fails, sender=Notification, weak=False)
    yield armed.append
    pre_save.disconnect(second_fails, sender=Notification)


def run_twice_with(
    task: Task[..., Any], mode: str, interrupt: Callable[[BaseException], None]
) -> DBTaskResult:
    """Run the task through the queue, stopped in the middle by a passing error (retried by
    the queue) or by the death of its worker (put back, as `navet worker` does at start), then
    queued and run once more as the next hourly schedule would; then the digests, twice."""
    if mode == "retried":
        interrupt(OperationalError("terminating connection due to administrator command"))
    else:
        interrupt(SystemExit(137))  # the worker process ends here
    first = task.enqueue()
    work()
    if mode == "crashed":  # what requeue_abandoned does for a dead worker's task
        DBTaskResult.objects.filter(pk=first.id).update(status=TaskResultStatus.READY)
        work()
    task.enqueue()
    work()
    send_reminders_and_digests.enqueue()
    send_reminders_and_digests.enqueue()
    work()
    return DBTaskResult.objects.get(pk=first.id)


@pytest.mark.parametrize("mode", ["retried", "crashed"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_each_side_effect_happens_once(cast, norrort, stockholm_day, interrupt, case, mode) -> None:
    task, told = case(cast, norrort, stockholm_day)
    Notification.objects.all().delete()
    mail.outbox.clear()

    first = run_twice_with(task, mode, interrupt)

    assert first.status == TaskResultStatus.SUCCESSFUL
    assert len(first.worker_ids) == 2  # stopped once in the middle, then done
    expected = Counter(user.pk for user in told)
    stored = Counter(Notification.objects.values_list("user_id", flat=True))
    assert stored == expected
    assert Counter(tuple(m.to) for m in mail.outbox) == Counter((u.email,) for u in set(told))
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_changed_page_is_told_once_to_each_reviewer_after_a_crash(
    cast, monkeypatch, interrupt, django_capture_on_commit_callbacks
) -> None:
    source = Source.objects.create(
        name="Länsstyrelsens sida",
        format=Source.Format.PAGE,
        url="https://www.lansstyrelsen.se/utlysningar",
        page_text="Inga utlysningar just nu.",
        page_digest="gammal",
    )
    monkeypatch.setattr(
        "navet.calls.services.fetch",
        lambda *args, **kwargs: b"<html><body><p>Ny utlysning: Sprakcafe 2026</p></body></html>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = source_run_start(actor=None, source=source)
    DBTaskResult.objects.all().delete()
    interrupt(SystemExit(137))
    first = run_source.enqueue(run.pk)
    work()
    DBTaskResult.objects.filter(pk=first.id).update(status=TaskResultStatus.READY)
    work()
    run_source.enqueue(run.pk)  # queued twice
    work()

    reviewers = {cast.coordinator.pk, cast.admin.pk, cast.sodertorn_coordinator.pk}
    stored = Counter(Notification.objects.values_list("user_id", flat=True))
    assert stored == Counter(reviewers)
    run.refresh_from_db()
    assert run.status == run.Status.DONE


def test_a_digest_that_fails_after_another_was_sent_is_retried_without_resending(
    cast, monkeypatch
) -> None:
    for user in (cast.contact, cast.viewer):
        notifications.notify(user=user, key="test:1", title="Ny utlysning")
    real = notifications.send_mail
    calls: list[list[str]] = []

    def second_refused_once(**kwargs: Any) -> int:
        calls.append(kwargs["recipient_list"])
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real(**kwargs)

    monkeypatch.setattr(notifications, "send_mail", second_refused_once)
    result = send_reminders_and_digests.enqueue()
    work()

    assert len(calls) == 3  # the first, the refused one, and the refused one again
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.contact.email, cast.viewer.email])
    stored = DBTaskResult.objects.get(pk=result.id)
    assert (stored.status, len(stored.worker_ids)) == (TaskResultStatus.SUCCESSFUL, 2)


def test_a_worker_killed_while_sending_a_digest_does_not_send_it_again(cast, monkeypatch) -> None:
    notifications.notify(user=cast.contact, key="test:1", title="Ny utlysning")

    def killed(**kwargs: Any) -> int:
        raise SystemExit(137)

    monkeypatch.setattr(notifications, "send_mail", killed)
    first = send_reminders_and_digests.enqueue()
    work()
    monkeypatch.undo()
    DBTaskResult.objects.filter(pk=first.id).update(status=TaskResultStatus.READY)
    work()

    assert mail.outbox == []  # at most once: the notification stays in Navet
    assert Notification.objects.get().emailed_at is not None


def test_a_digest_claimed_by_another_run_is_not_sent_again(cast) -> None:
    notifications.notify(user=cast.contact, key="test:1", title="Ny utlysning")
    items = list(Notification.objects.all())
    now = timezone.now()
    preference = notifications.NotificationSettings(user=cast.contact)
    assert notifications._send_digest(preference, items, now, "") == 1
    assert notifications._send_digest(preference, items, now, "") == 0  # read before, sent since
    assert len(mail.outbox) == 1
