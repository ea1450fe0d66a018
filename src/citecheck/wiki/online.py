"""The gatherer of ``--online``: runs the look-ups the enabled rules need, between parsing and
the rules (see :data:`citecheck.lookups.Gatherer`).

One :class:`OnlineGatherer` serves a whole run, so a URL cited by several articles is fetched
once. Each part runs only when a rule needs it: ``links`` (the dead-link checks) here; the names
part (what names resolve to on the wiki and on Wikidata) plugs in at the marked place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self

from ..config import Config
from ..lookups import Lookups
from ..model import Article
from .fetch import Fetcher
from .links import LinkChecker, gather_links

__all__ = ["OnlineGatherer"]


class OnlineGatherer:
    """``gatherer(article, config, needs) -> Lookups``, to pass as ``check(..., online=…)``.

    ``allow``: addresses or networks the link fetcher may reach although they are not public
    (a test server on 127.0.0.1, an intranet). ``link_timeout``: the total time limit of one
    link's fetch, redirects included. ``user_agent``: as for the wiki client.
    """

    def __init__(
        self,
        *,
        allow: Iterable[str] = (),
        link_timeout: float = 20.0,
        user_agent: str | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        self._allow = tuple(allow)
        self._link_timeout = link_timeout
        self._user_agent = user_agent
        self._fetcher = fetcher
        self._links: LinkChecker | None = None

    @property
    def links(self) -> LinkChecker:
        """The link checker, created on first use (no session for a run that needs none)."""
        if self._links is None:
            if self._fetcher is None:
                self._fetcher = Fetcher(
                    allow=self._allow,
                    user_agent=self._user_agent,
                    total_timeout=self._link_timeout,
                    read_timeout=min(10.0, self._link_timeout),
                    connect_timeout=min(5.0, self._link_timeout),
                )
            self._links = LinkChecker(self._fetcher)
        return self._links

    def __call__(self, article: Article, config: Config, needs: frozenset[str]) -> Lookups:
        links: dict[str, Any] = {}
        names: dict[str, Any] = {}
        if "links" in needs:
            links = dict(gather_links(article, self.links))
        # names: the name-authority look-ups (wiki redirects, Wikidata) fill ``names`` here when
        # a rule needs them, e.g. ``if "authority" in needs: names = gather_names(article, …)``.
        return Lookups(online=True, links=links, names=names)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
