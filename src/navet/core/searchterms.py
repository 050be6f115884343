"""The words of Swedish text as Navet's search indexes them and asks for them: one rule for
indexing and for queries, on SQLite and on PostgreSQL (ADR 0018).

A word is found by any of its inflections through its Snowball stem ("föräldrar" and
"föräldrarnas" are both "föräldr"), and a compound by its parts ("språkcaféet" is also "språk"
and "café"). Compounds are split by the method of Koehn and Knight (2003): the stem is cut into
parts that are words of Swedish, as frequent as the word frequencies of `wordfreq` say, and it
is split where the parts are on average (geometric mean) more frequent than the whole; a part
shorter than three letters, or rarer than a word an ordinary text uses, never counts. No word
list is written by hand.
"""

import math
import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer
import wordfreq

MIN_PART = 3  # letters in a part of a compound
MIN_LAST = 4  # letters of its last part's stem; a shorter one must be a word as written
MAX_PARTS = 3
PART_FREQUENCY = 2e-6  # a part is a word used at least this often (Zipf 3.3)
STOP_FREQUENCY = 1e-3  # words this frequent ("och", "för", "på") say nothing a search can use
_WORD = re.compile(r"[^\W_]+")

Split = tuple[float, tuple[str, ...]]  # the parts of a word, and the sum of their log frequencies


@dataclass(frozen=True)
class QueryWord:
    """One word of a query as typed, its stem, and the stems of its parts when it is a
    compound."""

    word: str
    stem: str
    parts: tuple[str, ...] = ()
    excluded: bool = False  # typed with a minus: the row must not hold it


def words(text: str) -> list[str]:
    """The words of `text`, lower case: runs of letters and digits ("e-tjänster" is two)."""
    return _WORD.findall(text.lower())


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("swedish")


@cache
def _frequencies() -> dict[str, float]:
    return wordfreq.get_frequency_dict("sv", wordlist="best")


@cache
def _forms() -> dict[str, float]:
    """The words that may be parts of a compound, with their frequencies: common enough, and
    not so common that they are function words ("för", "till", "sig")."""
    return {
        word: frequency
        for word, frequency in _frequencies().items()
        if PART_FREQUENCY <= frequency < STOP_FREQUENCY and word.isalpha()
    }


@cache
def _stems() -> dict[str, float]:
    """The Snowball stems of those words, each with the frequency of all its forms."""
    stems: dict[str, float] = {}
    for form, frequency in _forms().items():
        stemmed = str(_stemmer().stemWord(form))
        stems[stemmed] = stems.get(stemmed, 0.0) + frequency
    return stems


@cache
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word; a definite "-et" that Snowball keeps
    ("projektet", "caféet") goes when what remains is the stem of a Swedish word."""
    stemmed = str(_stemmer().stemWord(word))
    if stemmed.endswith("et") and len(stemmed) > MIN_PART + 2:
        shorter = str(_stemmer().stemWord(stemmed[:-2]))
        if shorter in _stems():
            return shorter
    return stemmed


@cache
def parts(word: str) -> tuple[str, ...]:
    """The stems of the parts of a compound ("biblioteksguider" → "bibliotek", "guid"), or
    nothing when the word is none."""
    stemmed = str(_stemmer().stemWord(word))
    best = _split(stemmed, word[len(stemmed) :])
    if best is None:
        return ()
    score, found = best
    whole = max(_frequencies().get(word, 0.0), _stems().get(stem(word), 0.0))
    if math.exp(score / len(found)) <= whole:
        return ()  # the whole word is more common than its parts: no compound (Koehn & Knight)
    return tuple(stem(part) for part in found)


@cache
def _split(text: str, ending: str, first: bool = True) -> Split | None:
    """The split of `text` (a stem, whose word goes on with `ending`) into parts whose mean log
    frequency is highest: every part but the last a word, maybe joined by an "s" ("biblioteks-"),
    the last the stem of a word, and a short one with the ending a word itself ("möt" of "-möte",
    but not "pet" of "kompetens" nor "ing" of "mening")."""
    forms, stems = _forms(), _stems()
    best: Split | None = None
    if not first and len(text) >= MIN_PART:
        known = text if text in stems else stem(text)
        if known in stems and (len(known) >= MIN_LAST or text + ending in forms):
            best = (math.log(stems[known]), (text,))
    for cut in range(MIN_PART, len(text) - MIN_PART + 1):
        head = text[:cut]
        frequency = forms.get(head)
        if frequency is None and head.endswith("s") and len(head) > MIN_PART:
            head = head[:-1]
            frequency = forms.get(head)
        if frequency is None:
            continue
        rest = _split(text[cut:], ending, first=False)
        if rest is None or len(rest[1]) >= MAX_PARTS:
            continue
        candidate = (math.log(frequency) + rest[0], (head, *rest[1]))
        if best is None or _better(candidate, best):
            best = candidate
    return best


def _better(split: Split, than: Split) -> bool:
    """Fewer parts first (a frequent short word would otherwise cut a part in two: "kom" and
    "mun" of "kommun"), then the higher mean log frequency."""
    if len(split[1]) != len(than[1]):
        return len(split[1]) < len(than[1])
    return split[0] / len(split[1]) > than[0] / len(than[1])


def terms(word: str) -> list[str]:
    """What a word is indexed under: its stem, and the stems of its parts."""
    return [stem(word), *parts(word)]


def index_text(text: str) -> str:
    """The terms of every word of `text`, for SQLite's full-text index."""
    return " ".join(term for word in words(text) for term in terms(word))


def query(text: str) -> list[QueryWord]:
    """The words a search asks for, all of which a row must hold, in any order and inflection,
    and those it must not ("-ungdomar"). Very common words ("och", "för", "på") say nothing and
    are left out; a query of nothing else, or of excluded words only, asks for nothing."""
    asked: dict[tuple[str, bool], None] = {}
    for chunk in text.split():
        excluded = chunk.startswith("-")
        for word in words(chunk):
            if _frequencies().get(word, 0.0) < STOP_FREQUENCY:
                asked[(word, excluded)] = None
    if all(excluded for _word, excluded in asked):
        return []
    return [QueryWord(word, stem(word), parts(word), excluded) for word, excluded in asked]


def fts5_match(asked: list[QueryWord]) -> str:
    """The query in FTS5's syntax, of stems: every word, a compound as itself or as all its
    parts."""
    wanted = " AND ".join(_fts5(word) for word in asked if not word.excluded)
    unwanted = "".join(" NOT " + _fts5(word) for word in asked if word.excluded)
    return f"({wanted}){unwanted}" if unwanted else wanted


def _fts5(word: QueryWord) -> str:
    return _either(word, '"{}"', " OR ", " AND ")


def tsquery(asked: list[QueryWord]) -> str:
    """The same query in the syntax of PostgreSQL's `to_tsquery`."""
    return " & ".join(
        ("!" if word.excluded else "") + _either(word, "'{}'", " | ", " & ") for word in asked
    )


def _either(word: QueryWord, quote: str, either: str, every: str) -> str:
    """The word, or, for a compound, itself or all its parts."""
    if not word.parts:
        return quote.format(word.stem)
    together = every.join(quote.format(part) for part in word.parts)
    return f"({quote.format(word.stem)}{either}({together}))"
