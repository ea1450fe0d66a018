"""The audit of an article's history: what each revision introduced and resolved, and who
introduced every finding still open at the newest revision (WikiBlame, for findings).

Findings are matched across revisions by their fingerprint (rule + normalised key, never
offsets) and counted as a multiset, so two identical findings in one revision are two. The
engine reads revisions one at a time, oldest first, from any iterable (an export file, the
wiki's API), checks each with one :class:`~citecheck.checker.Checker`, and keeps only what the
result needs: per-revision counts and the findings that changed, never the parsed articles.
Reverts are frequent, so a text seen recently is not checked again: its result is reused.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, Literal, Protocol

import attrs

from .. import __version__
from ..checker import Checker
from ..errors import CitecheckError, UsageError
from ..findings import Finding, Severity
from ..report import finding_dict
from ..spans import LineIndex
from .dump import parse_time

SCHEMA = "citecheck.audit/1"
REUSE_CACHE = 256
"""Distinct texts whose results are kept for reuse. Reverts go back a few revisions, rarely
hundreds; a bound keeps a 15,000-revision audit's memory flat."""

Status = Literal["checked", "reused", "skipped"]


class NotInHistory(UsageError):
    """A revision id of the range (``--from``, ``--to``) is not in the page's history."""


class RevisionLike(Protocol):
    """What the audit reads of a revision: both :class:`citecheck.history.dump.Revision` and
    :class:`citecheck.wiki.Revision` have it."""

    @property
    def revid(self) -> int: ...
    @property
    def parentid(self) -> int | None: ...
    @property
    def pageid(self) -> int | None: ...
    @property
    def title(self) -> str: ...
    @property
    def timestamp(self) -> str: ...
    @property
    def user(self) -> str | None: ...
    @property
    def comment(self) -> str | None: ...
    @property
    def minor(self) -> bool: ...
    @property
    def text(self) -> str | None: ...
    @property
    def content_model(self) -> str | None: ...
    @property
    def hidden(self) -> tuple[str, ...]: ...


@attrs.frozen
class AuditFinding:
    """A finding and its ``citecheck.report/1`` form, positioned in the text it was found in."""

    finding: Finding
    wire: dict[str, Any] = attrs.field(eq=False, repr=False)

    @property
    def fingerprint(self) -> str:
        return self.wire["fingerprint"]  # type: ignore[no-any-return]


@attrs.frozen
class Introduction:
    """The revision that started a finding's current unbroken run."""

    revid: int
    timestamp: str
    user: str | None
    exact: bool
    """False when the finding was already in the first revision the audit checked (or in the
    baseline before a range), so it may be older than that revision."""

    def to_dict(self) -> dict[str, Any]:
        return {"revision": self.revid, "timestamp": self.timestamp, "user": self.user,
                "exact": self.exact}


@attrs.frozen
class OpenFinding:
    """A finding of the newest revision and where its current run began."""

    finding: AuditFinding
    introduced_in: Introduction

    def to_dict(self) -> dict[str, Any]:
        return {**self.finding.wire, "introduced_in": self.introduced_in.to_dict()}


@attrs.frozen
class AuditRevision:
    """One revision of the audit: how it was handled, its counts, what it changed.

    ``introduced`` findings are positioned in this revision's text; ``resolved`` ones in the
    text of ``compared_to`` (they are no longer in this one).
    """

    revid: int
    parentid: int | None
    timestamp: str
    user: str | None
    comment: str | None
    minor: bool
    status: Status
    compared_to: int | None = None
    """The revision this one was diffed against: the previous one checked (``None`` for the
    first)."""
    reused_from: int | None = None
    """For a ``reused`` revision, the earlier revision with the same text."""
    reason: str | None = None
    """Why a ``skipped`` revision was not checked."""
    stats: dict[str, Any] | None = attrs.field(default=None, eq=False)
    """``Report.stats()`` of the text (as in ``citecheck.report/1``); ``None`` when skipped."""
    introduced: tuple[AuditFinding, ...] = ()
    resolved: tuple[AuditFinding, ...] = ()

    def by_rule(self) -> dict[str, tuple[int, int]]:
        """Per rule, how many findings this revision introduced and resolved."""
        plus = Counter(f.finding.rule for f in self.introduced)
        minus = Counter(f.finding.rule for f in self.resolved)
        return {rule: (plus[rule], minus[rule]) for rule in sorted(plus.keys() | minus.keys())}

    def to_dict(self) -> dict[str, Any]:
        return {
            "revision": self.revid,
            "parent": self.parentid,
            "timestamp": self.timestamp,
            "user": self.user,
            "comment": self.comment,
            "minor": self.minor,
            "status": self.status,
            "compared_to": self.compared_to,
            "reused_from": self.reused_from,
            "reason": self.reason,
            "stats": self.stats,
            "introduced": [f.wire for f in self.introduced],
            "resolved": [f.wire for f in self.resolved],
        }


