"""Rank the open calls for a need, with reasons in Swedish (pure Python, no Django).

First the hard rules: a call is left out when it is not open on the day, when municipalities may
not apply, when it asks for more co-financing than the municipality can pay, or when its funder
serves another county. The rest is ranked by how well the call fits the need:

- themes and target groups, as concept weights: the need's own choice, and what `infer` reads in
  the Swedish or English text of both (so "digitalt utanförskap" meets "digital delaktighet", and
  an English EU call meets a Swedish need);
- the words themselves: Snowball stems weighed by how rare they are among the calls (tf-idf);
- practical fit, which only lowers a score: days left against the preparation the funder needs,
  and the amounts against the need's estimated cost.

The same input always gives the same ranking (ties are broken by call id).
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from navet.calls.geography import COUNTIES, call_scope
from navet.calls.inference import infer, stems
from navet.calls.taxonomy import target_group_label, theme_label
from navet.core.text import format_sek

MUNICIPALITY: Final = "kommun"
DEFAULT_PREPARATION_DAYS: Final = 14
WEIGHTS: Final = {"themes": 0.45, "target_groups": 0.2, "text": 0.35}
TITLE_WEIGHT: Final = 3.0  # a concept in the title counts this much more than in the description
INFERRED_NEED_WEIGHT: Final = 0.5  # a theme read in the need's text, not chosen by its authors
_REFUSES_MUNICIPALITIES: Final = re.compile(
    r"kommuner(?:[^.]{0,80})?\bkan inte (?:söka|vara sökande)|\bendast (?:ideella|företag)|"
    r"municipalities (?:are not eligible|cannot apply)",
    re.I,
)
# Sentences that rule something out ("Insatser för barn kan inte beviljas") say nothing of what a
# call is about; they are left out before its themes, target groups and words are read.
_RULES_OUT: Final = re.compile(
    r"\b(?:kan|får|ska) inte (?:beviljas|få|söka|vara sökande|användas|ges)|\bomfattas inte\b|"
    r"\bbeviljas inte\b|\bbehandlas inte\b|\bnot eligible\b|\bcannot (?:apply|be funded)\b|"
    r"\bare excluded\b",
    re.I,
)
_SENTENCE: Final = re.compile(r"(?<=[.!?;])\s+")
# A person's legal status decides which calls may serve them: a call for asylum seekers cannot
# fund work with newly arrived refugees who have residence permits. Each status and the wider
# group it belongs to; target groups not listed (children, staff, parents) are not a status.
_WIDER_STATUS: Final = {
    "nyanlanda-anvisade": "nyanlanda-ersattningsforordningen",
    "kvotflyktingar": "nyanlanda-ersattningsforordningen",
    "anhoriginvandrare": "nyanlanda-ersattningsforordningen",
    "etableringsprogrammet": "nyanlanda-ersattningsforordningen",
    "nyanlanda-ersattningsforordningen": "utrikesfodda",
    "gymnasielagen": "utrikesfodda",
    "skyddsbehovande-massflykt": "utrikesfodda",
    "asylsokande": "utrikesfodda",
    "utrikesfodda-kvinnor": "utrikesfodda",
    "tredjelandsmedborgare": "utrikesfodda",
    "utrikesfodda": "",
}
_STOPWORDS: Final = frozenset(
    stem
    for language, words in (
        (
            "sv",
            "och att det som en på är av för med till den har de inte om ett han men var jag sig "
            "från vi så kan man när år säga hon under också efter eller nu sin där vid mot ska "
            "skall hur sina vara bli blir dem du allt mycket än dessa även alla andra samt "
            "deras ni vår våra vi oss vilka vilken vill ha får få kunna kommun kommuner "
            "kommunen ingen "
            # the vocabulary of funding itself, shared by every call and every need
            "medfinansiering medfinansiera finansiera finansierar bidrag ansökan ansökningar "
            "söka sökande projekt projektet insats insatser medel kostnad kostnaderna budget "
            "kronor procent exempel behov behöver",
        ),
        (
            "en",
            "the and of to in for a an on with by from or as at be is are that this which can "
            "may their its it into other such including include will should also call calls "
            "project projects funding grant grants eligible applicants proposals",
        ),
    )
    for word in words.split()
    for stem in stems(word, language)
)


@dataclass(frozen=True, slots=True)
class Call:
    """A funding call as the engine sees it."""

    id: str
    title: str
    closes: date
    opens: date | None = None
    description: str = ""
    language: str = "sv"
    funder: str = ""
    funder_county: str = ""  # a county board's or region's county; "" when it serves all
    eligible_applicants: tuple[str, ...] = ()  # empty: not stated
    cofinancing_percent: float | None = None  # None: not stated
    min_amount_sek: int | None = None
    max_amount_sek: int | None = None
    preparation_days: int = DEFAULT_PREPARATION_DAYS
    themes: tuple[str, ...] = ()  # given by the source or a coordinator; empty: read the text
    target_groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Need:
    """A municipality's need as the engine sees it."""

    id: str
    municipality: str  # SCB code; its first two digits are the county
    title: str
    description: str = ""
    themes: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    cofinancing_capacity_percent: float = 0
    estimated_cost_sek: int | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    call: str
    score: float  # 0–1, rounded to three decimals
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Profile:
    themes: Mapping[str, float]
    groups: Mapping[str, float]
    terms: Mapping[str, float] = field(default_factory=dict)  # unit-length tf-idf vector
    words: Mapping[str, str] = field(default_factory=dict)  # stem -> a word of the text


