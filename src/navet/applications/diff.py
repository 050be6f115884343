"""Word-level comparison of two versions of a text, for a page that marks what was removed and
added with `<del>`/`<ins>` and words, not colour alone. Pure Python: no Django."""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["equal", "insert", "delete"]
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        elif segment.text:
            merged.append(segment)
    return merged


def compare(old: str, new: str) -> list[Segment]:
    """The segments that turn `old` into `new`: equal, deleted (from old), inserted (from new)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return _merge(segments)


def counts(segments: list[Segment]) -> tuple[int, int]:
    """Words removed and added."""
    removed = sum(len(s.text.split()) for s in segments if s.kind == "delete")
    added = sum(len(s.text.split()) for s in segments if s.kind == "insert")
    return removed, added
