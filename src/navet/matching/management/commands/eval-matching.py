import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.calls.services import funders_seed
from navet.core.management.base import NavetCommand
from navet.matching.evaluation import evaluate
from navet.matching.selectors import suggestions_report
from navet.needs.services import interchange_import_file
from navet.organisations.services import county_seed

_SCRATCH = "NAVET_EVAL_SCRATCH"


class Command(NavetCommand):
    help = gettext_noop(
        "Evaluate the matching against a labelled file (like shared/eval/dev.json): loads it "
        "into a throwaway database, ranks, and prints nDCG@5, recall@10 and the number of "
        "hard-rule breaks among the first five suggestions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help=_("Print the result as JSON."))

    def handle(self, *args: object, file: Path, **options: object) -> None:
        if not file.is_file():
            raise CommandError(_("The file %(file)s does not exist.") % {"file": file})
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
            raise CommandError(
                _("%(failed)d records of the file could not be read.") % {"failed": failed}
            )
        report = suggestions_report(today=date.fromisoformat(labelled["today"]), limit=1000)
        rankings = {
            entry["need"]: [s["call"] for s in entry["suggestions"]] for entry in report["needs"]
        }
        scores = evaluate(labelled, rankings)
        if options["json"]:
            self.stdout.write(json.dumps(scores.__dict__))
            return
        self.stdout.write(
            _(
                "%(needs)d needs · nDCG@5 %(ndcg).3f · recall@10 %(recall).3f · "
                "hard-rule breaks among the first five: %(breaks)d"
            )
            % {
                "needs": scores.needs,
                "ndcg": scores.ndcg_at_5,
                "recall": scores.recall_at_10,
                "breaks": scores.violations_in_top_5,
            }
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
            raise CommandError(done.stderr.strip().splitlines()[-1] if done.stderr else _("Error."))
