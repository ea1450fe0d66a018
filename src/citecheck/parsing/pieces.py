"""Where wikitext can be cut into pieces that parse alone exactly as they parse in the whole.

A piece starts at the beginning of a line that is outside every construct that can span lines
(templates, wikilinks, tables, comments, tags) and that either is a section heading or follows a
blank line. Read on its own, each piece gives the same nodes as in the whole text: headings,
paragraphs and lists never continue across such a line. Used by :mod:`.incremental` so that a new
version of an article re-reads only the pieces that changed.

The scan is deliberately conservative: whatever it cannot match (an unclosed ``{{``, ``<div>`` or
``<!--``) keeps everything after it in one piece, which costs reuse, never correctness.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

_TOKEN = re.compile(
    r"<!--|\{\{+|\}\}+|\[\[+|\]\]+|\n[ \t:]*\{\||\n[ \t]*\|\}|\n\n+|\n(?==)"
    r"|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>"
)
_LITERAL = frozenset(
    "nowiki pre math syntaxhighlight source score timeline chem ce hiero graph templatedata "
    "categorytree imagemap inputbox gallery section mapframe maplink".split()
)
"""Tags whose contents are not wikitext: nothing inside them opens or closes anything."""
_VOID = frozenset("br wbr hr img meta link".split())
_HEADING = re.compile(r"(={1,6})[^=\n<{\[]*[^=\s<{\[][^=\n<{\[]*\1[ \t]*(?=\n|$)")
"""A heading line with plain text only; headings holding markup are no cut (conservative)."""
_TABLE_AT_START = re.compile(r"[ \t:]*\{\|")
_CLOSERS: dict[str, re.Pattern[str]] = {}


def _closer(name: str) -> re.Pattern[str]:
    closer = _CLOSERS.get(name)
    if closer is None:
        closer = _CLOSERS[name] = re.compile(rf"</{name}\s*>", re.IGNORECASE)
    return closer


def piece_starts(text: str, previous: tuple[str, list[int]] | None = None) -> list[int]:
    """The offsets where pieces start, ``0`` first, in order.

    ``previous`` is an earlier version and its piece starts: the starts inside the text both
    versions begin with are kept, and the scan stops as soon as it meets a start of the old
    version inside the text both end with (from there on the cuts are the old ones, moved).
    """
    if previous is None or not previous[1]:
        return [0, *_cuts(text, 0)]
    old, old_starts = previous
    head = _common_prefix(text, old)
    tail = _common_suffix(text, old, head)
    # a start is kept when its whole line, and the blank line before it, are in the shared head
    line_end = text.rfind("\n", 0, head)
    keep = bisect_right(old_starts, line_end) - 1
    starts = old_starts[: max(keep, 0) + 1]
    delta = len(text) - len(old)
    synced = len(text) - tail + 2  # from here on, a cut reads only text both versions share
    old_set = None
    for cut in _cuts(text, starts[-1]):
        if cut >= synced:
            if old_set is None:
                old_set = {start: i for i, start in enumerate(old_starts)}
            i = old_set.get(cut - delta)
            if i is not None:
                starts.extend(start + delta for start in old_starts[i:])
                return starts
        starts.append(cut)
    return starts


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix, by bisection over slices (C-speed compares)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, prefix: int) -> int:
    """The length of the longest common suffix that does not overlap the common prefix."""
    limit = min(len(a), len(b)) - prefix
    lo, hi = 0, limit
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _cuts(text: str, pos: int) -> Iterator[int]:
    """The cut points after ``pos``, a line start where nothing is open."""
    braces = links = 0
    tables = 1 if _TABLE_AT_START.match(text, pos) else 0
    tags: list[str] = []
    last = pos
    match = _TOKEN.search
    while True:
        m = match(text, pos)
        if m is None:
            return
        token = m.group()
        pos = m.end()
        first = token[0]
        if first == "\n":
            if token[1:2] == "\n":  # empty lines: a cut after them
                pos -= 1  # the last newline may begin a table, a table's end or a heading
                if not (braces or links or tables or tags) and m.end() < len(text):
                    last = m.end()
                    yield last
            elif token == "\n":  # a line beginning with "="
                if (not (braces or links or tables or tags) and pos != last
                        and _HEADING.match(text, pos)):
                    last = pos
                    yield pos
            elif token.endswith("{|"):
                tables += 1
            else:
                tables = max(0, tables - 1)
        elif token == "<!--":
            end = text.find("-->", pos)
            if end < 0:
                return
            pos = end + 3
        elif first == "{":
            braces += len(token) // 2
        elif first == "}":
            braces = max(0, braces - len(token) // 2)
        elif first == "[":
            links += len(token) // 2
        elif first == "]":
            links = max(0, links - len(token) // 2)
        else:  # a tag
            closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
            if selfclosing or name in _VOID:
                continue
            if closing:
                if name in tags:
                    while tags.pop() != name:
                        pass
                continue
            if name in _LITERAL:
                close = _closer(name).search(text, pos)
                if close is None:
                    return
                pos = close.end()
                continue
            tags.append(name)
