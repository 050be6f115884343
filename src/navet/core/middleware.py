from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.core.errors import NotFound, PermissionDenied

# Only Navet's own scripts, styles, images and fonts; no plugins, no framing, no <base>. Nothing
# inline: htmx is told not to add its indicator style nor to evaluate code (core/base.html).
PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
# A download – an uploaded file above all – runs nothing, even where a browser shows it itself.
ATTACHMENT_POLICY = "sandbox; default-src 'none'"


class ContentSecurityPolicyMiddleware:
    """Every answer carries a Content-Security-Policy: pages get PAGE_POLICY, attachments
    ATTACHMENT_POLICY."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        attachment = response.get("Content-Disposition", "").startswith("attachment")
        response["Content-Security-Policy"] = ATTACHMENT_POLICY if attachment else PAGE_POLICY
        return response


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


class RequestTooLargeMiddleware:
    """A form larger than Navet takes (`DATA_UPLOAD_MAX_MEMORY_SIZE` of text, or more fields or
    files than allowed) gets a Swedish page with 413. Django would answer its own 400 page when
    the CSRF check reads the form, so the form is read here first. (The API answers its own
    with a problem document: navet/api/urls.py.)"""

    FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and request.content_type in self.FORMS
            and not request.path.startswith(reverse("api:api-root"))
        ):
            try:
                request.POST  # noqa: B018  (read now, so that a too large form is caught here)
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
                return render(
                    request,
                    "core/error.html",
                    {
                        "title": _("The form is too large"),
                        "message": _(
                            "Navet takes at most %(size)s MB of text in one form. Nothing was "
                            "saved: go back, shorten the text and send it again."
                        )
                        % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)},
                    },
                    status=413,
                )
        return self.get_response(request)
