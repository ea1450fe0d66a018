"""What the date-consistency rules share: each dated claim read once, the article's subject, and
the facts (birth, death, founding…) that the article dates, with every place that states them.

Built from the model only (claims, their readable text, the temporal mentions, the infoboxes), once
per article and cached, so that date-contradiction, deadline-contradiction and chronology-error
read the same analysis. Dates are placed in the claim's readable text by searching each mention's
text in order, because the mentions carry input spans and the words around a date are read in the
readable text.

A rule instance that checks the versions of one article passes its :class:`Readings`: what each claim
gives read alone is remembered by the claim's text and mentions, so a new version reads again only
the claims an edit changed or added.
"""

from __future__ import annotations

import operator
import re
import weakref
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeGuard

import attrs

from ..dates import DateValue, TemporalMention, alternation
from ..model import Article, Claim, Infobox
from ..spans import Span

Origin = Literal["infobox", "lead", "body"]

# -- vocabulary ----------------------------------------------------------------------------------


def vocabulary(text: str) -> frozenset[str]:
    """The words of ``text``, split on spaces: word lists stay readable in the source."""
    return frozenset(text.split())


_EVENT_WORDS: dict[str, str] = {
    # English, then German, French, Spanish (Italian and Portuguese where the word is shared);
    # "word+next" needs the next word too, "word." a digit after it
    "born": "born b. geboren geb. née+le née+en né+le né+en nacido nacida nació nacio nato nata "
            "nascido nascida nasceu",
    "died": "died d. gestorben gest. starb mort+le mort+en morte+le morte+en décédé décédée "
            "murió falleció fallecio fallecido fallecida morto morta morreu faleceu",
    "founded": "founded established co-founded gegründet gründete fondé fondée fundado fundada "
               "fundó fondato fondata",
    "opened": "opened eröffnet inauguré inaugurée ouvert inaugurado inaugurada",
    "closed": "closed dissolved disbanded geschlossen aufgelöst fermé fermée dissous cerrado "
              "cerrada disuelto disuelta",
    "released": "released premiered veröffentlicht erschien publié publiée lanzado lanzada "
                "estrenado estrenada",
    "married": "married heiratete épousa épouse se+casó",
    "elected": "elected gewählt élu élue elegido elegida",
    "signed": "signed unterzeichnet signé signée firmado firmada",
    "office": "sworn+in took+office assumed+office inaugurated+as",
}
UNIQUE_EVENTS = frozenset({"born", "died", "founded"})
"""Events that happen once to their subject: any two dates that disagree contradict each other.
The others (a release, an election, a signature…) can repeat, so only a near miss counts."""
EVENT_LABELS = {"office": "took office"}

_EVENT_FIRST: dict[str, list[tuple[str, str]]] = {}
"""First word (casefolded) -> (event, the word that must follow it or "")."""
for _event, _list in _EVENT_WORDS.items():
    for _entry in _list.split():
        _first, _, _next = _entry.partition("+")
        _EVENT_FIRST.setdefault(_first, []).append((_event, _next))
_FOLLOW = {nxt: re.compile(rf"\s+{re.escape(nxt)}(?!\w)", re.IGNORECASE)
           for options in _EVENT_FIRST.values() for _e, nxt in options if nxt}
_SYMBOLS = {"*": "born", "†": "died"}
_CANDIDATES = frozenset({*_EVENT_FIRST, *(f"{w}." for w in _EVENT_FIRST), *_SYMBOLS})
"""Every token (casefolded) that may be an event word; the others are skipped at once."""
_PARTS = alternation(part for w in _EVENT_FIRST for part in re.split(r"[.-]", w) if part)
_PREFILTER = re.compile(rf"(?<!\w)(?:{_PARTS})(?!\w)")
"""Any word (a whole run of word characters) that an event word is made of: a claim without
one has no event word, and most claims have none."""
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?|[*†](?=\s*\d)")
_DIGIT_NEXT = re.compile(r"\s*(?:am\s+)?\d")


def event_words(text: str, start: int = 0, end: int | None = None
                ) -> list[tuple[str, int, int]]:
    """(event, start, end) of each event word in ``text[start:end]``: "born", "died on",
    "gegründet", "né le", "*", "†"."""
    out: list[tuple[str, int, int]] = []
    stop = len(text) if end is None else end
    part = text[start:stop]
    if _PREFILTER.search(part.casefold()) is None and "*" not in part and "†" not in part:
        return out
    for m in _TOKEN.finditer(text, start, stop):
        token = m.group()
        folded = token.casefold()
        if folded not in _CANDIDATES:
            continue
        if token in _SYMBOLS:
            if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "*"):
                out.append((_SYMBOLS[token], m.start(), m.end()))
            continue
        options = _EVENT_FIRST.get(folded)
        dotted = folded.endswith(".")
        if options is None and dotted:
            options = _EVENT_FIRST.get(folded[:-1])
            dotted = False
        if options is None:
            continue
        if m.start() and text[m.start() - 1] in ".@/":
            continue
        for event, nxt in options:
            if dotted and not _DIGIT_NEXT.match(text, m.end()):
                continue
            if nxt:
                n = _FOLLOW[nxt].match(text, m.end(), stop)
                if n is None:
                    continue
                out.append((event, m.start(), n.end()))
            else:
                out.append((event, m.start(), m.end() - (1 if token.endswith(".") and
                                                         not dotted else 0)))
            break
    return out


def has_event_word(text: str, start: int, end: int) -> bool:
    return bool(event_words(text, start, end))


