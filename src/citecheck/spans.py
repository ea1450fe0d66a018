"""Character spans into the input text, and the line index that turns offsets into lines and columns.

Offsets are the source of truth everywhere in citecheck; line and column are derived once, on output.
"""

from __future__ import annotations

from bisect import bisect_right

import attrs


@attrs.frozen(order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into the input text."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def shift(self, by: int) -> Span:
        return Span(self.start + by, self.end + by)


@attrs.frozen
class Position:
    """1-based line and column of an offset (columns count characters, not bytes)."""

    line: int
    column: int


def trusted_span(start: int, end: int) -> Span:
    """``Span(start, end)`` for offsets already known to be valid (read from a match in the
    text, or a valid span moved forward): a Span like any other, its two slots set directly,
    without the check of ``Span.__init__``. Extraction and incremental composition make tens
    of thousands of spans per article; this way costs two thirds."""
    span = _new_object(Span)
    _set_start(span, start)
    _set_end(span, end)
    return span


_new_object = object.__new__
_set_start = Span.__dict__["start"].__set__
_set_end = Span.__dict__["end"].__set__
if [field.name for field in attrs.fields(Span)] != ["start", "end"]:  # pragma: no cover
    raise ImportError("trusted_span sets the fields of Span: it must set every one")


class LineIndex:
    """Maps character offsets to 1-based (line, column) by bisecting over line starts."""

    __slots__ = ("_line_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        """Where each line starts; found on first use (many checks never ask)."""
        starts = self._line_starts
        if starts is None:
            text = self._text
            starts = [0]
            find = text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return starts

    def position(self, offset: int) -> Position:
        starts = self._starts
        line = bisect_right(starts, offset)
        return Position(line, offset - starts[line - 1] + 1)

    def line_span(self, line: int) -> Span:
        """The span of a 1-based line, without its newline."""
        starts = self._starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self._text)
        return Span(start, end)

    def line_text(self, line: int) -> str:
        return self.line_span(line).slice(self._text)
