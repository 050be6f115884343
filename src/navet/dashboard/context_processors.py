from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from navet.core.notifications import unread_count
from navet.organisations.permissions import permissions_for

# The main navigation follows the flow of work; each step appears once its pages exist.
NAVIGATION = [
    ("dashboard", _("Overview")),
    ("calls:call-list", _("Funding calls")),
    ("calls:calendar", _("Calendar")),
    ("notifications", _("Notifications")),
    ("organisations:consortium-list", _("Consortia")),
    ("organisations:municipality-list", _("Municipalities")),
]
ADMIN_NAVIGATION = [("organisations:user-list", _("Users and roles"))]


def navigation(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {"navigation": []}
    is_admin = permissions_for(request.user).is_admin
    items = NAVIGATION + (ADMIN_NAVIGATION if is_admin else [])
    path = request.path
    entries = []
    for name, label in items:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        count = unread_count(request.user) if name == "notifications" else 0
        entries.append({"url": url, "label": label, "current": current, "count": count})
    return {"navigation": entries}
