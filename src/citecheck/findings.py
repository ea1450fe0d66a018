"""Findings: what rules report. Immutable values with exact spans and a stable fingerprint."""

from __future__ import annotations

import enum
import hashlib
from typing import Any

import attrs

from .spans import Span


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@attrs.frozen
class Related:
    """Another place involved in a finding, with what it shows."""

    span: Span
    message: str


@attrs.frozen
class Finding:
    rule: str
    """The rule's kebab-case name (``uncited-claim``)."""
    code: str
    """The rule's stable code (``C101``)."""
    severity: Severity
    message: str
    span: Span
    claim: str | None = None
    refs: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    key: str = ""
    """What identifies this finding regardless of offsets (normalised claim text, ref name…)."""
    data: dict[str, Any] = attrs.field(factory=dict, eq=False, hash=False)
    """Structured details (the policy applied, a date, a suggestion) for machine consumers."""

    @property
    def fingerprint(self) -> str:
        """Stable across revisions and re-orderings: rule + normalised key, never offsets."""
        basis = f"{self.rule}\0{normalise_key(self.key or self.message)}"
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def normalise_key(text: str) -> str:
    return " ".join(text.casefold().split())
