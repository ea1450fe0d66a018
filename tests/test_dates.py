"""Calendar values and the parsing of one date string (citecheck.dates), as data."""

from __future__ import annotations

from datetime import datetime

import pytest

from citecheck.dates import DateValue, parse_date, parse_period

D = DateValue

PARSE = [
    # (text, lang, expected value)
    ("1 September 1993", None, D(1993, 9, 1)),
    ("September 1, 1993", None, D(1993, 9, 1)),
    ("Sep 1, 1993", None, D(1993, 9, 1)),
    ("Sept. 1, 1993", None, D(1993, 9, 1)),
    ("1993-09-01", None, D(1993, 9, 1)),
    ("1993-9-1", None, D(1993, 9, 1)),
    ("1993-09-01T23:45:00Z", None, D(1993, 9, 1, 23, 45)),
    ("31 August 1993 23:45", None, D(1993, 8, 31, 23, 45)),
    ("Sep 1993", None, D(1993, 9)),
    ("September 1993", None, D(1993, 9)),
    ("1993", None, D(1993)),
    ("2010a", None, D(2010)),
    ("c. 1850", None, D(1850)),
    ("circa 1850", None, D(1850)),
    ("Spring 2010", None, D(2010)),
    ("Q1 2010", None, D(2010)),
    ("Monday, 31 August 1993", None, D(1993, 8, 31)),
    ("1 septembre 1993", "fr", D(1993, 9, 1)),
    ("1er septembre 1993", "fr", D(1993, 9, 1)),
    ("1. September 1993", "de", D(1993, 9, 1)),
    ("1. Mai 1993", "de", D(1993, 5, 1)),
    ("01.09.1993", "de", D(1993, 9, 1)),
    ("1 de septiembre de 1993", "es", D(1993, 9, 1)),
    ("septiembre de 1993", "es", D(1993, 9)),
    ("1º settembre 1993", "it", D(1993, 9, 1)),
    ("1 de setembro de 1993", "pt", D(1993, 9, 1)),
    ("1 maart 1993", "nl", D(1993, 3, 1)),
    ("1 мая 2010 года", "ru", D(2010, 5, 1)),
    ("2010年5月1日", "ja", D(2010, 5, 1)),
    ("ngày 18 tháng 8 năm 2008", "vi", D(2008, 8, 18)),
    ("2010. május 1.", "hu", D(2010, 5, 1)),
    ("1 septembre 1993", None, D(1993, 9, 1)),  # unknown language: every table
    # impossible dates are returned, not dropped
    ("31 September 2010", None, D(2010, 9, 31)),
    ("32 May 2010", None, D(2010, 5, 32)),
    ("Sept 31st 2010", None, D(2010, 9, 31)),
    ("2010-13-01", None, D(2010, 13, 1)),
]

NOT_A_DATE = ["n.d.", "", "forthcoming", "the day after", "2010–2011", "May–June 2010",
              "tomorrow 5", "12345"]

PERIODS = [
    ("May–June 2010", D(2010, 5), D(2010, 6), False),
    ("1–5 May 2010", D(2010, 5, 1), D(2010, 5, 5), False),
    ("May 1–5, 2010", D(2010, 5, 1), D(2010, 5, 5), False),
    ("1 May – 5 June 2010", D(2010, 5, 1), D(2010, 6, 5), False),
    ("2010–2011", D(2010), D(2011), False),
    ("1993–95", D(1993), D(1995), False),
    ("1999–00", D(1999), D(2000), False),
    ("Winter 2010–11", D(2010), D(2011), True),
    ("Spring–Summer 1985", D(1985), None, True),
    ("c. 1850", D(1850), None, True),
]

PROBLEMS = [
    (D(1993, 9, 31), "31 September does not exist"),
    (D(1993, 2, 29), "29 February 1993: 1993 is not a leap year"),
    (D(1900, 2, 29), "29 February 1900: 1900 is not a leap year"),
    (D(2010, 13, 1), "month 13 does not exist"),
    (D(2010, 5, 32), "32 May does not exist"),
    (D(2010, 5, 0), "day 0 does not exist"),
    (D(2000, 2, 29), None),
    (D(1996, 2, 29), None),
    (D(1700, 2, 29), None),  # Julian (Old Style) leap year
    (D(1993, 8, 31, 23, 45), None),
    (D(1993), None),
]

