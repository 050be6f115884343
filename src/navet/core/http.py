from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from navet.core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request past the login (`LoginRequiredMiddleware`) or the API's auth: `user` is a real
    user."""

    user: User
    htmx: HtmxDetails
