"""`navet backup` and `navet restore`: every record and every uploaded file comes back
identical, on SQLite and on PostgreSQL alike (the suite runs on both)."""

import io
import json
import os
import tarfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from navet.core.backup import backed_up_models, holds_data
from navet.core.models import User
from navet.core.notifications import notify
from navet.demo.scale import Size, generate
from navet.needs.models import Need
from navet.needs.services import need_set_status

TINY = Size(
    "tiny", municipalities=28, consortia=4, calls=12, needs=20, projects=6, meetings=2, motions=2
)
FILES = {
    "kunskap/2026/metod.pdf": bytes(range(256)) * 40,
    "projekt/behovsanalys/Täby – behov.docx": "Behovsanalys för Täby".encode(),
}


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def installation(transactional_db: None, media: Path) -> None:
    """Generated data, an audited change, a notification, and uploaded files. Committed, as a
    restore runs in a transaction of its own (PostgreSQL cannot empty tables inside one that has
    pending checks)."""
    generate(TINY, seed=5, today=date(2026, 5, 4))
    contact = User.objects.get(username="scale-kontakt.0160")
    need = Need.objects.filter(municipality__code="0160").order_by("pk").first()
    if need is None:
        need = Need.objects.order_by("pk")[0]
        contact = User.objects.get(username=f"scale-kontakt.{need.municipality.code}")
    need_set_status(actor=contact, need=need, status=Need.Status.DROPPED)
    notify(user=contact, key="backup-test", title="Ett behov har ändrats", url="/behov/")
    for name, content in FILES.items():
        default_storage.save(name, ContentFile(content))


def everything() -> dict[str, list[dict[str, Any]]]:
    """Every row of every model, many-to-many links included, by primary key."""
    return {
        model._meta.label_lower: serializers.serialize("python", model._base_manager.order_by("pk"))
        for model in backed_up_models()
    }


def files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.mark.usefixtures("installation")
def test_a_backup_restored_into_an_emptied_installation_is_identical(
    tmp_path: Path, media: Path
) -> None:
    before, files_before = everything(), files(media)
    assert LogEntry.objects.exists()  # the audit trail goes along
    archive = tmp_path / "navet.tar.gz"

    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not holds_data()
    call_command("restore", str(archive))

    after = everything()
    assert after == before
    assert files(media) == files_before
    assert set(files_before) == set(FILES)


@pytest.mark.usefixtures("installation")
def test_restore_refuses_a_database_with_data_unless_told_to_replace_it(
    tmp_path: Path, media: Path
) -> None:
    archive = tmp_path / "navet.tar.gz"
    call_command("backup", str(archive))
    before = everything()
    Need.objects.order_by("pk")[0].delete()
    (media / "extra.txt").write_text("inte i kopian")

    with pytest.raises(CommandError, match="redan data"):
        call_command("restore", str(archive))
    assert (media / "extra.txt").exists()  # nothing was touched

    call_command("restore", str(archive), "--replace")
    assert everything() == before
    assert not (media / "extra.txt").exists()


@pytest.mark.usefixtures("installation")
def test_a_damaged_file_in_the_archive_stops_the_restore_before_anything_changes(
    tmp_path: Path, media: Path
) -> None:
    archive, damaged = tmp_path / "navet.tar.gz", tmp_path / "damaged.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member)
            data = content.read() if content else b""
            if member.name.endswith("metod.pdf"):
                data = b"x" + data[1:]
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    before = everything()

    with pytest.raises(CommandError, match="skadad"):
        call_command("restore", str(damaged), "--replace")
    assert everything() == before


