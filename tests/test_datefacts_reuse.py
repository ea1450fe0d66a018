"""The date analysis of successive versions (a Checker, an audit) reuses what the versions before
read of their claims (:class:`citecheck.rules._datefacts.Readings`): every version's findings and
analysis equal those of a fresh check of its text, and only new or changed claims are read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from citecheck import check
from citecheck.checker import Checker
from citecheck.config import Config
from citecheck.history import read_dump
from citecheck.lookups import NO_LOOKUPS
from citecheck.parsing import parse
from citecheck.rules import _datefacts
from citecheck.rules._base import Context
from citecheck.rules._datefacts import Analysis, analyse
from citecheck.rules.chronology_error import ChronologyError
from citecheck.rules.date_contradiction import DateContradiction
from citecheck.rules.deadline_contradiction import DeadlineContradiction

ROOT = Path(__file__).resolve().parents[1]
REVISIONS = ROOT / "fixtures" / "revisions"
LAST60 = REVISIONS / "wikiwho_anarchism" / "enwiki_Anarchism_history_last60.xml.bz2"
PYWIKIBOT = sorted((REVISIONS / "pywikibot").glob("*.xml"))
DATE_RULES = ("invalid-date", "citation-date-error", "anachronistic-citation",
              "date-contradiction", "deadline-contradiction", "chronology-error")
CONFIG = Config(select=DATE_RULES)


def _texts(path: Path) -> list[str]:
    return [r.text or "" for r in read_dump(path)]


def _fields(analysis: Analysis) -> tuple[Any, ...]:
    """Everything an analysis holds, comparable (claim texts compare by identity)."""
    claims = [(ct.claim, ct.text, ct.base, ct.para.text, ct.dates) for ct in analysis.claims]
    return (claims, analysis.subject, analysis.person, analysis.facts, analysis.lead_life,
            analysis.lead_range, analysis.first_paragraph, analysis.labels,
            analysis.class_words, analysis.first_claim, analysis.texts)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every claim that the analysis reads (not found in a memo)."""
    seen: list[str] = []
    read = _datefacts._read

    def counted(text: str, mentions: Any) -> Any:
        seen.append(text)
        return read(text, mentions)

    monkeypatch.setattr(_datefacts, "_read", counted)
    return seen


def _checked(texts: Sequence[str], config: Config = CONFIG, reads: list[str] | None = None
             ) -> Iterator[tuple[int, list[Any], int, int]]:
    """Check the versions with one Checker; assert that each version's findings and date
    analysis equal a fresh check's. Yields each version's index, findings, dated claims, and
    how many claims the Checker read (not found in its memo)."""
    checker = Checker(config)
    seen = reads if reads is not None else []
    for i, text in enumerate(texts):
        before = len(seen)
        report = checker.check(text)
        read = len(seen) - before
        fresh = check(text, format="wikitext", config=config)
        assert report.findings == fresh.findings, i
        analysis = analyse(report.article)
        assert _fields(analysis) == _fields(analyse(fresh.article)), i
        yield i, list(report.findings), len(analysis.claims), read


@pytest.mark.parametrize("path", [LAST60, *PYWIKIBOT], ids=lambda p: p.name)
def test_real_histories_find_what_a_fresh_check_finds(path: Path, reads: list[str]) -> None:
    texts = _texts(path)
    claims = read = 0
    for i, _found, dated, version_reads in _checked(texts, reads=reads):
        if i >= 2:  # the first check keeps nothing; the second fills the memo
            claims += dated
            read += version_reads
    assert claims > 0 or path != LAST60
    # an edit changes a claim or two: the others are remembered, not read again
    assert read * 20 <= claims


LEAD = ("'''Jane Roe''' (11 March 1952 – 11 May 2001) was a poet who led a chess club."
        "<ref>Lead.</ref>\n\n")
BODY = ("\n== Life ==\nRoe was born on 12 March 1952 in a village.<ref>Birth.</ref> "
        "The club was founded on 3 May 1980.<ref>Club.</ref> "
        "The club was founded on 5 May 1980.<ref>Club, again.</ref> "
        "She died at the age of 40.<ref>Age.</ref>\n")


