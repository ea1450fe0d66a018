"""What a rule is: a small class with its code, name, severity and docs, that yields findings.

A rule reads the :class:`~citecheck.model.Article` and never parses or fetches anything. It either
implements ``check(ctx)`` for article-wide logic, or one of the ``visit_*`` hooks that the engine
calls while it walks the model once (``visit_claim``, ``visit_reference``, ``visit_ref_tag``,
``visit_tag``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import attrs

from ..config import Config
from ..findings import Finding, Related, Severity
from ..lookups import NO_LOOKUPS, Lookups
from ..model import Article
from ..spans import Span

VISITS = ("claim", "reference", "ref_tag", "tag")
DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
_KEBAB = re.compile(r"^[a-z]+(-[a-z]+)*$")
_CODE = re.compile(r"^[A-Z]\d{3}$")


@attrs.frozen
class Context:
    article: Article
    config: Config
    lookups: Lookups = NO_LOOKUPS
    """Online facts (link status, name authority); empty unless the check ran online."""


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    """One line: what it flags."""
    needs: ClassVar[frozenset[str]] = frozenset()
    """What the rule reads beyond the model: mentions (``temporals``, ``names``), extracted only
    when a rule needs them, and online look-ups (``links``, ``authority``), gathered only online."""

    def check(self, ctx: Context) -> Iterable[Finding]:
        return ()

    _checks = 0

    def checking_again(self) -> bool:
        """Count a check; true from the second on. An instance that checks again is checking
        the versions of one article (:class:`citecheck.checker.Checker`, an audit) and may keep
        what it found, by text, for the next; a one-shot check keeps nothing."""
        self._checks += 1
        return self._checks > 1

    @classmethod
    def finding(
        cls,
        span: Span,
        message: str,
        *,
        claim: str | None = None,
        refs: Iterable[str] = (),
        related: Iterable[Related] = (),
        key: str = "",
        data: dict[str, Any] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=cls.name,
            code=cls.code,
            severity=severity or cls.severity,
            message=message,
            span=span,
            claim=claim,
            refs=tuple(refs),
            related=tuple(related),
            key=key,
            data=data or {},
        )

    @classmethod
    def visits(cls) -> Iterator[str]:
        for kind in VISITS:
            if getattr(cls, f"visit_{kind}", None) is not None:
                yield kind

    @classmethod
    def docs(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


def validate(rules: Iterable[type[Rule]]) -> None:
    """Fail at import, not in a user's run, when a rule is malformed."""
    seen_codes: dict[str, str] = {}
    seen_names: set[str] = set()
    for rule in rules:
        where = rule.__name__
        if not _CODE.match(getattr(rule, "code", "")):
            raise TypeError(f"{where}: code must look like C101")
        if not _KEBAB.match(getattr(rule, "name", "")):
            raise TypeError(f"{where}: name must be kebab-case")
        if rule.code in seen_codes or rule.name in seen_names:
            raise TypeError(f"{where}: duplicate code or name {rule.code} {rule.name}")
        if not isinstance(getattr(rule, "severity", None), Severity):
            raise TypeError(f"{where}: severity missing")
        if not getattr(rule, "summary", ""):
            raise TypeError(f"{where}: summary missing")
        docs = rule.docs()
        missing = [s for s in DOC_SECTIONS if s not in docs]
        if missing:
            raise TypeError(f"{where}: docs lack {', '.join(missing)}")
        seen_codes[rule.code] = rule.name
        seen_names.add(rule.name)
