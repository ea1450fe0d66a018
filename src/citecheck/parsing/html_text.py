"""MediaWiki-rendered HTML in, the text a reader gets by copying the page out.

The result is what :mod:`citecheck.parsing.rendered` reads (``format="text"``): one block per line
(headings, paragraphs, list items, table rows), a blank line around paragraphs and headings,
reference markers kept as they are shown (``[1]``, ``[Notes 2]``) right after the text they follow,
and the reference list as ``1. ^ …`` lines. Table rows are one line each with their cells
separated by tabs, which the rendered-text parser reads as non-prose. Items of bulleted lists start
with ``• `` so that they stay list items. Styles, scripts, hidden elements, section-edit links and
navigation boxes are dropped. Only :mod:`html.parser` is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from .numbering import label

__all__ = ["html_to_text"]

# Elements without an end tag.
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr")
)  # fmt: skip
# Elements dropped with everything inside them.
_DROPPED_TAGS = frozenset(
    ("style", "script", "link", "meta", "noscript", "template", "head", "title")
)
_DROPPED_CLASSES = frozenset(("mw-editsection", "navbox"))
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Blocks and the newlines around them: 2 leaves a blank line.
_BLOCKS = {
    "p": 2,
    "blockquote": 2,
    "hr": 2,
    "pre": 2,
    "center": 1,
    "div": 1,
    "table": 1,
    "caption": 1,
    "ul": 1,
    "ol": 1,
    "dl": 1,
    "dt": 1,
    "dd": 1,
    "li": 1,
    "figure": 1,
    "figcaption": 1,
    "section": 1,
    **{h: 2 for h in _HEADINGS},
}
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list-style-type\s*:\s*([\w-]+)", re.IGNORECASE)
# HTML's white space, and the no-break space that a copy turns into a space.
_SPACE = re.compile(r"[ \t\n\r\f\u00a0]+")
# List styles whose markers Cite's group names share (``lower-alpha`` notes show ``a``, ``b``…).
_LABELLED_STYLES = frozenset(
    ("lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "lower-greek")
)
_STYLE_ALIASES = {"lower-latin": "lower-alpha", "upper-latin": "upper-alpha"}
_OL_TYPES = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
}


def html_to_text(html: str) -> str:
    """The text a reader would copy from a MediaWiki-rendered page body (``parse.text``)."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.result()


def list_label(number: int, style: str) -> str:
    """How an ordered list with CSS ``list-style-type`` ``style`` shows item ``number``."""
    style = _STYLE_ALIASES.get(style.lower(), style.lower())
    if style in _LABELLED_STYLES and number > 0:
        return label(style, number)
    return str(number)


class _List:
    """An open ``<ul>``/``<ol>``: its marker style and the number of its next item."""

    __slots__ = ("next", "ordered", "references", "style")

    def __init__(self, ordered: bool, style: str, start: int, references: bool) -> None:
        self.ordered = ordered
        self.style = style
        self.next = start
        self.references = references


