"""Suggest themes and target groups from the Swedish or English text of a call (or a need).

Pure Python, no Django. Each slug of the taxonomy has a hand-written lexicon of Swedish and English
words and phrases (below). Text and lexicon pass through the same Snowball stemmer, so inflected
forms meet (bostäder, bostaden, bostad); in Swedish text a lexicon word of five letters or more also
matches as the first or last part of a compound (flyktingguideverksamheten). Every suggestion says
which words of the text triggered it, so the coordinator can see why and correct it.
"""

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Final, NamedTuple

import snowballstemmer

# Lexicon notation: "slug: Swedish terms / English terms", terms separated by commas; a line that
# starts with blanks continues the one above. A term of several words is a phrase (weight 1.5), one
# word weighs 1.0; "+" marks a decisive term (2.0), "~" a hint (0.5) that needs other evidence, and
# "!" a phrase that only stops its words from counting ("äldre än" is no sign of older people).
# "=" compares written words, not stems, where stems mix meanings (företagande and företag share
# one). Codes (§ 37a, 2010:1122) belong to no language; "@slug" reuses a theme's terms. Programme
# codes carry what the rules say of them: § 37 and § 37a their purposes and target groups under
# förordningen (2010:1122), TIA its content, AMIF its target group, Erasmus+ KA1/KA2 their kind.
THEME_TABLE: Final = """
arbete-sysselsattning: ~arbete, arbetsmarknad, sysselsättning, jobb, anställning, arbetslös,
  arbetssökande, arbetsgivare, arbetsliv, egenförsörjning, egen försörjning, praktik, få arbete,
  komma i arbete, arbete eller studier, fast-care, tia, ~esf / employment, jobs, labour market,
  labor market, unemployed, jobseekers, ~work
kompetensutveckling-validering: kompetensutveckling, validering, ~kompetens, kompetensförsörjning,
  kartläggning av kompetens, yrkeskompetens, uppskolning, ~omställning, ~fast-care /
  skills development, ~validation, skills validation, upskilling, reskilling, ~skills
foretagande: =företagande, =företagare, entreprenörskap, entreprenör, starta företag,
  affärsutveckling, ~tillväxtverket / entrepreneurship, entrepreneurs, start a business,
  self-employment, business development
sprak: ~svenska, språk, språkinlärning, språkutveckling, språkträning, språkstöd, språkcafé, +sfi,
  svenska för invandrare, svenskundervisning, kunskaper i svenska, lära sig svenska,
  svenska språket, språkvän, §37a, tia, !svenska esf-rådet / language, language learning,
  language training, language café, learn swedish, swedish lessons, swedish language, ~swedish
utbildning: utbildning, vuxenutbildning, komvux, folkhögskola, studier, ~skola, kort utbildning /
  education, adult education, adult learning, ~school, ~training
samhallsorientering: samhällsorientering, samhällsinformation, samhällskunskap,
  samhällsintroduktion, information om samhället, kunskap om samhället, tia / civic orientation,
  civic information, society information, civic education, information about society
boende-bosattning: bostad, ~boende, bosättning, hyresvärd, bostadsförsörjning, bostadsbrist,
  bostadsmarknad, allmännyttan, =lägenhet, hyreskontrakt, andrahandskontrakt, ~§37 / housing,
  accommodation, landlords, settlement
mottagande-beredskap: =mottagande, =mottagning, mottagningskapacitet, flyktingmottagande,
  beredskap, ~kapacitet, mottagandet av nyanlända, §37 / reception, reception capacity,
  preparedness, ~capacity
samverkan-metodutveckling: samverkan, samverka, samarbete, metodutveckling, ~metod, nya arbetssätt,
  samverkansformer, ~partnerskap, ~erfarenhetsutbyte, kunskapsutveckling, §37 / cooperation,
  co-operation, collaboration, method development, new methods, ~partnership
halsa: hälsa, =hälso, hälsofrämjande, folkhälsa, sjukvård, ~vård, ~välmående, tia / health,
  healthcare, public health, well-being, wellbeing
psykisk-halsa: psykisk hälsa, psykisk ohälsa, ~psykisk, trauma, posttraumatisk, ptsd,
  psykosocialt stöd, ~krisstöd / mental health, mental illness, trauma, traumatised, traumatized,
  ptsd, psychosocial support
barn-unga: barn, unga, ungdom, unga vuxna, ~elever, barnkonventionen, barnrättsperspektiv /
  children, child, young people, youth, adolescents
ensamkommande: +ensamkommande, ~§37, ~§37a / +unaccompanied, separated children
foraldraskap: föräldraskap, föräldraskapsstöd, föräldralediga, föräldrar, föräldrastöd, små barn,
  ~§37a / parenting, parents, parental leave, parents on leave, parenting support
familjeaterforening: familjeåterförening, anhöriga, anhöriginvandrare, familjeanknytning /
  family reunification, family reunion, family members, family migrants
flyktingguider-natverk: +flyktingguide, +familjekontakt, sociala nätverk, skapa nätverk, ~nätverk,
  språkvän, vänfamilj, fadderverksamhet, =mentor, etablerade invånare, kontaktpersoner,
  kontaktfamiljer, +§37a / refugee guides, buddy schemes, host families,
  befriending, social networks, mentoring
civilsamhalle: civilsamhälle, civila samhället, civil sektor, idéburen, ideella organisationer,
  ideell förening, frivilligorganisationer, volontär, ~trossamfund, ~studieförbund,
  idéburet offentligt partnerskap, iop / civil society, non-profit, nonprofit,
  voluntary organisations, volunteers, ngo, ngos
foreningsliv-fritid: föreningsliv, ~förening, idrott, fritid / sport, leisure, ~associations,
  recreational activities
kultur: kultur, mötesplats, ~språkcafé, bibliotek / culture, meeting places, library, arts
digital-inkludering: digital inkludering, digitalisering, ~digital, digital kompetens,
  digitala färdigheter, digitala verktyg, digitaliseringskunskaper, digitalt utanförskap,
  digital delaktighet, digitala samhällstjänster, e-tjänster, e-legitimation, bankid,
  digital vägledning / digital inclusion, digital skills, digital literacy, digitalisation,
  digital exclusion, digital divide, e-services, ~digital
jamstalldhet: jämställdhet, jämställdhetsintegrering, jämställdhetsperspektiv, kvinnor och män /
  gender equality, gender mainstreaming, ~gender, equality between women and men
utrikesfodda-kvinnor: utrikesfödda kvinnor, utrikes födda kvinnor, nyanlända kvinnor,
  invandrade kvinnor, kvinnors etablering, ~kvinnor / foreign-born women, migrant women,
  immigrant women, newly arrived women, ~women
vald-heder: våld, våld i nära relationer, hedersrelaterat våld, hedersförtryck, =heder,
  mäns våld mot kvinnor, våldsförebyggande, våldsutsatta, våldsutövare, könsstympning,
  barnäktenskap, människohandel, prostitution, sexuellt våld / violence, domestic violence,
  honour-related violence, honor-related violence, gender-based violence, intimate partner violence
hbtqi: +hbtqi, +hbtq, hbt, sexuell läggning, könsidentitet, queer, transpersoner / +lgbtqi, +lgbtq,
  +lgbt, +lgbtiq, lgbti, sexual orientation, gender identity, queer
antidiskriminering: diskriminering, rasism, antirasism, främlingsfientlighet, afrofobi,
  antisemitism, islamofobi, ~antiziganism, likabehandling, ~fördomar / discrimination,
  anti-discrimination, racism, anti-racism, xenophobia, equal treatment
demokrati-delaktighet: demokrati, delaktighet, !digital delaktighet, =inflytande, medborgardialog,
  ungas organisering, aktivt medborgarskap, ~påverka / democracy, democratic, ~participation,
  civic participation, ~influence, active citizenship
segregation: segregation, utsatta områden, socioekonomiskt utsatta områden,
  särskilt utsatta områden, +2018:118, delmos, delegationen mot segregation / segregation,
  disadvantaged areas, deprived areas, vulnerable areas, disadvantaged neighbourhoods
brottsforebyggande: brottsförebyggande, ~brott, brottslighet, kriminalitet, ~trygghet, ~polisen,
  ~utsatta områden / crime prevention, crime, criminal, gangs, ~safety
ekonomisk-utsatthet: ekonomisk utsatthet, fattigdom, ekonomiskt bistånd, försörjningsstöd,
  hemlöshet, skuldsättning, grundläggande behov, socialt särskilt utsatta / poverty,
  economic vulnerability, basic needs, homelessness, material deprivation, social exclusion
funktionsnedsattning: funktionsnedsättning, funktionsnedsatt, funktionsvariation, funktionshinder,
  ~npf, ~tillgänglighet / disability, persons with disabilities
aldre: äldre, äldre personer, äldre 65, pensionärer, äldreomsorg, seniorer, 65 år, !äldre än /
  older people, older persons, elderly, seniors
kompetens-personal: kompetensutveckling för personal, kompetenshöjande insatser, ~kompetenshöjande,
  fortbildning, ~personal, personalens kompetens, ~medarbetare, yrkesverksamma, kollegialt lärande,
  +ka1 / staff training, ~staff, staff development, staff mobility, professional development
internationellt-samarbete: internationell samarbete, ~internationell, ~erfarenhetsutbyte,
  transnationell, transnationella aktiviteter, +erasmus, +ka2, +ka210, +ka220,
  småskaliga partnerskap, ~partnerskap, ~utbyte / international cooperation, ~international,
  transnational, ~exchange, +erasmus, small-scale partnerships, cooperation partnerships,
  ~partnerships, programme countries, partner countries
romsk-inkludering: romsk inkludering, romer, romsk, antiziganism, +2022:259 / roma, roma inclusion,
  antigypsyism, antiziganism
"""

