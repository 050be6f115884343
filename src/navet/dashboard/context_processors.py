from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from navet.core.notifications import unread_count
from navet.organisations.permissions import Permissions, permissions_for

# The main navigation follows the flow of work; each step appears once its pages exist.
NAVIGATION = [
    ("dashboard", _("Overview")),
    ("calls:call-list", _("Funding calls")),
    ("calls:calendar", _("Calendar")),
    ("needs:need-list", _("Needs")),
    ("matching:matches", _("Matches")),
    ("projects:project-list", _("Projects")),
    ("applications:application-list", _("Applications")),
    ("decisions:motion-list", _("Decisions")),
    ("economics:scenario", _("Economics")),
    ("risks:register", _("Risks")),
    ("knowledge:entry-list", _("Knowledge bank")),
    ("notifications", _("Notifications")),
    ("organisations:consortium-list", _("Consortia")),
    ("organisations:municipality-list", _("Municipalities")),
]
ADMIN_NAVIGATION = [("organisations:user-list", _("Users and roles"))]
# Shown only to users with a role: the work of a consortium, which others cannot see.
WITH_A_ROLE = {
    "needs:need-list",
    "matching:matches",
    "projects:project-list",
    "applications:application-list",
    "decisions:motion-list",
    "economics:scenario",
    "risks:register",
    "knowledge:entry-list",
}


def _has_a_role(permissions: Permissions) -> bool:
    return bool(permissions.is_admin or permissions.roles_by_consortium or permissions.contact_for)


def navigation(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {"navigation": []}
    permissions = permissions_for(request.user)
    items = NAVIGATION + (ADMIN_NAVIGATION if permissions.is_admin else [])
    if not _has_a_role(permissions):
        items = [item for item in items if item[0] not in WITH_A_ROLE]
    path = request.path
    entries = []
    for name, label in items:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        count = unread_count(request.user) if name == "notifications" else 0
        entries.append({"url": url, "label": label, "current": current, "count": count})
    return {"navigation": entries}