class _TextParser(HTMLParser):
    """Streams the page into lines of tab-separated cells; blocks end lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._cells: list[list[str]] = [[]]
        self._stack: list[tuple[str, Callable[[], None] | None]] = []
        self._skip_depth: int | None = None
        """Stack depth of the dropped element being skipped, if any."""
        self._inline = 0
        """Inside a table cell or a reference-list entry: blocks there only separate words."""
        self._lists: list[_List] = []
        self._list_styles: list[str] = []
        self._rows: list[int] = []
        """Cells seen so far in the current row of each open table."""
        self._prefix = ""
        """A list item's bullet or number, written before the item's first text."""

    # -- output ---------------------------------------------------------------------------------

    def result(self) -> str:
        self._end_line()
        text = "\n".join(self._lines).strip("\n")
        return text + "\n" if text else ""

    def _write(self, text: str) -> None:
        if self._prefix and not text.isspace():
            text, self._prefix = self._prefix + text.lstrip(), ""
        self._cells[-1].append(text)

    def _end_line(self) -> None:
        cells = [_SPACE.sub(" ", "".join(cell)).strip(" ") for cell in self._cells]
        line = "\t".join(cells).strip(" \t")
        if line:
            self._lines.append(line)
        self._cells = [[]]

    def _break(self, newlines: int) -> None:
        """End the current line (``newlines`` 2: and leave a blank line); a space when inline."""
        if self._inline:
            self._write(" ")
            return
        self._end_line()
        if newlines > 1 and self._lines and self._lines[-1]:
            self._lines.append("")

    def _strip_trailing_space(self) -> None:
        cell = self._cells[-1]
        while cell:
            stripped = cell[-1].rstrip()
            if stripped:
                cell[-1] = stripped
                return
            cell.pop()

    # -- parser callbacks -----------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth is not None:
            if tag not in _VOID:
                self._stack.append((tag, None))
            return
        attr = {k: v or "" for k, v in attrs}
        classes = attr.get("class", "").split()
        if (
            tag in _DROPPED_TAGS
            or _DROPPED_CLASSES.intersection(classes)
            or _HIDDEN.search(attr.get("style", ""))
            or "hidden" in attr
        ):
            if tag not in _VOID:
                self._skip_depth = len(self._stack)
                self._stack.append((tag, None))
            return
        if tag == "br":
            self._break(1)
            return
        if tag in _VOID:
            if tag == "hr":
                self._break(2)
            return
        self._stack.append((tag, self._open(tag, attr, classes)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                break
        else:
            return  # a stray end tag
        while len(self._stack) > i:
            _tag, close = self._stack.pop()
            if self._skip_depth is not None:
                if len(self._stack) == self._skip_depth:
                    self._skip_depth = None
                continue
            if close is not None:
                close()

    def handle_data(self, data: str) -> None:
        if self._skip_depth is None:
            self._write(data)

    # -- elements -------------------------------------------------------------------------------

    def _open(self, tag: str, attr: dict[str, str], classes: list[str]) -> Callable[[], None]:
        """Act on an opening tag; returns what to do when the element closes."""
        closers: list[Callable[[], None]] = []
        style = _LIST_STYLE.search(attr.get("style", ""))
        if style:
            self._list_styles.append(style.group(1))
            closers.append(self._list_styles.pop)
        if tag in _BLOCKS:
            newlines = _BLOCKS[tag]
            self._break(newlines)
            closers.append(lambda: self._break(newlines))
        if tag == "sup" and "reference" in classes:
            self._strip_trailing_space()
        elif tag in ("ul", "ol"):
            closers.append(self._open_list(tag, attr, classes))
        elif tag == "li":
            if self._open_item(attr):
                self._inline += 1
                closers.append(self._leave_inline)
            closers.append(self._drop_prefix)
        elif tag == "table":
            self._rows.append(0)
            closers.append(self._rows.pop)
        elif tag == "tr":
            self._end_line()
            if self._rows:
                self._rows[-1] = 0
        elif tag in ("td", "th"):
            if self._rows:
                if self._rows[-1]:
                    self._cells.append([])
                self._rows[-1] += 1
            self._inline += 1
            closers.append(self._leave_inline)

        def close() -> None:
            for action in reversed(closers):
                action()

        return close

    def _leave_inline(self) -> None:
        self._inline -= 1

    def _drop_prefix(self) -> None:
        self._prefix = ""  # an item without text

    def _open_list(self, tag: str, attr: dict[str, str], classes: list[str]) -> Callable[[], None]:
        ordered = tag == "ol"
        style = attr.get("type") or (self._list_styles[-1] if self._list_styles else "decimal")
        style = _OL_TYPES.get(style, style)
        start = attr.get("start", "1")
        self._lists.append(
            _List(ordered, style, int(start) if start.isdigit() else 1, "references" in classes)
        )
        return self._lists.pop

    def _open_item(self, attr: dict[str, str]) -> bool:
        """Write the item's bullet or number; True for a reference-list entry (one line)."""
        if not self._lists:
            return False
        current = self._lists[-1]
        value = attr.get("value", "")
        if value.isdigit():
            current.next = int(value)
        number = current.next
        current.next += 1
        if current.references:
            self._prefix = f"{list_label(number, current.style)}. "
            return True
        if not self._inline:
            self._prefix = f"{list_label(number, current.style)}. " if current.ordered else "• "
        return False
