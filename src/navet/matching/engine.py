"""Rank the open calls for a need, with reasons in Swedish (Python and numpy, no Django).

First the hard rules: a call is left out when it is not open on the day, when municipalities may
not apply, when it asks for more co-financing than the municipality can pay, or when its funder
serves another county. The rest is ranked by how well the call fits the need:

- themes and target groups, as concept weights: the need's own choice, and what `infer` reads in
  the Swedish or English text of both (so "digitalt utanförskap" meets "digital delaktighet", and
  an English EU call meets a Swedish need);
- how those concepts relate: related themes count half, a call for a wider group serves the
  people within it, legal statuses that exclude each other do not serve each other, and a call
  whose title names a group is for that group;
- the words themselves: Snowball stems weighed by how rare they are among the calls (tf-idf);
- practical fit, which only lowers a score: days left against the preparation the funder needs,
  the amounts against the need's estimated cost, and ages that do not meet.

The same input always gives the same ranking (ties are broken by call id).
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Final

import numpy as np

from navet.calls import taxonomy
from navet.calls.geography import COUNTIES, call_scope
from navet.calls.inference import infer, stems
from navet.calls.taxonomy import related_themes, target_group_label, theme_label
from navet.core.text import format_sek
from navet.matching.ages import Ages, ages_of, describe, disjoint

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
# fund work with newly arrived refugees who have residence permits. Each group and the wider group
# it belongs to; target groups not listed (children, staff, parents) are not a status.
_WIDER_STATUS: Final = {
    "nyanlanda-anvisade": "nyanlanda-ersattningsforordningen",
    "kvotflyktingar": "nyanlanda-ersattningsforordningen",
    "anhoriginvandrare": "nyanlanda-ersattningsforordningen",
    "etableringsprogrammet": "nyanlanda-ersattningsforordningen",
    "ensamkommande": "nyanlanda-ersattningsforordningen",
    "nyanlanda-ersattningsforordningen": "utrikesfodda",
    "gymnasielagen": "utrikesfodda",
    "skyddsbehovande-massflykt": "utrikesfodda",
    "asylsokande": "utrikesfodda",
    "utrikesfodda-kvinnor": "utrikesfodda",
    "tredjelandsmedborgare": "utrikesfodda",
    "utrikesfodda": "",
}
# The statuses that exclude each other in law: an asylum seeker is not (yet) newly arrived under
# förordningen (2010:1122), nor is a person under temporary protection. Groups within one of them
# (kvotflyktingar, anhöriginvandrare) overlap, as do groups that cut across them (women).
_EXCLUSIVE_STATUS: Final = frozenset(
    {
        "nyanlanda-ersattningsforordningen",
        "asylsokande",
        "skyddsbehovande-massflykt",
        "gymnasielagen",
    }
)
OTHER_AGES_FACTOR: Final = 0.5  # a call for children serves a need for adults poorly, if at all
RELATED_THEME_CREDIT: Final = 0.5  # a related theme (föreningsliv for civilsamhälle) counts half
_STOPWORDS: Final = frozenset(
    stem
    for language, words in (
        (
            "sv",
            "och att det som en på är av för med till den har de inte om ett han men var jag sig "
            "från vi så kan man när år säga hon under också efter eller nu sin där vid mot ska "
            "skall hur sina vara bli blir dem du allt mycket än dessa även alla andra samt "
            "deras ni vår våra vi oss vilka vilken vill ha får få kunna kommun kommuner "
            "kommunen ingen tillsammans genom mellan bland många fler mer både utan redan "
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


# Themes and target groups read in a text, with weights, and the target groups its title names.
_Reading = tuple[dict[str, float], dict[str, float], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Profile:
    themes: Mapping[str, float]
    groups: Mapping[str, float]
    terms: Mapping[str, float] = field(default_factory=dict)  # unit-length tf-idf vector
    words: Mapping[str, str] = field(default_factory=dict)  # stem -> a word of the text
    # How well this serves each theme and target group (0–1), related ones included; see _covers.
    theme_cover: Mapping[str, float] = field(default_factory=dict)
    group_cover: Mapping[str, float] = field(default_factory=dict)
    statuses: frozenset[str] = frozenset()  # the legal statuses it is clearly for
    ages: Ages | None = None  # the ages it is for, when it says


class Matcher:
    """The calls, read once, ready to be ranked for any number of needs.

    What a call is (its concepts, words, rules) is read here, once; ranking a need is then a few
    array operations over all calls (numpy), and only the calls returned get their reasons.
    """

    def __init__(self, calls: Iterable[Call]) -> None:
        # in id order, which breaks ties between equal scores
        self.calls = {call.id: call for call in sorted(calls, key=lambda call: call.id)}
        counts, read = {}, {}
        for cid, call in self.calls.items():
            counts[cid], read[cid] = _call_reading(call)
        frequency = Counter(term for terms in counts.values() for term in terms)
        total = len(counts) + 1
        self._idf = {term: math.log(total / (n + 0.5)) for term, n in frequency.items()}
        self._default_idf = math.log(total / 0.5)
        self._profiles = {
            cid: _call_profile(call, read[cid], self._vector(counts[cid]))
            for cid, call in self.calls.items()
        }
        self._table = _Table(list(self.calls.values()), list(self._profiles.values()))

    def rank(self, need: Need, today: date, limit: int | None = None) -> list[Suggestion]:
        """The calls the need's municipality may apply to on `today`, best first."""
        profile = self.need_profile(need)
        scores, allowed = self._table.scores(need, profile, today)
        rows = np.flatnonzero(allowed)
        rows = rows[np.lexsort((rows, -scores[rows]))][:limit]
        return [self._suggestion(need, profile, int(row), scores, today) for row in rows]

    def score(self, need: Need, call_ids: Iterable[str], today: date) -> list[Suggestion]:
        """Only these calls (those the municipality may apply to), for refreshing a stored list."""
        profile = self.need_profile(need)
        scores, allowed = self._table.scores(need, profile, today)
        rows = (self._table.row[cid] for cid in call_ids if cid in self._table.row)
        return [self._suggestion(need, profile, r, scores, today) for r in rows if allowed[r]]

    def similar(
        self, need: Need, others: Iterable[Need], threshold: float = 0.25
    ) -> list[Suggestion]:
        """Other needs like this one, most alike first; `call` holds the other need's id."""
        mine = self.need_profile(need)
        found = []
        for other in others:
            theirs = self.need_profile(other)
            themes = (
                _fit(mine.themes, theirs.theme_cover) + _fit(theirs.themes, mine.theme_cover)
            ) / 2
            score = 0.6 * themes + 0.4 * _cosine(mine.terms, theirs.terms)
            if score >= threshold:
                reasons = _shared(mine.themes, theirs.themes, "tema", theme_label)
                found.append(Suggestion(other.id, round(score, 3), tuple(reasons)))
        return sorted(found, key=lambda s: (-s.score, s.call))

    def need_profile(self, need: Need) -> _Profile:
        themes, groups, _ = _read(need, "sv")
        return _profile(
            _concepts(need.themes, themes),
            _concepts(need.target_groups, groups),
            terms=self._vector(_term_counts(need, "sv")),
            words=_words(_text(need)),
            ages=ages_of(need.title, need.description),
        )

    def _vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        weights = {
            term: (1 + math.log(n)) * self._idf.get(term, self._default_idf)
            for term, n in counts.items()
        }
        return _unit(weights)

    def _suggestion(
        self, need: Need, profile: _Profile, row: int, scores: np.ndarray, today: date
    ) -> Suggestion:
        call = self._table.calls[row]
        other = self._profiles[call.id]
        reasons = _shared(profile.themes, other.themes, "tema", theme_label)
        reasons += _shared(profile.groups, other.groups, "målgrupp", target_group_label)
        reasons += _shared_words(profile, other.terms)
        if _serves_none(profile.groups, other.statuses):
            others = ", ".join(sorted(target_group_label(s).lower() for s in other.statuses))
            reasons.append(f"för en annan målgrupp ({others})")
        if disjoint(profile.ages, other.ages) and other.ages is not None:
            reasons.append(f"för en annan åldersgrupp ({describe(other.ages)})")
        reasons += _practical_reasons(need, call, today)
        return Suggestion(call.id, float(scores[row]), tuple(reasons))


