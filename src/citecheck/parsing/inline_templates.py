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
    "仮リンク", "Link-interwiki", "Interlanguage link multi",
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


# numbers with units, shown as their positional parameters joined (fr Unité, Nombre, Nb)
_JOINED = frozenset(("Unité", "Nombre", "Nb", "Nobr/unité", "Num", "Val", "Formatnum"))
# fr centuries: {{s|XIII}} shows "XIIIe siècle"
_CENTURY = frozenset(("S", "Sp", "Siècle", "S-", "-s", "Ss"))
_CENTURY_NAME = re.compile(r"^[IVXL]+(?:e|er|re) (?:siècle|millénaire)(?: av\. J\.-C\.)?$")
_JA_DATE = frozenset(("生年月日と年齢", "没年月日と享年", "死亡年月日と没年齢", "生年月日"))
_TEXT_FUNCTIONS = frozenset(("formatnum", "lc", "uc", "lcfirst", "ucfirst"))


def render_inline(name: str, node: Template) -> str:
    """Plain text the template most likely shows inside a sentence, or ``""``."""
    if name in _LITERAL:
        return _LITERAL[name]
    if ":" in name:  # a parser function or magic word: {{formatnum:220000}}
        func, _, arg = name.partition(":")
        return " ".join(arg.split()) if func.strip().lower() in _TEXT_FUNCTIONS else ""
    if name in _JOINED:
        return " ".join(p for p in (_positional(node, i) for i in (1, 2, 3)) if p)
    if name in _CENTURY:
        century = _positional(node, 1)
        return f"{century}e siècle" if century else ""
    if _CENTURY_NAME.match(name):
        return name
    if name in _JA_DATE:
        year, month, day = (_positional(node, i) for i in (1, 2, 3))
        return f"{year}年{month}月{day}日" if year and month and day else year
    if name == "Citation":  # fr: an inline quotation, «text»
        quoted = _positional(node, 1)
        return f"«{quoted}»" if quoted else ""
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
