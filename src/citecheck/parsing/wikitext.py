"""Wikitext in, Article out: one mwparserfromhell parse, one walk over its nodes.

The walk does two jobs at once, in document order:

* it collects every reference (``<ref>``, ``{{sfn}}``, ``{{r}}``, ``{{efn}}``…), reference list and
  inline maintenance tag, wherever it sits (prose, tables, infoboxes, captions), because the Cite
  extension numbers them all in the order they appear;
* in prose it builds the readable text of each paragraph (:class:`ParagraphText`), placing
  references and tags as anchors, and turns it into claims when the paragraph ends.
"""

from __future__ import annotations

import re
from typing import cast

import mwparserfromhell
from mwparserfromhell.nodes import (
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
from mwparserfromhell.wikicode import Wikicode

from ..model import (
    Article,
    Citation,
    Claim,
    Infobox,
    InfoboxField,
    InlineTag,
    Link,
    Paragraph,
    ParagraphKind,
    ReferenceList,
    RefTag,
    Section,
    SectionKind,
)
from ..spans import LineIndex, Span
from .inline_templates import render_inline
from .languages import LanguageTable, classify_template, detect_language, table_for
from .numbering import number_references
from .offsets import indexed_children, span_index
from .paragraphs import ParagraphText, is_claim_text, sentences
from .wikinames import namespace_of, normalize_title, template_key

_QUOTES = re.compile(r"'{2,}")
_INFOBOX = re.compile(
    r"(?i)infobox|^info/|^ficha|^карточка|^картка|^taxobox|基礎情報|信息框|^infocaseta|^bảng thông"
    r"|^กล่องข้อมูล|^جعبه|^صندوق معلومات|^תבנית מידע|^Πλαίσιο|^Кутија|^Сведения"
)
_WORDS = re.compile(r"\w+")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_REDIRECT = re.compile(r"\s*#[^\s\[]+\s*:?\s*\[\[", re.UNICODE)
_MAGIC = re.compile(r"__[A-ZÀ-Ž]+__")
_INTERWIKI = re.compile(r"^:?[a-z]{2,3}(-[a-z]+)?:")
_IMAGE_OPTION = re.compile(
    r"^\s*(thumb|thumbnail|frame|frameless|framed|border|left|right|center|centre|none|upright"
    r"(\s*=?\s*[\d.]+)?|baseline|middle|sub|super|top|text-top|bottom|text-bottom|\d*x?\d+\s*px"
    r"|(alt|link|page|lang|class|upright)\s*=.*|mini|miniatur|vignette|miniatura|rechts|links"
    r"|gauche|droite|centro|derecha|izquierda|direita|esquerda|destra|sinistra)\s*$",
    re.IGNORECASE,
)

# Tags whose contents are part of the running prose.
_INLINE_TAGS = frozenset(
    ["b", "i", "u", "s", "em", "strong", "small", "big", "sup", "sub", "span", "abbr", "cite", "q", "font", "del", "ins", "strike", "tt", "kbd", "var", "mark", "bdi", "bdo", "dfn", "time", "data", "ruby", "rb", "rt", "rp", "samp", "code"]
)
# Tags whose contents are prose of their own (a block, closing the paragraph around it).
_BLOCK_PROSE_TAGS = frozenset(["blockquote", "div", "center", "p", "poem", "li", "dd", "dt"])
# Tags shown as literal text.
_LITERAL_TAGS = frozenset(("nowiki",))
# Tags whose contents stand for one symbol in a sentence.
_SYMBOL_TAGS = frozenset(("math", "chem", "ce", "hiero"))
_LIST_MARKUP = frozenset(("*", "#", ":", ";"))
_EDGE_SPACE = " \t"


_DETECT = object()


class _Builder:
    def __init__(
        self,
        text: str,
        title: str | None,
        lang: str | None,
        *,
        language: object = _DETECT,
        context: tuple[Section, ...] = (),
        followed: bool = False,
    ) -> None:
        """``language`` is the language already decided for the whole article (default: from
        ``lang`` or detected in ``text``). ``context`` and ``followed`` read ``text`` as one piece
        of a longer article (:mod:`.incremental`): the sections open where it starts (outermost
        first), and whether more text follows it."""
        self.text = text
        self.title = title
        self.lang: str | None = (
            lang or detect_language(text) if language is _DETECT else cast("str | None", language)
        )
        self.followed = followed
        self.table: LanguageTable = table_for(lang)
        self.sections: list[Section] = []
        self.paragraphs: list[Paragraph] = []
        self.claims: list[tuple] = []  # (text, span, section, paragraph, kind, [anchors])
        self.ref_tags: list[RefTag] = []
        self.lists: list[ReferenceList] = []
        self.events: list[tuple[str, int]] = []
        self.tags: list[InlineTag] = []
        self.tag_claims: dict[int, int] = {}
        self.para = ParagraphText()
        self.para_kind: ParagraphKind = "prose"
        self.line_has_text = False
        self.idx: dict[int, tuple[int, int]] = {}
        self.readable: list[ParagraphText] = []
        self.links: list[Link] = []
        self.infoboxes: list[Infobox] = []
        if context:
            self.sections.extend(context)
        else:
            self._section_open("", 0, None, 0)

    # -- sections ------------------------------------------------------------------------

    def _section_open(self, title: str, level: int, heading: Span | None, start: int) -> None:
        if self.sections:
            prev = self.sections[-1]
            self.sections[-1] = _with_end(prev, start)
        path: tuple[str, ...] = ()
        kind: SectionKind = "lead" if level == 0 else "body"
        if level:
            parents = [s for s in self.sections if 0 < s.level < level]
            parent = parents[-1] if parents else None
            # The nearest enclosing section, walking back: the last one with a smaller level.
            for s in reversed(self.sections):
                if s.level < level:
                    parent = s if s.level else None
                    break
            path = (*(parent.path if parent else ()), title)
            folded = title.casefold().strip()
            if parent is not None and parent.kind in ("references", "nonprose"):
                kind = parent.kind
            elif folded in self.table.reference_sections:
                kind = "references"
            elif folded in self.table.nonprose_sections:
                kind = "nonprose"
        self.sections.append(
            Section(len(self.sections), title, level, path, Span(start, len(self.text)), heading, kind)
        )

    @property
    def section(self) -> Section:
        return self.sections[-1]

    # -- paragraphs ------------------------------------------------------------------------

    def flush(self) -> None:
        """End the current paragraph: split it into sentences and bind its anchors."""
        para = self.para
        kind = self.para_kind
        self.para_kind = "prose"  # an empty list item ends too: the next line is not in a list
        if not para.length and not para.anchors:
            return
        self.para = ParagraphText()
        if not para.nonspace:
            return
        section = self.section
        pid = len(self.paragraphs)
        self.paragraphs.append(Paragraph(pid, section.id, para.source_span(), kind))
        self.readable.append(para)
        if section.kind in ("references", "nonprose"):
            return
        found, _loose = sentences(para, self.lang)
        for sentence in found:
            if not is_claim_text(sentence.text, kind):
                continue
            self.claims.append((sentence, section, pid, kind))

    def start_list_item(self) -> None:
        self.flush()
        self.para_kind = "list"

    # -- index helpers: spans come from one span_index, text from slices (no str()) -----------

    def src(self, obj: object) -> str:
        s, e = self.idx[id(obj)]
        return self.text[s:e]

    def items(self, code: Wikicode) -> list[tuple[object, int, int]]:
        idx = self.idx
        return [(node, *idx[id(node)]) for node in code.nodes]

    def params(self, node: Template) -> list[tuple[str, str, int, int]]:
        """(name, raw value, value start, value end) of each parameter, names stripped."""
        out = []
        idx = self.idx
        text = self.text
        for p in node.params:
            vs, ve = idx[id(p.value)]
            if p.showkey:
                ns, ne = idx[id(p.name)]
                key = text[ns:ne].strip()
            else:
                key = str(p.name)
            out.append((key, text[vs:ve], vs, ve))
        return out

    def contents_span(self, node: Tag) -> tuple[int, int] | None:
        if node.self_closing:
            return None
        return self.idx.get(id(node.contents))

    # -- the walk ----------------------------------------------------------------------------

    def prose(self, code: Wikicode) -> None:
        self.prose_items(self.items(code))

    def prose_items(self, nodes: list[tuple[object, int, int]]) -> None:
        for node, s, e in nodes:
            kind = type(node)
            if kind is Text:
                self.text_node(node.value, s)  # type: ignore[attr-defined]
            elif kind is str:
                self.text_node(node, s)  # type: ignore[arg-type]
            elif kind is Template:
                self.template(node, s, e)  # type: ignore[arg-type]
            elif kind is Wikilink:
                self.wikilink(node, s, e)  # type: ignore[arg-type]
            elif kind is Tag:
                self.tag(node, s, e)  # type: ignore[arg-type]
            elif kind is ExternalLink:
                self.external_link(node, s, e)  # type: ignore[arg-type]
            elif kind is HTMLEntity:
                self.para.add(node.normalize(), s, e)  # type: ignore[attr-defined]
                self.line_has_text = True
            elif kind is Heading:
                self.heading(node, s, e)  # type: ignore[arg-type]
            elif kind is Comment:
                continue
            else:  # Argument and unknown nodes: not rendered prose
                self.scan(node)  # type: ignore[arg-type]

    def text_node(self, value: str, start: int) -> None:
        pos = 0
        text = self.text
        while True:
            nl = value.find("\n", pos)
            chunk = value[pos:] if nl < 0 else value[pos:nl]
            if chunk:
                self.emit_text(chunk, start + pos)
            if nl < 0:
                return
            at = start + nl
            self.line_has_text = False
            if self.para_kind == "list":
                self.flush()
            else:
                nxt = text.find("\n", at + 1)
                line = text[at + 1 : nxt if nxt >= 0 else len(text)]
                if nxt < 0 and self.followed and at + 1 == len(text):
                    line = "-"  # a piece ends here: the next line, not blank, is the next piece's
                if not line.strip():
                    self.flush()
                elif self.para.length:
                    self.para.add(" ", at, at + 1)
            pos = nl + 1

    def emit_text(self, chunk: str, start: int) -> None:
        if "''" in chunk or "__" in chunk:
            pos = 0
            for m in _QUOTES.finditer(chunk) if "''" in chunk else ():
                self._emit_plain(chunk[pos : m.start()], start + pos)
                pos = m.end()
            rest = chunk[pos:]
            if "__" in rest:
                rest_start = start + pos
                last = 0
                for m in _MAGIC.finditer(rest):
                    self._emit_plain(rest[last : m.start()], rest_start + last)
                    last = m.end()
                self._emit_plain(rest[last:], rest_start + last)
            else:
                self._emit_plain(rest, start + pos)
        else:
            self._emit_plain(chunk, start)

    def _emit_plain(self, chunk: str, start: int) -> None:
        if chunk:
            self.para.add(chunk, start)
            if not self.line_has_text and not chunk.isspace():
                self.line_has_text = True

    def heading(self, node: Heading, s: int, e: int) -> None:
        self.flush()
        title = " ".join(node.title.strip_code().split())
        self._section_open(title, node.level, Span(s, e), s)
        self.scan_code(node.title, in_heading=True)

    def template(self, node: Template, s: int, e: int) -> None:
        name = template_key(self.src(node.name))
        kind = classify_template(self.table, name)
        if kind is not None:
            if kind == "citation-needed" or kind == "dead-link" or kind.startswith("verification:"):
                wrapped = self.wrapped_text(node)
                if wrapped is not None:  # {{citation needed span|text}}, fr {{refnec|text}}
                    self.line_has_text = True
                    self.prose(wrapped)
                self.inline_tag(node, s, e, kind, wrapped=wrapped is not None)
                return
            if kind in ("sfn", "r", "efn"):
                for tag in self.template_refs(node, s, e, name, kind, in_heading=False):
                    self.para.anchor(tag)
                return
            if kind in ("reflist", "notelist"):
                self.flush()
                self.reflist_template(node, s, e, name)
                return
            if kind == "hatnote":
                self.flush()
                return
        if self.is_block(s, e):
            self.flush()
            if _INFOBOX.search(name):
                self.infobox(node, s, e, name)
            self.scan(node)
            return
        rendered = render_inline(name, node)
        if rendered:
            self.para.add(rendered, s, e)
            self.line_has_text = True
        self.scan(node)

    def infobox(self, node: Template, s: int, e: int, name: str) -> None:
        fields = tuple(
            InfoboxField(key, value.strip(), Span(vs, ve))
            for key, value, vs, ve in self.params(node)
        )
        self.infoboxes.append(Infobox(name, Span(s, e), fields))

    def is_block(self, s: int, e: int) -> bool:
        """A template alone on its line (or spanning lines) is a block, not part of a sentence."""
        if self.line_has_text:
            return False
        text = self.text
        if text.find("\n", s, e) >= 0:
            return True
        nl = text.find("\n", e)
        rest = text[e : nl if nl >= 0 else len(text)].lstrip()
        return not rest or rest.startswith(("{{", "<!--", "[[", "{|"))

    def wikilink(self, node: Wikilink, s: int, e: int) -> None:
        target = self.src(node.title)
        ns = namespace_of(target)
        if ns == "category":
            return
        if ns == "file":
            self.file_link(node)
            return
        if _INTERWIKI.match(target) and not self.line_has_text:
            return
        self.line_has_text = True
        bare_target = target.lstrip(":").split("#", 1)[0]
        text_code = node.text
        if text_code is None:
            shown = target.lstrip(":")
        else:
            shown_nodes = text_code.nodes
            if len(shown_nodes) != 1 or type(shown_nodes[0]) is not Text:
                self.links.append(Link(Span(s, e), normalize_title(bare_target),
                                       " ".join(_QUOTES.sub("", text_code.strip_code()).split())))
                self.prose(text_code)
                return
            shown = shown_nodes[0].value
        if "''" in shown:
            shown = _QUOTES.sub("", shown)
        # the whole link stands for its text: a sentence starting or ending at a link then
        # starts or ends at its brackets
        self.para.add(shown, s, e)
        self.links.append(Link(Span(s, e), normalize_title(bare_target),
                               " ".join(shown.split()) if "  " in shown or "\n" in shown
                               else shown.strip()))

    def file_link(self, node: Wikilink) -> None:
        """An image: its caption is a paragraph of its own (kind ``caption``)."""
        if node.text is None:
            return
        self.flush()
        self.caption(split_items(self.items(node.text), "|"))

    def gallery(self, node: Tag) -> None:
        """mwparserfromhell leaves a gallery's lines unparsed: parse them here, one caption each."""
        span = self.contents_span(node)
        if span is None:
            return
        sub = mwparserfromhell.parse(self.text[span[0] : span[1]], skip_style_tags=True)
        self.idx.update(span_index(sub, span[0]))
        for line in split_items(self.items(sub), "\n"):
            parts = split_items(line, "|")
            if len(parts) > 1:
                self.scan_items(parts[0])
                self.caption(parts[1:])

    def caption(self, parts: list[list[tuple[object, int, int]]]) -> None:
        """The last part that is not an image option is the caption; the rest may hold refs."""
        caption = None
        for i in range(len(parts) - 1, -1, -1):
            raw = "".join(
                n if type(n) is str else self.text[a:b] for n, a, b in parts[i]  # type: ignore[misc]
            )
            if not _IMAGE_OPTION.match(raw):
                caption = i
                break
        for i, part in enumerate(parts):
            if i == caption:
                saved_kind = self.para_kind
                self.para_kind = "caption"
                self.prose_items(part)
                self.flush()
                self.para_kind = saved_kind
            else:
                self.scan_items(part)

    def external_link(self, node: ExternalLink, s: int, e: int) -> None:
        if not node.brackets:
            self.para.add(self.text[s:e], s)
            self.line_has_text = True
            return
        if node.title is not None and id(node.title) in self.idx:
            self.prose(node.title)

    def tag(self, node: Tag, s: int, e: int) -> None:
        markup = node.wiki_markup
        if markup is not None:
            if markup in _LIST_MARKUP:
                self.start_list_item()
                return
            if markup == "----":
                self.flush()
                return
        name = str(node.tag).strip().lower() if markup is None else ""
        if name == "ref":
            tag = self.ref_tag(node, s, e, in_heading=False)
            if tag is not None:
                self.para.anchor(tag)
            return
        if name == "references":
            self.flush()
            self.references_tag(node, s, e)
            return
        if name == "br":
            self.para.add(" ", s, e)
            return
        if name == "hr":
            self.flush()
            return
        span = self.contents_span(node)
        if span is None:
            return
        if name in _INLINE_TAGS:
            self.prose(node.contents)
        elif name in _LITERAL_TAGS:
            self.para.add(self.text[span[0] : span[1]], span[0])
            self.line_has_text = True
        elif name in _SYMBOL_TAGS:
            self.para.add("x", s, e)
            self.line_has_text = True
        elif name in _BLOCK_PROSE_TAGS:
            self.flush()
            self.prose(node.contents)
            self.flush()
        elif name == "gallery":
            self.flush()
            self.gallery(node)
        else:  # tables, code, timelines…: not prose, but may hold references
            self.flush()
            self.scan(node)

    # -- references and tags ---------------------------------------------------------------

    def tag_attrs(self, node: Tag) -> dict[str, str]:
        out = {}
        for attr in node.attributes:
            key = self.src(attr.name).strip().lower()
            value = self.src(attr.value) if attr.value is not None else ""
            out[key] = " ".join(_COMMENT.sub("", value).split()) if "<!--" in value else (
                " ".join(value.split())
            )
        return out

    def ref_tag(
        self, node: Tag, s: int, e: int, *, in_heading: bool, list_group: str | None = None
    ) -> RefTag:
        attrs = self.tag_attrs(node) if node.attributes else {}
        group = attrs.get("group", list_group if list_group is not None else "")
        name = attrs.get("name") or None
        content: str | None = None
        content_span: Span | None = None
        citations: tuple[Citation, ...] = ()
        span = self.contents_span(node)
        if span is not None:
            content = self.text[span[0] : span[1]]
            content_span = Span(*span)
            if name is not None and not content.strip():
                content = None  # <ref name=x></ref> is a reuse, as Cite reads it
            else:
                citations = self.citations(node.contents)
        tag = RefTag(
            span=Span(s, e),
            kind="ref",
            name=name,
            group=group,
            content=content,
            content_span=content_span,
            list_defined=list_group is not None,
            in_heading=in_heading,
            citations=citations,
            list_group=list_group,
        )
        self.add_ref(tag)
        if content and ("<ref" in content or "{{" in content):
            self.scan_code(node.contents, in_heading=in_heading, nested=True)
        return tag

    def add_ref(self, tag: RefTag) -> None:
        self.events.append(("ref", len(self.ref_tags)))
        self.ref_tags.append(tag)

    def citations(self, code: Wikicode) -> tuple[Citation, ...]:
        found: list[Citation] = []
        for node, s, e in self.items(code):
            kind = type(node)
            if kind is Template:
                name = template_key(self.src(node.name))  # type: ignore[attr-defined]
                if classify_template(self.table, name) == "citation":
                    params = tuple((k, v.strip()) for k, v, _s, _e in self.params(node))  # type: ignore[arg-type]
                    found.append(Citation(name, Span(s, e), params))
            elif kind is ExternalLink:
                url = self.src(node.url).strip()  # type: ignore[attr-defined]
                found.append(Citation("", Span(s, e), (("url", url),)))
        return tuple(found)

    def template_refs(
        self, node: Template, s: int, e: int, name: str, kind: str, *, in_heading: bool
    ) -> list[RefTag]:
        """``{{sfn}}``, ``{{r}}`` and ``{{efn}}``: the references they expand to."""
        span = Span(s, e)
        params = self.params(node)
        named = {k: _param_value(v) for k, v, _s, _e in params}
        group_of = self._first(named, self.table.group_params)
        name_of = self._first(named, self.table.name_params)
        tags: list[RefTag] = []
        if kind == "sfn":
            positional = [v.strip() for k, v, _s, _e in params if k.isdigit()]
            extra = [named[k] for k in ("p", "pp", "loc") if k in named]
            ref_name = "FOOTNOTE" + "".join(positional + extra)
            tags.append(RefTag(span, "sfn", ref_name, "", self.text[s:e], span, False,
                               in_heading, name))
        elif kind == "r":
            group = group_of or ""
            for k, v, _s, _e in params:
                if k.isdigit() and v.strip():
                    tags.append(RefTag(span, "r", v.strip(), group, None, None, False,
                                       in_heading, name))
        else:  # efn family
            group = group_of if group_of is not None else self.table.efn.get(name, "")
            ref_name = name_of or None
            body = body_span = None
            for k, v, vs, ve in params:
                if k == "1":
                    body, body_span = v, Span(vs, ve)
            if ref_name and body is not None and not body.strip():
                body = None
            tags.append(RefTag(span, "efn", ref_name, group, body, body_span, False,
                               in_heading, name))
        for tag in tags:
            self.add_ref(tag)
        if "<ref" in self.text[s:e]:
            self.scan(node, in_heading=in_heading, nested=True)
        return tags

    def references_tag(self, node: Tag, s: int, e: int) -> None:
        group = self.tag_attrs(node).get("group", "") if node.attributes else ""
        if self.contents_span(node) is not None:
            self.scan_code(node.contents, list_group=group)
        self.add_list(ReferenceList(Span(s, e), group, "tag"))

    def reflist_template(self, node: Template, s: int, e: int, name: str) -> None:
        group = self.table.list_group.get(name, "")
        params = self.params(node)
        for key, value, _vs, _ve in params:
            if key in self.table.group_params:
                group = _param_value(value)
        for p in node.params:
            if str(p.name).strip() in self.table.reflist_refs_params:
                self.scan_code(p.value, list_group=group)
        self.add_list(ReferenceList(Span(s, e), group, "template"))

    @staticmethod
    def _first(named: dict[str, str], keys: frozenset[str]) -> str | None:
        for key in keys:
            if key in named:
                return named[key]
        return None

    def add_list(self, reflist: ReferenceList) -> None:
        self.events.append(("list", len(self.lists)))
        self.lists.append(reflist)

    def wrapped_text(self, node: Template) -> Wikicode | None:
        """The claim text a span-form tag wraps (its first positional parameter), if any."""
        for param in node.params:
            if not param.showkey and str(param.name) == "1":
                vs, ve = self.idx[id(param.value)]
                if len(_WORDS.findall(self.text, vs, ve)) >= 3:
                    return param.value
        return None

    def inline_tag(self, node: Template, s: int, e: int, kind: str, wrapped: bool = False) -> None:
        date = reason = None
        for key, value, _vs, _ve in self.params(node):
            key = key.lower()
            if key == "date" and date is None:
                date = value.strip() or None
            elif (key == "reason" or (key == "1" and not wrapped)) and reason is None:
                reason = value.strip() or None
        tag_kind = kind.split(":", 1)[1] if kind.startswith("verification:") else kind
        if tag_kind == "citation-needed-span":
            tag_kind = "citation-needed"
        tag = InlineTag(tag_kind, self.src(node.name).strip(), Span(s, e), date, reason)
        self.tags.append(tag)
        self.para.anchor(tag)

    # -- non-prose scanning ----------------------------------------------------------------

    def scan(self, node: Node, *, in_heading: bool = False, nested: bool = False,
             list_group: str | None = None) -> None:
        """Collect references, lists and tags inside a node that is not prose."""
        for _label, code, _s, _e in indexed_children(node, self.idx):
            self.scan_code(code, in_heading=in_heading, list_group=list_group, nested=nested)

    def scan_code(self, code: Wikicode, *, in_heading: bool = False,
                  list_group: str | None = None, nested: bool = False) -> None:
        self.scan_items(self.items(code), in_heading=in_heading, list_group=list_group,
                        nested=nested)

    def scan_items(self, items: list[tuple[object, int, int]], *, in_heading: bool = False,
                   list_group: str | None = None, nested: bool = False) -> None:
        text = self.text
        for node, s, e in items:
            kind = type(node)
            if kind is Text or kind is Comment or kind is HTMLEntity or kind is str:
                continue
            if kind is Tag:
                name = str(node.tag).strip().lower() if node.wiki_markup is None else ""  # type: ignore[attr-defined]
                if name == "ref":
                    self.ref_tag(node, s, e, in_heading=in_heading, list_group=list_group)  # type: ignore[arg-type]
                    continue
                if name == "references" and not nested:
                    self.references_tag(node, s, e)  # type: ignore[arg-type]
                    continue
                if name in _LITERAL_TAGS or name in _SYMBOL_TAGS:
                    continue
            elif kind is Template:
                name = template_key(self.src(node.name))  # type: ignore[attr-defined]
                tkind = classify_template(self.table, name)
                if tkind in ("sfn", "r", "efn"):
                    self.template_refs(node, s, e, name, tkind, in_heading=in_heading)  # type: ignore[arg-type]
                    continue
                if tkind in ("reflist", "notelist") and not nested:
                    self.reflist_template(node, s, e, name)  # type: ignore[arg-type]
                    continue
                if tkind in ("citation-needed", "dead-link") or (tkind or "").startswith("verification:"):
                    self.inline_tag(node, s, e, tkind)  # type: ignore[arg-type]
                    continue
                if text.find("<ref", s, e) < 0 and text.find("{{", s + 2, e) < 0:
                    continue
            elif text.find("<ref", s, e) < 0 and text.find("{{", s, e) < 0:
                continue
            self.scan(node, in_heading=in_heading, list_group=list_group, nested=nested)  # type: ignore[arg-type]

    # -- result ----------------------------------------------------------------------------

    def walk(self) -> None:
        """Parse the text and walk it: fills the builder's lists, in document order."""
        text = self.text
        if not _REDIRECT.match(text):
            code = mwparserfromhell.parse(text, skip_style_tags=True)
            self.idx = span_index(code)
            self.prose(code)
            self.idx = {}
        self.flush()
        self.sections[-1] = _with_end(self.sections[-1], len(text))

    def build(self) -> Article:
        self.walk()
        return assemble(
            self.text, self.title, self.lang, self.sections, self.paragraphs, self.claims,
            self.ref_tags, self.lists, self.events, self.tags, self.readable, self.links,
            self.infoboxes,
        )


def assemble(
    text: str,
    title: str | None,
    lang: str | None,
    sections: list[Section],
    paragraphs: list[Paragraph],
    raw_claims: list[tuple],
    ref_tags: list[RefTag],
    lists: list[ReferenceList],
    events: list[tuple[str, int]],
    inline_tags: list[InlineTag],
    readable: list[ParagraphText],
    links: list[Link],
    infoboxes: list[Infobox],
    memo: dict[int, tuple[object, ...]] | None = None,
) -> Article:
    """The article from what a walk found: references numbered as Cite does, claims bound to
    them. Shared by the whole-text build and the composition of pieces (:mod:`.incremental`),
    which passes ``memo``: the claims of its last version by sentence, reused when nothing of
    them changed (a new memo replaces its contents)."""
    references, tag_refs = number_references(ref_tags, lists, events)
    ref_index = dict(zip(map(id, ref_tags), tag_refs))
    claims: list[Claim] = []
    tags = list(inline_tags)
    tag_pos = {id(t): i for i, t in enumerate(tags)}
    kept: dict[int, tuple[object, ...]] = {}
    for n, (sentence, section, pid, kind) in enumerate(raw_claims, 1):
        cid = f"c{n}"
        refs: list[str] = []
        spans: list[Span] = []
        for anchor in sentence.anchors:
            if isinstance(anchor, RefTag):
                ref_id = ref_index.get(id(anchor))
                if ref_id is not None and ref_id not in refs:
                    refs.append(ref_id)
                    spans.append(anchor.span)
            elif isinstance(anchor, InlineTag):
                j = tag_pos[id(anchor)]
                tags[j] = _with_claim(tags[j], cid)
        if memo is not None:
            # (sentence, what else its claim is made of, the claim)
            basis = (cid, section.path, section.id, section.kind, pid, kind, refs)
            known = memo.get(id(sentence))
            if known is not None and known[0] is sentence and known[1] == basis:
                claims.append(known[2])  # type: ignore[arg-type]
                kept[id(sentence)] = known
                continue
        claim = Claim(cid, sentence.text, sentence.span, section.path, section.id, pid, kind,
                      tuple(refs), tuple(spans), section.kind == "lead", sentence.readable)
        claims.append(claim)
        if memo is not None:
            kept[id(sentence)] = (sentence, basis, claim)
    if memo is not None:
        memo.clear()
        memo.update(kept)
    return Article(
        text=text,
        format="wikitext",
        title=title,
        sections=tuple(sections),
        paragraphs=tuple(paragraphs),
        claims=tuple(claims),
        ref_tags=tuple(ref_tags),
        references=tuple(references),
        reference_lists=tuple(lists),
        tags=tuple(tags),
        language=lang,
        lines=LineIndex(text),
        readable=tuple(readable),
        links=tuple(links),
        infoboxes=tuple(infoboxes),
    )


def _with_end(section: Section, end: int) -> Section:
    from attrs import evolve

    return evolve(section, span=Span(section.span.start, max(section.span.start, end)))


def _with_claim(tag: InlineTag, claim: str) -> InlineTag:
    from attrs import evolve

    return evolve(tag, claim=claim)


def _param_value(raw: str) -> str:
    """A template argument as Cite reads a group or name: comments and quotes removed."""
    value = _COMMENT.sub("", raw).strip() if "<!--" in raw else raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value


def split_items(
    items: list[tuple[object, int, int]], sep: str
) -> list[list[tuple[object, int, int]]]:
    """Split a run of nodes at ``sep`` inside its Text nodes (fragments become ``str``)."""
    parts: list[list[tuple[object, int, int]]] = [[]]
    for node, s, e in items:
        kind = type(node)
        value = node.value if kind is Text else node if kind is str else None  # type: ignore[attr-defined]
        if value is None or sep not in value:
            parts[-1].append((node, s, e))
            continue
        pos = 0
        while True:
            cut = value.find(sep, pos)
            if cut < 0:
                break
            if cut > pos:
                parts[-1].append((value[pos:cut], s + pos, s + cut))
            parts.append([])
            pos = cut + 1
        if pos < len(value):
            parts[-1].append((value[pos:], s + pos, e))
    return parts


def parse_wikitext(text: str, *, title: str | None = None, lang: str | None = None) -> Article:
    """Parse MediaWiki wikitext into the article model."""
    return _Builder(text, title, lang).build()
