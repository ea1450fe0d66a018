"""Temporal mentions found in articles: formats, exact spans, infoboxes and citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck import check
from citecheck.dates import DateValue, TemporalMention

D = DateValue
SEED = (Path(__file__).parent.parent / "fixtures" / "seed" / "seed.txt").read_text(encoding="utf-8")
REF = "<ref>{{cite web |url=https://example.org/a |title=A}}</ref>\n\n{{reflist}}\n"


def mentions(text: str, lang: str | None = "en") -> list[TemporalMention]:
    """The article's mentions, after checking that every span reproduces its text."""
    config_lang = {"lang": lang} if lang else {}
    from citecheck import Config

    report = check(text, format="wikitext", config=Config(select=("invalid-date",),
                                                           **config_lang))
    found = list(report.article.temporals)
    for m in found:
        written = text[m.span.start : m.span.end]
        if m.source in ("prose", "infobox") and not written.startswith("{{"):
            assert " ".join(written.split()) == m.text, (written, m.text)
    return found


def prose(sentence: str, lang: str | None = "en") -> list[tuple]:
    out = []
    for m in mentions(sentence + REF, lang):
        if m.source != "prose":
            continue
        assert m.claim is not None
        out.append((m.text, m.kind, m.start, m.end, m.relative or m.weekday))
    return out


