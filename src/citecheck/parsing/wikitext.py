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
    InlineTag,
    ParagraphKind,
    Paragraph,
    RefTag,
    ReferenceList,
    Section,
    SectionKind,
)
from ..spans import LineIndex, Span
from .inline_templates import render_inline
from .languages import LanguageTable, classify_template, detect_language, table_for
from .numbering import number_references
from .offsets import children, iter_nodes, tag_contents_span, template_param_spans
from .paragraphs import ParagraphText, is_claim_text, sentences
from .wikinames import namespace_of, template_key

_QUOTES = re.compile(r"'{2,}")
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
    "b i u s em strong small big sup sub span abbr cite q font del ins strike tt kbd var mark "
    "bdi bdo dfn time data ruby rb rt rp samp code".split()
)
# Tags whose contents are prose of their own (a block, closing the paragraph around it).
_BLOCK_PROSE_TAGS = frozenset("blockquote div center p poem li dd dt".split())
# Tags shown as literal text.
_LITERAL_TAGS = frozenset(("nowiki",))
# Tags whose contents stand for one symbol in a sentence.
_SYMBOL_TAGS = frozenset(("math", "chem", "ce", "hiero"))
_LIST_MARKUP = frozenset(("*", "#", ":", ";"))
_EDGE_SPACE = " \t"


