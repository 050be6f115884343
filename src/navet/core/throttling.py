"""Login throttling with two limits: per user name and address, and per address alone.

django-axes compares every lockout parameter with one failure limit. Navet needs a higher limit
for an address than for one account at it (a municipality's office shares one address), so this
handler counts both and reports the account's count, or the account limit once the address has
reached its own. AXES_LOCKOUT_PARAMETERS lists the two, account first.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottle(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        account_attempts, address_attempts = self.get_user_attempts(request, credentials)
        account = _failures(account_attempts)
        if _failures(address_attempts) >= settings.NAVET_LOGIN_ADDRESS_FAILURE_LIMIT:
            # Read by the lockout page, which then names the address rather than the account.
            request.navet_address_locked = True  # type: ignore[attr-defined]
            return max(account, settings.AXES_FAILURE_LIMIT)
        return account

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A successful login clears its own account's failures, never the whole address's:
        otherwise one known password would let an attacker go on guessing the others."""
        account_attempts = self.filter_user_attempts(request, credentials)[0]
        count, _ = account_attempts.delete()
        return count
