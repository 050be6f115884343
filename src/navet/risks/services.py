"""Writes to risks and the SWOT board: permission-checked, validated, atomic and audited with
the actor; and the notifications of overdue reviews, once per risk and review date."""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.notifications import notify
from navet.organisations.models import Consortium
from navet.projects.models import Project
from navet.risks.models import Risk, SwotItem
from navet.risks.permissions import (
    can_edit_project_risks,
    can_edit_risk,
    can_manage_consortium_risks,
)
from navet.risks.selectors import owner_choices, risk_consortium

# The fields the form and the API may change.
EDITABLE = (
    "title",
    "description",
    "likelihood",
    "consequence",
    "owner",
    "measures",
    "status",
    "review_on",
)


def _check_owner(owner: User | None, consortium: Consortium) -> None:
    if owner is None:
        raise DomainError(_("Choose the risk's owner."))
    if not owner_choices(consortium).filter(pk=owner.pk).exists():
        raise DomainError(
            _("The owner must have a role in %(consortium)s.") % {"consortium": consortium.name}
        )


def risk_create(
    *,
    actor: User,
    title: str,
    likelihood: str,
    consequence: str,
    owner: User | None,
    consortium: Consortium | None = None,
    project: Project | None = None,
    description: str = "",
    measures: str = "",
    status: str = Risk.Status.OPEN,
    review_on: date | None = None,
) -> Risk:
    """Register a risk of `consortium` or of `project` (exactly one of them)."""
    if (consortium is None) == (project is None):
        raise DomainError(_("A risk belongs to a consortium or to a project."))
    if project is not None:
        can_edit_project_risks(actor, project).require()
        home = project.consortium
    else:
        assert consortium is not None  # noqa: S101
        can_manage_consortium_risks(actor, consortium).require()
        home = consortium
    _check_owner(owner, home)
    risk = Risk(
        consortium=consortium,
        project=project,
        title=title.strip(),
        description=description,
        likelihood=likelihood,
        consequence=consequence,
        owner=owner,
        measures=measures,
        status=status,
        review_on=review_on,
        created_by=actor,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(risk)
        risk.save()
    return risk


def risk_update(*, actor: User, risk: Risk, **fields: Any) -> Risk:
    """Change a risk; fields left out keep their values. A risk stays where it belongs."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"risk_update() cannot set {', '.join(sorted(unknown))}")
    stored = Risk.objects.select_related("consortium", "project__consortium", "project__owner").get(
        pk=risk.pk
    )
    can_edit_risk(actor, stored).require()
    if "owner" in fields:
        _check_owner(fields["owner"], risk_consortium(stored))
    for name, value in fields.items():
        setattr(stored, name, value)
    if "title" in fields:
        stored.title = stored.title.strip()
    with transaction.atomic(), acting_as(actor):
        full_clean(stored)
        stored.save()
    return stored


def swot_item_add(*, actor: User, consortium: Consortium, quadrant: str, text: str) -> SwotItem:
    """Add a line at the end of a quadrant of the consortium's SWOT board."""
    can_manage_consortium_risks(actor, consortium).require()
    last = SwotItem.objects.filter(consortium=consortium, quadrant=quadrant).aggregate(
        last=Max("position")
    )["last"]
    item = SwotItem(
        consortium=consortium,
        quadrant=quadrant,
        text=text.strip(),
        position=0 if last is None else last + 1,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(item)
        item.save()
    return item


def swot_item_update(*, actor: User, item: SwotItem, quadrant: str, text: str) -> SwotItem:
    can_manage_consortium_risks(actor, item.consortium).require()
    item.quadrant, item.text = quadrant, text.strip()
    with transaction.atomic(), acting_as(actor):
        full_clean(item)
        item.save()
    return item


def swot_item_delete(*, actor: User, item: SwotItem) -> None:
    can_manage_consortium_risks(actor, item.consortium).require()
    with transaction.atomic(), acting_as(actor):
        item.delete()


def review_reminders_send(today: date) -> int:
    """Tell each owner about their risks whose review date has passed, once per risk and review
    date (a new date, once passed, tells again). Returns the number of new notifications."""
    overdue = (
        Risk.objects.filter(review_on__lt=today, owner__isnull=False, owner__is_active=True)
        .exclude(status=Risk.Status.CLOSED)
        .select_related("owner")
        .order_by("pk")
    )
    sent = 0
    for risk in overdue:
        assert risk.owner is not None  # noqa: S101
        assert risk.review_on is not None  # noqa: S101
        sent += notify(
            user=risk.owner,
            key=f"risk-{risk.pk}-review-{risk.review_on.isoformat()}",
            title=_("The review of the risk “%(title)s” was due %(when)s.")
            % {"title": risk.title, "when": risk.review_on.isoformat()},
            url=reverse("risks:risk-detail", args=[risk.pk]),
        )
    return sent