_FIELD_EVENTS: dict[str, str] = {}
for _event, _names in {
    "born": "birth date|born|date of birth|birthdate|birth|date de naissance|naissance|"
            "geburtsdatum|geboren|fecha de nacimiento|fecha nacimiento|nacimiento|"
            "data di nascita|data nascita|data de nascimento|nascimento",
    "died": "death date|died|date of death|deathdate|death|date de décès|décès|date de mort|"
            "sterbedatum|gestorben|fecha de fallecimiento|fecha fallecimiento|fallecimiento|"
            "data di morte|data morte|data de falecimento|falecimento",
    "founded": "founded|foundation|founding|established|established date|date founded|"
               "founded date|formation|gründung|gründungsdatum|fondation|date de fondation|"
               "date fondation|fundación|fecha de fundación|fondazione",
    "opened": "opened|opening|opening date|open|eröffnung|ouverture|inauguración",
    "closed": "closed|closing date|closure|dissolved|defunct|auflösung|fermeture|dissolution",
    "released": "released|release date|release|veröffentlichung|date de sortie|sortie|lanzamiento",
    "office": "term start|termstart|assumed office|took office|term begin",
}.items():
    for _name in _names.split("|"):
        _FIELD_EVENTS[_name] = _event

_LABEL_FIELD_PARTS = ("title", "event", "label")
_DATE_PART = re.compile(r"(?i)date|year")