class _Builder:
    def __init__(self, text: str, title: str | None, lang: str | None) -> None:
        self.text = text
        self.title = title
        self.lang = lang or detect_language(text)
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
        if not para.length and not para.anchors:
            return
        self.para = ParagraphText()
        kind = self.para_kind
        self.para_kind = "prose"
        if not para.nonspace:
            return
        section = self.section
        pid = len(self.paragraphs)
        self.paragraphs.append(Paragraph(pid, section.id, para.source_span(), kind))
        if section.kind in ("references", "nonprose"):
            return
        found, _loose = sentences(para, self.lang)
        for sentence in found:
            if not is_claim_text(sentence.text):
                continue
            self.claims.append((sentence, section, pid, kind))

    def start_list_item(self) -> None:
        self.flush()
        self.para_kind = "list"

    # -- the walk ----------------------------------------------------------------------------

    def prose(self, code: Wikicode, start: int) -> None:
        nodes = list(iter_nodes(code, start))
        for i, (node, s, e) in enumerate(nodes):
            kind = type(node)
            if kind is Text:
                self.text_node(node.value, s)
            elif kind is Template:
                self.template(node, s, e, nodes, i)
            elif kind is Wikilink:
                self.wikilink(node, s, e)
            elif kind is Tag:
                self.tag(node, s, e)
            elif kind is ExternalLink:
                self.external_link(node, s, e)
            elif kind is HTMLEntity:
                self.para.add(node.normalize(), s, e)
                self.line_has_text = True
            elif kind is Heading:
                self.heading(node, s, e)
            elif kind is Comment:
                continue
            else:  # Argument and unknown nodes: not rendered prose
                self.scan(node, s)

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
        title_code = node.title
        title = " ".join(title_code.strip_code().split())
        self._section_open(title, node.level, Span(s, e), s)
        self.scan_code(title_code, s + node.level, in_heading=True)

    def template(self, node: Template, s: int, e: int, nodes: list, i: int) -> None:
        name = template_key(str(node.name))
        kind = classify_template(self.table, name)
        if kind is not None:
            if kind == "citation-needed" or kind.startswith("verification:"):
                self.inline_tag(node, s, e, name, kind)
                return
            if kind in ("sfn", "r", "efn"):
                for tag in self.template_refs(node, s, e, name, kind, in_heading=False):
                    self.para.anchor(tag)
                return
            if kind in ("reflist", "notelist"):
                self.flush()
                self.reflist_template(node, s, e, name, kind)
                return
            if kind == "hatnote":
                self.flush()
                return
        if self.is_block(node, s, e, nodes, i):
            self.flush()
            self.scan(node, s)
            return
        rendered = render_inline(name, node)
        if rendered:
            self.para.add(rendered, s, e)
            self.line_has_text = True
        self.scan(node, s)

    def is_block(self, node: Template, s: int, e: int, nodes: list, i: int) -> bool:
        if self.line_has_text:
            return False
        if "\n" in self.text[s:e]:
            return True
        nl = self.text.find("\n", e)
        rest = self.text[e : nl if nl >= 0 else len(self.text)]
        return not rest.strip() or rest.lstrip().startswith(("{{", "<!--", "[[", "{|"))

    def wikilink(self, node: Wikilink, s: int, e: int) -> None:
        target = str(node.title)
        ns = namespace_of(target)
        if ns == "category":
            return
        if ns == "file":
            self.file_link(node, s, e)
            return
        if _INTERWIKI.match(target) and not target.startswith(":"):
            if not self.line_has_text:
                return
        self.line_has_text = True
        if node.text is not None:
            for label, code, cs in children(node, s):
                if label == "text":
                    self.prose(code, cs)
            return
        shown = target.lstrip(":")
        self.para.add(shown, s + 2 + (len(target) - len(shown)))

    def file_link(self, node: Wikilink, s: int, e: int) -> None:
        """An image: its caption is a paragraph of its own (kind ``caption``)."""
        if node.text is None:
            return
        self.flush()
        for label, code, cs in children(node, s):
            if label != "text":
                continue
            # The caption is the last part that is not an image option.
            parts = _split_pipes(code, cs)
            caption = None
            for part_code, part_start in reversed(parts):
                if not _IMAGE_OPTION.match(str(part_code)):
                    caption = (part_code, part_start)
                    break
            for part_code, part_start in parts:
                if caption is not None and part_code is caption[0]:
                    saved_kind = self.para_kind
                    self.para_kind = "caption"
                    self.prose(part_code, part_start)
                    self.flush()
                    self.para_kind = saved_kind
                else:
                    self.scan_code(part_code, part_start)

    def external_link(self, node: ExternalLink, s: int, e: int) -> None:
        if not node.brackets:
            self.para.add(str(node.url), s)
            self.line_has_text = True
            return
        if node.title is not None:
            for label, code, cs in children(node, s):
                if label == "title":
                    self.prose(code, cs)

    def tag(self, node: Tag, s: int, e: int) -> None:
        markup = node.wiki_markup
        name = str(node.tag).strip().lower()
        if name == "ref":
            tag = self.ref_tag(node, s, e, in_heading=False)
            if tag is not None:
                self.para.anchor(tag)
            return
        if name == "references":
            self.flush()
            self.references_tag(node, s, e)
            return
        if markup in _LIST_MARKUP:
            self.start_list_item()
            return
        if markup == "----" or name in ("hr",):
            self.flush()
            return
        if name == "br":
            self.para.add(" ", s, e)
            return
        if node.self_closing:
            return
        span = tag_contents_span(node, s)
        if span is None:
            return
        if name in _INLINE_TAGS:
            self.prose(node.contents, span[0])
        elif name in _LITERAL_TAGS:
            self.para.add(str(node.contents), span[0])
            self.line_has_text = True
        elif name in _SYMBOL_TAGS:
            self.para.add("x", s, e)
            self.line_has_text = True
        elif name in _BLOCK_PROSE_TAGS:
            self.flush()
            self.prose(node.contents, span[0])
            self.flush()
        else:  # tables, galleries, code, timelines…: not prose, but may hold references
            self.flush()
            self.scan(node, s)

    # -- references and tags ---------------------------------------------------------------

    def ref_tag(
        self, node: Tag, s: int, e: int, *, in_heading: bool, list_group: str | None = None
    ) -> RefTag | None:
        attrs = {}
        for attr in node.attributes:
            key = str(attr.name).strip().lower()
            attrs[key] = " ".join(str(attr.value).split()) if attr.value is not None else ""
        group = attrs.get("group", list_group if list_group is not None else "")
        name = attrs.get("name") or None
        content: str | None = None
        content_span: Span | None = None
        citations: tuple[Citation, ...] = ()
        if not node.self_closing:
            span = tag_contents_span(node, s)
            if span is not None:
                content = str(node.contents)
                content_span = Span(*span)
                if name is not None and not content.strip():
                    content = None  # <ref name=x></ref> is a reuse, as Cite reads it
                else:
                    citations = self.citations(node.contents, span[0])
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
            self.scan_code(node.contents, content_span.start, in_heading=in_heading, nested=True)
        return tag

    def add_ref(self, tag: RefTag) -> None:
        self.events.append(("ref", len(self.ref_tags)))
        self.ref_tags.append(tag)

    def citations(self, code: Wikicode, start: int) -> tuple[Citation, ...]:
        found: list[Citation] = []
        for node, s, e in iter_nodes(code, start):
            kind = type(node)
            if kind is Template:
                name = template_key(str(node.name))
                if classify_template(self.table, name) == "citation":
                    params = tuple(
                        (str(p.name).strip(), str(p.value).strip())
                        for p, _ns, _vs in template_param_spans(node, s)
                    )
                    found.append(Citation(name, Span(s, e), params))
            elif kind is ExternalLink:
                found.append(Citation("", Span(s, e), (("url", str(node.url).strip()),)))
        return tuple(found)

    def template_refs(
        self, node: Template, s: int, e: int, name: str, kind: str, *, in_heading: bool
    ) -> list[RefTag]:
        """``{{sfn}}``, ``{{r}}`` and ``{{efn}}``: the references they expand to."""
        span = Span(s, e)
        params = {str(p.name).strip(): p for p in node.params}
        tags: list[RefTag] = []
        if kind == "sfn":
            positional = [str(p.value).strip() for p in node.params if not p.showkey]
            extra = [str(params[k].value).strip() for k in ("p", "pp", "loc") if k in params]
            ref_name = "FOOTNOTE" + "".join(positional + extra)
            tags.append(RefTag(span, "sfn", ref_name, "", str(node), span, False, in_heading, name))
        elif kind == "r":
            group = str(params["group"].value).strip() if "group" in params else ""
            for p in node.params:
                if not p.showkey and str(p.value).strip():
                    tags.append(
                        RefTag(span, "r", str(p.value).strip(), group, None, None, False,
                               in_heading, name)
                    )
        else:  # efn family
            group = self.table.efn.get(name, "")
            if "group" in params:
                group = str(params["group"].value).strip()
            ref_name = str(params["name"].value).strip() if "name" in params else None
            body = None
            body_span = None
            for p, _name_span, value_span in template_param_spans(node, s):
                if str(p.name).strip() == "1":
                    body = str(p.value)
                    body_span = Span(*value_span)
            if ref_name and body is not None and not body.strip():
                body = None
            tags.append(RefTag(span, "efn", ref_name or None, group, body, body_span, False,
                               in_heading, name))
        for tag in tags:
            self.add_ref(tag)
        for _label, code, cs in children(node, s):
            if "<ref" in str(code):
                self.scan_code(code, cs, in_heading=in_heading, nested=True)
        return tags

    def references_tag(self, node: Tag, s: int, e: int) -> None:
        group = ""
        for attr in node.attributes:
            if str(attr.name).strip().lower() == "group" and attr.value is not None:
                group = " ".join(str(attr.value).split())
        if not node.self_closing:
            span = tag_contents_span(node, s)
            if span is not None:
                self.scan_code(node.contents, span[0], list_group=group)
        self.add_list(ReferenceList(Span(s, e), group, "tag"))

    def reflist_template(self, node: Template, s: int, e: int, name: str, kind: str) -> None:
        group = self.table.list_group.get(name, "")
        for p, _ns, value_span in template_param_spans(node, s):
            key = str(p.name).strip()
            if key == "group":
                group = str(p.value).strip()
        for p, _ns, value_span in template_param_spans(node, s):
            if str(p.name).strip() in self.table.reflist_refs_params:
                self.scan_code(p.value, value_span[0], list_group=group)
        self.add_list(ReferenceList(Span(s, e), group, "template"))

    def add_list(self, reflist: ReferenceList) -> None:
        self.events.append(("list", len(self.lists)))
        self.lists.append(reflist)

    def inline_tag(self, node: Template, s: int, e: int, name: str, kind: str) -> None:
        date = reason = None
        for p in node.params:
            key = str(p.name).strip().lower()
            if key == "date" and date is None:
                date = str(p.value).strip() or None
            elif key in ("reason", "1") and reason is None:
                reason = str(p.value).strip() or None
        tag_kind = "citation-needed" if kind == "citation-needed" else kind.split(":", 1)[1]
        tag = InlineTag(tag_kind, str(node.name).strip(), Span(s, e), date, reason)
        self.tags.append(tag)
        self.para.anchor(tag)

    # -- non-prose scanning ----------------------------------------------------------------

    def scan(self, node: Node, start: int, *, in_heading: bool = False) -> None:
        """Collect references, lists and tags inside a node that is not prose."""
        for _label, code, cs in children(node, start):
            self.scan_code(code, cs, in_heading=in_heading)

    def scan_code(
        self,
        code: Wikicode,
        start: int,
        *,
        in_heading: bool = False,
        list_group: str | None = None,
        nested: bool = False,
    ) -> None:
        for node, s, e in iter_nodes(code, start):
            kind = type(node)
            if kind is Text or kind is Comment or kind is HTMLEntity:
                continue
            if kind is Tag:
                name = str(node.tag).strip().lower()
                if name == "ref":
                    self.ref_tag(node, s, e, in_heading=in_heading, list_group=list_group)
                    continue
                if name == "references" and not nested:
                    self.references_tag(node, s, e)
                    continue
                if name in _LITERAL_TAGS or name in _SYMBOL_TAGS:
                    continue
            elif kind is Template:
                name = template_key(str(node.name))
                tkind = classify_template(self.table, name)
                if tkind in ("sfn", "r", "efn"):
                    self.template_refs(node, s, e, name, tkind, in_heading=in_heading)
                    continue
                if tkind in ("reflist", "notelist") and not nested:
                    self.reflist_template(node, s, e, name, tkind)
                    continue
                if tkind == "citation-needed" or (tkind or "").startswith("verification:"):
                    self.inline_tag(node, s, e, name, tkind)  # type: ignore[arg-type]
                    continue
            chunk = self.text[s:e]
            if "<ref" in chunk or "{{" in chunk[2:]:
                for _label, child, cs in children(node, s):
                    self.scan_code(child, cs, in_heading=in_heading, list_group=list_group,
                                   nested=nested)

    # -- result ----------------------------------------------------------------------------

    def build(self) -> Article:
        text = self.text
        if not _REDIRECT.match(text):
            code = mwparserfromhell.parse(text, skip_style_tags=True)
            self.prose(code, 0)
        self.flush()
        self.sections[-1] = _with_end(self.sections[-1], len(text))
        references, tag_refs = number_references(self.ref_tags, self.lists, self.events)
        ref_index = {id(tag): tag_refs[i] for i, tag in enumerate(self.ref_tags)}
        claims: list[Claim] = []
        tags = list(self.tags)
        tag_pos = {id(t): i for i, t in enumerate(tags)}
        for sentence, section, pid, kind in self.claims:
            cid = f"c{len(claims) + 1}"
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
            claims.append(
                Claim(cid, sentence.text, sentence.span, section.path, section.id, pid, kind,
                      tuple(refs), tuple(spans), section.kind == "lead")
            )
        return Article(
            text=text,
            format="wikitext",
            title=self.title,
            sections=tuple(self.sections),
            paragraphs=tuple(self.paragraphs),
            claims=tuple(claims),
            ref_tags=tuple(self.ref_tags),
            references=tuple(references),
            reference_lists=tuple(self.lists),
            tags=tuple(tags),
            language=self.lang,
            lines=LineIndex(text),
        )


