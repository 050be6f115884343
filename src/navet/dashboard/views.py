from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from navet.core.http import AuthenticatedHttpRequest
from navet.dashboard import selectors as work
from navet.dashboard.todo import count, ordered
from navet.organisations import selectors
from navet.organisations.permissions import permissions_for


def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The start page: each role's work to do, most urgent first, then the flow of work."""
    permissions = permissions_for(request.user)
    consortia = list(selectors.consortia_for(request.user))
    coordinated = permissions.coordinated_ids()
    now = timezone.now()
    todo = []
    for consortium in consortia:
        if consortium.pk in coordinated:
            groups = ordered(work.coordinator_groups(request.user, consortium, now))
            todo.append({"consortium": consortium, "groups": groups, "count": count(groups)})
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
            "today": now.date(),
            "own_municipalities": selectors.own_municipalities(request.user),
            "is_admin": permissions.is_admin,
        },
    )
