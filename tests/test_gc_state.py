"""A check turns the cyclic garbage collector off while it builds the article and, on the way
out, hands what it built to the oldest generation (citecheck.api._no_gc). That is safe only if a
check leaves no cyclic garbage, and polite only if the caller's collector state is restored."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from citecheck import check

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*/*.wiki"))
HISTORIES = ROOT / "fixtures" / "revisions" / "wikiwho_anarchism"
LAST60 = HISTORIES / "enwiki_Anarchism_history_last60.xml.bz2"


_COUNT_GARBAGE = """
import gc, itertools, sys
from pathlib import Path
from citecheck import check
from citecheck.checker import Checker
from citecheck.history import read_dump

articles, history = Path(sys.argv[1]), Path(sys.argv[2])
gc.collect()
gc.disable()
found = []
for path in sorted(articles.glob("*/*.wiki"))[::9]:
    report = check(path.read_text(encoding="utf-8"))
    del report
    found.append(gc.collect())
checker = Checker()
for revision in itertools.islice(read_dump(history), 0, 60, 5):
    report = checker.check(revision.text or "")
    del report
    found.append(gc.collect())
print(len(found), sum(found))
"""


def test_checks_leave_no_cyclic_garbage() -> None:
    """Counted in a fresh interpreter: in the test process, objects other tests left (a
    connection class of the fetcher, held by a worker thread) may become garbage at any time."""
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_GARBAGE, str(ROOT / "fixtures" / "articles"), str(LAST60)],
        capture_output=True, text=True, check=True, timeout=600,
    )
    checks, garbage = map(int, done.stdout.split())
    assert checks == len(ARTICLES[::9]) + 12
    assert garbage == 0


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