_PRONOUNS = vocabulary("he she er il elle él ella hij zij han hon")
PRONOUN = "~"
"""Subject key of a personal pronoun: the article's subject if the article is a biography."""
_THING_PRONOUNS = vocabulary("it es")
_KIN = vocabulary(
    "father mother son daughter wife husband brother sister parents parent child children "
    "grandfather grandmother grandson granddaughter uncle aunt cousin nephew niece fiancée "
    "fiancé widow widower stepfather stepmother mentor teacher friend partner predecessor "
    "successor vater mutter sohn tochter frau ehefrau ehemann mann bruder schwester eltern "
    "père mère fils fille femme épouse mari frère sœur soeur parents padre madre hijo hija "
    "esposa esposo marido hermano hermana"
)
_LEADING = vocabulary(
    "the a an in on at after before however during by since from later following when while "
    "although though then thus also both his her its their this that these those on upon "
    "until born der die das den dem des ein eine im am nach vor le la les l un une en au aux "
    "el los las lo del al y et and und but"
)
_ARTICLES = vocabulary("the der die das le la el")
_PARTICLES = vocabulary(
    "de da di del della van von der den du des la le al bin ibn y e of the and für & upon on"
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CLAUSE_STOP = re.compile(r";|(?<![A-Z])(?<!\b[A-Z][a-z])\.\s|\s[–—]\s|\(|\)")

# -- values ---------------------------------------------------------------------------------------


@attrs.frozen
class Dated:
    """A date mention placed in its claim's readable text (offsets relative to the claim)."""

    mention: TemporalMention
    start: int
    end: int


@attrs.frozen(eq=False)
class ClaimText:
    """A claim's readable text (whitespace as in the paragraph) and its dated mentions."""

    claim: Claim
    text: str
    base: int
    """Offset of ``text`` in the paragraph's readable text."""
    para: Any
    """The paragraph's :class:`~citecheck.parsing.paragraphs.ParagraphText`."""
    dates: tuple[Dated, ...]

    def span(self, start: int, end: int) -> Span:
        """The input span of ``text[start:end]``."""
        s, e = self.para.source_range(self.base + start, self.base + end)
        return Span(s, max(s, e))


@attrs.frozen
class Place:
    """Where the article dates a fact: one infobox field, or one claim."""

    values: tuple[DateValue, ...]
    span: Span
    """The date as written (the first, when the place gives several)."""
    origin: Origin
    where: str
    """"the infobox", "the lead", "section “Early life”"."""
    claim: str | None = None
    near_only: bool = False
    """Only a near miss (same year) counts: the same fact was matched by weak signals."""
    spans: tuple[Span, ...] = ()
    """The span of each value, when the place gives several."""
    objects: frozenset[str] | None = None
    """For a restated predicate ("Raith won the Scottish Challenge Cup"): the capitalised words
    after the verb; two places whose objects share no word tell of different events."""

    def span_of(self, value: DateValue) -> Span:
        """Where ``value`` is written."""
        for v, span in zip(self.values, self.spans):
            if v == value:
                return span
        return self.span


@attrs.frozen(eq=False)
class Analysis:
    """Everything the date rules read, built once per article."""

    claims: tuple[ClaimText, ...]
    """Every claim with a temporal mention, in order."""
    subject: frozenset[str]
    """Casefolded words that name the article's subject (title, the lead's opening name)."""
    person: bool
    """The article is about a person (birth or death dates in the infobox or the lead, or
    most sentences open with he/she)."""
    facts: dict[tuple[str, str], list[Place]]
    """(event, subject) -> the places that date it; subject ``""`` is the article's subject."""
    lead_life: tuple[Place | None, Place | None] = (None, None)
    """Birth and death as given by the lead's opening parenthesis, if any."""
    lead_range: Span | None = None
    """The span of the lead's life dates when they are one range ("(1952–2001)")."""
    first_paragraph: int = -1
    """The paragraph that opens the lead."""
    labels: dict[str, str] = attrs.field(factory=dict)
    """Infobox label words (a ``("label", words)`` fact) -> the label as shown."""
    class_words: frozenset[str] = frozenset()
    """Lowercase words of the lead's opening sentence ("club" in "… is a football club")."""
    first_claim: Claim | None = None
    """The lead's opening sentence."""
    texts: tuple[str, ...] = ()
    """The readable text of every paragraph (``ParagraphText.text`` joins its pieces anew on
    each read: the rules read these instead)."""

    def life(self, event: Literal["born", "died"]) -> list[Place]:
        return self.facts.get((event, ""), [])


_CACHE: weakref.WeakKeyDictionary[Article, Analysis] = weakref.WeakKeyDictionary()


def analyse(article: Article, memo: Readings | None = None) -> Analysis:
    """The article's date analysis, built on first use. ``memo`` is what a rule instance that
    checks the versions of one article keeps of the versions before: only the claims an edit
    changed are read again."""
    found = _CACHE.get(article)
    if found is None:
        found = _CACHE[article] = _build(article, memo)
    return found


@attrs.frozen
class Reading:
    """What a claim's text and its mentions give, whatever the article and its subject: where
    each mention is written, the event words bound to a date, and the clauses that open with a
    subject and a verb before a date. Offsets count from the claim's start."""

    places: tuple[tuple[int, int] | None, ...]
    """Where each mention is found in the claim's text (``None``: not found)."""
    bound: tuple[tuple[str, int, int, int], ...]
    """(event, start, end, date) of each event word bound to a point date (:func:`events`);
    dates are indices into the claim's found mentions."""
    clauses: tuple[tuple[str, tuple[str, ...], int, frozenset[str]], ...]
    """(verb, subject words, date, object words) of each clause :func:`predicates` reads."""


ReadingKey = tuple[str, tuple[tuple[str, str, bool], ...]]
"""A claim's text, and for each of its mentions what :func:`_read` reads of it: the text as
written, the kind, and whether the (first) value has a month."""


_Placed = tuple[Claim, Any, list[TemporalMention], "tuple[ClaimText, Reading] | None",
                ReadingKey]
"""A claim of a version, its paragraph and mentions as objects, what they gave, and its key."""


class Readings:
    """What a rule instance that checks the versions of one article (an audit, a
    :class:`citecheck.checker.Checker`) keeps of the claims it analysed, so that a new version
    reads again only the claims an edit changed or added (measured: the analysis was a quarter
    of the rules' time per revision of an audit, rebuilt from scratch for every version).

    Each claim's :class:`Reading` by its :data:`ReadingKey`, and the last version's claims by
    id (reused whole while they are the same objects); who each bound event word or clause
    speaks of by its text and place, valid while the subject words and class words of the
    article stay the same. Each is trimmed to what the version checked last used."""

    def __init__(self) -> None:
        self.readings: dict[ReadingKey, Reading] = {}
        self.events: dict[tuple[str, int, int, str], str | None] = {}
        """Who an event word is about (:func:`who_did`), by claim text, place and event."""
        self.clauses: dict[tuple[str, ...], str | None] = {}
        """Who a clause's subject words name (:func:`_clause_subject`)."""
        self.opening: tuple[str | None, str | None] | None = None
        """The title and the lead's opening sentence that ``lead`` was read from."""
        self.lead: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        """The subject words and class words that ``events`` and ``clauses`` were read with."""
        self.placed: dict[str, _Placed] = {}
        """The claims of the version being built, by id."""
        self.last: dict[str, _Placed] = {}
        """The claims of the version built last, by id."""
        self.used: tuple[list[ReadingKey], list[tuple[str, int, int, str]],
                         list[tuple[str, ...]]] = ([], [], [])
        """The keys of each that the version being built used."""

    def start(self, article: Article, first: Claim | None
              ) -> tuple[frozenset[str], frozenset[str]]:
        """Begin a version: its subject words and class words, read again only when the title
        or the lead's opening sentence changed; who the words spoke of is forgotten when they
        did."""
        opening = (article.title, first.text if first is not None else None)
        if opening != self.opening:
            self.opening = opening
            lead = (_subject_words(article, first), _class_words(article, first))
            if lead != self.lead:
                self.events.clear()
                self.clauses.clear()
                self.lead = lead
        self.used = ([], [], [])
        return self.lead

    def finish(self) -> None:
        """End a version: keep what it used (and, up to a bound, what earlier ones did)."""
        _trim(self.readings, self.used[0])
        _trim(self.events, self.used[1])
        _trim(self.clauses, self.used[2])


class ReadsDates:
    """For the rules that read the date analysis: from an instance's second check on (it is
    checking the versions of one article), it keeps the claims' :class:`Readings`; whichever
    rule builds a version's analysis first lends it its own, and a one-shot check keeps none."""

    _facts: Readings | None = None

    def dates_of(self, article: Article, again: bool) -> Analysis:
        """The analysis of ``article``; ``again``: the rule's ``checking_again()``."""
        if again and self._facts is None:
            self._facts = Readings()
        return analyse(article, self._facts)


def _trim(memo: dict[Any, Any], used: list[Any]) -> None:
    """Drop what the version checked last did not use, once ``memo`` holds more than twice
    that: an edit undone a version later (a revert) still finds its entries."""
    if len(memo) > 2 * len(used) + 64:
        kept = set(used)
        for key in [k for k in memo if k not in kept]:
            del memo[key]


# -- comparing dates --------------------------------------------------------------------------


def agree(a: DateValue, b: DateValue) -> bool:
    """Whether two values can name the same day: "1952" agrees with "11 March 1952"; a date
    before 1924 also agrees with one 10–13 days away (Old Style against New Style)."""
    if a.years > 1 or b.years > 1:
        return a.start() < b.end() and b.start() < a.end()
    if a.year != b.year:
        return a.day is not None and b.day is not None and _old_style(a, b)
    if a.month is None or b.month is None or a.month == b.month:
        return a.day is None or b.day is None or a.month != b.month or a.day == b.day
    return a.day is not None and b.day is not None and _old_style(a, b)


def _old_style(a: DateValue, b: DateValue) -> bool:
    if min(a.year, b.year) >= 1924 or max(a.year, b.year) < 1582:
        return False
    try:
        gap = abs((a.start() - b.start()).days)
    except ValueError:
        return False
    return 10 <= gap <= 13


def near(a: DateValue, b: DateValue) -> bool:
    """Two values of the same year, each at least a month: a slip of the day or month."""
    return a.year == b.year and a.month is not None and b.month is not None


def usable(value: DateValue | None) -> TypeGuard[DateValue]:
    """A value that exists: impossible dates are invalid-date's, not compared here."""
    return value is not None and value.problem() is None


# -- building -------------------------------------------------------------------------------------


def _build(article: Article, memo: Readings | None = None) -> Analysis:
    texts = tuple(para.text for para in article.readable)
    first = next((c for c in article.claims if c.in_lead and c.kind == "prose"), None)
    if memo is None:
        subject, class_words = _subject_words(article, first), _class_words(article, first)
    else:
        subject, class_words = memo.start(article, first)
    read = _claim_texts(article, texts, memo)
    claims = tuple(ct for ct, _reading in read)
    by_id = {c.claim.id: c for c in claims}
    first_text = by_id.get(first.id) if first is not None else None
    first_paragraph = first.paragraph if first is not None else -1
    boxes = _lead_infoboxes(article)
    facts: dict[tuple[str, str], list[Place]] = {}
    labels: dict[str, str] = {}
    infobox_life = _infobox_places(article, boxes, facts, labels)
    lead_keywords, lead_birth, lead_death, lead_range = _lead_life(first_text)
    found = [(ct, event, _event_subject(memo, ct.text, start, end, event, subject, class_words),
              ct.dates[i])
             for ct, reading in read for event, start, end, i in reading.bound]
    # "Murchison … was born April 11, 1895": a birth or death told of the subject by name
    person = infobox_life or lead_keywords or _pronoun_person(article) or any(
        e in ("born", "died") and w == "" for _c, e, w, _d in found)
    if not person:
        lead_birth = lead_death = lead_range = None
    lead_claims: set[str] = set()
    for event, place in (("born", lead_birth), ("died", lead_death)):
        if place is not None:
            facts.setdefault((event, ""), []).append(place)
            lead_claims.add(place.claim or "")
    for ct, reading in read:
        for verb, run, i, objects in reading.clauses:
            if _run_subject(memo, run, subject, class_words) == "":
                _add_prose_place(facts, ct, f"verb:{verb}", "", ct.dates[i], first_paragraph,
                                 objects)
    for ct, event, who, dated in found:
        if who == PRONOUN:
            who = "" if person else None
        if who is None:
            continue
        if event in ("born", "died") and who == "" and ct.claim.id in lead_claims:
            continue  # already read as the lead's life dates
        _add_prose_place(facts, ct, event, who, dated, first_paragraph)
    if memo is not None:
        memo.finish()
    return Analysis(claims, subject, person, facts, (lead_birth, lead_death),
                    lead_range, first_paragraph, labels, class_words, first, texts)


def _event_subject(memo: Readings | None, text: str, start: int, end: int, event: str,
                   subject: frozenset[str], class_words: frozenset[str]) -> str | None:
    """:func:`who_did` of a bound event word (in a person's article or not: the pronoun key is
    resolved later), through ``memo`` when there is one."""
    if memo is None:
        return who_did(text, start, end, event, subject, class_words, True)
    key = (text, start, end, event)
    memo.used[1].append(key)
    if key in memo.events:
        return memo.events[key]
    who = memo.events[key] = who_did(text, start, end, event, subject, class_words, True)
    return who


def _run_subject(memo: Readings | None, run: tuple[str, ...], subject: frozenset[str],
                 class_words: frozenset[str]) -> str | None:
    """:func:`_clause_subject`, through ``memo`` when there is one."""
    if memo is None:
        return _clause_subject(run, subject, class_words)
    memo.used[2].append(run)
    if run in memo.clauses:
        return memo.clauses[run]
    who = memo.clauses[run] = _clause_subject(run, subject, class_words)
    return who


def _pronoun_person(article: Article) -> bool:
    """Whether sentences that open with he or she are many: at least two, and 15% of the prose
    (read only when the infobox and the lead do not tell: every claim is looked at)."""
    prose = [c.text for c in article.claims if c.kind == "prose"]
    starts = sum(1 for text in prose if text.startswith(("He ", "She ")))
    return starts >= 2 and starts * 100 >= 15 * max(len(prose), 1)


def _claim_texts(article: Article, texts: tuple[str, ...], memo: Readings | None = None
                 ) -> list[tuple[ClaimText, Reading]]:
    """Every claim with a temporal mention found in its text, in order, with its reading
    (remembered in ``memo`` by the claim's text and mentions, when there is one)."""
    by_claim: dict[str, list[TemporalMention]] = {}
    for m in article.temporals:
        if m.claim is not None and m.source in ("prose", "template"):
            by_claim.setdefault(m.claim, []).append(m)
    out = []
    readable = article.readable
    for claim_id, mentions in by_claim.items():  # each in input order already
        claim = article.claim(claim_id)
        if claim.paragraph >= len(texts):
            continue
        para = readable[claim.paragraph]
        if memo is None:
            a, b = claim.readable
            own = texts[claim.paragraph][a:b]
            reading, dated = _read(own, mentions)
            found = (ClaimText(claim, own, a, para, dated), reading) if dated else None
        else:
            found = _remembered(memo, claim, para, texts, mentions)
        if found is not None:
            out.append(found)
    out.sort(key=lambda pair: pair[0].claim.span.start)
    if memo is not None:
        memo.last = memo.placed
        memo.placed = {}
    return out


def _remembered(memo: Readings, claim: Claim, para: Any, texts: tuple[str, ...],
                mentions: list[TemporalMention]) -> tuple[ClaimText, Reading] | None:
    """A claim's text and reading through ``memo``: the last version's own when the claim, its
    paragraph and its mentions are the very same objects (the parts of an article an edit did
    not move), else its reading by its text and mentions (read if new)."""
    last = memo.last.get(claim.id)
    if last is not None and last[0] is claim and last[1] is para \
            and len(last[2]) == len(mentions) and all(map(operator.is_, last[2], mentions)):
        found, key = last[3], last[4]
    else:
        a, b = claim.readable
        own = texts[claim.paragraph][a:b]
        key = (own, tuple([(m.text, m.kind, m.start is not None and m.start.month is not None)
                           for m in mentions]))
        reading = memo.readings.get(key)
        if reading is None:
            reading, dated = _read(own, mentions)
            memo.readings[key] = reading
        else:
            dated = tuple([Dated(m, at[0], at[1]) for m, at in zip(mentions, reading.places)
                           if at is not None])
        found = (ClaimText(claim, own, a, para, dated), reading) if dated else None
    memo.used[0].append(key)
    memo.placed[claim.id] = (claim, para, mentions, found, key)
    return found


def _read(text: str, mentions: list[TemporalMention]) -> tuple[Reading, tuple[Dated, ...]]:
    """A claim's :class:`Reading`, and its mentions placed in ``text`` (each searched from
    where the one before ends)."""
    places: list[tuple[int, int] | None] = []
    dated: list[Dated] = []
    cursor = 0
    for m in mentions:
        found = _find(text, m.text, cursor)
        places.append(found)
        if found is None:
            continue
        dated.append(Dated(m, found[0], found[1]))
        cursor = found[1]
    if not dated:
        return Reading(tuple(places), (), ()), ()
    return Reading(tuple(places), _bound(text, dated), _clauses(text, dated)), tuple(dated)


def _find(text: str, written: str, start: int) -> tuple[int, int] | None:
    at = text.find(written, start)
    if at >= 0:
        return at, at + len(written)
    pattern = r"\s+".join(re.escape(part) for part in written.split())
    m = re.compile(pattern).search(text, start)
    return (m.start(), m.end()) if m else None


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _subject_words(article: Article, first: Claim | None) -> frozenset[str]:
    out: set[str] = set()
    if article.title:
        title = re.sub(r"\s*\(.*?\)\s*$", "", article.title)
        out.update(w.casefold() for w in words(title) if len(w) > 1)
    if first is not None:
        for w in _leading_name(first.text):
            out.add(w.casefold())
    return frozenset(w.rstrip(".") for w in out if w.casefold() not in _LEADING)


def _leading_name(text: str) -> list[str]:
    """The capitalised words that open the lead ("Douglas Noel Adams (…) was…")."""
    out: list[str] = []
    for m in re.finditer(r"\S+", text[:160]):
        token = m.group().strip("'\"“”‘’«»,")
        if not token:
            continue
        if token[0] in "([（":
            break
        bare = token.strip(".,;:")
        if bare and (bare[0].isupper() or bare.casefold() in _PARTICLES):
            out.append(bare)
            if m.group().endswith((",", ";", ":")):
                break
            continue
        break
    return [w for w in out if w.casefold() not in _PARTICLES]


def _class_words(article: Article, first: Claim | None) -> frozenset[str]:
    """Lowercase words of the lead's opening sentence ("… is a Scottish football club"), so that
    "the club" can stand for the subject."""
    if first is None:
        return frozenset()
    return frozenset(w.casefold().rstrip(".") for w in words(first.text)
                     if w.islower() and len(w) > 3)


def _lead_infoboxes(article: Article) -> list[Infobox]:
    """Infoboxes of the article's subject: those before the first heading."""
    lead_end = next((s.span.start for s in article.sections if s.level > 0), len(article.text))
    return [box for box in article.infoboxes if box.span.start < lead_end]


def field_event(name: str) -> tuple[str | None, bool]:
    """The event an infobox field dates, and whether it is numbered (``established_date2``)."""
    base = " ".join(name.replace("_", " ").replace("-", " ").split()).casefold()
    stripped = base.rstrip("0123456789").strip()
    return _FIELD_EVENTS.get(stripped), stripped != base


def _infobox_places(article: Article, boxes: list[Infobox],
                    facts: dict[tuple[str, str], list[Place]], labels: dict[str, str]) -> bool:
    """Add the facts the subject's infoboxes date; return whether they give birth or death."""
    by_field: dict[tuple[int, str], list[TemporalMention]] = {}
    for m in article.temporals:
        if m.source != "infobox" or m.field is None or m.kind != "point" or not usable(m.start):
            continue
        box_i = next((i for i, box in enumerate(boxes) if box.span.contains(m.span)), None)
        if box_i is not None:
            by_field.setdefault((box_i, m.field), []).append(m)
    life = False
    for box_i, box in enumerate(boxes):
        names = {f.name for f in box.fields}
        for field in box.fields:
            mentions = by_field.pop((box_i, field.name), None)
            event, numbered = field_event(field.name)
            if event in ("born", "died"):
                life = True
            if not mentions:
                continue
            values = tuple(m.start for m in mentions if m.start is not None)
            spans = tuple(m.span for m in mentions if m.start is not None)
            label, shown = _label_of(box, field.name, names) if event is None or numbered \
                else ("", "")
            if label:
                labels[label] = shown
                key = ("label", label)
                place = Place(values, mentions[0].span, "infobox", f"the infobox ({field.name})",
                              near_only=True, spans=spans)
                facts.setdefault(key, []).append(place)
                continue
            if event is None or numbered:
                continue
            place = Place(values, mentions[0].span, "infobox", f"the infobox ({field.name})",
                          near_only=event not in UNIQUE_EVENTS, spans=spans)
            facts.setdefault((event, ""), []).append(place)
    return life


_MARKUP = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]|\{\{[^{}]*\}\}|<[^>]*>|'{2,}")


