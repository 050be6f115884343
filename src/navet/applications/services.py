"""Writes to applications: permission-checked, validated, atomic and audited with the actor.

Every change of a section's text is a new `SectionVersion`, made by `_new_version`, which
succeeds only if the section is still at the version the writer started from (optimistic
concurrency, ADR 0013): a conditional UPDATE on the section's version number, which the database
applies to one writer at a time. The loser gets a `SectionConflict` with both texts and nothing
is overwritten.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications import programme_templates
from navet.applications.models import (
    Application,
    Comment,
    Section,
    SectionDraft,
    SectionVersion,
)
from navet.applications.permissions import (
    applications_for,
    can_review_application,
    can_write_application,
)
from navet.calls.models import Call
from navet.core.audit import acting_as
from navet.core.errors import DomainError, NotFound, full_clean
from navet.core.models import User
from navet.core.notifications import notify
from navet.knowledge.models import Entry
from navet.knowledge.permissions import entries_for
from navet.organisations.models import Role, RoleAssignment
from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.permissions import can_move_project
from navet.projects.selectors import refusal_message
from navet.projects.services import project_move
from navet.risks.selectors import risk_section_text

MAX_TEXT = 100_000  # characters in one section


class SectionConflict(DomainError):
    """Someone saved the section after the version the writer started from."""

    def __init__(self, section: Section, attempted: str) -> None:
        super().__init__(
            _(
                "Someone else saved this section while you were writing. Your text is not "
                "lost: compare the two, merge them and save again."
            )
        )
        self.section = section
        self.attempted = attempted


def application_create(*, actor: User, project: Project, call: Call | None = None) -> Application:
    """Start the project's application to `call` (default: the project's call), with the
    sections of the programme's template, all empty. A project standing at *decision* moves to
    *application in progress* with it, when the actor may move it (a coordinator)."""
    can_write_application(actor, project).require()
    call = call or project.call
    if call is None:
        raise DomainError(_("Choose a call: the project has none yet."))
    refused = lifecycle.writing_refusals(project.facts())
    if refused:
        raise DomainError(" ".join(refusal_message(r) for r in refused))
    if Application.objects.filter(project=project, call=call).exists():
        raise DomainError(_("The project already has an application to this call."))
    programme = call.programme
    template = programme_templates.template_for(
        programme.slug if programme else "", programme.name if programme else ""
    )
    application = Application(
        project=project,
        call=call,
        template_key=template.key,
        template_name=template.name,
        created_by=actor,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(application)
        application.save()
        Section.objects.bulk_create(
            Section(
                application=application,
                key=section.key,
                position=position,
                heading=section.heading,
                guidance=section.guidance,
                word_limit=section.word_limit,
            )
            for position, section in enumerate(template.sections)
        )
        if (
            project.status == lifecycle.DECISION
            and can_move_project(actor, project, lifecycle.APPLICATION).allowed
        ):
            project_move(actor=actor, project=project, to=lifecycle.APPLICATION)
    return application


def _new_version(
    *, actor: User, section: Section, text: str, based_on: int, **source: object
) -> SectionVersion:
    """Store `text` as the section's next version, unless someone saved after `based_on`."""
    if len(text) > MAX_TEXT:
        raise DomainError(_("A section holds at most %(count)d characters.") % {"count": MAX_TEXT})
    with transaction.atomic(), acting_as(actor):
        claimed = Section.objects.filter(pk=section.pk, version=based_on).update(
            text=text, version=based_on + 1, updated_at=timezone.now()
        )
        if claimed:
            version = SectionVersion.objects.create(
                section_id=section.pk, number=based_on + 1, text=text, author=actor, **source
            )
            _unapprove(section.application)
            # The writer's text is a version now: the draft kept while writing has done its job.
            SectionDraft.objects.filter(section_id=section.pk, author=actor).delete()
    if not claimed:
        current = Section.objects.get(pk=section.pk)
        raise SectionConflict(current, text)
    section.text, section.version = text, based_on + 1
    return version


