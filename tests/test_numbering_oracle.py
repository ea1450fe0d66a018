"""citecheck's reference numbering against what real Wikipedia rendered from the same wikitext.

fixtures/api/wptools/parse*.json are real ``action=parse`` responses holding both the wikitext and
the HTML MediaWiki's Cite extension produced from it. Every ``<sup class="reference">`` marker of
the HTML is one reference use, in document order, with its label (``1``, ``Notes 2``, ``B 4``) and
its Cite key (``cite_ref-NAME_N-k``). citecheck must produce the same sequence of labels.

A few references are generated inside templates whose code is not in the wikitext (an infobox
that adds a reference from its own parameters, a navigation box with notes); they are named here
by their Cite key, and every other reference must agree exactly, with the numbers shifted only by
the generated references numbered before them.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from citecheck import check

API = Path(__file__).parent.parent / "fixtures" / "api" / "wptools"
SUP = re.compile(
    r'<sup id="cite_ref-([^"]*)" class="reference"><a href="#cite_note-[^"]*">(.*?)</a></sup>',
    re.S,
)
# Cite keys of references that templates generate (their code is not in the page's wikitext).
GENERATED: dict[str, set[str]] = {
    "parse.json": set(),  # Douglas Adams (en)
    "parse_infobox.json": set(),  # Blue Train (album) (en)
    # Lewisit (de): {{Infobox Chemikalie}} adds the CLP regulation reference from its EG-Nummer
    # parameter.
    "parse_62.json": {"CLP_100.240.769_5-0"},
    "parse_91.json": set(),  # Okapi (fr)
    "parse_66.json": set(),  # ONE OK ROCK (ja)
    "parse_109.json": set(),  # Orléans-cléry (fr)
}


def _rendered_markers(page: dict) -> list[tuple[str, str, str]]:
    """(cite key, group, label) of every reference marker in the HTML, in order."""
    out = []
    for m in SUP.finditer(page["text"]):
        label = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip("[]")
        group, _, number = label.rpartition(" ")
        out.append((m.group(1), group, label))
    return out


def _split(label: str) -> tuple[str, int | None]:
    head, _, tail = label.rpartition(" ")
    return (head, int(tail)) if tail.isdigit() else (label if not label.isdigit() else "", int(label) if label.isdigit() else None)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_numbering_agrees_with_wikipedia(name: str) -> None:
    page = json.loads((API / name).read_text(encoding="utf-8"))["parse"]
    report = check(page["wikitext"], format="wikitext")
    ours = sorted(
        (use.start, ref) for ref in report.references if ref.number is not None for use in ref.uses
    )
    theirs = _rendered_markers(page)
    generated = GENERATED[name]
    assert {key for key, _g, _l in theirs} >= generated, "a named generated reference vanished"

    # numbers taken by generated references, per group, shift the numbers after them
    generated_numbers: dict[str, list[int]] = {}
    kept = []
    for key, _group, label in theirs:
        group, number = _split(label)
        if key in generated:
            if number is not None and number not in generated_numbers.setdefault(group, []):
                generated_numbers[group].append(number)
            continue
        kept.append((key, group, number))
    assert len(ours) == len(kept), (len(ours), len(kept))
    for (start, ref), (key, group, number) in zip(ours, kept):
        shift = sum(1 for n in generated_numbers.get(group, []) if number and n < number)
        expected = (number - shift) if number is not None else None
        ours_group, ours_number = _split(ref.label)
        assert (ours_group, ours_number) == (group, expected), (
            f"at offset {start}: citecheck {ref.label!r}, Wikipedia {key} -> {group} {expected}"
        )
        if ref.name and not ref.name.startswith("FOOTNOTE"):
            # Cite's key carries the name: cite_ref-NAME_N-k, spaces as underscores
            assert key.startswith(ref.name.replace(" ", "_")), (key, ref.name)
