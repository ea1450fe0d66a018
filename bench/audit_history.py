"""Audit cost against one check, and streaming a gigabyte history in bounded memory (issue 4).

Usage: python bench/audit_history.py [--repeat N] [--skip-stream] [--full] [--last60 PATH]
                                     [--history PATH]

1. Audits the 60 revisions of the "Anarchism" last-60 dump with one Checker and prints the ratio
   of the whole audit's time to ``citecheck.check`` of the newest revision alone (target: at most
   10×), and to ``mwparserfromhell.parse`` of that revision. Times are the best of N rounds,
   the three timings interleaved within each round.
2. Streams the full 15,180-revision history (``.xml.lzma``, 1.05 GB once uncompressed) and
   reports the time and the process's peak resident memory (target: under 1 GB). ``--full``
   audits every revision of it too, as ``citecheck audit --format json`` does (each revision
   written out as it is done), which takes long: every distinct text is checked.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

import mwparserfromhell

import citecheck
from citecheck.checker import Checker
from citecheck.history import Auditor, AuditWriter, audit, read_dump

ROOT = Path(__file__).resolve().parent.parent
HISTORIES = ROOT / "fixtures" / "revisions" / "wikiwho_anarchism"
LAST60 = HISTORIES / "enwiki_Anarchism_history_last60.xml.bz2"
FULL = HISTORIES / "enwiki_Anarchism_full_history_2001-2010.xml.lzma"
TARGET_RATIO = 10.0
TARGET_RSS_MB = 1024.0


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_interleaved(fns, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    """The best time of each function over ``repeat`` rounds, run in turn within each round so
    that the noise of a shared machine hits all of them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for slot, fn in zip(times, fns, strict=True):
            slot.append(timed(fn))
    return [min(slot) for slot in times]


def max_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def bench_audit(path: Path, repeat: int) -> None:
    revisions = list(read_dump(path))  # read once: the bench times checking, not decompressing
    newest = revisions[-1].text or ""
    citecheck.check(newest, format="wikitext")  # warm caches and imports for both timings
    result = audit(revisions, Checker())
    audit_time, check_time, parse_time = best_interleaved([
        lambda: audit(revisions, Checker()),
        lambda: citecheck.check(newest, format="wikitext"),
        lambda: mwparserfromhell.parse(newest),
    ], repeat)
    print(f"audit of {path.name}: {len(revisions)} revisions "
          f"({result.count('checked')} checked, {result.count('reused')} reused, "
          f"{result.count('skipped')} skipped), {len(result.open)} findings open")
    print(f"  whole audit                     {audit_time:8.2f} s")
    print(f"  check of the newest revision    {check_time:8.3f} s   "
          f"({len(newest):,} characters)")
    print(f"  mwparserfromhell.parse (newest) {parse_time:8.3f} s")
    ratio = audit_time / check_time
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"  audit / check(newest)  = {ratio:6.1f}×  ({verdict} the ≤ {TARGET_RATIO:g}× target)")
    print(f"  audit / parse(newest)  = {audit_time / parse_time:6.1f}×")


def bench_stream(path: Path, full: bool) -> None:
    start = time.perf_counter()
    count = chars = 0
    if full:  # as `citecheck audit --format json` does it: entries written out, not kept
        auditor = Auditor(Checker(), keep=False)
        size = 0

        def sink(text: str) -> None:
            nonlocal size
            size += len(text.encode("utf-8"))

        with AuditWriter("json") as writer:
            for revision in read_dump(path):
                writer.add(auditor.feed(revision))
                count += 1
                if count % 500 == 0:
                    print(f"  … {count} revisions audited, {time.perf_counter() - start:.0f} s, "
                          f"peak RSS {max_rss_mb():.0f} MB", file=sys.stderr)
            result = auditor.result(path=str(path))
            writer.finish(result, sink)
        what = (f"audited {count} revisions ({result.count('checked')} checked, "
                f"{result.count('reused')} reused, {result.count('skipped')} skipped), "
                f"{len(result.open)} findings open, {size / 1e6:.0f} MB of JSON")
    else:
        for revision in read_dump(path):
            count += 1
            chars += len(revision.text or "")
        what = f"streamed {count} revisions, {chars:,} characters of wikitext"
    elapsed = time.perf_counter() - start
    rss = max_rss_mb()
    verdict = "meets" if rss < TARGET_RSS_MB else "misses"
    print(f"{path.name}: {what}")
    print(f"  time {elapsed:.1f} s ({count / elapsed:.0f} revisions/s); peak RSS {rss:.0f} MB "
          f"({verdict} the < {TARGET_RSS_MB:g} MB target)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of timings (the best of each is kept)")
    parser.add_argument("--skip-stream", action="store_true", help="only the 60-revision audit")
    parser.add_argument("--full", action="store_true",
                        help="audit every revision of the full history, not only stream it")
    parser.add_argument("--last60", type=Path, default=LAST60)
    parser.add_argument("--history", type=Path, default=FULL)
    args = parser.parse_args()
    if not args.skip_stream:
        bench_stream(args.history, args.full)  # first: its peak RSS is not the audit's
    bench_audit(args.last60, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
