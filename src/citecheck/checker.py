"""A reusable checker for many versions of one article (revision audits, editors' live checks).

``Checker.check(text)`` gives the same Report as :func:`citecheck.check` with one configuration
for every version. For wikitext it keeps the pieces of the versions it checked last
(:mod:`citecheck.parsing.incremental`): a new version re-reads only the pieces that changed and
the rules run over the composed article, so a revision that edits one paragraph costs a fraction
of a whole check.
"""

from __future__ import annotations

from .api import check, run
from .config import Config
from .engine import enabled_rules
from .errors import UsageError
from .lookups import Gatherer
from .parsing.incremental import PieceCache, parse_pieces
from .parsing.rendered import looks_rendered
from .report import Report


class Checker:
    """Checks successive versions of an article with one configuration."""

    def __init__(self, config: Config | None = None, *, format: str = "wikitext",
                 online: Gatherer | None = None) -> None:
        if format not in ("auto", "wikitext", "text"):
            raise UsageError(f"unknown input format {format!r} (use auto, wikitext or text)")
        self.config = config or Config()
        self.format = format
        self.online = online
        self._rules = enabled_rules(self.config)
        self._pieces = PieceCache()

    def check(
        self,
        text: str,
        *,
        title: str | None = None,
        path: str | None = None,
        revision: int | None = None,
    ) -> Report:
        if not isinstance(text, str):
            raise UsageError(f"check() takes the article as str, not {type(text).__name__}")
        wikitext = self.format == "wikitext" or (self.format == "auto" and not looks_rendered(text))
        if not wikitext:
            return check(text, format="text", title=title, config=self.config, path=path,
                         revision=revision, online=self.online)
        lang = self.config.lang
        return run(
            lambda needs: parse_pieces(text, title=title, lang=lang, mentions=needs,
                                       cache=self._pieces),
            self.config, self._rules, self.online, title=title, path=path, revision=revision,
        )
