from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from navet.core.http import AuthenticatedHttpRequest
from navet.organisations import selectors
from navet.organisations.permissions import permissions_for


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The start page: what the user's roles let them do, and the flow of work."""
    permissions = permissions_for(request.user)
    consortia = [
        {
            "consortium": consortium,
            "roles": sorted(r.label for r in permissions.roles_in(consortium)),
        }
        for consortium in selectors.consortia_for(request.user)
    ]
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "assignments": selectors.role_assignments_of(request.user),
            "consortia": consortia,
            "is_admin": permissions.is_admin,
        },
    )
