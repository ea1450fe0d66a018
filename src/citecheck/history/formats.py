"""Output of an audit: ``citecheck.audit/1`` JSON, and a text form with one line a revision.

Both translate :class:`~citecheck.history.audit.AuditResult` and nothing else; the JSON is
``AuditResult.to_dict()`` as it is, documented in docs/audit-schema.md and by the JSON Schema
``formats/audit-1.schema.json``.

A whole history's audit is large (the JSON of 15,000 revisions is 160 MB), so
:class:`AuditWriter` writes it without holding it: each revision is spooled to a temporary file
as soon as it is audited, and the document is assembled at the end. Nothing is written to the
output when the audit fails half-way. ``format_audit_json``/``format_audit_text`` are the same
writer over a result held in memory.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from importlib import resources
from typing import Any, Literal, Self

from ..findings import Severity
from .audit import AuditResult, AuditRevision, OpenFinding

SCHEMA_FILE = "audit-1.schema.json"
MINUS = "\N{MINUS SIGN}"
HIDDEN_USER = "(hidden)"
OutputFormat = Literal["text", "json"]
_COPY_CHUNK = 1 << 20


def audit_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the audit's JSON output, shipped as package data."""
    text = resources.files("citecheck.formats").joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


class AuditWriter:
    """Writes an audit in ``text`` or ``json`` while it runs, in memory that does not grow.

    Call :meth:`add` with each revision's entry as the Auditor returns it, then :meth:`finish`
    with the result. The JSON is exactly ``json.dumps(result.to_dict(), indent=2)`` of the same
    audit with every revision kept.
    """

    def __init__(self, format: OutputFormat) -> None:
        self.format = format
        # in memory up to 8 MB, then on disk; closed by close() or the with block
        self._spool = tempfile.SpooledTemporaryFile(
            max_size=8 << 20, mode="w+", encoding="utf-8")
        self._count = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._spool.close()

    def add(self, entry: AuditRevision) -> None:
        if self.format == "json":
            if self._count:
                self._spool.write(",\n")
            self._spool.write(_indented(entry.to_dict(), 4))
        else:
            self._spool.write(revision_line(entry) + "\n")
        self._count += 1

    def finish(self, result: AuditResult, write: Callable[[str], object]) -> None:
        """Write the whole document through ``write``, in pieces."""
        if self.format == "json":
            head = json.dumps(result.head_dict(), indent=2, ensure_ascii=False)
            write(head[:-2] + ',\n  "revisions": [')
            if self._count:
                write("\n")
                self._copy(write)
                write("\n  ")
            write("],\n  \"open\": ")
            opened = [o.to_dict() for o in result.open]
            write(_indented(opened, 2).lstrip() if opened else "[]")
            write("\n}\n")
            return
        if result.baseline is not None:
            b = result.baseline
            write(f"(compared with rev {b.revid} {b.timestamp[:10]} {b.user or HIDDEN_USER}, "
                  "the revision before the range)\n")
        self._copy(write)
        tail: list[str] = []
        if result.newest is not None:
            tail += ["", _open_header(result), *(open_line(o) for o in result.open)]
        tail += ["", summary(result)]
        if not self._count and result.baseline is None:
            del tail[0]  # nothing above it: no blank line first
        write("\n".join(tail) + "\n")

    def _copy(self, write: Callable[[str], object]) -> None:
        self._spool.seek(0)
        while chunk := self._spool.read(_COPY_CHUNK):
            write(chunk)


def format_audit_json(result: AuditResult) -> str:
    """The ``citecheck.audit/1`` document, indented UTF-8 JSON; ends with a newline."""
    return _format(result, "json")


def format_audit_text(result: AuditResult) -> str:
    """One line a revision, oldest first; then the open findings and who introduced them."""
    return _format(result, "text")


def _format(result: AuditResult, format: OutputFormat) -> str:
    out = io.StringIO()
    with AuditWriter(format) as writer:
        for entry in result.revisions:
            writer.add(entry)
        writer.finish(result, out.write)
    return out.getvalue()


