"""Funders, their programmes (with the programme's rules as data) and the calls they publish."""

import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.calls.sources.page import valid_selector
from navet.core.limits import amount_limit, text_limit
from navet.core.search import SearchTermsField


class Applicant(models.TextChoices):
    """Kinds of organisation that may apply; the slugs of the interchange format."""

    KOMMUN = "kommun", _("Municipality")
    KOMMUNALFORBUND = "kommunalforbund", _("Association of local authorities")
    REGION = "region", _("Region")
    MYNDIGHET = "myndighet", _("Government agency")
    IDEELL = "ideell", _("Non-profit organisation")
    STIFTELSE = "stiftelse", _("Foundation")
    FORETAG = "foretag", _("Company")
    UTBILDNING = "utbildning", _("Education or research organisation")


def applicant_labels(slugs: list[str]) -> list[str]:
    """Readable names for applicant slugs; unknown slugs are shown as they are."""
    labels = dict(Applicant.choices)
    return [str(labels.get(slug, slug)) for slug in slugs]


class TaxonomyEntry(models.Model):
    """A slug of the taxonomy (navet.calls.taxonomy); rows are created as slugs are used."""

    slug = models.SlugField(primary_key=True, max_length=60)
    sv = models.CharField(max_length=120)
    en = models.CharField(max_length=120)

    class Meta:
        abstract = True
        ordering = ["sv"]

    def __str__(self) -> str:
        return self.sv


class Theme(TaxonomyEntry):
    pass


class TargetGroup(TaxonomyEntry):
    pass


