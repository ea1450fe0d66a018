"""Histories of articles: read revisions from export files, audit what each one changed.

:mod:`.dump` streams MediaWiki export XML; :mod:`.audit` checks a page's revisions oldest first
and follows every finding across them by its fingerprint; :mod:`.formats` writes the result.
The wiki layer (:mod:`citecheck.wiki`) hands its revisions to the same engine.
"""

from .audit import (
    SCHEMA,
    AuditFinding,
    Auditor,
    AuditResult,
    AuditRevision,
    AuditSource,
    Introduction,
    NotInHistory,
    OpenFinding,
    RevisionLike,
    RevisionRange,
    audit,
)
from .dump import DumpReader, Revision, normalise_title, read_dump
from .formats import AuditWriter, audit_schema, format_audit_json, format_audit_text

__all__ = [
    "SCHEMA",
    "AuditFinding",
    "AuditResult",
    "AuditRevision",
    "AuditSource",
    "AuditWriter",
    "Auditor",
    "DumpReader",
    "Introduction",
    "NotInHistory",
    "OpenFinding",
    "Revision",
    "RevisionLike",
    "RevisionRange",
    "audit",
    "audit_schema",
    "format_audit_json",
    "format_audit_text",
    "normalise_title",
    "read_dump",
]
