"""The follow-up page and its forms, interventions, indicators, report dates, the alerts told
to people once, and the report drafts in Word and PDF read back."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from navet.core.errors import PermissionDenied
from navet.core.models import Notification
from navet.followup import services
from navet.followup.models import Expenditure, Indicator, Intervention, ReportDeadline
from navet.followup.tasks import send_followup_alerts
from navet.risks.services import risk_create
from tests import documents

HEADER = "Koordination Norrort · Språkcafé i Täby och Solna"


@pytest.fixture
def spending(cast, project):
    """The project with a budget and one quarter spent at 60 % of the plan."""
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    services.expenditure_add(
        actor=cast.contact,
        project=project,
        budget_line=line,
        spent_on=date(2025, 3, 31),
        amount=Decimal(60_000),
        description="Lön januari–mars",
    )
    return project


def test_the_page_shows_budget_against_actual_the_warning_and_the_chart(
    client, cast, spending, django_assert_max_num_queries, today
) -> None:
    today(date(2025, 4, 10))
    client.force_login(cast.contact)
    url = reverse("followup:followup", args=[spending.pk])
    with django_assert_max_num_queries(30):
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "kan behöva betalas tillbaka" in text
    assert '<svg viewBox="0 0 640 260" width="100%" role="img"' in text
    assert "2025 kv1" in text  # the table behind the chart
    for _ in range(20):  # the number of queries does not grow with the expenditures
        services.expenditure_add(
            actor=cast.contact,
            project=spending,
            budget_line=spending.budget_lines.get(),
            spent_on=date(2025, 2, 1),
            amount=Decimal(10),
        )
    with django_assert_max_num_queries(30):
        client.get(url)


def test_a_contact_enters_an_expenditure_and_a_bad_amount_is_refused(
    client, cast, spending
) -> None:
    client.force_login(cast.contact)
    url = reverse("followup:expenditure-add", args=[spending.pk])
    line = spending.budget_lines.get()
    response = client.post(
        url, {"budget_line": line.pk, "spent_on": "2025-04-02", "amount": "1 234,50"}
    )
    assert response.status_code == 302
    assert Expenditure.objects.filter(amount=Decimal("1234.50")).exists()
    response = client.post(
        url, {"budget_line": line.pk, "spent_on": "2025-04-02", "amount": "mycket"}
    )
    assert response.status_code == 200  # the page again, with the summary and what was typed
    assert 'id="form-errors"' in response.content.decode()
    assert 'value="mycket"' in response.content.decode()
    response = client.post(url, {"budget_line": line.pk, "spent_on": "2030-01-01", "amount": "5"})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()
    assert Expenditure.objects.count() == 2


@pytest.mark.parametrize("who", ["solna_contact", "viewer", "steering"])
def test_others_may_not_write_on_the_follow_up_page(client, cast, spending, who) -> None:
    client.force_login(getattr(cast, who))
    line = spending.budget_lines.get()
    posts = {
        "expenditure-add": {"budget_line": line.pk, "spent_on": "2025-04-02", "amount": "5"},
        "intervention-add": {"occurred_on": "2025-04-02", "reason": "x", "action": "y"},
        "indicator-add": {"name": "x", "baseline": "0", "target": "5"},
        "report-add": {"kind": "interim", "due_on": "2025-06-30"},
    }
    for name, data in posts.items():
        response = client.post(reverse(f"followup:{name}", args=[spending.pk]), data)
        # Solna takes part, so it may enter expenditures on its own lines (the budget rule); the
        # form offers it none of the project's common lines, and refuses this one.
        refused = 200 if (who, name) == ("solna_contact", "expenditure-add") else 403
        assert response.status_code == refused
    expenditure = Expenditure.objects.get()
    delete = reverse("followup:expenditure-delete", args=[spending.pk, expenditure.pk])
    assert client.post(delete).status_code == 403
    assert Expenditure.objects.count() == 1
    assert not Intervention.objects.exists()
    assert not Indicator.objects.exists()
    assert not ReportDeadline.objects.exists()


def test_the_owner_s_contact_may_not_record_interventions_or_goals(cast, spending) -> None:
    with pytest.raises(PermissionDenied):
        services.intervention_record(
            actor=cast.contact,
            project=spending,
            occurred_on=date(2025, 4, 2),
            reason="x",
            action="y",
        )
    with pytest.raises(PermissionDenied):
        services.indicator_add(actor=cast.contact, project=spending, name="x", target=Decimal(5))


def test_the_coordinator_records_an_intervention_kept_in_the_audit_trail(
    client, cast, spending
) -> None:
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("followup:intervention-add", args=[spending.pk]),
        {
            "occurred_on": "2025-04-11",
            "reason": "Risk för återbetalning",
            "action": "Avstämning med projektledaren; fler träffar under våren.",
        },
    )
    assert response.status_code == 302
    intervention = Intervention.objects.get()
    assert LogEntry.objects.get_for_object(intervention).get().actor == cast.coordinator
    page = client.get(reverse("followup:followup", args=[spending.pk])).content.decode()
    assert "Avstämning med projektledaren" in page


def test_indicators_and_measurements(cast, spending) -> None:
    indicator = services.indicator_add(
        actor=cast.coordinator, project=spending, name="Deltagare", target=Decimal(40)
    )
    services.measurement_add(
        actor=cast.contact, indicator=indicator, measured_on=date(2025, 6, 30), value=Decimal(5)
    )
    with pytest.raises(PermissionDenied):
        services.measurement_add(
            actor=cast.solna_contact,
            indicator=indicator,
            measured_on=date(2025, 6, 30),
            value=Decimal(6),
        )
    assert indicator.measurements.count() == 1


def test_alerts_reach_the_owner_s_contact_and_the_coordinator_once(cast, spending) -> None:
    sent = services.alerts_send(date(2025, 4, 10))
    assert sent == 2
    for user in (cast.contact, cast.coordinator):
        notification = Notification.objects.get(user=user)
        assert "kan behöva betalas tillbaka" in notification.title
        assert notification.url == reverse("followup:followup", args=[spending.pk])
    assert not Notification.objects.filter(user=cast.solna_contact).exists()
    assert services.alerts_send(date(2025, 4, 11)) == 0  # told once


def test_the_scheduler_queues_the_alerts_and_the_task_sends_them(
    cast, spending, django_capture_on_commit_callbacks, today
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("schedule")
    assert DBTaskResult.objects.filter(
        task_path="navet.followup.tasks.send_followup_alerts"
    ).exists()
    today(date(2025, 4, 10))
    send_followup_alerts.call()
    assert Notification.objects.filter(user=cast.coordinator).count() == 1


def test_the_final_report_draft_in_word_and_pdf(client, cast, spending, today) -> None:
    today(date(2025, 7, 1) + timedelta(days=400))
    services.intervention_record(
        actor=cast.coordinator,
        project=spending,
        occurred_on=date(2025, 4, 11),
        reason="Risk för återbetalning",
        action="Fler träffar under våren.",
    )
    indicator = services.indicator_add(
        actor=cast.coordinator,
        project=spending,
        name="Deltagare",
        unit="personer",
        target=Decimal(40),
    )
    services.measurement_add(
        actor=cast.contact, indicator=indicator, measured_on=date(2025, 6, 30), value=Decimal(32)
    )
    client.force_login(cast.viewer)
    response = client.get(reverse("followup:report", args=[spending.pk, "final", "docx"]))
    assert response.status_code == 200
    assert 'filename="slutrapport-projekt-' in response["Content-Disposition"]
    word = documents.docx_of(response.content, header=HEADER)
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert "Slutrapport: Språkcafé i Täby och Solna" in text
    for heading in ("Ekonomisk redovisning", "Mål och indikatorer", "Resultat och effekter"):
        assert heading in text
    assert "Personal 2025" in cells
    assert "600\u00a0000\u00a0kr" in cells
    assert "60\u00a0000\u00a0kr" in cells
    assert "32 personer" in cells
    assert "Fler träffar under våren." in cells
    assert "återbetalas till finansiären" in text
    pdf = client.get(reverse("followup:report", args=[spending.pk, "interim", "pdf"]))
    text = documents.pdf_text(pdf.content, header=HEADER)
    assert "Delrapport" in text.split("Sida 2 av")[0]  # on the first page
    assert "Ekonomisk redovisning" in text
    assert (
        client.get(reverse("followup:report", args=[spending.pk, "final", "odt"])).status_code
        == 404
    )


def test_the_report_draft_carries_the_register_s_open_risks(client, cast, spending) -> None:
    common = {"actor": cast.coordinator, "project": spending, "owner": cast.contact}
    risk_create(
        **common,
        title="Låg närvaro",
        likelihood="high",
        consequence="very_serious",
        measures="Påminnelser via SMS.",
    )
    risk_create(**common, title="Personalbyte", likelihood="low", consequence="serious")
    risk_create(
        **common, title="Avslutad risk", likelihood="low", consequence="serious", status="closed"
    )
    client.force_login(cast.viewer)

    response = client.get(reverse("followup:report", args=[spending.pk, "interim", "docx"]))

    word = docx.Document(BytesIO(response.content))
    assert "Risker" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    risks = next(t for t in word.tables if t.rows[0].cells[0].text == "Risk")
    rows = [[c.text for c in row.cells] for row in risks.rows[1:]]
    assert [row[0] for row in rows] == ["Låg närvaro", "Personalbyte"]
    assert rows[0][1:4] == ["Hög", "Mycket allvarliga", "Påminnelser via SMS."]