CASES = [
    # formats of English Wikipedia
    ("It was signed on 31 August 1993 in Vilnius.",
     [("31 August 1993", "point", D(1993, 8, 31), None, None)]),
    ("It was signed on August 31, 1993, in Vilnius.",
     [("August 31, 1993", "point", D(1993, 8, 31), None, None)]),
    ("It was signed on 1993-08-31 in Vilnius.",
     [("1993-08-31", "point", D(1993, 8, 31), None, None)]),
    ("It was signed in August 1993 in Vilnius.",
     [("August 1993", "point", D(1993, 8), None, None)]),
    ("The army left in 1993 after the talks.", [("1993", "point", D(1993), None, None)]),
    ("The last unit left on 31 August 1993 23:45 under guard.",
     [("31 August 1993 23:45", "point", D(1993, 8, 31, 23, 45), None, None)]),
    ("The last unit left at 23:45 on 31 August 1993 under guard.",
     [("23:45 on 31 August 1993", "point", D(1993, 8, 31, 23, 45), None, None)]),
    ("It happened on Monday, 31 August 1993 at the base.",
     [("Monday, 31 August 1993", "point", D(1993, 8, 31), None, "Monday")]),
    ("It happened on Tuesday, August 31, 1993 at the base.",
     [("Tuesday, August 31, 1993", "point", D(1993, 8, 31), None, "Tuesday")]),
    # ranges
    ("The war lasted 1993–1995 in the north.",
     [("1993–1995", "range", D(1993), D(1995), None)]),
    ("The 1993–94 season was his best.", [("1993–94", "range", D(1993), D(1994), None)]),
    ("The talks ran 5–7 May 1993 in Riga.",
     [("5–7 May 1993", "range", D(1993, 5, 5), D(1993, 5, 7), None)]),
    ("The talks ran May 5–7, 1993 in Riga.",
     [("May 5–7, 1993", "range", D(1993, 5, 5), D(1993, 5, 7), None)]),
    ("The talks ran 5 May – 7 June 1993 in Riga.",
     [("5 May – 7 June 1993", "range", D(1993, 5, 5), D(1993, 6, 7), None)]),
    ("Sales peaked in May–June 2001 in Europe.",
     [("May–June 2001", "range", D(2001, 5), D(2001, 6), None)]),
    ("The war lasted from 1993 to 1995 in the north.",
     [("1993 to 1995", "range", D(1993), D(1995), None)]),
    ("Prices rose between May 1996 and June 1997 in the city.",
     [("May 1996 and June 1997", "range", D(1996, 5), D(1997, 6), None)]),
    ("He served from 5 May 1993 to 7 June 1994 in the army.",
     [("5 May 1993 to 7 June 1994", "range", D(1993, 5, 5), D(1994, 6, 7), None)]),
    ("The books were published in 1979, 1980 and 1992 by Pan.",
     [("1979", "point", D(1979), None, None), ("1980", "point", D(1980), None, None),
      ("1992", "point", D(1992), None, None)]),
    # approximate and coarse
    ("The house was built c. 1850 by a merchant.",
     [("c. 1850", "approximate", D(1850), None, None)]),
    ("It grew in the 1990s and shrank in the early 2000s.",
     [("1990s", "point", D(1990, years=10), None, None),
      ("early 2000s", "approximate", D(2000, years=10), None, None)]),
    ("It was rebuilt in the 19th century by the town.",
     [("19th century", "point", D(1801, years=100), None, None)]),
    # relative
    ("The unit left 15 minutes before the agreed term.",
     [("15 minutes before", "relative", None, None, (15, "minute", "before"))]),
    ("Three days later, the troops left the town.",
     [("Three days later", "relative", None, None, (3, "day", "after"))]),
    ("They returned two years after the war ended.",
     [("two years after", "relative", None, None, (2, "year", "after"))]),
    ("The following day the army left the town.",
     [("The following day", "relative", None, None, (1, "day", "after"))]),
    # a year used as a modifier or after "of" in a name
    ("Its 1944 Baltic Offensive took the capitals.",
     [("1944", "point", D(1944), None, None)]),
    ("The War of 1812 ended in a treaty.", [("1812", "point", D(1812), None, None)]),
    ("The film Coyote Ugly (2000) was based on it.", [("2000", "point", D(2000), None, None)]),
    # not dates
    ("The town had 1,993 people and 2000 people lived nearby.", []),
    ("The population increased by 2000 to a new high.", []),
    ("See pp. 1993–1995 of the second volume.", []),
    ("The company sold 1500 units in its first week.", []),
    ("He may 2000 times have said so, his friends say.", []),
    ("The 2000 people who came were counted by the police.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_prose(sentence: str, expected: list[tuple]) -> None:
    assert prose(sentence) == expected


OTHER_LANGUAGES = [
    ("de", "Er wurde am 1. September 1993 in Berlin geboren.", "1. September 1993",
     D(1993, 9, 1)),
    ("fr", "Il est né le 1er septembre 1993 à Paris.", "1er septembre 1993", D(1993, 9, 1)),
    ("es", "Nació el 1 de septiembre de 1993 en Madrid.", "1 de septiembre de 1993",
     D(1993, 9, 1)),
    ("it", "È nato il 1º settembre 1993 a Roma.", "1º settembre 1993", D(1993, 9, 1)),
    ("nl", "Hij werd op 1 september 1993 in Utrecht geboren.", "1 september 1993",
     D(1993, 9, 1)),
]


@pytest.mark.parametrize(("lang", "sentence", "written", "value"), OTHER_LANGUAGES)
def test_other_languages(lang: str, sentence: str, written: str, value: DateValue) -> None:
    assert prose(sentence, lang) == [(written, "point", value, None, None)]


def test_invalid_dates_are_kept_with_the_reason() -> None:
    found = mentions("It was signed on 31 September 1993 and on Monday, 31 August 1993."
                     + REF)
    reasons = [m.invalid for m in found if m.source == "prose"]
    assert reasons == ["31 September does not exist",
                       "31 August 1993 was a Tuesday, not a Monday"]


def test_seed_text() -> None:
    report = check(SEED)
    found = [m for m in report.article.temporals if m.source == "prose"]
    got = {m.text: m for m in found}
    for text, granularity in (
        ("1 September 1993", "day"), ("31 August 1993 23:45", "minute"),
        ("26 November 1993", "day"), ("19 August 1993", "day"), ("30 August 1993", "day"),
        ("11 March 1990", "day"), ("1992", "year"), ("1944", "year"), ("1990", "year"),
        ("1991", "year"),
    ):
        assert text in got, text
        value = got[text].start
        assert value is not None and value.granularity == granularity
    relative = got["15 minutes before"]
    assert relative.kind == "relative" and relative.relative == (15, "minute", "before")
    for m in found:
        assert SEED[m.span.start : m.span.end] == m.text
        claim = report.article.claim(m.claim)  # type: ignore[arg-type]
        assert claim.span.start <= m.span.start and m.span.end <= claim.span.end
    # the deadline sentence: its relative mention and its date are in the same claim
    assert relative.claim == got["31 August 1993 23:45"].claim


def test_infobox_templates_and_fields() -> None:
    text = (
        "{{Infobox person\n| name = A\n| birth_date = {{birth date|1952|3|11}}\n"
        "| death_date = {{death date and age|2001|5|11|1952|3|11}}\n"
        "| years_active = 1970–1995\n| image = Born 1952.jpg\n"
        "| founded = 5 May 1990<ref>{{cite web |url=https://x.org |date=2003}}</ref>\n"
        "| start = {{start date|1993|2|29}}\n}}\n"
        "A was a writer in England." + REF
    )
    found = [m for m in mentions(text) if m.source == "infobox"]
    got = [(m.field, m.text, m.kind, m.start, m.end, m.invalid) for m in found]
    assert got == [
        ("birth_date", "11 March 1952", "point", D(1952, 3, 11), None, None),
        ("death_date", "11 May 2001", "point", D(2001, 5, 11), None, None),
        ("years_active", "1970–1995", "range", D(1970), D(1995), None),
        ("founded", "5 May 1990", "point", D(1990, 5, 5), None, None),
        ("start", "29 February 1993", "point", D(1993, 2, 29), None,
         "29 February 1993: 1993 is not a leap year"),
    ]
    birth = found[0]
    assert text[birth.span.start : birth.span.end] == "{{birth date|1952|3|11}}"
    assert birth.parent is not None and text[birth.parent.start : birth.parent.end].strip() == (
        "{{birth date|1952|3|11}}")


def test_citation_parameters() -> None:
    text = (
        "A is true.<ref>{{cite web |url=https://x.org |title=T |date=5 June 2010 "
        "|accessdate=1 May 2011 |archive-date=2012-01-02 |year=2010}}</ref> "
        "B is true.<ref>{{cite book |title=U |date=n.d. |access-date=32 May 2010}}</ref> "
        "C is true.{{sfn|Smith|2001b|p=4}}" + REF
    )
    found = [m for m in mentions(text) if m.source == "citation"]
    got = [(m.field, m.text, m.start, m.invalid) for m in found]
    assert got == [
        ("date", "5 June 2010", D(2010, 6, 5), None),
        ("access-date", "1 May 2011", D(2011, 5, 1), None),
        ("archive-date", "2012-01-02", D(2012, 1, 2), None),
        ("year", "2010", D(2010), None),
        ("access-date", "32 May 2010", D(2010, 5, 32), "32 May does not exist"),
        ("year", "2001b", D(2001), None),
    ]
    for m in found:
        assert text[m.span.start : m.span.end] == m.text
        assert m.parent is not None and m.parent.contains(m.span)


def test_a_date_template_in_prose() -> None:
    text = "The album was released on {{start date|1993|9|1}} in Europe." + REF
    found = [m for m in mentions(text) if m.claim]
    assert [(m.source, m.field, m.text, m.start) for m in found] == [
        ("template", "start date", "1 September 1993", D(1993, 9, 1))
    ]
    assert text[found[0].span.start : found[0].span.end] == "{{start date|1993|9|1}}"
