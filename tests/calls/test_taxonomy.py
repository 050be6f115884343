"""The taxonomy of themes and target groups: pure Python, read from the data files."""

import dataclasses
import subprocess
import sys

import pytest

from navet.calls.taxonomy import (
    TargetGroup,
    Theme,
    related_themes,
    target_group_label,
    target_groups,
    theme_label,
    themes,
    validate_slugs,
)

# Every slug of the taxonomy (shared/data/themes.md), in its order: 34 themes, 24 target groups.
THEMES = [
    "arbete-sysselsattning",
    "kompetensutveckling-validering",
    "foretagande",
    "sprak",
    "utbildning",
    "samhallsorientering",
    "boende-bosattning",
    "mottagande-beredskap",
    "samverkan-metodutveckling",
    "halsa",
    "psykisk-halsa",
    "barn-unga",
    "ensamkommande",
    "foraldraskap",
    "familjeaterforening",
    "flyktingguider-natverk",
    "civilsamhalle",
    "foreningsliv-fritid",
    "kultur",
    "digital-inkludering",
    "jamstalldhet",
    "utrikesfodda-kvinnor",
    "vald-heder",
    "hbtqi",
    "antidiskriminering",
    "demokrati-delaktighet",
    "segregation",
    "brottsforebyggande",
    "ekonomisk-utsatthet",
    "funktionsnedsattning",
    "aldre",
    "kompetens-personal",
    "internationellt-samarbete",
    "romsk-inkludering",
]
TARGET_GROUPS = [
    "nyanlanda-ersattningsforordningen",
    "nyanlanda-anvisade",
    "egenbosatta",
    "kvotflyktingar",
    "ensamkommande",
    "gymnasielagen",
    "skyddsbehovande-massflykt",
    "asylsokande",
    "anhoriginvandrare",
    "utrikesfodda",
    "utrikesfodda-kvinnor",
    "tredjelandsmedborgare",
    "foraldralediga",
    "etableringsprogrammet",
    "unga-uvas",
    "barn-0-11",
    "unga-12-25",
    "personer-med-funktionsnedsattning",
    "aldre-65",
    "boende-utsatta-omraden",
    "vald-utsatta",
    "romer",
    "hbtqi-personer",
    "kommunal-personal",
]


def test_every_theme_is_loaded_in_order() -> None:
    assert len(THEMES) == 34
    assert [theme.slug for theme in themes()] == THEMES
    assert all(isinstance(theme, Theme) for theme in themes())


def test_every_target_group_is_loaded_in_order() -> None:
    assert len(TARGET_GROUPS) == 24
    assert [group.slug for group in target_groups()] == TARGET_GROUPS
    assert all(isinstance(group, TargetGroup) for group in target_groups())


def test_related_themes_go_both_ways_and_are_known_themes() -> None:
    related = related_themes()
    assert "civilsamhalle" in related["flyktingguider-natverk"]
    assert "flyktingguider-natverk" in related["civilsamhalle"]
    assert all(slug in THEMES for pair in related.items() for slug in (pair[0], *pair[1]))
    assert all(slug not in others for slug, others in related.items())


def test_files_are_read_once_and_entries_cannot_change() -> None:
    assert themes() is themes()
    assert target_groups() is target_groups()
    with pytest.raises(dataclasses.FrozenInstanceError):
        themes()[0].sv = "Något annat"  # type: ignore[misc]


def test_every_entry_has_a_swedish_and_an_english_label() -> None:
    for entry in (*themes(), *target_groups()):
        assert entry.sv.strip()
        assert entry.en.strip()
        assert entry.sv == entry.sv.strip()
        assert entry.en == entry.en.strip()


@pytest.mark.parametrize(
    ("slug", "sv", "en"),
    [
        ("sprak", "Språk (svenska)", "Language (Swedish)"),
        ("hbtqi", "HBTQI+", "LGBTQI+"),
        (
            "flyktingguider-natverk",
            "Flyktingguider, familjekontakter och sociala nätverk",
            "Refugee guides, host families, social networks",
        ),
        ("aldre", "Äldre", "Older people"),
    ],
)
def test_theme_labels(slug: str, sv: str, en: str) -> None:
    assert theme_label(slug) == sv
    assert theme_label(slug, "sv") == sv
    assert theme_label(slug, language="en") == en


@pytest.mark.parametrize(
    ("slug", "sv", "en"),
    [
        ("barn-0-11", "Barn 0–11 år", "Children 0–11"),
        ("egenbosatta", "Egenbosatta (EBO)", "Self-settled (own accommodation)"),
        (
            "skyddsbehovande-massflykt",
            "Skyddsbehövande från Ukraina enligt massflyktsdirektivet",
            "Persons under temporary protection (Ukraine, Temporary Protection Directive)",
        ),
        ("ensamkommande", "Ensamkommande barn och unga", "Unaccompanied children and youth"),
    ],
)
def test_target_group_labels(slug: str, sv: str, en: str) -> None:
    assert target_group_label(slug) == sv
    assert target_group_label(slug, "en") == en


def test_a_slug_is_a_theme_or_a_target_group_as_the_taxonomy_says() -> None:
    assert theme_label("ensamkommande", "en") == "Unaccompanied minors and youth"
    with pytest.raises(KeyError):
        theme_label("kvotflyktingar")
    with pytest.raises(KeyError):
        target_group_label("sprak")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="språk"):
        theme_label("sprak", "de")


def test_validate_slugs_reports_unknown_ones_and_keeps_the_order() -> None:
    known, unknown = validate_slugs(
        ["sprak", "okant-tema", "halsa", "sprak", "okant-tema", "kvotflyktingar"], "theme"
    )
    assert known == ["sprak", "halsa"]
    assert unknown == ["okant-tema", "kvotflyktingar"]


def test_validate_slugs_forgives_blanks_and_case_from_spreadsheets() -> None:
    known, unknown = validate_slugs([" Sprak", "", "  ", "HALSA ", "halsa", "Påhittad"], "theme")
    assert known == ["sprak", "halsa"]
    assert unknown == ["Påhittad"]


def test_validate_slugs_for_target_groups() -> None:
    assert validate_slugs(["kvotflyktingar", "sprak", "romer"], "target_group") == (
        ["kvotflyktingar", "romer"],
        ["sprak"],
    )
    assert validate_slugs([], "target_group") == ([], [])
    assert validate_slugs(iter(THEMES), "theme") == (THEMES, [])


def test_validate_slugs_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="theme"):
        validate_slugs(["sprak"], "themes")  # type: ignore[arg-type]


@pytest.mark.parametrize("module", ["navet.calls.taxonomy", "navet.calls.inference"])
def test_pure_modules_import_no_django(module: str) -> None:
    probe = (
        f"import sys, {module}\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
