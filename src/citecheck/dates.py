"""Calendar values and the parsing of single date strings; no wikitext here.

A :class:`DateValue` is a calendar point at a granularity ("1993" covers the whole year); a
:class:`TemporalMention` is a date, range or relative expression found in an article, with its
exact span in the input. :func:`parse_date` and :func:`parse_period` read one date as written in a
citation parameter or an infobox value, in the formats Wikipedia's citation templates accept and
in the day-month-year forms of the major European languages.

Values are kept even when they cannot exist (31 September, month 13): the rules report them, so
the parser must not silently drop them. Before 1753 the Julian leap rule is accepted as well,
because Wikipedia gives older dates in the calendar in use at the time (Old Style); weekdays of
dates before 1924 are accepted when they match either calendar, for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Literal

import attrs

from .spans import Span

Granularity = Literal["century", "decade", "year", "month", "day", "minute"]
MentionKind = Literal["point", "range", "relative", "approximate"]
MentionSource = Literal["prose", "template", "infobox", "citation"]

MONTH_NAMES_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WEEKDAY_NAMES_EN = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_JULIAN_UNTIL = 1753
"""Years before this may follow the Julian leap rule (Britain and its colonies switched in 1752)."""
_WEEKDAY_EITHER_UNTIL = 1924
"""Weekdays before this may be given in either calendar (Greece switched in 1923)."""


def _none_first(value: int | None) -> int:
    return -1 if value is None else value


@attrs.frozen(order=True)
class DateValue:
    """A calendar point at a granularity: ``DateValue(1993, 9, 1)`` is "1 September 1993".

    The granularity is that of the finest field set; ``years`` widens a year-only value to a
    decade (10, ``year`` the first year: "the 1990s") or a century (100: "the 19th century" is
    ``DateValue(1801, years=100)``). Values order by their fields, an unset field before any set
    one, so a year sorts before its months.
    """

    year: int
    month: int | None = attrs.field(default=None, order=_none_first)
    day: int | None = attrs.field(default=None, order=_none_first)
    hour: int | None = attrs.field(default=None, order=_none_first)
    minute: int | None = attrs.field(default=None, order=_none_first)
    years: int = 1

    @property
    def granularity(self) -> Granularity:
        if self.minute is not None:
            return "minute"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.years >= 100:
            return "century"
        if self.years >= 10:
            return "decade"
        return "year"

    def problem(self) -> str | None:
        """Why this value cannot exist (``None`` when it can)."""
        if not 1 <= self.year <= 9999:
            return f"year {self.year} is out of range"
        month, day = self.month, self.day
        if month is not None and not 1 <= month <= 12:
            return f"month {month} does not exist"
        if day is not None:
            if month is None:
                return "a day without a month"
            if day < 1:
                return f"day {day} does not exist"
            if day > days_in_month(self.year, month):
                name = MONTH_NAMES_EN[month - 1]
                if month == 2 and day == 29:
                    return f"29 February {self.year}: {self.year} is not a leap year"
                return f"{day} {name} does not exist"
        if self.hour is not None and not 0 <= self.hour <= 23:
            return f"{self.hour}:{self.minute or 0:02d} is not a time of day"
        if self.minute is not None and not 0 <= self.minute <= 59:
            return f"{self.hour or 0}:{self.minute:02d} is not a time of day"
        return None

    def is_valid(self) -> bool:
        return self.problem() is None

    def start(self) -> datetime:
        """The earliest instant it covers. Raises ``ValueError`` when the value cannot exist."""
        return datetime(self.year, self.month or 1, self.day or 1, self.hour or 0, self.minute or 0)

    def end(self) -> datetime:
        """The exclusive latest instant: "1 September 1993" covers [1 Sep 00:00, 2 Sep 00:00)."""
        begin = self.start()
        try:
            if self.minute is not None:
                return begin + timedelta(minutes=1)
            if self.day is not None:
                return begin + timedelta(days=1)
            if self.month is not None:
                return begin.replace(year=self.year + self.month // 12,
                                     month=self.month % 12 + 1)
            return begin.replace(year=self.year + self.years)
        except (ValueError, OverflowError):
            return datetime.max

    def weekday(self) -> int | None:
        """Monday = 0 … Sunday = 6 in the Gregorian calendar, for a valid day; else ``None``."""
        if self.day is None or self.problem() is not None:
            return None
        return date(self.year, self.month or 1, self.day).weekday()

    def weekday_problem(self, written: str) -> str | None:
        """Why ``written`` (a weekday name in any known language) is not this date's weekday."""
        index = weekdays().get(written.casefold().rstrip("."))
        actual = self.weekday()
        if index is None or actual is None or index == actual:
            return None
        if self.year < _WEEKDAY_EITHER_UNTIL and index == _julian_weekday(self):
            return None
        return (f"{self.format()} was a {WEEKDAY_NAMES_EN[actual]}, "
                f"not a {WEEKDAY_NAMES_EN[index]}")

    def format(self) -> str:
        """English day-month-year form: "31 August 1993 23:45", "August 1993", "the 1990s"."""
        if self.month is None:
            if self.years >= 100:
                n = (self.year - 1) // 100 + 1
                suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
                    n % 10, "th")
                return f"the {n}{suffix} century"
            if self.years >= 10:
                return f"the {self.year}s"
            return str(self.year)
        month = (MONTH_NAMES_EN[self.month - 1] if 1 <= self.month <= 12
                 else f"month {self.month}")
        if self.day is None:
            return f"{month} {self.year}"
        text = f"{self.day} {month} {self.year}"
        if self.hour is not None:
            text += f" {self.hour:02d}:{self.minute or 0:02d}"
        return text

    def __str__(self) -> str:
        return self.format()


