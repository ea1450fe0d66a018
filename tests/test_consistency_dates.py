"""The date-consistency rules on the seed article and on the details their cases cannot show:
spans of every place involved, the arithmetic of deadlines and ages, granularity."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck import Config, check
from citecheck.dates import DateValue
from citecheck.lookups import NO_LOOKUPS
from citecheck.rules._base import Context
from citecheck.rules._datefacts import agree, analyse
from citecheck.rules.chronology_error import ChronologyError, _written_ranges

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "seed.txt"
RULES = ("date-contradiction", "deadline-contradiction", "chronology-error")


def _findings(text: str, rule: str, **kwargs: object) -> tuple[str, list]:
    report = check(text, config=Config(select=(rule,)), **kwargs)  # type: ignore[arg-type]
    return text, [f for f in report.findings if f.rule == rule]


def test_seed_gives_one_deadline_finding_with_both_spans_and_the_gap() -> None:
    text, found = _findings(SEED.read_text(encoding="utf-8"), "deadline-contradiction",
                            format="text")
    assert len(found) == 1
    finding = found[0]
    assert finding.span.slice(text) == "26 November 1993"
    assert [r.span.slice(text) for r in finding.related] == ["1 September 1993"]
    assert "86 days after the deadline" in finding.message
    assert "had to be completed until 1 September 1993" in finding.message
    assert finding.data["days_after"] == 86


def test_seed_has_no_other_date_findings() -> None:
    report = check(SEED.read_text(encoding="utf-8"), format="text",
                   config=Config(select=("date-contradiction", "chronology-error")))
    assert report.findings == ()


@pytest.mark.parametrize(("amount", "flagged"), [("15 minutes", False), ("2 hours", False),
                                                  ("2 days", True), ("3 weeks", True)])
def test_relative_arithmetic_respects_the_deadline_day(amount: str, flagged: bool) -> None:
    text = (
        "According to an agreement, the withdrawal had to be completed until 1 September 1993."
        f"<ref>A.</ref> The last combat unit left {amount} before the agreed term (on 31 August "
        "1993 23:45).<ref>B.</ref>\n{{reflist}}\n"
    )
    _text, found = _findings(text, "deadline-contradiction")
    assert bool(found) is flagged
    if flagged:
        assert found[0].span.slice(text) == f"{amount} before"
        assert found[0].related[0].span.slice(text) == "1 September 1993"


def test_date_contradiction_points_at_the_odd_place_with_the_others_related() -> None:
    text = (
        "{{Infobox person\n| name = Jane Roe\n| birth_date = {{birth date|1952|3|11}}\n}}\n"
        "'''Jane Roe''' (born 11 March 1952) is a poet.<ref>A.</ref>\n== Early life ==\n"
        "Roe was born on 12 March 1952 in Leeds.<ref>B.</ref>\n{{reflist}}\n"
    )
    _text, found = _findings(text, "date-contradiction")
    assert len(found) == 1
    finding = found[0]
    assert finding.span.slice(text) == "12 March 1952"
    assert [r.span.slice(text) for r in finding.related] == [
        "{{birth date|1952|3|11}}", "11 March 1952"]
    assert finding.message == ("born 11 March 1952 in the infobox (birth_date) and the lead, "
                               "12 March 1952 in section “Early life”")


def test_age_is_computed_from_the_infobox_birth_date() -> None:
    text = (
        "{{Infobox person\n| name = Jane Roe\n| birth_date = {{birth date|1952|3|11}}\n}}\n"
        "'''Jane Roe''' is a poet.<ref>A.</ref> In 2001, she won the prize aged 47.<ref>B.</ref>"
        "\n{{reflist}}\n"
    )
    _text, found = _findings(text, "chronology-error")
    assert [f.span.slice(text) for f in found] == ["aged 47"]
    assert "the age was 48 or 49" in found[0].message


@pytest.mark.parametrize(("a", "b", "same"), [
    (DateValue(1952), DateValue(1952, 3, 11), True),
    (DateValue(1952, 3), DateValue(1952, 3, 11), True),
    (DateValue(1952, 3, 12), DateValue(1952, 3, 11), False),
    (DateValue(1951), DateValue(1952, 3, 11), False),
    (DateValue(1950, years=10), DateValue(1952, 3, 11), True),
    (DateValue(1799, 6, 6), DateValue(1799, 5, 26), True),  # Old Style, 11 days
    (DateValue(1999, 6, 6), DateValue(1999, 5, 26), False),
])
def test_granularity_and_old_style(a: DateValue, b: DateValue, same: bool) -> None:
    assert agree(a, b) is same
    assert agree(b, a) is same


def test_the_analysis_is_built_once_per_article() -> None:
    report = check("'''Jane Roe''' (born 1952) is a poet.<ref>A.</ref>\n{{reflist}}\n",
                   config=Config(select=RULES))
    assert analyse(report.article) is analyse(report.article)


_RANGES = ("'''Alpha''' served from 1990 to 1995.<ref>A.</ref>\n\n"
           "Beta served 1995–1990 in the army.<ref>B.</ref>\n\n"
           "Gamma ran from 12 May to 3 May 1993.<ref>C.</ref> Delta ran 2001–1999.<ref>D.</ref>\n"
           "{{reflist}}\n")


def test_inverted_ranges_are_found_in_every_paragraph() -> None:
    _, found = _findings(_RANGES, "chronology-error")
    assert [f.span.slice(_RANGES) for f in found] == [
        "1995–1990", "from 12 May to 3 May 1993", "2001–1999"]


def test_paragraphs_holding_a_nul_are_searched_one_by_one() -> None:
    # the paragraphs are searched as one text joined by NUL; a NUL of their own (same length)
    # must change nothing
    article = check(_RANGES, config=Config(select=RULES)).article
    texts = analyse(article).texts
    odd = (texts[0].replace("Alpha", "Al\x00ha"), *texts[1:])
    assert list(_written_ranges(article, odd)) == list(_written_ranges(article, texts))
    assert len(list(_written_ranges(article, texts))) == 3


def test_versions_checked_by_one_rule_reuse_unchanged_paragraphs() -> None:
    """A rule instance that checks the versions of one article (an audit, a Checker) searches
    only the paragraphs an edit changed; the others' ranges are placed at their new offsets."""
    config = Config(select=RULES)
    versions = {
        _RANGES: ["1995–1990", "from 12 May to 3 May 1993", "2001–1999"],
        "A paragraph added first.<ref>N.</ref>\n\n" + _RANGES:  # every paragraph moves
            ["1995–1990", "from 12 May to 3 May 1993", "2001–1999"],
        _RANGES.replace("served 1995–1990", "served 1990–1995"):  # one fixed
            ["from 12 May to 3 May 1993", "2001–1999"],
        _RANGES.replace("ran 2001–1999", "ran 2011–2009"): ["1995–1990", "from 12 May to 3 May 1993", "2011–2009"],
    }
    rule = ChronologyError()
    for text, expected in [*versions.items(), *versions.items()]:
        ctx = Context(check(text, config=config).article, config, NO_LOOKUPS)
        again = list(rule.check(ctx))
        assert again == list(ChronologyError().check(ctx))  # a fresh rule: no memo
        assert [f.span.slice(text) for f in sorted(again, key=lambda f: f.span)] == expected
    assert rule._memo is not None  # the second version on was read through the memo
    assert set(analyse(ctx.article).texts) <= set(rule._memo)
    for n in range(150):  # many versions: the memo stays bounded by the version checked
        text = _RANGES.replace("Gamma", f"Gamma {n}")
        list(rule.check(Context(check(text, config=config).article, config, NO_LOOKUPS)))
    assert len(rule._memo) <= 2 * 3 + 64


def test_age_hint_reads_every_form_as_before() -> None:
    text = ("'''Jane Roe''' (born 11 March 1952) is a poet.<ref>A.</ref> "
            "In 1990, Roe won a prize aged 40.<ref>B.</ref> "
            "In 1995, Roe, then a 40-year-old poet, moved.<ref>C.</ref> "
            "In 2020, Roe was honoured at the AGE OF 60.<ref>D.</ref>\n{{reflist}}\n")
    _, found = _findings(text, "chronology-error")
    assert [f.span.slice(text) for f in found] == ["aged 40", "40-year-old", "at the AGE OF 60"]