class _Table:
    """The calls as arrays, one row per call, so that a need is scored against all at once.

    The score of a call for a need, 0–1:
    (0.45 × theme fit + 0.2 × target-group fit + 0.35 × word similarity, the last only for calls
    in Swedish, weights renormalised) × (0.3 + 0.7 × legal-status fit) × practical factor,
    rounded to three decimals.
    """

    def __init__(self, calls: list[Call], profiles: list[_Profile]) -> None:
        self.calls = calls
        self.row = {call.id: row for row, call in enumerate(calls)}
        count = len(calls)
        self.opens = np.array([c.opens.toordinal() if c.opens else 0 for c in calls], np.int64)
        self.closes = np.array([c.closes.toordinal() for c in calls], np.int64)
        rules = [_rules(call) for call in calls]
        self.eligible = np.array([refused is None for refused, _ in rules], bool)
        self.scopes = [scope for _, scope in rules]
        self.cofinancing = _floats(c.cofinancing_percent for c in calls)
        self.swedish = np.array([c.language == "sv" for c in calls], float)
        self.theme_cover = _matrix((p.theme_cover for p in profiles), _THEMES)
        self.group_cover = _matrix((p.group_cover for p in profiles), _GROUPS)
        self.has_status = np.array([bool(p.statuses) for p in profiles], bool)
        self.status_served = _matrix(
            (
                {m: max(_status_match(m, s) for s in p.statuses) for m in _STATUSES}
                if p.statuses
                else {}
                for p in profiles
            ),
            _STATUSES,
        )
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for row, profile in enumerate(profiles):
            if self.swedish[row]:  # words compare only within one language
                for term, weight in profile.terms.items():
                    rows, weights = postings.setdefault(term, ([], []))
                    rows.append(row)
                    weights.append(weight)
        self.postings = {
            term: (np.array(rows, np.int64), np.array(weights))
            for term, (rows, weights) in postings.items()
        }
        self.youngest = _floats(p.ages[0] if p.ages else None for p in profiles)
        self.oldest = _floats(p.ages[1] if p.ages else None for p in profiles)
        self.preparation = np.array([c.preparation_days or 1 for c in calls], float)
        self.max_amount = _floats(c.max_amount_sek for c in calls)
        self.min_amount = _floats(c.min_amount_sek for c in calls)
        self._in_county: dict[str, np.ndarray] = {}
        self.count = count

    def scores(self, need: Need, profile: _Profile, today: date) -> tuple[np.ndarray, np.ndarray]:
        """Every call's score for the need, and whether its municipality may apply on `today`."""
        themes = self.theme_cover @ _vector(profile.themes, _THEMES) / _total(profile.themes)
        groups = self.group_cover @ _vector(profile.groups, _GROUPS) / _total(profile.groups)
        words = np.zeros(self.count)
        for term, weight in profile.terms.items():
            if term in self.postings:
                rows, weights = self.postings[term]
                words[rows] += weight * weights
        text = WEIGHTS["text"] * self.swedish
        score = (WEIGHTS["themes"] * themes + WEIGHTS["target_groups"] * groups + text * words) / (
            WEIGHTS["themes"] + WEIGHTS["target_groups"] + text
        )
        statuses = {m: w for m, w in profile.groups.items() if m in _WIDER_STATUS}
        if statuses:
            served = self.status_served @ _vector(statuses, _STATUSES) / _total(statuses)
            score *= 0.3 + 0.7 * np.where(self.has_status, served, 1.0)
        score *= self._practical_factor(need, profile, today)
        day = today.toordinal()
        with np.errstate(invalid="ignore"):
            affordable = ~(self.cofinancing > need.cofinancing_capacity_percent)
        allowed = (
            (self.opens <= day)
            & (day <= self.closes)
            & self.eligible
            & affordable
            & self._serves(need.municipality[:2])
        )
        return np.round(score, 3), allowed

    def _practical_factor(self, need: Need, profile: _Profile, today: date) -> np.ndarray:
        """What `_practical_reasons` says, as a factor (at most 1): little time, far amounts,
        other ages."""
        days = self.closes - today.toordinal()
        factor = np.where(days < self.preparation, 0.5 + 0.5 * days / self.preparation, 1.0)
        with np.errstate(invalid="ignore"):
            if cost := need.estimated_cost_sek:
                small = self.max_amount < cost / 2
                factor *= np.where(small, 0.8, np.where(self.min_amount > cost, 0.7, 1.0))
            if profile.ages is not None:
                youngest, oldest = profile.ages
                other = (self.oldest < youngest) | (oldest < self.youngest)
                factor *= np.where(other, OTHER_AGES_FACTOR, 1.0)
        return factor

    def _serves(self, county: str) -> np.ndarray:
        if county not in self._in_county:
            self._in_county[county] = np.array(
                [scope is None or county in scope for scope in self.scopes], bool
            )
        return self._in_county[county]


