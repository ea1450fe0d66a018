"""Edit check: what an edit adds, as Wikipedia's Edit Check judges it before publication.

:func:`diff` checks the text before an edit (OLD) and after it (NEW) with one
:class:`~citecheck.checker.Checker` and reports the findings NEW **adds**: new or changed prose
without a reference, and reference problems that were not there before. It is the pre-publication
question "does my edit add unsourced content or break a reference?", not "is the article sound?".

Semantics:

* **Scope.** By default only the coverage rules (``C1``: uncited-claim, citation-needed,
  verification-tag) and the reference rules (``R2``) are considered, as Edit Check does. A
  ``Config`` with ``select`` replaces that scope (``select=("C1", "R2", "D3")`` widens it,
  ``select=("C101",)`` narrows it); ``ignore`` removes rules from whichever scope applies.
* **Matching.** Findings are matched by fingerprint (rule + normalised key, such as the claim's
  text; never offsets), as multisets: if OLD has one uncited claim with a fingerprint and NEW has
  two, one of the two is added. A finding that only moved adds nothing.
* **Edited claims.** A claim whose words changed is a different claim: an uncited sentence that
  is reworded and still has no reference counts as one finding **added** (the new wording) and
  one **resolved** (the old one). That is Edit Check's rule: new or changed prose needs a
  reference. Whitespace and letter case alone do not change a fingerprint.
* **Which of identical findings is new.** When NEW has more findings of one fingerprint than
  OLD (an uncited sentence copied elsewhere), each is paired with an OLD one that has the same
  text just before or just after it; the unpaired ones are added, the last ones in the text
  when more are unpaired than added. Resolved findings are picked the same way in OLD.
* **Both texts are read alike.** With ``format="auto"`` NEW decides whether the input is
  wikitext or rendered text and OLD is read the same way, so that their findings compare (an
  empty OLD, a page being created, then adds every finding of NEW).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from .checker import Checker
from .config import Config
from .engine import enabled_rules
from .errors import UsageError
from .findings import Finding, Severity
from .lookups import Gatherer
from .report import Report, Source, envelope, finding_dict

EDIT_CHECK_SCOPE: tuple[str, ...] = ("C1", "R2")
"""The rules Edit Check considers when the configuration selects none: coverage (C1xx) and
reference integrity (R2xx)."""
ONLINE_SCOPE: tuple[str, ...] = ("S4",)
"""Added to that scope when the check is online: the sources an edit cites (dead-link)."""
CONTEXT = 40
"""Characters on each side of a finding compared to pair identical findings across texts."""


@attrs.frozen(eq=False)
class EditCheck:
    """The findings an edit adds and resolves; ``old`` and ``new`` are the full reports of the
    rules considered, ``added`` are findings of ``new``, ``resolved`` findings of ``old`` (their
    spans point into the text they come from)."""

    old: Report
    new: Report
    added: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    rules: tuple[str, ...]
    """The codes of the rules considered, in registry order."""

    @property
    def report(self) -> Report:
        """NEW's report restricted to the added findings (its stats count only them)."""
        return attrs.evolve(self.new, findings=self.added)

    @property
    def unchanged(self) -> int:
        """Findings of NEW that OLD had too."""
        return len(self.new.findings) - len(self.added)

    def worst(self) -> Severity | None:
        """The worst severity among the added findings."""
        return self.report.worst()

    def diff_dict(self) -> dict[str, Any]:
        """The ``diff`` object of the wire form (docs/json-schema.md)."""
        old = self.old.document_dict()
        lines = self.old.article.lines
        return {
            "old": old["source"],
            "rules": list(self.rules),
            "added": len(self.added),
            "resolved": len(self.resolved),
            "unchanged": self.unchanged,
            "resolved_findings": [finding_dict(f, lines) for f in self.resolved],
        }

    def document_dict(self) -> dict[str, Any]:
        """A ``citecheck.report/1`` document of NEW holding only the added findings, with the
        ``diff`` object."""
        return {**self.report.document_dict(), "diff": self.diff_dict()}

    def to_dict(self) -> dict[str, Any]:
        return envelope([self.document_dict()])


