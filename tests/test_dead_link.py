"""dead-link end to end: `citecheck check --online` against a real server on 127.0.0.1, and the
offline check, which must never touch the network."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from linkserver import LinkServer

from citecheck import Config, check
from citecheck.cli import main

ARTICLE = """The bridge opened in 1932.<ref>{{cite web |url={base}/404 |title=Opening}}</ref>
It was painted red in 1990.<ref>{{cite web |url={base}/403 |title=Paint}}</ref>
It was closed in 2001.<ref>{{cite web |url={base}/410 |title=Closure
 |archive-url={base}/ok |archive-date=2019-01-01}}</ref>
It reopened in 2005.<ref>[{base}/old/article Reopening]</ref>
It is still open.<ref>{{cite web |url={base}/ok |title=Today}}</ref>

== References ==
{{reflist}}
"""


def _article(tmp_path: Path, server: LinkServer) -> Path:
    path = tmp_path / "Bridge.wiki"
    path.write_text(ARTICLE.replace("{base}", server.url("")), encoding="utf-8")
    return path


def test_cli_online_reports_dead_links(link_server: LinkServer, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = _article(tmp_path, link_server)
    status = main(["check", "--online", "--allow-address", "127.0.0.1", "--select", "dead-link",
                   "--format", "json", str(path)])
    out = capsys.readouterr()
    assert status == 1, out.err
    findings = json.loads(out.out)["documents"][0]["findings"]
    got = [(f["severity"], f["data"]["state"], f["data"]["url"].rsplit("/", 1)[-1])
           for f in findings]
    assert got == [
        ("warning", "dead", "404"),
        ("info", "paywalled", "403"),
        # /410 is dead but its archived copy answers: nothing to say
        ("warning", "redirected-home", "article"),
    ]
    assert all(f["code"] == "S401" and f["rule"] == "dead-link" for f in findings)
    text = path.read_text(encoding="utf-8")
    first = findings[0]
    assert text[first["span"]["start"] : first["span"]["end"]] == link_server.url("/404")
    # each URL was fetched once; the live page of the archived citation not at all
    assert link_server.requests("/404") == ["HEAD", "GET"]
    assert link_server.requests("/410") == []
    assert link_server.requests("/ok") == ["HEAD", "GET"]


def test_cli_online_text_output_and_fail_on(link_server: LinkServer, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = _article(tmp_path, link_server)
    status = main(["check", "--online", "--allow-address", "127.0.0.1", "--select", "S4",
                   "--color", "never", str(path)])
    out = capsys.readouterr().out
    assert status == 1
    assert f"Bridge.wiki:1:48: warning S401 dead-link dead link: {link_server.url('/404')}" in out
    status = main(["check", "--online", "--allow-address", "127.0.0.1", "--select", "S4",
                   "--fail-on", "error", str(path)])
    assert status == 0


def test_cli_online_without_allow_does_not_reach_the_local_server(
        link_server: LinkServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _article(tmp_path, link_server)
    status = main(["check", "--online", "--select", "dead-link", "--format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    assert status == 0  # blocked links are info, never dead
    assert findings and {f["data"]["state"] for f in findings} == {"blocked"}
    assert link_server.log == []


def test_cli_diff_online_reports_the_dead_source_an_edit_adds(
        link_server: LinkServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Edit Check with --online: a dead source the edit cites is added; the dead source the
    page cited before is not (it is no news), and without --online nothing is fetched."""
    base = link_server.url("")
    old = ("The bridge opened in 1932.<ref>{{cite web |url=" + base + "/404 |title=Opening}}"
           "</ref>\n\n== References ==\n{{reflist}}\n")
    new = old.replace("\n\n== References", " It was painted in 1990.<ref>{{cite web |url="
                      + base + "/410 |title=Paint}}</ref>\n\n== References")
    (tmp_path / "old.wiki").write_text(old, encoding="utf-8")
    (tmp_path / "new.wiki").write_text(new, encoding="utf-8")
    files = [str(tmp_path / "old.wiki"), str(tmp_path / "new.wiki")]
    status = main(["diff", "--online", "--allow-address", "127.0.0.1", "--format", "json",
                   *files])
    out = capsys.readouterr()
    assert status == 1, out.err
    added = json.loads(out.out)["documents"][0]["findings"]
    assert [(f["rule"], f["data"]["url"]) for f in added] == [("dead-link", base + "/410")]
    assert link_server.requests("/404") == ["HEAD", "GET"]  # fetched once for both texts
    fetched = list(link_server.log)
    assert main(["diff", "--format", "json", *files]) == 0  # offline: nothing about sources
    assert json.loads(capsys.readouterr().out)["documents"][0]["findings"] == []
    assert link_server.log == fetched


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--allow-address", "localhost"], "--allow-address"),
        (["--allow-address", "10.0.0.0/40"], "--allow-address"),
        (["--link-timeout", "0"], "--link-timeout"),
        (["--link-timeout", "soon"], "--link-timeout"),
    ],
)
def test_cli_online_option_errors(args: list[str], needle: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.wiki"
    path.write_text("A.<ref>x</ref>\n", encoding="utf-8")
    assert main(["check", "--online", *args, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error:") and needle in err and "Traceback" not in err


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to resolve a name or open a connection is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is off in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_the_offline_check_never_touches_the_network(no_network: list[object], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    text = ARTICLE.replace("{base}", "https://example.org")
    report = check(text)
    assert not [f for f in report.findings if f.rule == "dead-link"]
    path = tmp_path / "Bridge.wiki"
    path.write_text(text, encoding="utf-8")
    assert main(["check", "--select", "dead-link", str(path)]) == 0
    assert "dead-link" not in capsys.readouterr().out
    assert no_network == []


def test_the_guard_fixture_does_catch_a_fetch(no_network: list[object]) -> None:
    """The fixture above is not vacuous: an online check does try the network."""
    from citecheck.wiki.online import OnlineGatherer

    text = ARTICLE.replace("{base}", "https://example.org")
    report = check(text, config=Config(select=("dead-link",)), online=OnlineGatherer())
    assert no_network  # it tried to resolve example.org
    assert {f.data["state"] for f in report.findings} == {"unreachable"}


def test_the_offline_check_does_not_import_the_network_layer() -> None:
    code = (
        "import sys, citecheck\n"
        "citecheck.check('A.<ref>{{cite web |url=https://example.org/a}}</ref>\\n{{reflist}}')\n"
        "print(sorted(m for m in sys.modules if m == 'requests' or m.startswith('citecheck.wiki')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
