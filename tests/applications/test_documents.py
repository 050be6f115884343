"""The application as sent to a funder: the applicant, the partners and their roles, the period
and the budget builder's budget before the sections, nothing internal in it; and the flag, on
the application's page only, where the budget section's text says other amounts."""

from datetime import date

import pytest

from navet.applications import services
from navet.followup.services import budget_set
from navet.organisations.models import Municipality
from tests import documents
from tests.applications.conftest import client_for, section

pytestmark = pytest.mark.django_db

HEADER = "Koordination Norrort · Digital delaktighet för nyanlända"
NBSP = "\u00a0"


def sek(amount: str) -> str:
    return f"{amount} kr".replace(" ", NBSP)


@pytest.fixture
def budgeted(cast, application, project):
    """Sollentuna owns the project (its organisation number is known), Täby's contact is its
    contact person, and the budget holds 900 000 kr of staff over two years and 100 000 kr of
    travel: 1 000 000 kr, of which 800 000 kr is applied for."""
    project.owner = Municipality.objects.get(code="0163")
    project.starts_on, project.ends_on = date(2027, 1, 1), date(2028, 6, 30)
    project.save()
    cast.contact.first_name, cast.contact.last_name = "Karin", "Kontakt"
    cast.contact.email = "karin.kontakt@example.se"
    cast.contact.save()
    project.contacts.add(cast.contact)
    budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", 2027): 600_000, ("staff", 2028): 300_000, ("travel", 2027): 100_000},
    )
    services.section_save(
        actor=cast.contact,
        section=section(application, "budget"),
        text="Budgeten bygger på två halvtidstjänster.",
        based_on=0,
    )
    return application


def _get(cast, application, fmt: str) -> bytes:
    response = client_for(cast.viewer).get(f"/ansokningar/{application.pk}/ansokan.{fmt}")
    assert response.status_code == 200
    return response.content


def test_the_word_application_holds_what_a_funder_asks_first(cast, budgeted) -> None:
    word = documents.docx_of(_get(cast, budgeted, "docx"), header=HEADER)

    tables = [[[c.text for c in row.cells] for row in table.rows] for table in word.tables]
    facts = dict(tuple(row) for row in tables[0])
    assert facts["Sökande (projektägare)"] == "Sollentuna"
    assert facts["Organisationsnummer"] == "212000-0134"
    assert facts["Kontaktperson"] == "Karin Kontakt, karin.kontakt@example.se"
    assert facts["Projektperiod"] == "2027-01-01 – 2028-06-30"
    assert facts["Total budget"] == sek("1 000 000")
    assert facts["Sökt belopp"] == sek("800 000")
    assert facts["Medfinansiering"] == sek("200 000")
    assert tables[1] == [
        ["Kommun", "Roll", "Organisationsnummer"],
        ["Sollentuna", "Sökande (projektägare)", "212000-0134"],
        ["Sigtuna", "Samverkanspart", ""],
        ["Täby", "Samverkanspart", ""],  # the first owner stays a participant
    ]
    assert tables[2] == [
        ["Kostnadskategori", "2027", "2028", "Summa"],
        ["Personal", sek("600 000"), sek("300 000"), sek("900 000")],
        ["Resor", sek("100 000"), sek("0"), sek("100 000")],
        ["Summa", sek("700 000"), sek("300 000"), sek("1 000 000")],
    ]
    assert tables[3] == [
        ["Total budget", sek("1 000 000")],
        ["Söks från finansiären", sek("800 000")],
        ["Medfinansiering", sek("200 000")],
    ]
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    budget_at = paragraphs.index(("Heading 1", "Budget"))
    assert paragraphs[budget_at + 1 :].index(
        ("Normal", "Budgeten bygger på två halvtidstjänster.")
    ) > paragraphs[budget_at + 1 :].index(("Caption", "Budget per kostnadskategori och år"))


def test_nothing_internal_goes_to_the_funder(cast, budgeted) -> None:
    services.review_request(actor=cast.contact, application=budgeted)

    word = documents.docx_of(_get(cast, budgeted, "docx"), header=HEADER)
    text = documents.docx_text(word).lower()
    pdf = documents.pdf_text(_get(cast, budgeted, "pdf"), header=HEADER).lower()

    for internal in ("granskning", "verifier", "klart", "status", "kontrolleras"):
        assert internal not in text, internal
        assert internal not in pdf, internal


def test_an_organisation_number_navet_does_not_know_is_not_shown(cast, application) -> None:
    word = documents.docx_of(_get(cast, application, "docx"), header=HEADER)

    text = documents.docx_text(word)
    assert "Täby" in text
    assert "Organisationsnummer" not in text
    assert "Total budget" not in text  # no budget yet: no figures made up


def test_the_pdf_application_is_a4_with_the_budget_unsplit(cast, budgeted) -> None:
    text = documents.pdf_text(_get(cast, budgeted, "pdf"), header=HEADER).replace(NBSP, " ")

    for expected in (
        "Sökande och samverkansparter",
        "212000-0134",
        "Samverkanspart",
        "Personal 600 000 kr 300 000 kr 900 000 kr",
        "Söks från finansiären 800 000 kr",
        "Budgeten bygger på två halvtidstjänster.",
    ):
        assert expected in text, expected


def test_the_page_flags_a_budget_text_that_contradicts_the_budget(cast, budgeted) -> None:
    services.section_save(
        actor=cast.contact,
        section=section(budgeted, "budget"),
        text="Projektets totala budget är 1 200 000 kr, varav 800 000 kr söks från "
        "Länsstyrelsen och 400 000 kr är egen insats.",
        based_on=1,
    )

    html = client_for(cast.contact).get(f"/ansokningar/{budgeted.pk}/").content.decode()
    word = documents.docx_text(documents.docx_of(_get(cast, budgeted, "docx"), header=HEADER))

    assert "Texten stämmer inte med budgeten:" in html
    assert f"texten anger summan till 1 200 000 kr, budgetens summa är {sek('1 000 000')}" in html
    assert f"texten anger medfinansieringen till 400 000 kr, budgetens är {sek('200 000')}" in html
    assert "texten söker" not in html  # 800 000 kr agrees
    assert "Texten stämmer inte" not in word
    assert "Projektets totala budget är 1 200 000 kr" in word  # the text as written


def test_a_budget_text_that_agrees_raises_no_flag(cast, budgeted) -> None:
    services.section_save(
        actor=cast.contact,
        section=section(budgeted, "budget"),
        text="Budgeten omfattar totalt 1 000 000 kr. Vi söker 800 000 kr.",
        based_on=1,
    )

    html = client_for(cast.contact).get(f"/ansokningar/{budgeted.pk}/").content.decode()

    assert "Texten stämmer inte med budgeten:" not in html
