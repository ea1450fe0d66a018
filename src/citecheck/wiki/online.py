"""The gatherer of ``--online``: runs the look-ups the enabled rules need, between parsing and
the rules (see :data:`citecheck.lookups.Gatherer`).

One :class:`OnlineGatherer` serves a whole run, so a URL cited by several articles is fetched
once. Each part runs only when a rule needs it: ``links`` (the dead-link checks) and
``authority`` (what names resolve to on the wiki and on Wikidata, :mod:`.authority`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Self

from ..config import Config
from ..errors import CitecheckError
from ..lookups import Lookups
from ..model import Article
from .authority import NameAuthority
from .client import WikiClient
from .fetch import Fetcher
from .links import LinkChecker, gather_links

log = logging.getLogger("citecheck.wiki")
WIKIDATA = "www.wikidata.org"

__all__ = ["OnlineGatherer"]


class OnlineGatherer:
    """``gatherer(article, config, needs) -> Lookups``, to pass as ``check(..., online=…)``.

    ``allow``: addresses or networks the link fetcher may reach although they are not public
    (a test server on 127.0.0.1, an intranet). ``link_timeout``: the total time limit of one
    link's fetch, redirects included. ``user_agent``: as for the wiki client.

    ``names_site``: the wiki whose redirects confirm names (default: the Wikipedia of the
    article's language); ``wikidata``: the Wikidata to ask (``None``: none). ``cache``: the
    revision cache the wiki clients may use.
    """

    def __init__(
        self,
        *,
        allow: Iterable[str] = (),
        link_timeout: float = 20.0,
        user_agent: str | None = None,
        fetcher: Fetcher | None = None,
        names_site: str | None = None,
        wikidata: str | None = WIKIDATA,
    ) -> None:
        self._names_site = names_site
        self._wikidata_site = wikidata
        self._clients: dict[str, WikiClient] = {}
        self._authorities: dict[str, NameAuthority] = {}
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
        if "authority" in needs and article.names:
            try:
                names = dict(self.authority(article).lookup(article))
            except CitecheckError as error:  # the check goes on without the names' look-ups
                log.warning("name look-ups failed: %s", error)
        return Lookups(online=True, links=links, names=names)

    def authority(self, article: Article) -> NameAuthority:
        """The name authority for ``article``: its wiki (by language) and Wikidata."""
        site = self._names_site
        if site is None and article.language:
            site = f"{article.language}.wikipedia.org"
        key = site or ""
        authority = self._authorities.get(key)
        if authority is None:
            authority = self._authorities[key] = NameAuthority(
                wiki=self._client(site) if site else None,
                wikidata=self._client(self._wikidata_site) if self._wikidata_site else None,
            )
        return authority

    def _client(self, site: str) -> WikiClient:
        client = self._clients.get(site)
        if client is None:
            client = self._clients[site] = WikiClient(site, user_agent=self._user_agent)
        return client

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        for client in self._clients.values():
            client.close()
