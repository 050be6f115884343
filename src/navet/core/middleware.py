from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from navet.core.errors import NotFound, PermissionDenied


class DomainErrorMiddleware:
    """Answer a refused or missing record with a Swedish page (403/404) instead of a crash."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            return render(
                request,
                "core/error.html",
                {"title": _("Not found"), "message": exception.message},
                status=404,
            )
        if isinstance(exception, PermissionDenied):
            return render(
                request,
                "core/error.html",
                {"title": _("Not allowed"), "message": exception.message},
                status=403,
            )
        return None
