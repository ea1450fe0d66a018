"""Proper-name mentions in an article (being written: see issue 3)."""

from __future__ import annotations

from ..model import Article


def extract_names(article: Article) -> tuple:
    return ()