@attrs.frozen
class AuditSource:
    """Where the history came from: a file, or a wiki (``site``)."""

    path: str | None = None
    site: str | None = None
    title: str | None = None
    pageid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "site": self.site, "title": self.title,
                "page_id": self.pageid}


@attrs.frozen
class AuditResult:
    """The whole audit; ``to_dict()`` is the ``citecheck.audit/1`` wire form."""

    source: AuditSource
    revisions: tuple[AuditRevision, ...]
    """Every revision audited, oldest first; empty when the Auditor did not keep them
    (``keep=False``: the CLI writes each one out as it is done, see ``formats.AuditWriter``)."""
    open: tuple[OpenFinding, ...]
    newest: int | None
    """The newest revision that has a result (checked or reused): ``open`` is its findings.
    ``None`` when no revision could be checked."""
    baseline: Introduction | None = None
    """The revision before the audited range, checked only to compare the first one with."""
    newest_timestamp: str | None = None
    counts: dict[str, int] | None = attrs.field(default=None, eq=False)
    """Revisions per status, counted as they were audited (kept or not)."""

    def count(self, status: Status) -> int:
        if self.counts is not None:
            return self.counts.get(status, 0)
        return sum(1 for r in self.revisions if r.status == status)

    @property
    def total(self) -> int:
        """How many revisions were audited (the baseline not included)."""
        return self.count("checked") + self.count("reused") + self.count("skipped")

    def worst(self) -> Severity | None:
        return max((o.finding.finding.severity for o in self.open), key=lambda s: s.rank,
                   default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.head_dict(),
            "revisions": [r.to_dict() for r in self.revisions],
            "open": [o.to_dict() for o in self.open],
        }

    def head_dict(self) -> dict[str, Any]:
        """The wire form's fields before ``revisions``: what a streamed output writes first."""
        by_rule = Counter(o.finding.finding.rule for o in self.open)
        return {
            "schema": SCHEMA,
            "tool": {"name": "citecheck", "version": __version__},
            "source": self.source.to_dict(),
            "summary": {
                "revisions": self.total,
                "checked": self.count("checked"),
                "reused": self.count("reused"),
                "skipped": self.count("skipped"),
                "newest": self.newest,
                "open": len(self.open),
                "open_by_rule": dict(sorted(by_rule.items())),
            },
            "baseline": self.baseline.to_dict() if self.baseline else None,
        }


@attrs.frozen
class _State:
    """The result of one text, kept to diff the next revision against and for reuse.

    Findings are put in their wire form only when they are listed (introduced, resolved or
    open): most findings of most revisions are neither, and the line index is kept for them.
    """

    revid: int
    findings: tuple[Finding, ...]
    fingerprints: tuple[str, ...]
    counts: Counter[str] = attrs.field(eq=False)
    stats: dict[str, Any] = attrs.field(eq=False)
    lines: LineIndex = attrs.field(eq=False)

    def listed(self, index: int) -> AuditFinding:
        return AuditFinding(self.findings[index], finding_dict(self.findings[index], self.lines))


