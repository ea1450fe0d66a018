"""The Report of one document and its versioned wire form, ``citecheck.report/1``.

Formatters translate this dictionary (or the Report) and nothing else; docs/json-schema.md and
``formats/report-1.schema.json`` document it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from . import __version__
from .config import Config
from .findings import Finding, Severity
from .model import Article, Claim, Reference
from .spans import LineIndex, Span

SCHEMA = "citecheck.report/1"


@attrs.frozen
class Source:
    """Where a document came from."""

    path: str | None = None
    title: str | None = None
    revision: int | None = None
    input_format: str = "wikitext"


@attrs.frozen(eq=False)
class Report:
    article: Article
    findings: tuple[Finding, ...]
    source: Source
    config: Config

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.article.claims

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.article.references

    @property
    def text(self) -> str:
        return self.article.text

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def stats(self) -> dict[str, Any]:
        claims = self.article.claims
        cited = sum(1 for c in claims if c.refs)
        by_severity = Counter(f.severity.value for f in self.findings)
        return {
            "claims": len(claims),
            "cited_claims": cited,
            "cited_share": round(cited / len(claims), 4) if claims else None,
            "references": sum(1 for r in self.article.references if r.number is not None),
            "ref_uses": sum(len(r.uses) for r in self.article.references),
            "sections": len(self.article.sections),
            "findings": {s.value: by_severity.get(s.value, 0) for s in Severity},
            "by_rule": dict(sorted(Counter(f.rule for f in self.findings).items())),
        }

    def document_dict(self) -> dict[str, Any]:
        lines = self.article.lines
        art = self.article
        sections = {s.id: list(s.path) for s in art.sections}
        return {
            "source": {
                "path": self.source.path,
                "title": self.source.title or art.title,
                "revision": self.source.revision,
                "input_format": art.format,
            },
            "stats": self.stats(),
            "claims": [
                {
                    "id": c.id,
                    "text": c.text,
                    "span": span_dict(c.span, lines),
                    "section": sections.get(c.section_id, list(c.section)),
                    "kind": c.kind,
                    "refs": list(c.refs),
                }
                for c in art.claims
            ],
            "references": [
                {
                    "id": r.id,
                    "number": r.number,
                    "label": r.label,
                    "group": r.group,
                    "name": r.name,
                    "span": span_dict(r.span, lines) if r.span else None,
                    "uses": [span_dict(u, lines) for u in r.uses],
                }
                for r in art.references
            ],
            "findings": [finding_dict(f, lines) for f in self.findings],
        }

    def to_dict(self) -> dict[str, Any]:
        return envelope([self.document_dict()])


def envelope(documents: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "citecheck", "version": __version__},
        "documents": documents,
    }


def span_dict(span: Span, lines: LineIndex) -> dict[str, int]:
    pos = lines.position(span.start)
    return {"start": span.start, "end": span.end, "line": pos.line, "column": pos.column}


def finding_dict(f: Finding, lines: LineIndex) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "span": span_dict(f.span, lines),
        "claim": f.claim,
        "refs": list(f.refs),
        "related": [{"span": span_dict(r.span, lines), "message": r.message} for r in f.related],
        "fingerprint": f.fingerprint,
        "data": f.data,
    }