def is_leap(year: int) -> bool:
    """Gregorian leap year; before 1753 a Julian leap year (every fourth) counts too."""
    if year % 4:
        return False
    return year % 100 != 0 or year % 400 == 0 or year < _JULIAN_UNTIL


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _julian_weekday(value: DateValue) -> int:
    y, m, d = value.year, value.month or 1, value.day or 1
    a = (14 - m) // 12
    y2, m2 = y + 4800 - a, m + 12 * a - 3
    jdn = d + (153 * m2 + 2) // 5 + 365 * y2 + y2 // 4 - 32083
    return jdn % 7


# -- mentions ----------------------------------------------------------------------------------


@attrs.frozen
class TemporalMention:
    """A date, time, range or relative expression found in an article.

    ``start`` holds a point's value and a range's first value; ``end`` a range's last value
    (``None`` for an open range such as "1993–present"). A relative expression ("15 minutes
    before") has neither, only ``relative``. A citation or infobox value that cannot be read as a
    date at all has ``start is None`` and says why in ``invalid``.
    """

    span: Span
    """Exact span in the input text. For citations, the parameter's value (see ``parent``)."""
    text: str
    """As written (the readable form, for prose)."""
    kind: MentionKind
    start: DateValue | None = None
    end: DateValue | None = None
    weekday: str | None = None
    """The weekday as written ("Monday, 31 August 1993"), if any."""
    relative: tuple[int, str, str] | None = None
    """(amount, unit, "before" | "after"): "three days later" is ``(3, "day", "after")``."""
    source: MentionSource = "prose"
    claim: str | None = None
    """The claim id, for prose (and template) mentions."""
    field: str | None = None
    """Infobox field name; canonical citation parameter (``date``, ``access-date``,
    ``archive-date``, ``publication-date``, ``year``); or the date template's name."""
    invalid: str | None = None
    """Why this date cannot exist or be read, if so (kept: rules report it)."""
    parent: Span | None = None
    """The citation template or infobox field that holds it (``None`` in prose)."""

    @property
    def latest(self) -> DateValue | None:
        """The last date it names: a range's end, else its start."""
        return self.end if self.end is not None else self.start


# -- names of months and weekdays ----------------------------------------------------------------

