"""One factory per model; related records are created consistently (same consortium, members)."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from navet.calls.models import Call, Funder, Programme, TargetGroup, Theme
from navet.core.models import ApiToken, User, hash_token
from navet.decisions.models import Deputy, Motion, Vote
from navet.needs.models import Endorsement, Need
from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Role,
    RoleAssignment,
)
from navet.projects.models import NeedsAnalysisItem, PartnerConfirmation, Project

PASSWORD = "ett-långt-testlösenord"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testkommun {n}")
    county_code = "01"
    county_name = "Stockholms län"
    population = 25_000
    population_year = 2024


class ConsortiumFactory(DjangoModelFactory):
    class Meta:
        model = Consortium
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Samverkan {n}")
    slug = factory.Sequence(lambda n: f"samverkan-{n}")
    description = "En samverkan för tester."


class ConsortiumMembershipFactory(DjangoModelFactory):
    class Meta:
        model = ConsortiumMembership

    consortium = factory.SubFactory(ConsortiumFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class RoleAssignmentFactory(DjangoModelFactory):
    """A coordinator by default; pass role, consortium and municipality as the role needs."""

    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.COORDINATOR
    consortium = factory.SubFactory(ConsortiumFactory)
    municipality = None


class ApiTokenFactory(DjangoModelFactory):
    class Meta:
        model = ApiToken
        exclude = ("raw",)

    user = factory.SubFactory(UserFactory)
    raw = factory.LazyFunction(ApiToken.new_raw_token)
    digest = factory.LazyAttribute(lambda token: hash_token(token.raw))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=90))


class FunderFactory(DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Finansiär {n}")
    slug = factory.Sequence(lambda n: f"finansiar-{n}")
    kind = Funder.Kind.STATE_AGENCY


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    funder = factory.SubFactory(FunderFactory)
    name = factory.Sequence(lambda n: f"Stödform {n}")
    slug = factory.Sequence(lambda n: f"stodform-{n}")
    title = factory.LazyAttribute(lambda p: f"{p.name} för kommuner")
    applicant_rule = Programme.ApplicantRule.ALONE
    eligible_applicants = factory.LazyFunction(lambda: ["kommun"])


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    external_id = factory.Sequence(lambda n: f"utlysning-{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    funder = factory.LazyAttribute(lambda call: call.programme.funder)
    title = factory.Sequence(lambda n: f"Utlysning {n}")
    closes = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    eligible_applicants = factory.LazyFunction(lambda: ["kommun"])


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = "sprak"
    sv = "Språk (svenska)"
    en = "Language (Swedish)"


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    slug = "nyanlanda-anvisade"
    sv = "Nyanlända anvisade enligt bosättningslagen"
    en = "Newly arrived persons assigned under the Settlement Act"


class NeedFactory(DjangoModelFactory):
    """A shared need; pass a municipality of the county (`county` fixture) to scope it."""

    class Meta:
        model = Need

    external_id = factory.Sequence(lambda n: f"n-test-{n:04d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Behov {n}")
    description = "Ett behov för tester."
    status = Need.Status.OPEN


class EndorsementFactory(DjangoModelFactory):
    """Another municipality's "vi har också detta behov"; pass one that shares a consortium."""

    class Meta:
        model = Endorsement

    need = factory.SubFactory(NeedFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    comment = ""


class ProjectFactory(DjangoModelFactory):
    """A project idea of a consortium; the owner is made a member of the consortium if it is
    not one, participates, and the project answers one need of the owner unless `needs` is
    given."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    consortium = factory.SubFactory(ConsortiumFactory)
    owner = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    status = Project.Status.IDEA

    @factory.post_generation
    def links(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        ConsortiumMembership.objects.get_or_create(
            consortium=obj.consortium, municipality=obj.owner
        )
        obj.participants.add(obj.owner)

    @factory.post_generation
    def needs(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        obj.needs.set(extracted if extracted is not None else [NeedFactory(municipality=obj.owner)])

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.participants.add(*extracted)


class NeedsAnalysisItemFactory(DjangoModelFactory):
    """A done item of a project's needs analysis checklist."""

    class Meta:
        model = NeedsAnalysisItem
        django_get_or_create = ("project", "kind")

    project = factory.SubFactory(ProjectFactory)
    kind = NeedsAnalysisItem.Kind.STUDY_VISITS
    done = True
    notes = "Digitalt studiebesök hos Stockholms stads arbetsmarknadsförvaltning."


class PartnerConfirmationFactory(DjangoModelFactory):
    """A partner's signed cooperation form; `signed_on=None` leaves it requested only. The
    municipality is made a participant of the project."""

    class Meta:
        model = PartnerConfirmation
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    requested_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    signed_by_name = "Britt-Marie Ekström"
    signed_by_title = "socialdirektör"
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    board_decision_reference = "Socialnämnden 2023-09-04 § 5"
    file = factory.django.FileField(filename="samverkansblankett.pdf", data=b"%PDF-1.4 signed")
    file_name = "samverkansblankett.pdf"

    @factory.post_generation
    def taking_part(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            ConsortiumMembership.objects.get_or_create(
                consortium=obj.project.consortium, municipality=obj.municipality
            )
            obj.project.participants.add(obj.municipality)


class MotionFactory(DjangoModelFactory):
    """An open motion of a consortium, voting from an hour ago for a week; every member
    municipality gets its (empty) vote, as `motion_create` does."""

    class Meta:
        model = Motion
        skip_postgeneration_save = True

    consortium = factory.SubFactory(ConsortiumFactory)
    number = factory.Sequence(lambda n: f"2026/{n + 1:03d}")
    title = factory.Sequence(lambda n: f"Beslutsärende {n}")
    proposal = "Att söka utlysningen med projektet för samtliga medlemmar."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @factory.post_generation
    def electorate(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            for membership in obj.consortium.memberships.all():
                Vote.objects.get_or_create(motion=obj, municipality_id=membership.municipality_id)


class DeputyFactory(DjangoModelFactory):
    """Marks a steering role as a deputy's; pass `assignment`."""

    class Meta:
        model = Deputy
