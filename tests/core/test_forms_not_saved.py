"""One way to answer a form that is not saved (docs/code-style.md, "Views are thin"): the page
again with status 200, the error summary at the top of the form, and what was typed kept.

Each case posts input a form refuses to a page of Navet; a page added to the list is held to the
same answer."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from navet.applications.models import Application
from navet.applications.services import application_create
from navet.calls.models import Programme
from navet.calls.services import funders_seed
from navet.followup.services import budget_set, indicator_add
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests.conftest import Cast
from tests.factories import CallFactory, ProjectFactory


@dataclass(frozen=True)
class Refused:
    who: str  # a role of `cast`
    path: str  # with {project} and {application} to fill in
    data: dict[str, str]
    typed: str  # as the page must show it again


LONG_COMMENT = "Mät effekten varje månad. " * 200  # over the 5 000 characters a comment holds
LONG_REASON = "Nämnden sammanträder efter sista ansökningsdag. " * 120  # over 5 000 too

CASES = {
    "api token": Refused(
        "viewer", "/api-token/", {"name": "Ekonomisystemet", "days": "400"}, "Ekonomisystemet"
    ),
    "expenditure": Refused(
        "contact",
        "/projekt/{project}/uppfoljning/utfall/",
        {"spent_on": "2027-02-01", "amount": "mycket", "description": "Lokalhyra"},
        'value="mycket"',
    ),
    "indicator": Refused(
        "coordinator",
        "/projekt/{project}/uppfoljning/indikator/",
        {"name": "Deltagare som fått arbete", "baseline": "0", "target": "många"},
        'value="Deltagare som fått arbete"',
    ),
    "measurement": Refused(
        "contact",
        "/projekt/{project}/uppfoljning/matning/",
        {"measured_on": "igår", "value": "12", "note": "Efter vårterminen"},
        'value="Efter vårterminen"',
    ),
    "report date": Refused(
        "coordinator",
        "/projekt/{project}/uppfoljning/rapportdag/",
        {"kind": "interim", "due_on": "sista juni"},
        'value="sista juni"',
    ),
    "intervention": Refused(
        "coordinator",
        "/projekt/{project}/uppfoljning/insats/",
        {"occurred_on": "2027-03-01", "reason": "", "action": "Möte med Täbys projektledare"},
        "Möte med Täbys projektledare",
    ),
    "budget": Refused(
        "contact",
        "/projekt/{project}/budget/",
        {"staff-2027": "mycket"},
        'value="mycket"',
    ),
    "budget line plan": Refused(
        "contact",
        "/projekt/{project}/budget/{line}/plan/",
        {"q1": "hälften", "q2": "100 000", "q3": "", "q4": ""},
        'value="hälften"',
    ),
    "ledger upload": Refused(
        "contact",
        "/projekt/{project}/uppfoljning/import/",
        {"step": "upload", "municipality": "{owner}"},
        'value="{owner}" selected',
    ),
    "section": Refused(
        "contact",
        "/ansokningar/{application}/avsnitt/purpose/",
        {"text": "Syftet är att nyanlända ska bli digitalt delaktiga.", "based_on": "-1"},
        "Syftet är att nyanlända ska bli digitalt delaktiga.",
    ),
    "section copy": Refused(
        "contact",
        "/ansokningar/{application}/avsnitt/purpose/kopiera/",
        {"copy": "nothing", "based_on": "0", "text": "Föräldrar i Täby, ej sparat."},
        "Föräldrar i Täby, ej sparat.",
    ),
    "cooperation form waiver": Refused(
        "coordinator",
        "/projekt/{project}/samverkansintyg/skal/",
        {"reason": LONG_REASON},
        LONG_REASON.strip(),
    ),
    "comment": Refused(
        "coordinator",
        "/ansokningar/{application}/avsnitt/purpose/kommentarer/",
        {"comment-text": LONG_COMMENT},
        LONG_COMMENT.strip(),
    ),
}


@pytest.fixture
def application(cast: Cast) -> Application:
    """Täby's project to a call, with a budget, an indicator and an application started."""
    funders_seed()
    project = ProjectFactory(
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=Municipality.objects.get(code="0160"),
        title="Digital delaktighet för nyanlända",
        call=CallFactory(programme=Programme.objects.get(slug="lst-stockholm-37")),
        status=Project.Status.RUNNING,
    )
    budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", 2027): 800_000},
    )
    indicator_add(actor=cast.coordinator, project=project, name="Deltagare", target=Decimal(40))
    return application_create(actor=cast.coordinator, project=project)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_form_not_saved_is_shown_again_with_the_summary_and_the_typed_text(
    cast: Cast, application: Application, case: Refused
) -> None:
    project = application.project
    names = {
        "project": project.pk,
        "application": application.pk,
        "owner": project.owner_id,
        "line": project.budget_lines.get().pk,
    }
    client = Client()
    client.force_login(getattr(cast, case.who))

    response = client.post(
        case.path.format(**names), {k: v.format(**names) for k, v in case.data.items()}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert '<div class="error-summary" role="alert" tabindex="-1" id="form-errors" autofocus>' in (
        content
    )
    assert case.typed.format(**names) in content


def test_a_search_that_finds_nothing_says_so_not_that_nothing_was_saved(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.admin)
    content = client.get("/personuppgifter/", {"username": "ingen.sadan"}).content.decode()
    assert "<h2>Det gick inte att söka</h2>" in content
    assert "Det gick inte att spara" not in content
    assert 'value="ingen.sadan"' in content