_MONTHS: dict[str, tuple[str, ...]] = {
    # one entry per month, variants separated by "|"
    "en": ("january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun",
           "july|jul", "august|aug", "september|sep|sept", "october|oct", "november|nov",
           "december|dec"),
    "de": ("januar|jänner|jan", "februar|feber|feb", "märz|mär|maerz", "april|apr", "mai",
           "juni|jun", "juli|jul", "august|aug", "september|sep|sept", "oktober|okt",
           "november|nov", "dezember|dez"),
    "fr": ("janvier|janv", "février|fevrier|févr|fevr|fév", "mars", "avril|avr", "mai", "juin",
           "juillet|juil", "août|aout", "septembre|sept", "octobre|oct", "novembre|nov",
           "décembre|decembre|déc|dec"),
    "es": ("enero|ene", "febrero|feb", "marzo|mar", "abril|abr", "mayo|may", "junio|jun",
           "julio|jul", "agosto|ago", "septiembre|setiembre|sep|sept", "octubre|oct",
           "noviembre|nov", "diciembre|dic"),
    "it": ("gennaio|gen", "febbraio|feb", "marzo|mar", "aprile|apr", "maggio|mag",
           "giugno|giu", "luglio|lug", "agosto|ago", "settembre|set", "ottobre|ott",
           "novembre|nov", "dicembre|dic"),
    "pt": ("janeiro|jan", "fevereiro|fev", "março|marco|mar", "abril|abr", "maio|mai",
           "junho|jun", "julho|jul", "agosto|ago", "setembro|set", "outubro|out",
           "novembro|nov", "dezembro|dez"),
    "nl": ("januari|jan", "februari|feb", "maart|mrt", "april|apr", "mei", "juni|jun",
           "juli|jul", "augustus|aug", "september|sep|sept", "oktober|okt", "november|nov",
           "december|dec"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december"),
    "no": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember"),
    "af": ("januarie", "februarie", "maart", "april", "mei", "junie", "julie", "augustus",
           "september", "oktober", "november", "desember"),
    "id": ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
           "september", "oktober", "november", "desember"),
    "ro": ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
           "septembrie", "octombrie", "noiembrie", "decembrie"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "września", "października", "listopada", "grudnia"),
    "fi": ("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta",
           "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta",
           "joulukuuta"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"),
    "bg": ("януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември",
           "октомври", "ноември", "декември"),
    "mk": ("јануари", "февруари", "март", "април", "мај", "јуни", "јули", "август",
           "септември", "октомври", "ноември", "декември"),
    "hu": ("január|jan", "február|febr", "március|márc", "április|ápr", "május|máj",
           "június|jún", "július|júl", "augusztus|aug", "szeptember|szept", "október|okt",
           "november|nov", "december|dec"),
    "ur": ("جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر",
           "اکتوبر", "نومبر", "دسمبر"),
}
_MONTHS["nn"] = _MONTHS["nb"] = _MONTHS["no"]
MONTH_LANGUAGES = frozenset(_MONTHS)
"""Languages whose month names :func:`months` knows."""

_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("monday|mon", "tuesday|tue|tues", "wednesday|wed", "thursday|thu|thurs",
           "friday|fri", "saturday|sat", "sunday|sun"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag|sonnabend",
           "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles|miercoles", "jueves", "viernes", "sábado|sabado",
           "domingo"),
    "it": ("lunedì|lunedi", "martedì|martedi", "mercoledì|mercoledi", "giovedì|giovedi",
           "venerdì|venerdi", "sabato", "domenica"),
    "pt": ("segunda-feira", "terça-feira|terca-feira", "quarta-feira", "quinta-feira",
           "sexta-feira", "sábado|sabado", "domingo"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}

_ABBREVIATION_MAX = 4
"""A month's variants after the first are abbreviations when this short ("Sept", "févr")."""


@cache
def months(lang: str | None = None, *, abbreviations: bool = True) -> dict[str, int]:
    """Month names of ``lang`` (every known language when ``None`` or unknown), casefolded,
    to month numbers 1–12; ``abbreviations=False`` keeps the full names only."""
    out: dict[str, int] = {}
    for code in [lang] if lang in _MONTHS else list(_MONTHS):
        for number, variants in enumerate(_MONTHS[code], 1):
            for i, name in enumerate(variants.split("|")):
                if abbreviations or i == 0 or len(name) > _ABBREVIATION_MAX:
                    out.setdefault(name, number)
    return out


