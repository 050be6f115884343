"""API tokens: created for a user with an expiry, listed and revoked by their owner, looked up by
digest. A new password or a closed account revokes them all (`User.save`)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, NotFound, PermissionDenied, full_clean
from navet.core.models import ApiToken, User, hash_token

MAX_DAYS = 365
# A busy integration records its use once a minute, not with every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def api_token_create(
    *, actor: User | None = None, user: User, name: str = "", days: int | None = None
) -> str:
    """Create a token for `user` valid for `days` (NAVET_API_TOKEN_DAYS unless given) and return
    its secret, which is shown only this once. `actor` None: an operator's `navet token`;
    a user makes tokens only for themself."""
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied(_("You may only create API tokens for yourself."))
    days = settings.NAVET_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(_("A token is valid for 1 to %(max)s days.") % {"max": MAX_DAYS})
    raw = ApiToken.new_raw_token()
    token = ApiToken(
        user=user,
        name=name.strip(),
        digest=hash_token(raw),
        expires_at=timezone.now() + timedelta(days=days),
    )
    full_clean(token)
    with transaction.atomic(), acting_as(actor):
        token.save()
    return raw


def api_token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens; another user's token is "not found" alike."""
    with transaction.atomic(), acting_as(actor):
        token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
        if token is None:
            raise NotFound(_("There is no such API token."))
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def api_tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first, revoked and expired ones included."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-pk"))


def user_for_token(raw: str) -> User | None:
    """The active user of an active token, recording when the token was used."""
    token = ApiToken.objects.active().select_related("user").filter(digest=hash_token(raw)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
