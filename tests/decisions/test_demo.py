"""The demo's decision room: the Norrort and county agreements from the seeds with progress in
the follow-up, a held steering group meeting with attendance and the motion it put to the vote,
a motion decided by every member's representative, and two meetings to come; a second seed adds
nothing."""

import pytest
from django.utils import timezone

from navet.decisions.models import Agreement, Meeting, Motion
from navet.decisions.progress import Status
from navet.decisions.selectors.agreement import followup_of
from navet.demo.content import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_holds_agreements_meetings_and_a_motion(county, cast):
    demo_seed()
    today = timezone.localdate()
    norrort = Agreement.objects.get(consortium__slug="koordination-norrort")
    assert norrort.adopted_on.isoformat() == "2014-04-15"
    report = followup_of(norrort, today.year, today)
    baselines = {row.subgoal.title: row.subgoal.baseline for row in report.rows}
    assert baselines["Beviljade externa medel per år"] == 431_000
    assert baselines["Återlämnade projektmedel"] == 81_524
    assert any(row.progress.status != Status.NO_DATA for row in report.rows)
    assert norrort.actions.count() == 6
    county_agreement = Agreement.objects.get(consortium__slug="stockholms-lan")
    assert county_agreement.reference == "KSL/12/0053"
    held = Meeting.objects.get(status=Meeting.Status.HELD)
    assert held.attendance.filter(status="present").count() == 15
    motion = Motion.objects.get(meeting=held)
    assert motion.agenda_items.exists()
    # a network meeting and the next steering group meeting to come
    assert Meeting.objects.filter(status=Meeting.Status.PLANNED).count() == 2
    # one motion open, one decided by every member's vote, which let its joint project apply
    assert motion.status == Motion.Status.OPEN
    decided = Motion.objects.get(status=Motion.Status.CLOSED)
    assert decided.outcome == "passed"
    assert decided.votes.exclude(choice="").count() == 15
    assert decided.project.status == "application"
    assert decided.project.steering_decision_reference == decided.number
    demo_seed()
    assert Meeting.objects.count() == 3
    assert Motion.objects.count() == 2
    assert Agreement.objects.count() == 2
