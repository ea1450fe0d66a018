"""Where wikitext can be cut into pieces that parse alone exactly as they parse in the whole.

A piece starts at the beginning of a line that is outside every construct that can span lines
(templates, wikilinks, tables, comments, tags) and that either is a section heading or follows a
blank line. Read on its own, each piece gives the same nodes as in the whole text: headings,
paragraphs and lists never continue across such a line. Used by :mod:`.incremental` so that a new
version of an article re-reads only the pieces that changed.

The scan is a model of mwparserfromhell's tokenizer, kept conservative: what it cannot read (a
``<x`` with no end, a closer that does not match the construct on top of its stack) keeps the
text after it in one piece, which costs reuse, not correctness; an opener that nothing closes is
read as text only when the tokenizer says so. See docs/design.md, "Incremental checks".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

import attrs

_TOKEN = re.compile(
    r"<!--|\{\{+|\}\}+|\[\[+|\]+|\n[ \t:]*\{\||\n[ \t]*\|\}|\n\n+|\n(?==)"
    r"|<(/?)([A-Za-z][A-Za-z0-9]*)\b(?:[^<>\"'{}\[\]]|\"[^\"<>]*\"|'[^'<>]*')*?(/?)>"
    r"|<[A-Za-z]"
    r"|\[(?:https?:|ftp:|//|mailto:|news:|irc:)"
)
_START = re.compile(r"[<{}\[\]\n]")
"""Where a token can start: searched first, since one regex of many alternatives tried at every
position costs more than matching it where a token can begin."""
_LITERAL = frozenset((
    "nowiki", "pre", "math", "syntaxhighlight", "source", "score", "timeline", "chem", "ce",
    "hiero", "graph", "templatedata", "categorytree", "imagemap", "inputbox", "gallery",
    "section", "mapframe", "maplink",
))
"""Tags whose contents are not wikitext: nothing inside them opens or closes anything."""
_VOID = frozenset(("br", "wbr", "hr", "img", "meta", "link"))
_HEADING = re.compile(r"(={1,6})[^=\n<{\[]*[^=\s<{\[][^=\n<{\[]*\1[ \t]*(?=\n|$)")
"""A heading line with plain text only; headings holding markup are no cut (conservative)."""
_MARKUP_IN_LINK = re.compile(r"\{\{|\[\[|<")
_TABLE_AT_START = re.compile(r"[ \t:]*\{\|")
_CLOSERS: dict[str, re.Pattern[str]] = {}


def _closer(name: str) -> re.Pattern[str]:
    closer = _CLOSERS.get(name)
    if closer is None:
        closer = _CLOSERS[name] = re.compile(rf"</{name}\s*>", re.IGNORECASE)
    return closer


def piece_starts(text: str, previous: Scan | None = None) -> list[int]:
    """The offsets where pieces start, ``0`` first, in order (see :func:`scan`)."""
    return scan(text, previous).starts


@attrs.frozen
class Scan:
    """Where one text is cut, and where the unclosed openers read as text to find it are."""

    text: str
    starts: list[int]
    as_text: tuple[int, ...] = ()
    """Where each opener that nothing closes, read as text, starts, in order: a cut past one
    depends on the whole text after it (whether anything there closes it)."""


def scan(text: str, previous: Scan | None = None) -> Scan:
    """Cut ``text`` into pieces; ``previous`` is the scan of an earlier version.

    With ``previous``, the cuts inside the text both versions begin with are kept, and the scan
    stops as soon as it meets a cut of the old version inside the text both end with (from
    there on the cuts are the old ones, moved). Only the cuts before the first opener read as
    text are kept: the cuts past it depend on the whole rest of the text.
    """
    if previous is None or not previous.starts:
        return _whole(text)
    old, old_starts = previous.text, previous.starts
    head = _common_prefix(text, old)
    tail = _common_suffix(text, old, head)
    # a start is kept when its whole line, and the blank line before it, are in the shared head
    line_end = text.rfind("\n", 0, head)
    if previous.as_text:
        line_end = min(line_end, previous.as_text[0])
    keep = bisect_right(old_starts, line_end) - 1
    starts = old_starts[: max(keep, 0) + 1]
    delta = len(text) - len(old)
    synced = len(text) - tail + 2  # from here on, a cut reads only text both versions share
    old_set = None
    state = _State()
    for cut in _cuts(text, starts[-1], state):
        # (past an opener it read as text, this scan goes on to the end, as it always did)
        if cut >= synced and not state.as_text:
            if old_set is None:
                old_set = {start: i for i, start in enumerate(old_starts)}
            i = old_set.get(cut - delta)
            if i is not None:
                return _synced(text, starts, previous, i, delta)
        starts.append(cut)
    # scanned to the end: what a whole scan finds past the last kept cut (nothing is open there,
    # so an opener read as text lies past it too)
    return Scan(text, starts, state.openers())


def _synced(text: str, starts: list[int], previous: Scan, i: int, delta: int) -> Scan:
    """The scan that met the old cut ``i`` (moved by ``delta``) with nothing open: the old
    scan went on from there with nothing open over the same text, so its cuts, and the
    openers it read as text, are what this scan would find."""
    at = previous.starts[i]
    starts.extend(start + delta for start in previous.starts[i:])
    return Scan(text, starts, tuple(p + delta for p in previous.as_text if p >= at))


def _whole(text: str) -> Scan:
    state = _State()
    starts = [0, *_cuts(text, 0, state)]
    return Scan(text, starts, state.openers())


class _State:
    __slots__ = ("as_text",)

    def __init__(self) -> None:
        self.as_text: list[int] = []
        """Where the openers read as text start, as the scan met them (a scan resumed after
        one meets those past it again)."""

    def openers(self) -> tuple[int, ...]:
        return tuple(sorted(set(self.as_text)))


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


def _cuts(text: str, pos: int, state: _State, *, line_start: bool = True) -> Iterator[int]:
    """The cut points after ``pos``, where nothing is open (a line start unless ``line_start``
    is false).

    Open constructs are kept on one stack, and a closer closes only the construct on its top,
    as the parser nests them: a ``}}`` inside a ``<ref>`` inside a template is text of the
    reference, not the template's end. A closer that matches nothing on top is ignored, which
    can only keep something open longer (fewer cuts), never cut inside a construct.

    An opener that is never closed is text to the parser, which goes on after it ("a {{b" is
    the text "a {{b"): when the scan ends with something open, the construct at the bottom of
    the stack opened when everything was closed; when the tokenizer confirms that it is text,
    the scan resumes just after it.
    """
    stack: list[list[Any]] = []  # [kind, count or tag name]
    if line_start and _TABLE_AT_START.match(text, pos):
        stack.append(["table", 0])
    last = pos
    start = resume = -1  # the opener at the bottom of the stack
    find, match = _START.search, _TOKEN.match
    while True:
        # the next token: where one can start (a C-speed search for a character), then which
        m = None
        while True:
            at = find(text, pos)
            if at is None:
                break
            m = match(text, at.start())
            if m is not None:
                break
            pos = at.start() + 1
        if m is None:
            if stack and resume >= 0 and _is_text(text, start, resume):
                state.as_text.append(start)
                yield from _cuts(text, resume, state, line_start=False)
            return
        token = m.group()
        pos = m.end()
        first = token[0]
        was_open = bool(stack)
        if first == "\n":
            if token[1:2] == "\n":  # empty lines: a cut after them
                pos -= 1  # the last newline may begin a table, a table's end or a heading
                if not was_open and m.end() < len(text):
                    last = m.end()
                    yield last
            elif token == "\n":  # a line beginning with "="
                if not was_open and pos != last and _HEADING.match(text, pos):
                    last = pos
                    yield pos
            elif token.endswith("{|"):
                stack.append(["table", 0])
            elif stack and stack[-1][0] == "table":
                stack.pop()
        elif token == "<!--":
            end = text.find("-->", pos)
            if end >= 0:
                pos = end + 3
            else:  # an unclosed comment is text: go on after "<!--"
                state.as_text.append(m.start())
            continue
        elif first == "[" and len(token) > 1 and token[1] != "[":
            # an external link: its text, to the first "]" on its line, may hold "}}" or "]]"
            # that close nothing; without a "]" it is text
            # (one holding markup is scanned as text, which may only keep things open longer)
            end = text.find("]", pos)
            line_end = text.find("\n", pos)
            if (end >= 0 and (line_end < 0 or end < line_end)
                    and not _MARKUP_IN_LINK.search(text, pos, end)):
                pos = end + 1
                continue
            stack.append(["ext", 1])  # markup in it (a template in the URL may span lines)
        elif first == "{" or first == "[":
            if len(token) >= 2:
                stack.append([first, len(token)])
        elif first == "}" or first == "]":
            opener = "{" if first == "}" else "["
            left = len(token)
            while first == "]" and left and stack and stack[-1][0] == "ext":
                stack.pop()  # an external link ends at its first "]"
                left -= 1
            while left >= 2 and stack and stack[-1][0] == opener:
                top = stack[-1]
                took = min(left, top[1])
                top[1] -= took
                left -= took
                if top[1] < 2:
                    stack.pop()
        elif m.group(2) is None:  # "<x" with no end the scan can find: nothing is cut after it
            stack.append(["tag", None])  # ...unless the tokenizer reads it as text (at the end)
        else:  # a tag
            closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
            if selfclosing or name in _VOID:
                continue
            if closing:
                if stack and stack[-1][0] == "tag" and stack[-1][1] == name:
                    stack.pop()
            elif name in _LITERAL:
                close = _closer(name).search(text, pos)
                if close is not None:
                    pos = close.end()
                else:  # an unclosed one is text: go on after its tag
                    state.as_text.append(m.start())
                continue
            else:
                stack.append(["tag", name])
        if not was_open and stack:
            start = pos - 2 if stack[0][0] == "table" else m.start()
            resume = pos


def _is_text(text: str, start: int, end: int) -> bool:
    """Whether the parser reads the opener ``text[start:end]`` as plain text (it opens nothing
    that closes): asked of mwparserfromhell's tokenizer, since an approximate count of brackets
    cannot tell (a ``}}`` inside a table row, ``{{{`` runs)."""
    tokens = _tokenizer().tokenize(text[start:], 0, True)
    first = tokens[0] if tokens else None
    return type(first).__name__ == "Text" and len(first.text) >= end - start  # type: ignore[union-attr]


_TOKENIZER: list[Any] = []


def _tokenizer() -> Any:
    if not _TOKENIZER:
        from mwparserfromhell.parser import use_c

        if use_c:
            from mwparserfromhell.parser import CTokenizer as Tokenizer
        else:  # pragma: no cover - the pure-Python tokenizer of a build without C
            from mwparserfromhell.parser.tokenizer import Tokenizer
        _TOKENIZER.append(Tokenizer())
    return _TOKENIZER[0]
