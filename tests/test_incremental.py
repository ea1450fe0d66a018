"""Pieces and the incremental build: an article composed from pieces read alone, some of them
remembered from earlier versions, equals the article built from the whole text."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest

from citecheck import check
from citecheck.checker import Checker
from citecheck.history import read_dump
from citecheck.model import Article
from citecheck.parsing import parse
from citecheck.parsing.incremental import PieceCache, parse_pieces
from citecheck.parsing.pieces import piece_starts, scan

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*/*.wiki"))
HISTORIES = ROOT / "fixtures" / "revisions" / "wikiwho_anarchism"
LAST60 = HISTORIES / "enwiki_Anarchism_history_last60.xml.bz2"
FULL = HISTORIES / "enwiki_Anarchism_full_history_2001-2010.xml.lzma"
FIELDS = ("title", "language", "sections", "paragraphs", "claims", "ref_tags", "references",
          "reference_lists", "tags", "links", "infoboxes", "temporals", "names")


def differences(whole: Article, composed: Article) -> list[str]:
    out = [f for f in FIELDS if getattr(whole, f) != getattr(composed, f)]
    readable = [(p.text, p.source_span()) for p in whole.readable]
    if readable != [(p.text, p.source_span()) for p in composed.readable]:
        out.append("readable")
    return out


def test_every_corpus_article_composes_to_its_whole_build() -> None:
    """Every article's model; the mentions (dates, names) of every fourth one (time)."""
    failures = {}
    for i, path in enumerate(ARTICLES):
        text = path.read_text(encoding="utf-8")
        wanted = None if i % 4 == 0 else frozenset()
        composed = parse_pieces(text, title=path.stem, mentions=wanted, cache=PieceCache())
        whole = parse(text, format="wikitext", title=path.stem, mentions=wanted)
        found = differences(whole, composed)
        if found:
            failures[path.name] = found
    assert not failures


def test_real_revisions_reuse_pieces_and_compose_exactly() -> None:
    cache = PieceCache()
    for i, revision in enumerate(read_dump(LAST60)):
        text = revision.text or ""
        composed = parse_pieces(text, cache=cache)
        if i % 3 == 0 or i > 55:
            assert differences(parse(text, format="wikitext"), composed) == [], revision.revid
    # 60 versions of a 76 KB article, about 55 pieces each: most are remembered, not read
    assert cache.hits > 10 * cache.misses


def test_early_history_with_vandalism_and_broken_markup() -> None:
    """The first revisions of a real history: blanked pages, unclosed markup, reverts."""
    cache = PieceCache()
    for revision in itertools.islice(read_dump(FULL), 200):
        text = revision.text or ""
        composed = parse_pieces(text, cache=cache)
        assert differences(parse(text, format="wikitext"), composed) == [], revision.revid


EDITS = (
    "\n\nA new paragraph about the subject, added in 1999.<ref>New source.</ref>\n\n",
    "\n== A new section ==\nIts text, which nobody cited.\n",
    "{{unclosed template|",
    "<!-- an unclosed comment",
    "<ref>an unclosed reference",
    "\n{|\n| a table cell\n\n| after a blank line\n|}\n",
    "[[an unclosed link",
    "}}",
    "\n\n",
    "<div>\n\nblock\n\n</div>",
    "\n=== Heading with a [[link]] ===\n",
    "\n* a list item\n* another one, with a sentence that ends.\n",
    "<nowiki>{{not a template</nowiki>",
)


