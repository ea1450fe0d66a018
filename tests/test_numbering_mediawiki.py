"""citecheck's reference numbering against the Cite extension of a real MediaWiki, as a second
oracle beside the saved Wikipedia renderings of test_numbering_oracle.py.

For each page the local wiki renders (``action=parse``), every ``<sup class="reference">``
marker of the HTML is one reference use, in document order, with its label (``1``, ``note 2``)
and its Cite key (``cite_ref-NAME_N-k``). citecheck's reference uses of the same wikitext,
sorted by offset, must carry the same labels in the same order, and a named reference's key must
carry its name. The wiki is empty but for the test pages: it has no templates, so the pages are
chosen to need none for their references (only ``<ref>`` tags: names, reuse before the
definition, groups, several reference lists, list-defined references); the citation templates
inside the references render as red links, which changes nothing to the markers. Pages whose
references come from templates ({{sfn}}, {{efn}}) are left to the other oracle, which has
Wikipedia's templates.
"""

from __future__ import annotations

import html
import re

import pytest
import requests
import wikidump
from conftest import LocalWiki

from citecheck import check

SUP = re.compile(r'<sup id="([^"]*)" class="reference"><a href="#[^"]*">(.*?)</a></sup>', re.DOTALL)
PAGES = [wikidump.NUMBERING_PAGE, *wikidump.ORACLE_ARTICLES]


def _parse(mediawiki: LocalWiki, title: str) -> dict[str, object]:
    answer = requests.get(mediawiki.api_url, params={
        "action": "parse", "page": title, "prop": "text|wikitext|revid", "format": "json",
        "formatversion": "2"}, timeout=60)
    parsed: dict[str, object] = answer.json()["parse"]
    return parsed


def _markers(rendered: str) -> list[tuple[str, str]]:
    """(Cite key, label) of every reference marker of the HTML, in order."""
    return [
        (html.unescape(m.group(1)).removeprefix("cite_ref-"),
         html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip().strip("[]"))
        for m in SUP.finditer(rendered)
    ]


@pytest.mark.parametrize("title", PAGES)
def test_numbering_agrees_with_the_local_mediawiki(mediawiki: LocalWiki, title: str) -> None:
    parsed = _parse(mediawiki, title)
    assert parsed["revid"] == mediawiki.latest(title).revid
    theirs = _markers(str(parsed["text"]))
    report = check(str(parsed["wikitext"]), format="wikitext")
    ours = sorted((use.start, ref) for ref in report.references if ref.number is not None
                  for use in ref.uses)
    assert theirs, "Cite rendered no reference marker: is the extension loaded?"
    assert [ref.label for _, ref in ours] == [label for _, label in theirs]
    for (start, ref), (key, _label) in zip(ours, theirs):
        if ref.name:
            assert key.startswith(ref.name.replace(" ", "_") + "_"), (start, ref.name, key)
        else:
            assert re.fullmatch(r"\d+", key), (start, key)


def test_the_numbering_page_covers_every_case(mediawiki: LocalWiki) -> None:
    """The hand-written page really exercises what it claims: the rendered labels show a named
    reuse before its definition, a group, a restart after a list, a list-defined reference."""
    labels = [label for _, label in _markers(str(_parse(mediawiki, wikidump.NUMBERING_PAGE)
                                                   ["text"]))]
    assert labels == ["1", "2", "3", "3", "1", "note 1", "note 2", "note 2", "4", "5",
                      "note 1", "6", "5"]
