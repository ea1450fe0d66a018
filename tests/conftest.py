"""Shared fixtures: a real MediaWiki on loopback, filled from real articles and histories.

The ``mediawiki`` fixture builds the wiki once per test session (scripts/mediawiki create, then
import of the export XML that tests/wikidump.py writes), serves it with ``php -S`` on a free
loopback port, and stops the server at the end. Tests that use it fail, never skip, when
MediaWiki is not installed: ``make test`` installs it, ``scripts/mediawiki install`` does by hand.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
import requests
import wikidump  # tests/ is on sys.path: it is not a package, pytest puts it there

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "mediawiki"
MEDIAWIKI = Path("/usr/share/mediawiki")
START_TIMEOUT = 30.0
pytest_plugins = ("linkserver",)  # link_server: a local web server for the link checks


@attrs.frozen
class LocalRevision:
    """A revision as the local wiki numbered it on import (ids are the wiki's, not the dump's)."""

    revid: int
    parentid: int | None
    timestamp: str
    user: str
    comment: str
    size: int


@attrs.frozen
class LocalWiki:
    """The running test wiki: where its API is, what it holds, and the ids it gave."""

    api_url: str
    directory: Path
    pages: tuple[wikidump.Page, ...]
    revisions: dict[str, tuple[LocalRevision, ...]]
    """Every page's revisions as the wiki reports them, oldest first."""
    pageids: dict[str, int]

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(p.title for p in self.pages)

    def latest(self, title: str) -> LocalRevision:
        return self.revisions[title][-1]


def _require_mediawiki() -> None:
    if shutil.which("php") is None or not (MEDIAWIKI / "maintenance" / "install.php").exists():
        pytest.fail(
            "MediaWiki and PHP are not installed, and the integration tests need them: run "
            "`scripts/mediawiki install` as root (`make test` does it), then the tests again.",
            pytrace=False,
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _script(*args: str) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                            text=True, timeout=300, check=False)
    if result.returncode != 0:
        pytest.fail(f"scripts/mediawiki {args[0]} failed: {result.stderr.strip()}",
                    pytrace=False)


def _wait_until_up(api: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"php -S exited ({server.returncode}): {log.read_text()[-500:]}",
                        pytrace=False)
        try:
            answer = requests.get(api, params={"action": "query", "meta": "siteinfo",
                                               "format": "json"}, timeout=5)
            if answer.ok and "query" in answer.json():
                return
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.1)
    pytest.fail(f"the local wiki did not answer within {START_TIMEOUT:.0f} s", pytrace=False)


def _read_back(api: str, titles: list[str]) -> tuple[dict[str, tuple[LocalRevision, ...]],
                                                       dict[str, int]]:
    """Each page's revisions as the wiki numbered them: plain requests, not the client under
    test, so a bug in the client cannot hide behind its own expectations."""
    revisions: dict[str, tuple[LocalRevision, ...]] = {}
    pageids: dict[str, int] = {}
    for title in titles:
        answer = requests.get(api, params={
            "action": "query", "prop": "revisions", "titles": title, "rvlimit": "max",
            "rvdir": "newer", "rvprop": "ids|timestamp|user|comment|size",
            "format": "json", "formatversion": "2"}, timeout=30).json()
        page = answer["query"]["pages"][0]
        assert "continue" not in answer and "missing" not in page, (title, answer)
        pageids[page["title"]] = page["pageid"]
        revisions[page["title"]] = tuple(
            LocalRevision(r["revid"], r.get("parentid") or None, r["timestamp"], r["user"],
                          r.get("comment", ""), r["size"])
            for r in page["revisions"]
        )
    return revisions, pageids


@pytest.fixture(scope="session")
def mediawiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalWiki]:
    """The local MediaWiki, created and filled once per session, served on loopback."""
    _require_mediawiki()
    directory = tmp_path_factory.mktemp("mediawiki")
    wiki = directory / "wiki"
    pages = wikidump.wiki_pages()
    dump = wikidump.build(directory / "dump.xml", pages)
    _script("create", str(wiki))
    _script("import", str(wiki), str(dump))
    port = _free_port()
    log = directory / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen([sys.executable, str(SCRIPT), "serve", str(wiki), str(port)],
                                  stdout=output, stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/api.php"
    try:
        _wait_until_up(api, server, log)
        revisions, pageids = _read_back(api, [p.title for p in pages])
        yield LocalWiki(api_url=api, directory=wiki, pages=tuple(pages), revisions=revisions,
                        pageids=pageids)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