def diff(
    old_text: str,
    new_text: str,
    *,
    config: Config | None = None,
    title: str | None = None,
    format: str = "auto",
    scope: Sequence[str] = EDIT_CHECK_SCOPE,
    old_source: Source | None = None,
    new_source: Source | None = None,
    online: Gatherer | None = None,
) -> EditCheck:
    """Check ``old_text`` and ``new_text`` and tell what the edit from one to the other adds.

    ``scope`` is the rules considered when ``config`` selects none (``()``: every rule).
    ``old_source`` and ``new_source`` say where each text came from (path, title, revision) for
    the reports; ``title`` is the article's title for both when a source does not give one.
    ``online`` gathers link status and name authority for both texts (one gatherer: a URL cited
    before and after the edit is fetched once); the default scope then includes dead-link, so
    that a dead source the edit cites is reported and one it already cited is not.
    """
    for name, value in (("old_text", old_text), ("new_text", new_text)):
        if not isinstance(value, str):
            raise UsageError(f"diff() takes {name} as str, not {type(value).__name__}")
    config = config or Config()
    if not config.select and scope:
        wider = ONLINE_SCOPE if online is not None and scope == EDIT_CHECK_SCOPE else ()
        config = attrs.evolve(config, select=(*scope, *wider))
    rules = tuple(rule.code for rule in enabled_rules(config))
    if not rules:
        raise UsageError("no rule is left to compare: --select and --ignore exclude them all")
    if format == "auto":
        from .parsing.rendered import looks_rendered

        format = "text" if looks_rendered(new_text) else "wikitext"
    checker = Checker(config, format=format, online=online)
    old = _check(checker, old_text, old_source, title)
    new = _check(checker, new_text, new_source, title)
    added, resolved = compare(old, new)
    return EditCheck(old=old, new=new, added=added, resolved=resolved, rules=rules)


def _check(checker: Checker, text: str, source: Source | None, title: str | None) -> Report:
    source = source or Source()
    return checker.check(text, title=source.title or title, path=source.path,
                         revision=source.revision)


def compare(old: Report, new: Report) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """The findings of ``new`` that ``old`` lacks, and those of ``old`` that ``new`` lacks,
    counted by fingerprint with multiplicity; each in its report's order."""
    old_prints = [f.fingerprint for f in old.findings]
    new_prints = [f.fingerprint for f in new.findings]
    old_counts, new_counts = Counter(old_prints), Counter(new_prints)
    if old_counts == new_counts:
        return (), ()
    more, fewer = new_counts - old_counts, old_counts - new_counts
    added: set[int] = set()
    resolved: set[int] = set()
    for fingerprint in more.keys() | fewer.keys():
        new_at = [i for i, p in enumerate(new_prints) if p == fingerprint]
        old_at = [i for i, p in enumerate(old_prints) if p == fingerprint]
        if not old_at or not new_at:  # the usual case: nothing to pair
            added.update(new_at)
            resolved.update(old_at)
            continue
        paired_new, paired_old = _pair(old, old_at, new, new_at)
        added.update(_last([i for i in new_at if i not in paired_new], more[fingerprint]))
        resolved.update(_last([i for i in old_at if i not in paired_old], fewer[fingerprint]))
    return (tuple(new.findings[i] for i in sorted(added)),
            tuple(old.findings[i] for i in sorted(resolved)))


def _pair(old: Report, old_at: list[int], new: Report, new_at: list[int]
          ) -> tuple[set[int], set[int]]:
    """Pairs of identical findings that stand in the same surroundings in both texts: first
    those with the same text on both sides, then on one side."""
    def sides(report: Report, index: int) -> tuple[str, str]:
        span, text = report.findings[index].span, report.text
        return text[max(0, span.start - CONTEXT):span.start], text[span.end:span.end + CONTEXT]

    old_sides = {i: sides(old, i) for i in old_at}
    new_sides = {i: sides(new, i) for i in new_at}
    paired_new: set[int] = set()
    paired_old: set[int] = set()
    for both in (True, False):
        for n in new_at:
            if n in paired_new:
                continue
            before, after = new_sides[n]
            for o in old_at:
                if o in paired_old:
                    continue
                old_before, old_after = old_sides[o]
                same = (before == old_before, after == old_after)
                if all(same) if both else any(same):
                    paired_new.add(n)
                    paired_old.add(o)
                    break
    return paired_new, paired_old


def _last(indices: list[int], count: int) -> list[int]:
    return indices[len(indices) - count:] if count else []


__all__ = ["EDIT_CHECK_SCOPE", "EditCheck", "compare", "diff"]
