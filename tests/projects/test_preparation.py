"""The needs analysis checklist and the partners' confirmations, against the database: each
write refused for those who may not, audited, and the lifecycle's guards fed by them."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from navet.core.errors import DomainError, PermissionDenied
from navet.core.models import Notification
from navet.needs.models import Need
from navet.projects import lifecycle
from navet.projects.models import NeedsAnalysisFile, NeedsAnalysisItem, PartnerConfirmation, Project
from navet.projects.selectors.preparation import (
    checklist_progress,
    confirmation_progress,
    confirmations,
    needs_analysis,
)
from navet.projects.services import (
    TransitionRefused,
    confirmation_record,
    confirmation_reminders_send,
    confirmation_request,
    confirmations_waive,
    needs_analysis_file_add,
    needs_analysis_item_set,
    project_create,
    project_move,
    project_update,
)
from tests.factories import NeedFactory, PartnerConfirmationFactory, ProjectFactory
from tests.projects.conftest import PDF, complete_needs_analysis

pytestmark = pytest.mark.django_db

REFUSED = ["steering", "viewer", "admin", "outsider", "solna_contact", "sodertorn_coordinator"]


def _pdf(name: str = "samverkansblankett.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


# --- the checklist -----------------------------------------------------------------------------


def test_the_checklist_starts_empty_and_is_filled_item_by_item(cast, idea):
    rows = needs_analysis(idea)
    assert [row.kind for row in rows] == list(lifecycle.NEEDS_ANALYSIS_ITEMS)
    assert [row.label for row in rows][0] == "Studiebesök"
    assert (checklist_progress(rows).done, checklist_progress(rows).total) == (0, 6)
    item = needs_analysis_item_set(
        actor=cast.contact,
        project=idea,
        kind="interviews",
        done=True,
        notes="  23 intervjuer med enhetschefer och handläggare.  ",
    )
    assert item.notes == "23 intervjuer med enhetschefer och handläggare."
    needs_analysis_item_set(
        actor=cast.coordinator, project=idea, kind="study_visits", done=False, notes="Bokat."
    )
    progress = checklist_progress(needs_analysis(idea))
    assert (progress.done, progress.total, progress.complete) == (1, 6, False)
    assert LogEntry.objects.get_for_object(item).first().actor == cast.contact
    # Changing it again changes the same row.
    needs_analysis_item_set(
        actor=cast.contact, project=idea, kind="interviews", done=False, notes=""
    )
    assert NeedsAnalysisItem.objects.filter(project=idea).count() == 2
    assert checklist_progress(needs_analysis(idea)).done == 0


def test_an_unknown_item_is_refused(cast, idea):
    with pytest.raises(DomainError):
        needs_analysis_item_set(actor=cast.contact, project=idea, kind="x", done=True, notes="")
    with pytest.raises(DomainError):
        needs_analysis_file_add(actor=cast.contact, project=idea, kind="x", upload=_pdf())
    assert not NeedsAnalysisItem.objects.exists()


@pytest.mark.parametrize("who", REFUSED)
def test_others_may_not_fill_in_the_checklist(cast, idea, who):
    with pytest.raises(PermissionDenied):
        needs_analysis_item_set(
            actor=getattr(cast, who), project=idea, kind="interviews", done=True, notes=""
        )
    with pytest.raises(PermissionDenied):
        needs_analysis_file_add(
            actor=getattr(cast, who), project=idea, kind="interviews", upload=_pdf()
        )
    assert not NeedsAnalysisItem.objects.exists()


def test_past_the_needs_analysis_only_coordinators_change_the_checklist(cast, idea):
    idea.status = Project.Status.DECISION
    idea.save()
    with pytest.raises(PermissionDenied):
        needs_analysis_item_set(
            actor=cast.contact, project=idea, kind="interviews", done=True, notes=""
        )
    needs_analysis_item_set(
        actor=cast.coordinator, project=idea, kind="interviews", done=True, notes=""
    )


def test_files_of_an_item_are_checked_and_stored_under_a_safe_name(cast, idea):
    attached = needs_analysis_file_add(
        actor=cast.contact,
        project=idea,
        kind="risk_analysis",
        upload=_pdf("../Risk- och konsekvensanalys.pdf"),
    )
    assert attached.name == "Risk- och konsekvensanalys.pdf"
    assert attached.file.name.startswith("projects/needs-analysis/")
    assert ".." not in attached.file.name
    row = needs_analysis(idea)[3]
    assert (row.kind, row.done, row.files) == ("risk_analysis", False, [attached])
    with pytest.raises(DomainError, match="innehåll|content"):
        needs_analysis_file_add(
            actor=cast.contact,
            project=idea,
            kind="risk_analysis",
            upload=SimpleUploadedFile("analys.pdf", b"<script>alert(1)</script>"),
        )
    assert NeedsAnalysisFile.objects.count() == 1


def test_the_needs_analysis_is_left_for_a_decision_only_when_complete(cast, idea):
    project_move(actor=cast.contact, project=idea, to="needs_analysis")
    complete_needs_analysis(idea, leave=1)
    with pytest.raises(TransitionRefused, match="behovsanalys|needs analysis"):
        project_move(actor=cast.coordinator, project=idea, to="decision")
    # Going back to the idea or withdrawing never waits for the checklist.
    project_move(actor=cast.contact, project=idea, to="idea")
    project_move(actor=cast.contact, project=idea, to="needs_analysis")
    needs_analysis_item_set(
        actor=cast.contact,
        project=idea,
        kind=lifecycle.NEEDS_ANALYSIS_ITEMS[-1],
        done=True,
        notes="Målgruppen var med i workshop 2.",
    )
    project_move(actor=cast.coordinator, project=idea, to="decision")
    assert Project.objects.get(pk=idea.pk).status == "decision"


# --- the partners' confirmations ---------------------------------------------------------------


def test_every_partner_but_the_owner_confirms(cast, group, sigtuna, solna):
    rows = confirmations(group)
    assert [row.municipality for row in rows] == [sigtuna, solna]
    assert [row.state for row in rows] == ["Inte begärt", "Inte begärt"]
    assert confirmation_progress(rows).total == 2
    assert group.facts().confirmations_missing == 2


def test_a_request_is_recorded_and_tells_the_municipalitys_contacts(cast, group, solna):
    confirmation = confirmation_request(actor=cast.coordinator, project=group, municipality=solna)
    assert confirmation.requested_by == cast.coordinator
    assert confirmation.requested_at is not None
    told = Notification.objects.get(user=cast.solna_contact)
    assert "Solna" in told.title
    assert told.url == f"/projekt/{group.pk}/samverkansintyg/"
    # Asking again the same day tells nobody twice.
    confirmation_request(actor=cast.coordinator, project=group, municipality=solna)
    assert Notification.objects.filter(user=cast.solna_contact).count() == 1
    assert confirmations(group)[1].state == "Begärt, inte undertecknat"


def test_the_owner_and_outsiders_need_no_form(cast, group, taby):
    with pytest.raises(DomainError, match="ansökan|application"):
        confirmation_request(actor=cast.coordinator, project=group, municipality=taby)
    stranger = ProjectFactory(consortium=group.consortium).owner
    with pytest.raises(DomainError):
        confirmation_request(actor=cast.coordinator, project=group, municipality=stranger)
    assert not PartnerConfirmation.objects.exists()


@pytest.mark.parametrize("who", [*REFUSED, "contact"])
def test_others_may_not_ask_for_confirmations_or_waive_them(cast, group, solna, who):
    with pytest.raises(PermissionDenied):
        confirmation_request(actor=getattr(cast, who), project=group, municipality=solna)
    with pytest.raises(PermissionDenied):
        confirmations_waive(actor=getattr(cast, who), project=group, reason="Sent.")
    assert not PartnerConfirmation.objects.exists()
    assert Project.objects.get(pk=group.pk).confirmations_waiver_reason == ""


def _record(actor, project, municipality, **changes):
    values = {
        "signed_by_name": "Britt-Marie Ekström",
        "signed_by_title": "socialdirektör",
        "signed_on": date(2026, 11, 2),
        "upload": _pdf(),
        "board_decision_reference": "Socialnämnden 2026-10-20 § 7",
        **changes,
    }
    return confirmation_record(actor=actor, project=project, municipality=municipality, **values)


def test_the_municipalitys_contact_records_its_signed_form(cast, group, solna):
    confirmation = _record(cast.solna_contact, group, solna)
    assert confirmation.signed
    assert confirmation.file_name == "samverkansblankett.pdf"
    assert confirmation.file.name.startswith("projects/confirmations/")
    assert confirmation.recorded_by == cast.solna_contact
    entry = LogEntry.objects.get_for_object(confirmation).first()
    assert entry.actor == cast.solna_contact
    assert "Britt-Marie Ekström" in str(entry.changes)
    assert confirmations(group)[1].state == "Undertecknat"
    with pytest.raises(DomainError):  # signed already: nothing to ask for
        confirmation_request(actor=cast.coordinator, project=group, municipality=solna)


@pytest.mark.parametrize("who", ["contact", "steering", "viewer", "admin", "outsider"])
def test_others_may_not_record_solnas_form(cast, group, solna, who):
    with pytest.raises(PermissionDenied):
        _record(getattr(cast, who), group, solna)
    assert not PartnerConfirmation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signed_by_name": " "}, "vem som undertecknade|who signed"),
        ({"signed_by_title": ""}, "titel|title"),
        ({"signed_on": None}, "datum|date"),
        ({"upload": None}, "blankett|form"),
        ({"signed_on": date(2099, 1, 1)}, "framtiden|future"),
        ({"upload": SimpleUploadedFile("blankett.exe", b"MZ")}, "exe"),
        ({"upload": SimpleUploadedFile("blankett.pdf", b"not a pdf")}, "innehåll|content"),
    ],
)
def test_an_incomplete_signature_is_refused_and_nothing_is_lost(
    cast, group, solna, changes, message
):
    kept = _record(cast.coordinator, group, solna)
    with pytest.raises(DomainError, match=message):
        _record(cast.coordinator, group, solna, **{"signed_by_name": "Någon annan", **changes})
    stored = PartnerConfirmation.objects.get(pk=kept.pk)
    assert (stored.signed_by_name, stored.file.name) == ("Britt-Marie Ekström", kept.file.name)


def test_submission_waits_for_every_partner_or_a_recorded_reason(cast, group, sigtuna, solna):
    with pytest.raises(TransitionRefused, match="samverkansblankett|cooperation form"):
        project_move(actor=cast.coordinator, project=group, to="submitted")
    _record(cast.coordinator, group, solna)
    with pytest.raises(TransitionRefused):
        project_move(actor=cast.coordinator, project=group, to="submitted")
    confirmations_waive(
        actor=cast.coordinator,
        project=group,
        reason="Sigtunas nämnd sammanträder efter sista ansökningsdag; Länsstyrelsen tar emot "
        "blanketten i efterhand.",
    )
    stored = Project.objects.get(pk=group.pk)
    assert stored.confirmations_waived_by == cast.coordinator
    assert LogEntry.objects.get_for_object(stored).first().actor == cast.coordinator
    project_move(actor=cast.coordinator, project=group, to="submitted")
    assert Project.objects.get(pk=group.pk).status == "submitted"


def test_with_every_form_signed_the_project_is_submitted(cast, group, sigtuna, solna):
    _record(cast.coordinator, group, sigtuna)
    _record(cast.coordinator, group, solna)
    assert confirmation_progress(confirmations(group)).complete
    project_move(actor=cast.coordinator, project=group, to="submitted")


def test_an_empty_reason_removes_the_waiver(cast, group):
    confirmations_waive(actor=cast.coordinator, project=group, reason="Skäl.")
    confirmations_waive(actor=cast.coordinator, project=group, reason="  ")
    stored = Project.objects.get(pk=group.pk)
    assert (stored.confirmations_waiver_reason, stored.confirmations_waived_by) == ("", None)
    assert stored.facts().confirmations_waived is False


def test_a_participant_removed_no_longer_counts(cast, group, sigtuna, solna, taby):
    _record(cast.coordinator, group, solna)
    project_update(actor=cast.coordinator, project=group, participants=[taby, solna])
    group.refresh_from_db()
    assert group.facts().confirmations_missing == 0


# --- reminders ---------------------------------------------------------------------------------


def test_the_missing_are_reminded_once_a_week_and_never_twice(cast, group, solna, sigtuna):
    asked = timezone.now() - timedelta(days=1)
    confirmation_request(actor=cast.coordinator, project=group, municipality=solna, now=asked)
    _record(cast.coordinator, group, sigtuna)
    Notification.objects.all().delete()
    today = timezone.localdate(asked)
    assert confirmation_reminders_send(today + timedelta(days=6)) == 0  # not a week yet
    assert confirmation_reminders_send(today + timedelta(days=7)) == 1
    assert confirmation_reminders_send(today + timedelta(days=7)) == 0
    assert confirmation_reminders_send(today + timedelta(days=13)) == 0  # the same week
    assert confirmation_reminders_send(today + timedelta(days=14)) == 1
    reminders = Notification.objects.filter(user=cast.solna_contact)
    assert reminders.count() == 2
    assert "Solna" in reminders.first().title
    assert not Notification.objects.exclude(user=cast.solna_contact).exists()


def test_no_reminders_once_signed_waived_or_submitted(cast, group, solna):
    asked = timezone.now() - timedelta(days=30)
    confirmation_request(actor=cast.coordinator, project=group, municipality=solna, now=asked)
    later = timezone.localdate() + timedelta(days=1)
    confirmations_waive(actor=cast.coordinator, project=group, reason="Skäl.")
    assert confirmation_reminders_send(later) == 0
    confirmations_waive(actor=cast.coordinator, project=group, reason="")
    group.status = Project.Status.SUBMITTED
    group.save()
    assert confirmation_reminders_send(later) == 0
    group.status = Project.Status.APPLICATION
    group.save()
    _record(cast.coordinator, group, solna)
    assert confirmation_reminders_send(later) == 0


def test_a_never_requested_form_is_not_reminded(cast, group):
    PartnerConfirmationFactory(
        project=group,
        municipality=group.participants.exclude(pk=group.owner_id).first(),
        requested_at=None,
        signed_on=None,
        signed_by_name="",
        signed_by_title="",
        file="",
    )
    assert confirmation_reminders_send(timezone.localdate() + timedelta(days=60)) == 0


# --- the needs a project answers -----------------------------------------------------------------


def test_an_open_need_linked_to_a_project_is_in_a_project(cast, norrort, taby):
    need = NeedFactory(municipality=taby, status=Need.Status.OPEN)
    met = NeedFactory(municipality=taby, status=Need.Status.MET)
    project = project_create(
        actor=cast.contact, consortium=norrort, title="Språkcafé", owner=taby, needs=[need]
    )
    assert Need.objects.get(pk=need.pk).status == Need.Status.IN_PROJECT
    entry = LogEntry.objects.get_for_object(need).first()
    assert entry.actor == cast.contact
    project_update(actor=cast.contact, project=project, needs=[need, met])
    assert Need.objects.get(pk=met.pk).status == Need.Status.MET
