"""The last parsing stage: mentions found in the built article (dates, names).

Both input formats build the same model, then pass through here once; rules only read the result.
"""

from __future__ import annotations

import attrs

from ..model import Article
from .names import extract_names
from .temporal import extract_temporals


def enrich(article: Article) -> Article:
    return attrs.evolve(
        article, temporals=extract_temporals(article), names=extract_names(article)
    )
