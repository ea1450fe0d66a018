"""Inline templates keep their words in the claims' readable text."""

from __future__ import annotations

import pytest

from citecheck import check

CASES = [
    ("It is {{convert|5|km}} long.", "It is 5 km long."),
    ("The word {{lang|fr|bonjour}} means hello.", "The word bonjour means hello."),
    ("Years 1990{{ndash}}1995 were dry.", "Years 1990–1995 were dry."),
    ("She was born on {{birth date|1952|3|11}} in town.", "She was born on 11 March 1952 in town."),
    ("L’okapi mesure {{unité|1.80|m}} au garrot.", "L’okapi mesure 1.80 m au garrot."),
    ("Au {{s|XIII}}, le roi vint en ville.", "Au XIIIe siècle, le roi vint en ville."),
    ("Il y a {{formatnum:220000}} habitants ici.", "Il y a 220000 habitants ici."),
    ("Au {{XVIIIe siècle}} la ville grandit.", "Au XVIIIe siècle la ville grandit."),
    ("The {{lang|de|''Bezirksamt''}} is the office.", "The Bezirksamt is the office."),
    ("He was {{nowrap|very old}} then.", "He was very old then."),
    ("An {{unknown template|x}} stays out of the text.", "An stays out of the text."),
]


@pytest.mark.parametrize(("wikitext", "claim"), CASES)
def test_inline_template_text(wikitext: str, claim: str) -> None:
    report = check(wikitext + "<ref>x</ref>\n{{reflist}}", format="wikitext")
    assert [c.text for c in report.claims] == [claim]
