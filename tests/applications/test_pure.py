"""The pure modules: templates, comparison, similarity and the completeness check."""

from datetime import date

from navet.applications import completeness, diff, programme_templates, similarity
from navet.applications.completeness import BudgetFacts, Item, SectionFacts
from navet.core.text import gettext_lazy

TODAY = date(2026, 11, 23)


def said(item: Item) -> str:
    """What the checklist says of the item, as the page shows it (in Swedish)."""
    return " ".join(map(str, item.details))


def test_every_template_has_the_fourteen_sections_and_no_invented_word_limits():
    templates = programme_templates.templates()
    assert set(templates) == {"lst-37", "lst-37a", "esf-plus", "amif", "arvsfonden", "allman"}
    for template in templates.values():
        assert len(template.sections) == 14
        assert len({s.key for s in template.sections}) == 14
        assert all(s.word_limit is None for s in template.sections)
        assert all(s.heading and s.guidance for s in template.sections)


def test_template_choice():
    assert programme_templates.template_for("esf-plus").key == "esf-plus"
    assert programme_templates.template_for("lst-vg-37", "§37").key == "lst-37"
    assert programme_templates.template_for("x", "§ 37 a").key == "lst-37a"
    assert programme_templates.template_for("", "").key == "allman"
    amif = programme_templates.template_for("amif")
    target = next(s for s in amif.sections if s.key == "target_group")
    assert "tredjelandsmedborgare" in target.guidance


def test_compare_marks_removed_and_added_words():
    segments = diff.compare("Vi når 40 deltagare.", "Vi når 60 nyanlända deltagare.")
    kinds = [(s.kind, s.text) for s in segments]
    assert ("delete", "40") in kinds
    assert ("insert", "60 nyanlända") in kinds
    assert diff.counts(segments) == (1, 2)
    assert "".join(s.text for s in segments if s.kind != "delete") == (
        "Vi når 60 nyanlända deltagare."
    )
    assert diff.compare("", "") == []


def test_most_similar_puts_granted_first():
    candidates = [
        similarity.Candidate(1, "digital kunskap för nyanlända", granted=False),
        similarity.Candidate(2, "digital kunskap", granted=True),
        similarity.Candidate(3, "bostäder", granted=True),
    ]
    matches = similarity.most_similar("digital kunskap för nyanlända", candidates)
    assert [m.id for m in matches] == [2, 1]
    assert matches[1].score == 1.0


def test_checklist_items_and_score():
    sections = [
        SectionFacts("purpose", "Syfte", "ett två tre", word_limit=2),
        SectionFacts("goals", "Mål", "mål", word_limit=None),
        SectionFacts("risks", "Risker", "  "),
    ]
    checklist = completeness.check(
        sections, BudgetFacts(requested_sek=900_000, max_sek=800_000), date(2026, 12, 1), TODAY
    )
    by_key = {item.key: item for item in checklist.items}
    assert said(by_key["section-purpose"]) == "3 ord, mallen tillåter högst 2."
    assert by_key["section-goals"].ok
    assert not by_key["section-risks"].ok
    assert not by_key["budget"].ok
    assert "mer än utlysningens högsta belopp 800\u00a0000\u00a0kr" in said(by_key["budget"])
    assert said(by_key["deadline"]) == "8 dagar kvar, utlysningen stänger 2026-12-01."
    assert checklist.score == 40
    assert not checklist.complete


def test_checklist_budget_rules():
    no_budget = completeness.budget_item(BudgetFacts(requested_sek=500_000, min_sek=100_000))
    assert not no_budget.ok
    assert said(no_budget) == "Projektet har ingen budget än."
    assert "inget sökt belopp" in said(completeness.budget_item(BudgetFacts(requested_sek=None)))
    small = completeness.budget_item(BudgetFacts(requested_sek=50_000, min_sek=100_000))
    assert "mindre än utlysningens minsta belopp" in said(small)
    # With a budget, the budget builder's own verdict counts (it checks the call's range).
    broken = completeness.budget_item(
        BudgetFacts(
            requested_sek=500_000,
            max_sek=100_000,
            total_sek=500_000,
            problems=(gettext_lazy("Indirect costs."),),
        )
    )
    assert said(broken) == "Indirect costs."  # not in the catalogue: as written
    fine = completeness.budget_item(
        BudgetFacts(
            requested_sek=500_000, total_sek=500_000, notes=(gettext_lazy("Not verified."),)
        )
    )
    assert fine.ok
    assert said(fine) == (
        "500\u00a0000\u00a0kr sökt av en budget på 500\u00a0000\u00a0kr, som följer reglerna. "
        "Not verified."
    )


def test_deadline_item():
    assert not completeness.deadline_item(date(2026, 11, 22), TODAY).ok
    assert said(completeness.deadline_item(TODAY, TODAY)).startswith("Utlysningen stänger i dag")
    assert said(completeness.deadline_item(date(2026, 11, 24), TODAY)).startswith("1 dag kvar")
    assert not completeness.deadline_item(None, TODAY).ok
    both = BudgetFacts(requested_sek=1, total_sek=1)
    assert completeness.check([], both, None, TODAY).score == 50