TARGET_GROUP_TABLE: Final = """
nyanlanda-ersattningsforordningen: nyanlända, ersättningsförordningen, +2010:1122, ~flyktingar,
  uppehållstillstånd, flyktingliknande skäl, §37, §37a / newly arrived, newcomers, ~refugees,
  residence permit
nyanlanda-anvisade: +bosättningslagen, +2016:38, anvisade nyanlända, ~anvisade, ~anvisning,
  kommuntal / settlement act, ~assigned
egenbosatta: +egenbosatta, +ebo, ~eget boende, egen bosättning / self-settled, own accommodation
kvotflyktingar: +kvotflyktingar, vidarebosättning, vidarebosatta / resettled refugees,
  resettlement, quota refugees
ensamkommande: @ensamkommande
gymnasielagen: +gymnasielagen, gymnasiala studier / upper-secondary studies
skyddsbehovande-massflykt: +massflyktsdirektivet, massflykt, ukraina, ~skyddsbehövande,
  tillfälligt skydd, fast-care / temporary protection, +temporary protection directive, ukraine,
  ukrainian, ~displaced persons
asylsokande: +asylsökande, asyl, anläggningsboende, abo, +1994:137, +2016:1364, tia,
  tidiga insatser, ~§37a / asylum seekers, ~asylum
anhoriginvandrare: +anhöriginvandrare, anhöriginvandring, ~anhöriga, familjeåterförening,
  familjeanknytning / family migrants, family reunification
utrikesfodda: utrikesfödda, utrikes födda, födda utomlands, utlandsfödda, ~invandrare, migranter /
  foreign-born, immigrants, migrants
utrikesfodda-kvinnor: @utrikesfodda-kvinnor
tredjelandsmedborgare: +tredjelandsmedborgare, +amif, tredje land / third-country nationals, +amif,
  asylum migration and integration fund
foraldralediga: +föräldralediga, små barn, föräldrapenning, ~§37a / parents on leave,
  parental leave, parents with young children, parents of young children
etableringsprogrammet: +etableringsprogram, +etableringsuppdrag, etableringsplan,
  etableringsersättning, etableringsinsatser / establishment programme, introduction programme
unga-uvas: +uvas, +varken arbetar eller studerar, unga arbetslösa, unga vuxna, 16 29, ~unga /
  +neet, not in employment education or training, young unemployed
barn-0-11: ~barn, barn 0 11, förskolebarn, småbarn, yngre barn, ~förskola / children aged 0 11,
  young children, ~children
unga-12-25: unga, ungdom, 12 25, unga vuxna / young people, youth, adolescents, teenagers
personer-med-funktionsnedsattning: @funktionsnedsattning
aldre-65: @aldre
boende-utsatta-omraden: utsatta områden, särskilt utsatta områden, socioekonomiskt utsatta områden,
  lägesbild / disadvantaged areas, deprived areas, vulnerable areas, disadvantaged neighbourhoods
vald-utsatta: våldsutsatta, våldsutsatta kvinnor, utsatta för våld, våld i nära relationer,
  mäns våld mot kvinnor, skyddat boende, kvinnojour, ~våld / victims of violence,
  women subjected to violence, survivors of violence, ~violence
romer: @romsk-inkludering
hbtqi-personer: @hbtqi
kommunal-personal: kommunal personal, kommunens personal, ~personal, ~medarbetare, yrkesverksamma,
  handläggare, socialsekreterare, =lärare, pedagoger, kompetenshöjande insatser, +ka1 /
  municipal staff, ~staff, ~professionals, teachers, staff mobility, practitioners
"""

