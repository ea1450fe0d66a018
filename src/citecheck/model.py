"""The article model: what the parsers build and the rules read.

Every value is frozen and carries its exact span in the input text. The model is built once per
document (by :mod:`citecheck.parsing`) and never re-parsed by rules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .spans import LineIndex, Span

if TYPE_CHECKING:
    from .dates import TemporalMention
    from .names import NameMention

InputFormat = Literal["wikitext", "text"]
SectionKind = Literal["lead", "body", "references", "nonprose"]
"""``references``: the notes/references/bibliography sections; ``nonprose``: See also, External links…"""
ParagraphKind = Literal["prose", "list", "caption"]
RefKind = Literal["ref", "sfn", "r", "efn", "marker"]


@attrs.frozen
class Section:
    id: int
    title: str
    """Readable heading text; ``""`` for the lead."""
    level: int
    """Heading level (2 for ``== x ==``); 0 for the lead."""
    path: tuple[str, ...]
    """Titles of the enclosing sections, outermost first, this one last; ``()`` for the lead."""
    span: Span
    """From the heading (or the start of the input) to the next heading."""
    heading_span: Span | None
    kind: SectionKind


@attrs.frozen
class Paragraph:
    id: int
    section: int
    span: Span
    kind: ParagraphKind


@attrs.frozen
class Claim:
    """One sentence of prose, bound to the references that directly follow it."""

    id: str
    text: str
    """Readable text: markup, references and templates removed, whitespace collapsed."""
    span: Span
    """From the first to the last character of the sentence in the input (references excluded)."""
    section: tuple[str, ...]
    section_id: int
    paragraph: int
    kind: ParagraphKind
    refs: tuple[str, ...]
    """Ids of the references whose markers directly follow (or end) this sentence, in order."""
    ref_spans: tuple[Span, ...] = ()
    """Spans of those markers in the input, parallel to ``refs``."""
    in_lead: bool = False
    readable: tuple[int, int] = (0, 0)
    """Offsets of the sentence in ``Article.readable[paragraph]`` (the paragraph's readable text,
    before whitespace is collapsed), for mapping mentions found in it back to the input."""


@attrs.frozen
class Citation:
    """A citation template such as ``{{cite web}}`` (or a bare URL) inside a reference."""

    template: str
    """Normalised template name (``Cite web``); ``""`` for a bare URL."""
    span: Span
    params: tuple[tuple[str, str], ...] = ()
    """Parameters as (name, value) with surrounding whitespace stripped, in source order."""

    def get(self, *names: str) -> str | None:
        """The first non-empty value among ``names``."""
        for key, value in self.params:
            if key in names and value:
                return value
        return None

    @property
    def identifiers(self) -> tuple[tuple[str, str], ...]:
        """Normalised source identifiers: ``("url", …)``, ``("doi", …)``, ``("isbn", …)``."""
        return _citation_identifiers()(self)


@cache
def _citation_identifiers() -> Callable[[Any], tuple[tuple[str, str], ...]]:
    """:func:`citecheck.parsing.identifiers.citation_identifiers`, imported on first use (the
    parsing package imports this module) and then at the cost of a call: rules read
    ``Citation.identifiers`` tens of thousands of times in an audit."""
    from .parsing.identifiers import citation_identifiers

    return citation_identifiers


@attrs.frozen
class RefTag:
    """One occurrence of a reference in the input: ``<ref>``, ``<ref name=x/>``, ``{{sfn}}``,
    ``{{r}}``, ``{{efn}}``, or a rendered marker such as ``[25]``."""

    span: Span
    kind: RefKind
    name: str | None
    group: str
    content: str | None
    """The wikitext between ``<ref>`` and ``</ref>``; ``None`` for a reuse (``<ref name=x/>``)."""
    content_span: Span | None = None
    list_defined: bool = False
    """Defined inside ``<references>…</references>`` or ``{{reflist|refs=…}}``."""
    in_heading: bool = False
    template: str | None = None
    """The template that produced it (``Sfn``, ``Efn``, ``R``), if any."""
    citations: tuple[Citation, ...] = ()
    list_group: str | None = None
    """For a list-defined reference: the group of the list that holds it."""


@attrs.frozen
class Reference:
    """A note as the Cite extension renders it: one number, one definition, every use."""

    id: str
    number: int | None
    """As MediaWiki renders it: first-use order within the group; ``None`` if never used."""
    group: str
    name: str | None
    content: str
    """The definition's wikitext (``""`` when undefined or empty)."""
    span: Span | None
    """The defining tag; ``None`` when the name is never defined."""
    uses: tuple[Span, ...]
    """Every in-text use, in order (the definition itself counts when it is in the text)."""
    citations: tuple[Citation, ...] = ()
    list_defined: bool = False
    label: str = ""
    """The marker as rendered (``1``, ``a``, ``note 1``)."""
    listed: bool = True
    """False when no reference list of its group follows it (the note is never shown)."""

    @property
    def defined(self) -> bool:
        return self.span is not None