@attrs.define
class Auditor:
    """Feeds revisions, oldest first, through one Checker and tracks every finding's run.

    Use :func:`audit` for a whole iterable; an Auditor is for callers that show each revision
    as it is done (the CLI's progress) or read revisions from elsewhere.
    """

    checker: Checker
    reuse: int = REUSE_CACHE
    keep: bool = True
    """Keep every revision's entry for :meth:`result`. A caller that writes each entry out as
    :meth:`feed` returns it passes False: memory then no longer grows with the history."""
    checks: int = attrs.field(init=False, default=0)
    """How many times the Checker ran (reused and skipped revisions do not count)."""
    _revisions: list[AuditRevision] = attrs.field(init=False, factory=list)
    _counts: Counter[str] = attrs.field(init=False, factory=Counter)
    _last: _State | None = attrs.field(init=False, default=None)
    _last_revid: int | None = attrs.field(init=False, default=None)
    _last_timestamp: str | None = attrs.field(init=False, default=None)
    _runs: dict[str, list[Introduction]] = attrs.field(init=False, factory=dict)
    _cache: OrderedDict[bytes, _State] = attrs.field(init=False, factory=OrderedDict)
    _baseline: Introduction | None = attrs.field(init=False, default=None)
    _title: str | None = attrs.field(init=False, default=None)
    _pageid: int | None = attrs.field(init=False, default=None)

    def set_baseline(self, revision: RevisionLike) -> None:
        """Check the revision just before the audited range, so that the range's first
        revision is compared with it rather than taken as introducing everything."""
        if self._counts or self._last is not None:
            raise ValueError("the baseline must come before the first revision")
        state, _, _ = self._result_of(revision)
        if state is None:
            return
        self._baseline = Introduction(revision.revid, revision.timestamp, revision.user, False)
        self._last = state
        self._last_revid = revision.revid
        self._last_timestamp = revision.timestamp
        for fingerprint in state.fingerprints:
            self._runs.setdefault(fingerprint, []).append(self._baseline)

    def feed(self, revision: RevisionLike) -> AuditRevision:
        """Audit the next revision; returns its entry (also kept for :meth:`result`)."""
        self._title = self._title or revision.title
        self._pageid = self._pageid or revision.pageid
        state, status, detail = self._result_of(revision)
        if state is None:
            entry = _entry(revision, status="skipped", reason=detail)
        else:
            previous = self._last
            introduced, resolved = _diff(previous, state)
            since = Introduction(revision.revid, revision.timestamp, revision.user,
                                 exact=previous is not None)
            for f in resolved:
                self._runs[f.fingerprint].pop()  # the newest instances go first
            for f in introduced:
                self._runs.setdefault(f.fingerprint, []).append(since)
            entry = _entry(
                revision,
                status=status,
                compared_to=self._last_revid if previous else None,
                reused_from=state.revid if status == "reused" else None,
                stats=state.stats,
                introduced=introduced,
                resolved=resolved,
            )
            self._last = state
            self._last_revid = revision.revid
            self._last_timestamp = revision.timestamp
        self._counts[entry.status] += 1
        if self.keep:
            self._revisions.append(entry)
        return entry

    def result(self, *, path: str | None = None, site: str | None = None) -> AuditResult:
        """The audit so far: every revision fed, and the findings open at the newest one that
        has a result."""
        last = self._last
        opened: list[OpenFinding] = []
        if last is not None:
            seen: Counter[str] = Counter()
            for index, fingerprint in enumerate(last.fingerprints):
                since = self._runs[fingerprint][seen[fingerprint]]
                opened.append(OpenFinding(last.listed(index), since))
                seen[fingerprint] += 1
        source = AuditSource(path=path, site=site, title=self._title, pageid=self._pageid)
        return AuditResult(source=source, revisions=tuple(self._revisions), open=tuple(opened),
                           newest=self._last_revid, newest_timestamp=self._last_timestamp,
                           baseline=self._baseline,
                           counts=dict(self._counts))

    def _result_of(self, revision: RevisionLike) -> tuple[_State | None, Status, str | None]:
        text = revision.text
        if text is None:
            hidden = "text" in revision.hidden
            return None, "skipped", "text hidden" if hidden else "no text in the input"
        if revision.content_model not in (None, "wikitext"):
            return None, "skipped", f"content model {revision.content_model}, not wikitext"
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        cached = self._cache.get(digest)
        if cached is not None:
            self._cache.move_to_end(digest)
            return cached, "reused", None
        try:
            self.checks += 1
            report = self.checker.check(text, title=revision.title or None,
                                        revision=revision.revid)
        except CitecheckError as error:
            return None, "skipped", f"cannot be checked: {error}"
        except Exception as error:
            what = " ".join(str(error).split())
            return None, "skipped", f"internal error: {type(error).__name__}: {what}"
        fingerprints = tuple(f.fingerprint for f in report.findings)
        state = _State(revision.revid, report.findings, fingerprints, Counter(fingerprints),
                       report.stats(), report.article.lines)
        if self.reuse > 0:
            self._cache[digest] = state
            if len(self._cache) > self.reuse:
                self._cache.popitem(last=False)
        return state, "checked", None


