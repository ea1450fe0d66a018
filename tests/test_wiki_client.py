"""The wiki client where a real server cannot be made to misbehave on demand, with ``responses``:
429 with Retry-After, maxlag, 5xx, timeouts, broken connections, TLS failures, truncated or
malformed JSON; and the etiquette every request carries (User-Agent, maxlag, formatversion),
the retry counts and the waits (an injected sleep records them), and the revision cache.

Everything that a real server does produce (pages, revisions, continuation, redirects, missing
pages, bad titles and ids) is tested against the local MediaWiki in test_wiki_local.py.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from citecheck.cli import main
from citecheck.errors import ApiError, BadResponse, NetworkError, UsageError, WikiError
from citecheck.wiki import DEFAULT_USER_AGENT, RevisionCache, WikiClient, api_url

API = "https://wiki.example.org/w/api.php"
MAXLAG = {"error": {"code": "maxlag", "info": "Waiting for 10.64.48.35: 7 seconds lagged.",
                    "host": "10.64.48.35", "lag": 7, "type": "db",
                    "docref": "See https://wiki.example.org/w/api.php for API usage."},
          "servedby": "mw1383"}
"""The shape Wikimedia sends with HTTP 200 (see Manual:Maxlag_parameter), with headers
Retry-After and X-Database-Lag."""


def revision_answer(revid: int, text: str = "Text.<ref>A.</ref>", title: str = "Bridge"
                    ) -> dict[str, Any]:
    """A ``prop=revisions`` answer (formatversion=2, rvslots=main) as MediaWiki 1.39 gives it."""
    return {"batchcomplete": True, "query": {"pages": [{
        "pageid": 7, "ns": 0, "title": title, "revisions": [{
            "revid": revid, "parentid": revid - 1, "minor": False, "user": "Editor",
            "timestamp": "2024-05-01T10:00:00Z", "size": len(text), "comment": "edit",
            "slots": {"main": {"contentmodel": "wikitext", "contentformat": "text/x-wiki",
                               "content": text}}}]}]}}


class Waits:
    """Records the client's sleeps instead of sleeping."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
def waits() -> Waits:
    return Waits()


@pytest.fixture
def mocked() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


def client(waits: Waits, **kwargs: Any) -> WikiClient:
    return WikiClient("wiki.example.org", sleep=waits, rand=lambda: 0.0, **kwargs)


def sent(mock: Any, index: int = 0) -> dict[str, list[str]]:
    return parse_qs(urlsplit(mock.calls[index].request.url).query)


# --- etiquette -----------------------------------------------------------------------------------


def test_every_request_carries_the_etiquette(mocked: Any, waits: Waits) -> None:
    mocked.get(API, json=revision_answer(12))
    revision = client(waits).revision(12)
    assert revision.text == "Text.<ref>A.</ref>" and revision.title == "Bridge"
    params = sent(mocked)
    assert params["maxlag"] == ["5"]
    assert params["format"] == ["json"] and params["formatversion"] == ["2"]
    assert params["revids"] == ["12"] and params["rvslots"] == ["main"]
    assert params["rvprop"] == ["ids|timestamp|user|comment|size|flags|content"]
    headers = mocked.calls[0].request.headers
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("citecheck/") and "contact" in DEFAULT_USER_AGENT
    assert waits.seconds == []


