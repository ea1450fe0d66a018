"""What common inline templates show in running prose, so sentences keep their words.

Only templates that stand inside a sentence are rendered; anything unknown shows nothing (its
references are still collected). The table is small on purpose: these are the templates that
carry words or numbers of the sentence itself.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Template

_QUOTES = re.compile(r"'{2,}")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()

# name -> index of the positional parameter that is shown (1-based)
_SHOW_POSITIONAL: dict[str, int] = {}
for _name in (
    "Nowrap", "Nobr", "Nobreak", "Small", "Smaller", "Big", "Larger", "Sc", "Smallcaps",
    "Small caps", "Em", "Strong", "Abbr", "Sic", "Ill", "Interlanguage link", "Illm", "Ill-wd",
    "Vanchor", "Linktext", "Transl", "Tooltip", "Mono", "Code", "Kbd", "Var", "Nihongo",
    "Nihongo2", "Not a typo", "Noitalic", "Quote", "Qq", "Lang-en", "Ship", "HMS", "USS",
    "Keypress", "Sortname", "Tsort", "Frac", "Fraction", "Nts", "Formatnum", "Visible anchor",
):
    _SHOW_POSITIONAL[_name] = 1
_SHOW_POSITIONAL.update({"Lang": 2, "Langx": 2, "Transliteration": 2, "Sort": 2})

_LITERAL: dict[str, str] = {
    "Ndash": "–", "Mdash": "—", "Snd": " – ", "Spnd": " – ", "Spaced ndash": " – ",
    "Spaced en dash": " – ", "Nbsp": " ", "Thinsp": " ", "Hair space": " ", "'": "'",
    "\"'": "\"'", "'\"": "'\"", "Okina": "ʻ", "Nbhyph": "‑", "Emdash": "—", "Endash": "–",
    "·": " · ", "Middot": "·", "Dot": "·", "Bull": " • ", "Ellipsis": "…", "=": "=",
    "!": "|", "Pipe": "|", "En dash": "–", "Em dash": "—", "Year": "", "Zwsp": "",
}


def render_inline(name: str, node: Template) -> str:
    """Plain text the template most likely shows inside a sentence, or ``""``."""
    if name in _LITERAL:
        return _LITERAL[name]
    if name.startswith("Lang-"):
        return _positional(node, 1)
    if name in ("Convert", "Cvt"):
        value, unit = _positional(node, 1), _positional(node, 2)
        return f"{value} {unit}".strip()
    if name in ("Start date", "End date", "Birth date", "Death date", "Date", "Dts",
                "Start date and age", "Birth date and age", "Death date and age"):
        return _render_date(node)
    index = _SHOW_POSITIONAL.get(name)
    if index is not None:
        return _positional(node, index)
    return ""


def _positional(node: Template, index: int) -> str:
    key = str(index)
    for param in node.params:
        if str(param.name).strip() == key:
            return " ".join(_QUOTES.sub("", param.value.strip_code()).split())
    return ""


def _render_date(node: Template) -> str:
    parts = [_positional(node, i) for i in (1, 2, 3)]
    year, month, day = parts
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        name = _MONTHS[int(month) - 1]
        return f"{int(day)} {name} {year}" if day.isdigit() else f"{name} {year}"
    return " ".join(p for p in parts if p)
