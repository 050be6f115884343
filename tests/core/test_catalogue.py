"""Every sentence Navet's code marks for translation has its Swedish form in the catalogue."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import trans_real

import navet

MARKERS = {"_", "gettext", "gettext_lazy", "gettext_noop"}
CONTEXT_MARKERS = {"pgettext", "pgettext_lazy"}
PLURAL_MARKERS = {"ngettext", "ngettext_lazy"}


def marked_ids() -> Iterator[tuple[str, str | tuple[str, int]]]:
    """(file, catalogue key) of every literal passed to a translation marker in Navet's code."""
    root = Path(navet.__file__).parent
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name = node.func.id
            args = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            if name in MARKERS and args and isinstance(args[0], str):
                yield str(path.relative_to(root)), args[0]
            elif name in CONTEXT_MARKERS and len(args) == 2:  # noqa: PLR2004
                yield str(path.relative_to(root)), "\x04".join(args)
            elif name in PLURAL_MARKERS and args and isinstance(args[0], str):
                yield str(path.relative_to(root)), (args[0], 0)


def test_every_marked_sentence_is_translated_to_swedish() -> None:
    catalogue = trans_real.translation("sv")._catalog  # noqa: SLF001  (no public way to ask)
    missing = [f"{path}: {key}" for path, key in marked_ids() if key and key not in catalogue]
    assert missing == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "Det gick inte att spara"), ("en", "Could not save")],
)
def test_a_message_of_a_pure_module_reads_in_the_active_language(
    language: str, expected: str
) -> None:
    from navet.core.text import gettext_lazy  # noqa: PLC0415

    with translation.override(language):
        assert str(gettext_lazy("Could not save")) == expected