LANGUAGES: Final = ("sv", "en")
MIN_WEIGHT: Final = 1.0  # evidence a slug needs to be suggested: one plain word, or hints together
_WEIGHTS: Final = {"+": 2.0, "~": 0.5, "!": 0.0}
_COMPOUND: Final = 0.75  # a match inside a compound is less certain than a whole word
_OTHER_LANGUAGE: Final = 0.75  # an English term in Swedish text, or the reverse
_MIN_PART, _MIN_STEM, _MAX_ENDING = 5, 4, 3  # compound part; stem that takes an ending; ending
_SCALE: Final = 2.5  # score = 1 - exp(-weight / scale): 1.0 -> 0.33, 3.0 -> 0.7, 6.0 -> 0.91
_TOKEN: Final = re.compile(
    r"§\s*(\d+)(?:\s*([a-h])(?![^\W\d_]))?|(\d+)\s*([a-h]?)\s*§|\d{4}:\d{1,4}|[^\W_]+",
    re.IGNORECASE,
)
_LETTERS: Final = str.maketrans({"æ": "ä", "ø": "ö", "ß": "ss"})
_STEMMERS: Final = {"sv": "swedish", "en": "english"}

Key = tuple[str, str]  # how a word is compared (sv or en stem, raw word, code) and its form


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A slug suggested for a text, with the words of the text that triggered it."""

    slug: str
    score: float  # in (0, 1]
    evidence: tuple[str, ...]  # the words of the text that triggered it, in order of appearance


@dataclass(frozen=True, slots=True)
class Inference:
    """What `infer` found in a text: themes and target groups, best first."""

    themes: list[Suggestion]
    target_groups: list[Suggestion]


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon entry, a word or a phrase, as stemmed keys."""

    text: str
    words: tuple[Key, ...]
    weight: float
    language: str  # "sv", "en", or "" for codes