class Funder(models.Model):
    class Kind(models.TextChoices):
        COUNTY_BOARD = "county_board", _("County administrative board")
        STATE_AGENCY = "state_agency", _("Government agency")
        EU = "eu", _("European Union")
        FOUNDATION = "foundation", _("Fund or foundation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    county_code = models.CharField(
        _("county code"),
        max_length=2,
        blank=True,
        help_text=_("A county board funds only its own county's municipalities; empty: all."),
    )

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A form of support (stödform) and its rules, as verified facts; None means not verified."""

    class ApplicantRule(models.TextChoices):
        ALONE = "alone", _("A municipality may apply alone")
        WITH_PARTNERS = "with_partners", _("A municipality applies together with partners")
        PARTNER_ONLY = "partner_only", _("A municipality may only be a partner")
        NOT_ELIGIBLE = "not_eligible", _("Municipalities may not apply")
        PER_CALL = "per_call", _("Stated in each call")

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=250)
    legal_basis = models.CharField(_("legal basis"), max_length=250, blank=True)
    eligible_applicants = models.JSONField(_("who may apply"), default=list, blank=True)
    applicant_rule = models.CharField(
        _("municipalities"), max_length=20, choices=ApplicantRule.choices
    )
    cofinancing_percent = models.DecimalField(
        _("co-financing (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    indirect_cost_cap_percent = models.DecimalField(
        _("cap on indirect costs (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximum project length (months)"), null=True, blank=True
    )
    reporting = models.TextField(_("reporting duties"), blank=True, **text_limit())
    unspent_repaid = models.BooleanField(_("unspent money is repaid"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, **text_limit())
    sources = models.TextField(_("sources"), blank=True, **text_limit())

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["funder__name", "name"]

    def __str__(self) -> str:
        return f"{self.funder.name}: {self.name}"

    def applicant_labels(self) -> list[str]:
        return applicant_labels(self.eligible_applicants)


class CallQuerySet(models.QuerySet["Call"]):
    def open_on(self, moment: datetime) -> "CallQuerySet":
        return self.filter(Q(opens__isnull=True) | Q(opens__lte=moment), closes__gte=moment)

    def coming_on(self, moment: datetime) -> "CallQuerySet":
        return self.filter(opens__gt=moment)

    def closed_on(self, moment: datetime) -> "CallQuerySet":
        return self.filter(closes__lt=moment)

    def open_or_expected_on(self, moment: datetime) -> "CallQuerySet":
        """Open calls and the expected ones not yet past: what needs are matched to, so that
        a needs analysis can start before the window opens."""
        return self.filter(
            Q(opens__isnull=True) | Q(opens__lte=moment) | Q(expected=True), closes__gte=moment
        )


class Call(models.Model):
    """A call for applications (utlysning). Public to every user of the installation."""

    class Classification(models.TextChoices):
        GIVEN = "given", _("Given by the source")
        INFERRED = "inferred", _("Suggested by Navet from the text")
        CONFIRMED = "confirmed", _("Set by the coordinator")

    class Status(models.TextChoices):
        COMING = "coming", _("Coming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    external_id = models.CharField(_("external id"), max_length=200, unique=True)
    funder = models.ForeignKey(
        Funder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("funder"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, **text_limit())
    # Their search terms (navet.core.search), kept by every save.
    search_title = SearchTermsField(sources=("title",))
    search_body = SearchTermsField(sources=("description",))
    url = models.URLField(_("address"), max_length=500, blank=True)
    opens = models.DateTimeField(_("opens"), null=True, blank=True)
    closes = models.DateTimeField(_("closes"))
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    min_amount_sek = models.PositiveBigIntegerField(
        _("smallest amount (SEK)"), null=True, blank=True, **amount_limit()
    )
    max_amount_sek = models.PositiveBigIntegerField(
        _("largest amount (SEK)"), null=True, blank=True, **amount_limit()
    )
    cofinancing_percent = models.DecimalField(
        _("co-financing (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    eligible_applicants = models.JSONField(_("who may apply"), default=list, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="calls", verbose_name=_("themes")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="calls", verbose_name=_("target groups")
    )
    classification = models.CharField(
        _("themes and target groups"),
        max_length=12,
        choices=Classification.choices,
        default=Classification.GIVEN,
    )
    # For suggested themes and target groups: the words of the text behind each suggestion.
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=5, default="sv")
    source = models.CharField(_("source"), max_length=200, blank=True)
    # An expected call: a window foreseen from the programme's earlier calls, or announced by a
    # funder without dates; it gives way to the real call when that arrives.
    expected = models.BooleanField(_("expected"), default=False)
    expected_note = models.CharField(_("why expected"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["closes", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__isnull=True) | Q(opens__lte=models.F("closes")),
                name="call_opens_before_it_closes",
            ),
            models.CheckConstraint(
                condition=Q(min_amount_sek__isnull=True)
                | Q(max_amount_sek__isnull=True)
                | Q(min_amount_sek__lte=models.F("max_amount_sek")),
                name="call_min_amount_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_percent__isnull=True)
                | Q(cofinancing_percent__gte=0, cofinancing_percent__lte=100),
                name="call_cofinancing_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def applicant_labels(self) -> list[str]:
        return applicant_labels(self.eligible_applicants)

    def status_on(self, moment: datetime) -> "Call.Status":
        if self.opens is not None and moment < self.opens:
            return Call.Status.COMING
        if moment > self.closes:
            return Call.Status.CLOSED
        return Call.Status.OPEN

    @property
    def status(self) -> "Call.Status":
        return self.status_on(timezone.now())

    def days_left_on(self, moment: datetime) -> int:
        """Whole calendar days until the closing day, in Stockholm time."""
        closing_day = timezone.localtime(self.closes).date()
        return (closing_day - timezone.localtime(moment).date()).days


class CallFollow(models.Model):
    """A user follows a call: its deadline reaches their calendar and digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_calls"
    )
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "call"], name="call_followed_once_per_user")
        ]

    def __str__(self) -> str:
        return _("%(user)s follows %(call)s") % {"user": self.user, "call": self.call}


class ThemeFollow(models.Model):
    """A user watches a theme: new calls with it reach their notifications and digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_themes"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="followers")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "theme"], name="theme_followed_once_per_user")
        ]

    def __str__(self) -> str:
        return _("%(user)s watches %(theme)s") % {"user": self.user, "theme": self.theme}


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of an iCalendar feed: one user's calls, or one municipality's."""

    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, municipality__isnull=True)
                | Q(user__isnull=True, municipality__isnull=False),
                name="calendar_feed_belongs_to_a_user_or_a_municipality",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(user__isnull=False), name="one_feed_per_user"
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(municipality__isnull=False),
                name="one_feed_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return _("Calendar of %(owner)s") % {"owner": self.user or self.municipality}


