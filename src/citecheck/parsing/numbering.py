"""Reference numbering exactly as the Cite extension renders it.

* Each group (``""``, ``lower-alpha``, ``note``…) is numbered on its own, from 1.
* A reference gets its number at its first use in the text; a named reuse keeps that number,
  even when the reuse comes before the definition.
* A reference list (``<references/>``, ``{{reflist}}``) shows the group's notes so far and
  closes the group: references after it are numbered from 1 again.
* List-defined references (inside the list) only give content; one never used in the text gets
  no number.
"""

from __future__ import annotations

from ..model import Reference, ReferenceList, RefTag
from ..spans import Span

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"


class _Entry:
    __slots__ = ("id", "group", "name", "number", "definition", "uses", "list_defined", "listed")

    def __init__(self, ref_id: str, group: str, name: str | None, number: int | None) -> None:
        self.id = ref_id
        self.group = group
        self.name = name
        self.number = number
        self.definition: RefTag | None = None
        self.uses: list[Span] = []
        self.list_defined = False
        self.listed = False


def number_references(
    tags: list[RefTag], lists: list[ReferenceList], events: list[tuple[str, int]]
) -> tuple[list[Reference], list[str | None]]:
    """References in order of first appearance, and the reference id of every tag."""
    entries: list[_Entry] = []
    tag_ref: list[str | None] = [None] * len(tags)
    counters: dict[str, int] = {}
    by_name: dict[str, dict[str, _Entry]] = {}
    open_entries: dict[str, list[_Entry]] = {}

    def new_entry(group: str, name: str | None, number: int | None) -> _Entry:
        entry = _Entry(f"r{len(entries) + 1}", group, name, number)
        entries.append(entry)
        open_entries.setdefault(group, []).append(entry)
        if name is not None:
            by_name.setdefault(group, {})[name] = entry
        return entry

    for kind, index in events:
        if kind == "list":
            group = lists[index].group
            for entry in open_entries.pop(group, []):
                entry.listed = True
            counters.pop(group, None)
            by_name.pop(group, None)
            continue
        tag = tags[index]
        group = tag.group
        named = by_name.get(group, {})
        entry = named.get(tag.name) if tag.name is not None else None
        if tag.list_defined:
            if entry is None:
                entry = new_entry(group, tag.name, None)
                entry.list_defined = True
            if entry.definition is None and tag.content is not None:
                entry.definition = tag
            tag_ref[index] = entry.id
            continue
        if entry is None:
            counters[group] = counters.get(group, 0) + 1
            entry = new_entry(group, tag.name, counters[group])
        elif entry.number is None:  # list-defined earlier, used now for the first time
            counters[group] = counters.get(group, 0) + 1
            entry.number = counters[group]
        entry.uses.append(tag.span)
        if entry.definition is None and tag.content is not None:
            entry.definition = tag
        tag_ref[index] = entry.id

    references = [
        Reference(
            id=e.id,
            number=e.number,
            group=e.group,
            name=e.name,
            content=e.definition.content or "" if e.definition else "",
            span=e.definition.span if e.definition else None,
            uses=tuple(e.uses),
            citations=e.definition.citations if e.definition else (),
            list_defined=e.list_defined,
            label=label(e.group, e.number) if e.number is not None else "",
            listed=e.listed,
        )
        for e in entries
    ]
    return references, tag_ref


def label(group: str, number: int) -> str:
    """The marker text Cite shows for ``number`` in ``group`` (``1``, ``a``, ``iv``, ``note 1``)."""
    if group == "":
        return str(number)
    if group == "lower-alpha":
        return _alpha(number)
    if group == "upper-alpha":
        return _alpha(number).upper()
    if group == "lower-roman":
        return _roman(number)
    if group == "upper-roman":
        return _roman(number).upper()
    if group == "lower-greek":
        return _GREEK[(number - 1) % len(_GREEK)]
    return f"{group} {number}"


def _alpha(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)