class _Token(NamedTuple):
    start: int
    end: int
    form: str  # lower-cased, foreign accents removed; å, ä and ö kept


# A lexicon term whose first word a text word may be: its slug, the term's number (equal terms,
# equal numbers), when the term is that one word the weight it has there (else None: the words
# after it decide), the term, and the key of its second word (None for one word).
_Hit = tuple[str, int, float | None, "Term", "Key | None"]
# A term read in the text: (-(last - first), -weight, first, last, weight, term's number), so
# that sorting by the first three fields orders readings longest, heaviest, earliest first.
_Match = tuple[int, float, int, int, float, int]
_ORDER: Final = itemgetter(0, 1, 2)
_FIRST: Final = itemgetter(2)
_GROUP: Final = re.Match.group
_KEYS: Final = attrgetter("keys")
_THEMES: Final = attrgetter("themes")
_TARGET_GROUPS: Final = attrgetter("target_groups")


class _Reading(NamedTuple):
    """What one text word may be: every lexicon key with how sure that reading is, and the
    theme and target-group terms it may start."""

    keys: Mapping[Key, float]
    themes: tuple[_Hit, ...]
    target_groups: tuple[_Hit, ...]


def infer(text: str, language: str = "sv") -> Inference:
    """Themes and target groups the text speaks of, best first (ties by slug)."""
    if language not in LANGUAGES:
        raise ValueError(f"Okänt språk: {language!r} (sv eller en).")
    text = unicodedata.normalize("NFC", text)
    places, forms = _words(text)
    readings = list(map(_reading, forms, repeat(language)))
    keys = list(map(_KEYS, readings))
    keys.append({})  # past the last word nothing is read
    return Inference(
        themes=_suggest(text, places, keys, list(map(_THEMES, readings)), language),
        target_groups=_suggest(text, places, keys, list(map(_TARGET_GROUPS, readings)), language),
    )


