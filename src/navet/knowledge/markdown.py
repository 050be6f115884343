"""Markdown to safe HTML: markdown-it renders (raw HTML off), nh3 sanitises what comes out.

Pure: imports no Django, so it is tested alone. The template filter `markdown` in
`templatetags/knowledge.py` marks the result safe.
"""

import nh3
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
SCHEMES = {"http", "https", "mailto"}

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render(text: str) -> str:
    """Safe HTML for a description written in Markdown. Headings start at level 2 (the page
    has its own h1); scripts, event handlers and javascript: links never survive."""
    html = _renderer.render(text or "")
    return sanitise(html.replace("<h1>", "<h2>").replace("</h1>", "</h2>"))


def sanitise(html: str) -> str:
    """Keep only harmless tags and attributes, and links to http, https and mailto."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