_THEMES: Final = tuple(theme.slug for theme in taxonomy.themes())
_GROUPS: Final = tuple(group.slug for group in taxonomy.target_groups())
_STATUSES: Final = tuple(_WIDER_STATUS)


def _matrix(rows: Iterable[Mapping[str, float]], columns: tuple[str, ...]) -> np.ndarray:
    return np.array([[row.get(slug, 0.0) for slug in columns] for row in rows]).reshape(
        -1, len(columns)
    )


def _vector(weights: Mapping[str, float], columns: tuple[str, ...]) -> np.ndarray:
    return np.array([weights.get(slug, 0.0) for slug in columns])


def _total(weights: Mapping[str, float]) -> float:
    return sum(weights.values()) or 1.0


def _floats(values: Iterable[float | None]) -> np.ndarray:
    return np.array([math.nan if v is None else float(v) for v in values])


def exclusion(need: Need, call: Call, today: date) -> str | None:
    """Why a need's municipality cannot apply to the call on `today`, or None if it can."""
    if call.opens is not None and today < call.opens:
        return f"öppnar först {call.opens.isoformat()}"
    if today > call.closes:
        return f"stängde {call.closes.isoformat()}"
    refused, scope = _rules(call)
    if refused:
        return refused
    capacity = need.cofinancing_capacity_percent
    if call.cofinancing_percent is not None and call.cofinancing_percent > capacity:
        return (
            f"kräver {_percent(call.cofinancing_percent)} medfinansiering, "
            f"behovet tål {_percent(capacity)}"
        )
    if scope is not None and need.municipality[:2] not in scope:
        counties = ", ".join(COUNTIES[code][0] for code in sorted(scope) if code in COUNTIES)
        return f"finansierar bara kommuner i {counties or 'ett annat län'}"
    return None