def test_user_agent_is_configurable(mocked: Any, waits: Waits,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    mocked.get(API, json=revision_answer(12))
    mocked.get(API, json=revision_answer(13))
    client(waits, user_agent="FactBot/1.0 (https://example.org/factbot; f@example.org)"
           ).revision(12)
    monkeypatch.setenv("CITECHECK_USER_AGENT", "EnvBot/2.0 (e@example.org)")
    client(waits).revision(13)
    assert mocked.calls[0].request.headers["User-Agent"].startswith("FactBot/1.0")
    assert mocked.calls[1].request.headers["User-Agent"] == "EnvBot/2.0 (e@example.org)"


def test_one_session_one_pool(mocked: Any, waits: Waits) -> None:
    mocked.get(API, json=revision_answer(12))
    mocked.get(API, json=revision_answer(13))
    session = requests.Session()
    wiki = client(waits, session=session)
    wiki.revision(12)
    wiki.revision(13)
    assert wiki.session is session and wiki.requests == 2
    wiki.close()  # an injected session is the caller's to close
    assert session.adapters


# --- waiting and retrying ------------------------------------------------------------------------


def test_429_retry_after_is_honoured(mocked: Any, waits: Waits) -> None:
    mocked.get(API, status=429, headers={"Retry-After": "7"}, body="Too many requests")
    mocked.get(API, json=revision_answer(12))
    assert client(waits).revision(12).revid == 12
    assert waits.seconds == [7.0]
    assert len(mocked.calls) == 2


def test_retry_after_as_an_http_date(mocked: Any, waits: Waits) -> None:
    mocked.get(API, status=503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    mocked.get(API, json=revision_answer(12))
    client(waits).revision(12)
    assert waits.seconds == [0.0]  # a date in the past: retry at once


def test_maxlag_backs_off_by_retry_after(mocked: Any, waits: Waits) -> None:
    mocked.get(API, json=MAXLAG, headers={"Retry-After": "7", "X-Database-Lag": "7"})
    mocked.get(API, json=MAXLAG, headers={"X-Database-Lag": "6"})
    mocked.get(API, json=revision_answer(12))
    assert client(waits).revision(12).revid == 12
    # the header when there is one, else the lag the error reports; never under 5 s
    assert waits.seconds == [7.0, 7.0]
    assert all(sent(mocked, i)["maxlag"] == ["5"] for i in range(3))


def test_maxlag_with_503_as_older_wikis_answer(mocked: Any, waits: Waits) -> None:
    mocked.get(API, status=503, json=MAXLAG, headers={"Retry-After": "5"})
    mocked.get(API, json=revision_answer(12))
    client(waits).revision(12)
    assert waits.seconds == [5.0]


def test_endless_maxlag_gives_up_after_the_retries(mocked: Any, waits: Waits) -> None:
    mocked.get(API, json=MAXLAG, headers={"Retry-After": "5"})
    wiki = client(waits, retries=3)
    with pytest.raises(NetworkError) as caught:
        wiki.revision(12)
    assert str(caught.value) == ("wiki.example.org: no answer after 4 attempts: API error "
                                 "maxlag: Waiting for 10.64.48.35: 7 seconds lagged.")
    assert caught.value.exit_code == 3
    assert len(mocked.calls) == 4 and waits.seconds == [5.0, 5.0, 5.0]


def test_a_wait_longer_than_the_limit_is_an_error_at_once(mocked: Any, waits: Waits) -> None:
    mocked.get(API, status=429, headers={"Retry-After": "3600"})
    with pytest.raises(NetworkError, match="asked to retry after 3600 s"):
        client(waits).revision(12)
    assert waits.seconds == [] and len(mocked.calls) == 1


def test_timeouts_back_off_exponentially_with_jitter(mocked: Any) -> None:
    mocked.get(API, body=requests.exceptions.ReadTimeout("Read timed out. (read timeout=60)"))
    seen = Waits()
    jitter = iter([0.0, 1.0, 0.5, 0.0])
    wiki = WikiClient("wiki.example.org", sleep=seen, rand=lambda: next(jitter), retries=4)
    with pytest.raises(NetworkError) as caught:
        wiki.revision(12)
    # backoff 1 s × 2^attempt, scaled by a jitter factor between 0.5 and 1
    assert seen.seconds == [0.5, 2.0, 3.0, 4.0]
    assert len(mocked.calls) == 5
    assert str(caught.value) == ("wiki.example.org: no answer after 5 attempts: ReadTimeout: "
                                 "Read timed out. (read timeout=60)")


def test_a_connection_that_recovers(mocked: Any, waits: Waits) -> None:
    mocked.get(API, body=requests.exceptions.ConnectionError("Connection reset by peer"))
    mocked.get(API, status=502, body="<html>Bad gateway</html>")
    mocked.get(API, json=revision_answer(12))
    assert client(waits).revision(12).revid == 12
    assert waits.seconds == [0.5, 1.0]


def test_other_request_failures_are_network_errors(mocked: Any, waits: Waits) -> None:
    mocked.get(API, body=requests.exceptions.TooManyRedirects("Exceeded 30 redirects."))
    with pytest.raises(NetworkError, match="^wiki.example.org: TooManyRedirects: Exceeded 30"):
        client(waits).revision(12)
    assert len(mocked.calls) == 1


def test_cli_a_crash_is_one_line(mocked: Any, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("citecheck.cli.check", broken)
    mocked.get(API, json=revision_answer(12))
    assert main(["check", "--site", API, "--title", "Bridge", "--no-cache"]) == 2
    assert capsys.readouterr().err == (
        "citecheck: error: Bridge: internal error: RuntimeError: boom (a bug in citecheck; "
        "set CITECHECK_DEBUG=1 for the traceback)\n")


def test_tls_errors_are_not_retried(mocked: Any, waits: Waits) -> None:
    mocked.get(API, body=requests.exceptions.SSLError(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"))
    with pytest.raises(NetworkError) as caught:
        client(waits).revision(12)
    assert str(caught.value) == (
        "wiki.example.org: TLS failure: SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate "
        "verify failed: self-signed certificate")
    assert len(mocked.calls) == 1 and waits.seconds == []


# --- answers that are not API results ------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('{"batchcomplete":true,"query":{"pages":[{"pageid":7,"ns":0,"tit', "not JSON"),
        ("<!DOCTYPE html><html><head><title>Main Page</title>", "'<!DOCTYPE html><html>"),
        ("", "not JSON"),
        ("[1, 2]", "JSON but not an API result"),
    ],
)
def test_malformed_answers(mocked: Any, waits: Waits, body: str, needle: str) -> None:
    mocked.get(API, body=body, content_type="application/json")
    with pytest.raises(BadResponse) as caught:
        client(waits).revision(12)
    assert needle in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.exit_code == 3 and len(mocked.calls) == 1


@pytest.mark.parametrize(("status", "needle"), [
    (404, "HTTP 404 Not Found (is it the wiki's api.php?)"),
    (403, "HTTP 403 Forbidden"),
])
def test_http_errors_that_retrying_cannot_cure(mocked: Any, waits: Waits, status: int,
                                               needle: str) -> None:
    mocked.get(API, status=status, body="<html>no</html>")
    with pytest.raises(NetworkError) as caught:
        client(waits).revision(12)
    assert str(caught.value) == f"wiki.example.org: {needle}"
    assert len(mocked.calls) == 1


def test_api_errors_carry_code_and_info(mocked: Any, waits: Waits) -> None:
    mocked.get(API, json={"error": {"code": "readapidenied",
                                    "info": "You need read permission to use this module.",
                                    "docref": "See …"}},
               headers={"MediaWiki-API-Error": "readapidenied"})
    with pytest.raises(ApiError) as caught:
        client(waits).revision(12)
    error = caught.value
    assert (error.code, error.info) == ("readapidenied",
                                        "You need read permission to use this module.")
    assert str(error) == ("wiki.example.org: API error readapidenied: You need read permission "
                          "to use this module.")
    assert isinstance(error, WikiError) and error.exit_code == 3


def test_api_warnings_are_logged(mocked: Any, waits: Waits,
                                 caplog: pytest.LogCaptureFixture) -> None:
    answer = revision_answer(12) | {"warnings": {"main": {"warnings": "Unrecognized parameter"}}}
    mocked.get(API, json=answer)
    with caplog.at_level(logging.WARNING, logger="citecheck.wiki"):
        client(waits).revision(12)
    assert "Unrecognized parameter" in caplog.text


# --- the cache -----------------------------------------------------------------------------------


def test_a_cached_revision_makes_no_request(mocked: Any, waits: Waits, tmp_path: Path) -> None:
    mocked.get(API, json=revision_answer(12))
    first = client(waits, cache=RevisionCache(tmp_path))
    revision = first.revision(12)
    first.close()
    again = client(waits, cache=RevisionCache(tmp_path))
    assert again.revision(12) == revision
    assert len(mocked.calls) == 1 and again.requests == 0
    other_site = WikiClient("other.example.org", cache=RevisionCache(tmp_path))
    mocked.get("https://other.example.org/w/api.php", json=revision_answer(12, "Other."))
    assert other_site.revision(12).text == "Other."  # the key is the site and the id


def test_hidden_text_is_not_cached(mocked: Any, waits: Waits, tmp_path: Path) -> None:
    answer = revision_answer(12)
    rev = answer["query"]["pages"][0]["revisions"][0]
    rev["slots"]["main"] = {"texthidden": True}
    rev["userhidden"] = True
    del rev["user"]
    mocked.get(API, json=answer)
    mocked.get(API, json=answer)
    wiki = client(waits, cache=RevisionCache(tmp_path))
    revision = wiki.revision(12)
    assert revision.text is None and revision.user is None
    assert revision.hidden == ("text", "user")
    wiki.revision(12)
    assert len(mocked.calls) == 2


def test_a_broken_cache_steps_aside(mocked: Any, waits: Waits, tmp_path: Path,
                                    caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "revisions.sqlite3").write_bytes(b"this is not a database" * 100)
    mocked.get(API, json=revision_answer(12))
    with caplog.at_level(logging.WARNING, logger="citecheck.wiki"):
        assert client(waits, cache=RevisionCache(tmp_path)).revision(12).revid == 12
    assert "revision cache" in caplog.text and "disabled" in caplog.text


def test_cli_shows_cache_warnings_as_one_line(mocked: Any, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "revisions.sqlite3").write_bytes(b"this is not a database" * 100)
    text = "The bridge opened in 1932.<ref>A.</ref>\n\n== References ==\n<references />\n"
    mocked.get(API, json=revision_answer(12, text))
    assert main(["check", "--site", API, "--revision", "12", "--cache-dir", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("citecheck: warning: revision cache ") and err.count("\n") == 1
    assert "disabled: file is not a database" in err


def test_the_cache_is_one_sqlite_file(mocked: Any, waits: Waits, tmp_path: Path) -> None:
    mocked.get(API, json=revision_answer(12))
    client(waits, cache=RevisionCache(tmp_path / "nested")).revision(12)
    with sqlite3.connect(tmp_path / "nested" / "revisions.sqlite3") as db:
        assert db.execute("SELECT site, revid FROM revisions").fetchall() == [(API, 12)]


# --- sites ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("site", "url"),
    [
        ("en.wikipedia.org", "https://en.wikipedia.org/w/api.php"),
        (" De.Wikipedia.org ", "https://de.wikipedia.org/w/api.php"),
        ("https://en.wikipedia.org", "https://en.wikipedia.org/w/api.php"),
        ("https://wiki.example.org/api.php", "https://wiki.example.org/api.php"),
        ("http://127.0.0.1:8080/api.php", "http://127.0.0.1:8080/api.php"),
        ("http://localhost/w/api.php", "http://localhost/w/api.php"),
        ("http://[::1]:81/api.php", "http://[::1]:81/api.php"),
    ],
)
def test_sites(site: str, url: str) -> None:
    assert api_url(site) == url


@pytest.mark.parametrize(
    ("site", "needle"),
    [
        ("", "needs a wiki"),
        ("en.wikipedia.org/wiki/Foo", "neither a domain"),
        ("http://en.wikipedia.org/w/api.php", "plain http is allowed only"),
        ("ftp://en.wikipedia.org/w/api.php", "only http(s)"),
        ("https://en.wikipedia.org/wiki/Main_Page", "must point at the wiki's api.php"),
        ("https://user:secret@wiki.example.org/api.php", "credentials"),
    ],
)
def test_bad_sites_are_usage_errors(site: str, needle: str) -> None:
    with pytest.raises(UsageError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        api_url(site)


# --- the command line, for what only a mock can do -----------------------------------------------


def test_cli_network_failure_exits_3(mocked: Any, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda _s: None)
    mocked.get(API, body=requests.exceptions.ConnectionError("Name or service not known"))
    status = main(["check", "--site", "wiki.example.org", "--title", "Bridge", "--no-cache"])
    assert status == 3
    assert capsys.readouterr().err == (
        "citecheck: error: wiki.example.org: no answer after 5 attempts: ConnectionError: "
        "Name or service not known\n")
    assert len(mocked.calls) == 5


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--site", "wiki.example.org", "a.wiki"], "PATHs or --site"),
        (["--site", "wiki.example.org"], "--site needs --title or --revision"),
        (["--revision", "12", "--title", "Bridge"], "--revision needs --site"),
        (["--site", "http://wiki.example.org/api.php", "--title", "X"], "plain http"),
    ],
)
def test_cli_wiki_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str],
                               needle: str) -> None:
    assert main(["check", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error: ") and needle in err and err.count("\n") == 1


def test_cli_json_of_a_mocked_page(mocked: Any, capsys: pytest.CaptureFixture[str]) -> None:
    text = "The bridge opened in 1932.<ref>A.</ref>\n\n== References ==\n<references />\n"
    mocked.get(API, json=revision_answer(12, text))
    assert main(["check", "--site", API, "--revision", "12", "--format", "json",
                 "--no-cache"]) == 0
    source = json.loads(capsys.readouterr().out)["documents"][0]["source"]
    assert source == {"path": None, "title": "Bridge", "revision": 12,
                      "input_format": "wikitext"}