def stems(text: str, language: str = "sv") -> list[str]:
    """The text's words as stems of its language (codes such as §37a kept whole), in order."""
    if language not in LANGUAGES:
        raise ValueError(f"Okänt språk: {language!r} (sv eller en).")
    return [_word_stem(t.form, language) for t in _tokenize(unicodedata.normalize("NFC", text))]


def _suggest(
    text: str,
    places: list[re.Match[str]],
    keys: list[Mapping[Key, float]],
    hits: list[tuple[_Hit, ...]],
    language: str,
) -> list[Suggestion]:
    """The slugs (themes, or target groups) whose terms the text's words may start (`hits`);
    `keys` are the readings of each word (`_candidates`), and an empty one after the last."""
    found: dict[str, list[_Match]] = {}
    for first, starting in enumerate(hits):
        for slug, number, weight, term, second in starting:
            if weight is None:  # a phrase: read on, word by word
                if second not in keys[first + 1]:
                    continue  # (most phrases end here, so this is tried first)
                match = _match(term, number, first, keys, language)
                if match is None:
                    continue
            else:
                match = (0, -weight, first, first, weight, number)
            if slug in found:
                found[slug].append(match)
            else:
                found[slug] = [match]
    suggestions = []
    for slug, matches in found.items():
        weight, kept = _weigh(matches)
        if weight >= MIN_WEIGHT:
            score = round(1 - math.exp(-weight / _SCALE), 3)
            suggestions.append(Suggestion(slug, score, _evidence(text, places, kept)))
    return sorted(suggestions, key=lambda suggestion: (-suggestion.score, suggestion.slug))


def _match(
    term: Term, number: int, first: int, keys: list[Mapping[Key, float]], language: str
) -> _Match | None:
    """The phrase read at token `first`, weighed by how surely each of its words was recognised.

    Its first word is one of the readings of token `first` (`_reading` found it there)."""
    last = first + len(term.words) - 1
    if last >= len(keys) - 1:
        return None
    factor = 1.0
    for n, word in enumerate(term.words):
        sure = keys[first + n].get(word)
        if sure is None:
            return None
        factor = min(factor, sure)
    weight = _weight(term, factor, language)
    return (first - last, -weight, first, last, weight, number)


def _weight(term: Term, factor: float, language: str) -> float:
    """A term's weight where its words were read with this certainty (the least of theirs)."""
    if term.language not in ("", language):
        factor *= _OTHER_LANGUAGE
    return term.weight * factor