class Matcher:
    """The calls, read once, ready to be ranked for any number of needs."""

    def __init__(self, calls: Iterable[Call]) -> None:
        self.calls = {call.id: call for call in calls}
        counts = {cid: _term_counts(_text(c), c.language) for cid, c in self.calls.items()}
        frequency = Counter(term for terms in counts.values() for term in terms)
        total = len(counts) + 1
        self._idf = {term: math.log(total / (n + 0.5)) for term, n in frequency.items()}
        self._default_idf = math.log(total / 0.5)
        self._profiles = {
            cid: _call_profile(call, self._vector(counts[cid])) for cid, call in self.calls.items()
        }

    def rank(self, need: Need, today: date, limit: int | None = None) -> list[Suggestion]:
        """The calls the need's municipality may apply to on `today`, best first."""
        profile = self.need_profile(need)
        suggestions = [
            self._suggest(need, profile, call, today)
            for call in self.calls.values()
            if exclusion(need, call, today) is None
        ]
        suggestions.sort(key=lambda s: (-s.score, s.call))
        return suggestions[:limit] if limit is not None else suggestions

    def score(self, need: Need, call_ids: Iterable[str], today: date) -> list[Suggestion]:
        """Only these calls (those the municipality may apply to), for refreshing a stored list."""
        profile = self.need_profile(need)
        return [
            self._suggest(need, profile, self.calls[cid], today)
            for cid in call_ids
            if cid in self.calls and exclusion(need, self.calls[cid], today) is None
        ]

    def similar(
        self, need: Need, others: Iterable[Need], threshold: float = 0.25
    ) -> list[Suggestion]:
        """Other needs like this one, most alike first; `call` holds the other need's id."""
        mine = self.need_profile(need)
        found = []
        for other in others:
            theirs = self.need_profile(other)
            themes = (_fit(mine.themes, theirs.themes) + _fit(theirs.themes, mine.themes)) / 2
            score = 0.6 * themes + 0.4 * _cosine(mine.terms, theirs.terms)
            if score >= threshold:
                reasons = _shared(mine.themes, theirs.themes, "tema", theme_label)
                found.append(Suggestion(other.id, round(score, 3), tuple(reasons)))
        return sorted(found, key=lambda s: (-s.score, s.call))

    def need_profile(self, need: Need) -> _Profile:
        themes, groups = _read(need, "sv")
        return _Profile(
            themes=_concepts(need.themes, themes),
            groups=_concepts(need.target_groups, groups),
            terms=self._vector(_term_counts(_text(need), "sv")),
            words=_words(_text(need)),
        )

    def _vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        weights = {
            term: (1 + math.log(n)) * self._idf.get(term, self._default_idf)
            for term, n in counts.items()
        }
        return _unit(weights)

    def _suggest(self, need: Need, profile: _Profile, call: Call, today: date) -> Suggestion:
        other = self._profiles[call.id]
        parts = {
            "themes": _fit(profile.themes, other.themes),
            "target_groups": _fit(profile.groups, other.groups),
        }
        if call.language == "sv":  # words compare only within one language
            parts["text"] = _cosine(profile.terms, other.terms)
        score = sum(WEIGHTS[k] * v for k, v in parts.items()) / sum(WEIGHTS[k] for k in parts)
        score *= 0.3 + 0.7 * _status_fit(profile.groups, other.groups)
        reasons = _shared(profile.themes, other.themes, "tema", theme_label)
        reasons += _shared(profile.groups, other.groups, "målgrupp", target_group_label)
        reasons += _shared_words(profile, other.terms)
        factor, practical = _practical_fit(need, call, today)
        return Suggestion(call.id, round(score * factor, 3), tuple(reasons + practical))


