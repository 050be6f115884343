"""The needs matrix: municipalities × themes of one consortium, the themes the municipalities
share (each municipality counts once, whatever its size), the page and its exports."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from navet.calls import taxonomy
from navet.demo.content import DEMO_DRAFT
from navet.needs.models import Need
from navet.needs.selectors import (
    HeatStep,
    NeedsMatrix,
    heat_legend,
    heat_level,
    matrix_consortia,
    needs_matrix,
)
from navet.organisations.models import Consortium, Municipality
from tests.conftest import Cast
from tests.factories import EndorsementFactory, NeedFactory, ThemeFactory

pytestmark = pytest.mark.django_db

NORRORT_MEMBERS = 15


def norrort() -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def need(code: str, *themes: str, **fields: object) -> Need:
    """A need of the municipality `code` with these themes (slugs of the taxonomy)."""
    created = NeedFactory(municipality=municipality(code), **fields)
    labels = {theme.slug: theme for theme in taxonomy.themes()}
    created.themes.set(
        ThemeFactory(slug=slug, sv=labels[slug].sv, en=labels[slug].en) for slug in themes
    )
    return created


def row(matrix: NeedsMatrix, name: str):  # noqa: ANN201  (a MatrixRow)
    return next(r for r in matrix.rows if r.municipality.name == name)


def cell(matrix: NeedsMatrix, name: str, slug: str):  # noqa: ANN201  (a MatrixCell)
    index = [t.slug for t in matrix.themes].index(slug)
    return row(matrix, name).cells[index]


def shared(matrix: NeedsMatrix) -> dict[str, list[str]]:
    return {s.theme.slug: [m.name for m in s.municipalities] for s in matrix.shared}


# --- the selector ------------------------------------------------------------------------------


def test_every_municipality_counts_once_per_theme_whatever_its_size(cast: Cast) -> None:
    for _ in range(5):
        need("0184", "sprak")  # Solna, 86 000 inhabitants, five needs
    need("0187", "sprak")  # Vaxholm, 12 000 inhabitants, one need
    need("0187", "digital-inkludering")
    need("0160", "digital-inkludering")
    need("0191", "digital-inkludering")

    matrix = needs_matrix(cast.coordinator, norrort())

    assert cell(matrix, "Solna", "sprak").needs == 5
    assert cell(matrix, "Vaxholm", "sprak").needs == 1
    # Three municipalities share digital inclusion; Solna's five needs do not outweigh them.
    assert [(s.theme.slug, s.count) for s in matrix.shared] == [
        ("digital-inkludering", 3),
        ("sprak", 2),
    ]
    assert shared(matrix)["digital-inkludering"] == ["Sigtuna", "Täby", "Vaxholm"]
    assert matrix.municipalities_per_theme == [3, 2]  # the columns in Swedish order


def test_an_endorsement_gives_the_endorsing_municipality_the_need(cast: Cast) -> None:
    taby_need = need("0160", "psykisk-halsa", "hbtqi", priority=Need.Priority.HIGH)
    EndorsementFactory(need=taby_need, municipality=municipality("0184"))

    matrix = needs_matrix(cast.viewer, norrort())

    solna = cell(matrix, "Solna", "psykisk-halsa")
    assert (solna.needs, solna.endorsed, solna.priority) == (1, 1, Need.Priority.HIGH)
    assert cell(matrix, "Täby", "hbtqi").endorsed == 0
    assert (row(matrix, "Solna").needs, row(matrix, "Solna").endorsed) == (1, 1)
    assert shared(matrix) == {"hbtqi": ["Solna", "Täby"], "psykisk-halsa": ["Solna", "Täby"]}


def test_a_cell_shows_the_highest_priority_and_its_shade(cast: Cast) -> None:
    need("0191", "sprak", priority=Need.Priority.LOW)
    need("0191", "sprak", priority=Need.Priority.HIGH)
    need("0191", "sprak", priority=Need.Priority.MEDIUM)
    need("0184", "sprak", priority=Need.Priority.LOW)

    matrix = needs_matrix(cast.coordinator, norrort())

    sigtuna = cell(matrix, "Sigtuna", "sprak")
    assert (sigtuna.needs, sigtuna.priority, sigtuna.level) == (3, Need.Priority.HIGH, 3)
    assert str(sigtuna.priority_label) == str(Need.Priority.HIGH.label)
    assert cell(matrix, "Solna", "sprak").level == 1
    assert cell(matrix, "Täby", "sprak").level == 0
    assert cell(matrix, "Täby", "sprak").priority_label == ""


def test_every_member_is_a_row_in_swedish_order_also_without_needs(cast: Cast) -> None:
    need("0184", "sprak")

    matrix = needs_matrix(cast.coordinator, norrort())

    names = [r.municipality.name for r in matrix.rows]
    assert len(names) == NORRORT_MEMBERS
    assert names[0] == "Danderyd"
    assert names[-2:] == ["Vaxholm", "Österåker"]  # Ö after V, as in Swedish
    assert row(matrix, "Ekerö").needs == 0
    assert [c.needs for c in row(matrix, "Ekerö").cells] == [0]
    assert matrix.municipalities_with_needs == 1


def test_a_consortium_without_needs_still_lists_its_members(cast: Cast) -> None:
    matrix = needs_matrix(cast.coordinator, norrort())
    assert len(matrix.rows) == NORRORT_MEMBERS
    assert matrix.themes == []
    assert matrix.shared == []
    assert matrix.legend == [HeatStep(level=0, low=0, high=0)]


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("contact", True),  # Täby's own
        ("coordinator", True),  # the coordinator of Täby's consortium
        ("viewer", False),
        ("steering", False),
        ("solna_contact", False),
        ("admin", False),
    ],
)
def test_drafts_count_only_for_those_who_may_see_them(cast: Cast, role: str, sees_draft) -> None:
    need("0160", "barn-unga", status=Need.Status.DRAFT)
    need("0184", "sprak")

    user = getattr(cast, role)
    matrix = needs_matrix(user, norrort(), statuses=[Need.Status.DRAFT, Need.Status.OPEN])

    assert ("barn-unga" in shared(matrix)) is sees_draft
    assert row(matrix, "Täby").needs == int(sees_draft)
    assert shared(matrix)["sprak"] == ["Solna"]


def test_the_active_needs_count_by_default_and_closed_ones_when_asked(cast: Cast) -> None:
    need("0184", "sprak", status=Need.Status.OPEN)
    need("0160", "sprak", status=Need.Status.IN_PROJECT)
    need("0191", "sprak", status=Need.Status.MET)
    need("0187", "sprak", status=Need.Status.DROPPED)

    assert shared(needs_matrix(cast.viewer, norrort()))["sprak"] == ["Solna", "Täby"]
    closed = needs_matrix(cast.viewer, norrort(), statuses=[Need.Status.MET, Need.Status.DROPPED])
    assert shared(closed)["sprak"] == ["Sigtuna", "Vaxholm"]


def test_only_the_consortiums_members_and_their_endorsements_count(cast: Cast) -> None:
    taby_need = need("0160", "sprak")
    EndorsementFactory(need=taby_need, municipality=municipality("0127"))  # Botkyrka, Södertörn
    need("0127", "sprak")  # Botkyrka's own need

    matrix = needs_matrix(cast.admin, norrort())
    assert shared(matrix) == {"sprak": ["Täby"]}
    assert "Botkyrka" not in [r.municipality.name for r in matrix.rows]

    county = needs_matrix(cast.admin, Consortium.objects.get(slug="stockholms-lan"))
    assert len(county.rows) == 26
    assert shared(county) == {"sprak": ["Botkyrka", "Täby"]}
    assert (row(county, "Botkyrka").needs, row(county, "Botkyrka").endorsed) == (2, 1)


def test_a_user_sees_only_needs_they_may_read(cast: Cast) -> None:
    need("0184", "sprak")
    assert needs_matrix(cast.outsider, norrort()).shared == []
    assert needs_matrix(cast.sodertorn_coordinator, norrort()).shared == []


def test_every_theme_of_the_taxonomy_when_asked(cast: Cast) -> None:
    need("0184", "sprak")
    matrix = needs_matrix(cast.viewer, norrort(), all_themes=True)
    assert len(matrix.themes) == len(taxonomy.themes())
    assert matrix.themes[-1].label == "Äldre"  # Ä after the rest, as in Swedish
    assert sum(matrix.municipalities_per_theme) == 1
    assert [s.theme.slug for s in matrix.shared] == ["sprak"]  # only themes someone has


def test_the_matrix_takes_four_queries_whatever_the_number_of_needs(
    cast: Cast, django_assert_num_queries
) -> None:
    consortium = norrort()
    needs_matrix(cast.viewer, consortium)  # the viewer's roles are resolved once
    with django_assert_num_queries(4):
        needs_matrix(cast.viewer, consortium)
    ekero = municipality("0125")
    for code in ["0160", "0184", "0191", "0187"]:
        for _ in range(3):
            EndorsementFactory(need=need(code, "sprak", "barn-unga"), municipality=ekero)
    with django_assert_num_queries(4):
        matrix = needs_matrix(cast.viewer, consortium)
    assert row(matrix, "Ekerö").needs == 12


@pytest.mark.parametrize(
    ("most", "levels"),
    [
        (0, [0]),
        (1, [0, 1]),
        (4, [0, 1, 2, 3, 4]),
        (8, [0, 1, 1, 2, 2, 3, 3, 4, 4]),
        (10, [0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4]),  # steps of 2.5
    ],
)
def test_the_shade_is_the_count_or_its_share_of_the_largest(most: int, levels) -> None:
    assert [heat_level(count, most) for count in range(most + 1)] == levels


def test_the_legend_says_which_counts_each_shade_stands_for() -> None:
    assert heat_legend(10) == [
        HeatStep(0, 0, 0),
        HeatStep(1, 1, 2),
        HeatStep(2, 3, 5),
        HeatStep(3, 6, 7),
        HeatStep(4, 8, 10),
    ]
    assert heat_legend(2) == [HeatStep(0, 0, 0), HeatStep(1, 1, 1), HeatStep(2, 2, 2)]


def test_the_consortium_shown_first_is_the_one_a_user_coordinates_or_the_smallest(
    cast: Cast,
) -> None:
    assert [c.slug for c in matrix_consortia(cast.coordinator)] == ["koordination-norrort"]
    # Täby is in Koordination Norrort (15) and the county-wide consortium (26).
    assert [c.slug for c in matrix_consortia(cast.contact)] == [
        "koordination-norrort",
        "stockholms-lan",
    ]
    assert matrix_consortia(cast.outsider) == []
    assert len(matrix_consortia(cast.admin)) == Consortium.objects.count()


# --- the page ----------------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_visitors_must_log_in(client, cast: Cast) -> None:
    assert client.get("/behov/matris/").status_code == 302
    assert client.get("/behov/matris/export.xlsx").status_code == 302


def test_the_page_shows_the_demo_needs_of_the_users_consortium(cast: Cast, needs: None) -> None:
    response = client_for(cast.viewer).get("/behov/matris/")
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert matrix.consortium.slug == "koordination-norrort"
    assert len(matrix.rows) == NORRORT_MEMBERS
    # Psychological health: Solna's need, endorsed by Sundbyberg, Lidingö and Täby; and Täby's
    # own HBTQI+ need, endorsed by Solna and Danderyd.
    assert shared(matrix)["psykisk-halsa"] == ["Danderyd", "Lidingö", "Solna", "Sundbyberg", "Täby"]
    assert "arbete-sysselsattning" not in shared(matrix)  # Täby's draft
    content = response.content.decode()
    assert "<caption" in content
    assert content.count('<th scope="row">') == NORRORT_MEMBERS + 1  # and the totals
    assert 'name="samverkan" value="koordination-norrort"' in content  # the only choice


def test_a_coordinator_sees_the_drafts_of_the_consortium_when_asked(
    cast: Cast, needs: None
) -> None:
    response = client_for(cast.coordinator).get("/behov/matris/?status=draft")
    matrix = response.context["matrix"]
    assert matrix.statuses == ("draft",)
    assert shared(matrix) == {"arbete-sysselsattning": ["Täby"], "barn-unga": ["Täby"]}
    assert Need.objects.get(external_id=DEMO_DRAFT).status == Need.Status.DRAFT


def test_a_nonsense_status_shows_the_active_needs(cast: Cast, needs: None) -> None:
    response = client_for(cast.viewer).get("/behov/matris/?status=nonsens&themes=no")
    assert response.context["matrix"].statuses == ("open", "in_project")
    assert not response.context["all_themes"]


def test_a_user_in_several_consortia_chooses_one(cast: Cast, needs: None) -> None:
    client = client_for(cast.contact)
    content = client.get("/behov/matris/").content.decode()
    assert '<select id="matrix-consortium" name="samverkan">' in content
    response = client.get("/behov/matris/?samverkan=stockholms-lan")
    assert len(response.context["matrix"].rows) == 26


def test_a_consortium_the_user_has_no_role_in_is_not_found(cast: Cast, needs: None) -> None:
    client = client_for(cast.sodertorn_coordinator)
    response = client.get("/behov/matris/")
    assert response.context["matrix"].consortium.slug == "etablering-sodertorn"
    assert response.context["matrix"].shared == []
    assert client.get("/behov/matris/?samverkan=koordination-norrort").status_code == 404
    assert client.get("/behov/matris/?samverkan=finns-inte").status_code == 404
    assert client.get("/behov/matris/export.csv?samverkan=koordination-norrort").status_code == 404


def test_a_user_without_a_role_gets_no_matrix(cast: Cast, needs: None) -> None:
    client = client_for(cast.outsider)
    response = client.get("/behov/matris/")
    assert response.status_code == 200
    assert response.context["matrix"] is None
    assert "Koordination Norrort" not in response.content.decode()
    assert client.get("/behov/matris/export.xlsx").status_code == 404


def test_the_needs_list_links_to_the_matrix(cast: Cast, needs: None) -> None:
    assert 'href="/behov/matris/"' in client_for(cast.viewer).get("/behov/").content.decode()


def test_the_page_uses_a_bounded_number_of_queries(cast: Cast, needs: None) -> None:
    client = client_for(cast.contact)
    client.get("/behov/matris/")
    with CaptureQueriesContext(connection) as before:
        client.get("/behov/matris/?status=draft&status=open&themes=all")
    for code in ["0114", "0115", "0117", "0123", "0125", "0139", "0163", "0183", "0186", "0187"]:
        EndorsementFactory(need=need("0184", "sprak", "kultur"), municipality=municipality(code))
        need(code, "halsa", status=Need.Status.IN_PROJECT)
    with CaptureQueriesContext(connection) as after:
        client.get("/behov/matris/?status=draft&status=open&themes=all")
    assert len(before) <= 15
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]


# --- exports -----------------------------------------------------------------------------------


def test_the_matrix_downloads_as_excel(cast: Cast, needs: None) -> None:
    client = client_for(cast.viewer)
    response = client.get("/behov/matris/export.xlsx?samverkan=koordination-norrort")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="behovsmatris-koordination-norrort-'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == NORRORT_MEMBERS
    assert "Psykisk hälsa och trauma" in header
    solna = next(r for r in body if r[0] == "Solna")
    assert solna[1] == "0184"
    # Its own need and Täby's, which it endorsed.
    assert solna[header.index("Psykisk hälsa och trauma")] == 2
    assert solna[-1] == 3  # its own need and two it endorsed
    ekero = next(r for r in body if r[0] == "Ekerö")
    assert ekero[-1] == 0


def test_the_matrix_downloads_as_swedish_csv(cast: Cast, needs: None) -> None:
    response = client_for(cast.viewer).get("/behov/matris/export.csv?themes=all")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == NORRORT_MEMBERS + 1
    assert len(rows[0]) == 2 + len(taxonomy.themes()) + 1
    taby = next(r for r in rows if r[0] == "Täby")
    assert taby[rows[0].index("HBTQI+")] == "1"
    assert taby[rows[0].index("Arbete och sysselsättning")] == "0"  # the draft is not shared
