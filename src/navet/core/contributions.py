"""Higher apps add to lower apps' pages in the open, as wagtail's hooks do.

An app may import only the apps below it (docs/architecture.md), and its templates name only
their own URLs and those below. When a higher app has something to show on a lower app's page –
the matching suggestions on a need's page, the budget on a project's page – it registers a
template for a named slot in its `AppConfig.ready`; the lower page renders the slot with
`{% contributions "slot" %}` (`core/templatetags/contributions.py`) and knows nothing of who
fills it. Each registration is one line in the higher app's `apps.py`, so the apps' `apps.py`
files list every slot and what fills it.
"""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Contribution:
    order: int  # lower first; the apps leave gaps of ten
    template: str


_slots: dict[str, list[Contribution]] = {}


def register(slot: str, template: str, *, order: int) -> None:
    """Show `template` in `slot` of a lower app's page, rendered with that page's context."""
    contributions = _slots.setdefault(slot, [])
    if any(c.template == template for c in contributions):
        return  # an app made ready twice (tests) registers once
    contributions.append(Contribution(order, template))
    contributions.sort()


def contributions(slot: str) -> list[str]:
    """The templates registered for `slot`, in their order."""
    return [c.template for c in _slots.get(slot, [])]