def _entry(revision: RevisionLike, **fields: Any) -> AuditRevision:
    return AuditRevision(revid=revision.revid, parentid=revision.parentid,
                         timestamp=revision.timestamp, user=revision.user,
                         comment=revision.comment, minor=revision.minor, **fields)


def _diff(before: _State | None, after: _State
          ) -> tuple[tuple[AuditFinding, ...], tuple[AuditFinding, ...]]:
    """Findings in ``after`` beyond ``before``'s count of their fingerprint, and vice versa.

    When a fingerprint's count changes, the last findings of it in document order are the ones
    taken as introduced (or resolved): identical findings cannot be told apart otherwise.
    """
    old = before.counts if before is not None else Counter()
    new = after.counts
    if old == new:
        return (), ()
    return (_excess(after, new - old),
            _excess(before, old - new) if before is not None else ())


def _excess(state: _State, extra: Counter[str]) -> tuple[AuditFinding, ...]:
    if not extra:
        return ()
    left = Counter(extra)
    picked: list[int] = []
    for index in range(len(state.fingerprints) - 1, -1, -1):
        fingerprint = state.fingerprints[index]
        if left[fingerprint] > 0:
            left[fingerprint] -= 1
            picked.append(index)
    return tuple(state.listed(i) for i in reversed(picked))


def audit(
    revisions: Iterable[RevisionLike],
    checker: Checker | None = None,
    *,
    baseline: RevisionLike | None = None,
    path: str | None = None,
    site: str | None = None,
    progress: Callable[[AuditRevision], None] | None = None,
) -> AuditResult:
    """Audit ``revisions`` (oldest first) of one page; ``baseline`` is the revision before
    them, when the audit covers only part of the history."""
    auditor = Auditor(checker or Checker())
    if baseline is not None:
        auditor.set_baseline(baseline)
    for revision in revisions:
        entry = auditor.feed(revision)
        if progress is not None:
            progress(entry)
    return auditor.result(path=path, site=site)


@attrs.frozen
class RevisionRange:
    """Which revisions to audit: all, those since a time, the last N, or from one id to another.

    The revision just before the range, when there is one, is the baseline the first revision
    of the range is compared with.
    """

    since: datetime | None = None
    last: int | None = None
    first: int | None = None
    """``--from``: the first revision id audited."""
    until: int | None = None
    """``--to``: the last revision id audited (reading stops there)."""

    def select(self, revisions: Iterable[RevisionLike]
               ) -> Iterator[tuple[RevisionLike, bool]]:
        """``(revision, is_baseline)`` pairs: at most one baseline first, then the range.

        Raises :class:`NotInHistory` when ``first`` or ``until`` is not among the revisions.
        """
        if self.last is not None:
            yield from self._last_n(revisions, self.last)
            return
        previous: RevisionLike | None = None
        started = self.since is None and self.first is None
        for revision in revisions:
            if not started:
                started = self._starts(revision)
                if not started:
                    previous = revision
                    continue
                if previous is not None:
                    yield previous, True
            yield revision, False
            if self.until is not None and revision.revid == self.until:
                return
        if self.first is not None and not started:
            raise NotInHistory(f"revision {self.first} (--from) is not in the history")
        if self.until is not None:
            where = "at or after --from" if self.first is not None else "in the history"
            raise NotInHistory(f"revision {self.until} (--to) is not {where}")

    def _starts(self, revision: RevisionLike) -> bool:
        if self.first is not None:
            return revision.revid == self.first
        moment = parse_time(revision.timestamp)
        assert self.since is not None
        return moment is not None and moment >= self.since

    @staticmethod
    def _last_n(revisions: Iterable[RevisionLike], count: int
                ) -> Iterator[tuple[RevisionLike, bool]]:
        window: deque[RevisionLike] = deque(revisions, maxlen=count + 1)  # N + 1 held at most
        if len(window) > count:
            yield window.popleft(), True
        for revision in window:
            yield revision, False


__all__ = [
    "SCHEMA",
    "AuditFinding",
    "AuditResult",
    "AuditRevision",
    "AuditSource",
    "Auditor",
    "Introduction",
    "NotInHistory",
    "OpenFinding",
    "RevisionLike",
    "RevisionRange",
    "audit",
]
