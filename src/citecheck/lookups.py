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
