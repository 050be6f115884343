"""Counts in messages take the right Swedish form: one person, two people."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_invitation_to_one_person_says_person(cast, meeting) -> None:
    client = Client()
    client.force_login(cast.coordinator)
    answer = client.post(f"/beslut/moten/{meeting.pk}/kallelse/", follow=True)
    text = answer.content.decode()
    assert "Kallelsen skickades till 1 person." in text
    assert "1 personer" not in text
