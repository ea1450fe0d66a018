"""The compiler-style text output: excerpts, carets, notes, summary, colour and a snapshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import citecheck
from citecheck.config import Config
from citecheck.findings import Finding, Related, Severity
from citecheck.formats.text import MAX_WIDTH, excerpt, format_text, summary
from citecheck.model import Article
from citecheck.report import Report, Source
from citecheck.spans import LineIndex, Span

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("CITECHECK_UPDATE_SNAPSHOTS") == "1"

SYNTHETIC = (
    "The bridge opened in 1932.<ref name=\"a\">Smith 2001, p. 4.</ref> It was painted red.\n"
    "\n"
    "== History ==\n"
    "The tower was built in 1901.<ref name=\"a\">Smith 2001, p. 9.</ref>"
    " It fell in 1950.<ref name=\"missing\"/>\n"
    "The mayor resigned in 1960.{{citation needed|date=May 2020}}\n"
    "\tA very long line follows, so that the excerpt has to be windowed around its claim: "
    "the harbour was dredged in 1975, widened in 1981 and finally closed to ships in 2004 after "
    "the new port opened downstream.\n"
    "\n"
    "== References ==\n"
    "{{reflist}}\n"
)


def assert_snapshot(name: str, actual: str) -> None:
    """Compare with tests/snapshots/NAME verbatim; CITECHECK_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.exists(), f"missing snapshot {path}; run with CITECHECK_UPDATE_SNAPSHOTS=1"
    with path.open(encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert actual == expected


def make_report(
    text: str, findings: list[Finding], path: str | None = "doc.wiki"
) -> Report:
    """A Report over a bare Article, so formatting is tested independently of the parsers."""
    article = Article(
        text=text, format="wikitext", title=None, sections=(), paragraphs=(), claims=(),
        ref_tags=(), references=(), reference_lists=(), tags=(), lines=LineIndex(text),
    )
    return Report(article=article, findings=tuple(findings), source=Source(path=path),
                  config=Config())


def finding(span: Span, *, severity: Severity = Severity.WARNING, message: str = "msg",
            related: tuple[Related, ...] = ()) -> Finding:
    return Finding(rule="uncited-claim", code="C101", severity=severity, message=message,
                   span=span, related=related)


def show(text: str, start: int, end: int) -> tuple[str, str]:
    return excerpt(text, LineIndex(text), Span(start, end))


# --- excerpts and carets -------------------------------------------------------------------------


def test_caret_under_span() -> None:
    assert show("one two three", 4, 7) == ("one two three", "    ^~~")


def test_empty_span_gets_one_caret() -> None:
    assert show("abc", 1, 1) == ("abc", " ^")


def test_span_at_end_of_line() -> None:
    assert show("abc\ndef", 3, 3) == ("abc", "   ^")


def test_second_line_is_located() -> None:
    assert show("first\nsecond line", 13, 17) == ("second line", "       ^~~~")


def test_multiline_span_is_clipped_to_its_first_line() -> None:
    assert show("ab cd\nef gh\n", 3, 9) == ("ab cd", "   ^~")


def test_tabs_are_expanded_and_carets_follow() -> None:
    source, carets = show("\tx\ty", 3, 4)
    assert source == "        x       y"
    assert carets == "                ^"


def test_crlf_is_not_shown() -> None:
    text = "one\r\ntwo three\r\n"
    assert show(text, 9, 14) == ("two three", "    ^~~~~")


def test_wide_characters_take_two_columns() -> None:
    source, carets = show("東京は首都。Paris", 6, 11)
    assert source == "東京は首都。Paris"
    assert carets == " " * 12 + "^~~~~"


def test_control_characters_are_replaced() -> None:
    source, _ = show("a\x1b[31mb", 0, 1)
    assert "\x1b" not in source


def test_long_line_is_windowed_around_the_span() -> None:
    text = "x" * 300 + " needle " + "y" * 300
    start = text.index("needle")
    source, carets = show(text, start, start + 6)
    assert len(source) <= MAX_WIDTH
    assert source.startswith("…") and source.endswith("…")
    assert source[carets.index("^"):carets.index("^") + 6] == "needle"
    assert carets.endswith("^~~~~~")


def test_long_span_keeps_some_left_context_and_fits() -> None:
    text = "intro words " + "z" * 400
    source, carets = show(text, 12, 412)
    assert len(source) <= MAX_WIDTH and len(carets) <= MAX_WIDTH
    assert source.startswith("intro words z")
    assert carets.startswith(" " * 12 + "^~")


def test_span_near_the_end_of_a_long_line() -> None:
    text = "a" * 200 + "END"
    source, carets = show(text, 200, 203)
    assert source.startswith("…") and source.endswith("END")
    assert len(source) <= MAX_WIDTH
    assert carets == " " * (len(source) - 3) + "^~~"


def test_span_at_start_of_a_long_line() -> None:
    source, carets = show("b" * 200, 0, 1)
    assert source.endswith("…") and not source.startswith("…")
    assert len(source) == MAX_WIDTH
    assert carets == "^"


# --- findings, notes and the summary -------------------------------------------------------------


def test_finding_block_and_notes() -> None:
    text = "Alpha beta.\nGamma delta.\n"
    related = (Related(Span(6, 10), "first seen here"),)
    report = make_report(text, [finding(Span(12, 17), related=related, message="bad\nthing")])
    assert format_text([report]) == (
        "doc.wiki:2:1: warning C101 uncited-claim bad thing\n"
        "Gamma delta.\n"
        "^~~~~\n"
        "  note: doc.wiki:1:7: first seen here\n"
        "1 finding (0 errors, 1 warning, 0 info) in 1 document; 0 claims\n"
    )


def test_stdin_document_is_named_stdin() -> None:
    report = make_report("x", [finding(Span(0, 1))], path=None)
    assert format_text(report).startswith("<stdin>:1:1: warning")


def test_no_findings_prints_only_the_summary() -> None:
    report = make_report("", [])
    assert format_text([report, report]) == (
        "0 findings (0 errors, 0 warnings, 0 info) in 2 documents; 0 claims\n"
    )


def test_summary_counts_every_severity_across_documents() -> None:
    first = make_report("abc", [finding(Span(0, 1), severity=Severity.ERROR),
                                finding(Span(1, 2), severity=Severity.INFO)])
    second = make_report("abc", [finding(Span(0, 1)), finding(Span(1, 2))])
    assert summary([first, second]) == (
        "4 findings (1 error, 2 warnings, 1 info) in 2 documents; 0 claims"
    )


def test_summary_with_claims_reports_the_cited_share() -> None:
    report = citecheck.check(
        "The bridge opened in 1932.<ref>Smith.</ref> It was painted red in 1990.\n\n"
        "== References ==\n{{reflist}}\n",
        format="wikitext",
    )
    line = summary([report])
    cited = sum(1 for c in report.claims if c.refs)
    assert line.endswith(f"; {len(report.claims)} claims, "
                         f"{100 * cited / len(report.claims):.1f}".removesuffix(".0") + "% cited")


def test_color_only_when_asked() -> None:
    report = make_report("abc", [finding(Span(0, 1), severity=Severity.ERROR)])
    assert "\x1b[" not in format_text([report])
    colored = format_text([report], color=True)
    assert "\x1b[1;31merror\x1b[0m" in colored
    stripped = colored
    for code in ("\x1b[0m", "\x1b[1m", "\x1b[1;31m", "\x1b[2m", "\x1b[1;32m"):
        stripped = stripped.replace(code, "")
    assert stripped == format_text([report])


# --- snapshot ------------------------------------------------------------------------------------


def synthetic_report() -> Report:
    return citecheck.check(SYNTHETIC, format="wikitext", path="synthetic.wiki")


def test_text_output_snapshot() -> None:
    assert_snapshot("synthetic.txt", format_text([synthetic_report()]))


def test_snapshot_input_exercises_notes_and_windowing() -> None:
    output = format_text([synthetic_report()])
    assert "  note: synthetic.wiki:" in output
    assert any(line.startswith("…") or line.endswith("…") for line in output.splitlines()[1:])
    assert all(len(line) <= MAX_WIDTH for line in output.splitlines()
               if not line.startswith(("synthetic.wiki:", "  note:")) and "finding" not in line)


@pytest.mark.parametrize("name", ["pywikibot__Pear.wiki", "wtf__Bodmin.wiki"])
def test_every_finding_has_a_windowed_block(name: str) -> None:
    path = Path(__file__).parents[1] / "fixtures" / "articles" / "en" / name
    report = citecheck.check(path.read_text(encoding="utf-8"), path=name)
    lines = format_text([report]).splitlines()
    headers = [i for i, line in enumerate(lines) if line.startswith(f"{name}:")]
    assert len(headers) == len(report.findings)
    for i in headers:
        source, carets = lines[i + 1], lines[i + 2]
        assert len(source) <= MAX_WIDTH and len(carets) <= MAX_WIDTH
        assert carets.strip(" ").startswith("^")
