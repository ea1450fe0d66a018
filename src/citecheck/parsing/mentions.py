"""The last parsing stage: mentions found in the built article (dates, names).

Both input formats build the same model, then pass through here once; rules only read the result.
"""

from __future__ import annotations

import attrs

from ..model import Article
from .names import extract_names
from .temporal import extract_temporals

MENTIONS = frozenset({"temporals", "names"})


def enrich(article: Article, wanted: frozenset[str] = MENTIONS) -> Article:
    """Fill the mentions in ``wanted``; the others stay empty (no rule asked for them)."""
    if not wanted:
        return article
    return attrs.evolve(
        article,
        temporals=extract_temporals(article) if "temporals" in wanted else (),
        names=extract_names(article) if "names" in wanted else (),
    )
