"""Nothing absurd is stored: every text and amount a person types has a limit, kept in forms and in
every service alike, stated beside the field, and refused in Swedish with the text kept."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from navet.core import limits
from navet.core.errors import DomainError
from navet.needs.models import Need
from navet.needs.services import need_create
from navet.organisations.models import Municipality

# Written by Navet itself, never typed: what a watched page said, a run's log, a notification.
SYSTEM_TEXTS = {
    ("calls", "source", "page_text"),
    ("calls", "importrun", "message"),
    ("core", "notification", "body"),
}


def _navet_fields(kind: type[models.Field]) -> list[tuple[str, str, models.Field]]:
    return [
        (model._meta.app_label, model._meta.model_name, field)
        for model in apps.get_app_config("core").apps.get_models()
        if model.__module__.startswith("navet.")
        for field in model._meta.get_fields()
        if isinstance(field, kind) and field.editable
    ]


def test_every_typed_text_has_a_limit_that_every_save_keeps() -> None:
    unbounded = [
        f"{app}.{model}.{field.name}"
        for app, model, field in _navet_fields(models.TextField)
        if (app, model, field.name) not in SYSTEM_TEXTS
        and not (
            field.max_length and any(isinstance(v, MaxLengthValidator) for v in field.validators)
        )
    ]
    assert not unbounded


def test_every_amount_of_money_has_a_ceiling() -> None:
    money = [
        (app, model, field)
        for kind in (models.PositiveBigIntegerField, models.DecimalField)
        for app, model, field in _navet_fields(kind)
        if field.name.endswith("_sek") or field.name == "amount"
    ]
    assert len(money) >= 6
    for app, model, field in money:
        ceilings = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
        assert ceilings, f"{app}.{model}.{field.name}"
        assert min(ceilings) <= 10**12


@pytest.mark.django_db
def test_a_need_of_several_megabytes_is_refused_and_nothing_is_stored(cast) -> None:
    taby = Municipality.objects.get(code="0160")
    with pytest.raises(DomainError, match="som mest 20000 tecken"):
        need_create(
            actor=cast.contact, municipality=taby, title="Språkstöd", description="x" * 4_900_000
        )
    assert not Need.objects.exists()


@pytest.mark.django_db
def test_the_form_states_the_limit_and_keeps_text_over_it(client, cast) -> None:
    client.force_login(cast.contact)
    page = client.get(reverse("needs:need-create")).content.decode()
    assert "Högst 20\xa0000 tecken." in page
    too_long = "Nyanlända föräldrar behöver stöd. " * 700
    answer = client.post(
        reverse("needs:need-create"),
        {"municipality": "0160", "title": "Föräldrastöd", "description": too_long},
    )
    assert answer.status_code in (200, 400)
    text = answer.content.decode()
    assert "som mest 20000 tecken" in text
    assert too_long.strip() in text  # kept in the field, not cut
    assert not Need.objects.exists()


def test_amounts_may_be_negative_only_where_a_correction_is_one() -> None:
    kwargs = limits.signed_amount_limit()
    assert any(isinstance(v, MinValueValidator) for v in kwargs["validators"])
    assert Decimal(-limits.AMOUNT_SEK) == -1_000_000_000
