"""Whole-check time against ``mwparserfromhell.parse`` alone, per corpus article, same run.

Usage: python bench/check_corpus.py [--repeat N] [--top K] [PATH…]
Prints, per article and in total, the ratio of ``citecheck.check`` (parse + model + every rule)
to ``mwparserfromhell.parse`` on the same text. Each timing is the best of N interleaved runs,
which damps the noise of a shared machine. Targets (issue 2): ≤ 1.5× on the largest article and
over the whole corpus.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import mwparserfromhell

import citecheck

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "articles"


def timed(fn, text: str) -> float:  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def best_pair(text: str, repeat: int) -> tuple[float, float]:
    """Best parse and best check time, the two measured alternately so noise hits both."""
    parse_times, check_times = [], []
    for _ in range(repeat):
        parse_times.append(timed(mwparserfromhell.parse, text))
        check_times.append(timed(lambda t: citecheck.check(t, format="wikitext"), text))
    return min(parse_times), min(check_times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=15, help="articles to list (largest first)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(CORPUS.glob("*/*.wiki"))
    rows = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        parse_t, check_t = best_pair(text, args.repeat)
        rows.append((path, len(text), parse_t, check_t))
    rows.sort(key=lambda r: -r[1])
    print(f"{'article':60} {'KB':>7} {'parse ms':>9} {'check ms':>9} {'ratio':>6}")
    for path, size, p, c in rows[: args.top]:
        name = f"{path.parent.name}/{path.stem}"[:60]
        print(f"{name:60} {size / 1024:7.1f} {p * 1000:9.1f} {c * 1000:9.1f} {c / p:6.2f}")
    total_p = sum(r[2] for r in rows)
    total_c = sum(r[3] for r in rows)
    largest = rows[0]
    print(f"\n{len(rows)} articles, {sum(r[1] for r in rows) / 1024:.0f} KB")
    print(f"largest ({largest[0].stem}): {largest[3] / largest[2]:.2f}x parse")
    print(f"whole corpus: parse {total_p:.2f}s, check {total_c:.2f}s, ratio {total_c / total_p:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