def _with_end(section: Section, end: int) -> Section:
    from attrs import evolve

    return evolve(section, span=Span(section.span.start, max(section.span.start, end)))


def _with_claim(tag: InlineTag, claim: str) -> InlineTag:
    from attrs import evolve

    return evolve(tag, claim=claim)


def _split_pipes(code: Wikicode, start: int) -> list[tuple[Wikicode, int]]:
    """Split a file link's text at top-level pipes into separate Wikicode parts."""
    parts: list[tuple[Wikicode, int]] = []
    current: list[Node] = []
    current_start = start
    for node, s, e in iter_nodes(code, start):
        if type(node) is Text and "|" in node.value:
            value = node.value
            pos = 0
            while True:
                bar = value.find("|", pos)
                if bar < 0:
                    break
                if bar > pos:
                    current.append(Text(value[pos:bar]))
                parts.append((Wikicode(current), current_start))
                current = []
                current_start = s + bar + 1
                pos = bar + 1
            if pos < len(value):
                current.append(Text(value[pos:]))
        else:
            current.append(node)
    parts.append((Wikicode(current), current_start))
    return parts


def parse_wikitext(text: str, *, title: str | None = None, lang: str | None = None) -> Article:
    """Parse MediaWiki wikitext into the article model."""
    return _Builder(text, title, lang).build()
