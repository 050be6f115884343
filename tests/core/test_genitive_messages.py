"""A Swedish message that puts a municipality's name in the genitive says Täbys, and Borås for a
name ending in s (navet.core.text.genitive), never "Täby egna" or "Boråss"."""

import pytest
from django.utils import translation

from navet.organisations.models import Municipality
from navet.organisations.permissions import permissions_for
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_the_reason_names_the_municipality_in_the_genitive(cast):
    taby = Municipality.objects.get(code="0160")
    boras = MunicipalityFactory(code="1490", name="Borås", county_code="14")
    rights = permissions_for(cast.solna_contact)
    with translation.override("sv"):
        assert str(rights.can_edit_for_municipality(taby).reason) == (
            "Bara Täbys egna kontakter får ändra kommunens uppgifter."
        )
        assert str(rights.can_edit_for_municipality(boras).reason) == (
            "Bara Borås egna kontakter får ändra kommunens uppgifter."
        )
