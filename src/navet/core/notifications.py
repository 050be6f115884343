"""Notifications: created once per event, shown in the app, sent as e-mail digests, each at
most once however often the tasks run (ADR 0004)."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from navet.core.models import DigestFrequency, Notification, NotificationSettings, User
from navet.core.taskqueue import TransientTaskError, is_transient

logger = logging.getLogger(__name__)


def notify(*, user: User, key: str, title: str, url: str = "", body: str = "") -> bool:
    """Tell `user` about the event `key`, unless they have been told already. True if new."""
    try:
        with transaction.atomic():
            Notification.objects.create(user=user, key=key, title=title, url=url, body=body)
    except IntegrityError:
        return False
    return True


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_of(user: User, limit: int = 100) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at")[:limit]


def notifications_mark_read(*, actor: User) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def digest_frequency(user: User) -> str:
    preference = NotificationSettings.objects.filter(user=user).first()
    return preference.digest if preference else DigestFrequency.DAILY


def digest_frequency_set(*, actor: User, digest: str) -> None:
    NotificationSettings.objects.update_or_create(user=actor, defaults={"digest": digest})


def digests_send(now: datetime, *, base_url: str, retry_passing: bool = False) -> int:
    """E-mail each user the notifications not yet e-mailed: at most once a day for daily
    digests, once a week (from Monday) for weekly ones. One user's failed e-mail does not stop
    the others'. Returns the number of e-mails sent. With `retry_passing` (the task), a passing
    failure of the mail server raises `TransientTaskError` once every digest has been tried, so
    the queue runs the task again later; the digests already sent are not sent again."""
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    preferences = {
        p.user_id: p for p in NotificationSettings.objects.filter(user_id__in=list(by_user))
    }
    sent, passing = 0, 0
    for user_id, items in by_user.items():
        preference = preferences.get(user_id) or NotificationSettings(user=items[0].user)
        if not _digest_due(preference, now):
            continue
        try:
            sent += _send_digest(preference, items, now, base_url)
        except Exception as error:  # noqa: BLE001  (a refused address must not stop the others)
            logger.exception("Sammanfattningen till användare %s kunde inte skickas", user_id)
            passing += is_transient(error)
    if passing and retry_passing:
        raise TransientTaskError(f"{passing} sammanfattningar kunde inte skickas")
    return sent


def _digest_due(preference: NotificationSettings, now: datetime) -> bool:
    if preference.digest == DigestFrequency.NEVER:
        return False
    today = timezone.localtime(now).date()
    last = (
        timezone.localtime(preference.last_digest_at).date() if preference.last_digest_at else None
    )
    if preference.digest == DigestFrequency.WEEKLY:
        monday = today - timedelta(days=today.weekday())
        return last is None or last < monday
    return last is None or last < today


def _send_digest(
    preference: NotificationSettings, items: list[Notification], now: datetime, base_url: str
) -> int:
    """Marked as e-mailed and committed first, then sent, so a retry or a second worker never
    sends it again: the notifications are claimed under a row lock, and those another run has
    claimed already are left out. A send that fails is unmarked, to go with the next run. A
    worker killed while the mail server is being spoken to leaves the digest marked: it is sent
    at most once, and the notifications stay in Navet. Returns 1 if sent, 0 if nothing was left."""
    user, previous = items[0].user, preference.last_digest_at
    with transaction.atomic():
        claimed = list(
            Notification.objects.select_for_update()
            .filter(pk__in=[n.pk for n in items], emailed_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not claimed:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed_at=now)
        preference.last_digest_at = now
        preference.save()
    lines = [f"• {n.title}" + (f"\n  {base_url}{n.url}" if n.url else "") for n in claimed]
    settings_link = _("Change how often you get these e-mails: %(url)s") % {
        "url": f"{base_url}/notiser/"
    }
    try:
        send_mail(
            subject=ngettext(
                "Navet: %(count)d new notification",
                "Navet: %(count)d new notifications",
                len(claimed),
            )
            % {"count": len(claimed)},
            message="\n".join(lines) + "\n\n" + settings_link,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    except Exception:
        with transaction.atomic():
            Notification.objects.filter(pk__in=[n.pk for n in claimed], emailed_at=now).update(
                emailed_at=None
            )
            preference.last_digest_at = previous
            preference.save()
        raise
    return 1