@attrs.frozen
class ReferenceList:
    """``<references/>``, ``{{reflist}}`` or a rendered list of notes."""

    span: Span
    group: str
    kind: Literal["tag", "template", "rendered"]


@attrs.frozen
class RenderedNote:
    """An entry of a reference list in rendered text (``1. ^ …``, ``^ a b …``)."""

    label: str
    group: str
    span: Span
    text: str


@attrs.frozen
class InlineTag:
    """An inline maintenance template (``{{citation needed}}``, ``{{dubious}}``…) or its rendered form."""

    kind: str
    """``citation-needed``, ``dubious``, ``failed-verification``, ``dead-link``…"""
    name: str
    """The template name as written (or the rendered text)."""
    span: Span
    date: str | None = None
    reason: str | None = None
    claim: str | None = None


@attrs.frozen
class Link:
    """A wikilink in prose: ``[[target|text]]``."""

    span: Span
    target: str
    """As written, without the ``#section`` part; first letter uppercased, underscores as spaces."""
    text: str
    """What the reader sees (the target when there is no text), markup removed."""
    claim: str | None = None


@attrs.frozen
class InfoboxField:
    name: str
    value: str
    """The raw wikitext of the value, stripped."""
    span: Span
    """The span of the value."""


@attrs.frozen
class Infobox:
    """A block template holding an article's key facts (``{{Infobox person|…}}``)."""

    name: str
    span: Span
    fields: tuple[InfoboxField, ...]

    def get(self, *names: str) -> InfoboxField | None:
        for field in self.fields:
            if field.name in names and field.value:
                return field
        return None


@attrs.frozen(eq=False, slots=False)
class Article:
    """Everything citecheck knows about one document. Built once; read by every rule."""

    text: str
    format: InputFormat
    title: str | None
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    claims: tuple[Claim, ...]
    ref_tags: tuple[RefTag, ...]
    references: tuple[Reference, ...]
    reference_lists: tuple[ReferenceList, ...]
    tags: tuple[InlineTag, ...]
    notes: tuple[RenderedNote, ...] = ()
    language: str | None = None
    lines: LineIndex = attrs.field(factory=lambda: LineIndex(""), repr=False)
    readable: tuple[Any, ...] = attrs.field(default=(), repr=False)
    """Per paragraph id: its readable text with the map back to the input
    (:class:`citecheck.parsing.paragraphs.ParagraphText`)."""
    links: tuple[Link, ...] = ()
    infoboxes: tuple[Infobox, ...] = ()
    temporals: tuple[TemporalMention, ...] = ()
    """Dates, times, ranges and relative expressions found in claims, infoboxes and citations."""
    names: tuple[NameMention, ...] = ()
    """Proper-name mentions: link targets and texts, capitalised names in prose, authors."""

    def reference(self, ref_id: str) -> Reference:
        return self._references_by_id[ref_id]

    @cached_property
    def _references_by_id(self) -> dict[str, Reference]:
        return {r.id: r for r in self.references}

    def claim(self, claim_id: str) -> Claim:
        return self.claims[int(claim_id[1:]) - 1]
