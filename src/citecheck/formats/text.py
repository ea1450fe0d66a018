"""Compiler-style text output: one block per finding, then a summary line.

``format_text`` is a pure function of the reports so that it can be tested without a terminal;
the CLI only decides whether to colour it and prints it.

Each finding reads::

    path:line:col: severity code rule-name message
    the source line, tabs expanded and windowed to at most 120 columns
        ^~~~~~
      note: path:line:col: message of a related span

Columns in ``line:col`` count characters (as in the JSON output); the caret line is aligned in
display cells, so tabs and wide (CJK) characters line up in a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..findings import Finding, Severity
from ..report import Report
from ..spans import LineIndex, Span

STDIN_NAME = "<stdin>"
"""Shown as the path of a document that has none (read from stdin or given as a string)."""
MAX_WIDTH = 120
TAB_SIZE = 8
LEFT_CONTEXT = 12
"""Columns of context kept before a span too long for the window."""
ELLIPSIS = "…"
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

_RESET = "\x1b[0m"
_STYLES = {
    "path": "\x1b[1m",
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[1;36m",
    "code": "\x1b[2m",
    "caret": "\x1b[1;32m",
    "note": "\x1b[1;34m",
}


def format_text(reports: Report | Sequence[Report], color: bool = False) -> str:
    """Render every finding of ``reports`` and a summary line; ends with a newline."""
    if isinstance(reports, Report):
        reports = [reports]
    paint = _Paint(color)
    lines: list[str] = []
    for report in reports:
        for finding in report.findings:
            lines.extend(format_finding(report, finding, paint))
    lines.append(summary(reports))
    return "\n".join(lines) + "\n"


def display_path(report: Report) -> str:
    return report.source.path or STDIN_NAME


def format_finding(report: Report, finding: Finding, paint: _Paint | None = None) -> list[str]:
    """The header, source excerpt, caret line and notes of one finding."""
    paint = paint or _Paint(False)
    index = report.article.lines
    path = display_path(report)
    severity = finding.severity.value
    header = (
        f"{paint('path', _location(path, index, finding.span))} "
        f"{paint(severity, severity)} {paint('code', finding.code)} {finding.rule} "
        f"{_clean(finding.message)}"
    )
    source, carets = excerpt(report.article.text, index, finding.span)
    out = [header, source, paint("caret", carets)]
    for related in finding.related:
        where = paint("path", _location(path, index, related.span))
        out.append(f"  {paint('note', 'note:')} {where} {_clean(related.message)}")
    return out


def excerpt(text: str, index: LineIndex, span: Span) -> tuple[str, str]:
    """The source line of ``span.start`` and its caret underline, windowed to ``MAX_WIDTH``.

    A span that runs past its first line is underlined to the end of that line.
    """
    pos = index.position(span.start)
    line_span = index.line_span(pos.line)
    # CRLF input: the \r belongs to the line break, not to the line
    raw = line_span.slice(text).removesuffix("\r")
    cells = _cells(raw)
    start = pos.column - 1
    end = max(start + 1, min(span.end - line_span.start, len(raw)))
    first, last = _window(cells, start, end, MAX_WIDTH)
    source = "".join(c for c, _ in cells[first:last])
    pad = sum(w for _, w in cells[first:start])
    marked = sum(w for _, w in cells[start:min(end, last)])
    if first > 0:
        source, pad = ELLIPSIS + source, pad + 1
    if last < len(cells):
        source += ELLIPSIS
    carets = " " * pad + "^" + "~" * max(0, marked - 1)
    return source.rstrip(), carets


def summary(reports: Sequence[Report]) -> str:
    """``N findings (E errors, W warnings, I info) in K documents; C claims, X% cited``."""
    counts = {s: 0 for s in Severity}
    claims = cited = 0
    for report in reports:
        for finding in report.findings:
            counts[finding.severity] += 1
        claims += len(report.claims)
        cited += sum(1 for c in report.claims if c.refs)
    total = sum(counts.values())
    text = (
        f"{_plural(total, 'finding')} ("
        f"{_plural(counts[Severity.ERROR], 'error')}, "
        f"{_plural(counts[Severity.WARNING], 'warning')}, "
        f"{counts[Severity.INFO]} info) in {_plural(len(reports), 'document')}; "
        f"{_plural(claims, 'claim')}"
    )
    if claims:
        text += f", {_percent(cited, claims)} cited"
    return text


def _location(path: str, index: LineIndex, span: Span) -> str:
    pos = index.position(span.start)
    return f"{path}:{pos.line}:{pos.column}:"


def _cells(line: str) -> list[tuple[str, int]]:
    """What each character of ``line`` shows as, and how many terminal columns it takes."""
    cells: list[tuple[str, int]] = []
    column = 0
    for char in line:
        if char == "\t":
            shown = " " * (TAB_SIZE - column % TAB_SIZE)
            cells.append((shown, len(shown)))
        elif unicodedata.category(char) in ("Cc", "Cs"):
            cells.append((REPLACEMENT, 1))  # never send control characters to a terminal
        elif unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            cells.append((char, 0))
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            cells.append((char, 2))
        else:
            cells.append((char, 1))
        column += cells[-1][1]
    return cells


def _window(cells: list[tuple[str, int]], start: int, end: int, limit: int) -> tuple[int, int]:
    """The cell range ``[first, last)`` to show: a little left context, as much of the span as
    fits, then more context on both sides; an ellipsis marks each side that was cut."""
    count = len(cells)
    if sum(w for _, w in cells) <= limit:
        return 0, count

    def fits(first: int, last: int, used: int) -> bool:
        return used + (first > 0) * len(ELLIPSIS) + (last < count) * len(ELLIPSIS) <= limit

    first = last = min(start, count)
    used = 0
    while first > 0 and used + cells[first - 1][1] <= LEFT_CONTEXT:
        first -= 1
        used += cells[first][1]
    while last < min(end, count) and fits(first, last + 1, used + cells[last][1]):
        used += cells[last][1]
        last += 1
    grew = True
    while grew:
        grew = False
        if first > 0 and fits(first - 1, last, used + cells[first - 1][1]):
            first -= 1
            used += cells[first][1]
            grew = True
        if last < count and fits(first, last + 1, used + cells[last][1]):
            used += cells[last][1]
            last += 1
            grew = True
    return first, last


def _clean(message: str) -> str:
    """One line, no control characters: messages quote the article, which may contain anything."""
    return "".join(
        " " if c in "\r\n\t" else REPLACEMENT if unicodedata.category(c) == "Cc" else c
        for c in message
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _percent(part: int, whole: int) -> str:
    """One decimal, never rounded up to 100% (or down to 0%) when that would not be true."""
    value = 100 * part / whole
    if 99.95 <= value < 100:
        return ">99.9%"
    if 0 < value < 0.05:
        return "<0.1%"
    return f"{value:.1f}".removesuffix(".0") + "%"


class _Paint:
    """Wraps text in ANSI styles, or returns it unchanged when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"{_STYLES[style]}{text}{_RESET}"

