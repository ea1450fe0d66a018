"""Runs the enabled rules over an article: one walk over the model, visitors dispatched per kind.

A rule that raises does not stop the run: it becomes an ``internal-error`` finding naming the rule,
and that rule is skipped for the rest of the document.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from .config import Config
from .findings import Finding
from .lookups import NO_LOOKUPS, Lookups
from .model import Article
from .rules import RULES, InternalError, Rule
from .rules._base import Context
from .spans import Span


def enabled_rules(config: Config) -> list[Rule]:
    return [r() for r in RULES if r is not InternalError and config.enabled(r.code, r.name)]


def run_rules(
    article: Article,
    config: Config,
    rules: list[Rule] | None = None,
    lookups: Lookups = NO_LOOKUPS,
) -> tuple[Finding, ...]:
    ctx = Context(article, config, lookups)
    if rules is None:
        rules = enabled_rules(config)
    findings: list[Finding] = []
    broken: set[str] = set()

    def attempt(rule: Rule, call: Callable[[], Iterable[Finding] | None]) -> None:
        if rule.name in broken:
            return
        try:
            findings.extend(call() or ())
        except Exception as error:
            _report_crash(rule, error, findings)
            broken.add(rule.name)

    collections: dict[str, tuple[object, ...]] = {
        "claim": article.claims,
        "reference": article.references,
        "ref_tag": article.ref_tags,
        "tag": article.tags,
    }
    for kind, items in collections.items():
        for rule in rules:
            visit = getattr(rule, f"visit_{kind}", None)
            if visit is not None:
                # one guard for the whole collection: the findings are taken as they come, so
                # a crash on one item keeps those before it and stops the rule for the rest
                attempt(rule, partial(_visits, visit, items, ctx))
    for rule in rules:
        attempt(rule, partial(rule.check, ctx))
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    return tuple(findings)


def _visits(visit: Callable[[Any, Context], Iterable[Finding] | None], items: Iterable[object],
            ctx: Context) -> Iterator[Finding]:
    for item in items:
        yield from visit(item, ctx) or ()


def _report_crash(rule: Rule, error: Exception, out: list[Finding]) -> None:
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    out.append(
        InternalError.finding(
            Span(0, 0),
            f"rule {rule.name} ({rule.code}) crashed: {type(error).__name__}: {error}{where}",
            key=f"{rule.name}:{type(error).__name__}",
            data={"crashed_rule": rule.name, "exception": type(error).__name__},
        )
    )
