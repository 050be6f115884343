"""`navet <command> --help` reads in the installation's language (Swedish), whatever language
is active in the thread that asks – every command of Navet derives from NavetCommand."""

import pytest
from django.core.management import ManagementUtility, load_command_class
from django.utils import translation

from navet.core.management.base import NavetCommand

# Command, app, and words its Swedish help holds: the description and an option's help.
COMMANDS = [
    ("ingest", "calls", ["Hämta utlysningar från källorna", "kör direkt, inte via kön"]),
    ("notify", "calls", ["Skapa påminnelser (14, 7 och 2 dagar"]),
    ("backup", "core", ["Spara en säkerhetskopia av hela databasen"]),
    ("privacy", "core", ["Personuppgifter:", "Ta bort (pseudonymisera) en användare."]),
    ("restore", "core", ["Läs tillbaka en säkerhetskopia", "ersätt allt som finns"]),
    ("token", "core", ["Skapa en API-token", "hur många dagar token gäller (1–"]),
    ("worker", "core", ["Kör bakgrundsuppgifterna", "sekunder mellan tittar i en tom kö"]),
    ("schedule", "dashboard", ["Navets schemaläggare: lägger de periodiska jobben i kön"]),
    ("seed", "demo", ["Ladda data: 'county' = Stockholms läns 26 kommuner"]),
    ("generate", "demo", ["Fyll en tom databas med påhittade", "slumpfrö (standard 1)"]),
    ("economics", "economics", ["Räkna ut vad den gemensamma resursen", "Skriv ut JSON."]),
    ("match", "matching", ["Föreslå öppna utlysningar", "Skriv ut JSON (utbytesformatet)."]),
    ("eval-matching", "matching", ["Utvärdera matchningen", "Skriv ut resultatet som JSON."]),
    ("import", "needs", ["Importera utlysningar och behov i Navets utbytesformat"]),
]


@pytest.mark.parametrize(("name", "app", "swedish"), COMMANDS)
@pytest.mark.parametrize("active", ["en", "sv"])
def test_a_command_s_help_is_swedish_whatever_language_is_active(
    name: str, app: str, swedish: list[str], active: str
) -> None:
    command = load_command_class(f"navet.{app}", name)
    assert isinstance(command, NavetCommand)
    with translation.override(active):
        text = command.create_parser("navet", name).format_help()
    assert all(" ".join(part.split()) in " ".join(text.split()) for part in swedish)


def test_navet_help_from_the_command_line_is_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    with translation.override("en"), pytest.raises(SystemExit):
        ManagementUtility(["navet", "privacy", "--help"]).execute()
    printed = " ".join(capsys.readouterr().out.split())
    assert "Personuppgifter: `export ANVÄNDARNAMN FIL`" in printed
    assert "Skriv en användares uppgifter till FIL." in printed