FRAGMENTS = (
    '<ref name="a>b">x', "<br / ", "}}}", "{{{", "<!--", "-->", "</ref>", "\n|}\n", "\n{|\n",
    "<div", "]]", "[[", "{{", "<ref>", "[http://example.org/a{{b ", "</r{{", "\n*\n",
)
"""Broken markup of the kinds that once made a cut where the parser had a construct open."""


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_compose_exactly(seed: int) -> None:
    rng = random.Random(seed)
    text = rng.choice([p for p in ARTICLES if 15_000 < p.stat().st_size < 40_000]).read_text(
        encoding="utf-8")
    cache = PieceCache()
    for _ in range(20):
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.3 and len(text) > 2000:  # delete a stretch
            text = text[:at] + text[at + rng.randrange(1, 1500):]
        else:
            text = text[:at] + rng.choice(EDITS + FRAGMENTS) + text[at:]
        composed = parse_pieces(text, cache=cache)
        assert differences(parse(text, format="wikitext"), composed) == []
        # the cuts found again only where the text changed are the cuts of the whole text
        # (or fewer, when the old cuts are reused past an opener a whole scan reads as text)
        assert cache.last is not None and set(cache.last.starts) <= set(piece_starts(text))


def test_pieces_are_cut_only_where_nothing_is_open() -> None:
    text = (
        "Lead sentence one.\n\nSecond lead paragraph.\n"
        "== Section ==\nBody.\n\n{{Template|\n\nstill inside=yes}}\n\n"
        "<ref>\n\ninside a reference</ref>\n\n<!--\n\ninside a comment -->\n\n"
        "{|\n| cell\n\n| cell\n|}\n\nText.\n== Heading with {{tpl}} ==\nText.\n\nLast.\n"
    )
    cuts = piece_starts(text)
    pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)])]
    assert pieces[0] == "Lead sentence one.\n\n"
    assert "== Section ==\nBody.\n\n" in pieces
    for inside in ("still inside", "inside a reference", "inside a comment", "| cell\n|}"):
        holder = next(p for p in pieces if inside in p)
        assert not holder.startswith(inside)
    assert not any(p.startswith("== Heading with") for p in pieces)  # markup: no cut
    assert "".join(pieces) == text


def test_an_unclosed_opener_is_read_as_text() -> None:
    """The parser reads "{{open" that nothing closes as text and goes on: so do the cuts."""
    text = "One.\n\nTwo {{open\n\nThree.\n\n== H ==\nFour.\n"
    assert piece_starts(text) == [0, *(text.index(s) for s in ("Two", "Three", "== H"))]
    assert scan(text).as_text == (text.index("{{open"),)
    # an opener closed while something opened inside it stays open: no cut after it at all
    text = "One.\n\n{{a|[[b\n\nc}}\n\nd {{e}}.\n\nf.\n"
    assert piece_starts(text) == [0, text.index("{{a")]
    assert scan(text).as_text == ()


@pytest.mark.parametrize("opener, closer", [("<!--", "-->"), ("<nowiki>", "</nowiki>")])
def test_an_opener_read_as_text_then_closed_by_a_later_edit(opener: str, closer: str) -> None:
    """An unclosed comment or nowiki is text until an edit closes it further on: the cuts kept
    after it from the version before must go (they once stayed, and the composed article kept
    paragraphs the whole build swallows)."""
    before = (f"Lead one.\n\nA {opener} x\n\nB says [[b]].\n\nC in 1990.\n\n"
              "D by [[Some Body]].\n")
    after = before.replace("D by", f"{closer} D by")
    cache = PieceCache()
    for text in (before, after, before):
        composed = parse_pieces(text, cache=cache)
        assert differences(parse(text, format="wikitext"), composed) == []


def test_checker_reports_equal_whole_checks() -> None:
    checker = Checker()
    for revision in itertools.islice(read_dump(LAST60), 0, 60, 6):
        text = revision.text or ""
        incremental = checker.check(text, revision=revision.revid)
        whole = check(text, format="wikitext", revision=revision.revid)
        assert incremental.findings == whole.findings
        assert incremental.stats() == whole.stats()


def test_the_cache_keeps_only_recent_pieces() -> None:
    cache = PieceCache(keep=2)
    base = "\n\n".join(f"Paragraph {i} says something about item {i}." for i in range(40))
    for version in range(100):
        parse_pieces(re.sub(r"item 3\b", f"item 3 (v{version})", base), cache=cache)
    # the unchanged paragraphs and a few recent versions of the changed one, not all 100
    # (the cache is swept once it holds more than 64 pieces)
    assert len(cache._pieces) <= 70
