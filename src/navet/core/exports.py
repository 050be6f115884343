"""Lists exported as files, by one rule for every list: a short list is answered at once; a long
one – a hundred thousand rows would hold a request for minutes and carry tens of megabytes – is
written by the task worker, kept for the one who asked only, and told to them with a download
link. A kept file is removed after `KEPT_FOR` by the hourly `navet schedule`.

An app's `exports.py` describes its list as an `Export` for a query string, which its view passes
to `export_answer`, and has the task (arguments: the user's id, the list's query string and a
token) that builds the same `Export` again and hands it to `export_deliver`. The task lives
beside the export rather than in `tasks.py`, which services import, since the export reads the
list's filter form.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django_tasks.base import Task

from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import User
from navet.core.notifications import notify

INLINE_ROWS = 5000  # more rows than this are written in the background
KEPT_FOR = timedelta(days=7)  # a file written in the background is removed after this
FOLDER = "exports"
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Export:
    """A list to be written as a file: its name (ending in a kind of `CONTENT_TYPES`), the
    number of rows it will hold, counted before anything is written, and the writer."""

    filename: str
    rows: int
    write: Callable[[], bytes]


def download(content: bytes, filename: str) -> HttpResponse:
    """The file as an attachment, with the content type its ending names."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    # Never None for an attachment; the fallback only satisfies the type.
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    )
    return response


def export_answer(
    request: AuthenticatedHttpRequest,
    export: Export,
    *,
    task: Task[..., Any],
    arguments: tuple[object, ...],
    back: str,
) -> HttpResponse:
    """Download a short list at once; for a long one queue `task(user id, *arguments, token)`,
    say so, and go `back` to the list."""
    if export.rows <= INLINE_ROWS:
        return download(export.write(), export.filename)
    user_id, token = request.user.pk, secrets.token_urlsafe(16)
    transaction.on_commit(lambda: task.enqueue(user_id, *arguments, token))
    messages.success(
        request,
        _(
            "The list is long, so it is written in the background. You get a notification with "
            "the download link when it is ready."
        ),
    )
    return redirect(back)


def _path(user: User, token: str, filename: str) -> str:
    return f"{FOLDER}/{user.pk}/{token}/{filename}"


def export_deliver(*, user: User, token: str, export: Export, title: str) -> None:
    """Write the export for `user` under `token` and tell them where to fetch it (`title`). Run
    again (a retried task), it writes nothing twice and tells once."""
    path = _path(user, token, export.filename)
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(export.write()))
    notify(
        user=user,
        key=f"export-{token}",
        title=title,
        url=reverse("export-file", args=[token, export.filename]),
    )


def stored_export(user: User, token: str, filename: str) -> bytes | None:
    """The content of an export kept for `user`, or None for another's, a removed or a missing
    one: the user's own folder is the only place looked in."""
    if "/" in token or "/" in filename or filename.startswith("."):
        return None
    path = _path(user, token, filename)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as file:
        return file.read()


def exports_remove_old(now: datetime) -> int:
    """Remove the exports written before `now - KEPT_FOR`, and the folders they leave empty
    (also those of the expenditures' exports of earlier versions); the number of files removed."""
    return _remove_old(FOLDER, now - KEPT_FOR) if default_storage.exists(FOLDER) else 0


def _remove_old(folder: str, before: datetime) -> int:
    folders, files = default_storage.listdir(folder)
    removed = sum(_remove_old(f"{folder}/{name}", before) for name in folders)
    for name in files:
        if default_storage.get_modified_time(f"{folder}/{name}") < before:
            default_storage.delete(f"{folder}/{name}")
            removed += 1
    if folder != FOLDER and default_storage.listdir(folder) == ([], []):
        default_storage.delete(folder)
    return removed
