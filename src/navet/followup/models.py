"""Budget and follow-up of a project: budget lines with their planned spending, expenditures
(utfall) entered by hand or imported from ledger exports, indicators, report deadlines and the
coordinator's interventions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from navet.core.limits import amount_limit, signed_amount_limit, text_limit
from navet.organisations.models import Municipality
from navet.projects.models import Project


class Category(models.TextChoices):
    """The cost categories of a budget (the keys of `budget.CATEGORIES`)."""

    STAFF = "staff", _("Staff")
    SERVICES = "services", _("Purchased services")
    PREMISES = "premises", _("Premises")
    TRAVEL = "travel", _("Travel")
    MATERIALS = "materials", _("Materials")
    INDIRECT = "indirect", _("Indirect costs")


class BudgetLine(models.Model):
    """A budget line (budgetpost): a category of one year, for the project as a whole or for one
    participating municipality, with its planned amount per quarter."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    category = models.CharField(_("cost category"), max_length=12, choices=Category.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participating municipality"),
    )
    amount_sek = models.PositiveBigIntegerField(_("amount (kr)"), **amount_limit())
    # The planned amounts of the year's four quarters; empty: evenly over the project's quarters.
    profile = models.JSONField(_("planned per quarter"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "category", "municipality__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "category", "year", "municipality"],
                name="budget_line_once_per_municipality",
                violation_error_message=_("The budget already has this line."),
            ),
            models.UniqueConstraint(
                fields=["project", "category", "year"],
                condition=Q(municipality__isnull=True),
                name="budget_line_once_for_the_project",
                violation_error_message=_("The budget already has this line."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="budget_line_year_is_plausible",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        where = f" ({self.municipality})" if self.municipality_id else ""
        return f"{self.get_category_display()} {self.year}{where}"


class LedgerMapping(models.Model):
    """How a municipality's ledger export is read: chosen once, remembered for the next file."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="ledger_mapping"
    )
    date_column = models.CharField(_("date column"), max_length=100)
    amount_column = models.CharField(_("amount column"), max_length=100)
    account_column = models.CharField(_("account column"), max_length=100)
    text_column = models.CharField(_("text column"), max_length=100, blank=True)
    reference_column = models.CharField(_("voucher column"), max_length=100, blank=True)
    # Beside a debit amount column: the row's amount is debit less credit.
    credit_column = models.CharField(_("credit column"), max_length=100, blank=True)
    # Account prefixes to cost categories, e.g. {"5": "staff", "54": "materials"}.
    accounts = models.JSONField(_("accounts"), default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ledger mapping")
        verbose_name_plural = _("ledger mappings")

    def __str__(self) -> str:
        return str(self.municipality)


class LedgerImport(models.Model):
    """One imported ledger export: what it brought in, and who brought it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ledger_imports")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("file"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))
    total = models.DecimalField(_("total (kr)"), max_digits=16, decimal_places=2)
    # Rows of the file stored by an earlier import (a month's export holds the year so far), and
    # rows set aside for want of a budget line: they come in with a later file once mapped.
    already_there = models.PositiveIntegerField(_("rows already there"), default=0)
    set_aside = models.PositiveIntegerField(_("rows set aside"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class Expenditure(models.Model):
    """An expenditure (utfall) booked on a budget line."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        LEDGER = "ledger", _("Imported from the ledger")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="expenditures", verbose_name=_("project")
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="expenditures",
        verbose_name=_("budget line"),
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (kr)"), max_digits=14, decimal_places=2, **signed_amount_limit()
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    reference = models.CharField(_("voucher"), max_length=100, blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MANUAL
    )
    ledger_import = models.ForeignKey(
        LedgerImport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="expenditures",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["spent_on", "pk"]
        indexes = [models.Index(fields=["project", "spent_on"])]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.amount}"


class Indicator(models.Model):
    """A goal of the project, measured: from a baseline towards a target."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )
    name = models.CharField(_("goal"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ReportDeadline(models.Model):
    """A report the funder expects: an interim report or the final report, by a date."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="report_deadlines")
    kind = models.CharField(_("report"), max_length=8, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report deadline")
        verbose_name_plural = _("report deadlines")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"


class Intervention(models.Model):
    """What the coordinator did when results or money fell behind (the study's mandate, §6.3)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="interventions", verbose_name=_("project")
    )
    occurred_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300)
    action = models.TextField(_("what was done"), **text_limit())
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.reason}"
