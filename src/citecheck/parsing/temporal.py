"""Temporal expressions in an article (being written: see issue 3)."""

from __future__ import annotations

from ..model import Article


def extract_temporals(article: Article) -> tuple:
    return ()
