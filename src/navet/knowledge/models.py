"""The knowledge bank (kunskapsbanken): methods, working practices, finished projects, lessons
learned, templates and course material that the municipalities of a consortium share, so that no
one has to "uppfinna hjulet på nytt" (§5.1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from navet.calls.models import TargetGroup, Theme
from navet.core.limits import text_limit
from navet.core.search import SearchTermsField
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project


class Entry(models.Model):
    """One piece of knowledge a municipality offers its consortium."""

    class Kind(models.TextChoices):
        METHOD = "method", _("Method")
        PRACTICE = "practice", _("Working practice")
        FINISHED_PROJECT = "finished_project", _("Finished project")
        LESSON = "lesson", _("Lesson learned")
        TEMPLATE = "template", _("Template")
        COURSE_MATERIAL = "course_material", _("Course material")

    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        related_name="knowledge_entries",
        verbose_name=_("consortium"),
    )
    owner = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="knowledge_entries",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, **text_limit())
    results = models.TextField(_("results"), blank=True, **text_limit())
    # Their search terms (navet.core.search), kept by every save.
    search_title = SearchTermsField(sources=("title",))
    search_body = SearchTermsField(sources=("description", "results"))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="knowledge_entries", verbose_name=_("themes")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="knowledge_entries", verbose_name=_("target groups")
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    links = models.TextField(_("links"), blank=True, **text_limit())  # one http(s) address per line
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_entries",
        verbose_name=_("project"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("knowledge entry")
        verbose_name_plural = _("knowledge entries")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["consortium", "kind"])]

    def __str__(self) -> str:
        return self.title

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def _attachment_path(instance: "Attachment", filename: str) -> str:
    return f"knowledge/{filename}"


class Attachment(models.Model):
    """A file attached to an entry (a template, course material, a report); stored under a name
    no user can steer, served only through a permission-checked view."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"entry": self.entry_id}


class Reuse(models.Model):
    """A municipality started a project idea from an entry: the link back, and who reused it."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="reuses", verbose_name=_("knowledge entry")
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reuses", verbose_name=_("project")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="knowledge_reuses",
        verbose_name=_("municipality"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "project"], name="reuse_once_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.entry}"

    def get_additional_data(self) -> dict[str, int]:
        return {"entry": self.entry_id}
