"""Claim binding: the same page as wikitext and as rendered text must bind the same references.

fixtures/api/wptools/parse*.json are real ``action=parse`` responses holding both a page's
wikitext and the HTML Wikipedia rendered from it. The HTML, turned into the text a reader copies
(:func:`citecheck.parsing.html_text.html_to_text`, reference markers kept), is checked as rendered
text; the wikitext is checked as wikitext. Claims are matched across the two inputs in document
order by the similarity of their words, and every matched claim of prose must carry the same
reference labels in both — except a few named differences, each explained below.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import pytest

from citecheck import check
from citecheck.model import Article, Claim
from citecheck.parsing.html_text import html_to_text

API = Path(__file__).parent.parent / "fixtures" / "api" / "wptools"
PAGES = sorted(p.name for p in API.glob("parse*.json"))
SIMILAR = 0.75
"""Lowest difflib ratio of two normalised claim texts that makes them the same claim."""

Labels = tuple[tuple[str, str], ...]

# Matched claims allowed to disagree, by page, as a prefix of the wikitext claim's text.
KNOWN: dict[str, dict[str, str]] = {
    "parse.json": {},  # Douglas Adams (en)
    "parse_infobox.json": {},  # Blue Train (album) (en)
    "parse_62.json": {},  # Lewisit (de)
    "parse_91.json": {},  # Okapi (fr)
    "parse_66.json": {},  # ONE OK ROCK (ja)
    "parse_109.json": {},  # Orléans-cléry (fr)
}
# Share of the wikitext's cited prose claims that must find their rendered claim: set just below
# what is measured.
MATCHED: dict[str, float] = {name: 0.85 for name in PAGES}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.casefold()).split())


def _labels(article: Article, claim: Claim) -> Labels:
    return tuple(
        (article.reference(r).group, article.reference(r).label) for r in claim.refs
    )


def _similarity(a: str, b: str) -> float:
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < SIMILAR or sm.quick_ratio() < SIMILAR:
        return 0.0
    return sm.ratio()


def _align_gap(ours: list[str], theirs: list[str]) -> list[tuple[int, int]]:
    """The monotone pairing of two short runs of claims with the highest total similarity."""
    n, m = len(ours), len(theirs)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            sim = _similarity(ours[i], theirs[j])
            take = best[i + 1][j + 1] + sim if sim >= SIMILAR else 0.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        sim = _similarity(ours[i], theirs[j])
        if sim >= SIMILAR and best[i][j] == best[i + 1][j + 1] + sim:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def align(ours: list[str], theirs: list[str]) -> dict[int, int]:
    """Match two sequences of normalised claim texts in order: identical runs first, then the
    most similar pairs inside the gaps between them."""
    out: dict[int, int] = {}
    sm = SequenceMatcher(None, ours, theirs, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            out.update({a0 + k: b0 + k for k in range(a1 - a0)})
        elif a1 > a0 and b1 > b0:
            for i, j in _align_gap(ours[a0:a1], theirs[b0:b1]):
                out[a0 + i] = b0 + j
    return out


@cache
def _articles(name: str) -> tuple[Article, Article]:
    page = json.loads((API / name).read_text(encoding="utf-8"))["parse"]
    wiki = check(page["wikitext"], format="wikitext").article
    text = check(html_to_text(page["text"]), format="text").article
    return wiki, text


@pytest.mark.parametrize("name", PAGES)
def test_binding_agrees_with_rendered_text(name: str) -> None:
    wiki, text = _articles(name)
    matches = align([_norm(c.text) for c in wiki.claims], [_norm(c.text) for c in text.claims])
    cited = [i for i, c in enumerate(wiki.claims) if c.kind == "prose" and c.refs]
    found = sum(1 for i in cited if i in matches)
    share = found / len(cited)
    known = KNOWN[name]
    used: set[str] = set()
    wrong = []
    agree = 0
    for i, j in sorted(matches.items()):
        ours, theirs = wiki.claims[i], text.claims[j]
        if ours.kind != "prose" or not (ours.refs or theirs.refs):
            continue
        a, b = _labels(wiki, ours), _labels(text, theirs)
        if a == b:
            agree += 1
            continue
        prefix = next((p for p in known if ours.text.startswith(p)), None)
        if prefix is not None:
            used.add(prefix)
            continue
        wrong.append(f"{ours.text[:70]!r}: wikitext {a}, rendered {b}")
    figures = (
        f"{name}: {found}/{len(cited)} cited prose claims matched ({share:.1%}), "
        f"{agree} matched pairs agree, {len(used)} known differences, {len(wrong)} wrong"
    )
    print(figures)
    assert not wrong, figures + "\n" + "\n".join(wrong)
    assert share >= MATCHED[name], figures
    assert used == set(known), f"{figures}; known differences no longer seen: {set(known) - used}"
