"""Rank the open calls for a need, with reasons (Python and numpy, no Django).

First the hard rules: a call is left out when it is not open on the day, when municipalities may
not apply, when it asks for more co-financing than the municipality can pay, or when its funder
serves another county. Then the topical gate: a call is suggested only for a topical reason – a
theme or a target group it funds that the need is about, or words of substance they share. The
rest is ranked by how well the call fits the need (`fit`, 0–1):

- themes and target groups, as concept weights: the need's own choice, and what `infer` reads in
  the Swedish or English text of both (so "digitalt utanförskap" meets "digital delaktighet", and
  an English EU call meets a Swedish need). What a call funds – its title, the sentences that say
  what the money is for or what is prioritised, and its programme's purpose by the rules – it
  funds whole, so a broad call is matched on its breadth;
- how those concepts relate: related themes count half, a call for a wider group serves the
  people within it, legal statuses that exclude each other do not serve each other, a call whose
  title names a group is for that group, and ages that do not meet halve the fit;
- the words themselves: BM25 over Swedish stems, without a full Swedish stop list, with the parts
  of compounds (bostadsmarknaden also says bostad and marknad);
- practical fit (days left against the preparation the funder needs, co-financing, amounts) only
  orders calls of equal fit: it never admits a call, nor lifts one above a call that fits better.

The fit is shown in words (`fit_label`). Reasons and labels are `Message`s, put into the
reader's language when shown. The same input always gives the same ranking (ties are broken by
call id).
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
from navet.calls.inference import Inference, infer, stems
from navet.calls.taxonomy import related_themes, target_group_label, theme_label
from navet.core.text import Message, format_sek, ngettext_lazy
from navet.core.text import gettext_lazy as _
from navet.matching.ages import Ages, ages_of, describe, disjoint

MUNICIPALITY: Final = "kommun"
DEFAULT_PREPARATION_DAYS: Final = 14
WEIGHTS: Final = {"themes": 0.45, "target_groups": 0.2, "text": 0.35}
TITLE_WEIGHT: Final = 3.0  # a concept in the title counts this much more than in the description
INFERRED_NEED_WEIGHT: Final = 0.5  # a theme read in the need's text, not chosen by its authors
# BM25 with the constants of its authors (Robertson and Zaragoza 2009): a word said again counts
# less each time (K1), and a long text's words count less (B).
BM25_K1: Final = 1.2
BM25_B: Final = 0.75
COMPOUND_PART_WEIGHT: Final = 0.5  # "marknad" inside "bostadsmarknaden" counts half a word
# A call that says half of what the need says (its words weighed by how rare they are) says all
# that words can: the word fit is full there.
TEXT_SATURATION: Final = 0.5
# A theme or target group a call serves at least a quarter as strongly as its main one is a
# reason to suggest it; less is a mention in passing.
REASON_COVER: Final = 0.25
# Words of substance are a reason to suggest a call when they are at least a tenth of what the
# need says (its words weighed by how rare they are): two or three of a short need's, more of a
# long one's.
SHARED_WORDS: Final = 0.1
# What a call's programme funds by its rules, when the call itself does not say it, serves a need
# as a related theme does: the money may go there, but the call was written for something else.
PROGRAMME_PURPOSE_CREDIT: Final = 0.5
# A call that names no target group is open to everyone: it serves the need's people, but not
# as well as a call made for them.
UNSTATED_GROUPS_FIT: Final = 0.5
_MIN_PART: Final = 4  # letters a compound part has at least
# The fit in words, and the cut-off: below "Möjlig" (Possible) a call is not shown as a good match.
LABELS: Final = ((0.6, _("Very good")), (0.4, _("Good")), (0.2, _("Possible")))
GOOD_FIT: Final = LABELS[-1][0]
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
_STOPWORDS: Final = {
    language: frozenset(
        stem for word in taxonomy.stopwords(language) for stem in stems(word, language)
    )
    for language in ("sv", "en")
}
# Words that say what the money is for: a call's purpose and its priorities (the wording of
# grant rules, as in the programmes' texts: "Medlen ska stärka …", "prioriteras", "syftet är").
_FUNDS: Final = re.compile(
    r"\b(?:syfte\w*|ändamål\w*|målet med|prioriter\w*|satsning\w*|"
    r"(?:medlen|bidraget|stödet|pengarna|ersättningen) (?:ska|får|kan|är|avser|gäller)|"
    r"(?:ska|kan|får) (?:sökas|beviljas|användas) (?:för|till)|"
    r"ska (?:stärka|bidra|främja|utveckla|underlätta|öka|förbättra|stödja|skapa|motverka|"
    r"förebygga|minska)|(?:stöd|bidrag|medel|ersättning) (?:till|för) (?:insatser|projekt|att)|"
    r"aims? (?:to|at)|objectives?|priorit\w*|(?:will|to) (?:support|fund|finance))",
    re.I,
)


def fit_label(score: float) -> Message | None:
    """The fit in words ("Mycket god", "God", "Möjlig"), or None below the cut-off."""
    return next((label for floor, label in LABELS if score >= floor), None)


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
    programme: str = ""  # the seeded programme's slug, whose purpose the call funds too
    expected: bool = False  # foreseen from earlier years' windows: matched before it opens


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
    score: float  # the fit, 0–1, rounded to two decimals; `fit_label` says it in words
    reasons: tuple[Message, ...]


# Themes and target groups read in a text, with weights, and the target groups its title names.
_Reading = tuple[dict[str, float], dict[str, float], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Profile:
    themes: Mapping[str, float]
    groups: Mapping[str, float]
    terms: Mapping[str, float] = field(default_factory=dict)  # stem -> weight (see `_Words`)
    words: Mapping[str, str] = field(default_factory=dict)  # stem -> a word of the text
    # How well this serves each theme and target group (0–1), related ones included; see _covers.
    theme_cover: Mapping[str, float] = field(default_factory=dict)
    group_cover: Mapping[str, float] = field(default_factory=dict)
    statuses: frozenset[str] = frozenset()  # the legal statuses it is clearly for
    ages: Ages | None = None  # the ages it is for, when it says
    purpose: frozenset[str] = frozenset()  # themes only its programme's purpose names


class Matcher:
    """The calls, read once, ready to be ranked for any number of needs.

    What a call is (its concepts, words, rules) is read here, once; ranking a need is then a few
    array operations over all calls (numpy), and only the calls returned get their reasons.
    """

    def __init__(self, calls: Iterable[Call]) -> None:
        # in id order, which breaks ties between equal scores
        self.calls = {call.id: call for call in sorted(calls, key=lambda call: call.id)}
        read = {cid: _call_reading(call) for cid, call in self.calls.items()}
        self._words = _Words(
            [read[cid][0] for cid, call in self.calls.items() if call.language == "sv"]
        )
        self._profiles = {
            cid: _call_profile(call, read[cid], self._words.document(read[cid][0]))
            for cid, call in self.calls.items()
        }
        self._table = _Table(list(self.calls.values()), list(self._profiles.values()), self._words)

    def rank(self, need: Need, today: date, limit: int | None = None) -> list[Suggestion]:
        """The calls the need's municipality may apply to on `today` that fit it for a topical
        reason, best first."""
        profile = self.need_profile(need)
        scores, practical, allowed = self._table.scores(need, profile, today)
        rows = np.flatnonzero(allowed)
        if limit is not None and len(rows) > limit:  # only those that can be among the best
            floor = np.partition(scores[rows], len(rows) - limit)[len(rows) - limit]
            rows = rows[scores[rows] >= floor]
        rows = rows[np.lexsort((rows, -practical[rows], -scores[rows]))][:limit]
        return [self._suggestion(need, profile, int(row), scores, today) for row in rows]

    def score(self, need: Need, call_ids: Iterable[str], today: date) -> list[Suggestion]:
        """Only these calls (those the municipality may apply to and that fit for a topical
        reason), for refreshing a stored list."""
        profile = self.need_profile(need)
        scores, _, allowed = self._table.scores(need, profile, today)
        rows = (self._table.row[cid] for cid in call_ids if cid in self._table.row)
        return [self._suggestion(need, profile, r, scores, today) for r in rows if allowed[r]]

    def similar(
        self, need: Need, others: Iterable[Need], threshold: float = 0.3
    ) -> list[Suggestion]:
        """Other needs like this one, most alike first; `call` holds the other need's id.

        Alike in what they are about (themes, each way round) or in what they say (the cosine
        of all their words, rare words weighing most), so that a need saying almost the same in
        other words is found; the people they share count only beside that, so that a need that
        shares no more than a broad target group is not."""
        mine = self.need_profile(need)
        mine_words = self._words.query(_term_counts(need, "sv"), known_only=False)
        found = []
        for other in others:
            theirs = self.need_profile(other)
            themes = (
                _fit(mine.themes, theirs.theme_cover) + _fit(theirs.themes, mine.theme_cover)
            ) / 2
            groups = (
                _fit(mine.groups, theirs.group_cover) + _fit(theirs.groups, mine.group_cover)
            ) / 2
            text = self._words.cosine(
                mine_words, self._words.query(_term_counts(other, "sv"), known_only=False)
            )
            if themes < REASON_COVER and text < SHARED_WORDS:
                continue
            score = WEIGHTS["themes"] * themes + WEIGHTS["target_groups"] * groups
            score += WEIGHTS["text"] * min(1.0, text / TEXT_SATURATION)
            if score >= threshold:
                reasons = _shared_themes(mine.themes, theirs.themes)
                reasons += _shared_words(mine, theirs.terms, self._words, 3)
                found.append(Suggestion(other.id, round(score, 2), tuple(reasons)))
        return sorted(found, key=lambda s: (-s.score, s.call))

    def need_profile(self, need: Need) -> _Profile:
        title = infer(need.title, "sv")
        themes, groups, _ = _read(need, "sv", title)
        return _profile(
            _concepts(need.themes, themes, {s.slug: s.score for s in title.themes}),
            _concepts(need.target_groups, groups, {s.slug: s.score for s in title.target_groups}),
            terms=self._words.query(_term_counts(need, "sv")),
            words=_words(_text(need)),
            ages=ages_of(need.title, need.description),
        )

    def _suggestion(
        self, need: Need, profile: _Profile, row: int, scores: np.ndarray, today: date
    ) -> Suggestion:
        call = self._table.calls[row]
        other = self._profiles[call.id]
        reasons = _theme_reasons(profile, other)
        reasons += _group_reasons(profile, other)
        if call.language == "sv":
            reasons += _shared_words(profile, other.terms, self._words, 3)
        if _serves_none(profile.groups, other.statuses):
            others = ", ".join(sorted(target_group_label(s).lower() for s in other.statuses))
            reasons.append(_("for another target group ({groups})", groups=others))
        if disjoint(profile.ages, other.ages) and other.ages is not None:
            reasons.append(_("for another age group ({ages})", ages=describe(other.ages)))
        reasons += _practical_reasons(need, call, today)
        return Suggestion(call.id, float(scores[row]), tuple(reasons))


class _Words:
    """The calls' Swedish words, for BM25: how rare each stem is among the calls, and the parts
    of compounds (a stem that is two stems of the calls' words, perhaps joined by an s)."""

    def __init__(self, documents: list[Counter[str]]) -> None:
        self.vocabulary = frozenset(term for counts in documents for term in counts)
        self._parts: dict[str, tuple[str, ...]] = {}
        whole = [self._with_parts(counts) for counts in documents]
        frequency = Counter(term for counts in whole for term in counts)
        self.count = len(documents)
        n = self.count
        # BM25's idf, never below 0: a word in most calls says little
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self.common = frozenset(t for t, f in frequency.items() if 2 * f > n)
        lengths = [sum(counts.values()) for counts in whole]
        self.average_length = (sum(lengths) / len(lengths)) if lengths else 1.0

    def document(self, said: Counter[str]) -> dict[str, float]:
        """A call's words as BM25 weighs them (idf included): a word said once in a text of
        average length weighs its idf."""
        counts = self._with_parts(said)
        length = sum(counts.values()) or 1.0
        scale = BM25_K1 * (1 - BM25_B + BM25_B * length / self.average_length)
        return {
            term: self.idf.get(term, 0.0) * n * (BM25_K1 + 1) / (n + scale)
            for term, n in counts.items()
        }

    def query(self, counts: Counter[str], *, known_only: bool = True) -> dict[str, float]:
        """A need's words: each (part of a compound at half) by how often it is said, the title
        twice; against calls, only the words the calls know (no call can meet the others)."""
        return {
            term: n if n < 1 else 1 + math.log(n)
            for term, n in self._with_parts(counts).items()
            if term in self.idf or not known_only
        }

    def norm(self, query: Mapping[str, float]) -> float:
        """What a call saying each of the need's words once would score: BM25 as a share."""
        return sum(w * self.idf[t] for t, w in query.items()) or 1.0

    def cosine(self, a: Mapping[str, float], b: Mapping[str, float]) -> float:
        """Two needs' words alike, each word weighed by how rare it is among the calls (a word
        no call says, as rare as can be)."""
        rarest = math.log(1 + (self.count + 0.5) / 0.5)
        return _cosine(
            {t: w * self.idf.get(t, rarest) for t, w in a.items()},
            {t: w * self.idf.get(t, rarest) for t, w in b.items()},
        )

    def _with_parts(self, counts: Mapping[str, float]) -> dict[str, float]:
        whole = dict(counts)
        for term, n in counts.items():
            for part in self._split(term):
                whole[part] = whole.get(part, 0.0) + COMPOUND_PART_WEIGHT * n
        return whole

    def _split(self, stem: str) -> tuple[str, ...]:
        if stem not in self._parts:
            self._parts[stem] = _split(stem, self.vocabulary)
        return self._parts[stem]


def _split(stem: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    """The two parts of a compound whose parts, stemmed, are words of the calls (the longest
    last part first): bostadsmarknad is bostad and marknad. Not a compound: ()."""
    for head, tail in _splits(stem):
        if tail in vocabulary and head in vocabulary:
            return head, tail
    return ()


@lru_cache(maxsize=65536)
def _splits(stem: str) -> tuple[tuple[str, str], ...]:
    """Every way to cut a stem in two parts of at least `_MIN_PART` letters (the first perhaps
    joined to the second by an s), each part stemmed; the longest last part first."""
    found = []
    for cut in range(_MIN_PART, len(stem) - _MIN_PART + 1):
        head, tail = stem[:cut], _part(stem[cut:])
        for part in (head, head[:-1] if head.endswith("s") else ""):
            if len(part) >= _MIN_PART and tail and (stemmed := _part(part)):
                found.append((stemmed, tail))
    return tuple(found)


@lru_cache(maxsize=65536)
def _part(word: str) -> str:
    found = stems(word, "sv")
    return found[0] if len(found) == 1 else ""


class _Table:
    """The calls as arrays, one row per call, so that a need is scored against all at once.

    The fit of a call for a need, 0–1:
    (0.45 × theme fit + 0.2 × target-group fit + 0.35 × word fit, the last only for calls in
    Swedish, weights renormalised) × (0.3 + 0.7 × legal-status fit) × (0.5 if the ages do not
    meet), rounded to two decimals. The word fit is BM25 as a share of what a call saying each of
    the need's words once would score (at most 1).
    """

    def __init__(self, calls: list[Call], profiles: list[_Profile], words: _Words) -> None:
        self.calls = calls
        self.row = {call.id: row for row, call in enumerate(calls)}
        count = len(calls)
        # An expected call is matched before its window opens, so a needs analysis can start.
        self.opens = np.array(
            [c.opens.toordinal() if c.opens and not c.expected else 0 for c in calls], np.int64
        )
        self.closes = np.array([c.closes.toordinal() for c in calls], np.int64)
        rules = [_rules(call) for call in calls]
        self.eligible = np.array([refused is None for refused, _ in rules], bool)
        self.scopes = [scope for _, scope in rules]
        self.cofinancing = _floats(c.cofinancing_percent for c in calls)
        self.swedish = np.array([c.language == "sv" for c in calls], float)
        self.theme_cover = _matrix((p.theme_cover for p in profiles), _THEMES)
        self.group_cover = _matrix((p.group_cover for p in profiles), _GROUPS)
        self.no_groups = np.array([not p.group_cover for p in profiles], bool)
        self.has_status = np.array([bool(p.statuses) for p in profiles], bool)
        # In law a call for a wider group serves the need's people whole (how much less it is
        # made for them, the target-group fit says); a narrower or another group does not.
        self.status_served = _matrix(
            (
                {m: max(_status_served(m, s) for s in p.statuses) for m in _STATUSES}
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
        self.words = words
        self.youngest = _floats(p.ages[0] if p.ages else None for p in profiles)
        self.oldest = _floats(p.ages[1] if p.ages else None for p in profiles)
        self.preparation = np.array([c.preparation_days or 1 for c in calls], float)
        self.max_amount = _floats(c.max_amount_sek for c in calls)
        self.min_amount = _floats(c.min_amount_sek for c in calls)
        self._in_county: dict[str, np.ndarray] = {}
        self._hard: dict[tuple[int, str, float], np.ndarray] = {}
        self._timely: dict[int, np.ndarray] = {}
        self.count = count

    def scores(
        self, need: Need, profile: _Profile, today: date
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every call's fit for the need, its practical fit (which orders calls of equal fit),
        and whether it is suggested: its municipality may apply on `today`, and the call fits
        for a topical reason."""
        themes, theme_reason = _served(self.theme_cover, profile.themes, _THEME_COLUMN)
        groups, group_reason = _served(self.group_cover, profile.groups, _GROUP_COLUMN)
        if profile.groups:
            groups = np.where(self.no_groups, UNSTATED_GROUPS_FIT, groups)
        words = np.zeros(self.count)
        shared = np.zeros(self.count, bool)  # the call says a word of substance of the need
        for term, weight in profile.terms.items():
            if term in self.postings:
                rows, weights = self.postings[term]
                words[rows] += weight * weights
                if term in profile.words and term not in self.words.common:
                    shared[rows] = True
        said = words / self.words.norm(profile.terms)  # the share of the need's words said
        words = np.minimum(1.0, said / TEXT_SATURATION)
        text = WEIGHTS["text"] * self.swedish
        fit = (WEIGHTS["themes"] * themes + WEIGHTS["target_groups"] * groups + text * words) / (
            WEIGHTS["themes"] + WEIGHTS["target_groups"] + text
        )
        statuses = {m: w for m, w in profile.groups.items() if m in _WIDER_STATUS}
        if statuses:
            served, _ = _served(self.status_served, statuses, _STATUS_COLUMN)
            fit *= 0.3 + 0.7 * np.where(self.has_status, served, 1.0)
        if profile.ages is not None:
            youngest, oldest = profile.ages
            with np.errstate(invalid="ignore"):
                other = (self.oldest < youngest) | (oldest < self.youngest)
            fit *= np.where(other, OTHER_AGES_FACTOR, 1.0)
        topical = theme_reason | group_reason | (shared & (said >= SHARED_WORDS))
        allowed = topical & self._may_apply(need, today)
        return np.round(fit, 2), self._practical(need, today), allowed

    def _may_apply(self, need: Need, today: date) -> np.ndarray:
        """The hard rules, for every call: open on the day, open to municipalities, no more
        co-financing than the need can carry, a funder serving its county (kept per day, county
        and capacity: the needs of a county share them)."""
        key = (today.toordinal(), need.municipality[:2], need.cofinancing_capacity_percent)
        if key not in self._hard:
            day = key[0]
            with np.errstate(invalid="ignore"):
                affordable = ~(self.cofinancing > need.cofinancing_capacity_percent)
            if len(self._hard) > 256:
                self._hard.clear()
            self._hard[key] = (
                (self.opens <= day)
                & (day <= self.closes)
                & self.eligible
                & affordable
                & self._serves(key[1])
            )
        return self._hard[key]

    def _practical(self, need: Need, today: date) -> np.ndarray:
        """What `_practical_reasons` says, as a number (at most 1): time left against the
        preparation the funder needs, co-financing, amounts far from the need's cost."""
        day = today.toordinal()
        if day not in self._timely:
            days = self.closes - day
            factor = np.where(days < self.preparation, 0.5 + 0.5 * days / self.preparation, 1.0)
            self._timely = {day: factor * (1 - np.nan_to_num(self.cofinancing) / 200)}
        factor = self._timely[day]
        with np.errstate(invalid="ignore"):
            if cost := need.estimated_cost_sek:
                small = self.max_amount < cost / 2
                factor = factor * np.where(small, 0.8, np.where(self.min_amount > cost, 0.7, 1.0))
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
_THEME_COLUMN: Final = {slug: n for n, slug in enumerate(_THEMES)}
_GROUP_COLUMN: Final = {slug: n for n, slug in enumerate(_GROUPS)}
_STATUS_COLUMN: Final = {slug: n for n, slug in enumerate(_STATUSES)}


def _served(
    cover: np.ndarray, wanted: Mapping[str, float], column: Mapping[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    """How well each call serves these weighted concepts (0–1), and whether it serves one of
    them as a reason to suggest it (`REASON_COVER`); only the concepts' columns are read."""
    known = [(column[slug], w) for slug, w in wanted.items() if slug in column]
    if not known:
        return np.zeros(len(cover)), np.zeros(len(cover), bool)
    columns = cover[:, [c for c, _ in known]]
    weights = np.array([w for _, w in known])
    return columns @ weights / (sum(wanted.values()) or 1.0), columns.max(axis=1) >= REASON_COVER


def _matrix(rows: Iterable[Mapping[str, float]], columns: tuple[str, ...]) -> np.ndarray:
    return np.array([[row.get(slug, 0.0) for slug in columns] for row in rows]).reshape(
        -1, len(columns)
    )


def _floats(values: Iterable[float | None]) -> np.ndarray:
    return np.array([math.nan if v is None else float(v) for v in values])


def exclusion(need: Need, call: Call, today: date) -> Message | None:
    """Why a need's municipality cannot apply to the call on `today`, or None if it can."""
    if call.opens is not None and today < call.opens and not call.expected:
        return _("opens only on {day}", day=call.opens.isoformat())
    if today > call.closes:
        return _("closed on {day}", day=call.closes.isoformat())
    refused, scope = _rules(call)
    if refused:
        return refused
    capacity = need.cofinancing_capacity_percent
    if call.cofinancing_percent is not None and call.cofinancing_percent > capacity:
        return _(
            "requires {required} co-financing, the need can carry {capacity}",
            required=_percent(call.cofinancing_percent),
            capacity=_percent(capacity),
        )
    if scope is not None and need.municipality[:2] not in scope:
        counties = ", ".join(COUNTIES[code][0] for code in sorted(scope) if code in COUNTIES)
        return _(
            "funds only municipalities in {counties}", counties=counties or _("another county")
        )
    return None


@lru_cache(maxsize=32768)
def _rules(call: Call) -> tuple[Message | None, frozenset[str] | None]:
    """Why municipalities may not apply at all (or None), and the counties the call serves
    (None: all); neither depends on the need, so each call is read once."""
    refused = None
    if call.eligible_applicants:
        if MUNICIPALITY not in call.eligible_applicants:
            refused = _("municipalities cannot apply")
    elif _REFUSES_MUNICIPALITIES.search(f"{call.title}\n{call.description}"):
        refused = _("municipalities cannot apply according to the call's text")
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


def _status_served(need: str, call: str) -> float:
    match = _status_match(need, call)
    return 1.0 if call in (need, *_wider(need)) else match


def _status_class(status: str) -> str:
    return next((s for s in (status, *_wider(status)) if s in _EXCLUSIVE_STATUS), "")


def _wider(status: str) -> list[str]:
    chain = []
    while status := _WIDER_STATUS.get(status, ""):
        chain.append(status)
    return chain


def _term_counts(item: Call | Need, language: str) -> Counter[str]:
    """The stems of the title (twice: it says most) and of the description, as in `_text`,
    without the words that say nothing of what the text is about."""
    stop = _STOPWORDS[language]
    counts: Counter[str] = Counter()
    for text in (item.title, item.title, _text(item, title=False)):
        counts.update(s for s in stems(text, language) if len(s) > 2 and s not in stop)
    return counts


@lru_cache(maxsize=32768)
def _call_reading(call: Call) -> tuple[Counter[str], _Reading, frozenset[str]]:
    """A call's words, concepts and the themes of its programme's rules: the slow part of
    building a `Matcher`, so a call that has not changed is read once per process, however often
    the engine is built again."""
    return _term_counts(call, call.language), _read(call, call.language), _programme_themes(call)


def _call_profile(
    call: Call, reading: tuple[Counter[str], _Reading, frozenset[str]], terms: dict[str, float]
) -> _Profile:
    _, (themes, groups, titled), by_rules = reading
    groups = dict.fromkeys(call.target_groups, 1.0) or groups  # given by the source or a person
    return _profile(
        dict.fromkeys(call.themes, 1.0) or themes,
        groups,
        terms=terms,
        statuses=_clear_statuses(groups, titled),
        ages=ages_of(call.title, call.description),
        by_rules=by_rules,
    )


def _programme_themes(call: Call) -> frozenset[str]:
    """The themes the call's programme funds by its rules: the seeded programme's, or that of a
    programme whose rules the call cites (any county board's § 37 call cites 37 §)."""
    return frozenset(
        slug
        for purpose in _programme_purposes(call.programme, _cited(call))
        for slug in _purpose_themes(purpose)
    )


def _programme_purposes(programme: str, cited: frozenset[str]) -> list[str]:
    return [
        p.purpose
        for p in taxonomy.programme_purposes()
        if (programme and p.programme == programme) or cited.intersection(p.cites)
    ]


@cache
def _purpose_themes(purpose: str) -> frozenset[str]:
    return frozenset(s.slug for s in infer(purpose, "sv").themes)


@cache
def _citations() -> frozenset[str]:
    return frozenset(code for p in taxonomy.programme_purposes() for code in p.cites)


def _cited(call: Call) -> frozenset[str]:
    """The codes of programmes' rules the call's text cites (§37, 2016:1364)."""
    text = f"{call.title} {call.description}"
    if "§" not in text and ":" not in text:  # every code has one (37 §, 2016:1364)
        return frozenset()
    codes = _citations()
    return frozenset(s for s in stems(text, "sv") if s in codes)


def _profile(
    themes: Mapping[str, float],
    groups: Mapping[str, float],
    terms: Mapping[str, float],
    words: Mapping[str, str] | None = None,
    statuses: frozenset[str] = frozenset(),
    ages: Ages | None = None,
    by_rules: frozenset[str] = frozenset(),
) -> _Profile:
    return _Profile(
        themes=themes,
        groups=groups,
        terms=terms,
        words=words or {},
        theme_cover=_covers(themes, _theme_links(), by_rules),
        group_cover=_covers(groups, _status_links()),
        statuses=statuses,
        ages=ages,
        purpose=by_rules - set(themes),
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


def _covers(
    concepts: Mapping[str, float], links: Links, by_rules: frozenset[str] = frozenset()
) -> dict[str, float]:
    """How well something made for these concepts serves each concept (0–1): its concepts as
    strongly as they are said beside its main one (a call made for several things serves each
    of them, so a broad call is not marked down), what its programme funds by its rules
    (`by_rules`) at least half, linked ones as the links say."""
    top = max(concepts.values(), default=0.0)
    strengths = {given: min(1.0, weight / top) for given, weight in concepts.items()}
    for slug in by_rules:
        strengths[slug] = max(strengths.get(slug, 0.0), PROGRAMME_PURPOSE_CREDIT)
    cover: dict[str, float] = {}
    for given, strength in strengths.items():
        for wanted, credit in ((given, 1.0), *links.get(given, ())):
            if credit * strength > cover.get(wanted, 0.0):
                cover[wanted] = credit * strength
    return cover


def _read(item: Call | Need, language: str, in_title: Inference | None = None) -> _Reading:
    """Themes and target groups read in the text (what the title says weighs most), the target
    groups the title names, and the themes it funds whole: those of its title and of the
    sentences that say what the money is for or what is prioritised."""
    themes: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    in_title = in_title or infer(item.title, language)
    for found, weight in ((in_title, TITLE_WEIGHT), (infer(_text(item, title=False), language), 1)):
        themes.update({s.slug: s.score * weight for s in found.themes})
        groups.update({s.slug: s.score * weight for s in found.target_groups})
    stated = ""
    if isinstance(item, Call):  # a need says what it lacks, not what money is for
        stated = " ".join(s for s in _SENTENCE.split(_kept(item.description)) if _FUNDS.search(s))
    if stated:  # weighs as the title (it is counted once already, in the description)
        purposes = infer(stated, language).themes
        themes.update({s.slug: s.score * (TITLE_WEIGHT - 1) for s in purposes})
    return dict(themes), dict(groups), tuple(s.slug for s in in_title.target_groups)


def _concepts(
    chosen: tuple[str, ...], read: Mapping[str, float], titled: Mapping[str, float]
) -> dict[str, float]:
    """A need's concepts and their weights: those its authors chose count whole, and as much
    more as its title says them (the title says what the need is most about); those only read
    in its text count half."""
    weights = {slug: w * INFERRED_NEED_WEIGHT for slug, w in read.items()}
    for slug in chosen:
        weights[slug] = max(weights.get(slug, 0), 1.0 + TITLE_WEIGHT * titled.get(slug, 0.0))
    return weights


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


def _shared_themes(mine: Mapping[str, float], theirs: Mapping[str, float]) -> list[Message]:
    common = sorted(set(mine) & set(theirs), key=lambda s: (-mine[s] * theirs[s], s))
    return [_("theme: {theme}", theme=theme_label(slug).lower()) for slug in common[:2]]


def _theme_reasons(need: _Profile, call: _Profile) -> list[Message]:
    """The need's themes the call funds or speaks of, best first: "tema: …", "tema enligt
    programmets syfte: …" when only the programme's rules name it, and "närliggande tema: …"
    when the call serves it through a related theme."""
    served = sorted(
        (slug for slug in need.themes if call.theme_cover.get(slug, 0) >= REASON_COVER),
        key=lambda slug: (-need.themes[slug] * call.theme_cover.get(slug, 0), slug),
    )
    reasons = []
    for slug in served[:3]:
        label = theme_label(slug).lower()
        if slug in call.purpose:
            reasons.append(_("theme by the programme's purpose: {theme}", theme=label))
        elif slug in call.themes or call.theme_cover.get(slug) == 1.0:
            reasons.append(_("theme: {theme}", theme=label))
        else:
            reasons.append(_("related theme: {theme}", theme=label))
    return reasons


def _group_reasons(need: _Profile, call: _Profile) -> list[Message]:
    """The need's people the call is for, best first: "målgrupp: …", and "målgrupp: … (inom …)"
    when the call is for a wider group they belong to."""
    served = sorted(
        (slug for slug in need.groups if call.group_cover.get(slug, 0) >= REASON_COVER),
        key=lambda slug: (-need.groups[slug] * call.group_cover.get(slug, 0), slug),
    )
    reasons = []
    for slug in served[:2]:
        label = target_group_label(slug).lower()
        if slug in call.groups:
            reasons.append(_("target group: {group}", group=label))
        elif call.groups:
            wider = max(call.groups, key=lambda s: (_status_match(slug, s), s))
            wider_label = target_group_label(wider).lower()
            reasons.append(
                _("target group: {group} (within {wider})", group=label, wider=wider_label)
            )
    return reasons


def _shared_words(
    need: _Profile, theirs: Mapping[str, float], words: _Words, most: int
) -> list[Message]:
    """The words of substance both say, as the need says them, those that weigh most first."""
    common = sorted(
        (t for t in need.terms if t in theirs and t in need.words and t not in words.common),
        key=lambda t: (-need.terms[t] * theirs[t] * words.idf[t], t),
    )[:most]
    said = [need.words[stem] for stem in common]
    return [_("shared words: {words}", words=", ".join(said))] if said else []


def _words(text: str) -> dict[str, str]:
    """Each stem of a Swedish text and the first word that gave it, to show people words."""
    words: dict[str, str] = {}
    for word in dict.fromkeys(re.findall(r"[^\W\d_]+", text)):
        for stem in stems(word):
            words.setdefault(stem, word.lower())
    return words


def _practical_reasons(need: Need, call: Call, today: date) -> list[Message]:
    """Co-financing, time left and amounts, as `_Table._practical_factor` weighs them."""
    reasons = []
    if call.cofinancing_percent is None:
        reasons.append(_("co-financing not stated"))
    elif call.cofinancing_percent == 0:
        reasons.append(_("no co-financing required"))
    else:
        reasons.append(_("co-financing {percent}", percent=_percent(call.cofinancing_percent)))
    days = (call.closes - today).days
    if call.expected and call.opens is not None and today < call.opens:
        reasons.append(_("expected to open around {day}", day=call.opens.isoformat()))
    elif days == 0:
        reasons.append(_("closes today"))
    else:
        reasons.append(
            ngettext_lazy("closes in {number} day", "closes in {number} days", number=days)
        )
    if days < call.preparation_days:
        reasons.append(
            ngettext_lazy(
                "short of time: an application often takes {number} day",
                "short of time: an application often takes {number} days",
                number=call.preparation_days,
            )
        )
    cost = need.estimated_cost_sek
    if cost:
        if call.max_amount_sek is not None and call.max_amount_sek < cost / 2:
            amount = format_sek(call.max_amount_sek)
            reasons.append(_("at most {amount}, under half the cost", amount=amount))
        elif call.min_amount_sek is not None and call.min_amount_sek > cost:
            amount = format_sek(call.min_amount_sek)
            reasons.append(_("at least {amount}, more than the need costs", amount=amount))
    return reasons


def _percent(value: float) -> str:
    return f"{value:g} %"
