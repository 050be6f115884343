import pytest

from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality
from navet.projects import lifecycle
from navet.projects.models import Project
from tests.factories import CallFactory, NeedFactory, NeedsAnalysisItemFactory, ProjectFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> None:
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def complete_needs_analysis(project: Project, *, leave: int = 0) -> None:
    """Mark the checklist's items done, all but the last `leave`."""
    items = lifecycle.NEEDS_ANALYSIS_ITEMS
    for kind in items[: len(items) - leave]:
        NeedsAnalysisItemFactory(project=project, kind=kind)


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def taby(county) -> Municipality:
    return Municipality.objects.get(code="0160")


@pytest.fixture
def sigtuna(county) -> Municipality:
    return Municipality.objects.get(code="0191")


@pytest.fixture
def solna(county) -> Municipality:
    return Municipality.objects.get(code="0184")


@pytest.fixture
def taby_need(taby) -> Need:
    return NeedFactory(municipality=taby, title="Språkstöd i förskolan")


@pytest.fixture
def idea(cast, norrort, taby, taby_need) -> Project:
    """Täby's project idea in Koordination Norrort, answering Täby's need."""
    return ProjectFactory(consortium=norrort, owner=taby, title="Språkstöd", needs=[taby_need])


@pytest.fixture
def group(cast, norrort, taby, sigtuna, solna, taby_need) -> Project:
    """Täby's application with Sigtuna and Solna, ready to be submitted but for the forms."""
    return ProjectFactory(
        consortium=norrort,
        owner=taby,
        participants=[sigtuna, solna],
        needs=[taby_need],
        title="Digital vardag",
        status=Project.Status.APPLICATION,
        call=CallFactory(),
        requested_sek=1_200_000,
    )
