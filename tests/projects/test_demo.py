"""The demo's projects come with their preparation: the idea's needs analysis half done, the
running project's done, and one of its partners' cooperation forms still missing."""

from io import StringIO

import pytest
from django.core.management import call_command

from navet.projects.models import Project
from navet.projects.selectors.preparation import (
    checklist_progress,
    confirmation_progress,
    confirmations,
    needs_analysis,
)

pytestmark = pytest.mark.django_db


def test_the_demo_projects_have_a_checklist_and_one_missing_confirmation() -> None:
    call_command("seed", "demo", stdout=StringIO())
    call_command("seed", "demo", stdout=StringIO())  # once only
    running = Project.objects.get(title__startswith="Digital vardag")
    idea = Project.objects.get(title="Läxhjälp och språkstöd i förskolan")
    assert checklist_progress(needs_analysis(running)).complete
    assert len(needs_analysis(running)[4].files) == 1
    assert checklist_progress(needs_analysis(idea)).done == 3
    rows = confirmations(running)
    assert [(row.municipality.code, row.signed) for row in rows] == [
        ("0184", False),
        ("0160", True),
    ]
    assert confirmation_progress(rows).done == 1
    assert rows[0].requested
