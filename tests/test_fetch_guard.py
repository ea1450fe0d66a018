"""The guarded fetcher: what it refuses, what it never sends, and its limits (a real local server)."""

from __future__ import annotations

import ipaddress
import socket
import time

import pytest
import requests
import responses
from linkserver import LinkServer

from citecheck.errors import UsageError
from citecheck.wiki.fetch import (
    BadUrl,
    Blocked,
    DnsFailure,
    Fetcher,
    Guard,
    TimedOut,
    TlsFailure,
    TooManyRedirects,
    parse_allow,
    refusal,
    sanitize_url,
)

LOCAL = ("127.0.0.1",)


def test_loopback_is_refused_unless_allowed(link_server: LinkServer) -> None:
    with Fetcher() as fetcher, pytest.raises(Blocked, match="loopback"):
        fetcher.fetch(link_server.url("/ok"))
    assert link_server.log == []  # refused before connecting
    with Fetcher(allow=LOCAL) as fetcher:
        assert fetcher.fetch(link_server.url("/ok")).status == 200


def test_an_allowed_network_lets_its_addresses_through(link_server: LinkServer) -> None:
    with Fetcher(allow=("127.0.0.0/8",)) as fetcher:
        assert fetcher.fetch(link_server.url("/ok")).status == 200
    with Fetcher(allow=("10.0.0.0/8",)) as fetcher, pytest.raises(Blocked):
        fetcher.fetch(link_server.url("/ok"))


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("172.16.5.4", "private"),
        ("127.0.0.2", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not a public address"),  # carrier-grade NAT
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("fc00::1", "private"),
    ],
)
def test_addresses_that_are_not_public_are_refused(address: str, why: str) -> None:
    found = refusal(ipaddress.ip_address(address))
    assert found is not None and why in found


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


def test_a_name_with_one_private_address_among_public_ones_is_refused() -> None:
    guard = Guard(resolver=lambda host, port: ["93.184.215.14", "10.0.0.7"])
    with pytest.raises(Blocked, match=r"example\.test \(10\.0\.0\.7\) is a private address"):
        guard.addresses("example.test", 80)
    assert Guard(resolver=lambda h, p: ["93.184.215.14"]).addresses("example.test", 80) == [
        "93.184.215.14"
    ]


def test_the_socket_connects_to_the_address_the_guard_checked(link_server: LinkServer) -> None:
    """A name is resolved once, by the guard, and the connection goes to that address: a second
    resolution (DNS rebinding) cannot swap in another one. The Host header keeps the name."""
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    with Fetcher(allow=LOCAL, resolver=resolver) as fetcher:
        got = fetcher.fetch(f"http://links.test:{link_server.port}/echo")
    assert got.status == 200 and asked == ["links.test"]
    assert link_server.log[0].headers["Host"] == f"links.test:{link_server.port}"


def test_every_redirect_hop_is_checked(link_server: LinkServer) -> None:
    with Fetcher(allow=LOCAL) as fetcher:
        with pytest.raises(Blocked, match=r"10\.0\.0\.1 is a private address") as caught:
            fetcher.fetch(link_server.url("/to-private"))
        assert caught.value.url == "http://10.0.0.1/internal"
        with pytest.raises(Blocked, match="link-local"):
            fetcher.fetch(link_server.url("/to-metadata"))
        with pytest.raises(Blocked, match="not http"):
            fetcher.fetch(link_server.url("/to-ftp"))
    assert link_server.requests("/hop") == ["GET"]


def test_redirects_are_bounded(link_server: LinkServer) -> None:
    with Fetcher(allow=LOCAL, max_redirects=3) as fetcher, pytest.raises(TooManyRedirects):
        fetcher.fetch(link_server.url("/loop"))
    assert len(link_server.requests("/loop")) == 4


def test_redirects_are_followed_and_recorded(link_server: LinkServer) -> None:
    with Fetcher(allow=LOCAL) as fetcher:
        got = fetcher.fetch(link_server.url("/old/article"))
    assert got.status == 200 and got.redirects == (link_server.url("/"),)
    assert got.final_url == link_server.url("/") and got.url == link_server.url("/old/article")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "mailto:someone@example.org", "javascript:alert(1)",
            "file:///etc/passwd", "http://", "https://[::1", "not a url"],
)
def test_only_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(BadUrl):
        sanitize_url(url)


def test_urls_lose_their_credentials_and_fragment() -> None:
    assert sanitize_url(" https://user:pw@Example.org:8443/a?b=1#c ") == (
        "https://example.org:8443/a?b=1"
    )
    assert sanitize_url("//example.org") == "https://example.org/"


