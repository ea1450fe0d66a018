"""What online look-ups found, handed to the rules (rules never fetch).

The wiki layer (:mod:`citecheck.wiki`) gathers these facts only when the user asks for it
(``--online``): the status of every URL the references cite, and what names resolve to on the
wiki (redirects) and on Wikidata. The offline check runs with an empty :class:`Lookups`, and every
rule that reads one is testable by building the value by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .config import Config
    from .model import Article


@attrs.frozen
class Lookups:
    """Online facts about one article. Empty offline."""

    online: bool = False
    """True when the look-ups ran (a rule can then tell "not found" from "not looked up")."""
    links: Mapping[str, Any] = attrs.field(factory=dict)
    """URL as cited → its status (a value class of this module, defined with the link checker)."""
    names: Mapping[str, Any] = attrs.field(factory=dict)
    """Name as written in the article → what the wiki and Wikidata say it is."""


Gatherer = Callable[["Article", "Config", frozenset[str]], Lookups]
"""What :func:`citecheck.check` calls between parsing and the rules when online look-ups are on:
the article, the configuration, and the ``needs`` of the enabled rules (``links``, ``names``)."""

NO_LOOKUPS = Lookups()


LINK_STATES = (
    "ok", "dead", "paywalled", "soft-404", "redirected-home", "unreachable", "blocked", "skipped",
)  # fmt: skip
"""What a link check can find (:attr:`LinkStatus.state`):

``ok`` the page answers; ``dead`` HTTP 404 or 410, or the host does not exist; ``paywalled``
HTTP 401, 402 or 403, or a redirect to a login page (restricted, not dead); ``soft-404`` an
answer of 200 whose page says it was not found, or a redirect to an error page;
``redirected-home`` a deep link redirected to the site's home page; ``unreachable`` no verdict
(time-out, refused connection, TLS failure, HTTP 5xx after a retry, other HTTP errors);
``blocked`` refused by the fetcher's guard (a private address, say); ``skipped`` not an http(s)
URL."""


@attrs.frozen
class LinkStatus:
    """What fetching one URL found (a value of :attr:`Lookups.links`, keyed by the URL as cited)."""

    url: str
    """The URL as cited (the key)."""
    state: str = attrs.field(validator=attrs.validators.in_(LINK_STATES))
    status: int | None = None
    """The HTTP status of the last answer; ``None`` when there was none."""
    final_url: str | None = None
    """Where the redirects led, when there were any (or the hop that failed or was blocked)."""
    detail: str = ""
    """What was found, for a person: ``HTTP 404 Not Found``, ``the title says “Page not found”``,
    ``no answer within 10 s``…"""

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@attrs.frozen
class NameEntity:
    """What a name written in the article resolves to (a value of :attr:`Lookups.names`, keyed
    by the name as written): the wiki's title it redirects to, or a Wikidata item."""

    name: str
    """The name as the article writes it (the key)."""
    label: str
    """The authority's spelling in the article's language: the redirect's target title, or the
    item's label in that language."""
    source: str
    """``redirect`` (the article's wiki) or ``wikidata``."""
    entity: str | None = None
    """The Wikidata item (``Q34453``)."""
    title: str | None = None
    """The wiki's title, for a redirect."""
    matched: str = ""
    """How the name was found: ``redirect on en.wikipedia.org``, ``its label in cs``,
    ``an alias in de``, ``the title of its article on cswiki``."""