ENDS = [
    (D(1993, 9, 1), "day", datetime(1993, 9, 1), datetime(1993, 9, 2)),
    (D(1993, 12), "month", datetime(1993, 12, 1), datetime(1994, 1, 1)),
    (D(1993, 2), "month", datetime(1993, 2, 1), datetime(1993, 3, 1)),
    (D(1993), "year", datetime(1993, 1, 1), datetime(1994, 1, 1)),
    (D(1993, 8, 31, 23, 45), "minute", datetime(1993, 8, 31, 23, 45),
     datetime(1993, 8, 31, 23, 46)),
    (D(1990, years=10), "decade", datetime(1990, 1, 1), datetime(2000, 1, 1)),
    (D(1801, years=100), "century", datetime(1801, 1, 1), datetime(1901, 1, 1)),
]

WEEKDAYS = [
    (D(1993, 8, 31), "Monday", "31 August 1993 was a Tuesday, not a Monday"),
    (D(1993, 8, 31), "Tuesday", None),
    (D(1993, 8, 31), "tuesday", None),
    (D(1993, 8, 31), "Dienstag", None),
    (D(1993, 8, 31), "lundi", "31 August 1993 was a Tuesday, not a Monday"),
    (D(2001, 9, 11), "Tuesday", None),
    # Old Style: 18 June 1815 (Gregorian) was a Sunday; a Julian weekday is accepted before 1924
    (D(1815, 6, 18), "Sunday", None),
    (D(1700, 1, 1), "Monday", None),   # Julian 1 January 1700 was a Monday (Gregorian: Friday)
    (D(1700, 1, 1), "Friday", None),
    (D(1700, 1, 1), "Wednesday", "1 January 1700 was a Friday, not a Wednesday"),
    (D(1993, 8), "Monday", None),  # no day: nothing to check
]


@pytest.mark.parametrize(("text", "lang", "expected"), PARSE)
def test_parse_date(text: str, lang: str | None, expected: DateValue) -> None:
    assert parse_date(text, lang) == expected


@pytest.mark.parametrize("text", NOT_A_DATE)
def test_not_a_single_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "start", "end", "approximate"), PERIODS)
def test_parse_period(text: str, start: DateValue, end: DateValue | None,
                      approximate: bool) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.start, period.end, period.approximate) == (start, end, approximate)


def test_weekday_is_kept_by_parse_period() -> None:
    period = parse_period("Monday, 31 August 1993")
    assert period is not None and period.weekday == "Monday"


@pytest.mark.parametrize(("value", "problem"), PROBLEMS)
def test_problem(value: DateValue, problem: str | None) -> None:
    assert value.problem() == problem
    assert value.is_valid() is (problem is None)


@pytest.mark.parametrize(("value", "granularity", "start", "end"), ENDS)
def test_granularity_start_end(value: DateValue, granularity: str, start: datetime,
                               end: datetime) -> None:
    assert value.granularity == granularity
    assert value.start() == start
    assert value.end() == end


@pytest.mark.parametrize(("value", "written", "problem"), WEEKDAYS)
def test_weekday_problem(value: DateValue, written: str, problem: str | None) -> None:
    assert value.weekday_problem(written) == problem


def test_order_puts_a_year_before_its_months() -> None:
    values = [D(1993, 5, 2), D(1993), D(1993, 5), D(1992, 12, 31)]
    assert sorted(values) == [D(1992, 12, 31), D(1993), D(1993, 5), D(1993, 5, 2)]


def test_format() -> None:
    assert D(1993, 8, 31, 23, 45).format() == "31 August 1993 23:45"
    assert str(D(1993, 8)) == "August 1993"
    assert str(D(1990, years=10)) == "the 1990s"
    assert str(D(1801, years=100)) == "the 19th century"
    assert str(D(2001, years=100)) == "the 21st century"


@pytest.mark.parametrize(("text", "expected"), [
    ("1993", DateValue(1993)), ("850", DateValue(850)), ("(2010)", DateValue(2010)),
    ("20111117", None), ("12", None), ("12345", None),
])
def test_digits_alone_are_a_year_or_nothing(text: str, expected: DateValue | None) -> None:
    period = parse_period(text)
    assert (period.start if period is not None else None) == expected
    assert period is None or period.end is None
