"""The application workspace's part of the generated data: an application to its call for every
project past the needs analysis that has a call, with the sections of the programme's template and
a few saved versions of them, written by the owner's contact and the coordinator.

How far the writing has come follows the project: at the decision a few sections are begun and
nothing is asked; while the application is written more of it is, and a review may be requested
or answered; a project that has submitted (and every later one) has an approved application with
every section written, some of them more than once. A withdrawn project keeps no application."""

from navet.applications.models import Application, Section, SectionVersion
from navet.applications.programme_templates import template_for
from navet.demo.scale import text
from navet.demo.scale.parts import Context
from navet.projects import lifecycle
from navet.projects.models import Project

WITHOUT_APPLICATION = frozenset({lifecycle.IDEA, lifecycle.NEEDS_ANALYSIS, lifecycle.WITHDRAWN})
WRITING = (
    Application.ReviewStatus.DRAFT,
    Application.ReviewStatus.DRAFT,
    Application.ReviewStatus.REVIEW_REQUESTED,
    Application.ReviewStatus.CHANGES_REQUESTED,
)


def applications(context: Context) -> None:
    rng = context.rng
    projects = sorted(
        (
            p
            for ps in context.projects_by_consortium.values()
            for p in ps
            if p.call_id is not None and p.status not in WITHOUT_APPLICATION
        ),
        key=lambda p: p.pk,
    )
    # The generated calls belong to no programme: every application has the general template.
    template = template_for()
    rows, plans = [], []
    for project in projects:
        status, written, revised = _progress(context, project, len(template.sections))
        coordinator = context.coordinators[project.consortium_id]
        rows.append(
            Application(
                project=project,
                call=project.call,
                template_key=template.key,
                template_name=template.name,
                review_status=status,
                review_round=1 if status != Application.ReviewStatus.DRAFT else 0,
                review_requested_by=context.contacts.get(project.owner_id)
                if status != Application.ReviewStatus.DRAFT
                else None,
                created_by=coordinator,
            )
        )
        plans.append((written, revised))
    stored = context.insert(Application, rows)
    sections = [
        Section(
            application=application,
            key=section.key,
            position=position,
            heading=section.heading,
            guidance=section.guidance,
            word_limit=section.word_limit,
        )
        for application in stored
        for position, section in enumerate(template.sections)
    ]
    versions = []
    count = len(template.sections)
    for number, (application, (written, revised)) in enumerate(zip(stored, plans, strict=True)):
        project = application.project
        writers = [context.coordinators[project.consortium_id]]
        if project.owner_id in context.contacts:
            writers.append(context.contacts[project.owner_id])
        topics = text.topics(rng)
        own = sections[number * count : (number + 1) * count]
        begun = sorted(rng.sample(own, written), key=lambda s: s.position)
        # Each begun section is saved once, and a few of them again.
        for section in [*begun, *rng.sample(begun, min(revised, written))]:
            section.version += 1
            section.text = text.paragraph(rng, topics, rng.randint(25, 70))
            versions.append(
                SectionVersion(
                    section=section,
                    number=section.version,
                    text=section.text,
                    author=rng.choice(writers),
                )
            )
    context.insert(Section, sections)
    # The versions take their section's key, given when the sections were stored.
    context.insert(SectionVersion, versions)


def _progress(
    context: Context, project: Project, sections: int
) -> tuple[Application.ReviewStatus, int, int]:
    """The review status, how many sections are begun and how many of them are saved again."""
    rng = context.rng
    if project.status == lifecycle.DECISION:
        return Application.ReviewStatus.DRAFT, rng.randint(1, 3), 0
    if project.status == lifecycle.APPLICATION:
        return rng.choice(WRITING), rng.randint(3, sections), rng.randint(0, 3)
    return Application.ReviewStatus.APPROVED, sections, rng.randint(1, 4)
