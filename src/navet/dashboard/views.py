from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from navet.core.http import AuthenticatedHttpRequest
from navet.organisations import selectors
from navet.organisations.models import Role
from navet.organisations.permissions import permissions_for


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The start page: what the user's roles let them do, and the flow of work."""
    permissions = permissions_for(request.user)
    consortia = list(selectors.consortia_for(request.user))
    coordinated = {c.pk for c in consortia if Role.COORDINATOR in permissions.roles_in(c)}
    gaps = selectors.members_without_steering(coordinated)
    cards = [
        {
            "consortium": consortium,
            "roles": sorted(r.label for r in permissions.roles_in(consortium)),
            "coordinates": consortium.pk in coordinated,
            "without_steering": gaps.get(consortium.pk, []),
        }
        for consortium in consortia
    ]
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "assignments": selectors.role_assignments_of(request.user),
            "consortia": cards,
            "own_municipalities": selectors.own_municipalities(request.user),
            "is_admin": permissions.is_admin,
        },
    )
