"""Money, numbers and dates are formatted in one place, `navet.core.text`, and reach templates
through its filters (`sek`, `thousands`, `decimal`, `day`, `moment`, `{% due %}`)."""

import re
from pathlib import Path

import navet

ROOT = Path(navet.__file__).parent
TEMPLATE_FORMATS = re.compile(r'\|date:["\']Y-m-d|\|floatformat|\|intcomma')
PYTHON_FORMATS = re.compile(r":,[.\d]*[df]?\}|:,\}")


def test_templates_format_through_navets_filters() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in ROOT.rglob("*.html")
        for match in TEMPLATE_FORMATS.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_python_groups_digits_only_in_core_text() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in ROOT.rglob("*.py")
        if path != ROOT / "core" / "text.py"
        for match in PYTHON_FORMATS.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
