"""The name authority: redirects read from the local MediaWiki, Wikidata answered by a mock
shaped like the real API (tests/wikidata_mock.py, real entities from fixtures/api/wikidata)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import responses
from conftest import LocalWiki
from wikidata_mock import WIKIDATA_API, WikidataMock

from citecheck import Config, check
from citecheck.cli import main
from citecheck.lookups import Lookups, NameEntity
from citecheck.parsing import parse
from citecheck.wiki import WikiClient
from citecheck.wiki.authority import NameAuthority, candidate_names

TEXT = (
    "'''Example''' is a short text about several people.\n\n"
    "In 1991 the president Boris Jelcin met the writer Douglas Adamms in a hotel.\n\n"
    "The singer Lee Jee-eun and [[Douglas Adams|his friend]] were there too. Ringo was not.\n"
)


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def wikidata() -> Iterator[WikidataMock]:
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


# --- the rule: name-variant with the authority's answers ------------------------------------------

SEED = ROOT / "fixtures" / "seed" / "seed.txt"


def _online_check(mediawiki: LocalWiki, path: Path, capsys: pytest.CaptureFixture[str],
                  *extra: str) -> tuple[int, list[dict[str, Any]]]:
    status = main(["check", str(path), "--online", "--select", "name-variant",
                   "--names-site", mediawiki.api_url, "--format", "json", *extra])
    document = json.loads(capsys.readouterr().out)["documents"][0]
    return status, document["findings"]


def test_seed_online_flags_jelcin_with_the_english_label(
        mediawiki: LocalWiki, wikidata: WikidataMock,
        capsys: pytest.CaptureFixture[str]) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert check(text, config=Config(select=("name-variant",))).findings == ()  # offline: none
    status, findings = _online_check(mediawiki, SEED, capsys)
    assert status == 1
    [finding] = findings
    span = finding["span"]
    assert text[span["start"]:span["end"]] == "Boris Jelcin"
    assert finding["data"]["suggestion"] == "Boris Yeltsin"
    assert finding["data"]["authority"] == {"source": "wikidata", "entity": "Q34453",
                                            "title": None,
                                            "matched": "the title of its article on cswiki"}
    assert "Q34453" in finding["message"] and "“Boris Yeltsin” in en" in finding["message"]


def test_a_redirect_from_a_misspelling(mediawiki: LocalWiki, wikidata: WikidataMock,
                                       tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "adams.wiki"
    path.write_text("The humorist Douglas Adamms wrote several radio plays in the 1970s.\n",
                    encoding="utf-8")
    _status, [finding] = _online_check(mediawiki, path, capsys)
    assert finding["data"]["dominant"] == "Douglas Adams"
    assert finding["data"]["authority"]["source"] == "redirect"
    assert finding["data"]["variation"] == "misspelling"


def test_another_name_form_is_not_a_variant(mediawiki: LocalWiki, wikidata: WikidataMock,
                                            tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Found on Wikidata (a real alias of Q20145), but the label "IU" is another name."""
    path = tmp_path / "iu.wiki"
    path.write_text("The singer Lee Jee-eun released an album in 2011.\n", encoding="utf-8")
    status, findings = _online_check(mediawiki, path, capsys)
    assert (status, findings) == (0, [])


def test_no_second_finding_for_a_variant_flagged_offline(
        mediawiki: LocalWiki, wikidata: WikidataMock, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "both.wiki"
    path.write_text("In 1991 [[Boris Yeltsin]] won. Yeltsin was popular. Yeltsin spoke.\n\n"
                    "Later Boris Jelcin dissolved the parliament.\n", encoding="utf-8")
    _status, findings = _online_check(mediawiki, path, capsys)
    assert [f["data"]["variant"] for f in findings] == ["Jelcin"]  # the offline finding


def test_the_rule_reads_hand_made_lookups_without_a_network() -> None:
    text = "The talks with President Boris Jelcin lasted two days in 1993.\n"

    def gatherer(article: Any, config: Any, needs: frozenset[str]) -> Lookups:
        assert "authority" in needs
        return Lookups(online=True, names={"Boris Jelcin": NameEntity(
            name="Boris Jelcin", label="Boris Yeltsin", source="wikidata", entity="Q34453",
            matched="its label in cs")})

    [finding] = check(text, format="wikitext", config=Config(select=("N301",)),
                      online=gatherer).findings
    assert finding.span.slice(text) == "Boris Jelcin"
    assert finding.data["suggestion"] == "Boris Yeltsin"
    assert finding.fingerprint == check(text, format="wikitext", config=Config(
        select=("N301",)), online=gatherer).findings[0].fingerprint


def test_a_failing_wiki_leaves_the_other_steps(wikidata: WikidataMock,
                                               caplog: pytest.LogCaptureFixture) -> None:
    names = NameAuthority(wiki=WikiClient("http://127.0.0.1:9/api.php", retries=0),
                          wikidata=WikiClient(WIKIDATA_API))
    found = names.lookup(parse("He met Boris Jelcin in 1993 and again later.\n",
                               format="wikitext"))
    assert found["Boris Jelcin"].entity == "Q34453"
    assert "name look-ups on 127.0.0.1:9 failed" in caplog.text