# What a coordinator sets on a source: the form, the service and the audit trail use these.
SOURCE_SETTINGS = (
    "name",
    "format",
    "url",
    "schedule",
    "default_funder",
    "default_programme",
    "active",
    "region_selector",
    "region_start",
    "region_end",
    "topic_prefixes",
)


class Source(models.Model):
    """A place Navet fetches calls from on a schedule: a feed or the EU portal's search."""

    class Format(models.TextChoices):
        RSS = "rss", _("RSS or Atom feed")
        ICAL = "ical", _("iCalendar feed")
        SEDIA = "sedia", _("EU Funding & Tenders Portal (search API)")
        VINNOVA = "vinnova", _("Vinnova's open data (application rounds)")
        PAGE = "page", _("Web page without a feed (watched for changes)")

    class Schedule(models.TextChoices):
        MANUAL = "manual", _("Only when asked")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    name = models.CharField(_("name"), max_length=150, unique=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    url = models.URLField(_("address"), max_length=500)
    schedule = models.CharField(
        _("schedule"), max_length=10, choices=Schedule.choices, default=Schedule.DAILY
    )
    default_funder = models.ForeignKey(
        Funder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feeds",
        verbose_name=_("funder of its calls"),
    )
    default_programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feeds",
        verbose_name=_("programme of its calls"),
    )
    active = models.BooleanField(_("active"), default=True)
    region_selector = models.CharField(
        _("content region (CSS selector)"),
        max_length=200,
        blank=True,
        help_text=_("Only this part of a watched page is compared, e.g. main or #content."),
    )
    region_start = models.CharField(
        _("content starts after"),
        max_length=200,
        blank=True,
        help_text=_("Or: the text the watched part of the page begins after."),
    )
    region_end = models.CharField(
        _("content ends before"),
        max_length=200,
        blank=True,
        help_text=_("And the text it ends before."),
    )
    topic_prefixes = models.CharField(
        _("only topics beginning with"),
        max_length=100,
        blank=True,
        help_text=_("EU portal: identifiers the calls must begin with, e.g. AMIF-; CERV-."),
    )
    # Set for the sources of `navet seed sources`; `customised` once a user changed one, after
    # which the catalogue leaves it alone.
    catalogue_key = models.SlugField(max_length=80, blank=True, editable=False)
    customised = models.BooleanField(default=False, editable=False)
    # For watched pages: the text seen last time, and its SHA-256.
    page_text = models.TextField(blank=True, editable=False)
    page_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue_key"],
                condition=~Q(catalogue_key=""),
                name="source_catalogue_key_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.default_programme is not None
            and self.default_funder is not None
            and self.default_programme.funder_id != self.default_funder.pk
        ):
            raise ValidationError(
                _("The programme %(programme)s is not one of %(funder)s's.")
                % {"programme": self.default_programme.name, "funder": self.default_funder}
            )
        if bool(self.region_start) != bool(self.region_end):
            raise ValidationError(
                _("Give both the text the content starts after and the text it ends before.")
            )
        if self.region_selector and not valid_selector(self.region_selector):
            raise ValidationError(
                _("%(selector)s is not a CSS selector.") % {"selector": self.region_selector}
            )
        if self.region_selector and self.region_start:
            raise ValidationError(
                _("Choose the content region by a CSS selector or by markers, not both.")
            )


class ImportRun(models.Model):
    """One ingestion of a source (or an uploaded file): its progress and its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)  # records read from the source
    processed = models.PositiveIntegerField(default=0)  # of those, handled so far (progress)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    page_changes = models.JSONField(default=list, blank=True)  # lines added to a watched page
    page_removed = models.JSONField(default=list, blank=True)  # and the lines removed from it
    # A changed page is a review for the coordinators until one of them has reviewed it.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_call = models.ForeignKey(
        Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source or _('File')} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED)
