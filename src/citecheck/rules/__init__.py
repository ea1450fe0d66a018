"""The rule registry: every rule, validated at import (unique codes and names, docs present).

Codes: C1xx coverage, R2xx reference integrity, D3xx dates, N3xx names, S4xx sources (online),
E0xx citecheck itself.
"""

from __future__ import annotations

from ._base import Context, Rule, validate
from .anachronistic_citation import AnachronisticCitation
from .chronology_error import ChronologyError
from .citation_date_error import CitationDateError
from .citation_needed import CitationNeeded
from .conflicting_ref import ConflictingRef
from .dangling_marker import DanglingMarker
from .date_contradiction import DateContradiction
from .dead_link import DeadLink
from .deadline_contradiction import DeadlineContradiction
from .duplicate_citation import DuplicateCitation
from .empty_ref import EmptyRef
from .internal_error import InternalError
from .invalid_date import InvalidDate
from .missing_reflist import MissingReflist
from .name_variant import NameVariant
from .ref_group_mismatch import RefGroupMismatch
from .ref_in_heading import RefInHeading
from .uncited_claim import UncitedClaim
from .undefined_ref import UndefinedRef
from .unused_ref import UnusedRef
from .verification_tag import VerificationTag

RULES: tuple[type[Rule], ...] = (
    UncitedClaim,
    CitationNeeded,
    VerificationTag,
    UndefinedRef,
    ConflictingRef,
    UnusedRef,
    MissingReflist,
    EmptyRef,
    RefGroupMismatch,
    DuplicateCitation,
    DanglingMarker,
    RefInHeading,
    InvalidDate,
    CitationDateError,
    AnachronisticCitation,
    DateContradiction,
    DeadlineContradiction,
    ChronologyError,
    NameVariant,
    DeadLink,
    InternalError,
)
validate(RULES)

BY_NAME = {rule.name: rule for rule in RULES}
BY_CODE = {rule.code: rule for rule in RULES}

__all__ = ["BY_CODE", "BY_NAME", "RULES", "Context", "InternalError", "Rule"]
