"""Seeded-error benchmark for the consistency rules (issue 3).

Takes the real articles of fixtures/articles, injects one error of each kind into each article
where the article offers a place for it, checks the modified article and counts, per kind, the
injections that the expected rule reports at the injected place (recall). It also counts the
findings of those rules on the unmodified articles (to be inspected: docs/consistency.md).

The injections are generated from each article's own text by the rules below; nothing is listed
by hand, and the places are found with regexes independent of citecheck's own extraction, so the
benchmark does not share its blind spots.

Kinds:
  name-variant          a name (a capitalised word that some wikilink shows or targets, never
                        written in lower case) used at least three times mid-sentence gets, at
                        its last place, a transliteration variant (y/j, v/w, -sky/-ski, ch/tsch, k/c…)
                        or a close misspelling (a doubled or dropped letter, two letters swapped)
  date-contradiction    a full date written twice in the article is changed at its last place
  chronology-error      a year range "1990–1995" in prose is inverted
  invalid-date          a full date in prose becomes one that cannot exist (31 June, 30 February)
  deadline-contradiction two generated sentences appended to a prose paragraph: a deadline and
                        the action dated after it (controls: dated before it, never flagged)

Usage: python bench/seeded_errors.py [--seed N] [--limit N] [--verbose]
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import citecheck
from citecheck.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "articles"
RULES = ("name-variant", "date-contradiction", "chronology-error", "invalid-date",
         "deadline-contradiction")
MONTHS = list(calendar.month_name)[1:]
_MONTH = "|".join(MONTHS)
DMY = re.compile(rf"\b([1-9]|[12]\d|3[01]) ({_MONTH}) (1[5-9]\d\d|20\d\d)\b")
MDY = re.compile(rf"\b({_MONTH}) ([1-9]|[12]\d|3[01]), (1[5-9]\d\d|20\d\d)\b")
TEMPLATE_DATE = re.compile(
    r"\{\{\s*(?:[Bb]irth|[Dd]eath|[Ss]tart|[Ee]nd|[Ff]ilm)[ _]date(?:[ _]and[ _]age)?\s*"
    r"(?:\|\s*(?:df|mf)\s*=\s*\w+\s*)?\|\s*(\d{4})\s*\|\s*(\d{1,2})\s*\|\s*(\d{1,2})"
)
RANGE = re.compile(r"(?<![\d,./-])(1[5-9]\d\d|20[0-2]\d)(–|-)(1[5-9]\d\d|20[0-2]\d)(?![\d,./-])")
NAME = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{4,})\b")
NOT_NAMES = frozenset(MONTHS) | frozenset(calendar.day_name) | {
    "English", "French", "German", "British", "American", "European", "Christian", "Catholic",
}
ACTIONS = (
    ("the transfer of the archive", "The last boxes of the archive were handed over"),
    ("the construction of the bridge", "The last section of the bridge was finished"),
    ("the evacuation of the garrison", "The last units of the garrison left"),
    ("the payment of the debt", "The final instalment of the debt was paid"),
)


@dataclass
class Injection:
    kind: str
    path: Path
    text: str
    span: tuple[int, int]
    """Where the error was put (offsets into the modified text)."""
    note: str
    control: bool = False
    """A control must produce no finding (the deadline is met)."""


def prose_spans(text: str) -> list[tuple[int, int]]:
    report = citecheck.check(text, format="wikitext", config=citecheck.Config(select=("C101",)))
    return [(c.span.start, c.span.end) for c in report.claims if c.kind == "prose"]


def in_prose(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


REF = re.compile(r"<ref\b[^>]*?(?<!/)>.*?</ref\s*>", re.IGNORECASE | re.DOTALL)
LINK_TARGET = re.compile(r"\[\[[^\[\]|]*\|")
PLAIN_LINK = re.compile(r"\[\[([^\[\]|#:]+)\]\]")
LINK_WORDS = re.compile(r"\[\[([^\[\]#]*)\]\]")
TAG = re.compile(r"<[^<>]*>")


def hidden(text: str) -> list[tuple[int, int]]:
    """Where a date is not the article's own statement: inside a reference (a citation's
    access-date, title or pages) or in the hidden target of a piped link."""
    return [m.span() for m in REF.finditer(text)] + [m.span() for m in LINK_TARGET.finditer(text)]


def visible(hide: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(a < end and start < b for a, b in hide)


def variant_of(word: str, rng: random.Random) -> str | None:
    swaps = [("y", "j"), ("v", "w"), ("sky", "ski"), ("ch", "tsch"), ("k", "c"), ("ts", "tz"),
             ("sh", "sch"), ("ou", "u"), ("ph", "f"), ("ie", "i")]
    rng.shuffle(swaps)
    for a, b in swaps:
        i = word.find(a, 1)
        # "ch" inside "sch" and "sh" inside "sch" are not the letter groups the swap is about
        if i > 0 and not (a in ("ch", "sh") and word[i - 1: i + 2].lower() in ("sch", "ssh")):
            return word[:i] + b + word[i + len(a):]
    i = rng.randrange(1, len(word) - 2)
    options = [
        word[:i] + word[i] + word[i:],  # a doubled letter
        word[:i] + word[i + 1:],  # a dropped letter
        word[:i] + word[i + 1] + word[i] + word[i + 2:],  # two letters swapped
    ]
    out = rng.choice(options)
    return out if out != word else None


def inject_name(path: Path, text: str, prose: list, rng: random.Random) -> Injection | None:
    places: dict[str, list[re.Match[str]]] = {}
    # nor inside a tag: <ref name="Pierre Chaunu"/> is an attribute no reader sees
    hide = hidden(text) + [m.span() for m in TAG.finditer(text)]
    # a name, not a capitalised common noun: it is part of some link's target or text, and
    # never written in lower case in the article
    linked = {w for m in LINK_WORDS.finditer(text) for w in m.group(1).split()}
    lowered = set(re.findall(r"\b[a-zà-ÿ]{5,}\b", text))
    for m in NAME.finditer(text):
        if m.group(1) not in linked or m.group(1).lower() in lowered:
            continue
        if (m.group(1) not in NOT_NAMES and in_prose(prose, m.start(), m.end())
                and visible(hide, m.start(), m.end())):
            places.setdefault(m.group(1), []).append(m)
    candidates = sorted(w for w, ms in places.items() if len(ms) >= 3)
    if not candidates:
        return None
    word = rng.choice(candidates)
    target = places[word][-1]
    variant = variant_of(word, rng)
    if variant is None or variant in places:
        return None
    link = next((m for m in PLAIN_LINK.finditer(text)
                 if m.start() < target.start() and target.end() < m.end()), None)
    if link is not None:
        # in an unpiped link the word is also the target, the name of another article: keep
        # the target and misspell what the reader sees, as in [[Boris Yeltsin|Boris Jelcin]]
        inner = link.group(1)
        shown = inner[: target.start() - link.start() - 2] + variant + inner[target.end()
                                                                            - link.start() - 2:]
        written = f"[[{inner}|{shown}]]"
        new = text[: link.start()] + written + text[link.end():]
        return Injection("name-variant", path, new, (link.start(), link.start() + len(written)),
                         f"{word} -> {variant} (shown text of a link)")
    new = text[: target.start()] + variant + text[target.end():]
    return Injection("name-variant", path, new, (target.start(), target.start() + len(variant)),
                     f"{word} -> {variant}")


def _dates(text: str) -> list[tuple[re.Match[str], int, int, int]]:
    out = []
    for m in DMY.finditer(text):
        out.append((m, int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1))))
    for m in MDY.finditer(text):
        out.append((m, int(m.group(3)), MONTHS.index(m.group(1)) + 1, int(m.group(2))))
    return sorted(out, key=lambda d: d[0].start())


def _write_like(m: re.Match[str], year: int, month: int, day: int) -> str:
    if m.re is DMY:
        return f"{day} {MONTHS[month - 1]} {year}"
    return f"{MONTHS[month - 1]} {day}, {year}"


def inject_changed_date(path: Path, text: str, prose: list, rng: random.Random) -> Injection | None:
    # a date inside a reference is not the article stating a fact: changing an access-date
    # contradicts nothing, and a source's date may coincide with a fact's by chance
    hide = hidden(text)
    seen: dict[tuple[int, int, int], list] = {}
    for m in TEMPLATE_DATE.finditer(text):  # {{birth date|1952|3|11}}: the same fact, once more
        seen.setdefault((int(m.group(1)), int(m.group(2)), int(m.group(3))), []).append(None)
    for d in _dates(text):
        if visible(hide, *d[0].span()):
            seen.setdefault(d[1:], []).append(d)
    twice = [ds for ds in seen.values()
             if len(ds) >= 2 and ds[-1] is not None and in_prose(prose, *ds[-1][0].span())]
    if not twice:
        return None
    m, year, month, day = rng.choice(twice)[-1]
    shift = rng.choice((-3, -2, 2, 3, 5))
    new_day = day + shift if 1 <= day + shift <= 28 else day - shift
    written = _write_like(m, year, month, new_day)
    new = text[: m.start()] + written + text[m.end():]
    return Injection("date-contradiction", path, new, (m.start(), m.start() + len(written)),
                     f"{m.group(0)} -> {written}")


def inject_inverted_range(path: Path, text: str, prose: list, rng: random.Random) -> Injection | None:
    # not in a reference (a citation's title or pages) nor a piped link's hidden target: the
    # reader never sees those as the article's chronology
    hide = hidden(text)
    ranges = [m for m in RANGE.finditer(text)
              if int(m.group(1)) < int(m.group(3)) and in_prose(prose, m.start(), m.end())
              and visible(hide, m.start(), m.end())]
    if not ranges:
        return None
    m = rng.choice(ranges)
    written = f"{m.group(3)}{m.group(2)}{m.group(1)}"
    new = text[: m.start()] + written + text[m.end():]
    return Injection("chronology-error", path, new, (m.start(), m.end()), f"{m.group(0)} -> {written}")


def inject_impossible_date(path: Path, text: str, prose: list, rng: random.Random) -> Injection | None:
    hide = hidden(text)
    dates = [d for d in _dates(text)
             if in_prose(prose, *d[0].span()) and visible(hide, *d[0].span())]
    if not dates:
        return None
    m, year, _month, _day = rng.choice(dates)
    month, day = rng.choice([(4, 31), (6, 31), (9, 31), (11, 31), (2, 30)])
    if month == 2 and calendar.isleap(year):
        day = 30
    written = _write_like(m, year, month, day)
    new = text[: m.start()] + written + text[m.end():]
    return Injection("invalid-date", path, new, (m.start(), m.start() + len(written)),
                     f"{m.group(0)} -> {written}")


def inject_deadline(path: Path, text: str, prose: list, rng: random.Random,
                    control: bool = False) -> Injection | None:
    if not prose:
        return None
    _start, end = rng.choice(prose)
    year = rng.randrange(1950, 2015)
    month = rng.randrange(1, 13)
    day = rng.randrange(1, 29)
    action, done = rng.choice(ACTIONS)
    import datetime as dt

    deadline = dt.date(year, month, day)
    gap = rng.randrange(2, 120)
    when = deadline - dt.timedelta(days=gap) if control else deadline + dt.timedelta(days=gap)
    sentence = (
        f" Under the agreement, {action} had to be completed by "
        f"{deadline.day} {MONTHS[deadline.month - 1]} {deadline.year}."
        f" {done} on {when.day} {MONTHS[when.month - 1]} {when.year}."
    )
    new = text[:end] + sentence + text[end:]
    return Injection("deadline-contradiction", path, new, (end + 1, end + len(sentence)),
                     sentence.strip(), control=control)


INJECTORS: list[Callable[..., Injection | None]] = [
    inject_name, inject_changed_date, inject_inverted_range, inject_impossible_date,
    inject_deadline,
]


def hits(finding: Finding, span: tuple[int, int]) -> bool:
    places = [finding.span, *(r.span for r in finding.related)]
    return any(p.start < span[1] and span[0] < p.end for p in places)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    paths = sorted(CORPUS.glob("*/*.wiki"))
    if args.limit:
        paths = paths[: args.limit]
    config = citecheck.Config(select=RULES)
    clean: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    found: Counter[str] = Counter()
    controls = control_false = 0
    started = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        rng = random.Random(f"{args.seed}:{path.name}")
        baseline = citecheck.check(text, format="wikitext", config=config)
        clean.update(f.rule for f in baseline.findings)
        prose = prose_spans(text)
        injections = [inject(path, text, prose, rng) for inject in INJECTORS]
        injections.append(inject_deadline(path, text, prose, rng, control=True))
        for inj in injections:
            if inj is None:
                continue
            report = citecheck.check(inj.text, format="wikitext", config=config)
            flagged = [f for f in report.findings if f.rule == inj.kind and hits(f, inj.span)]
            if inj.control:
                controls += 1
                control_false += bool(flagged)
                continue
            tried[inj.kind] += 1
            found[inj.kind] += bool(flagged)
            if args.verbose and not flagged:
                print(f"missed {inj.kind}: {path.parent.name}/{path.stem}: {inj.note}")
    print(f"{len(paths)} articles, {time.perf_counter() - started:.1f}s\n")
    print(f"{'kind':24} {'injected':>8} {'found':>6} {'recall':>7}")
    for kind in RULES:
        n = tried[kind]
        print(f"{kind:24} {n:8} {found[kind]:6} {found[kind] / n if n else 0:7.1%}")
    print(f"\ndeadline controls (deadline met): {controls}, falsely flagged: {control_false}")
    print("\nfindings on the unmodified articles (inspect each: docs/consistency.md):")
    for kind in RULES:
        per10 = clean[kind] / len(paths) * 10
        print(f"  {kind:24} {clean[kind]:4}  ({per10:.2f} per 10 articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