def _unapprove(application: Application) -> None:
    """An approved application whose text changes is a draft again: the approval was of the
    text as it was."""
    if application.review_status == Application.ReviewStatus.APPROVED:
        application.review_status = Application.ReviewStatus.DRAFT
        application.save(update_fields=["review_status", "updated_at"])


def _normalise(text: str) -> str:
    """Line endings as `\n`, no trailing spaces at the end."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def section_save(
    *, actor: User, section: Section, text: str, based_on: int, merged: bool = False
) -> Section:
    """Save what the writer wrote, starting from version `based_on`. Saving the same text again
    makes no new version."""
    can_write_application(actor, section.application.project).require()
    text = _normalise(text)
    if text == section.text and based_on == section.version:
        return section
    origin = SectionVersion.Origin.MERGED if merged else SectionVersion.Origin.WRITTEN
    _new_version(actor=actor, section=section, text=text, based_on=based_on, origin=origin)
    return section


def section_draft_keep(
    *, actor: User, section: Section, text: str, based_on: int
) -> SectionDraft | None:
    """Keep what the writer has typed and not saved, while writing. A draft is never a version:
    the section's version stays as it is, so keeping one meets no conflict. A text equal to the
    saved one needs no draft."""
    can_write_application(actor, section.application.project).require()
    text = _normalise(text)
    if len(text) > MAX_TEXT:
        raise DomainError(_("A section holds at most %(count)d characters.") % {"count": MAX_TEXT})
    drafts = SectionDraft.objects.filter(section=section, author=actor)
    if text == section.text:
        drafts.delete()
        return None
    draft, _created = SectionDraft.objects.update_or_create(
        section=section, author=actor, defaults={"text": text, "based_on": based_on}
    )
    return draft


def section_restore(*, actor: User, section: Section, number: int, based_on: int) -> Section:
    """Make an earlier version's text the newest version (nothing is removed)."""
    can_write_application(actor, section.application.project).require()
    old = section.versions.filter(number=number).first()
    if old is None:
        raise NotFound(_("No such version."))
    _new_version(
        actor=actor,
        section=section,
        text=old.text,
        based_on=based_on,
        origin=SectionVersion.Origin.RESTORED,
        restored_from=number,
        source_note=_("Version %(number)d") % {"number": number},
    )
    return section


def _typed_or_saved(section: Section, typed: str | None) -> str:
    return section.text if typed is None else _normalise(typed)


def _appended(current: str, addition: str) -> str:
    return f"{current}\n\n{addition}".strip() if current.strip() else addition.strip()


def section_copy_section(
    *, actor: User, section: Section, source: Section, based_on: int, typed: str | None = None
) -> Section:
    """Add the text of an earlier application's section after the writer's text (`typed`, what
    the editor holds, or else the saved text), recording where it came from."""
    project = section.application.project
    can_write_application(actor, project).require()
    if source.application_id == section.application_id or not (
        applications_for(actor).filter(pk=source.application_id).exists()
    ):
        raise NotFound(_("No such section, or none you may see."))
    source_project = source.application.project
    _new_version(
        actor=actor,
        section=section,
        text=_appended(_typed_or_saved(section, typed), source.text),
        based_on=based_on,
        origin=SectionVersion.Origin.COPIED_SECTION,
        source_section=source,
        source_note=f"{source_project.title} ({source_project.owner.name}): {source.heading}",
    )
    return section


def section_copy_entry(
    *, actor: User, section: Section, entry: Entry, based_on: int, typed: str | None = None
) -> Section:
    """Add a knowledge-bank entry's description after the writer's text, recording the entry."""
    can_write_application(actor, section.application.project).require()
    if not entries_for(actor).filter(pk=entry.pk).exists():
        raise NotFound(_("No such knowledge entry."))
    _new_version(
        actor=actor,
        section=section,
        text=_appended(_typed_or_saved(section, typed), entry.description),
        based_on=based_on,
        origin=SectionVersion.Origin.COPIED_ENTRY,
        source_entry=entry,
        source_note=_("Knowledge bank: %(title)s") % {"title": entry.title},
    )
    return section


