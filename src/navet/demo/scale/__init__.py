"""Synthetic data at the scale of a county or of the whole country, for benchmarks and load tests.

`generate(size, seed=…, today=…)` fills an empty installation with made-up but realistic data:
municipalities in consortia, calls, needs with endorsements, projects, meetings and motions,
applications with their sections and saved versions, budgets and expenditures. The same seed and
day always give the same rows. Every app's part is one function, run in the flow's order
(`PARTS`); a new app writes its function in a module here and adds it to `PARTS`. Rows go in with
`bulk_create`, so no audit records are written for them (they describe no one's action).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from navet.demo.scale import parts
from navet.demo.scale.applications import applications
from navet.demo.scale.followup import followup
from navet.demo.scale.parts import Context, already_generated
from navet.demo.scale.sizes import SIZES, Size

# Every app's part, in the order of the flow of work.
PARTS = [*parts.PARTS, applications, followup]

__all__ = ["SIZES", "Size", "generate", "GeneratedError"]


class GeneratedError(Exception):
    """The installation already holds generated data."""


@dataclass(frozen=True)
class Report:
    size: Size
    seed: int
    counts: dict[str, int]


def generate(size: Size, *, seed: int, today: date) -> Report:
    """Generate `size`'s rows. Refuses when generated data are already there."""
    if already_generated():
        raise GeneratedError("Databasen innehåller redan genererade data; använd en tom databas.")
    context = Context.start(size=size, seed=seed, today=today)
    with transaction.atomic():
        for part in PARTS:
            part(context)
    return Report(size=size, seed=seed, counts=dict(context.counts))
