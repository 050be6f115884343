"""`navet backup FILE` and `navet restore FILE`: every record of the database and every uploaded
file in one archive, portable between SQLite and PostgreSQL.

The archive is a gzipped tar with `manifest.json` (Navet's migrations, the number of rows of each
model and the SHA-256 of each file), `database.jsonl` (every row of every table with its own
primary key, one per line, in Django's JSON Lines serialisation) and `media/` (the media root as it
was). A restore goes into a database migrated to the same migrations: in one transaction it empties
the tables (also the content types `migrate` made, whose ids may differ), loads every row and resets
the sequences; then it puts the files back. It refuses a database that already holds data unless
told to replace it.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from auditlog.context import disable_auditlog
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FORMAT = 1
# A manifest names the migrations, the tables and the files; even a large installation's is a few
# megabytes.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
# Made by `migrate` itself: not a sign that a database holds data.
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


_MISSING = gettext_lazy("%(name)s is missing from the backup.")


class BackupError(Exception):
    """A restore that cannot go ahead, with the reason (in the active language)."""


@dataclass(frozen=True)
class Summary:
    rows: int
    files: int


def backed_up_models() -> list[type[Model]]:
    """Every concrete model with its own table (many-to-many rows go with their model)."""
    return sorted(
        (m for m in apps.get_models() if not m._meta.proxy and m._meta.managed),
        key=lambda m: m._meta.label_lower,
    )


def backup(path: Path) -> Summary:
    """Write the archive to `path` (written beside it first, then moved into place)."""
    media = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
    with tempfile.TemporaryDirectory(prefix="navet-backup-") as work:
        rows_file = Path(work) / "database.jsonl"
        counts: dict[str, int] = {}
        outermost = not connection.in_atomic_block
        with transaction.atomic(), rows_file.open("w", encoding="utf-8") as out:
            # One transaction: on PostgreSQL every table is read as of the same moment.
            if connection.vendor == "postgresql" and outermost:
                connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for model in backed_up_models():
                counts[model._meta.label_lower] = _write_rows(model, out)
        manifest = {
            "format": FORMAT,
            "migrations": applied_migrations(),
            "rows": counts,
            "files": {str(p.relative_to(media)): _sha256(p) for p in files},
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(rows_file, "database.jsonl")
            for file in files:
                archive.add(file, f"media/{file.relative_to(media)}")
        partial.replace(path)
    return Summary(rows=sum(counts.values()), files=len(files))


def restore(path: Path, *, replace: bool = False) -> Summary:
    """Load the archive at `path` into this (migrated) database and media root."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = _read_manifest(archive)
        if manifest.get("format") != FORMAT:
            raise BackupError(_("The file is not a backup of Navet in a known format."))
        if manifest["migrations"] != applied_migrations():
            raise BackupError(
                _(
                    "The backup was made with another version of the database: run the same "
                    "version of Navet and 'navet migrate' before restoring it."
                )
            )
        if not replace and holds_data():
            raise BackupError(
                _(
                    "The database already holds data. Restore into an empty database, or give "
                    "--replace to replace everything there is (the database and uploaded files)."
                )
            )
        members = _members_of_manifest(archive, manifest)
        media = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory(prefix="navet-restore-") as work:
            _extract(archive, members, Path(work))
            _check_files(Path(work) / "media", manifest["files"])
            _check_rows(Path(work) / "database.jsonl", manifest["rows"])
            # Loading rows is no one's change: the audit trail comes back as it was, no more.
            with transaction.atomic(), disable_auditlog():
                call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
                call_command("loaddata", str(Path(work) / "database.jsonl"), verbosity=0)
            if media.exists():
                shutil.rmtree(media)
            if (Path(work) / "media").exists():
                shutil.copytree(Path(work) / "media", media)
    return Summary(rows=sum(manifest["rows"].values()), files=len(manifest["files"]))


def applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def holds_data() -> bool:
    """True when any table (other than those `migrate` fills) has a row."""
    return any(
        model._base_manager.using(DEFAULT_DB_ALIAS).exists()
        for model in backed_up_models()
        if model._meta.label_lower not in MADE_BY_MIGRATE
    )


def _write_rows(model: type[Model], out: TextIO) -> int:
    counted = _Counted(model._base_manager.order_by("pk").iterator(chunk_size=2_000))
    serializers.serialize("jsonl", counted, stream=out, cls=_FullPrecision)
    return counted.count