def _edited(real: str, lead: str = LEAD, body: str = BODY) -> str:
    """A real revision with a dated lead before it and a dated section before its first
    heading."""
    at = real.index("\n==")
    return lead + real[:at] + body + real[at:]


def _edits(revisions: list[str]) -> dict[str, str]:
    a, b, c = revisions[-3:]
    return {
        "start": _edited(a),
        "another subject": _edited(a, lead=LEAD.replace("Jane Roe", "Jane Doe")),
        "other class words": _edited(a, lead=LEAD.replace("chess club", "chess team")),
        "start again": _edited(a),  # a version that returns to an earlier text
        "date changed": _edited(a, body=BODY.replace("12 March", "11 March")),
        "date removed": _edited(a, body=BODY.replace(" on 12 March 1952", "")),
        "date added": _edited(a, body=BODY + "She died on 12 May 2001.<ref>Death.</ref>\n"),
        "lead undated": _edited(a, lead=LEAD.replace(" (11 March 1952 – 11 May 2001)", "")),
        "next revision": _edited(b),
        "newest revision": _edited(c, body=BODY.replace("12 March", "11 March")),
        "newest, start again": _edited(c),
    }


def _messages(found: list[Any]) -> list[str]:
    return sorted(f"{f.rule}: {f.message}" for f in found)


def test_edits_of_the_lead_and_the_dates_and_a_revert(reads: list[str]) -> None:
    """The subject and class words change whom the same sentences speak of; dates changed,
    removed and added; a revert; real revisions under the edits."""
    edits = _edits(_texts(LAST60))
    found = {name: _messages(f) for (_i, f, _n, _r), name in zip(_checked(list(edits.values())),
                                                             edits)}
    born = "date-contradiction: born 11 March 1952 in the lead, 12 March 1952 in section “Life”"
    founded = "date-contradiction: founded 3 May 1980 in section “Life”, 5 May 1980 in section “Life”"
    assert born in found["start"] and founded in found["start"]
    assert born not in found["another subject"] and founded in found["another subject"]
    assert born in found["other class words"] and founded not in found["other class words"]
    assert found["start again"] == found["start"] == found["newest, start again"]
    assert born not in found["date changed"] and any(
        "at the age of 40" in m for m in found["date changed"])
    assert born not in found["date removed"]
    assert any("died 11 May 2001" in m and "12 May 2001" in m for m in found["date added"])
    assert born not in found["lead undated"]
    assert len({tuple(m) for m in found.values()}) >= 5


@pytest.mark.parametrize("rules", [("chronology-error",),
                                   ("deadline-contradiction", "chronology-error")])
def test_the_analysis_remembers_whichever_rule_builds_it(rules: tuple[str, ...]) -> None:
    edits = _edits(_texts(LAST60))
    found = [_messages(f) for _i, f, _n, _r in _checked(list(edits.values()), Config(select=rules))]
    assert any(found)


def test_a_one_shot_check_keeps_nothing() -> None:
    article = parse(_edited(_texts(LAST60)[-1]), format="wikitext")
    ctx = Context(article, CONFIG, NO_LOOKUPS)
    rules = (DateContradiction(), DeadlineContradiction(), ChronologyError())
    for rule in rules:
        list(rule.check(ctx))
    assert (rules[0]._facts, rules[1]._facts, rules[2]._facts) == (None, None, None)
    assert analyse(article) is analyse(article, _datefacts.Readings())  # built once, as before


def test_the_memo_keeps_what_recent_versions_used() -> None:
    rule = DateContradiction()
    base = LEAD + BODY + "\n== References ==\n{{reflist}}\n"
    for n in range(100):  # a claim that changes in every version
        text = base.replace("was born on 12 March 1952", f"was born on 12 March 1952 ({n})")
        article = parse(text, format="wikitext")
        list(rule.check(Context(article, CONFIG, NO_LOOKUPS)))
    memo = rule._facts
    assert memo is not None
    used = len(memo.used[0])
    assert used == len(analyse(article).claims) == len(memo.last)
    # trimmed to the last version's claims once past the bound, then growing again
    assert used < len(memo.readings) <= 2 * used + 64
    assert not any("(1)" in text for text, _mentions in memo.readings)
    assert any("(99)" in text for text, _mentions in memo.readings)
