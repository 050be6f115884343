"""`navet backup` and `navet restore`: every record and every uploaded file comes back
identical, on SQLite and on PostgreSQL alike (the suite runs on both)."""

import io
import os
import tarfile
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
