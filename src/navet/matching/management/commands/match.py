import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from navet.matching.selectors import suggestions_report


class Command(BaseCommand):
    help = (
        "Föreslå öppna utlysningar för behoven, bäst först, med skäl och tänkbara "
        "partnerkommuner. Bara utlysningar som är öppna den dagen och som behovets kommun får "
        "söka föreslås."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Skriv ut JSON (utbytesformatet).")
        parser.add_argument("--need", help="Bara detta behov (dess external_id).")
        parser.add_argument("--today", help="Matcha som om det vore denna dag (ÅÅÅÅ-MM-DD).")
        parser.add_argument("--limit", type=int, default=10, help="Förslag per behov (10).")

    def handle(self, *args: object, **options: object) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(str(options["today"]))
            except ValueError as error:
                raise CommandError("--today ska vara ett datum: ÅÅÅÅ-MM-DD.") from error
        limit = options["limit"]
        if not isinstance(limit, int) or limit < 1:
            raise CommandError("--limit ska vara ett positivt heltal.")
        need = options["need"]
        report = suggestions_report(today=today, need_id=str(need) if need else None, limit=limit)
        if need and not report["needs"]:
            raise CommandError(f"Det finns inget aktuellt behov med external_id {need}.")
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for entry in report["needs"]:
            self.stdout.write(entry["need"])
            for s in entry["suggestions"]:
                self.stdout.write(f"  {s['score']:.3f}  {s['call']}  {'; '.join(s['reasons'])}")