@lru_cache(maxsize=32768)
def _rules(call: Call) -> tuple[str | None, frozenset[str] | None]:
    """Why municipalities may not apply at all (or None), and the counties the call serves
    (None: all); neither depends on the need, so each call is read once."""
    refused = None
    if call.eligible_applicants:
        if MUNICIPALITY not in call.eligible_applicants:
            refused = "kommuner kan inte söka"
    elif _REFUSES_MUNICIPALITIES.search(f"{call.title}\n{call.description}"):
        refused = "kommuner kan inte söka enligt utlysningstexten"
    return refused, call_scope(call.funder_county, _text(call))


def _text(item: Call | Need, *, title: bool = True) -> str:
    """Title (twice: it says most) and description, without the sentences that rule things out."""
    kept = _kept(item.description)
    return f"{item.title}\n{item.title}\n{kept}" if title else kept


@lru_cache(maxsize=8192)
def _kept(description: str) -> str:
    return " ".join(s for s in _SENTENCE.split(description) if not _RULES_OUT.search(s))


def _serves_none(need: Mapping[str, float], statuses: frozenset[str]) -> bool:
    """Whether a call for these legal statuses serves none of the need's people."""
    mine = [slug for slug in need if slug in _WIDER_STATUS]
    return bool(mine and statuses) and not any(_status_match(m, s) for m in mine for s in statuses)


