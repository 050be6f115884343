"""Municipalities, consortia, memberships and the role assignments that scope what users may do."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from navet.core.limits import text_limit

scb_code_validator = RegexValidator(r"^\d{4}$", _("A municipality code has four digits."))
organisation_number_validator = RegexValidator(
    r"^\d{6}-\d{4}$", _("An organisation number is written 212000-0142.")
)


class Municipality(models.Model):
    """A Swedish municipality (kommun), identified by its SCB code."""

    code = models.CharField(
        _("SCB code"), max_length=4, unique=True, validators=[scb_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    # Bolagsverket's number of the municipality as a legal person; empty until known for sure.
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[organisation_number_validator],
    )
    county_code = models.CharField(_("county code"), max_length=2)
    county_name = models.CharField(_("county"), max_length=100)
    population = models.PositiveIntegerField(_("population"))
    population_year = models.PositiveSmallIntegerField(_("population year"))
    neighbours = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("neighbours (land border)")
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Consortium(models.Model):
    """A consortium (samverkan) of municipalities sharing a coordinator."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True, **text_limit())
    members: "models.ManyToManyField[Municipality, ConsortiumMembership]" = models.ManyToManyField(
        Municipality,
        through="ConsortiumMembership",
        related_name="consortia",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConsortiumMembership(models.Model):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="memberships"
    )
    joined_on = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "municipality"], name="membership_once_per_consortium"
            )
        ]

    def __str__(self) -> str:
        return _("%(municipality)s in %(consortium)s") % {
            "municipality": self.municipality,
            "consortium": self.consortium,
        }


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    STEERING = "steering", _("Steering representative")
    CONTACT = "contact", _("Municipal contact")
    VIEWER = "viewer", _("Viewer")
    ADMIN = "admin", _("Administrator")


# Which scope each role needs: (consortium, municipality).
ROLE_SCOPE = {
    Role.COORDINATOR: (True, False),
    Role.STEERING: (True, True),
    Role.CONTACT: (False, True),
    Role.VIEWER: (True, False),
    Role.ADMIN: (False, False),
}


def _scope_condition() -> Q:
    condition = Q()
    for role, (needs_consortium, needs_municipality) in ROLE_SCOPE.items():
        condition |= Q(
            role=role,
            consortium__isnull=not needs_consortium,
            municipality__isnull=not needs_municipality,
        )
    return condition


class RoleAssignment(models.Model):
    """One role of one user, scoped as the role requires.

    A coordinator, steering representative or viewer acts in one consortium; a steering
    representative also speaks for one member municipality; a municipal contact belongs to a
    municipality and reads every consortium it is a member of; an administrator acts
    installation-wide.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("consortium"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("municipality"),
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=_scope_condition(), name="role_assignment_scope_matches_role"
            ),
            # One constraint per scope shape, since NULLs are distinct in unique constraints.
            models.UniqueConstraint(
                fields=["user", "role", "consortium", "municipality"],
                name="role_assignment_unique_both",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "consortium"],
                condition=Q(municipality__isnull=True, consortium__isnull=False),
                name="role_assignment_unique_consortium",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(consortium__isnull=True, municipality__isnull=False),
                name="role_assignment_unique_municipality",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(consortium__isnull=True, municipality__isnull=True),
                name="role_assignment_unique_installation",
            ),
        ]

    def __str__(self) -> str:
        scope = " · ".join(str(part) for part in (self.consortium, self.municipality) if part)
        return f"{self.get_role_display()} ({scope})" if scope else self.get_role_display()

    def get_additional_data(self) -> dict[str, int]:
        """Kept with each audit entry, so the user's history shows roles given and removed."""
        return {"user": self.user_id}
