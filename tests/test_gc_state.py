"""A check turns the cyclic garbage collector off while it builds the article and, on the way
out, hands what it built to the oldest generation (citecheck.api._no_gc). That is safe only if a
check leaves no cyclic garbage, and polite only if the caller's collector state is restored."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from citecheck import check
from citecheck.checker import Checker
from citecheck.history import read_dump

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*/*.wiki"))
HISTORIES = ROOT / "fixtures" / "revisions" / "wikiwho_anarchism"
LAST60 = HISTORIES / "enwiki_Anarchism_history_last60.xml.bz2"


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The collector off and empty, so that gc.collect() counts only what the test left."""
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    yield
    if was:
        gc.enable()


def test_a_check_leaves_no_cyclic_garbage(collector_off: None) -> None:
    for path in ARTICLES[::9]:
        report = check(path.read_text(encoding="utf-8"))
        assert report.findings is not None
        del report
        assert gc.collect() == 0, path.name


def test_rechecking_versions_leaves_no_cyclic_garbage(collector_off: None) -> None:
    checker = Checker()
    for revision in itertools.islice(read_dump(LAST60), 0, 60, 5):
        report = checker.check(revision.text or "")
        del report
        assert gc.collect() == 0, revision.revid


def test_a_cycle_is_still_collected_after_a_check() -> None:
    """The garbage a check cannot see is collected as before (the check moved it to the oldest
    generation, which a full collection walks)."""
    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a
    del a, b
    check("A sentence.<ref>x</ref>\n")
    assert gc.collect() >= 2


def test_the_collector_state_is_the_callers() -> None:
    was = gc.isenabled()
    try:
        gc.disable()
        check("A sentence.\n")
        assert not gc.isenabled()  # left off when it was off
        gc.enable()
        check("A sentence.\n")
        assert gc.isenabled()
        gc.freeze()
        frozen = gc.get_freeze_count()
        try:
            check("A sentence.\n")
            assert gc.get_freeze_count() == frozen  # the caller's freeze is not undone
        finally:
            gc.unfreeze()
    finally:
        (gc.enable if was else gc.disable)()
