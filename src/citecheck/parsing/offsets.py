"""Exact character offsets for mwparserfromhell nodes.

mwparserfromhell nodes carry no positions, but every node's ``__str__`` is a fixed
concatenation of literal markup and child ``Wikicode`` objects, and the parser round-trips
its input exactly (``str(parse(text)) == text``). So the offset of each child can be derived
from the lengths of the pieces that precede it. This module encodes that layout once per
node type (``_LAYOUTS``) and uses it two ways:

* ``children`` measures each direct child with ``len(str(child))`` (one level, cheap);
* ``span_index`` measures bottom-up in a single recursive pass without ever calling ``str``
  on a container, so it stays linear in the size of the tree however deep it nests.

Invariant (tested on every fixture article): for ``code = mwparserfromhell.parse(text)`` and
every node, nested ``Wikicode``, ``Parameter`` and ``Attribute`` ``x`` at any depth,
``text[s:e] == str(x)`` where ``(s, e)`` is the span computed here.

Spans are keyed by ``id()``: they are only meaningful while the tree is alive and unmodified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Parameter
from mwparserfromhell.wikicode import Wikicode

__all__ = [
    "Span",
    "children",
    "indexed_children",
    "iter_nodes",
    "span_index",
    "tag_contents_span",
    "template_param_spans",
]

Span = tuple[int, int]

# visit(label, wikicode, start) -> end: places one child Wikicode and returns where it ends.
Visit = Callable[[str, Wikicode, int], int]
# mark(obj, start, end): records the span of a Parameter/Attribute (not Wikicode, not Node).
Mark = Callable[[Any, int, int], None]
Layout = Callable[[Any, int, Visit, Mark], int]


def iter_nodes(code: Wikicode, start: int = 0) -> Iterator[tuple[Node, int, int]]:
    """Top-level nodes of `code` with their (start, end) offsets, `code` starting at `start`.

    One ``str()`` per top-level node, so O(len(str(code))); used on hot paths.
    """
    pos = start
    for node in code.nodes:
        end = pos + len(str(node))
        yield node, pos, end
        pos = end


# --- per-type layouts ---------------------------------------------------------------------
# Each mirrors the node's ``__str__`` exactly: literal markup advances ``pos`` by its length,
# each child Wikicode is placed by ``visit``. They return the node's end offset.


def _layout_text(node: Text, pos: int, visit: Visit, mark: Mark) -> int:
    return pos + len(node.value)


def _layout_comment(node: Comment, pos: int, visit: Visit, mark: Mark) -> int:
    return pos + 7 + len(node.contents)  # "<!--" + contents + "-->"


def _layout_opaque(node: Node, pos: int, visit: Visit, mark: Mark) -> int:
    """HTMLEntity (no children) and unknown Node subclasses, whose layout we can't know."""
    return pos + len(str(node))


def _layout_template(node: Template, pos: int, visit: Visit, mark: Mark) -> int:
    # "{{" name ("|" param)* "}}", param = [name "="] value
    pos = visit("name", node.name, pos + 2)
    for param in node.params:
        pstart = pos = pos + 1
        if param.showkey:
            pos = visit("param_name", param.name, pos) + 1
        pos = visit("param_value", param.value, pos)
        mark(param, pstart, pos)
    return pos + 2


def _layout_argument(node: Argument, pos: int, visit: Visit, mark: Mark) -> int:
    # "{{{" name ["|" default] "}}}"
    pos = visit("name", node.name, pos + 3)
    if node.default is not None:
        pos = visit("default", node.default, pos + 1)
    return pos + 3


def _layout_wikilink(node: Wikilink, pos: int, visit: Visit, mark: Mark) -> int:
    # "[[" title ["|" text] "]]"
    pos = visit("title", node.title, pos + 2)
    if node.text is not None:
        pos = visit("text", node.text, pos + 1)
    return pos + 2


