"""Sentence segmentation: data-driven cases (tests/cases/sentences.json) and span invariants.

The invariants are also checked on the crudely stripped text of every fixture article, so that no
real input makes the segmenter raise or lose a character.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citecheck.parsing.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((ROOT / "tests" / "cases" / "sentences.json").read_text(encoding="utf-8"))
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*/*.wiki"))
_NON_SPACE = re.compile(r"\S")


def _case_id(case: dict) -> str:
    return (case.get("lang") or "xx") + ":" + (case.get("why") or case["text"])[:50]


def assert_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    """Ordered, non-overlapping, trimmed spans that cover every non-whitespace character."""
    previous_end = 0
    covered = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text), (start, end)
        piece = text[start:end]
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        assert text[previous_end:start].isspace() or previous_end == start, "lost characters"
        covered += len(_NON_SPACE.findall(piece))
        previous_end = end
    assert previous_end == len(text) or text[previous_end:].isspace(), "lost the tail"
    assert covered == len(_NON_SPACE.findall(text))


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case(case: dict) -> None:
    text = case["text"]
    spans = split_sentences(text, case.get("lang"))
    assert [text[a:b] for a, b in spans] == case["expected"], case.get("why")
    assert_invariants(text, spans)


def test_cases_cover_both_forms() -> None:
    """The data holds enough cases, with both splitting and non-splitting ones."""
    assert len(CASES) >= 50
    assert sum(len(c["expected"]) == 1 for c in CASES) >= 20
    assert sum(len(c["expected"]) >= 2 for c in CASES) >= 20


@pytest.mark.parametrize(
    "text",
    [
        "." * 5000 + "x",
        "A. B. " * 2000,
        "(a. B) " * 2000,
        '"a. B" ' * 2000,
        "。" * 3000,
        "\n \n" * 1000,
        "x" * 100 + "!?…" * 500 + " Y",
        "“” „“ «» () [] 「」 \" ' ... …",
    ],
    ids=lambda t: repr(t[:12]),
)
def test_invariants_on_odd_input(text: str) -> None:
    assert_invariants(text, split_sentences(text))


def _article_texts() -> list[tuple[str, str, str]]:
    mwparserfromhell = pytest.importorskip("mwparserfromhell")
    out = []
    for path in ARTICLES:
        code = mwparserfromhell.parse(path.read_text(encoding="utf-8")).strip_code()
        out.append((path.parent.name, path.name, code))
    return out


@pytest.fixture(scope="module")
def article_texts() -> list[tuple[str, str, str]]:
    return _article_texts()


def test_fixture_articles_invariants(article_texts: list[tuple[str, str, str]]) -> None:
    """Every fixture article, whole and paragraph by paragraph, in its language and in none."""
    assert len(article_texts) >= 100
    for lang, _name, text in article_texts:
        for lg in (lang, None):
            assert_invariants(text, split_sentences(text, lg))
        for paragraph in re.split(r"\n\s*\n", text):
            assert_invariants(paragraph, split_sentences(paragraph, lang))


# An "obvious" boundary: a lowercase word of 3+ letters, a stop, whitespace, a capitalised word.
_OBVIOUS = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z][a-z])")


def test_fixture_articles_split_obvious_boundaries(
    article_texts: list[tuple[str, str, str]],
) -> None:
    """Sanity on real prose: nearly all obvious boundaries are split (the few that are not sit
    inside quotations or brackets, often left over from the crude markup stripping)."""
    found = split = 0
    for lang, _name, text in article_texts:
        ends = {end for _start, end in split_sentences(text, lang)}
        points = [m.start() for m in _OBVIOUS.finditer(text)]
        found += len(points)
        split += sum(p in ends for p in points)
    assert found > 5000
    assert split / found > 0.95
