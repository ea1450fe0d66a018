"""The link checks: each state told apart against a real server on 127.0.0.1, archived copies
preferred, each URL fetched once, and the gatherer that hands the results to the rules."""

from __future__ import annotations

import socket

import pytest
import requests
import responses
from linkserver import LinkServer

from citecheck import Config, check
from citecheck.lookups import LinkStatus
from citecheck.parsing import parse
from citecheck.wiki.fetch import Fetcher
from citecheck.wiki.links import LinkChecker, article_links, gather_links, looks_not_found
from citecheck.wiki.online import OnlineGatherer

LOCAL = ("127.0.0.1",)


def _checker(**options: object) -> LinkChecker:
    options.setdefault("allow", LOCAL)
    waits: list[float] = []
    checker = LinkChecker(Fetcher(**options), sleep=waits.append)  # type: ignore[arg-type]
    checker.waits = waits  # type: ignore[attr-defined]
    return checker


@pytest.mark.parametrize(
    ("path", "state", "status"),
    [
        ("/ok", "ok", 200),
        ("/pdf", "ok", 200),
        ("/404", "dead", 404),
        ("/410", "dead", 410),
        ("/401", "paywalled", 401),
        ("/402", "paywalled", 402),
        ("/403", "paywalled", 403),
        ("/members-only", "paywalled", 200),
        ("/no-head", "ok", 200),
        ("/gone-on-head", "ok", 200),
        ("/soft-404", "soft-404", 200),
        ("/soft-404-h1", "soft-404", 200),
        ("/peugeot-404", "ok", 200),
        ("/moved-story", "soft-404", 200),
        ("/old/article", "redirected-home", 200),
        ("/news/2001/story", "redirected-home", 200),
        ("/500", "unreachable", 500),
        ("/400", "unreachable", 400),
        ("/flaky", "ok", 200),
    ],
)
def test_each_state(link_server: LinkServer, path: str, state: str, status: int) -> None:
    found = _checker().check(link_server.url(path))
    assert (found.state, found.status) == (state, status), found
    assert found.url == link_server.url(path)


def test_head_first_and_get_only_when_needed(link_server: LinkServer) -> None:
    checker = _checker()
    checker.check(link_server.url("/pdf"))  # not HTML: HEAD settles it
    checker.check(link_server.url("/no-head"))  # 405 on HEAD
    checker.check(link_server.url("/404"))  # confirmed by a GET
    checker.check(link_server.url("/ok"))  # HTML: the page is read for "not found"
    assert link_server.requests("/pdf") == ["HEAD"]
    assert link_server.requests("/no-head") == ["HEAD", "GET"]
    assert link_server.requests("/404") == ["HEAD", "GET"]
    assert link_server.requests("/ok") == ["HEAD", "GET"]


def test_a_server_error_is_retried_once_then_unreachable(link_server: LinkServer) -> None:
    checker = _checker()
    found = checker.check(link_server.url("/500"))
    assert found.state == "unreachable" and "tried twice" in found.detail
    assert link_server.requests("/500") == ["HEAD", "GET", "GET"]
    assert checker.waits == [1.0]  # type: ignore[attr-defined]
    assert checker.check(link_server.url("/flaky")).state == "ok"


def test_redirect_details(link_server: LinkServer) -> None:
    checker = _checker()
    home = checker.check(link_server.url("/old/article"))
    assert home.final_url == link_server.url("/") and "home page" in home.detail
    soft = checker.check(link_server.url("/soft-404"))
    assert "Page not found" in soft.detail and soft.final_url is None
    error_page = checker.check(link_server.url("/moved-story"))
    assert error_page.final_url == link_server.url("/errors/404.html")


def test_a_home_page_cited_as_such_is_ok(link_server: LinkServer) -> None:
    assert _checker().check(link_server.url("/")).state == "ok"


def test_redirects_to_private_addresses_are_blocked(link_server: LinkServer) -> None:
    checker = _checker()
    found = checker.check(link_server.url("/to-private"))
    assert found.state == "blocked" and found.final_url == "http://10.0.0.1/internal"
    assert "private address" in found.detail
    assert checker.check(link_server.url("/to-metadata")).state == "blocked"


