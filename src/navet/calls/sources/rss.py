"""RSS and Atom feeds (feedparser). A news item is a call only if its text names a deadline."""

import feedparser

from navet.calls.interchange import Problem
from navet.calls.sources.base import Parsed, SourceDefaults, find_deadline, plain_text
from navet.core.text import gettext_lazy as _


def parse_rss(content: bytes, defaults: SourceDefaults) -> Parsed:
    parsed = Parsed()
    if b"<!ENTITY" in content[:10_000].upper():
        # Entity declarations are the stuff of XML bombs and external-entity attacks.
        parsed.problems.append(
            Problem(
                0,
                "",
                _("The feed declares DTD entities and is not read, for safety."),
                True,
            )
        )
        return parsed
    feed = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        reason = (
            _("The feed has no items: {error}.", error=feed.bozo_exception)
            if feed.get("bozo")
            else _("The feed has no items.")
        )
        parsed.problems.append(Problem(0, "", reason, True))
        return parsed
    for position, entry in enumerate(feed.entries, start=1):
        identifier = str(entry.get("id") or entry.get("link") or "").strip()
        title = plain_text(str(entry.get("title", "")))
        description = plain_text(str(entry.get("summary", "")))
        deadline = find_deadline(f"{title}\n{description}")
        if not identifier or deadline is None:
            reason = (
                _("The item has no id and no link.")
                if not identifier
                else _("No last day to apply was found in the text; the item is likely news.")
            )
            parsed.problems.append(Problem(position, identifier, reason, True))
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        parsed.records.append(
            {
                "external_id": f"{defaults.id_prefix}{identifier}"[:200],
                "funder": defaults.funder,
                "programme": defaults.programme,
                "title": title,
                "description": description,
                "url": str(entry.get("link", "")),
                "opens": f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
                if published
                else None,
                "closes": deadline.isoformat(),
                "language": defaults.language,
            }
        )
    return parsed
