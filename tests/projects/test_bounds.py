"""Nothing absurd is stored in a project: amounts under a ceiling, texts within their limit, a
period that ends after it starts and is no longer than its programme allows – refused in
Swedish, on the form with what was typed kept."""

from datetime import date

import pytest

from navet.core.errors import DomainError
from navet.projects.models import Project
from navet.projects.services import project_create, project_update
from tests.factories import CallFactory, ProgrammeFactory
from tests.projects.test_pages import _client

pytestmark = pytest.mark.django_db


def _create(cast, norrort, taby, taby_need, **fields) -> Project:
    return project_create(
        actor=cast.contact,
        consortium=norrort,
        title="Språkstöd",
        owner=taby,
        needs=[taby_need],
        **fields,
    )


def test_an_absurd_amount_is_refused(cast, norrort, taby, taby_need):
    with pytest.raises(DomainError, match="1000000000"):
        _create(cast, norrort, taby, taby_need, requested_sek=999_999_999_999_999)
    assert not Project.objects.exists()


def test_a_description_of_several_megabytes_is_refused(cast, norrort, taby, taby_need):
    with pytest.raises(DomainError, match="som mest 20000 tecken"):
        _create(cast, norrort, taby, taby_need, description="x" * 3_000_000)
    assert not Project.objects.exists()


def test_a_period_longer_than_the_programme_allows_is_refused(cast, norrort, taby, taby_need):
    call = CallFactory(programme=ProgrammeFactory(max_duration_months=24))
    with pytest.raises(DomainError, match="pågår i 36 månader; .* tillåter högst 24"):
        _create(
            cast,
            norrort,
            taby,
            taby_need,
            call=call,
            starts_on=date(2027, 1, 1),
            ends_on=date(2029, 12, 31),
        )
    project = _create(
        cast,
        norrort,
        taby,
        taby_need,
        call=call,
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 12, 31),
    )
    assert project.ends_on == date(2028, 12, 31)


def test_the_form_refuses_an_end_before_the_start_and_keeps_what_was_typed(cast, idea, taby):
    answer = _client(cast.contact).post(
        f"/projekt/{idea.pk}/andra/",
        {
            "title": "Språkstöd för fler föräldrar",
            "owner": taby.pk,
            "participants": [taby.pk],
            "needs": [n.pk for n in idea.needs.all()],
            "contacts": [cast.contact.pk],
            "starts_on": "2027-12-31",
            "ends_on": "2027-01-01",
        },
    )
    text = answer.content.decode()
    assert "slutar efter att det har startat" in text
    assert "Språkstöd för fler föräldrar" in text
    idea.refresh_from_db()
    assert idea.title == "Språkstöd"


def test_a_change_past_the_programme_s_longest_time_is_refused(cast, idea):
    idea.call = CallFactory(programme=ProgrammeFactory(max_duration_months=12))
    idea.programme = idea.call.programme
    idea.save()
    with pytest.raises(DomainError, match="tillåter högst 12"):
        project_update(
            actor=cast.contact, project=idea, starts_on=date(2027, 1, 1), ends_on=date(2028, 6, 30)
        )
