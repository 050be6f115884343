import json
from datetime import date

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from navet.core.management.base import NavetCommand
from navet.matching.selectors import suggestions_report


class Command(NavetCommand):
    help = gettext_noop(
        "Suggest open calls for the needs, best first, with reasons and possible partner "
        "municipalities. Only calls open on the day that the need's municipality may apply to "
        "are suggested."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json", action="store_true", help=_("Print JSON (the interchange format).")
        )
        parser.add_argument("--need", help=_("Only this need (its external_id)."))
        parser.add_argument("--today", help=_("Match as if it were this day (YYYY-MM-DD)."))
        parser.add_argument("--limit", type=int, default=10, help=_("Suggestions per need (10)."))

    def handle(self, *args: object, **options: object) -> None:
        # The interchange format (DESIGN.md) gives the reasons in Swedish, whatever the
        # language of the machine it runs on.
        with translation.override("sv"):
            self._match(options)

    def _match(self, options: dict[str, object]) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(str(options["today"]))
            except ValueError as error:
                raise CommandError(_("--today must be a date: YYYY-MM-DD.")) from error
        limit = options["limit"]
        if not isinstance(limit, int) or limit < 1:
            raise CommandError(_("--limit must be a positive whole number."))
        need = options["need"]
        report = suggestions_report(today=today, need_id=str(need) if need else None, limit=limit)
        if need and not report["needs"]:
            raise CommandError(
                _("There is no current need with external_id %(need)s.") % {"need": need}
            )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for entry in report["needs"]:
            self.stdout.write(entry["need"])
            for s in entry["suggestions"]:
                self.stdout.write(f"  {s['score']:.3f}  {s['call']}  {'; '.join(s['reasons'])}")
