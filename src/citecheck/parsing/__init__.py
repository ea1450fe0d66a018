"""Text in, Article out. Parsing never imports rules or the network."""

from __future__ import annotations

from ..errors import UsageError
from ..model import Article


def parse(text: str, *, format: str = "auto", title: str | None = None,
          lang: str | None = None, mentions: frozenset[str] | None = None) -> Article:
    """Build the article model of ``text``; ``format`` is ``auto``, ``wikitext`` or ``text``.

    ``mentions`` names the mentions to extract (``temporals``, ``names``); ``None`` means all.
    """
    from .mentions import MENTIONS, enrich
    from .rendered import looks_rendered, parse_rendered
    from .wikitext import parse_wikitext

    wanted = MENTIONS if mentions is None else mentions
    if format == "auto":
        format = "text" if looks_rendered(text) else "wikitext"
    if format == "wikitext":
        return enrich(parse_wikitext(text, title=title, lang=lang), wanted)
    if format == "text":
        return enrich(parse_rendered(text, title=title, lang=lang), wanted)
    raise UsageError(f"unknown input format {format!r} (use auto, wikitext or text)")