def test_the_local_server_itself_is_blocked_unless_allowed(link_server: LinkServer) -> None:
    found = _checker(allow=()).check(link_server.url("/ok"))
    assert found.state == "blocked" and "loopback" in found.detail
    assert link_server.log == []


def test_slow_servers_and_endless_bodies(link_server: LinkServer) -> None:
    checker = _checker(read_timeout=0.5, total_timeout=1, max_bytes=50_000)
    slow = checker.check(link_server.url("/slow"))
    assert slow.state == "unreachable" and slow.status is None
    assert checker.check(link_server.url("/drip")).state == "unreachable"
    assert checker.check(link_server.url("/huge")).state == "ok"


def test_redirect_loops_and_refused_connections(link_server: LinkServer) -> None:
    checker = _checker(max_redirects=3)
    assert checker.check(link_server.url("/loop")).state == "unreachable"
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused = checker.check(f"http://127.0.0.1:{port}/x")
    assert refused.state == "unreachable" and "connection" in refused.detail


def test_tls_failure_is_not_dead(link_server: LinkServer) -> None:
    found = _checker().check(f"https://127.0.0.1:{link_server.port}/404")
    assert found.state == "unreachable" and "TLS" in found.detail


def test_urls_that_are_not_http_are_skipped() -> None:
    checker = _checker()
    assert checker.check("ftp://files.example.org/report.pdf").state == "skipped"
    assert checker.check("mailto:a@example.org").state == "skipped"


