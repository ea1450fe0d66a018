"""The name authority: redirects read from the local MediaWiki, Wikidata answered by a mock
shaped like the real API (tests/wikidata_mock.py, real entities from fixtures/api/wikidata)."""

from __future__ import annotations

import pytest
import responses
from conftest import LocalWiki
from wikidata_mock import WIKIDATA_API, WikidataMock

from citecheck.parsing import parse
from citecheck.wiki import WikiClient
from citecheck.wiki.authority import NameAuthority, candidate_names

TEXT = (
    "'''Example''' is a short text about several people.\n\n"
    "In 1991 the president Boris Jelcin met the writer Douglas Adamms in a hotel.\n\n"
    "The singer Lee Jee-eun and [[Douglas Adams|his friend]] were there too. Ringo was not.\n"
)


@pytest.fixture
def wikidata() -> WikidataMock:
    mock = WikidataMock()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        mock.install(rsps)
        yield mock


def authority(mediawiki: LocalWiki | None) -> NameAuthority:
    wiki = WikiClient(mediawiki.api_url) if mediawiki is not None else None
    return NameAuthority(wiki=wiki, wikidata=WikiClient(WIKIDATA_API))


def test_candidates_are_names_of_two_to_five_capitalised_words() -> None:
    names = candidate_names(parse(TEXT, format="wikitext"), limit=10)
    assert "Boris Jelcin" in names and "Douglas Adamms" in names and "Lee Jee-eun" in names
    assert "Douglas Adams" not in names  # a link target is the wiki's own title
    assert "Ringo" not in names and "Example" not in names  # one word: too ambiguous
    assert candidate_names(parse(TEXT, format="wikitext"), limit=1) == names[:1]


def test_redirects_and_wikidata(mediawiki: LocalWiki, wikidata: WikidataMock) -> None:
    found = authority(mediawiki).lookup(parse(TEXT, format="wikitext"))
    adams = found["Douglas Adamms"]
    assert (adams.source, adams.label, adams.title) == ("redirect", "Douglas Adams",
                                                        "Douglas Adams")
    yeltsin = found["Boris Jelcin"]
    assert (yeltsin.source, yeltsin.entity, yeltsin.label) == ("wikidata", "Q34453",
                                                               "Boris Yeltsin")
    assert yeltsin.matched == "the title of its article on cswiki"
    # a real entity (Q20145) found by search, through one of its real English aliases
    iu = found["Lee Jee-eun"]
    assert (iu.entity, iu.label, iu.matched) == ("Q20145", "IU", "an alias in en")


def test_names_are_asked_once_per_run(mediawiki: LocalWiki, wikidata: WikidataMock) -> None:
    names = authority(mediawiki)
    article = parse(TEXT, format="wikitext")
    first = names.lookup(article)
    asked = len(wikidata.requests)
    assert names.lookup(article) == first
    assert len(wikidata.requests) == asked


def test_site_links_are_asked_in_batches(wikidata: WikidataMock) -> None:
    def word(i: int) -> str:
        return "K" + "".join("aeioulmnrst"[int(d)] for d in f"{i:03d}")

    text = "\n\n".join(f"Yesterday the visitor Ivo {word(i)} came by." for i in range(120))
    found = NameAuthority(wiki=None, wikidata=WikiClient(WIKIDATA_API),
                          languages=("cs",), max_names=200,
                          max_searches=0).lookup(parse(text, format="wikitext"))
    assert found == {}
    by_sites = [r for r in wikidata.requests if "sites" in r]
    # 120 names, 50 titles a request, for the article's wiki (en) and cs
    assert len(by_sites) == 6
    assert {r["sites"] for r in by_sites} == {"enwiki", "cswiki"}
    assert all(len(r["titles"].split("|")) <= 50 for r in by_sites)


def test_a_search_hit_must_spell_the_name(wikidata: WikidataMock) -> None:
    """A prefix hit of the search is not the name: only an exact label or alias counts."""
    text = "The band known as The Beat played. Later Lee Ji came on stage with friends.\n"
    found = NameAuthority(wiki=None, wikidata=WikiClient(WIKIDATA_API)).lookup(
        parse(text, format="wikitext"))
    assert found == {}
    assert any(r.get("action") == "wbsearchentities" for r in wikidata.requests)
