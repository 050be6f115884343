"""Applications (ansökningar): the text a project sends to a call, section by section, with every
saved version, comments per section and a review status."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from navet.calls.models import Call
from navet.core.limits import SECTION, text_limit
from navet.knowledge.models import Entry
from navet.projects.models import Project


class Application(models.Model):
    """A project's application to a call; its sections come from the programme's template."""

    class ReviewStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW_REQUESTED = "review_requested", _("Review requested")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="applications", verbose_name=_("project")
    )
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    template_key = models.CharField(_("template"), max_length=40)
    template_name = models.CharField(_("template"), max_length=120)
    review_status = models.CharField(
        _("review status"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
    )
    # How many times a review was requested: each request notifies the coordinators anew.
    review_round = models.PositiveIntegerField(default=0, editable=False)
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("review requested by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "call"],
                name="one_application_per_project_and_call",
                violation_error_message=_("The project already has an application to this call."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.title} – {self.call.title}"


class Section(models.Model):
    """One section of an application. `text` and `version` are those of its latest version: a
    save names the version it was based on and succeeds only if that is still the latest."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(_("heading"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True, **text_limit())
    word_limit = models.PositiveIntegerField(_("word limit"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True, **text_limit(SECTION))
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="one_section_per_key"),
        ]

    def __str__(self) -> str:
        return self.heading


class SectionVersion(models.Model):
    """A saved text of a section; never changed. Where its text came from is recorded."""

    class Origin(models.TextChoices):
        WRITTEN = "written", _("Written")
        MERGED = "merged", _("Merged after a conflict")
        RESTORED = "restored", _("Restored")
        COPIED_SECTION = "copied_section", _("Copied from an earlier application")
        COPIED_ENTRY = "copied_entry", _("Copied from the knowledge bank")
        RISK_REGISTER = "risk_register", _("Filled from the risk register")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True, **text_limit(SECTION))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.WRITTEN
    )
    source_section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    source_entry = models.ForeignKey(
        Entry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    # The source in words, kept even if the source is removed later.
    source_note = models.CharField(_("source"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("section version")
        verbose_name_plural = _("section versions")
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "number"], name="one_section_version_per_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section.heading} v{self.number}"


class SectionDraft(models.Model):
    """What a writer has typed in a section and not saved, kept automatically while writing.
    Never a version: it neither moves the section's version nor meets a conflict; the writer
    opens it from the versions page and saves it as any text (from `based_on`)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("text"), blank=True, **text_limit(SECTION))
    based_on = models.PositiveIntegerField(_("written from version"))
    saved_at = models.DateTimeField(_("kept"), auto_now=True)

    class Meta:
        verbose_name = _("section draft")
        verbose_name_plural = _("section drafts")
        constraints = [
            models.UniqueConstraint(fields=["section", "author"], name="one_draft_per_writer"),
        ]

    def __str__(self) -> str:
        return f"{self.section.heading} ({self.saved_at:%Y-%m-%d %H:%M})"


class Comment(models.Model):
    """A reviewer's or a writer's comment on a section, resolved or not."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), **text_limit())
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["section", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="application_comment_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]
