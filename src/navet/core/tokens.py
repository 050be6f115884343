"""API tokens: created for a user, looked up by digest."""

from django.db import transaction

from navet.core.audit import acting_as
from navet.core.models import ApiToken, User, hash_token


def api_token_create(*, user: User) -> str:
    """Create a token for `user` and return the secret, which is shown only this once."""
    raw = ApiToken.new_raw_token()
    with transaction.atomic(), acting_as(None):
        ApiToken.objects.create(user=user, digest=hash_token(raw))
    return raw


def user_for_token(raw: str) -> User | None:
    token = ApiToken.objects.active().select_related("user").filter(digest=hash_token(raw)).first()
    return token.user if token else None
