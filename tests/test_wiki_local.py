"""The wiki client and ``citecheck check --site`` against a real MediaWiki 1.39 on loopback.

The wiki holds real articles and real histories (tests/wikidump.py); revision ids are the ones
the wiki gave on import, read back by the ``mediawiki`` fixture with plain requests.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LocalWiki

import citecheck
from citecheck.cli import main
from citecheck.errors import BadRevision, BadTitle, PageMissing, WikiError
from citecheck.wiki import RevisionCache, WikiClient

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def client(mediawiki: LocalWiki) -> WikiClient:
    return WikiClient(mediawiki.api_url, sleep=_no_sleep)


def _no_sleep(seconds: float) -> None:
    raise AssertionError(f"the local wiki made the client wait {seconds} s")


def _text(mediawiki: LocalWiki, title: str, index: int) -> str:
    page = next(p for p in mediawiki.pages if p.title == title)
    return page.revisions[index].text


def _same_text(stored: str | None, sent: str) -> bool:
    """MediaWiki strips trailing whitespace when it stores a revision."""
    return stored is not None and stored == sent.rstrip()


# --- current page, one revision, ranges ----------------------------------------------------------


def test_current_revision_of_a_page(mediawiki: LocalWiki, client: WikiClient) -> None:
    page = client.page("Douglas Adams")
    latest = mediawiki.latest("Douglas Adams")
    assert page.title == "Douglas Adams"
    assert page.pageid == mediawiki.pageids["Douglas Adams"]
    assert page.revision.revid == latest.revid
    assert page.revision.parentid == mediawiki.revisions["Douglas Adams"][-2].revid
    assert page.revision.user == "192.0.2.7" and page.revision.comment == "Remove a reference"
    assert page.revision.timestamp == "2021-03-28T11:45:00Z"
    assert page.revision.content_model == "wikitext"
    assert _same_text(page.revision.text, _text(mediawiki, "Douglas Adams", -1))
    assert not page.resolution.hops and page.resolution.describe() == "Douglas Adams"
    assert client.requests == 1


def test_a_given_revision(mediawiki: LocalWiki, client: WikiClient) -> None:
    first = mediawiki.revisions["Douglas Adams"][0]
    revision = client.revision(first.revid)
    assert (revision.revid, revision.parentid, revision.title) == (first.revid, None,
                                                                   "Douglas Adams")
    assert revision.user == "imported>Fixture editor A"
    assert _same_text(revision.text, _text(mediawiki, "Douglas Adams", 0))


def test_a_real_history_in_full_with_continuation(mediawiki: LocalWiki,
                                                  client: WikiClient) -> None:
    """Pyrus: six real revisions of 2007-2008, the page a redirect; rvlimit 2 forces three
    pages of continuation for the list, then texts by batches of 3 ids."""
    expected = mediawiki.revisions["Pyrus"]
    revisions = list(client.revisions("Pyrus", follow_redirects=False, page_size=2, batch=3))
    assert [r.revid for r in revisions] == [r.revid for r in reversed(expected)]
    assert [r.timestamp for r in revisions][-1] == "2007-02-02T02:39:52Z"
    assert revisions[-1].user == "imported>Melburnian"
    assert revisions[-1].text == "#REDIRECT [[Pyrus (brand)]]"
    assert revisions[3].text is not None and revisions[3].text.startswith("'''Pyrus''' may")
    assert all(r.parentid == p.revid for r, p in itertools.pairwise(revisions))
    assert client.requests == 5


def test_one_list_request_for_a_short_history(client: WikiClient) -> None:
    assert len(list(client.revisions("Pyrus", follow_redirects=False))) == 6
    assert client.requests == 2  # the ids, then the six texts


def test_ranges_oldest_first_by_id_and_by_time(mediawiki: LocalWiki, client: WikiClient) -> None:
    ids = [r.revid for r in mediawiki.revisions["Pear"]]
    assert [r.revid for r in client.revisions("Pear", newest_first=False, limit=3, page_size=2)
            ] == ids[:3]
    assert [r.revid for r in client.revisions("Pear", start_id=ids[3], end_id=ids[1])
            ] == ids[3:0:-1]
    # the 2002 revisions of Pear, by time, oldest first
    in_2002 = client.revisions("Pear", newest_first=False, start="2002-01-01T00:00:00Z",
                               end="2002-12-31T23:59:59Z")
    assert [r.revid for r in in_2002] == ids[:4]


def test_a_range_follows_the_redirect(mediawiki: LocalWiki, client: WikiClient) -> None:
    revisions = list(client.revisions("Pyrus", limit=2))
    assert {r.title for r in revisions} == {"Pear"}
    assert [r.revid for r in revisions] == [r.revid for r in mediawiki.revisions["Pear"][:-3:-1]]


def test_batches_of_revision_ids(mediawiki: LocalWiki, client: WikiClient) -> None:
    ids = [r.revid for t in ("Pear", "Pyrus", "Douglas Adams") for r in mediawiki.revisions[t]]
    revisions = client.revisions_by_id(ids, batch=5)
    assert [r.revid for r in revisions] == ids
    assert client.requests == 3  # 14 ids in batches of 5
    assert {r.title for r in revisions} == {"Pear", "Pyrus", "Douglas Adams"}


# --- titles, redirects and errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "described"),
    [
        ("Adams, Douglas", "Adams, Douglas → Douglas Adams (redirect)"),
        ("Douglas Noël Adams",
         "Douglas Noël Adams → Adams, Douglas (redirect) → Douglas Adams (redirect)"),
        ("douglas_Adams", "douglas_Adams → Douglas Adams (normalized)"),
        ("Adams,_Douglas",
         "Adams,_Douglas → Adams, Douglas (normalized) → Douglas Adams (redirect)"),
    ],
)
def test_redirects_and_normalisation_are_followed_and_reported(
        mediawiki: LocalWiki, client: WikiClient, title: str, described: str) -> None:
    page = client.page(title)
    assert page.title == "Douglas Adams"
    assert page.revision.revid == mediawiki.latest("Douglas Adams").revid
    assert page.resolution.describe() == described
    assert page.resolution.requested == title
    assert page.resolution.redirected == ("redirect" in described)


def test_a_real_redirect_page(mediawiki: LocalWiki, client: WikiClient) -> None:
    page = client.page("Pyrus")
    assert page.resolution.describe() == "Pyrus → Pear (redirect)"
    assert page.revision.revid == mediawiki.latest("Pear").revid
    own = client.page("Pyrus", follow_redirects=False)
    assert own.revision.text == "#REDIRECT [[Pear]]" and not own.resolution.hops


@pytest.mark.parametrize(
    ("title", "error", "message"),
    [
        ("No such article", PageMissing, "no page “No such article”"),
        ("Zaphod Beeblebrox (character)", PageMissing,
         ("no page “Zaphod Beeblebrox” (the target of the redirect from "
          "“Zaphod Beeblebrox (character)”)")),
        ("Foo[bar]", BadTitle,
         "bad title “Foo[bar]”: The requested page title contains invalid characters"),
        ("Talk:", BadTitle, "bad title “Talk:”"),
        ("Special:Random", BadTitle, "is a special page"),
        ("  ", BadTitle, "the page title is empty"),
        ("A|B", BadTitle, "'|' cannot appear in a title"),
    ],
)
def test_page_errors_are_specific(client: WikiClient, title: str, error: type[Exception],
                                  message: str) -> None:
    with pytest.raises(error) as caught:
        client.page(title)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize("revid", [99999999, 0, -3, "12a"])
def test_bad_revision_ids(client: WikiClient, revid: object) -> None:
    with pytest.raises(BadRevision) as caught:
        client.revision(revid)  # type: ignore[arg-type]
    assert str(revid) in str(caught.value) and caught.value.exit_code == 2


def test_a_bad_id_among_good_ones_is_named(mediawiki: LocalWiki, client: WikiClient) -> None:
    good = mediawiki.latest("Pear").revid
    with pytest.raises(BadRevision, match="no revision 99999999$"):
        client.revisions_by_id([good, 99999999])


# --- the cache -----------------------------------------------------------------------------------


def test_cached_revisions_are_not_fetched_again(mediawiki: LocalWiki, tmp_path: Path) -> None:
    ids = [r.revid for r in mediawiki.revisions["Pear"]]
    first = WikiClient(mediawiki.api_url, cache=RevisionCache(tmp_path))
    history = list(first.revisions("Pear", page_size=2, batch=2))
    assert first.requests == 6  # three pages of ids, three batches of text
    first.close()

    again = WikiClient(mediawiki.api_url, cache=RevisionCache(tmp_path))
    assert list(again.revisions("Pear", page_size=2, batch=2)) == history
    assert again.requests == 3  # only the list of ids: every text came from the cache
    assert again.revision(ids[0]) == history[-1]
    assert again.requests == 3
    assert (tmp_path / "revisions.sqlite3").exists()


def test_the_current_page_fills_the_cache(mediawiki: LocalWiki, tmp_path: Path) -> None:
    with WikiClient(mediawiki.api_url, cache=RevisionCache(tmp_path)) as client:
        page = client.page("Blue Train (album)")
        assert client.revision(page.revision.revid) == page.revision
        assert client.requests == 1


# --- citecheck check --site ----------------------------------------------------------------------


def _run(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CITECHECK_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "citecheck", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120, check=False)


def test_check_a_page_gives_the_report_of_its_text(mediawiki: LocalWiki, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", "--site", mediawiki.api_url, "--title", "Adams, Douglas",
                   "--format", "json", "--cache-dir", str(tmp_path)])
    captured = capsys.readouterr()
    document = json.loads(captured.out)["documents"][0]
    latest = mediawiki.latest("Douglas Adams")
    assert document["source"] == {"path": None, "title": "Douglas Adams",
                                  "revision": latest.revid, "input_format": "wikitext"}
    assert captured.err == "citecheck: note: Adams, Douglas → Douglas Adams (redirect)\n"

    text = _text(mediawiki, "Douglas Adams", -1).rstrip()
    offline = citecheck.check(text, format="wikitext", title="Douglas Adams",
                              revision=latest.revid).to_dict()["documents"][0]
    assert document == offline
    assert status == (1 if document["stats"]["findings"]["warning"] else 0)


def test_check_a_revision(mediawiki: LocalWiki, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITECHECK_CACHE_DIR", str(tmp_path))
    first = mediawiki.revisions["Douglas Adams"][0]
    main(["check", "--site", mediawiki.api_url, "--revision", str(first.revid),
          "--format", "json", "--no-cache"])
    document = json.loads(capsys.readouterr().out)["documents"][0]
    assert document["source"]["title"] == "Douglas Adams"
    assert document["source"]["revision"] == first.revid
    assert not (tmp_path / "revisions.sqlite3").exists()


def test_check_text_output_names_the_page_and_revision(mediawiki: LocalWiki,
                                                       tmp_path: Path) -> None:
    latest = mediawiki.latest("Pear")
    result = _run("check", "--site", mediawiki.api_url, "--title", "Pear", "--select",
                  "uncited-claim", cache=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"Pear@{latest.revid}:")
    assert result.stderr == ""
    assert (tmp_path / "revisions.sqlite3").exists()


def test_revision_and_title_must_agree(mediawiki: LocalWiki, tmp_path: Path) -> None:
    pear = mediawiki.revisions["Pear"][0].revid
    result = _run("check", "--site", mediawiki.api_url, "--revision", str(pear), "--title",
                  "Douglas Adams", cache=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"citecheck: error: {mediawiki.api_url.split('/')[2]}: revision "
                             f"{pear} is of “Pear”, not of “Douglas Adams”\n")
    # a title that redirects to the revision's page is the same page
    result = _run("check", "--site", mediawiki.api_url, "--revision", str(pear), "--title",
                  "Pyrus", "--fail-on", "never", cache=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--title", "No such article"], "no page “No such article”"),
        (["--title", "Foo[bar]"], "bad title"),
        (["--revision", "99999999"], "no revision 99999999"),
        (["--revision", "0"], "--revision"),
    ],
)
def test_check_errors_are_one_line_exit_2(mediawiki: LocalWiki, tmp_path: Path,
                                          args: list[str], needle: str) -> None:
    result = _run("check", "--site", mediawiki.api_url, *args, cache=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("citecheck: error: ") and needle in lines[0]
    assert "Traceback" not in result.stderr


def test_tls_to_a_plain_http_server_fails_at_once(mediawiki: LocalWiki) -> None:
    """A real TLS failure: the local wiki speaks plain http, so the handshake fails."""
    tls = WikiClient(mediawiki.api_url.replace("http://", "https://"), sleep=_no_sleep)
    with pytest.raises(WikiError) as caught:
        tls.page("Pear")
    assert str(caught.value).startswith(f"{tls.site}: TLS failure: SSLError: ")
    assert caught.value.exit_code == 3 and tls.requests == 1
