"""Word-level comparison of two versions of a text, for a page that marks what was removed and
added with `<del>`/`<ins>` and words, not colour alone. Pure Python: no Django."""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["equal", "insert", "delete"]
_TOKENS = re.compile(r"\s+|[^\s]+")
SHORT_WORD = 3  # letters


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str


def _trivial(segment: Segment) -> bool:
    """Spaces, or one short word: kept between two changes it only chops them up."""
    words = segment.text.split()
    return not words or (len(words) == 1 and len(words[0]) <= SHORT_WORD)


def _merge(segments: list[Segment]) -> list[Segment]:
    """Each run of changes as one removal followed by one addition, so that a reader sees the
    old phrase and the new one whole; a trivial equal stretch inside a run joins both."""
    merged: list[Segment] = []
    removed, added = "", ""
    for index, segment in enumerate(segments):
        inside = 0 < index < len(segments) - 1 and removed + added
        if segment.kind == "equal" and not (inside and _trivial(segment)):
            merged += [Segment("delete", removed), Segment("insert", added), segment]
            removed, added = "", ""
        elif segment.kind == "equal":
            removed, added = removed + segment.text, added + segment.text
        elif segment.kind == "delete":
            removed += segment.text
        else:
            added += segment.text
    merged += [Segment("delete", removed), Segment("insert", added)]
    return [segment for segment in merged if segment.text]


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