def _layout_external_link(node: ExternalLink, pos: int, visit: Visit, mark: Mark) -> int:
    # bracketed: "[" url [" "] [title] "]"; bare: url only (a title would not be printed)
    if not node.brackets:
        return visit("url", node.url, pos)
    pos = visit("url", node.url, pos + 1)
    if node.title is not None:
        if not node.suppress_space:
            pos += 1
        pos = visit("title", node.title, pos)
    return pos + 1


def _layout_heading(node: Heading, pos: int, visit: Visit, mark: Mark) -> int:
    # "="*level title "="*level
    level = node.level
    return visit("title", node.title, pos + level) + level


def _layout_attrs(node: Tag, pos: int, visit: Visit, mark: Mark) -> int:
    # each: pad_first name pad_before_eq ["=" pad_after_eq [q] value [q]]
    for attr in node.attributes:
        astart = pos
        pos = visit("attr_name", attr.name, pos + len(attr.pad_first)) + len(attr.pad_before_eq)
        if attr.value is not None:
            q = len(attr.quotes or "")
            pos = visit("attr_value", attr.value, pos + 1 + len(attr.pad_after_eq) + q) + q
        mark(attr, astart, pos)
    return pos


def _layout_tag(node: Tag, pos: int, visit: Visit, mark: Mark) -> int:
    wiki_markup = node.wiki_markup
    if wiki_markup:
        # markup attrs padding [separator] [contents closing_markup]; the tag name
        # ("table", "b", "li", ...) and closing_tag are not printed for wiki-markup tags.
        pos = _layout_attrs(node, pos + len(wiki_markup), visit, mark)
        pos += len(node.padding) + len(node.wiki_style_separator or "")
        if node.self_closing:
            return pos
        pos = visit("contents", node.contents, pos)
        return pos + len(node.closing_wiki_markup or "")
    # ("</" if invalid else "<") tag attrs padding ...
    pos = visit("tag", node.tag, pos + (2 if node.invalid else 1))
    pos = _layout_attrs(node, pos, visit, mark) + len(node.padding)
    if node.self_closing:
        # ... (">" if implicit else "/>"); contents and closing_tag are not printed
        return pos + (1 if node.implicit else 2)
    # ... ">" contents "</" closing_tag ">"
    pos = visit("contents", node.contents, pos + 1)
    return visit("closing_tag", node.closing_tag, pos + 2) + 1


_LAYOUTS: dict[type, Layout] = {
    Text: _layout_text,
    Comment: _layout_comment,
    HTMLEntity: _layout_opaque,
    Template: _layout_template,
    Argument: _layout_argument,
    Wikilink: _layout_wikilink,
    ExternalLink: _layout_external_link,
    Heading: _layout_heading,
    Tag: _layout_tag,
}


def _layout_for(cls: type) -> Layout:
    """Layout for a node class; subclasses of known types inherit their base's layout."""
    layout = _LAYOUTS.get(cls)
    if layout is None:
        layout = next((_LAYOUTS[k] for k in cls.__mro__ if k in _LAYOUTS), _layout_opaque)
        _LAYOUTS[cls] = layout
    return layout


def _no_mark(obj: Any, start: int, end: int) -> None:
    return None


def children(node: Node, start: int) -> Iterator[tuple[str, Wikicode, int]]:
    """Child Wikicode objects of `node` (which starts at `start`) with their start offsets.

    Labels follow the node's attribute names: Template ``name``/``param_name``/``param_value``
    (name only when ``showkey``), Argument ``name``/``default``, Wikilink ``title``/``text``,
    ExternalLink ``url``/``title``, Heading ``title``, Tag ``tag`` (HTML-style only),
    ``attr_name``/``attr_value``, ``contents`` (unless self-closing) and ``closing_tag``
    (HTML-style, not self-closing). Only Wikicode that is printed in ``str(node)`` is yielded,
    in text order; Text, Comment and HTMLEntity have none. Each child's end is
    ``start + len(str(child))``.
    """
    found: list[tuple[str, Wikicode, int]] = []

    def visit(label: str, code: Wikicode, pos: int) -> int:
        found.append((label, code, pos))
        return pos + len(str(code))

    _layout_for(type(node))(node, start, visit, _no_mark)
    return iter(found)


