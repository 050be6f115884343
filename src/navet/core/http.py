from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from navet.core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind `login_required` (or API auth): `user` is a real user."""

    user: User
    htmx: HtmxDetails