@cache
def weekdays(lang: str | None = None) -> dict[str, int]:
    """Weekday names of ``lang`` (every known language when ``None`` or unknown), casefolded,
    to Monday = 0 … Sunday = 6."""
    out: dict[str, int] = {}
    for code in [lang] if lang in _WEEKDAYS else list(_WEEKDAYS):
        for number, variants in enumerate(_WEEKDAYS[code]):
            for name in variants.split("|"):
                out.setdefault(name, number)
    return out


def alternation(names: Iterable[str]) -> str:
    """A regex matching any of ``names``, the longest first ("Augusti" before "August"), built
    as a trie: sre tries alternatives one by one, so shared prefixes are tested once."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for name in set(names):
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        # collapse a chain without branching into a literal run
        run = re.escape(ch)
        while len(child) == 1 and "" not in child:
            (nxt, child), = child.items()
            run += re.escape(nxt)
        rest = _trie_regex(child)
        branches.append(run + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# -- one date string ---------------------------------------------------------------------------


@attrs.frozen
class Period:
    """What one date string says: a point, or a range from ``start`` to ``end``."""

    start: DateValue
    end: DateValue | None = None
    """The last value of a range (``None`` for a point)."""
    weekday: str | None = None
    approximate: bool = False
    """Written with "c.", "circa", a season or a quarter."""

    @property
    def latest(self) -> DateValue:
        return self.end if self.end is not None else self.start


NO_DATE = frozenset({
    "n.d.", "nd", "n. d.", "no date", "undated", "s.d.", "s. d.", "sd", "o. j.", "o.j.",
    "s/d", "sin fecha", "forthcoming", "in press", "ohne jahr", "sans date",
})
"""Values that say on purpose that there is no date (CS1 accepts ``n.d.``)."""

_D = r"(?P<{p}d>\d{{1,2}})(?:st|nd|rd|th|er|e|º|ª|°|\.)?"
_TIME = (r"(?:,?\s*(?:T|at|à|um|a las)?\s*(?P<hh>[01]?\d|2[0-3])[:h](?P<mi>[0-5]\d)"
         r"(?::[0-5]\d(?:\.\d+)?)?(?:\s*(?P<ap>[ap])\.?m\.?)?\s*(?:Z|UTC|GMT|[+-]\d\d:?\d\d)?)?")
_SEASONS = ("spring|summer|autumn|fall|winter|christmas|easter|frühling|frühjahr|sommer|herbst|"
            "printemps|été|automne|hiver|primavera|verano|otoño|invierno|estate|autunno|"
            "inverno|verão|outono|lente|zomer|herfst")
_QUARTERS = r"(?:q[1-4]|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?)"
_CIRCA = r"(?:c\.|ca\.|c|ca|circa|cerca|um|vers|hacia|circa\.)"


def _source(pattern: str, flags: int = 0) -> tuple[str, int]:
    return pattern, flags


@cache
def _date_sources(lang: str | None) -> tuple[tuple[str, int], ...]:
    """The forms :func:`parse_period` reads, in the order it tries them, as (regex, flags): each
    is compiled on first use (:func:`_date_pattern`), since compiling them all costs a first
    check more than the whole parse of a short article."""
    # citation templates on every wiki take English dates too
    month = f"(?:{alternation(months(lang) | months('en'))})"
    weekday = f"(?:{alternation(weekdays(lang) | weekdays('en'))})"
    wd = rf"(?:(?P<wd>{weekday})\.?,?\s+)?"
    day = _D.format(p="")
    day2 = _D.format(p="e")
    de = r"(?:(?:de|del|of)\s+)?"
    year = r"(?P<y>\d{1,4})"
    suffix = (r"(?:\s*(?:AD|CE|A\.D\.|n\.\s?Chr\.|р\.?|г\.?|года|року|god\.?|r\.?)|[a-z])?")
    dash = r"\s*[-–—/]\s*"
    flags = re.IGNORECASE
    return (
        # 1993-09-01, 1993-09-01T23:45Z, 1993-9-1
        _source(rf"(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_TIME}", flags),
        # 01.09.1993, 1.9.1993 (day first: the dotted form is European)
        _source(rf"(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}){suffix}{_TIME}",
                   flags),
        # Monday, 1 September 1993 23:45; 1. September 1993; 1er septembre 1993;
        # 1 de septiembre de 1993
        _source(rf"{wd}{day}\s*{de}(?P<mn>{month})\.?,?\s*{de}{year}{suffix}{_TIME}", flags),
        # Monday, September 1, 1993
        _source(rf"{wd}(?P<mn>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{year}"
                   rf"{suffix}{_TIME}", flags),
        # 1–5 May 1993
        _source(rf"{day}{dash}{day2}\s*{de}(?P<mn>{month})\.?,?\s*{de}{year}{suffix}", flags),
        # May 1–5, 1993
        _source(rf"(?P<mn>{month})\.?\s+(?P<d>\d{{1,2}}){dash}(?P<ed>\d{{1,2}}),?\s+{year}",
                   flags),
        # 1 May – 5 June 1993
        _source(rf"{day}\s*{de}(?P<mn>{month})\.?{dash}{day2}\s*{de}(?P<emn>{month})\.?,?"
                   rf"\s*{de}{year}", flags),
        # May 1 – June 5, 1993
        _source(rf"(?P<mn>{month})\.?\s+(?P<d>\d{{1,2}}){dash}(?P<emn>{month})\.?\s+"
                   rf"(?P<ed>\d{{1,2}}),?\s+{year}", flags),
        # September 1993, septiembre de 1993; May–June 1993
        _source(rf"(?P<mn>{month})\.?(?:{dash}(?P<emn>{month})\.?)?,?\s*{de}{year}{suffix}",
                   flags),
        # 2010年5月1日, 2010년 5월 1일
        _source(r"(?P<y>\d{4})\s?[年년]\s?(?:(?P<m>\d{1,2})\s?[月월]\s?"
                   r"(?:(?P<d>\d{1,2})\s?[日일])?)?"),
        # ngày 18 tháng 8 năm 2008, tháng 8 năm 2008
        _source(r"(?:(?:ngày\s+)?(?P<d>\d{1,2})\s+)?tháng\s+(?P<m>\d{1,2}),?\s+(?:năm\s+)?"
                   r"(?P<y>\d{4})", flags),
        # 2010. május 1.
        _source(rf"(?P<y>\d{{4}})\.\s*(?P<mn>{month})\.?(?:\s+(?P<d>\d{{1,2}})\.?)?", flags),
        # 1993–1995, 1993–95, 2010a, 1993 AD; Winter 2010–11; c. 1850; Q1 2010
        _source(rf"(?:(?P<season>(?:{_SEASONS}|{_QUARTERS})(?:{dash}(?:{_SEASONS}))?),?\s+"
                   rf"(?:of\s+)?|(?P<circa>{_CIRCA})"
                   rf"\s*)?(?P<y>\d{{3,4}}){suffix}(?:{dash}(?P<ey>\d{{4}}|\d{{2}}))?{suffix}",
                   flags),
    )


@cache
def _date_pattern(lang: str | None, index: int) -> re.Pattern[str]:
    pattern, flags = _date_sources(lang)[index]
    return re.compile(pattern, flags)


@lru_cache(maxsize=8192)
def parse_period(text: str, lang: str | None = None) -> Period | None:
    """Read one date or date range as written in a citation parameter or an infobox value.

    Returns ``None`` when ``text`` is not a date in a known form (callers decide whether that
    is an error: "n.d." is not). Impossible dates (31 September) are returned, not dropped.
    """
    value = " ".join(text.replace("\u00a0", " ").split()).strip(" .,;")
    if not value or not any(c.isdigit() for c in value):
        return None
    if value[0] == "(" and value[-1] == ")":
        value = value[1:-1].strip()
    key = lang if lang in _MONTHS else None
    count = len(_date_sources(key))
    # digits alone can only be a year: every other form needs a separator, a month name or a
    # word ("1993-09-01", "01.09.1993", "2010年"), so only the last form is tried
    for index in range(count - 1 if value.isdigit() else 0, count):
        m = _date_pattern(key, index).fullmatch(value)
        if m is not None:
            return _period(m, lang)
    return None


def parse_date(text: str, lang: str | None = None) -> DateValue | None:
    """Read one date as written in a citation parameter or an infobox value.

    Accepts "1 September 1993", "September 1, 1993", "1993-09-01", "Sep 1993", "1993",
    "c. 1850", "2010a", "1 septembre 1993", "1. September 1993", "1 de septiembre de 1993" and
    the like. A range ("1993–1995", "May–June 2010") gives ``None``: use :func:`parse_period`.
    The value is returned even when it cannot exist (31 September), so callers can report it.
    """
    period = parse_period(text, lang)
    if period is None or period.end is not None:
        return None
    return period.start


def _month_number(name: str | None, lang: str | None) -> int | None:
    if name is None:
        return None
    key = name.casefold().rstrip(".")
    return months(lang if lang in _MONTHS else None).get(key) or months("en").get(key)


def _period(m: re.Match[str], lang: str | None) -> Period | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if "m" in groups and groups["m"] is not None:
        month: int | None = int(groups["m"])
    else:
        month = _month_number(groups.get("mn"), lang)
    day = int(groups["d"]) if groups.get("d") else None
    hour = minute = None
    if groups.get("hh") is not None:
        hour, minute = int(groups["hh"]), int(groups["mi"])
        if groups.get("ap"):
            if hour > 12:
                return None
            hour = hour % 12 + (12 if groups["ap"].lower() == "p" else 0)
    start = DateValue(year, month, day, hour, minute)
    end: DateValue | None = None
    if groups.get("ed") or groups.get("emn"):
        end_month = _month_number(groups.get("emn"), lang) or month
        end_day = int(groups["ed"]) if groups.get("ed") else None
        end = DateValue(year, end_month, end_day)
        if groups.get("emn") and day is None:  # May–June 1993
            end = DateValue(year, end_month)
    elif groups.get("ey"):
        end = DateValue(_full_year(year, groups["ey"]))
    return Period(
        start,
        end,
        groups.get("wd"),
        bool(groups.get("circa") or groups.get("season")),
    )


def _full_year(start: int, written: str) -> int:
    """The end year of "1993–95" (1995) or "1999–00" (2000)."""
    if len(written) == 4:
        return int(written)
    end = start - start % 100 + int(written)
    return end + 100 if end < start else end


CITATION_DATE_PARAMS: dict[str, str] = {}
"""Citation parameter names (English and the major wikis' own) to their canonical names."""
for _canonical, _names in {
    "date": "date datum fecha data дата",
    "year": "year jahr année annee año ano anno jaar år год",
    "publication-date": "publication-date publicationdate publication_date",
    "access-date": (
        "access-date accessdate access_date zugriff abruf abgerufen consulté consulte "
        "consulté_le date-accès fechaacceso fecha-acceso accesso dataaccesso acessodata "
        "acesso-data data-acesso bezochtdatum raadpleegdatum"
    ),
    "archive-date": (
        "archive-date archivedate archive_date archiv-datum archivdatum date-archive "
        "archivedatum fechaarchivo fecha-archivo dataarchivio arquivodata data-arquivo "
        "archiefdatum"
    ),
}.items():
    for _name in _names.split():
        CITATION_DATE_PARAMS[_name] = _canonical
CITATION_DATE_PARAMS["consulté le"] = "access-date"


WIKIPEDIA_FOUNDED = DateValue(2001, 1, 15)
WEB_ARCHIVING_BEGAN = DateValue(1996, 5, 10)
"""The Internet Archive's first crawls: no web archive copy can be older."""

__all__ = [
    "CITATION_DATE_PARAMS",
    "MONTH_LANGUAGES",
    "MONTH_NAMES_EN",
    "NO_DATE",
    "WEB_ARCHIVING_BEGAN",
    "WEEKDAY_NAMES_EN",
    "WIKIPEDIA_FOUNDED",
    "DateValue",
    "Granularity",
    "MentionKind",
    "MentionSource",
    "Period",
    "TemporalMention",
    "alternation",
    "days_in_month",
    "is_leap",
    "months",
    "parse_date",
    "parse_period",
    "weekdays",
]
