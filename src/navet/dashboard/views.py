from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from navet.core.http import AuthenticatedHttpRequest
from navet.dashboard import selectors as work
from navet.dashboard.todo import Group, count, ordered
from navet.organisations import selectors
from navet.organisations.models import Role
from navet.organisations.permissions import permissions_for


def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The start page: each role's work to do, most urgent first, then the flow of work."""
    permissions = permissions_for(request.user)
    consortia = list(selectors.consortia_for(request.user))
    now = timezone.now()
    todo = []
    reviews = [work.page_reviews(request.user)]  # shared by all consortia: listed once
    for consortium in consortia:
        groups = []
        if permissions.coordinates(consortium.pk):
            groups += work.coordinator_groups(request.user, consortium, now) + reviews
            reviews = []
        if permissions.seats_in(consortium.pk):
            groups += work.steering_groups(request.user, consortium, now)
        if groups:
            todo.append(_block(consortium.name, groups))
    years = [
        work.year_in_numbers(request.user, consortium, now.year)
        for consortium in consortia
        if Role.VIEWER in permissions.roles_in(consortium)
    ]
    own = selectors.own_municipalities(request.user)
    if permissions.contact_for:
        names = ", ".join(m.name for m in own)
        todo.append(_block(names, work.contact_groups(request.user, now)))
    cards = [
        {
            "consortium": consortium,
            "roles": sorted(r.label for r in permissions.roles_in(consortium)),
        }
        for consortium in consortia
    ]
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "assignments": selectors.role_assignments_of(request.user),
            "consortia": cards,
            "todo": todo,
            "years": years,
            "today": now.date(),
            "own_municipalities": own,
            "is_admin": permissions.is_admin,
        },
    )


def _block(name: str, groups: list[Group]) -> dict[str, object]:
    kept = ordered(groups)
    return {"name": name, "groups": kept, "count": count(kept), "key": slugify(name)}
