"""Notifications: created once per event, shown in the app, sent as e-mail digests."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from navet.core.models import DigestFrequency, Notification, NotificationSettings, User


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


def digests_send(now: datetime, *, base_url: str) -> int:
    """E-mail each user the notifications not yet e-mailed, by their chosen frequency.
    Weekly digests go on Mondays. Returns the number of e-mails sent."""
    weekly_day = timezone.localtime(now).weekday() == 0
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "user__notification_settings")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for items in by_user.values():
        user = items[0].user
        frequency = getattr(getattr(user, "notification_settings", None), "digest", "daily")
        if frequency == DigestFrequency.NEVER or (
            frequency == DigestFrequency.WEEKLY and not weekly_day
        ):
            continue
        with transaction.atomic():
            # Marked and sent in one transaction: a failed send leaves them for the next run.
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
            lines = [
                f"• {n.title}\n  {base_url}{n.url}" if n.url else f"• {n.title}" for n in items
            ]
            send_mail(
                subject=ngettext(
                    "Navet: %(count)d new notification",
                    "Navet: %(count)d new notifications",
                    len(items),
                )
                % {"count": len(items)},
                message="\n".join(lines)
                + "\n\n"
                + _("Change how often you get these e-mails: %(url)s")
                % {"url": f"{base_url}/notiser/"},
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
            )
        sent += 1
    return sent