def exclusion(need: Need, call: Call, today: date) -> str | None:
    """Why a need's municipality cannot apply to the call on `today`, or None if it can."""
    if call.opens is not None and today < call.opens:
        return f"öppnar först {call.opens.isoformat()}"
    if today > call.closes:
        return f"stängde {call.closes.isoformat()}"
    if call.eligible_applicants:
        if MUNICIPALITY not in call.eligible_applicants:
            return "kommuner kan inte söka"
    elif _REFUSES_MUNICIPALITIES.search(f"{call.title}\n{call.description}"):
        return "kommuner kan inte söka enligt utlysningstexten"
    capacity = need.cofinancing_capacity_percent
    if call.cofinancing_percent is not None and call.cofinancing_percent > capacity:
        return (
            f"kräver {_percent(call.cofinancing_percent)} medfinansiering, "
            f"behovet tål {_percent(capacity)}"
        )
    scope = call_scope(call.funder_county, _text(call))
    if scope is not None and need.municipality[:2] not in scope:
        counties = ", ".join(COUNTIES[code][0] for code in sorted(scope) if code in COUNTIES)
        return f"finansierar bara kommuner i {counties or 'ett annat län'}"
    return None


def _text(item: Call | Need, *, title: bool = True) -> str:
    """Title (twice: it says most) and description, without the sentences that rule things out."""
    kept = " ".join(s for s in _SENTENCE.split(item.description) if not _RULES_OUT.search(s))
    return f"{item.title}\n{item.title}\n{kept}" if title else kept


def _status_fit(need: Mapping[str, float], call: Mapping[str, float]) -> float:
    """Whether the call serves people of the need's legal status (1: yes, or nothing is known).

    Only the statuses a call clearly speaks of count (at least a quarter of its strongest), so
    that a passing mention does not open a call for asylum seekers to every need."""
    theirs = {slug: w for slug, w in call.items() if slug in _WIDER_STATUS}
    mine = {slug: w for slug, w in need.items() if slug in _WIDER_STATUS}
    if not theirs or not mine:
        return 1.0
    strongest = max(theirs.values())
    clear = [slug for slug, w in theirs.items() if w >= strongest / 4]
    served = sum(w * max(_status_match(m, c) for c in clear) for m, w in mine.items())
    return served / sum(mine.values())


def _status_match(need: str, call: str) -> float:
    if need == call:
        return 1.0
    if call in _wider(need):
        return 0.8  # a call for a wider group serves the need's people too
    if need in _wider(call):
        return 0.6  # a call for some of the need's people
    return 0.0


def _wider(status: str) -> list[str]:
    chain = []
    while status := _WIDER_STATUS.get(status, ""):
        chain.append(status)
    return chain


def _term_counts(text: str, language: str) -> Counter[str]:
    return Counter(
        stem for stem in stems(text, language) if len(stem) > 2 and stem not in _STOPWORDS
    )


