"""``citecheck audit --site``: a page's history read from a real MediaWiki 1.39 on loopback.

The wiki holds the real history of "Pear" (tests/wikidump.py); the audit read through the API
must equal the audit of the same revisions read offline, and ask only for what the range needs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import LocalWiki

from citecheck.checker import Checker
from citecheck.cli import main
from citecheck.history import Auditor
from citecheck.wiki import WikiClient

ROOT = Path(__file__).resolve().parents[1]


def _audit(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    status = main(["audit", *args, "--format", "json", "--fail-on", "never"])
    captured = capsys.readouterr()
    return status, json.loads(captured.out), captured.err


def _offline(mediawiki: LocalWiki, title: str, revids: list[int]) -> dict[str, Any]:
    """The audit of the same revisions, fetched with the client and fed by hand."""
    client = WikiClient(mediawiki.api_url)
    auditor = Auditor(Checker())
    revisions = client.revisions_by_id(revids)
    auditor.set_baseline(revisions[0])
    for revision in revisions[1:]:
        auditor.feed(revision)
    return auditor.result(site=client.site).to_dict()


def test_last_revisions_of_a_real_history(mediawiki: LocalWiki, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    history = mediawiki.revisions["Pear"]
    status, data, err = _audit(capsys, "--site", mediawiki.api_url, "--title", "Pear",
                               "--revisions", "4", "--cache-dir", str(tmp_path))
    assert status == 0 and err == ""
    assert data["schema"] == "citecheck.audit/1"
    assert data["source"]["site"] == mediawiki.api_url.split("/")[2]
    assert data["source"]["title"] == "Pear"
    assert [r["revision"] for r in data["revisions"]] == [r.revid for r in history[-4:]]
    assert [r["user"] for r in data["revisions"]] == [r.user for r in history[-4:]]
    # the revision before the range is the baseline the first one is compared with
    assert data["revisions"][0]["parent"] == history[-5].revid
    expected = _offline(mediawiki, "Pear", [r.revid for r in history[-5:]])
    assert data["revisions"] == expected["revisions"]
    assert data["open"] == expected["open"]


def test_range_by_ids_and_by_time(mediawiki: LocalWiki, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    history = mediawiki.revisions["Pear"]
    assert len(history) >= 5
    first, last = history[1], history[-2]
    _status, data, _err = _audit(capsys, "--site", mediawiki.api_url, "--title", "Pear",
                                 "--from", str(first.revid), "--to", str(last.revid),
                                 "--no-cache")
    assert [r["revision"] for r in data["revisions"]] == [r.revid for r in history[1:-1]]
    assert data["revisions"][0]["parent"] == history[0].revid

    since = history[-3].timestamp  # revisions made at or after this time
    _status, data, _err = _audit(capsys, "--site", mediawiki.api_url, "--title", "Pear",
                                 "--since", since, "--no-cache")
    assert [r["revision"] for r in data["revisions"]] == [r.revid for r in history[-3:]]
    assert data["revisions"][0]["parent"] == history[-4].revid


def test_a_redirect_is_followed_and_noted(mediawiki: LocalWiki, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _status, data, err = _audit(capsys, "--site", mediawiki.api_url, "--title", "Pyrus",
                                "--revisions", "2", "--no-cache")
    assert err == "citecheck: note: Pyrus → Pear (redirect)\n"
    assert data["source"]["title"] == "Pear"


def test_cached_history_is_not_fetched_again(mediawiki: LocalWiki, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--site", mediawiki.api_url, "--title", "Pear", "--revisions", "5",
            "--cache-dir", str(tmp_path))
    first = _audit(capsys, *args)
    second = _audit(capsys, *args)
    assert first == second
    assert (tmp_path / "revisions.sqlite3").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--title", "No such article"], "no page “No such article”"),
        ([], "--site needs --title"),
        (["--title", "Pear", "--from", "99999999"], "no revision 99999999"),
        (["--title", "Pear", "--revisions", "2", "--since", "2020-01-01"],
         "give one of --since, --revisions"),
        (["--title", "Pear", "history.xml"], "give FILE or --site"),
    ],
)
def test_errors_are_one_line_exit_2(mediawiki: LocalWiki, tmp_path: Path, args: list[str],
                                    needle: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "citecheck", "audit", "--site", mediawiki.api_url, *args,
         "--cache-dir", str(tmp_path)],
        check=False, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("citecheck: error: ") and needle in lines[0]


def test_a_revision_of_another_page_is_refused(mediawiki: LocalWiki, tmp_path: Path) -> None:
    other = mediawiki.revisions["Douglas Adams"][-1].revid
    result = subprocess.run(
        [sys.executable, "-m", "citecheck", "audit", "--site", mediawiki.api_url, "--title",
         "Pear", "--from", str(other), "--no-cache"],
        check=False, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 2
    assert f"revision {other} (--from) is of “Douglas Adams”, not of “Pear”" in result.stderr


def test_wiki_options_need_site(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "citecheck", "audit", "history.xml", "--no-cache"],
        check=False, capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 2
    assert "--no-cache needs --site" in result.stderr
