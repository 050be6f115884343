"""Watching a web page that publishes calls without a feed (Länsstyrelsen, ESF-rådet).

The page's readable text is compared with what was seen last time; a change becomes a review
task for the coordinator, with the lines that were added. No Django here.
"""

import difflib
import hashlib
import re

from navet.calls.sources.base import plain_text

_NOISE = re.compile(
    r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def page_text(content: bytes) -> str:
    """The text a reader sees: scripts, styles and comments dropped, markup removed."""
    return plain_text(_NOISE.sub(" ", _decode(content)))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def added_lines(before: str, after: str, limit: int = 30) -> list[str]:
    """The lines of `after` that were not in `before`, in page order."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[2:] for line in diff if line.startswith("+ ") and line[2:].strip()][:limit]


def _decode(content: bytes) -> str:
    declared = _CHARSET.search(content[:4096])
    encodings = [declared.group(1).decode("ascii", "ignore")] if declared else []
    for encoding in [*encodings, "utf-8", "cp1252"]:
        try:
            return content.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", "replace")