def _label_of(box: Infobox, field: str, names: set[str]) -> tuple[str, str]:
    """The label field that goes with a date field (``established_date3`` with
    ``established_event3``): its words, casefolded and sorted, and its text as shown; empty
    strings when there is none."""
    m = _DATE_PART.search(field)
    if m is None:
        return "", ""
    for part in _LABEL_FIELD_PARTS:
        name = field[: m.start()] + part + field[m.end():]
        if name in names:
            got = box.get(name)
            if got is None:
                return "", ""
            text = " ".join(_MARKUP.sub(lambda x: x.group(1) or " ", got.value).split())
            content = sorted({w.casefold() for w in words(text)
                              if len(w) > 3 and w.casefold() not in _LEADING})
            return " ".join(content), text
    return "", ""


def _lead_life(first: ClaimText | None
               ) -> tuple[bool, Place | None, Place | None, Span | None]:
    """Birth and death from the lead's opening parenthesis: "(11 March 1952 – 11 May 2001)",
    "(born 11 July 1968)", "(* 22. Februar 1788 in Danzig; † 21. September 1860)". Returns
    whether a birth or death word was used, the two places, and the span of a life range."""
    if first is None:
        return False, None, None, None
    text = first.text
    open_ = text.find("(")
    if open_ < 0 or open_ > 200:
        return False, None, None, None
    close = _closing(text, open_)
    inside = [d for d in first.dates if open_ < d.start and d.end <= close]
    if not inside:
        return False, None, None, None
    keyworded = False
    birth = death = None
    for event, _s, e in event_words(text, open_, close):
        if event not in ("born", "died"):
            continue
        keyworded = True
        dated = next((d for d in inside if d.start >= e and d.mention.kind == "point"
                      and not has_event_word(text, e, d.start)), None)
        value = dated.mention.start if dated is not None else None
        if dated is None or not usable(value):
            continue
        place = _lead_place(first, value, dated.mention.span)
        if event == "born":
            birth = birth or place
        else:
            death = death or place
    if keyworded:
        return True, birth, death, None
    ranged = next((d for d in inside if d.mention.kind == "range"), None)
    if ranged is not None:
        start, end = ranged.mention.start, ranged.mention.end
        if not (usable(start) and usable(end)):
            return False, None, None, None
        # the two halves of "11 March 1952 – 11 May 2001", each with its own span
        dash = re.search(r"\s*(?:[-–—]|\bto\b)\s*", text[ranged.start:ranged.end])
        if dash is None:
            return False, None, None, None
        cut, resume = ranged.start + dash.start(), ranged.start + dash.end()
        return (False, _lead_place(first, start, first.span(ranged.start, cut)),
                _lead_place(first, end, first.span(resume, ranged.end)), ranged.mention.span)
    points = [d for d in inside if d.mention.kind == "point" and usable(d.mention.start)]
    if len(points) == 2 and re.search(r"\s[-–—]\s|[–—]", text[points[0].end:points[1].start]):
        values = [p.mention.start for p in points]
        if usable(values[0]) and usable(values[1]):
            birth = _lead_place(first, values[0], points[0].mention.span)
            death = _lead_place(first, values[1], points[1].mention.span)
    return False, birth, death, None


