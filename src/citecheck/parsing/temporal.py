"""Temporal expressions in an article: dates, times, ranges and relative expressions.

Three places hold dates, and each is read the way it is written:

* prose: each claim's readable text, offsets mapped back to the input;
* infoboxes: date templates (``{{birth date|1952|3|11}}``) in any field, and dates written out in
  fields whose name says they hold a date, read from the raw value with markup blanked out so
  that offsets stay exact;
* citations: the date parameters of citation templates, each value read by
  :func:`citecheck.dates.parse_period`.

Prose is read fast: every date but a relative one has a digit, so a scan for digit runs drives
it; at each run one anchored regex reads what follows and one reads what precedes (on the
reversed text, so that looking back is an anchored match too). Relative expressions are found by
their unit ("days later"). Bare years are taken only where they cannot be a quantity or a page
number: after a word that introduces a date ("in 1993", "since 1993", "c. 1850"), before a name
or a singular noun ("its 1944 offensive"), in parentheses ("(1993)"), in a range
("1993–1995"), or in a date field of an infobox.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache

from ..dates import (
    CITATION_DATE_PARAMS,
    MONTH_LANGUAGES,
    NO_DATE,
    DateValue,
    MentionKind,
    TemporalMention,
    alternation,
    months,
    parse_period,
    weekdays,
)
from ..model import Article, Citation, Claim
from ..spans import Span, trusted_span

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
_UNITS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "decade": "decade", "century": "century",
    "centurie": "century", "morning": "day", "evening": "day", "night": "day",
    "afternoon": "day",
}
_AFTER = ("after", "later", "afterward", "following", "next")

# Words that introduce a year. The connectors (to, and, –) only count when they join the year to
# a date just before it: "from 1993 to 1995", "in 1993 and 1995".
_CONTEXT_EN = (
    "in", "since", "until", "till", "from", "during", "before", "after", "born", "died",
    "year", "as of", "throughout", "between", "spring", "summer", "autumn", "fall", "winter",
    "christmas", "easter", "by", "end of", "beginning of", "start of", "middle of",
    "half of", "course of", "part of", "turn of", "close of", "year of", "spring of",
    "summer of", "autumn of", "fall of", "winter of", "early", "late", "mid",
    "as early as", "as late as", "as recently as", "as far back as", "period", "decade",
    "years", "season", "published", "founded", "established", "dated",
)
_CONTEXT_OTHER = (
    "im", "seit", "bis", "ab", "anno", "jahr", "jahre", "en", "depuis", "jusqu'en",
    "jusqu’en", "dès", "année", "desde", "hasta", "año", "nel", "dal", "fino al", "em", "até",
    "ano", "sinds", "tot", "sedan", "år", "vanaf", "im jahr", "im jahre", "in het jaar",
    "nach", "vor", "von", "zwischen", "ende", "anfang", "mitte", "frühjahr", "herbst",
    "sommer", "erst", "bereits", "schon", "fin", "début", "avant", "après", "entre", "fines",
    "principios", "antes", "después", "fine", "inizio", "prima", "dopo", "tra", "fra",
    "eind", "begin", "na", "voor", "tussen",
)
_NOT_CONTEXT = {"de": ("in",)}
"""English context words that are no date word in a language ("in 1500 Arten": in 1500 kinds)."""
_CIRCA = ("c.", "ca.", "circa", "cca.", "um", "vers", "hacia", "rond", "omstreeks")
_DETERMINERS = ("the", "its", "his", "her", "their", "this", "that", "whose", "our", "a", "an")
_CONNECTORS = ("to", "and", "or", "through", "und", "et", "y", "e", "au", "al", "tot")
_UNIT = alternation((
    "people", "persons", "men", "women", "children", "soldiers", "troops", "vote", "votes",
    "copies", "unit", "units", "page", "pages", "cases", "deaths", "members", "students",
    "residents", "inhabitants", "households", "families", "km", "m", "mm", "cm", "kg", "lb", "lbs",
    "cc", "hp", "mph", "metre", "metres", "meter", "meters", "kilometre", "kilometres", "kilometer",
    "kilometers", "mile", "miles", "feet", "foot", "ft", "ton", "tons", "tonne", "tonnes", "hours",
    "days", "acre", "acres", "hectare", "hectares", "ha", "square", "sq", "dollars", "euros",
    "pounds", "point", "points", "runs", "yard", "yards", "goals", "games", "matches", "species",
    "year", "years", "times", "seat", "seats", "horsepower", "other", "more", "Einwohner",
    "habitants", "habitantes", "abitanti", "inwoners", "personnes", "personas", "Menschen", "Jahre",
    "Jahren", "Jahr", "Personen", "Euro", "Mark", "Meter", "ans", "années", "años", "anni", "jaar",
    "jaren",
))
_QUANTITY = (
    r"(?!\s*(?:%|per\s?cent|percent|BC|BCE|B\.\s?C\.|v\.\s?Chr|av\.\s?J|a\.\s?C\.|a\.\s?n\.\s?e"
    rf"|f\.\s?Kr)|\s+(?:{_UNIT}|or\s+more|to\s+[0-9])\b)"
)
_Y4 = r"(?:1\d|20|21)\d\d"
_YEAR = rf"(?:\d{{4}}|\d{{3}}{_QUANTITY})(?!\d)(?![.,]\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th|er|º|ª|\.)?"
_DASH = r"\s*[-–—]\s*"


def _rev_alt(phrases: Iterable[str]) -> str:
    """An alternation of ``phrases`` reversed, for matching backwards on reversed text."""
    return alternation(p[::-1] for p in phrases).replace(r"\ ", r"\s+")


@cache
def _names(lang: str | None) -> tuple[list[str], list[str], list[str], list[str]]:
    """Month and weekday names: English ones capitalised (so that "may" the verb is not May),
    abbreviations in English only; the article's language (every one when unknown) in any
    case."""
    en_months = [n.capitalize() for n in months("en")]
    en_days = [n.capitalize() for n in weekdays("en") if len(n) > 4]
    if lang == "en":
        return en_months, [], en_days, []
    if lang in MONTH_LANGUAGES:
        other = set(months(lang, abbreviations=False))  # "april" in Dutch is lower case
    else:
        other = set(months(None, abbreviations=False)) - set(months("en"))
    other_days = set(weekdays(lang)) - set(weekdays("en"))
    return en_months, sorted(other), en_days, sorted(other_days)


def _forward_alt(names: list[str], other: list[str]) -> str:
    alt = alternation(names)
    return f"(?:{alt}|(?i:{alternation(other)}))" if other else f"(?:{alt})"


def _backward_alt(names: list[str], other: list[str]) -> str:
    alt = _rev_alt(names)
    return f"(?:{alt}|(?i:{_rev_alt(other)}))" if other else f"(?:{alt})"


def _time(p: str) -> str:
    return rf"(?P<{p}h>[01]?\d|2[0-3]):(?P<{p}mi>[0-5]\d)(?:\s?(?P<{p}ap>[ap])\.?m\.?)?"


def _then_time(p: str) -> str:
    return rf"(?:,?\s+(?:at\s+)?{_time(p)}(?:\s+\(?UTC\)?)?)?"


_SHORT = r"(?<![0-9]{3})"
"""After a run of one or two digits (a day, an hour, a century)."""


@cache
def _forward(lang: str | None) -> re.Pattern[str]:
    """The scan: a run of 1, 2 or 4 digits that starts a word, and what follows it when that
    makes a date. The pattern starts with a digit class, so ``finditer`` skips ahead in C and
    only runs that begin a date reach Python."""
    en_months, other_months, en_days, other_days = _names(lang)
    m = _forward_alt(en_months, other_months)
    wd = _forward_alt(en_days, other_days)

    def month_year(p: str) -> str:
        return (rf"{_ORD}\s+(?:of\s+|de\s+)?(?P<{p}mn>{m})\b\.?,?\s+(?:de\s+|del\s+)?"
                rf"(?P<{p}y>{_YEAR})")

    def dmy(p: str) -> str:
        return rf"(?P<{p}d>{_DAY}){month_year(p)}"

    def mdy(p: str) -> str:
        return (rf"(?P<{p}mn>{m})\b\.?\s+(?P<{p}d>{_DAY})(?:st|nd|rd|th)?,?\s+"
                rf"(?P<{p}y>{_YEAR})")

    rests = (
        # (23):45, 31 August 1993 / (23):45 on Monday, August 31, 1993
        ("t", (rf"{_SHORT}:(?P<t_mi>[0-5][0-9])(?:\s?(?P<t_ap>[ap])\.?m\.?)?,?\s+(?:on\s+)?"
              rf"(?:(?P<t_wd>{wd}),?\s+)?(?:{dmy('t_')}|{mdy('tm_')})")),
        # (5)–7 May 1993
        ("rdd", rf"{_SHORT}{_ORD}{_DASH}{dmy('rdd_')}"),
        # (5) May – 7 June 1993
        ("rdm", rf"{_SHORT}{_ORD}\s+(?:de\s+)?(?P<rdm_smn>{m})\b\.?{_DASH}{dmy('rdm_')}"),
        # (31) August 1993 23:45
        ("dmy", rf"{_SHORT}{month_year('dmy_')}{_then_time('dmy_')}"),
        # (19)th century
        ("cent", rf"{_SHORT}(?:st|nd|rd|th)[-\s]+centur(?:y|ies)\b"),
        # May (5) – June 7, 1993
        ("mdmd", rf"{_SHORT}{_DASH}{mdy('mdmd_')}"),
        # August (31), 1993 23:45; May (5)–7, 1993
        ("md", (rf"{_SHORT}(?:st|nd|rd|th)?(?:{_DASH}(?P<md_ed>{_DAY})(?:st|nd|rd|th)?)?,?\s+"
               rf"(?P<md_y>{_YEAR}){_then_time('md_')}")),
        # (1993)-08-31
        ("iso", r"(?<=[0-9]{4})-(?P<iso_m>[01][0-9])-(?P<iso_d>[0-3][0-9])(?![0-9-])"),
        # (1990)s
        ("dec", r"(?<=(?:1[1-9]|20)[0-9]0)'?s\b"),
        # (1993), (1993)–1995, (1993)–95: what precedes decides whether it is a year
        ("yr", (rf"(?<=(?:1[0-9]|20|21)[0-9]{{2}})(?:(?:{_DASH}|/)(?P<yr_e>{_Y4}|[0-9]{{2}})"
               rf"(?![0-9–-]))?(?![.,][0-9]){_QUANTITY}")),
    )
    return re.compile(
        r"(?P<run>[0-9](?<![\w][0-9])(?<![0-9][.,:/][0-9])[0-9]{0,3})(?![0-9])(?:"
        + "|".join(f"(?P<{name}>{body})" for name, body in rests)
        + ")"
    )


@cache
def _backward(lang: str | None) -> re.Pattern[str]:
    """What precedes a digit run, read backwards on the reversed text (an anchored match)."""
    en_months, other_months, en_days, other_days = _names(lang)
    m = _backward_alt(en_months, other_months)
    wd = _backward_alt(en_days, other_days)
    ctx = _CONTEXT_EN if lang == "en" else tuple(
        w for w in _CONTEXT_EN + _CONTEXT_OTHER if w not in _NOT_CONTEXT.get(lang or "", ()))
    alternatives = (
        ("par", r"\("),
        # "Monday, August " before "31, 1993"; "May–June " before "1993"; "August of "
        ("mon", (rf"\s+(?:(?:fo|ed|led)\s+)?,?\.?(?P<mn>{m})(?!\w)"
                rf"(?:{_DASH}\.?(?P<mn0>{m})(?!\w))?(?:\s*,?\s*(?P<mwd>{wd})(?!\w))?")),
        # "Monday, " before "31 August 1993"
        ("wd", rf"\s+,?(?P<wdn>{wd})(?!\w)"),
        # "the early " before "1990s", "mid-" before "1993"
        ("q", r"(?:\s+|-)(?P<qw>(?i:ylrae|dim|etal))(?!\w)"),
        ("circa", rf"\s*(?P<cw>(?i:{_rev_alt(_CIRCA)}))(?!\w)"),
        ("page", r"\s*(?i:\.pp|\.p|segap|egap|\.on|\.son|\.lov|nbsi|#|№|\.trA|\.tra)(?!\w)"),
        ("ctx", rf"\s+(?P<ctxw>(?i:{_rev_alt(ctx)}))(?!\w)"),
        ("det", rf"\s+(?:(?i:{_rev_alt(_DETERMINERS)})(?!\w)|s['’](?=\w))"),
        # "War of 1812", "the Revolution of 1848": "of" after a name ("a total of 1500" is not)
        ("of", r"\s+fo\s+[^\W\d_]*[A-ZÀ-Þ](?!\w)"),
        ("conn", rf"\s*[–—-]\s*|\s*,|\s+(?i:{_rev_alt(_CONNECTORS)})(?!\w)"),
    )
    return re.compile("|".join(f"(?P<{name}>{body})" for name, body in alternatives))




def _maybe_relative(chunk: str) -> bool:
    """Whether a relative expression may be in ``chunk`` (substring tests are fast)."""
    return ("after" in chunk or "before" in chunk or "later" in chunk or "earlier" in chunk
            or "prior" in chunk or "next" in chunk or "following" in chunk
            or "previous" in chunk or "preceding" in chunk)
_HAS_DIGIT = re.compile(r"[0-9]")
_RELATIVE = re.compile(
    r"(?P<u>second|minute|hour|day|week|month|year|decade|century|centurie|next|following|"
    r"previous|preceding)(?:s?[\s-]+(?P<d>later|earlier|before|after|afterwards?|prior)\b|"
    r"\s+(?P<u2>day|week|month|year|morning|evening|night|afternoon)\b)"
)
_AMOUNT_BACK = re.compile(
    rf"(?:\s+|-)(?:(?P<a>(?i:{_rev_alt(_WORD_NUMBERS)}))|(?P<n>[0-9]{{1,3}}))(?!\w)"
    r"|\s+(?P<the>(?i:eht))(?!\w)"
)
_DET_NEXT = re.compile(
    r"\s+(?:[A-Z]|[a-z]+\b(?<!s)|(?:elections|games|olympics|championships|awards|census|"
    r"riots|protests|floods|attacks|bombings|playoffs|finals|series|paralympics|midterms|"
    r"hearings|talks|negotiations|rankings|sessions|celebrations|festivities)\b)"
)
_BY_NEXT = re.compile(r"\s*[,;.)]|\s+(?:it|the|he|she|they|there|which|when|this|its|his|her|"
                      r"their|a|an|[A-Z])\b")
_RANGE_GAP = re.compile(r"\s*(?:[-–—]|to|until|till|through|and|und|bis|et|au|y|a|al|e|tot)"
                        r"\s*")
_FROM = re.compile(r"(?i)(?:\bfrom|\bbetween|\bvon|\bzwischen|\bde|\bdu|\bentre|\bdesde|\bdal|"
                   r"\bvan|\btussen)\s+$")
_CLOSE = re.compile(r"\s*\)")
_WORD_NEXT = re.compile(r"\s+[^\W\d_]")
_PAR_NEXT = re.compile(rf"\s*[,;]\s*{_Y4}(?![0-9])")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|und\s+|et\s+|y\s+|e\s+)")


class _Atom:
    """A match before it becomes a mention: offsets in the scanned text and what was read."""

    __slots__ = ("connector", "end", "kind", "re", "relative", "rs", "start", "weekday")

    def __init__(self, rs: int, re_: int, kind: str, start: DateValue | None = None,
                 end: DateValue | None = None, weekday: str | None = None,
                 relative: tuple[int, str, str] | None = None, connector: bool = False) -> None:
        self.rs, self.re, self.kind = rs, re_, kind
        self.start, self.end, self.weekday = start, end, weekday
        self.relative, self.connector = relative, connector


def _month(name: str, lang: str | None) -> int:
    key = name.casefold().rstrip(".")
    return months(lang).get(key) or months("en").get(key) or months(None)[key]


def _hour(m: re.Match[str], p: str) -> tuple[int | None, int | None]:
    """The time of day written after a date (group ``{p}h``), if any."""
    h = m.group(f"{p}h")
    if h is None:
        return None, None
    hour = int(h)
    ap = m.group(f"{p}ap")
    if ap and 1 <= hour <= 12:
        hour = hour % 12 + (12 if ap.lower() == "p" else 0)
    return hour, int(m.group(f"{p}mi"))


def _dmy_value(m: re.Match[str], p: str, lang: str | None) -> DateValue:
    return DateValue(int(m.group(f"{p}y")[:4]), _month(m.group(f"{p}mn"), lang),
                     int(m.group(f"{p}d")))


def _end_year(start: int, written: str) -> int | None:
    """The end of "1993–95"; ``None`` when the short form is not a plausible range."""
    if len(written) == 4:
        end = int(written)
        return end if start < end <= start + 200 else None
    end = start - start % 100 + int(written)
    if end < start:
        end += 100
    return end if start < end <= start + 10 else None


def _atoms(text: str, a: int, b: int, lang: str | None, first: int, *,
           bare_years: bool = False, starts: frozenset[int] = frozenset()) -> list[_Atom]:
    """Every temporal expression in ``text[a:b]`` but relative ones, ranges joined; ``first``
    is where its first digit is (every match starts with one, so the scan starts there: the
    caller has searched that far already, and the scan's look-behinds still see before it).
    ``bare_years`` takes a year without context (infobox date fields); a year that opens a
    sentence (an offset in ``starts``) and is followed by a word is taken too ("1994 wurde…")."""
    forward = _forward(lang)
    backward = _backward(lang)
    n = len(text)
    rev = ""
    out: list[_Atom] = []
    for f in forward.finditer(text, first, b):
        kind = f.lastgroup
        g = f.group
        p = f.start()
        run = g("run")
        if kind == "iso":
            out.append(_Atom(p, f.end(), "point",
                             DateValue(int(run), int(g("iso_m")), int(g("iso_d")))))
            continue
        if kind == "t":
            if int(run) > 23:
                continue
            prefix = "t_" if g("t_y") is not None else "tm_"
            value = _dmy_value(f, prefix, lang)
            hour = int(run)
            ap = g("t_ap")
            if ap and 1 <= hour <= 12:
                hour = hour % 12 + (12 if ap.lower() == "p" else 0)
            out.append(_Atom(p, f.end(), "point",
                             DateValue(value.year, value.month, value.day, hour,
                                       int(g("t_mi"))),
                             weekday=g("t_wd")))
            continue
        bk = None
        back = None
        day_first = kind == "dmy" or kind == "rdd" or kind == "rdm"
        # what precedes a day-first date matters only when it may be a weekday
        if not day_first or (
            p > 1 and text[p - 1].isspace() and (text[p - 2] == "," or text[p - 2].isalpha())
        ):
            if not rev:
                rev = text[::-1]
            bk = backward.match(rev, n - p, n - a)
            back = bk.lastgroup if bk is not None else None
        if day_first:
            day = int(run)
            if not 1 <= day <= 31:
                continue
            weekday = None
            rs = p
            if back == "wd":
                assert bk is not None
                weekday = rev[bk.start("wdn") : bk.end("wdn")][::-1]
                rs = n - bk.end()
            if kind == "dmy":
                value = DateValue(int(g("dmy_y")[:4]), _month(g("dmy_mn"), lang), day,
                                  *_hour(f, "dmy_"))
                atom = _Atom(rs, f.end(), "point", value, weekday=weekday)
            else:
                last = _dmy_value(f, f"{kind}_", lang)
                first_month = _month(g("rdm_smn"), lang) if kind == "rdm" else last.month
                atom = _Atom(rs, f.end(), "range", DateValue(last.year, first_month, day), last,
                             weekday=weekday)
        elif kind == "dec" or kind == "cent":
            if kind == "dec":
                value = DateValue(int(run), years=10)
            else:
                value = DateValue((int(run) - 1) * 100 + 1, years=100)
            approximate = back == "q" or back == "circa"
            atom = _Atom(n - bk.end() if approximate and bk else p, f.end(),
                         "approximate" if approximate else "point", value)
        elif kind == "md" or kind == "mdmd":
            if back != "mon" or bk is None or bk.group("mn0"):
                if kind == "md":  # not a month's day: the year after it may still be one
                    again = forward.match(text, f.start("md_y"), b)
                    if again is not None and again.lastgroup == "yr":
                        year_atom = _year(text, again, None, None, rev, n, lang, bare_years)
                        if year_atom is not None:
                            out.append(year_atom)
                continue
            month = _month(rev[bk.start("mn") : bk.end("mn")][::-1], lang)
            weekday = rev[bk.start("mwd") : bk.end("mwd")][::-1] if bk.group("mwd") else None
            rs = n - (bk.end("mwd") if weekday else bk.end("mn"))
            day = int(run)
            if kind == "mdmd":
                last = _dmy_value(f, "mdmd_", lang)
                atom = _Atom(rs, f.end(), "range", DateValue(last.year, month, day), last,
                             weekday=weekday)
            elif g("md_ed"):
                year = int(g("md_y")[:4])
                atom = _Atom(rs, f.end(), "range", DateValue(year, month, day),
                             DateValue(year, month, int(g("md_ed"))), weekday=weekday)
            else:
                year = int(g("md_y")[:4])
                atom = _Atom(rs, f.end(), "point",
                             DateValue(year, month, day, *_hour(f, "md_")), weekday=weekday)
        else:  # a year, or a range of years
            if not rev:
                rev = text[::-1]
            opens = p in starts and _WORD_NEXT.match(text, f.end()) is not None
            maybe = _year(text, f, bk, back, rev, n, lang, bare_years or opens)
            if maybe is None:
                continue
            atom = maybe
        out.append(atom)
    return _join(text, out)


def _year(text: str, f: re.Match[str], bk: re.Match[str] | None, back: str | None,
          rev: str, n: int, lang: str | None, bare: bool) -> _Atom | None:
    """A year or a range of years, if what precedes it makes it one."""
    p = f.start()
    if bk is None and back is None:
        bk = _backward(lang).match(rev, n - p)
        back = bk.lastgroup if bk is not None else None
    end_written = f.group("yr_e")
    if back is None and end_written is None and not bare:
        return None  # most numbers end here, before any value is built
    if back == "page":
        return None
    year = int(f.group("run"))
    if back == "mon":
        assert bk is not None
        month = _month(rev[bk.start("mn") : bk.end("mn")][::-1], lang)
        if bk.group("mn0"):
            first = _month(rev[bk.start("mn0") : bk.end("mn0")][::-1], lang)
            return _Atom(n - bk.end("mn0"), f.end("run"), "range", DateValue(year, first),
                         DateValue(year, month))
        return _Atom(n - bk.end("mn"), f.end("run"), "point", DateValue(year, month))
    end_year = _end_year(year, end_written) if end_written else None
    re_ = f.end("yr_e") if end_year is not None else f.end("run")
    if back == "par":
        if not _CLOSE.match(text, re_) and not _PAR_NEXT.match(text, re_) and not (
                end_year is None and _DET_NEXT.match(text, re_)):
            return None  # "(1993)", "(1952–2001)", "(2007, 2014)", "(2006 Goethe Award"
    elif back == "ctx":
        assert bk is not None
        if bk.group("ctxw") == "yb" and not _BY_NEXT.match(text, re_):
            return None  # "increased by 2000" is a quantity; "by 1993," a date
    elif back == "det":
        if end_year is None and not _DET_NEXT.match(text, re_):
            return None
    elif back in (None, "wd", "mon") and end_year is None and not bare:
        return None
    start = _year_value(year)
    end = _year_value(end_year) if end_year is not None else None
    kind = "range" if end is not None else "point"
    if back == "circa" or back == "q":
        assert bk is not None
        return _Atom(n - bk.end(), re_, "approximate" if back == "circa" else kind, start, end)
    return _Atom(p, re_, kind, start, end, connector=back == "conn" and end is None)


@cache
def _year_value(year: int) -> DateValue:
    return DateValue(year)


def _relatives(text: str, a: int, b: int) -> list[_Atom]:
    """ "15 minutes before", "three days later", "the following day", "the day before". """
    out: list[_Atom] = []
    rev = ""
    n = len(text)
    for m in _RELATIVE.finditer(text, a, b):
        u = m.group("u")
        p = m.start()
        if p > 0 and text[p - 1].isalpha():
            continue
        if not rev:
            rev = text[::-1]
        bk = _AMOUNT_BACK.match(rev, n - p, n - a)
        if m.group("d") is not None:
            if u not in _UNITS or bk is None:
                continue
            if bk.group("the") is not None:
                if u != "day":
                    continue
                amount = 1
            elif bk.group("n") is not None:
                amount = int(bk.group("n")[::-1])
            else:
                amount = _WORD_NUMBERS[bk.group("a")[::-1].lower()]
            direction = "after" if m.group("d").startswith(_AFTER) else "before"
            which = "the" if bk.group("the") is not None else "a" if bk.group("a") else "n"
            start = n - bk.end(which)
            out.append(_Atom(start, m.end(), "relative",
                             relative=(amount, _UNITS[u], direction)))
        elif m.group("u2") is not None and u in ("next", "following", "previous", "preceding"):
            if bk is None or bk.group("the") is None:
                continue
            direction = "after" if u.startswith(_AFTER) else "before"
            out.append(_Atom(n - bk.end("the"), m.end(), "relative",
                             relative=(1, _UNITS[m.group("u2")], direction)))
    return out


def _join(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join "5 May 1993 – 7 June 1994", "from 1993 to 1995", "between 1993 and 1995" into
    ranges; drop years read only because a connector preceded them and no date did."""
    out: list[_Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if (
            prev is not None
            and atom.kind in ("point", "range")
            and prev.kind == "point"
            and prev.start is not None
            and atom.start is not None
        ):
            gap = text[prev.re : atom.rs]
            if _RANGE_GAP.fullmatch(gap) and (
                gap.strip() in ("-", "–", "—")
                or _FROM.search(text, max(0, prev.rs - 12), prev.rs)
            ):
                prev.re, prev.end, prev.kind = atom.re, atom.end or atom.start, "range"
                continue
            if atom.connector and _LIST_GAP.fullmatch(gap):
                atom.connector = False  # a list of years: "in 1993 and 1995", "1979, 1980"
        if atom.connector:
            continue
        out.append(atom)
    return out


def _claim_at(claims: tuple[Claim, ...], starts: list[int], rs: int, re_: int) -> Claim | None:
    i = bisect_right(starts, rs) - 1
    if i < 0:
        return None
    claim = claims[i]
    return claim if re_ <= claim.readable[1] else None


_TEMPLATE_NAME = re.compile(r"\{\{\s*([^|{}]+?)\s*(?:\||\}\})")


def _prose(article: Article, lang: str | None, out: list[TemporalMention]) -> None:
    source_text = article.text
    english = lang in (None, "en")  # relative expressions are read in English only
    readable = article.readable
    claims = article.claims
    i = 0
    n = len(claims)
    while i < n:
        pid = claims[i].paragraph
        j = i + 1
        while j < n and claims[j].paragraph == pid:
            j += 1
        group = claims[i:j]
        i = j
        if pid >= len(readable):
            continue
        para = readable[pid]
        text = para.text
        a, b = group[0].readable[0], group[-1].readable[1]
        # a digit between the claims (never inside one) only yields atoms that no claim holds;
        # a relative word between them is tested for in the claims themselves
        digit = _HAS_DIGIT.search(text, a, b)
        relative = english and _maybe_relative(text[a:b]) and any(
            _maybe_relative(c.text) for c in group)
        if digit is None and not relative:
            continue
        starts = [c.readable[0] for c in group]
        atoms = [] if digit is None else _atoms(text, a, b, lang, digit.start(),
                                                starts=frozenset(starts))
        relatives = _relatives(text, a, b) if relative else None
        if relatives:
            atoms = sorted(atoms + relatives, key=lambda x: x.rs)
        if not atoms:
            continue
        source_range = para.source_range
        for atom in atoms:
            rs, re_ = atom.rs, atom.re
            claim = _claim_at(group, starts, rs, re_)
            if claim is None:
                continue
            span = trusted_span(*source_range(rs, re_))
            written = " ".join(text[rs:re_].split())
            if source_text.startswith("{{", span.start) and len(span) != len(written):
                name = _TEMPLATE_NAME.match(source_text, span.start)
                out.append(_mention(span, written, atom, "template", claim.id,
                                    name.group(1) if name else None))
            else:
                out.append(_mention(span, written, atom, "prose", claim.id, None))


def _mention(span: Span, written: str, atom: _Atom, source: str, claim: str | None,
             field: str | None, parent: Span | None = None) -> TemporalMention:
    # every field, in order: a call by keyword costs half as much again (measured)
    return TemporalMention(span, written, atom.kind, atom.start,  # type: ignore[arg-type]
                           atom.end, atom.weekday, atom.relative, source,  # type: ignore[arg-type]
                           claim, field, _invalid(atom.start, atom.end, atom.weekday), parent)


def _invalid(start: DateValue | None, end: DateValue | None, weekday: str | None) -> str | None:
    """Why the values read cannot exist, or the weekday written is not the date's, if so."""
    invalid = None
    for value in (start, end):
        if value is not None:
            invalid = value.problem()
            if invalid:
                break
    if invalid is None and weekday and start is not None:
        invalid = start.weekday_problem(weekday)
    return invalid


# -- infoboxes ---------------------------------------------------------------------------------

_DATE_FIELD = re.compile(
    r"(?i)dat|year|born|died|birth|death|found|establish|release|open|clos|start|end|form|"
    r"dissol|active|began|built|complet|launch|discontinu|introduc|period|term|as_of|since|"
    r"jahr|année|annee|año|ano\b|anno|fecha|naissance|décès|deces|nacimiento|muerte|geboren|"
    r"gestorben|nascita|morte|fundación|fondation|gründung|premiere|aired|first|last|signed"
)
_NOT_DATE_FIELD = re.compile(r"(?i)image|logo|map|file|signature|caption|alt\b|url|website|"
                             r"place|location|cause|coordinates|pushpin|flag|seal|icon|size")
_MASK = re.compile(
    r"<!--.*?(?:-->|$)|<ref[^>/]*/>|<ref[^>]*>.*?(?:</ref\s*>|$)|\{\{\s*(?:efn|refn|sfn|r|"
    r"cite|citation)\b[^{}]*\}\}|\[\[(?:file|image|datei|fichier|bild|archivo):[^\]]*\]\]|"
    r"https?://\S+|\[\[[^|\]]*\||\[\[|\]\]|'{2,}|<[^>]*>|&nbsp;|&ndash;|\{\{|\}\}|\|",
    re.IGNORECASE | re.DOTALL,
)
_DATE_TEMPLATE = re.compile(r"\{\{\s*(?P<name>[^{}|]+?)\s*\|(?P<args>[^{}]*)\}\}")
_DATE_TEMPLATES: dict[str, str] = {}
"""Normalised template name -> how its positional parameters read."""
for _names_str, _how in (
    (("birth date|death date|start date|end date|birth date and age|start date and age|"
     "end date and age|bda|film date|release date|dts|date and age|start-date|end-date|"
     "birth-date and age|death date and given age"), "ymd"),
    ("death date and age|dda", "ymd"),
    ("birth year and age|death year and age|birth year|death year", "y"),
    ("birth-date|death-date|date|start-date text", "text"),
    ("date de naissance|date de décès|date de mort|date|date-|dts-fr|datum|dni", "dmy"),
):
    for _name in _names_str.split("|"):
        _DATE_TEMPLATES.setdefault(_name, _how)


def _blank(m: re.Match[str]) -> str:
    text = m.group()
    if text == "&ndash;":
        return "  –    "[: len(text)].ljust(len(text))
    return " " * len(text)


def _template_value(how: str, args: list[str], lang: str | None) -> DateValue | None:
    positional = [a.strip() for a in args if "=" not in a]
    positional = [a for a in positional if a]
    if not positional:
        return None
    if how == "text" and len(positional) >= 3:
        how = "dmy"  # {{date|1|septembre|1993}}, not {{date|1993-09-01}}
    if how == "text":
        period = parse_period(positional[0], lang)
        return period.start if period is not None and period.end is None else None
    if how == "dmy":  # {{date|1|septembre|1993}} (fr), {{Datum|25|08|2017}} (de)
        parts = positional[:3]
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return DateValue(int(parts[2]), int(parts[1]), int(parts[0]))
        period = parse_period(" ".join(parts), None)
        return period.start if period is not None and period.end is None else None
    nums: list[int] = []
    for a in positional[: 1 if how == "y" else 3]:
        if not a.isdigit():
            if nums:
                break
            period = parse_period(a, lang)
            return period.start if period is not None and period.end is None else None
        nums.append(int(a))
    if not nums:
        return None
    return DateValue(*nums)  # type: ignore[arg-type]


def _infoboxes(article: Article, lang: str | None, out: list[TemporalMention]) -> None:
    text = article.text
    for box in article.infoboxes:
        for field in box.fields:
            if not field.value or not _HAS_DIGIT.search(field.value):
                continue
            raw = text[field.span.start : field.span.end]
            base = field.span.start
            found: list[tuple[int, int]] = []
            if "{{" in raw:
                for m in _DATE_TEMPLATE.finditer(raw):
                    name = " ".join(m.group("name").replace("_", " ").split()).lower()
                    how = _DATE_TEMPLATES.get(name)
                    if how is None:
                        continue
                    value = _template_value(how, m.group("args").split("|"), lang)
                    if value is None:
                        continue
                    span = Span(base + m.start(), base + m.end())
                    found.append((m.start(), m.end()))
                    out.append(_mention(span, value.format(), _Atom(0, 0, "point", value),
                                        "infobox", None, field.name, field.span))
            if not _DATE_FIELD.search(field.name) or _NOT_DATE_FIELD.search(field.name):
                continue
            masked = raw
            for s, e in found:
                masked = masked[:s] + " " * (e - s) + masked[e:]
            masked = _MASK.sub(_blank, masked)
            digit = _HAS_DIGIT.search(masked)
            if digit is None:
                continue
            atoms = _atoms(masked, 0, len(masked), lang, digit.start())
            taken = [(x.rs, x.re) for x in atoms]
            for m in _BARE_YEAR.finditer(masked):
                if not any(s <= m.start() < e for s, e in taken):
                    end = _end_year(int(m.group("y")), m.group("e")) if m.group("e") else None
                    if m.group("e") and end is None:
                        continue
                    atoms.append(_Atom(m.start(), m.end(), "range" if end else "point",
                                       DateValue(int(m.group("y"))),
                                       DateValue(end) if end else None))
            for atom in sorted(atoms, key=lambda x: x.rs):
                span = Span(base + atom.rs, base + atom.re)
                written = " ".join(masked[atom.rs : atom.re].split())
                out.append(_mention(span, written, atom, "infobox", None, field.name,
                                    field.span))


_BARE_YEAR = re.compile(
    rf"(?<![\w.,:/–-])(?P<y>{_Y4})(?:{_DASH}(?P<e>{_Y4}|\d\d)(?!\d))?(?![\w]|[.,:/]\d)"
)


# -- citations ---------------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")


_SHORT_CITE = re.compile(
    r"\{\{\s*(?i:sfnp?|sfnm|harvnb|harvp?|harvtxt|harvcoltxt|harvcolnb|harvcol|harvard citation"
    r"(?: no brackets| text)?)\s*\|(?P<args>[^{}]*)\}\}"
)
_SHORT_YEAR = re.compile(r"\|\s*(?P<y>[0-9]{3,4}[a-z]?|n\.d\.)\s*(?=\||$)")


def _citations(article: Article, lang: str | None, out: list[TemporalMention]) -> None:
    """The dates of every citation template, wherever its reference tag is."""
    seen: set[tuple[int, int]] = set()  # spans as offsets: a tuple hashes in C, a Span in Python
    text = article.text
    for tag in article.ref_tags:
        for citation in tag.citations:
            key = (citation.span.start, citation.span.end)
            if key in seen or not citation.template:
                continue
            seen.add(key)
            out.extend(_citation_mentions(text, citation, lang))


def _short_citations(article: Article, lang: str | None, out: list[TemporalMention]) -> None:
    """The years of the references defined as short citations (their ``parent`` is the
    reference's definition)."""
    text = article.text
    for ref in article.references:
        if ref.citations or ref.span is None or "{{" not in ref.content:
            continue
        _short_citation(text, ref.span, out)


def _short_citation(text: str, span: Span, out: list[TemporalMention]) -> None:
    """The year of a short citation (``{{sfn|Smith|2001|p=4}}``, ``{{harvnb|Jones|1999}}``):
    a ``year`` mention whose parent is the reference, as the source's publication year."""
    m = _SHORT_CITE.search(text, span.start, span.end)
    if m is None:
        return
    args = m.group("args")
    years = list(_SHORT_YEAR.finditer("|" + args))
    if not years or years[-1].group("y") == "n.d.":
        return
    y = years[-1]
    at = m.start("args") + y.start("y") - 1
    written = y.group("y")
    value = DateValue(int(written.rstrip("abcdefghijklmnopqrstuvwxyz")))
    out.append(TemporalMention(
        span=Span(at, at + len(written)), text=written, kind="point", start=value,
        source="citation", field="year", parent=span,
    ))


def _param_span(text: str, citation: Citation, name: str, value: str) -> Span:
    """The span of the value of ``|name = value``, or the citation's span when not found."""
    s, e = citation.span.start, citation.span.end
    for sep in ("=", "= ", "=  ", "=\t"):
        at = text.find(sep + value, s, e)
        while at >= 0:
            before = text[max(s, at - len(name) - 20) : at].rstrip()
            if before.endswith(name) and before[: -len(name)].rstrip().endswith("|"):
                start = at + len(sep)
                return trusted_span(start, start + len(value))  # found in the text
            at = text.find(sep + value, at + 1, e)
    return citation.span


def _citation_mentions(text: str, citation: Citation, lang: str | None
                       ) -> Iterator[TemporalMention]:
    for name, value in citation.params:
        canonical = CITATION_DATE_PARAMS.get(name)
        if canonical is None:
            if name.islower() or not value:
                continue
            canonical = CITATION_DATE_PARAMS.get(name.lower())
            if canonical is None:
                continue
        if not value:
            continue
        cleaned = value
        if "<!--" in cleaned:
            cleaned = _COMMENT.sub("", cleaned).strip()
        if "[[" in cleaned:
            cleaned = _LINK.sub(r"\1", cleaned)
        if not cleaned or "{{" in cleaned or cleaned.casefold() in NO_DATE:
            continue
        span = _param_span(text, citation, name, value)
        period = parse_period(cleaned, lang)
        if period is None:
            if not _HAS_DIGIT.search(cleaned):
                continue
            yield TemporalMention(
                span=span, text=cleaned, kind="point", source="citation", field=canonical,
                invalid="not a date in a recognised form", parent=citation.span,
            )
            continue
        kind: MentionKind = ("approximate" if period.approximate else "range" if period.end
                             else "point")
        start, end, weekday = period.start, period.end, period.weekday
        yield TemporalMention(span, cleaned, kind, start, end, weekday, None, "citation", None,
                              canonical, _invalid(start, end, weekday), citation.span)


STEPS = (_prose, _infoboxes, _citations, _short_citations)
"""The extraction, step by step; the article lists each step's mentions after the previous
step's (:mod:`.incremental` runs them on each piece and joins them step by step)."""


def extract_temporals(article: Article) -> tuple[TemporalMention, ...]:
    """Every temporal mention of the article: prose (by claim), infoboxes, then citations."""
    lang = article.language
    out: list[TemporalMention] = []
    for step in STEPS:
        step(article, lang, out)
    return tuple(out)


__all__ = ["extract_temporals"]
