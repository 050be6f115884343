import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.calls.services import funders_seed
from navet.matching.evaluation import evaluate
from navet.matching.selectors import suggestions_report
from navet.needs.services import interchange_import_file
from navet.organisations.services import county_seed

_SCRATCH = "NAVET_EVAL_SCRATCH"


class Command(BaseCommand):
    help = (
        "Utvärdera matchningen mot en märkt fil (som shared/eval/dev.json): läser in den i en "
        "tillfällig databas, rangordnar och skriver nDCG@5, recall@10 och antalet brott mot "
        "de hårda reglerna bland de fem första förslagen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="Skriv ut resultatet som JSON.")

    def handle(self, *args: object, file: Path, **options: object) -> None:
        if not file.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        if os.environ.get(_SCRATCH) != "1":
            self._in_scratch_database(file, bool(options["json"]))
            return
        labelled = json.loads(file.read_text(encoding="utf-8-sig"))
        call_command("migrate", verbosity=0)
        county_seed()
        funders_seed()
        reports = interchange_import_file(actor=None, filename=file.name, content=file.read_bytes())
        failed = sum(report.failed for report in reports.values())
        if failed:
            raise CommandError(f"{failed} poster i filen kunde inte läsas in.")
        report = suggestions_report(today=date.fromisoformat(labelled["today"]), limit=1000)
        rankings = {
            entry["need"]: [s["call"] for s in entry["suggestions"]] for entry in report["needs"]
        }
        scores = evaluate(labelled, rankings)
        if options["json"]:
            self.stdout.write(json.dumps(scores.__dict__))
            return
        self.stdout.write(
            f"{scores.needs} behov · nDCG@5 {scores.ndcg_at_5:.3f} · "
            f"recall@10 {scores.recall_at_10:.3f} · "
            f"brott mot hårda regler bland de fem första: {scores.violations_in_top_5}"
        )

    def _in_scratch_database(self, file: Path, as_json: bool) -> None:
        """Run this command again on a throwaway SQLite database, so nothing stored is touched."""
        with tempfile.TemporaryDirectory(prefix="navet-eval-") as scratch:
            env = {
                **os.environ,
                _SCRATCH: "1",
                "DATABASE_URL": f"sqlite:///{Path(scratch) / 'eval.sqlite3'}",
            }
            command = [sys.executable, "-m", "navet.cli", "eval-matching", str(file.resolve())]
            if as_json:
                command.append("--json")
            done = subprocess.run(  # noqa: S603  (our own command, arguments as a list)
                command, env=env, capture_output=True, text=True, check=False
            )
        self.stdout.write(done.stdout.rstrip())
        if done.returncode != 0:
            raise CommandError(done.stderr.strip().splitlines()[-1] if done.stderr else "Fel.")