class _FullPrecision(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder keeps milliseconds, as JavaScript does)."""

    def default(self, o: object) -> object:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class _Counted:
    """The rows, counted as they go by."""

    def __init__(self, rows: Iterator[Model]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[Model]:
        for row in self.rows:
            self.count += 1
            yield row


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    """The manifest, which `backup` writes first; read before anything else is unpacked."""
    first = archive.next()
    if first is None or first.name != "manifest.json" or not first.isfile():
        raise BackupError(_MISSING % {"name": "manifest.json"})
    if first.size > MAX_MANIFEST_BYTES:
        raise BackupError(_("The backup's manifest is unreasonably large; nothing was restored."))
    manifest = json.loads(_read(archive, "manifest.json"))
    known = {model._meta.label_lower for model in backed_up_models()}
    if not isinstance(manifest, dict) or not set(manifest.get("rows", {})) <= known:
        raise BackupError(_("The backup's manifest names tables that Navet does not have."))
    return manifest


def _members_of_manifest(
    archive: tarfile.TarFile, manifest: dict[str, Any]
) -> list[tarfile.TarInfo]:
    """Every member, once each, each a plain file or folder that the manifest accounts for, and
    all of them together no larger than NAVET_RESTORE_MAX_BYTES unpacked – checked from the
    headers, before anything is written."""
    files = {f"media/{name}" for name in manifest["files"]}
    folders = {str(parent) for name in files for parent in PurePosixPath(name).parents} - {"."}
    expected = {"manifest.json", "database.jsonl"} | files | folders
    members, seen, unpacked = [], set(), 0
    for member in archive:
        name = member.name.rstrip("/")
        wanted = name in folders if member.isdir() else member.isfile() and name in expected
        if not wanted or name in seen:
            raise BackupError(
                _(
                    "The backup holds %(name)s, which does not belong in a backup of Navet; "
                    "nothing was restored."
                )
                % {"name": repr(member.name)}
            )
        seen.add(name)
        unpacked += member.size
        if unpacked > settings.NAVET_RESTORE_MAX_BYTES:
            raise BackupError(
                _(
                    "The backup unpacks to more than NAVET_RESTORE_MAX_BYTES (%(bytes)d bytes); "
                    "nothing was restored."
                )
                % {"bytes": settings.NAVET_RESTORE_MAX_BYTES}
            )
        members.append(member)
    if "database.jsonl" not in seen:
        raise BackupError(_MISSING % {"name": "database.jsonl"})
    return members


def _extract(archive: tarfile.TarFile, members: list[tarfile.TarInfo], work: Path) -> None:
    """Unpack the checked members – plain files and folders under names the manifest gave – with
    tarfile's "data" filter where this Python has it (Debian 12's 3.11.2 does not)."""
    if hasattr(tarfile, "data_filter"):
        archive.extractall(work, members=members, filter="data")
    else:  # checked by _members_of_manifest, member by member
        archive.extractall(work, members=members)  # noqa: S202


def _check_rows(rows_file: Path, expected: dict[str, int]) -> None:
    """Exactly the rows the manifest counts, table by table: nothing added to the archive."""
    counts: dict[str, int] = {}
    with rows_file.open(encoding="utf-8") as rows:
        for line in rows:
            if line.strip():
                label = str(json.loads(line).get("model", "")).lower()
                counts[label] = counts.get(label, 0) + 1
                if counts[label] > expected.get(label, 0):
                    raise BackupError(
                        _(
                            "The backup holds rows of %(table)s beyond those its manifest "
                            "counts; nothing was restored."
                        )
                        % {"table": label}
                    )
    if any(counts.get(label, 0) != count for label, count in expected.items()):
        raise BackupError(_("The backup lacks rows that its manifest counts."))


def _check_files(root: Path, expected: dict[str, str]) -> None:
    for name, digest in expected.items():
        file = root / name
        if not file.is_file() or _sha256(file) != digest:
            raise BackupError(
                _("The file %(name)s of the backup is damaged or missing.") % {"name": name}
            )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def _read(archive: tarfile.TarFile, name: str) -> bytes:
    member = archive.extractfile(name)
    if member is None:
        raise BackupError(_MISSING % {"name": name})
    return member.read()