@pytest.mark.usefixtures("installation")
def test_restore_works_on_a_python_without_tarfiles_data_filter(
    tmp_path: Path, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "navet.tar.gz"
    call_command("backup", str(archive))
    before = everything()
    Need.objects.order_by("pk")[0].delete()
    monkeypatch.delattr(tarfile, "data_filter")  # as on Debian 12's Python 3.11.2

    call_command("restore", str(archive), "--replace")
    assert everything() == before


@pytest.mark.parametrize("kind", ["link", "escape"])
@pytest.mark.usefixtures("installation")
def test_an_archive_with_a_link_or_a_path_out_of_it_is_refused(
    tmp_path: Path, media: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    archive, bad = tmp_path / "navet.tar.gz", tmp_path / "bad.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as source, tarfile.open(bad, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member)
            target.addfile(member, io.BytesIO(content.read()) if content else None)
        intruder = tarfile.TarInfo("media/../../utanfor.txt" if kind == "escape" else "media/x")
        if kind == "link":
            intruder.type, intruder.linkname = tarfile.SYMTYPE, "/etc/passwd"
        target.addfile(intruder, io.BytesIO(b""))
    monkeypatch.delattr(tarfile, "data_filter")
    before = everything()

    with pytest.raises(CommandError, match="hör hemma"):
        call_command("restore", str(bad), "--replace")
    assert everything() == before
    assert not (tmp_path.parent / "utanfor.txt").exists()


def test_restore_of_a_missing_file_says_so(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        call_command("restore", str(tmp_path / "saknas.tar.gz"))
    assert not os.path.exists(tmp_path / "saknas.tar.gz")


def _rewritten(
    archive: Path,
    target: Path,
    change: Callable[[str, bytes], bytes] = lambda name, data: data,
    extra: tuple[tuple[str, bytes], ...] = (),
) -> Path:
    """A hostile copy of `archive`: each member's content passed through `change`, `extra`
    members added at the end."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            content = source.extractfile(member)
            data = change(member.name, content.read() if content else b"")
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
        for name, data in extra:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return target


@pytest.mark.usefixtures("installation")
def test_an_archive_unpacking_to_more_than_the_cap_is_refused_before_anything_is_written(
    tmp_path: Path, media: Path, settings: Any
) -> None:
    archive = tmp_path / "navet.tar.gz"
    call_command("backup", str(archive))

    def inflate(name: str, data: bytes) -> bytes:
        # 64 MB of zeros, a few kilobytes packed, under a name the manifest lists.
        return b"\0" * (64 << 20) if name.endswith("metod.pdf") else data

    bomb = _rewritten(archive, tmp_path / "bomb.tar.gz", inflate)
    assert bomb.stat().st_size < 1 << 20
    settings.NAVET_RESTORE_MAX_BYTES = 32 << 20
    before, files_before = everything(), files(media)

    with pytest.raises(CommandError, match="NAVET_RESTORE_MAX_BYTES"):
        call_command("restore", str(bomb), "--replace")
    assert everything() == before
    assert files(media) == files_before


@pytest.mark.usefixtures("installation")
def test_a_file_outside_the_manifest_is_refused(tmp_path: Path, media: Path) -> None:
    archive = tmp_path / "navet.tar.gz"
    call_command("backup", str(archive))
    hostile = _rewritten(
        archive, tmp_path / "extra.tar.gz", extra=(("media/kunskap/skript.html", b"<script>"),)
    )
    before = everything()

    with pytest.raises(CommandError, match="hör hemma"):
        call_command("restore", str(hostile), "--replace")
    assert everything() == before
    assert not (media / "kunskap" / "skript.html").exists()


@pytest.mark.usefixtures("installation")
def test_rows_outside_the_manifest_are_refused(tmp_path: Path, media: Path) -> None:
    archive = tmp_path / "navet.tar.gz"
    call_command("backup", str(archive))
    intruder = {
        "model": "core.user",
        "pk": 999_999,
        "fields": {
            "username": "inkraktare",
            "password": "x",
            "is_superuser": True,
            "is_staff": True,
            "is_active": True,
            "first_name": "",
            "last_name": "",
            "email": "",
            "date_joined": "2026-01-01T00:00:00+00:00",
        },
    }

    def add_row(name: str, data: bytes) -> bytes:
        if name != "database.jsonl":
            return data
        return data + json.dumps(intruder).encode() + b"\n"

    hostile = _rewritten(archive, tmp_path / "rows.tar.gz", add_row)
    before = everything()

    with pytest.raises(CommandError, match="utöver"):
        call_command("restore", str(hostile), "--replace")
    assert everything() == before
    assert not User.objects.filter(username="inkraktare").exists()


@pytest.mark.usefixtures("installation")
def test_a_manifest_naming_a_table_navet_lacks_is_refused(tmp_path: Path, media: Path) -> None:
    archive = tmp_path / "navet.tar.gz"
    call_command("backup", str(archive))

    def add_table(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["rows"]["andra.tabell"] = 1
        return json.dumps(manifest).encode()

    hostile = _rewritten(archive, tmp_path / "table.tar.gz", add_table)
    before = everything()

    with pytest.raises(CommandError, match="tabeller som Navet inte har"):
        call_command("restore", str(hostile), "--replace")
    assert everything() == before
