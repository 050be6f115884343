"""Markdown in descriptions is rendered, and sanitised: no script, no event handler, no
javascript: link survives."""

from django.template import Context, Template

from navet.knowledge.markdown import render, sanitise


def test_markdown_renders_emphasis_lists_and_links():
    html = render("**Viktigt**\n\n- ett\n- två\n\n[Läs mer](https://example.se/a)")
    assert "<strong>Viktigt</strong>" in html
    assert "<li>två</li>" in html
    assert 'href="https://example.se/a"' in html
    assert "noopener" in html


def test_headings_start_below_the_pages_own_h1():
    assert "<h2>Rubrik</h2>" in render("# Rubrik")


def test_scripts_event_handlers_and_javascript_links_are_removed():
    html = render(
        "<script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(1)">\n\n'
        '<a href="#" onclick="alert(1)">klick</a>\n\n'
        "[lura](javascript:alert(1))\n\n"
        "[lura igen](JaVaScRiPt:alert(1))\n\n"
        '<a href="javascript:alert(1)">rå länk</a>'
    )
    lowered = html.lower()
    # Raw HTML is shown as text, never as markup; Markdown links to javascript: are not links.
    for tag in ("<script", "<img", '<a href="#"', '<a href="javascript'):
        assert tag not in lowered
    assert 'href="javascript' not in lowered.replace("&lt;a href=", "")


def test_the_sanitiser_removes_what_markup_could_smuggle_in():
    html = sanitise(
        '<p onclick="alert(1)">text</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><a href="https://example.se/" onmouseover="x">ok</a>'
    )
    assert "onclick" not in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onmouseover" not in html
    assert 'href="https://example.se/"' in html


def test_the_template_filter_marks_only_sanitised_html_safe():
    template = Template("{% load knowledge %}{{ text|markdown }}")
    html = template.render(Context({"text": "*hej* <script>alert(1)</script>"}))
    assert "<em>hej</em>" in html
    assert "<script>" not in html
