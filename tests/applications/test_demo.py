import pytest

from navet.applications.models import Application
from navet.demo.content import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_written_application_and_the_decided_project_has_started_its_own(county):
    demo_seed()
    decided = Application.objects.get(project__title="Traumamedveten personal i hela Norrort")
    assert decided.project.status == "application"
    application = Application.objects.get(
        project__title="HBTQI+-kompetens i mottagandet av nyanlända"
    )
    written = application.sections.exclude(text="")
    assert {s.key for s in written} == {"purpose", "target_group", "participation"}
    assert {v.author.username for s in written for v in s.versions.all()} == {
        "kontakt.taby",
        "kontakt.solna",
        "samordnare",
    }
    assert application.sections.get(key="purpose").comments.filter(resolved_at=None).count() == 1
    demo_seed()  # a second seed changes nothing
    assert Application.objects.count() == 2