def section_fill_from_risks(
    *, actor: User, section: Section, based_on: int, typed: str | None = None
) -> Section:
    """Replace the risk section's text with the project's risk register. The text before is
    kept as a version, also what the writer had typed and not saved (`typed`)."""
    project = section.application.project
    can_write_application(actor, project).require()
    if section.key != "risks":
        raise DomainError(_("Only the risk section is filled from the risk register."))
    text = risk_section_text(project)
    if not text:
        raise DomainError(_("The project has no open risks in the risk register."))
    with transaction.atomic():
        if typed is not None:
            section_save(actor=actor, section=section, text=typed, based_on=based_on)
        _new_version(
            actor=actor,
            section=section,
            text=text,
            based_on=section.version if typed is not None else based_on,
            origin=SectionVersion.Origin.RISK_REGISTER,
            source_note=_("The risk register of %(title)s") % {"title": project.title},
        )
    return section


def comment_add(*, actor: User, section: Section, text: str) -> Comment:
    can_write_application(actor, section.application.project).require()
    text = text.strip()
    if not text:
        raise DomainError(_("Write the comment."))
    if len(text) > 5000:
        raise DomainError(_("A comment holds at most 5000 characters."))
    comment = Comment(section=section, author=actor, text=text)
    with transaction.atomic(), acting_as(actor):
        comment.save()
    return comment


def comment_resolve(*, actor: User, comment: Comment, resolved: bool = True) -> Comment:
    """Mark a comment resolved, or open it again."""
    can_write_application(actor, comment.section.application.project).require()
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = actor if resolved else None
    with transaction.atomic(), acting_as(actor):
        comment.save()
    return comment


def _coordinators(project: Project) -> list[User]:
    ids = RoleAssignment.objects.filter(
        role=Role.COORDINATOR, consortium_id=project.consortium_id
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def review_request(*, actor: User, application: Application) -> Application:
    """Ask the consortium's coordinators to review the application; each is notified."""
    project = application.project
    can_write_application(actor, project).require()
    Status = Application.ReviewStatus  # noqa: N806
    if application.review_status == Status.REVIEW_REQUESTED:
        raise DomainError(_("A review is already requested."))
    application.review_status = Status.REVIEW_REQUESTED
    application.review_round += 1
    application.review_requested_by = actor
    with transaction.atomic(), acting_as(actor):
        application.save()
        for coordinator in _coordinators(project):
            notify(
                user=coordinator,
                key=f"application-{application.pk}-review-{application.review_round}",
                title=_("%(name)s asks you to review the application of %(title)s.")
                % {"name": actor.get_full_name() or actor.username, "title": project.title},
                url=reverse("applications:application-detail", args=[application.pk]),
            )
    return application


def review_decide(*, actor: User, application: Application, approve: bool) -> Application:
    """The coordinator's answer to a review request: approved, or changes requested."""
    project = application.project
    can_review_application(actor, project).require()
    Status = Application.ReviewStatus  # noqa: N806
    if application.review_status != Status.REVIEW_REQUESTED:
        raise DomainError(_("Only an application whose review is requested can be reviewed."))
    application.review_status = Status.APPROVED if approve else Status.CHANGES_REQUESTED
    with transaction.atomic(), acting_as(actor):
        application.save()
        requester = application.review_requested_by
        if requester is not None and requester.pk != actor.pk:
            title = (
                _("The application of %(title)s is approved.")
                if approve
                else _("Changes are requested in the application of %(title)s.")
            )
            notify(
                user=requester,
                key=f"application-{application.pk}-reviewed-{application.review_round}",
                title=title % {"title": project.title},
                url=reverse("applications:application-detail", args=[application.pk]),
            )
    return application
