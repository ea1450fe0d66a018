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


CORE = citecheck.Config(select=("C", "R", "E"))  # issue 2's rules: coverage and references


def best_times(text: str, repeat: int) -> tuple[float, float, float]:
    """Best parse, core-check and full-check times, measured alternately so noise hits all."""
    parse_times, core_times, full_times = [], [], []
    for _ in range(repeat):
        parse_times.append(timed(mwparserfromhell.parse, text))
        core_times.append(timed(lambda t: citecheck.check(t, format="wikitext", config=CORE), text))
        full_times.append(timed(lambda t: citecheck.check(t, format="wikitext"), text))
    return min(parse_times), min(core_times), min(full_times)


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
        rows.append((path, len(text), *best_times(text, args.repeat)))
    rows.sort(key=lambda r: -r[1])
    print(f"{'article':50} {'KB':>6} {'parse ms':>9} {'core ms':>8} {'full ms':>8} "
          f"{'core':>5} {'full':>5} {'+cons':>6}")
    for path, size, p, c, f in rows[: args.top]:
        name = f"{path.parent.name}/{path.stem}"[:50]
        print(f"{name:50} {size / 1024:6.1f} {p * 1000:9.1f} {c * 1000:8.1f} {f * 1000:8.1f} "
              f"{c / p:5.2f} {f / p:5.2f} {(f - c) / p:6.2f}")
    total_p, total_c, total_f = (sum(r[i] for r in rows) for i in (2, 3, 4))
    largest = rows[0]
    print(f"\n{len(rows)} articles, {sum(r[1] for r in rows) / 1024:.0f} KB")
    print("ratios to mwparserfromhell.parse: core = coverage and reference rules (issue 2); "
          "full = every rule; +cons = what the consistency rules and their extraction add")
    print(f"largest ({largest[0].stem}): core {largest[3] / largest[2]:.2f}x, "
          f"full {largest[4] / largest[2]:.2f}x, +cons {(largest[4] - largest[3]) / largest[2]:.2f}x")
    print(f"whole corpus: parse {total_p:.2f}s, core {total_c:.2f}s ({total_c / total_p:.2f}x), "
          f"full {total_f:.2f}s ({total_f / total_p:.2f}x), +cons {(total_f - total_c) / total_p:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
