"""Benchmark of sentence segmenters on the fixture articles, against ``mwparserfromhell.parse``.

Usage (from the project root)::

    .venv/bin/python bench/segmenters.py                 # ours only: the alternatives are absent
    /tmp/segbench/bin/python bench/segmenters.py         # a throwaway venv with the alternatives

The throwaway venv needs ``mwparserfromhell`` and any of ``pysbd syntok nltk nupunkt blingfire``
(blingfire also needs numpy); none of them is a dependency of citecheck. A segmenter whose package
is missing is skipped. Input: every ``fixtures/articles/*/*.wiki``, stripped crudely with
``mwparserfromhell.parse(t).strip_code()`` and split into paragraphs at blank lines, each paragraph
segmented by one call (as citecheck does). Times are the best of ``--repeat`` runs, taken in the
same process as the ``mwparserfromhell.parse`` time of the same article, so the ratio is fair even
on a busy machine (absolute milliseconds are not: compare ratios).

Accuracy: each segmenter also runs over ``tests/cases/sentences.json``; a case passes when the
sentences match after whitespace normalisation.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import mwparserfromhell

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
CASES = ROOT / "tests" / "cases" / "sentences.json"
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")

Segment = Callable[[str, "str | None"], list]  # text, lang -> sentences (strings or spans)


def _load_split_sentences() -> Callable[..., list[tuple[int, int]]]:
    """Import ours; in a venv without citecheck installed, load the module file directly."""
    try:
        from citecheck.parsing.sentences import split_sentences
    except ImportError:
        path = ROOT / "src" / "citecheck" / "parsing" / "sentences.py"
        spec = importlib.util.spec_from_file_location("citecheck_sentences", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        split_sentences = module.split_sentences
    return split_sentences


# --- candidates: each factory returns (segment_for_timing, segment_to_strings) or raises ------


def make_ours() -> tuple[Segment, Segment]:
    split = _load_split_sentences()

    def strings(text: str, lang: str | None) -> list[str]:
        return [text[a:b] for a, b in split(text, lang)]

    return split, strings


def make_pysbd() -> tuple[Segment, Segment]:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    cache: dict[str, object] = {}

    def segment(text: str, lang: str | None) -> list[str]:
        code = lang if lang in LANGUAGE_CODES else "en"
        if code not in cache:
            cache[code] = pysbd.Segmenter(language=code, clean=False)
        return cache[code].segment(text)

    return segment, segment


def make_syntok() -> tuple[Segment, Segment]:
    from syntok import segmenter

    def segment(text: str, lang: str | None) -> list[str]:
        return [
            "".join(t.spacing + t.value for t in sentence)
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
        ]

    return segment, segment


def make_nltk() -> tuple[Segment, Segment]:
    import nltk
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    try:
        nltk.data.find("tokenizers/punkt_tab/english/")
        tokenizer = nltk.data.load("tokenizers/punkt_tab/english/")  # pragma: no cover
    except LookupError:
        # The trained models are a separate download (nltk.download), not a PyPI package;
        # without them Punkt runs untrained: no abbreviation list at all.
        tokenizer = PunktSentenceTokenizer()

    def segment(text: str, lang: str | None) -> list[str]:
        return tokenizer.tokenize(text)

    return segment, segment


def make_nupunkt() -> tuple[Segment, Segment]:
    import nupunkt

    def segment(text: str, lang: str | None) -> list[str]:
        return nupunkt.sent_tokenize(text)

    return segment, segment


def make_blingfire() -> tuple[Segment, Segment]:
    import blingfire

    def segment(text: str, lang: str | None) -> list[str]:
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [text[a:b] for a, b in offsets]

    return segment, segment


CANDIDATES: dict[str, Callable[[], tuple[Segment, Segment]]] = {
    "citecheck": make_ours,
    "pysbd": make_pysbd,
    "syntok": make_syntok,
    "nltk-punkt": make_nltk,
    "nupunkt": make_nupunkt,
    "blingfire": make_blingfire,
}


# --- measuring ------------------------------------------------------------------------------


def load_articles(limit: int | None) -> list[tuple[str, str, str, list[str]]]:
    """(lang, name, raw wikitext, paragraphs of the stripped text), biggest first."""
    paths = sorted(ARTICLES.glob("*/*.wiki"), key=lambda p: -p.stat().st_size)
    out = []
    for path in paths[:limit]:
        raw = path.read_text(encoding="utf-8")
        stripped = mwparserfromhell.parse(raw).strip_code()
        paragraphs = [p for p in PARAGRAPH_BREAK.split(stripped) if p.strip()]
        out.append((path.parent.name, path.name, raw, paragraphs))
    return out


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def time_article(segment: Segment, lang: str, paragraphs: list[str], repeat: int) -> float:
    """Best of ``repeat`` runs over the paragraphs; each run gets differently padded copies
    (trailing spaces, which change no boundary) so that a segmenter's result cache (nupunkt has
    one) cannot answer a repeat from memory."""
    best = float("inf")
    for r in range(repeat):
        padded = [p + " " * (r + 1) for p in paragraphs]
        t0 = time.perf_counter()
        for paragraph in padded:
            segment(paragraph, lang)
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def normalise(sentences: list[str]) -> list[str]:
    return [" ".join(s.split()) for s in sentences if s.strip()]


def accuracy(strings: Segment, cases: list[dict]) -> tuple[int, list[str]]:
    """Cases passed, and the 'why' of those failed."""
    passed, failed = 0, []
    for case in cases:
        try:
            got = normalise(strings(case["text"], case.get("lang")))
        except Exception as exc:  # noqa: BLE001 - a crashing segmenter fails the case
            got = [f"<{type(exc).__name__}>"]
        if got == normalise(case["expected"]):
            passed += 1
        else:
            failed.append(case.get("why") or case["text"][:40])
    return passed, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(CANDIDATES), help="segmenters to run")
    parser.add_argument("--max-articles", type=int, default=None, help="the N biggest articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--show-failures", action="store_true", help="list failed accuracy cases")
    args = parser.parse_args(argv)

    segmenters: dict[str, tuple[Segment, Segment]] = {}
    for name, factory in CANDIDATES.items():
        if args.only and name not in args.only:
            continue
        try:
            segmenters[name] = factory()
        except ImportError as exc:
            print(f"skip {name}: {exc}")
            continue
        segmenters[name][0]("Warm up. Load models and compile patterns.", "en")
    if "nltk-punkt" in segmenters:
        import nltk

        try:
            nltk.data.find("tokenizers/punkt_tab/english/")
        except LookupError:
            print(
                "note: nltk punkt data is not installed (it is a download, not a PyPI package);"
                " nltk-punkt runs untrained"
            )

    articles = load_articles(args.max_articles)
    total_chars = sum(sum(map(len, a[3])) for a in articles)
    print(
        f"{len(articles)} articles, {sum(len(a[2]) for a in articles) / 1e6:.2f} MB wikitext, "
        f"{total_chars / 1e6:.2f} M chars of stripped text; best of {args.repeat}\n"
    )

    parse_ms = {
        name: best_time(lambda raw=raw: mwparserfromhell.parse(raw), args.repeat)
        for _, name, raw, _ in articles
    }
    biggest = articles[0]
    print(
        f"{'segmenter':<12} {'total ms':>10} {'ratio':>7} {'worst':>7} "
        f"{biggest[1][:28]:>30} {'ratio':>7}"
    )
    print(
        f"{'mw.parse':<12} {sum(parse_ms.values()):>10.1f} {1:>7.3f} {'':>7} "
        f"{parse_ms[biggest[1]]:>30.1f} {1:>7.3f}"
    )
    for name, (timed, _) in segmenters.items():
        per = {n: time_article(timed, lang, paras, args.repeat) for lang, n, _, paras in articles}
        total = sum(per.values())
        worst = max(per[n] / parse_ms[n] for n in per)
        big = per[biggest[1]]
        print(
            f"{name:<12} {total:>10.1f} {total / sum(parse_ms.values()):>7.3f} {worst:>7.3f} "
            f"{big:>30.1f} {big / parse_ms[biggest[1]]:>7.3f}"
        )

    if "citecheck" in segmenters:
        whole = "\n\n".join(biggest[3])
        ms = best_time(lambda: segmenters["citecheck"][0](whole, biggest[0]), args.repeat)
        print(
            f"\ncitecheck on the whole stripped text of {biggest[1]} "
            f"({len(whole) / 1000:.0f} K chars, one call): {ms:.1f} ms"
        )

    cases = json.loads(CASES.read_text(encoding="utf-8"))
    print(
        f"\naccuracy on {len(cases)} cases of {CASES.relative_to(ROOT)} "
        "(whitespace-normalised exact match):"
    )
    for name, (_, strings) in segmenters.items():
        passed, failed = accuracy(strings, cases)
        print(f"  {name:<12} {passed:>3}/{len(cases)}")
        if args.show_failures:
            for why in failed:
                print(f"      fails: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
