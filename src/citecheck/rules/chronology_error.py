from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, compress, pairwise

from ..dates import DateValue, months
from ..findings import Finding, Related, Severity
from ..model import Article
from ..spans import Span
from ._base import Context, Rule
from ._datefacts import (
    Analysis,
    ClaimText,
    Place,
    ReadsDates,
    agree,
    clause_start,
    event_words,
    usable,
    vocabulary,
    words,
)


class ChronologyError(ReadsDates, Rule):
    """Dates in an impossible order: a range that ends before it starts, a death before the birth,
    an age that the dates contradict.

    ## What it does
    Flags:

    * ranges whose end is before their start, in prose, lists and infoboxes ("1995–1990",
      "from 12 May to 3 May 1993", "between 1995 and 1990"); years before Christ ("356–323 BC")
      are not ranges of this kind;
    * a person's death before their birth: the lead's life dates ("(1952–1921)",
      "(* 1952; † 1921)") or the infobox's `birth_date` and `death_date`;
    * a stated age ("at the age of 40", "aged 40", "a 40-year-old", "im Alter von 40 Jahren",
      "à l'âge de 40 ans", "a los 40 años") of the article's subject that disagrees with their
      birth date (infobox or lead) and the date of the sentence (or, for "died at the age of", the
      death date). Missing months or days widen the possible ages, so "aged 49" agrees with
      a birth in 1952 and an event in 2001 or 2002.

    Lead life dates that disagree with the infobox are the same fact dated twice: they are reported
    by `date-contradiction`, not here. Ranges that cannot exist because of an impossible day are
    reported by `invalid-date`.

    ## Why is this bad?
    An inverted range or an impossible age is a typo or a mix-up of two dates; every reader who
    computes a duration or an order of events from it is misled.

    ## Example
    ```wikitext
    '''Jane Roe''' (11 March 1952 – 11 May 2001) was a poet. She served as mayor from 1995–1990.
    She died at the age of 40.<ref>{{cite news |title=Obituary}}</ref>
    ```

    ## Use instead
    ```wikitext
    '''Jane Roe''' (11 March 1952 – 11 May 2001) was a poet. She served as mayor from 1990–1995.
    She died at the age of 49.<ref>{{cite news |title=Obituary}}</ref>
    ```
    """

    code = "D306"
    name = "chronology-error"
    severity = Severity.ERROR
    summary = "A range ends before it starts, a death precedes the birth, or an age is impossible."
    needs = frozenset({"temporals"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        article = ctx.article
        again = self.checking_again()
        if again and self._memo is None:  # remember the ranges from now on
            self._memo = {}
        analysis = self.dates_of(article, again)
        reported: set[Span] = set()
        yield from self._ranges(article, analysis, reported)
        yield from self._death_before_birth(analysis, reported)
        yield from self._ages(article, analysis)

    _memo: dict[str, list[_Range]] | None = None
    """The inverted ranges of the paragraphs of the version checked last, by paragraph text,
    for a rule instance that checks many versions of one article (:func:`_written_ranges`); a
    one-shot check never builds it."""

    # -- inverted ranges ----------------------------------------------------------------------

    def _ranges(self, article: Article, analysis: Analysis, reported: set[Span]
                ) -> Iterator[Finding]:
        life_span = analysis.lead_range
        for m in article.temporals:
            if m.kind != "range" or m.source == "citation" or m.start is None or m.end is None:
                continue
            if not (usable(m.start) and usable(m.end)) or m.end.end() > m.start.start():
                continue
            reported.add(m.span)
            yield self._inverted(m.span, m.text, m.start, m.end, m.claim, m.span == life_span,
                                 m.field)
        first = analysis.first_claim
        for span, written, start, end in _written_ranges(article, analysis.texts, self._memo):
            if any(span.overlaps(r) for r in reported):
                continue
            reported.add(span)
            life = analysis.person and first is not None and first.span.contains(span) \
                and article.text[:span.start].rstrip().endswith("(")
            yield self._inverted(span, written, start, end, None, life, None)

    def _inverted(self, span: Span, written: str, start: DateValue, end: DateValue,
                  claim: str | None, life: bool, field: str | None) -> Finding:
        if life:
            message = (f"the lead's life dates “{written}” put the death ({end}) before the "
                       f"birth ({start})")
        else:
            where = f" in infobox field “{field}”" if field else ""
            message = f"the range “{written}”{where} ends ({end}) before it starts ({start})"
        return self.finding(span, message, claim=claim, key=f"range:{written}",
                            data={"start": str(start), "end": str(end), "kind": "range"})

    # -- death before birth -------------------------------------------------------------------

    def _death_before_birth(self, analysis: Analysis, reported: set[Span]) -> Iterator[Finding]:
        births = [p for p in analysis.life("born") if p.origin in ("infobox", "lead")]
        deaths = [p for p in analysis.life("died") if p.origin in ("infobox", "lead")]
        for origin in ("infobox", "lead"):
            born = [p for p in births if p.origin == origin]
            died = [p for p in deaths if p.origin == origin]
            if not born or not died:
                continue
            b, d = born[0], died[0]
            if d.span in reported or b.span in reported:
                continue
            if all(_before(dv, bv) for dv in d.values for bv in b.values):
                reported.add(d.span)
                where = "the infobox" if origin == "infobox" else "the lead"
                yield self.finding(
                    d.span,
                    f"{where} dates the death ({_fmt(d)}) before the birth ({_fmt(b)})",
                    related=[Related(b.span, f"born {_fmt(b)}")],
                    key=f"death-before-birth:{_fmt(d)}:{_fmt(b)}",
                    data={"kind": "death-before-birth", "birth": _fmt(b), "death": _fmt(d)},
                )

    # -- ages ---------------------------------------------------------------------------------

    def _ages(self, article: Article, analysis: Analysis) -> Iterator[Finding]:
        birth = _consensus(analysis.life("born"))
        if birth is None:
            return
        born_place, born = birth
        death = _consensus(analysis.life("died"))
        for ct in _age_claims(article, analysis):
            for m in _AGE.finditer(ct.text):
                age = _age_value(m)
                if age is None:
                    continue
                who = _sentence_subject(ct.text, m.start(), analysis)
                if who != "":
                    continue
                event = _event_date(ct, m.start(), m.end())
                event_span: Span | None = None
                if event is not None:
                    event_value, event_span = event
                elif death is not None and _died_near(ct.text, m.start()):
                    event_value, event_span = death[1], death[0].span
                else:
                    continue
                low, high = _possible_ages(born, event_value)
                if low <= age <= high:
                    continue
                span = ct.span(m.start(), m.end())
                actual = str(low) if low == high else f"{low} or {high}"
                related = [Related(born_place.span_of(born), f"born {born} in {born_place.where}")]
                if event_span is not None and not event_span.overlaps(span):
                    related.append(Related(event_span, f"dated {event_value}"))
                yield self.finding(
                    span,
                    f"“{ct.text[m.start():m.end()]}” disagrees with the dates: born {born} "
                    f"({born_place.where}), {event_value} here, so the age was {actual}",
                    claim=ct.claim.id,
                    related=related,
                    key=f"age:{ct.claim.text}:{age}",
                    data={"kind": "age", "stated": age, "computed": [low, high],
                          "birth": str(born), "event": str(event_value)},
                )


# -- ranges written out -----------------------------------------------------------------------

_Y = r"(?:1\d|20|21)\d\d"
_NOT_YEARS = (
    r"(?!\s*(?:BC|BCE|B\.\s?C\.|av\.\s?J|v\.\s?Chr|a\.\s?C\.|a\.\s?n\.\s?e|f\.\s?Kr|до\s?н|"
    r"п\.\s?н|%|per\s?cent|m\b|km\b|ft\b|feet|metres|meters|kg\b|people|inhabitants|votes))"
)
_WORDLIKE = "0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
"""Digits and the letters of scripts that put a space between a year and a word; CJK and Arabic
write years against their words ("2008-2009年", "1871-1918م"), so their letters do not count."""
_AFTER_YEAR = (
    # the look-behind comes after the year so that the search can skip to the digits quickly
    rf"(?<![{_WORDLIKE}.,:/–—-]....)\s*[-–—]\s*(?P<b>{_Y})(?![{_WORDLIKE}–—-]|[.,]\d){_NOT_YEARS}"
)
_YEAR_RANGE = re.compile(rf"(?P<a>{_Y}){_AFTER_YEAR}")
_YEAR_RANGE_BY_DIGIT = (re.compile(rf"(?P<a>1\d\d\d){_AFTER_YEAR}"),
                        re.compile(rf"(?P<a>2[01]\d\d){_AFTER_YEAR}"))
""":data:`_YEAR_RANGE` for the years that start with 1, and for those that start with 2."""
_PAGES_BEFORE = re.compile(r"(?i)(?:\bpp?\.|\bpages?|\bnos?\.|\bISBN|\bvol\.|#|№)\s*$")
_MONTH = "|".join(sorted((m.capitalize() for m in months("en", abbreviations=False)),
                         key=len, reverse=True))
_DAY_MONTH_NEXT = r"\s+(?=\d{1,2}\s+[A-Z]|[A-Z][a-z]+\.?\s+\d)"
_FROM = (re.compile(rf"rom(?<=[Ff]rom){_DAY_MONTH_NEXT}"),
         re.compile(rf"etween(?<=[Bb]etween){_DAY_MONTH_NEXT}"))
"""Where a day-and-month range may start, one character after: a quick test before the full
pattern. One search per word, each opening with a literal that sre skips to in C (measured: twice
as fast as one search for ``[FfBb](?:rom|etween)``)."""
_DAY_RANGE = re.compile(
    rf"\b(?:[Ff]rom|[Bb]etween)\s+(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m1b>{_MONTH})\s+"
    rf"(?P<d1b>\d{{1,2}}))\s+(?:to|until|till|through|and)\s+(?:(?P<d2>\d{{1,2}})\s+"
    rf"(?P<m2>{_MONTH})|(?P<m2b>{_MONTH})\s+(?P<d2b>\d{{1,2}}),?)\s+(?P<y>{_Y})\b"
)
_SEPARATOR = "\x00"
_DATE_FIELD = re.compile(r"(?i)year|date|active|term|season|period|reign|born|died|span|"
                         r"founded|established|opened|closed|from|until|tenure")


_Range = tuple[int, int, str, DateValue, DateValue]
"""An inverted range in a paragraph's readable text: start, end, as written, its two dates."""


def _written_ranges(article: Article, texts: tuple[str, ...],
                    memo: dict[str, list[_Range]] | None = None
                    ) -> Iterator[tuple[Span, str, DateValue, DateValue]]:
    """Inverted ranges that the temporal extraction leaves out (it reads "1995–1990" as no
    range at all): in the readable text of every paragraph, and in infobox date fields.

    ``memo`` (paragraph text → its ranges) is kept by a rule instance that checks the versions
    of one article (:class:`citecheck.checker.Checker`): only the paragraphs an edit changed are
    searched again; it is trimmed to the paragraphs of the version checked."""
    if memo is None:
        found = _paragraph_ranges(texts)
    else:
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        memo.update(zip(missing, _paragraph_ranges(missing)))
        found = [memo[t] for t in texts]
        if len(memo) > 2 * len(found) + 64:
            kept = set(texts)
            for text in [t for t in memo if t not in kept]:
                del memo[text]
    # most paragraphs have no range: compress skips them in C
    for para, ranges in compress(zip(article.readable, found), found):
        for start, end, written, first, last in ranges:
            yield Span(*para.source_range(start, end)), written, first, last
    for box in article.infoboxes:
        for field in box.fields:
            if ("–" not in field.value and "-" not in field.value) \
                    or not _DATE_FIELD.search(field.name):
                continue
            raw = article.text[field.span.start:field.span.end]
            for m in _YEAR_RANGE.finditer(raw):
                a, b = int(m.group("a")), int(m.group("b"))
                if b < a:
                    span = Span(field.span.start + m.start(), field.span.start + m.end())
                    yield span, m.group(), DateValue(a), DateValue(b)


def _paragraph_ranges(texts: Sequence[str]) -> list[list[_Range]]:
    """The inverted ranges of each of ``texts`` (paragraphs' readable text), in order: a
    paragraph's year ranges before its day ranges.

    The paragraphs are searched as one text, joined by NUL (no pattern here reads or crosses
    it, and it is no word character: each paragraph's edges read as they do alone), so that
    the regexes run twice per article instead of twice per paragraph."""
    names = months("en")
    out: list[list[_Range]] = [[] for _ in texts]
    joined = _SEPARATOR.join(texts)
    hits: list[tuple[int, re.Match[str] | int, int]]
    if joined.count(_SEPARATOR) != max(0, len(texts) - 1):  # a NUL in the text itself
        hits = [(i, found, t) for i, text in enumerate(texts)
                for t, finds in ((0, _year_ranges(text)), (1, _day_range_starts(text)))
                for found in finds]
        bases = [0] * len(texts)
    else:
        years = [m for m in _year_ranges(joined) if int(m.group("b")) < int(m.group("a"))]
        froms = _day_range_starts(joined)
        if not years and not froms:  # most articles: no paragraph to find
            return out
        bases = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        hits = [(bisect_right(bases, m.start()) - 1, m, 0) for m in years]
        if froms:
            hits += [(bisect_right(bases, at) - 1, at, 1) for at in froms]
            # per paragraph, its year ranges before its day ranges, as when read one by one
            hits.sort(key=lambda h: (h[0], h[2]))
    for i, found, _pattern in hits:
        text, base = texts[i], bases[i]
        if isinstance(found, re.Match):  # a year range
            a, b = int(found.group("a")), int(found.group("b"))
            start = found.start() - base
            if b < a and not _PAGES_BEFORE.search(text, max(0, start - 10), start):
                out[i].append((start, found.end() - base, found.group(), DateValue(a),
                               DateValue(b)))
            continue
        if "rom " not in text and "etween " not in text:
            continue
        m = _DAY_RANGE.match(text, found - base)
        if m is None:
            continue
        g = m.group
        year = int(g("y"))
        start_value = DateValue(year, names[(g("m1") or g("m1b")).casefold()],
                                int(g("d1") or g("d1b")))
        end = DateValue(year, names[(g("m2") or g("m2b")).casefold()], int(g("d2") or g("d2b")))
        if usable(start_value) and usable(end) and end.end() <= start_value.start():
            out[i].append((m.start(), m.end(), " ".join(m.group().split()), start_value, end))
    return out


def _year_ranges(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_YEAR_RANGE` in ``text``, found by one search per first digit: each
    opens with a literal that sre skips to in C (measured: three times as fast as one search for
    either digit). The two find the same matches unless a match of one overlaps a match of the
    other (one may then hide a match that the single search finds): then the single search
    decides."""
    found = sorted((m for pattern in _YEAR_RANGE_BY_DIGIT for m in pattern.finditer(text)),
                   key=lambda m: m.start())
    if any(a.end() > b.start() for a, b in pairwise(found)):
        return list(_YEAR_RANGE.finditer(text))
    return found


def _day_range_starts(text: str) -> list[int]:
    """Where "from" or "between" may open a day range in ``text`` (a quick test before
    :data:`_DAY_RANGE`), in order."""
    return sorted(m.start() - 1 for pattern in _FROM for m in pattern.finditer(text))


# -- death before birth -----------------------------------------------------------------------


def _before(death: DateValue, birth: DateValue) -> bool:
    try:
        return death.end() <= birth.start()
    except ValueError:
        return False


def _fmt(place: Place) -> str:
    return " or ".join(dict.fromkeys(v.format() for v in place.values))


# -- ages -------------------------------------------------------------------------------------

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen")
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS = {w: i for i, w in enumerate(_ONES.split())}
for _tens, _word in enumerate(_TENS.split(), 2):
    _NUMBER_WORDS[_word] = _tens * 10
    for _unit, _uword in enumerate(_ONES.split()[1:10], 1):
        _NUMBER_WORDS[f"{_word}-{_uword}"] = _tens * 10 + _unit
_NUMBER = r"\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_AGE = re.compile(
    rf"(?i)\b(?:at\s+the\s+age\s+of|at\s+age|aged|age)\s+(?P<en>{_NUMBER})\b(?!\s*(?:%|percent))"
    rf"|\b(?P<en2>{_NUMBER})[- ]years?[- ]old\b"
    rf"|\bim\s+Alter\s+von\s+(?P<de>\d{{1,3}})\s+Jahren\b|\bmit\s+(?P<de2>\d{{1,3}})\s+Jahren\b"
    rf"|\bà\s+l['’]âge\s+de\s+(?P<fr>\d{{1,3}})\s+ans\b|\bâgée?\s+de\s+(?P<fr2>\d{{1,3}})\s+ans\b"
    rf"|\ba\s+la\s+edad\s+de\s+(?P<es>\d{{1,3}})\s+años\b|\ba\s+los\s+(?P<es2>\d{{1,3}})\s+años\b"
)
_AGE_HINT = re.compile(
    # (?i)\bage|aged|\byears?[- ]old|Alter|Jahren|âge|ans\b|años, opening with one class of
    # every first letter so that the search skips to them in C (a leading \b, (?i) letter or
    # alternation defeats that; measured: twice as fast); a look-behind then tells which letter
    # it was, and "(?<!\w.)" after the letter is the \b before it
    r"[AaYyJjÂâ](?:(?<=[Aa])(?:(?<!\w(?s:.))(?i:ge)|(?i:ged|lter|ns\b|ños))"
    r"|(?<=[Yy])(?<!\w(?s:.))(?i:ears?[- ]old)|(?<=[Jj])(?i:ahren)|(?<=[Ââ])(?i:ge))"
)
"""A claim that may state an age: only whether it matches counts."""
_HE_SHE = vocabulary("he she er sie il elle él ella")


def _age_value(m: re.Match[str]) -> int | None:
    for name in ("en", "en2", "de", "de2", "fr", "fr2", "es", "es2"):
        written = m.group(name)
        if written:
            written = written.casefold()
            value = int(written) if written.isdigit() else _NUMBER_WORDS.get(written)
            return value if value is not None and 0 < value < 130 else None
    return None


def _age_claims(article: Article, analysis: Analysis) -> Iterator[ClaimText]:
    """Claims that state an age: the dated ones from the analysis, and undated ones that say
    "died at the age of"."""
    dated = {ct.claim.id for ct in analysis.claims}
    for ct in analysis.claims:
        if _AGE_HINT.search(ct.text):
            yield ct
    for claim in article.claims:
        if claim.id in dated or not _AGE_HINT.search(claim.text) or not event_words(claim.text):
            continue
        if claim.paragraph >= len(analysis.texts):
            continue
        a, b = claim.readable
        yield ClaimText(claim, analysis.texts[claim.paragraph][a:b], a,
                        article.readable[claim.paragraph], ())


def _consensus(places: list[Place]) -> tuple[Place, DateValue] | None:
    """The subject's birth (or death) when every place agrees: the finest value, with its place
    (infobox first, then the lead, then the body)."""
    values = [(p, v) for p in places for v in p.values]
    if not values:
        return None
    if not all(agree(a, b) for _p, a in values for _q, b in values):
        return None
    rank = {"infobox": 0, "lead": 1, "body": 2}

    def key(pv: tuple[Place, DateValue]) -> tuple[int, int]:
        fine = {"day": 0, "minute": 0, "month": 1}.get(pv[1].granularity, 2)
        return fine, rank[pv[0].origin]

    return min(values, key=key)


def _sentence_subject(text: str, at: int, analysis: Analysis) -> str | None:
    """``""`` when the sentence at ``at`` is about the article's subject (named, or "he"/"she" in
    a biography)."""
    start = clause_start(text, at)
    tokens = words(text[start:at])
    # skip a leading adverbial ("In 2001, he…", "On 11 May 2001, Adams…")
    comma = text.find(", ", start, at)
    if tokens and tokens[0].casefold() in ("in", "on", "by", "at", "after", "when", "later") \
            and comma >= 0:
        tokens = words(text[comma + 2:at])
    if not tokens:
        return None
    first = tokens[0].casefold().rstrip(".")
    if first in _HE_SHE:
        return "" if analysis.person else None
    run = []
    for t in tokens:
        if not t[0].isupper():
            break
        run.append(t.casefold().rstrip(".").removesuffix("'s").removesuffix("’s"))
    if run and all(w in analysis.subject for w in run):
        return ""
    return None


def _event_date(ct: ClaimText, start: int, end: int) -> tuple[DateValue, Span] | None:
    """The date of the sentence nearest to the age, at least a year."""
    best = None
    for d in ct.dates:
        value = d.mention.start
        if d.mention.kind != "point" or not usable(value) or value is None or value.years > 1:
            continue
        distance = start - d.end if d.end <= start else d.start - end
        if distance < 0 or distance > 120:
            continue
        if clause_start(ct.text, max(start, d.start)) > min(start, d.start):
            continue  # another clause, maybe another event
        if best is None or distance < best[0]:
            best = (distance, value, d.mention.span)
    return (best[1], best[2]) if best else None


def _died_near(text: str, at: int) -> bool:
    return any(event == "died" and at - 60 <= start <= at + 10
               for event, start, _end in event_words(text))


def _possible_ages(birth: DateValue, event: DateValue) -> tuple[int, int]:
    """The youngest and oldest the person can have been, given how precise the dates are."""
    b_first, b_last = _bounds(birth)
    e_first, e_last = _bounds(event)
    return _age(b_last, e_first), _age(b_first, e_last)


def _bounds(value: DateValue) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    if value.month is None:
        return (value.year, 1, 1), (value.year + value.years - 1, 12, 31)
    if value.day is None:
        return (value.year, value.month, 1), (value.year, value.month, 31)
    return (value.year, value.month, value.day), (value.year, value.month, value.day)


def _age(birth: tuple[int, int, int], at: tuple[int, int, int]) -> int:
    return at[0] - birth[0] - (1 if at[1:] < birth[1:] else 0)
