"""scripts/mediawiki: idempotent commands and one-line errors (the wiki itself is exercised by
the ``mediawiki`` fixture, which creates, imports and serves through this script)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SCRIPT, LocalWiki


def script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_usage() -> None:
    result = script("frobnicate")
    assert result.returncode == 2 and "scripts/mediawiki install" in result.stderr


def test_install_and_create_are_idempotent_and_quiet(mediawiki: LocalWiki) -> None:
    for args in (("install",), ("create", str(mediawiki.directory))):
        result = script(*args)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("import", "{tmp}", "dump.xml"), "holds no wiki; run 'scripts/mediawiki create"),
        (("serve", "{tmp}", "8080"), "holds no wiki"),
        (("create", "{full}"), "is not empty and holds no wiki"),
        (("import", "{wiki}", "{tmp}/no-such.xml"), "no-such.xml: no such file"),
        (("serve", "{wiki}", "99999"), "PORT must be a number from 1 to 65535"),
    ],
)
def test_errors_are_one_line(mediawiki: LocalWiki, tmp_path: Path, args: tuple[str, ...],
                             needle: str) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("not a wiki\n", encoding="utf-8")
    values = {"tmp": str(tmp_path), "full": str(tmp_path / "full"),
              "wiki": str(mediawiki.directory)}
    result = script(*(a.format(**values) for a in args))
    assert result.returncode == 1
    assert result.stderr.startswith("scripts/mediawiki: error: ")
    assert needle in result.stderr and result.stderr.count("\n") == 1