def _closing(text: str, open_: int) -> int:
    depth = 0
    for i in range(open_, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def _lead_place(ct: ClaimText, value: DateValue, span: Span) -> Place:
    return Place((value,), span, "lead", "the lead", claim=ct.claim.id, spans=(span,))


def where_of(claim: Claim, first_paragraph: int) -> tuple[Origin, str]:
    """Where a claim stands, for messages: "the lead", "section “Early life”"."""
    if claim.in_lead or not claim.section:
        if claim.paragraph == first_paragraph:
            return "lead", "the lead"
        return "lead", "a later paragraph of the lead"
    return "body", f"section “{claim.section[-1]}”"


HEDGE = re.compile(
    r"(?i)\b(?:some|other|several|conflicting|differing|many|most)\s+sources\b|\bdisputed\b|"
    r"\buncertain\b|\bunclear\b|\bpossibly\b|\bprobably\b|\breportedly\b|\ballegedly\b|"
    r"\bclaimed\b|\baccording\s+to\s+(?:some|other)\b|\bor\s+(?:possibly\s+)?(?:in\s+)?\d{4}\b|"
    r"\bvermutlich\b|\bwahrscheinlich\b|\bselon\s+(?:certaines|d'autres)\b|\bprobablement\b"
)
"""A sentence that admits another date ("some sources give 1951"): not a contradiction."""


def _add_prose_place(facts: dict[tuple[str, str], list[Place]], ct: ClaimText, event: str,
                     who: str, dated: Dated, first_paragraph: int,
                     objects: frozenset[str] | None = None) -> None:
    value = dated.mention.start
    if not usable(value):
        return
    places = facts.setdefault((event, who), [])
    for i, place in enumerate(places):
        if place.claim == ct.claim.id:
            if value not in place.values:
                places[i] = attrs.evolve(place, values=(*place.values, value),
                                         spans=(*place.spans, dated.mention.span))
            return
    origin, where = where_of(ct.claim, first_paragraph)
    places.append(Place((value,), dated.mention.span, origin, where, claim=ct.claim.id,
                        spans=(dated.mention.span,),
                        near_only=bool(who) or event not in UNIQUE_EVENTS,
                        objects=objects))


# -- events in a claim --------------------------------------------------------------------------


def events(ct: ClaimText, subject: frozenset[str], class_words: frozenset[str],
           person: bool) -> Iterable[tuple[str, str | None, Dated]]:
    """(event, subject key, date) for each event word bound to a date of the claim; the subject
    key is ``""`` for the article's subject, ``None`` when it cannot be told."""
    for event, start, end, i in _bound(ct.text, ct.dates):
        who = who_did(ct.text, start, end, event, subject, class_words, person)
        yield event, who, ct.dates[i]


def _bound(text: str, dates: Sequence[Dated]) -> tuple[tuple[str, int, int, int], ...]:
    """(event, start, end, index in ``dates``) for each event word of ``text`` bound to a point
    date: what :func:`events` reads of a claim before asking whom the word is about."""
    points = [i for i, d in enumerate(dates) if d.mention.kind == "point"]
    if not points:
        return ()
    places = [(dates[i].start, dates[i].end) for i in points]
    out = []
    for event, start, end in event_words(text):
        at = _bind(text, start, end, places)
        if at is not None:
            out.append((event, start, end, points[at]))
    return tuple(out)


_AUXILIARY = vocabulary(
    "was were had has have is are also then finally later eventually officially first again "
    "formally only subsequently"
)
_IRREGULAR = vocabulary(
    "won lost took became began left held made met went gave came fell rose ran sold bought "
    "built wrote led beat drew saw set split sank struck hit shot quit chose broke bore swore "
    "flew froze grew knew overtook undertook withdrew forbade"
)
_INTRO = re.compile(r"^\W*(?:(?:on|in|by|at|from|since|until|as\s+of)\s+)?$", re.IGNORECASE)


def predicates(ct: ClaimText, subject: frozenset[str], class_words: frozenset[str]
               ) -> Iterable[tuple[str, str | None, Dated, frozenset[str]]]:
    """(verb, subject key, date, object words) for a clause that states what its subject did on a
    date: "On 6 April 2014, Raith won the 2014 Scottish Challenge Cup Final", "However, the
    paper reverted to its previous design on 1 January 2009". Only dates of at least a month."""
    for verb, run, i, objects in _clauses(ct.text, ct.dates):
        yield verb, _clause_subject(run, subject, class_words), ct.dates[i], objects


def _clauses(text: str, dates: Sequence[Dated]
             ) -> tuple[tuple[str, tuple[str, ...], int, frozenset[str]], ...]:
    """(verb, subject words, index in ``dates``, object words) of each clause that
    :func:`predicates` reads: all of it but whom the subject words name."""
    out = []
    for i, d in enumerate(dates):
        value = d.mention.start
        if d.mention.kind != "point" or value is None or value.month is None:
            continue
        clause = clause_start(text, d.start)
        intro = text[clause:d.start]
        comma = intro.rfind(", ")
        if _INTRO.match(intro[comma + 2:] if comma >= 0 else intro) \
                and text.startswith(", ", d.end):
            begin = d.end + 2  # "On 6 April 2014, Raith won…"
        else:
            begin = clause + (comma + 2 if comma >= 0 and _INTRO.match(intro[comma + 2:]) is None
                              and intro[:comma].count(" ") < 3 else 0)
        found = _subject_verb(text, begin, d.start if begin < d.start else len(text))
        if found is None:
            continue
        run, verb, after = found
        objects = []
        for token in words(text[after: after + 80]):
            if token.casefold() in ("after", "before", "on", "in", "at", "against", "with"):
                break
            if token[0].isupper() and token.casefold() not in _LEADING:
                objects.append(token.casefold())
        out.append((verb, tuple(run), i, frozenset(objects)))
    return tuple(out)


def _clause_subject(run: Sequence[str], subject: frozenset[str], class_words: frozenset[str]
                    ) -> str | None:
    """The subject key of a clause's subject words: "the club" is the subject when the lead
    calls it a club."""
    if run and run[0].casefold() in ("the", "der", "die", "das", "le", "la", "el"):
        head = run[-1].casefold()
        if len(run) == 2 and run[1].islower() and any(w.endswith(head) for w in class_words) \
                and len(head) > 3:
            return ""
    return _key(run, subject)


_STOP = re.compile(
    # [;:]\s*|(?<![A-Z\d])(?<!\b[A-Z][a-z])\.\s+, opening with one class so that the search
    # skips to it in C (measured: five times as fast); the look-behinds after the stop read
    # what precedes it
    r"[;:.](?:(?<=[;:])\s*|(?<![A-Z\d].)(?<!\b[A-Z][a-z].)(?<=\.)\s+)"
)


def clause_start(text: str, at: int) -> int:
    """Where the clause that holds ``text[at]`` starts: after the last ";", ":" or full stop
    (not the dot of "22. Februar", "U.S." or "St.")."""
    start = 0
    for m in _STOP.finditer(text, 0, at):
        start = m.end()
    return start


def _subject_verb(text: str, begin: int, end: int) -> tuple[list[str], str, int] | None:
    """The subject words, the verb and where the verb ends, for the clause at ``begin``."""
    run: list[str] = []
    for m in _WORD.finditer(text, begin, min(end, begin + 80)):
        token = m.group()
        folded = token.casefold()
        if not run:
            if folded in ("the", "der", "die", "das", "le", "la", "el") or token[0].isupper():
                run.append(token)
                continue
            return None
        if token[0].isupper() or folded in _PARTICLES or (
            len(run) == 1 and run[0].casefold() in ("the", "der", "die", "das", "le", "la", "el")
        ):
            run.append(token)
            continue
        if folded in _AUXILIARY:
            continue
        if (folded.endswith("ed") and len(folded) > 4) or folded in _IRREGULAR:
            return run, folded, m.end()
        return None
    return None


def _bind(text: str, start: int, end: int, dates: list[tuple[int, int]]) -> int | None:
    """The date an event word speaks of, as an index into ``dates`` (where each is written): the
    first after it in its clause ("born on 11 March 1952", "died of a heart attack on 11 May
    2001"), else the last before it ("In 1887, the club was founded")."""
    for i, (d_start, _d_end) in enumerate(dates):
        if d_start >= end:
            between = text[end:d_start]
            if len(between) <= 60 and not _CLAUSE_STOP.search(between) \
                    and not has_event_word(text, end, d_start):
                return i
            break
    for i in range(len(dates) - 1, -1, -1):
        d_end = dates[i][1]
        if d_end <= start:
            between = text[d_end:start]
            if len(between) <= 40 and not _CLAUSE_STOP.search(between) \
                    and not has_event_word(text, d_end, start) \
                    and not re.search(r"\band\b", between):
                return i
            break
    return None


_TRANSITIVE = frozenset({"founded", "opened", "closed", "released", "signed", "elected"})
_ACTIVE = re.compile(
    r"\s+(?!(?:in|on|at|by|as|to|for|from|during|after|before|until|with|under|into|"
    r"again|officially|formally|jointly|later|first|im|am|en|le|el|au|à|de|del|the\s+same)\b)"
    r"(?:the|a|an|its|his|her|their|several|two|three|many|[A-Z]\w*)\b"
)
"""An object right after a transitive event word: the active voice."""
_BY = re.compile(r"(?i)\b(?:by|von|par|por|di|door)$")
_FINITE = re.compile(r"(?i)(?:\b(?:was|were|is|are|been|be|wurde|wurden|ist|est|fut|fue|fueron|"
                     r"été|foi|è|stato|stata)\s+(?:also\s+|then\s+|later\s+|first\s+)?)$")
_RELATIVE = re.compile(r"(?i),?\s*\b(?:who|which|that|der|die|das|qui|que|quien|quienes)\s+"
                       r"(?:was\s+|were\s+|had\s+|has\s+|is\s+)?$")


def who_did(text: str, start: int, end: int, event: str, subject: frozenset[str],
            class_words: frozenset[str], person: bool, it_ok: bool = True) -> str | None:
    """Who the event word at ``text[start:end]`` is about: ``""`` for the article's subject, the
    capitalised words of another subject, or ``None`` when it cannot be told.

    A bare participle after a comma or parenthesis ("Polly Adams, born on…", "Smith (born…")
    and a relative clause ("Smith, who died in…") speak of the name just before; a finite verb
    ("Murchison, the third child of…, was born", "In London, he married") of the clause's
    subject."""
    before = text[:start]
    relative = _RELATIVE.search(before)
    stripped = before[: relative.start()] if relative else before.rstrip()
    if relative or stripped.endswith((",", "(", "（")) or (
        text.rfind("(", 0, start) > text.rfind(")", 0, start)
    ):
        cut = stripped.rstrip(",(（ ")
        if not relative and not stripped.endswith((",", "(", "（")):
            cut = before[: before.rfind("(")].rstrip()
        name = _name_before(cut)
        if name:
            # "Blue Night is an album by The Moles, released on…": the album, not the band
            prefix = cut[: cut.rfind(name[0])].rstrip()
            opening = words(text[clause_start(text, start):start])
            if _BY.search(prefix) and opening and opening[0].casefold().rstrip(".") in subject:
                return ""
        return _key(name, subject)
    clause = clause_start(before, len(before))
    part = before[clause:]
    tokens = words(part)
    if not tokens or tokens[0].casefold() in ("born", "founded", "established"):
        # "Born in 1952 in London, Adams studied…": the subject follows the first comma
        comma = text.find(", ", end)
        part = text[comma + 2: comma + 60] if comma >= 0 else ""
        tokens = words(part)
    comma = part.rfind(", ")
    segments = [part[comma + 2:], part] if comma >= 0 else [part]
    personal = event in ("born", "died", "married", "elected", "office")
    if event in _TRANSITIVE and _ACTIVE.match(text, end):
        return None  # "Acme founded a subsidiary in 1990": the subject did it, to something else
    for segment in segments:
        tokens = words(segment)
        # "Since Northfield Rovers was founded…", "When he died…": skip the conjunction
        while len(tokens) > 1 and tokens[0].casefold() in _LEADING \
                and tokens[0].casefold() not in _ARTICLES:
            tokens = tokens[1:]
        if not tokens:
            continue
        first = tokens[0].casefold()
        folded = [t.casefold() for t in tokens]
        if first.endswith(("'s", "’s", "s'")):
            return None  # "Adams's daughter was born…": somebody of the subject's
        if first in _PRONOUNS:
            return (PRONOUN if person else None) if personal else None
        if first in _THING_PRONOUNS:
            return "" if not personal and it_ok else None
        if first in ("the", "die", "der", "das", "le", "la", "el") and len(folded) > 1 \
                and folded[1] in class_words and not personal and folded[1] not in _KIN:
            return ""
        if first in ("the", "der", "die", "das", "le", "la", "el") and len(tokens) > 1 \
                and tokens[1][0].isupper():
            tokens = tokens[1:]  # "The Star reverted…"
            first = tokens[0].casefold()
        if tokens[0][0].isupper() and first not in _LEADING:
            run = []
            for t in tokens:
                if not (t[0].isupper() or t.casefold() in _PARTICLES):
                    break
                run.append(t)
            return _key(run, subject)
        if any(t in _KIN for t in folded):
            return None
    return None


def _name_before(text: str) -> list[str]:
    """The run of capitalised words that ends ``text`` ("… daughter, Polly Jane Adams")."""
    run: list[str] = []
    for token in reversed(words(text[-80:])):
        if token[0].isupper() or (run and token.casefold() in _PARTICLES):
            run.append(token)
            continue
        break
    return run[::-1]


def _key(name: Sequence[str], subject: frozenset[str]) -> str | None:
    """``""`` when every word of ``name`` names the subject, else the name, casefolded."""
    from ..dates import months

    folded = [w.casefold().rstrip(".").removesuffix("'s").removesuffix("’s") for w in name
              if w.casefold() not in months("en")]
    folded = [w for w in folded if w not in _PARTICLES and w not in _LEADING]
    if not folded:
        return None
    if all(w in subject for w in folded):
        return ""
    return " ".join(folded)
