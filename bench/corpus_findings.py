"""Findings per rule on the real corpus, with a sample of each rule's findings to inspect.

Usage: python bench/corpus_findings.py [--samples N] [--rule NAME]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import citecheck

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--rule", action="append", default=[])
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    claims = cited = 0
    paths = sorted(CORPUS.glob("*/*.wiki"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        report = citecheck.check(text, format="wikitext")
        claims += len(report.claims)
        cited += sum(1 for c in report.claims if c.refs)
        seen = set()
        for f in report.findings:
            counts[f.rule] += 1
            seen.add(f.rule)
            pos = report.article.lines.position(f.span.start)
            examples.setdefault(f.rule, []).append(
                f"{path.parent.name}/{path.stem}:{pos.line}: {f.message[:160]}"
            )
        articles.update(seen)
    print(f"{len(paths)} articles, {claims} claims, {cited / claims:.0%} directly cited\n")
    print(f"{'rule':22} {'findings':>8} {'articles':>8}")
    for rule, n in counts.most_common():
        print(f"{rule:22} {n:8} {articles[rule]:8}")
    rng = random.Random(7)
    for rule in sorted(examples):
        if args.rule and rule not in args.rule:
            continue
        print(f"\n## {rule}")
        for line in rng.sample(examples[rule], min(args.samples, len(examples[rule]))):
            print("  " + line)


if __name__ == "__main__":
    main()