def test_dns_failure_is_dead_but_a_resolver_outage_is_not() -> None:
    def nxdomain(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def outage(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    dead = _checker(resolver=nxdomain).check("https://defunct-paper.test/story")
    assert dead.state == "dead" and "does not exist" in dead.detail
    assert _checker(resolver=outage).check("https://defunct-paper.test/story").state == (
        "unreachable"
    )


@responses.activate
def test_dns_failure_raised_by_the_http_stack() -> None:
    from urllib3.exceptions import MaxRetryError, NameResolutionError

    def gone(_request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        error = NameResolutionError("gone.test", None,  # type: ignore[arg-type]
                                    socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
        raise requests.exceptions.ConnectionError(MaxRetryError(None, "/", error))  # type: ignore[arg-type]

    responses.add_callback(responses.HEAD, "https://gone.test/story", callback=gone)
    assert _checker().check("https://gone.test/story").state == "dead"


@responses.activate
def test_tls_error_raised_by_the_http_stack() -> None:
    responses.add(responses.HEAD, "https://expired.test/story",
                  body=requests.exceptions.SSLError("certificate has expired"))
    found = _checker().check("https://expired.test/story")
    assert found.state == "unreachable" and "certificate has expired" in found.detail


def test_each_url_is_fetched_once(link_server: LinkServer) -> None:
    checker = _checker()
    first = checker.check(link_server.url("/404"))
    again = checker.check(" " + link_server.url("/404"))
    assert first is again and link_server.requests("/404") == ["HEAD", "GET"]
    assert checker.checked == 1


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("404 Not Found", True),
        ("Error 404 | Example", True),
        ("Seite nicht gefunden – Beispiel", True),
        ("Page introuvable", True),
        ("Страница не найдена", True),
        ("Peugeot 404", False),
        ("Found: the lost city", False),
        ("Annual report 2004", False),
    ],
)
def test_not_found_titles(title: str, expected: bool) -> None:
    body = f"<html><head><title>{title}</title></head><body>x</body></html>".encode()
    assert (looks_not_found(body, "text/html; charset=utf-8") is not None) is expected


def test_not_found_title_in_a_declared_charset() -> None:
    body = "<meta charset=iso-8859-1><title>Página no encontrada</title>".encode("iso-8859-1")
    assert looks_not_found(body, "text/html") == "Página no encontrada"


ARTICLE = """The bridge opened in 1932.<ref>{{cite web |url={base}/404 |title=Opening}}</ref>
It was painted red.<ref>{{cite web |url={base}/410 |title=Paint |archive-url={base}/ok
 |archive-date=2019-01-01}}</ref> It fell.<ref>[{base}/soft-404 Story] {{Webarchive
 |url={base}/404 |date=2019}}</ref> Again.<ref>{{cite web |url={base}/404 |title=Opening}}</ref>
Mail.<ref>[mailto:someone@example.org mail]</ref>

== References ==
{{reflist}}
"""


def test_article_links_pair_urls_with_their_archived_copies(link_server: LinkServer) -> None:
    base = link_server.url("")
    text = ARTICLE.replace("{base}", base)
    links = list(article_links(parse(text)))
    assert [(link.url, link.archive) for link in links] == [
        (f"{base}/404", None),
        (f"{base}/410", f"{base}/ok"),
        (f"{base}/soft-404", f"{base}/404"),
        (f"{base}/404", None),
    ]  # the mailto: link is no web address
    first = links[0]
    assert text[first.span.start : first.span.end] == f"{base}/404"


def test_gather_prefers_the_archived_copy(link_server: LinkServer) -> None:
    base = link_server.url("")
    found = gather_links(parse(ARTICLE.replace("{base}", base)), _checker())
    assert found[f"{base}/ok"].state == "ok"
    assert f"{base}/410" not in found  # its archived copy works: the live page is not fetched
    assert link_server.requests("/410") == []
    assert found[f"{base}/soft-404"].state == "soft-404"  # its copy is dead: the live one checked
    assert found[f"{base}/404"].state == "dead"
    assert link_server.requests("/404") == ["HEAD", "GET"]  # cited twice, fetched once
    assert all(isinstance(v, LinkStatus) for v in found.values())


def test_the_online_gatherer_runs_only_what_rules_need(link_server: LinkServer) -> None:
    base = link_server.url("")
    text = ARTICLE.replace("{base}", base)
    gatherer = OnlineGatherer(allow=LOCAL)
    check(text, config=Config(select=("C",)), online=gatherer)
    assert link_server.log == []  # no enabled rule needs links: nothing fetched
    report = check(text, config=Config(select=("dead-link",)), online=gatherer)
    found = [f for f in report.findings if f.rule == "dead-link"]
    assert [(f.data["url"], f.data["state"], f.data["checked_url"]) for f in found] == [
        (f"{base}/404", "dead", f"{base}/404"),
        # the live page is an error page and its archived copy is dead: no working copy
        (f"{base}/soft-404", "dead", f"{base}/404"),
        (f"{base}/404", "dead", f"{base}/404"),
    ]
    assert "no working copy" in found[1].message and "Page not found" in found[1].message
    gatherer.close()


def test_cited_links_point_at_the_url_not_inside_the_archive_url() -> None:
    live = "https://example.org/a"
    copy = f"https://web.archive.org/web/2019/{live}"
    text = (f"It opened.<ref>{{{{cite web |archive-url={copy} |title=A |url={live}}}}}</ref>\n"
            "{{reflist}}")
    (link,) = article_links(parse(text))
    assert (link.url, link.archive, link.param) == (live, copy, "url")
    assert link.span.start == text.index(f"|url={live}") + len("|url=")
    assert text[link.span.start : link.span.end] == live


def test_cited_links_localized_archive_and_several_urls() -> None:
    text = ("Sie wurde eröffnet.<ref>{{Internetquelle |url=https://example.de/b |titel=B "
            "|archiv-url=https://archive.example/b |abruf=2020-01-01}}</ref> "
            "It opened.<ref>{{cite book |title=C |url=https://example.org/c "
            "|chapter-url=https://example.org/c/ch1.}}</ref>\n<references />")
    links = [(link.url, link.archive) for link in article_links(parse(text))]
    assert links == [
        ("https://example.de/b", "https://archive.example/b"),
        ("https://example.org/c", None),
        ("https://example.org/c/ch1", None),  # trailing punctuation is not part of the address
    ]


def test_the_archived_copy_belongs_to_the_main_url() -> None:
    text = ("It opened.<ref>{{cite book |chapter-url=https://example.org/c/1 |title=C "
            "|url=https://example.org/c |archive-url=https://archive.example/c}}</ref>\n"
            "{{reflist}}")
    links = [(link.url, link.archive) for link in article_links(parse(text))]
    assert links == [("https://example.org/c/1", None),
                     ("https://example.org/c", "https://archive.example/c")]