def _weigh(matches: list[_Match]) -> tuple[float, list[_Match]]:
    """Add up one slug's evidence: each word counts once, longer and heavier readings first.
    Returns the weight and the readings that count."""
    taken: set[int] = set()
    kept: list[_Match] = []
    by_term: dict[int, list[float]] = {}
    for match in sorted(matches, key=_ORDER) if len(matches) > 1 else matches:
        first, last = match[2], match[3]
        if first == last:
            if first in taken:
                continue
            taken.add(first)
        else:
            span = set(range(first, last + 1))
            if not taken.isdisjoint(span):
                continue
            taken |= span
        kept.append(match)
        if match[5] in by_term:
            by_term[match[5]].append(match[4])
        else:
            by_term[match[5]] = [match[4]]
    # A term said again adds a quarter of its weight, at most twice.
    weight = sum(max(ws) * (1 + 0.25 * min(len(ws) - 1, 2)) for ws in by_term.values())
    return weight, kept


def _evidence(text: str, places: list[re.Match[str]], kept: list[_Match]) -> tuple[str, ...]:
    """The words of the text behind the readings, in order, each once whatever its case."""
    evidence: dict[str, str] = {}
    for match in sorted(kept, key=_FIRST) if len(kept) > 1 else kept:
        if match[4] > 0:
            said = text[places[match[2]].start() : places[match[3]].end()]
            evidence.setdefault(said.casefold(), said)
    return tuple(evidence.values())


def _words(text: str) -> tuple[list[re.Match[str]], list[str]]:
    """The text's words as found (for where they are) and their forms; as `_tokenize`, but in
    C loops (`map`) where no paragraph sign asks for more."""
    found = list(_TOKEN.finditer(text))
    words = list(map(_GROUP, found))
    if "§" not in text:
        return found, list(map(_fold, words))
    # Only a paragraph (§ 37 a, 37 a §) reads its parts; any other word is its folded form.
    return found, [
        _token_form(match) if "§" in word else _fold(word)
        for match, word in zip(found, words, strict=True)
    ]


@lru_cache(maxsize=256)  # a call's title and text are read for concepts and for words
def _tokenize(text: str) -> tuple[_Token, ...]:
    return tuple(
        _Token(found.start(), found.end(), _token_form(found)) for found in _TOKEN.finditer(text)
    )