def _clear_statuses(groups: Mapping[str, float], titled: Iterable[str]) -> frozenset[str]:
    """The legal statuses a call is for. When its title names some, the most specific of them
    ("nyanlända vuxna i övergången från etableringsprogrammet" is for those leaving the
    programme); otherwise those its text clearly speaks of: at least a quarter of the strongest,
    so that a passing mention does not open a call for asylum seekers to every need."""
    named = {slug for slug in titled if slug in _WIDER_STATUS and slug in groups}
    if named:
        return frozenset(named - {wider for slug in named for wider in _wider(slug)})
    statuses = {slug: w for slug, w in groups.items() if slug in _WIDER_STATUS}
    strongest = max(statuses.values(), default=0)
    return frozenset(slug for slug, w in statuses.items() if w >= strongest / 4)


def _status_match(need: str, call: str) -> float:
    if need == call:
        return 1.0
    if call in _wider(need):
        return 0.8  # a call for a wider group serves the need's people too
    if need in _wider(call):
        return 0.6  # a call for some of the need's people
    mine, theirs = _status_class(need), _status_class(call)
    if mine and theirs and mine != theirs:
        return 0.0  # asylum seekers are not newly arrived refugees
    return 0.5  # groups that overlap: family migrants in the establishment programme


def _status_class(status: str) -> str:
    return next((s for s in (status, *_wider(status)) if s in _EXCLUSIVE_STATUS), "")


def _wider(status: str) -> list[str]:
    chain = []
    while status := _WIDER_STATUS.get(status, ""):
        chain.append(status)
    return chain


def _term_counts(item: Call | Need, language: str) -> Counter[str]:
    """The stems of the title (twice: it says most) and of the description, as in `_text`."""
    counts: Counter[str] = Counter()
    for text in (item.title, item.title, _text(item, title=False)):
        counts.update(s for s in stems(text, language) if len(s) > 2 and s not in _STOPWORDS)
    return counts


@lru_cache(maxsize=32768)
def _call_reading(call: Call) -> tuple[Counter[str], _Reading]:
    """A call's words and concepts: the slow part of building a `Matcher`, so a call that has
    not changed is read once per process, however often the engine is built again."""
    return _term_counts(call, call.language), _read(call, call.language)


def _call_profile(call: Call, read: _Reading, terms: dict[str, float]) -> _Profile:
    themes, groups, titled = read
    groups = dict.fromkeys(call.target_groups, 1.0) or groups
    return _profile(
        dict.fromkeys(call.themes, 1.0) or themes,
        groups,
        terms=terms,
        statuses=_clear_statuses(groups, titled),
        ages=ages_of(call.title, call.description),
    )


def _profile(
    themes: Mapping[str, float],
    groups: Mapping[str, float],
    terms: Mapping[str, float],
    words: Mapping[str, str] | None = None,
    statuses: frozenset[str] = frozenset(),
    ages: Ages | None = None,
) -> _Profile:
    return _Profile(
        themes=themes,
        groups=groups,
        terms=terms,
        words=words or {},
        theme_cover=_covers(themes, _theme_links()),
        group_cover=_covers(groups, _status_links()),
        statuses=statuses,
        ages=ages,
    )