def _call_profile(call: Call, terms: dict[str, float]) -> _Profile:
    themes, groups = _read(call, call.language)
    return _Profile(
        themes=dict.fromkeys(call.themes, 1.0) or themes,
        groups=dict.fromkeys(call.target_groups, 1.0) or groups,
        terms=terms,
    )


def _read(item: Call | Need, language: str) -> tuple[dict[str, float], dict[str, float]]:
    """Themes and target groups read in the text; what the title says weighs most."""
    themes: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    for text, weight in ((item.title, TITLE_WEIGHT), (_text(item, title=False), 1.0)):
        found = infer(text, language)
        themes.update({s.slug: s.score * weight for s in found.themes})
        groups.update({s.slug: s.score * weight for s in found.target_groups})
    return dict(themes), dict(groups)


def _concepts(chosen: tuple[str, ...], read: Mapping[str, float]) -> dict[str, float]:
    weights = {slug: w * INFERRED_NEED_WEIGHT for slug, w in read.items()}
    weights.update({slug: max(weights.get(slug, 0), 1.0 + TITLE_WEIGHT) for slug in chosen})
    return weights


def _unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()} if norm else {}


def _fit(need: Mapping[str, float], call: Mapping[str, float]) -> float:
    """How much of the need's concepts the call covers, each as strongly as the call's main one:
    a call made for several things serves each of them, so a broad call is not marked down."""
    if not need or not call:
        return 0.0
    top = max(call.values())
    covered = sum(w * min(1.0, call.get(k, 0.0) / top) for k, w in need.items())
    return covered / sum(need.values())


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def _shared(
    mine: Mapping[str, float], theirs: Mapping[str, float], kind: str, label: object
) -> list[str]:
    common = sorted(set(mine) & set(theirs), key=lambda s: (-mine[s] * theirs[s], s))
    return [f"{kind}: {label(slug).lower()}" for slug in common[:2]]  # type: ignore[operator]


def _shared_words(need: _Profile, theirs: Mapping[str, float]) -> list[str]:
    mine = need.terms
    common = sorted(set(mine) & set(theirs), key=lambda t: (-mine[t] * theirs[t], t))[:3]
    said = [need.words.get(stem, stem) for stem in common]
    return [f"gemensamma ord: {', '.join(said)}"] if said else []


def _words(text: str) -> dict[str, str]:
    """Each stem of a Swedish text and the first word that gave it, to show people words."""
    words: dict[str, str] = {}
    for word in re.findall(r"[^\W\d_]+", text):
        for stem in stems(word):
            words.setdefault(stem, word.lower())
    return words


def _practical_fit(need: Need, call: Call, today: date) -> tuple[float, list[str]]:
    """A factor (at most 1) and reasons from co-financing, time left and amounts."""
    factor, reasons = 1.0, []
    if call.cofinancing_percent is None:
        reasons.append("medfinansiering inte angiven")
    elif call.cofinancing_percent == 0:
        reasons.append("ingen medfinansiering krävs")
    else:
        reasons.append(f"medfinansiering {_percent(call.cofinancing_percent)}")
    days = (call.closes - today).days
    reasons.append("stänger i dag" if days == 0 else f"stänger om {days} dagar")
    if days < call.preparation_days:
        factor *= 0.5 + 0.5 * days / call.preparation_days
        reasons.append(f"kort om tid: en ansökan tar ofta {call.preparation_days} dagar")
    cost = need.estimated_cost_sek
    if cost:
        if call.max_amount_sek is not None and call.max_amount_sek < cost / 2:
            factor *= 0.8
            reasons.append(f"högst {format_sek(call.max_amount_sek)}, under halva kostnaden")
        elif call.min_amount_sek is not None and call.min_amount_sek > cost:
            factor *= 0.7
            reasons.append(f"minst {format_sek(call.min_amount_sek)}, mer än behovet kostar")
    return factor, reasons


def _percent(value: float) -> str:
    return f"{value:g} %"