def _token_form(found: re.Match[str]) -> str:
    word = found.group()
    form = _fold(word)
    if word[0] == "§" or word[0].isdigit():  # a paragraph: § 37 a, 37 a §
        number, letter = found.group(1) or found.group(3), found.group(2) or found.group(4)
        if number:
            form = f"§{number}{(letter or '').lower()}"
    return form


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Lower-case; strip accents that Swedish does not count as letters (é, ü) but keep å, ä, ö."""
    chars = (c if c in "åäö" else unicodedata.normalize("NFD", c) for c in word.lower())
    return "".join(c for c in "".join(chars) if not unicodedata.combining(c)).translate(_LETTERS)


def _is_code(form: str) -> bool:
    return any(char.isdigit() or char == "§" for char in form)


@lru_cache(maxsize=65536)
def _word_stem(form: str, language: str) -> str:
    return form if _is_code(form) else _stem(form, language)


@lru_cache(maxsize=65536)
def _stem(form: str, language: str) -> str:
    return str(snowballstemmer.stemmer(_STEMMERS[language]).stemWord(form))


@lru_cache(maxsize=65536)
def _candidates(form: str, language: str) -> Mapping[Key, float]:
    """Every lexicon key a text word can stand for, with how sure that reading is."""
    if _is_code(form):
        return {("code", form): 1.0}
    keys: dict[Key, float] = {("en", _stem(form, "en")): 1.0}
    for kind, word in (("sv", _stem(form, "sv")), ("raw", form)):
        keys[(kind, word)] = 1.0
        # An ending the stemmer left, or a vowel change it missed (bostäder ~ bostad).
        for cut in range(1, _MAX_ENDING + 1):
            if len(word) - cut >= _MIN_STEM:
                keys.setdefault((kind, word[:-cut]), 1.0)
        if language != "sv":
            continue
        for end in range(_MIN_PART, len(word) - _MAX_ENDING):  # first part of a compound
            keys.setdefault((kind, word[:end]), _COMPOUND)
        for cut in range(_MAX_ENDING + 1):  # last part of a compound, perhaps with an ending
            body = word[: len(word) - cut]
            for start in range(1, len(body) - _MIN_PART + 1):
                keys.setdefault((kind, body[start:]), _COMPOUND)
    return keys


@lru_cache(maxsize=65536)
def _reading(form: str, language: str) -> _Reading:
    """The lexicon's theme and target-group terms whose first word a text word may be; a term of
    one word is weighed here once, for every time the word is read."""
    keys = _candidates(form, language)
    theme_hits, group_hits = (
        tuple(
            (
                slug,
                _TERM_NUMBERS[term],
                _weight(term, min(1.0, sure), language) if len(term.words) == 1 else None,
                term,
                term.words[1] if len(term.words) > 1 else None,
            )
            for key, sure in keys.items()
            for slug, term in index.get(key, ())
        )
        for index in (_THEME_INDEX, _TARGET_GROUP_INDEX)
    )
    return _Reading(keys, theme_hits, group_hits)


def _term(spec: str, language: str) -> Term:
    text = spec.lstrip("+~!=")
    flags = spec[: len(spec) - len(text)]
    forms = [token.form for token in _tokenize(text)]
    weight = next((_WEIGHTS[f] for f in flags if f in _WEIGHTS), 1.5 if len(forms) > 1 else 1.0)
    words = tuple(
        ("code", form)
        if _is_code(form)
        else ("raw", form)
        if "=" in flags
        else (language, _stem(form, language))
        for form in forms
    )
    codes_only = all(kind == "code" for kind, _ in words)
    return Term(text, words, weight, "" if codes_only else language)


def _parse(table: str, reuse: Mapping[str, tuple[Term, ...]]) -> dict[str, tuple[Term, ...]]:
    specs: dict[str, str] = {}
    slug = ""
    for line in table.strip().splitlines():
        if line[:1].isspace():
            specs[slug] += " " + line.strip()
        else:
            slug, _, spec = line.partition(":")
            specs[slug] = spec.strip()
    lexicon: dict[str, tuple[Term, ...]] = {}
    for slug, spec in specs.items():
        if spec.startswith("@"):
            lexicon[slug] = reuse[spec[1:]]
            continue
        swedish, _, english = spec.partition(" / ")
        lexicon[slug] = tuple(
            _term(item.strip(), language)
            for language, terms in (("sv", swedish), ("en", english))
            for item in terms.split(",")
            if item.strip()
        )
    return lexicon


def _index(lexicon: Mapping[str, tuple[Term, ...]]) -> dict[Key, list[tuple[str, Term]]]:
    index: dict[Key, list[tuple[str, Term]]] = defaultdict(list)
    for slug, terms in lexicon.items():
        for term in terms:
            index[term.words[0]].append((slug, term))
    return dict(index)


THEME_LEXICON: Final[Mapping[str, tuple[Term, ...]]] = _parse(THEME_TABLE, {})
TARGET_GROUP_LEXICON: Final[Mapping[str, tuple[Term, ...]]] = _parse(
    TARGET_GROUP_TABLE, THEME_LEXICON
)
_THEME_INDEX: Final = _index(THEME_LEXICON)
_TARGET_GROUP_INDEX: Final = _index(TARGET_GROUP_LEXICON)
# Each distinct term numbered once: a reading counts by its term's number, cheaper to hash.
_TERM_NUMBERS: Final = {
    term: number
    for number, term in enumerate(
        dict.fromkeys(
            term
            for lexicon in (THEME_LEXICON, TARGET_GROUP_LEXICON)
            for terms in lexicon.values()
            for term in terms
        )
    )
}