def test_no_credentials_and_no_cookies_are_sent(link_server: LinkServer,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: object) -> None:
    netrc = tmp_path / "netrc"  # type: ignore[operator]
    netrc.write_text("machine 127.0.0.1 login me password secret\n")
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    with Fetcher(allow=LOCAL, user_agent="LinkTest/1.0 (me@example.org)") as fetcher:
        url = link_server.url("/echo").replace("http://", "http://user:pw@")
        fetcher.fetch(url)  # answers with Set-Cookie
        fetcher.fetch(link_server.url("/echo"))
    first, second = link_server.log
    for seen in (first, second):
        assert "Authorization" not in seen.headers and "Proxy-Authorization" not in seen.headers
        assert seen.headers["User-Agent"] == "LinkTest/1.0 (me@example.org)"
    assert "Cookie" not in second.headers


def test_the_default_user_agent_is_citecheck_s(link_server: LinkServer,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CITECHECK_USER_AGENT", raising=False)
    with Fetcher(allow=LOCAL) as fetcher:
        fetcher.fetch(link_server.url("/ok"))
    assert link_server.log[0].headers["User-Agent"].startswith("citecheck/")


def test_an_endless_body_is_read_up_to_the_limit(link_server: LinkServer) -> None:
    with Fetcher(allow=LOCAL, max_bytes=100_000) as fetcher:
        started = time.monotonic()
        got = fetcher.fetch(link_server.url("/huge"))
    assert got.status == 200 and got.truncated and len(got.body) == 100_000
    assert time.monotonic() - started < 5
    assert got.body.startswith(b"<html><head><title>Big</title>")


def test_bodies_that_are_not_text_are_not_read(link_server: LinkServer) -> None:
    with Fetcher(allow=LOCAL) as fetcher:
        got = fetcher.fetch(link_server.url("/pdf"))
    assert got.status == 200 and got.content_type == "application/pdf" and got.body == b""


def test_a_server_that_does_not_answer_times_out(link_server: LinkServer) -> None:
    with Fetcher(allow=LOCAL, read_timeout=0.5, total_timeout=5) as fetcher:
        started = time.monotonic()
        with pytest.raises(TimedOut):
            fetcher.fetch(link_server.url("/slow"))
    assert time.monotonic() - started < 2


def test_a_trickling_body_is_cut_at_the_total_time_limit(link_server: LinkServer) -> None:
    """Each byte comes well within the read timeout; only the total limit stops it."""
    with Fetcher(allow=LOCAL, read_timeout=2, total_timeout=1) as fetcher:
        started = time.monotonic()
        with pytest.raises(TimedOut, match="1 s limit"):
            fetcher.fetch(link_server.url("/drip"))
    assert time.monotonic() - started < 2


def test_tls_to_a_plain_http_server_is_a_tls_failure(link_server: LinkServer) -> None:
    with Fetcher(allow=LOCAL) as fetcher, pytest.raises(TlsFailure):
        fetcher.fetch(f"https://127.0.0.1:{link_server.port}/ok")


def test_a_name_that_does_not_exist(link_server: LinkServer) -> None:
    def nxdomain(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def no_network(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    with Fetcher(resolver=nxdomain) as fetcher, pytest.raises(DnsFailure) as caught:
        fetcher.fetch("https://no-such-host.test/page")
    assert caught.value.permanent and caught.value.url == "https://no-such-host.test/page"
    with Fetcher(resolver=no_network) as fetcher, pytest.raises(DnsFailure) as caught:
        fetcher.fetch("https://no-such-host.test/page")
    assert not caught.value.permanent


@responses.activate
def test_name_resolution_errors_from_the_http_stack_are_dns_failures() -> None:
    from urllib3.exceptions import MaxRetryError, NameResolutionError

    error = NameResolutionError("gone.test", None,  # type: ignore[arg-type]
                                socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    responses.add(responses.HEAD, "https://gone.test/a",
                  body=requests.exceptions.ConnectionError(MaxRetryError(None, "/a", error)))  # type: ignore[arg-type]
    with Fetcher() as fetcher, pytest.raises(DnsFailure) as caught:
        fetcher.fetch("https://gone.test/a", method="HEAD")
    assert caught.value.permanent


@responses.activate
def test_certificate_errors_are_tls_failures() -> None:
    responses.add(responses.GET, "https://expired.test/a",
                  body=requests.exceptions.SSLError("certificate verify failed: expired"))
    with Fetcher() as fetcher, pytest.raises(TlsFailure, match="certificate verify failed"):
        fetcher.fetch("https://expired.test/a")


@pytest.mark.parametrize("value", ["localhost", "10.0.0.0/33", "", "1.2.3"])
def test_allow_takes_addresses_and_networks_only(value: str) -> None:
    with pytest.raises(UsageError, match="--allow-address"):
        parse_allow([value])
    assert [str(n) for n in parse_allow(["127.0.0.1", "10.0.0.0/8", "[::1]"])] == [
        "127.0.0.1/32", "10.0.0.0/8", "::1/128",
    ]
