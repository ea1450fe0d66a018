"""Readable text of one paragraph, mapped back to the input, and the anchors placed in it.

Both input formats (wikitext and rendered text) feed a :class:`ParagraphText`; :func:`sentences`
splits it and binds each anchor (a reference or an inline tag) to the sentence it follows. A
reference placed after the final punctuation (``text.[1]``) or before it (``text[1].``) belongs to
the sentence it follows; one at the very start of a paragraph follows nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import attrs

from ..spans import Span
from .sentences import split_sentences

_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?。！？؟।](?:[\"'”’»)\]]*)$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


class ParagraphText:
    """Readable text built piece by piece; every piece remembers where it came from."""

    __slots__ = (
        "_joined",
        "_parts",
        "_pieces",
        "_rstarts",
        "anchors",
        "base",
        "length",
        "nonspace",
    )

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._rstarts: list[int] = []
        self._pieces: list[tuple[int, int, bool]] = []
        self.length = 0
        self.anchors: list[tuple[int, object]] = []
        self.nonspace = False
        self.base = 0
        """Added to every source offset: a paragraph built from a piece of the input read alone
        (:mod:`citecheck.parsing.incremental`) is placed at that piece's offset without copying."""
        self._joined: str | None = None
        """:attr:`text` once asked for, until the next :meth:`add`: every extractor and rule
        reads a finished paragraph's text, and joining it each time was measurable."""

    def shifted(self, by: int) -> ParagraphText:
        """The same finished paragraph, ``by`` characters further in the input."""
        copy = ParagraphText.__new__(ParagraphText)
        copy._parts, copy._rstarts, copy._pieces = self._parts, self._rstarts, self._pieces
        copy.length, copy.anchors, copy.nonspace = self.length, self.anchors, self.nonspace
        copy.base = self.base + by
        copy._joined = self._joined
        return copy

    def add(self, text: str, start: int, end: int | None = None) -> None:
        """Add ``text``; ``end is None`` means it is a verbatim copy of ``input[start:start+len]``,
        otherwise it stands for the whole of ``input[start:end]`` (a rendered template, an entity)."""
        if not text:
            return
        self._joined = None
        self._parts.append(text)
        self._rstarts.append(self.length)
        if end is None:
            self._pieces.append((start, start + len(text), True))
        else:
            self._pieces.append((start, end, False))
        self.length += len(text)
        if not self.nonspace and not text.isspace():
            self.nonspace = True

    def anchor(self, payload: object) -> None:
        """Place ``payload`` (a reference or tag) at the current end of the text."""
        self.anchors.append((self.length, payload))

    @property
    def text(self) -> str:
        joined = self._joined
        if joined is None:
            joined = self._joined = "".join(self._parts)
        return joined

    def source_start(self, r: int) -> int:
        i = bisect_right(self._rstarts, r) - 1
        start, _end, exact = self._pieces[i]
        return self.base + (start + (r - self._rstarts[i]) if exact else start)

    def source_end(self, r: int) -> int:
        i = bisect_right(self._rstarts, r - 1) - 1
        start, end, exact = self._pieces[i]
        return self.base + (start + (r - self._rstarts[i]) if exact else end)

    def source_range(self, rs: int, re_: int) -> tuple[int, int]:
        """``(source_start(rs), source_end(re_))``, in one search when the readable range
        ``[rs, re_)`` lies in one verbatim piece (most words and dates do)."""
        rstarts = self._rstarts
        i = bisect_right(rstarts, rs) - 1
        start, end, exact = self._pieces[i]
        if exact and rs < re_ and re_ - rstarts[i] <= end - start:
            ss = self.base + start + rs - rstarts[i]
            return ss, ss + re_ - rs
        return self.source_start(rs), self.source_end(re_)

    def layout(self) -> tuple[list[int], list[tuple[int, int, bool]], int]:
        """Where each piece starts in the readable text, the pieces (source start, end, verbatim),
        and the base offset: for a caller that maps many ranges of one paragraph in a loop of
        its own (:meth:`source_range`, inlined)."""
        return self._rstarts, self._pieces, self.base

    def source_span(self) -> Span:
        return Span(self.base + self._pieces[0][0], self.base + self._pieces[-1][1])


@attrs.frozen
class Sentence:
    text: str
    """Whitespace collapsed."""
    span: Span
    anchors: tuple[object, ...]
    readable: tuple[int, int] = (0, 0)
    """Offsets of the sentence in its paragraph's readable text (:class:`ParagraphText`)."""


def sentences(para: ParagraphText, lang: str | None = None) -> tuple[list[Sentence], list[object]]:
    """The sentences of a paragraph with their anchors, and the anchors that follow no sentence."""
    if not para.nonspace:
        return [], [payload for _, payload in para.anchors]
    text = para.text
    bounds = split_sentences(text, lang)
    starts = [a for a, _ in bounds]
    bound: list[list[object]] = [[] for _ in bounds]
    loose: list[object] = []
    for pos, payload in para.anchors:
        i = bisect_right(starts, pos - 1) - 1 if pos else -1
        if i < 0:
            loose.append(payload)
        else:
            bound[i].append(payload)
    out = []
    for (a, b), anchors in zip(bounds, bound):
        out.append(
            Sentence(
                " ".join(text[a:b].split()),
                Span(*para.source_range(a, b)),
                tuple(anchors),
                (a, b),
            )
        )
    return out, loose


def is_claim_text(text: str, kind: str = "prose") -> bool:
    """A sentence worth checking: a few words, not a lone label or fragment.

    List items and captions are often fragments ("2004 Robert Swan – Mission Antarctica"); they
    are claims only when they read as sentences, ending with sentence punctuation.
    """
    if kind != "prose" and not _TERMINAL.search(text):
        return False
    if _CJK.search(text):
        return len(text) >= 6
    return len(_WORD.findall(text)) >= 3