def span_index(code: Wikicode, start: int = 0) -> dict[int, Span]:
    """Spans of every node and nested Wikicode at any depth, keyed by ``id()``, in one pass.

    Also includes ``code`` itself and every Template ``Parameter`` and Tag ``Attribute``.
    Lengths are summed bottom-up (no ``str()`` of containers), so the pass is linear. A
    Wikicode object printed twice (a Tag whose ``closing_tag`` is its ``tag`` object, which
    only happens for trees built or edited in code) is indexed at its first occurrence.
    """
    spans: dict[int, Span] = {}
    layouts = _LAYOUTS

    def mark(obj: Any, s: int, e: int) -> None:
        spans[id(obj)] = (s, e)

    def visit(label: str, wc: Wikicode, s: int) -> int:
        seen = spans.get(id(wc))
        if seen is not None:
            # The same Wikicode printed twice: Tag.tag's setter makes ``closing_tag`` the very
            # object ``tag`` is (Tags built in code, or renamed via ``tag.tag = ...``). Keep
            # the first occurrence; the second only needs its length.
            return s + seen[1] - seen[0]
        pos = s
        for node in wc.nodes:
            cls = type(node)
            if cls is Text:  # the bulk of all nodes: skip the dispatch
                end = pos + len(node.value)
            else:
                layout = layouts.get(cls) or _layout_for(cls)
                end = layout(node, pos, visit, mark)
            spans[id(node)] = (pos, end)
            pos = end
        spans[id(wc)] = (s, pos)
        return pos

    visit("", code, start)
    # ``visit`` calls itself through its closure cell: a reference cycle that would keep the
    # index alive until the cyclic collector runs. Breaking it frees the index at once.
    visit = None  # type: ignore[assignment]
    return spans


def template_param_spans(
    template: Template, start: int
) -> list[tuple[Parameter, Span | None, Span]]:
    """Each parameter of the Template at `start` with its name span and value span.

    The name span is None for positional parameters (``showkey`` False): their name ("1",
    "2", ...) is implicit and not in the text.
    """
    result: list[tuple[Parameter, Span | None, Span]] = []
    pos = start + 2 + len(str(template.name))
    for param in template.params:
        pos += 1
        name_span: Span | None = None
        if param.showkey:
            name_end = pos + len(str(param.name))
            name_span = (pos, name_end)
            pos = name_end + 1
        value_end = pos + len(str(param.value))
        result.append((param, name_span, (pos, value_end)))
        pos = value_end
    return result


def tag_contents_span(tag: Tag, start: int) -> Span | None:
    """Span of the contents of the Tag at `start`, or None if it is self-closing.

    For wiki-markup tags (table cells, ``''``, list items...) this is what follows the markup,
    attributes and separator, e.g. the cell text of ``| style="x" | text``.
    """
    if tag.self_closing:
        return None
    for label, code, pos in children(tag, start):
        if label == "contents":
            return pos, pos + len(str(code))
    raise AssertionError("non-self-closing Tag without contents")  # pragma: no cover


def indexed_children(node: Node, spans: dict[int, Span]) -> list[tuple[str, Wikicode, int, int]]:
    """Like :func:`children`, but reads the spans from a :func:`span_index` (no ``str()``)."""
    found: list[tuple[str, Wikicode, int, int]] = []

    def visit(label: str, code: Wikicode, pos: int) -> int:
        s, e = spans[id(code)]
        found.append((label, code, s, e))
        return e

    _layout_for(type(node))(node, spans[id(node)][0], visit, _no_mark)
    return found