def revision_line(entry: AuditRevision) -> str:
    """``rev 1234 2009-05-01 User: +2 −1 (uncited-claim +2, citation-needed −1) 87 claims 41%
    cited``; a revision with nothing to compare with gives its number of findings instead."""
    head = f"rev {entry.revid} {entry.timestamp[:10]} {entry.user or HIDDEN_USER}:"
    if entry.status == "skipped":
        return f"{head} skipped ({entry.reason})"
    parts = [head]
    if entry.compared_to is None:
        rules = Counter(f.finding.rule for f in entry.introduced)
        listed = ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items()))
        count = len(entry.introduced)
        parts.append(f"{count} finding{'s' if count != 1 else ''} (first revision checked"
                     + (f": {listed})" if listed else ")"))
    elif entry.introduced or entry.resolved:
        parts.append(f"+{len(entry.introduced)} {MINUS}{len(entry.resolved)}")
        parts.append("(" + ", ".join(_rule_change(rule, plus, minus)
                                     for rule, (plus, minus) in entry.by_rule().items()) + ")")
    else:
        parts.append("±0")
    parts.append(_coverage(entry.stats or {}))
    if entry.reused_from is not None:
        parts.append(f"[same text as rev {entry.reused_from}]")
    return " ".join(parts)


def open_line(item: OpenFinding) -> str:
    """``  12:5 warning C101 uncited-claim — rev 1234 2009-05-01 User: message``."""
    f, wire, since = item.finding.finding, item.finding.wire, item.introduced_in
    where = f"{wire['span']['line']}:{wire['span']['column']}"
    when = f"rev {since.revid} {since.timestamp[:10]} {since.user or HIDDEN_USER}"
    if not since.exact:
        when += " or earlier"
    return f"  {where} {f.severity.value} {f.code} {f.rule} — {when}: {f.message}"


def summary(result: AuditResult) -> str:
    counts = ", ".join(f"{result.count(s)} {s}" for s in ("checked", "reused", "skipped"))
    total = result.total
    head = f"{total} revision{'s' if total != 1 else ''} ({counts})"
    if result.newest is None:
        return f"{head}; no revision could be checked"
    by_severity = Counter(o.finding.finding.severity for o in result.open)
    severities = ", ".join(f"{by_severity[s]} {_plural(s, by_severity[s])}" for s in Severity)
    count = len(result.open)
    return (f"{head}; {count} finding{'s' if count != 1 else ''} open at rev {result.newest} "
            f"({severities})")


def _indented(value: object, by: int) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``by`` columns deep (JSON strings hold
    no raw newline, so indenting every line is safe)."""
    pad = " " * by
    return "\n".join(pad + line for line in
                     json.dumps(value, indent=2, ensure_ascii=False).split("\n"))


def _open_header(result: AuditResult) -> str:
    when = f" ({result.newest_timestamp[:10]})" if result.newest_timestamp else ""
    count = len(result.open)
    return (f"{count} finding{'s' if count != 1 else ''} open at rev {result.newest}{when}"
            + (", with the revision that introduced each:" if count else ""))


def _rule_change(rule: str, plus: int, minus: int) -> str:
    changes = [f"+{plus}" if plus else "", f"{MINUS}{minus}" if minus else ""]
    return f"{rule} {' '.join(c for c in changes if c)}"


def _coverage(stats: dict[str, Any]) -> str:
    claims = stats.get("claims", 0)
    share = stats.get("cited_share")
    cited = f"{round(share * 100)}% cited" if share is not None else "none cited"
    return f"{claims} claim{'s' if claims != 1 else ''} {cited}"


def _plural(severity: Severity, count: int) -> str:
    name = severity.value
    return name if count == 1 or severity is Severity.INFO else f"{name}s"


__all__ = ["AuditWriter", "audit_schema", "format_audit_json", "format_audit_text", "open_line",
           "revision_line", "summary"]
