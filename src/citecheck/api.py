"""The library entry point: text in, Report out."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal

from .config import Config
from .engine import enabled_rules, run_rules
from .errors import UsageError
from .lookups import NO_LOOKUPS, Gatherer
from .model import Article
from .parsing import parse
from .report import Report, Source
from .rules import Rule

FormatArg = Literal["auto", "wikitext", "text"]


@contextmanager
def _no_gc() -> Iterator[None]:
    """The parse tree is tens of thousands of acyclic objects: the cyclic collector would walk
    them again and again while they are built, for nothing (measured: ~15% of a check).

    On the way out, the objects young at that moment (what the check built and still holds,
    and the caller's own young objects) go straight to the oldest generation, frozen and
    unfrozen (two list splices), instead of being walked by the first young collection once the
    collector is back on: 2-3% of a check, 10% of what the consistency rules add (their
    mentions are many small objects). A check leaves no cyclic garbage behind (tested), so
    nothing waits for a full collection that a young one would have freed; a caller that froze
    objects of its own is left alone (unfreezing would thaw them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def check(
    text: str,
    *,
    format: FormatArg = "auto",
    title: str | None = None,
    config: Config | None = None,
    path: str | None = None,
    revision: int | None = None,
    online: Gatherer | None = None,
) -> Report:
    """Parse ``text`` once and run every enabled rule over it.

    ``online`` gathers online facts (link status, name authority) between parsing and the
    rules; without it the check never touches the network.
    """
    if not isinstance(text, str):
        raise UsageError(f"check() takes the article as str, not {type(text).__name__}")
    config = config or Config()
    return run(
        lambda needs: parse(text, format=format, title=title, lang=config.lang, mentions=needs),
        config, enabled_rules(config), online, title=title, path=path, revision=revision,
    )


def run(
    article_of: Callable[[frozenset[str]], Article],
    config: Config,
    rules: list[Rule],
    online: Gatherer | None,
    *,
    title: str | None,
    path: str | None,
    revision: int | None,
) -> Report:
    """The check's steps once the text is in hand: the article (built by ``article_of`` with
    the mentions the rules need), the online look-ups, the rules, the report. Shared by
    :func:`check` and :class:`citecheck.checker.Checker`."""
    needs = frozenset().union(*(rule.needs for rule in rules))
    with _no_gc():
        article = article_of(needs)
        lookups = online(article, config, needs) if online is not None else NO_LOOKUPS
        findings = run_rules(article, config, rules, lookups)
    source = Source(path=path, title=title or article.title, revision=revision,
                    input_format=article.format)
    return Report(article=article, findings=findings, source=source, config=config)
