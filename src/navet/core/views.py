from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from navet.core import documents, exports, notifications, tokens
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import DigestFrequency
from navet.core.taskqueue import failed, queue_check, waiting


def document_response(document: documents.Document, filename_stem: str, fmt: str) -> HttpResponse:
    """The document as a download: `fmt` is "docx" or "pdf" (anything else is a 404)."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    content = documents.to_docx(document) if fmt == "docx" else documents.to_pdf(document)
    return exports.download(content, f"{filename_stem}.{fmt}")


@login_not_required  # probed by load balancers
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with JSON when the database and the task queue answer; 503 otherwise. `waiting` is
    the number of tasks waiting for a worker: a number that keeps growing means no worker runs;
    `failed` the tasks that failed for good in the last day (the admin's task results show why)."""
    checks = {"database": _check_database(), "tasks": queue_check()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "checks": checks,
            "waiting": waiting(),
            "failed": failed(),
        },
        status=200 if healthy else 503,
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  (any failure means "not healthy")
        return f"error: {type(error).__name__}"
    return "ok"


class DigestForm(forms.Form):
    digest = forms.ChoiceField(label=_("E-mail digest"), choices=DigestFrequency.choices)


def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's notifications, newest first; opening the page marks them read."""
    form = DigestForm(
        request.POST or None, initial={"digest": notifications.digest_frequency(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        notifications.digest_frequency_set(actor=request.user, digest=form.cleaned_data["digest"])
        messages.success(request, _("Your choice was saved."))
        return redirect("notifications")
    items = list(notifications.notifications_of(request.user))
    notifications.notifications_mark_read(actor=request.user)
    return render(request, "core/notifications.html", {"items": items, "form": form})


def export_file(request: AuthenticatedHttpRequest, token: str, filename: str) -> HttpResponse:
    """A list written in the background (`navet.core.exports`), for the one who asked only."""
    content = exports.stored_export(request.user, token, filename)
    if content is None:
        raise NotFound(str(_("No such export.")))
    return exports.download(content, filename)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        required=False,
        help_text=_("For example the name of the system that uses it."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=tokens.MAX_DAYS,
        help_text=_("At most a year. A new password or a closed account ends every token."),
    )


# The secret of a token just made waits here for the page the browser is sent back to, which
# takes it out: shown once, and a reload creates nothing.
NEW_TOKEN_KEY = "navet_new_api_token"  # noqa: S105 (a session key, not a secret)


@never_cache
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own API tokens: list, create (the secret shown once), revoke."""
    form = ApiTokenForm(request.POST or None, initial={"days": settings.NAVET_API_TOKEN_DAYS})
    if request.method == "POST" and form.is_valid():
        try:
            request.session[NEW_TOKEN_KEY] = tokens.api_token_create(
                actor=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("api-tokens")
    return render(
        request,
        "core/api_tokens.html",
        {
            "form": form,
            "secret": request.session.pop(NEW_TOKEN_KEY, None),
            "tokens": tokens.api_tokens_of(request.user),
        },
    )


@require_POST
def api_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    tokens.api_token_revoke(actor=request.user, token_id=pk)
    messages.success(request, _("The token was revoked: programs that use it are refused."))
    return redirect("api-tokens")