Links = Mapping[str, tuple[tuple[str, float], ...]]


@cache
def _theme_links() -> Links:
    """For each theme, the themes it also serves and how well: its related themes, half."""
    return {
        given: tuple((wanted, RELATED_THEME_CREDIT) for wanted in sorted(related))
        for given, related in related_themes().items()
    }


@cache
def _status_links() -> Links:
    """For each legal status, the statuses it also serves and how well (see `_status_match`)."""
    return {
        given: tuple(
            (wanted, credit)
            for wanted in _WIDER_STATUS
            if wanted != given and (credit := _status_match(wanted, given)) > 0
        )
        for given in _WIDER_STATUS
    }


def _covers(concepts: Mapping[str, float], links: Links) -> dict[str, float]:
    """How well something made for these concepts serves each concept (0–1): its own concepts as
    strongly as its main one (a call made for several things serves each of them, so a broad call
    is not marked down), linked ones as the links say."""
    if not concepts:
        return {}
    top = max(concepts.values())
    cover: dict[str, float] = {}
    for given, weight in concepts.items():
        strength = min(1.0, weight / top)
        for wanted, credit in ((given, 1.0), *links.get(given, ())):
            if credit * strength > cover.get(wanted, 0.0):
                cover[wanted] = credit * strength
    return cover


def _read(item: Call | Need, language: str) -> _Reading:
    """Themes and target groups read in the text (what the title says weighs most), and the
    target groups the title names."""
    themes: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    in_title = infer(item.title, language)
    for found, weight in ((in_title, TITLE_WEIGHT), (infer(_text(item, title=False), language), 1)):
        themes.update({s.slug: s.score * weight for s in found.themes})
        groups.update({s.slug: s.score * weight for s in found.target_groups})
    return dict(themes), dict(groups), tuple(s.slug for s in in_title.target_groups)


def _concepts(chosen: tuple[str, ...], read: Mapping[str, float]) -> dict[str, float]:
    weights = {slug: w * INFERRED_NEED_WEIGHT for slug, w in read.items()}
    weights.update({slug: max(weights.get(slug, 0), 1.0 + TITLE_WEIGHT) for slug in chosen})
    return weights


def _unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()} if norm else {}


def _fit(need: Mapping[str, float], cover: Mapping[str, float]) -> float:
    """How much of the need's concepts the call covers (`cover` from `_covers`)."""
    if not need or not cover:
        return 0.0
    return sum(w * cover.get(k, 0.0) for k, w in need.items()) / sum(need.values())


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


def _practical_reasons(need: Need, call: Call, today: date) -> list[str]:
    """Co-financing, time left and amounts, as `_Table._practical_factor` weighs them."""
    reasons = []
    if call.cofinancing_percent is None:
        reasons.append("medfinansiering inte angiven")
    elif call.cofinancing_percent == 0:
        reasons.append("ingen medfinansiering krävs")
    else:
        reasons.append(f"medfinansiering {_percent(call.cofinancing_percent)}")
    days = (call.closes - today).days
    reasons.append("stänger i dag" if days == 0 else f"stänger om {days} dagar")
    if days < call.preparation_days:
        reasons.append(f"kort om tid: en ansökan tar ofta {call.preparation_days} dagar")
    cost = need.estimated_cost_sek
    if cost:
        if call.max_amount_sek is not None and call.max_amount_sek < cost / 2:
            reasons.append(f"högst {format_sek(call.max_amount_sek)}, under halva kostnaden")
        elif call.min_amount_sek is not None and call.min_amount_sek > cost:
            reasons.append(f"minst {format_sek(call.min_amount_sek)}, mer än behovet kostar")
    return reasons


def _percent(value: float) -> str:
    return f"{value:g} %"
