"""The article model of a new version, built from the pieces that did not change since the last.

A revision audit checks dozens of versions of one article that differ in a paragraph or two. The
text is cut where it can be read piece by piece (:mod:`.pieces`); each piece is parsed, walked
and searched for mentions on its own, with its offsets counted from its start, and remembered by
its text and what it depends on (the sections open where it starts, whether text follows it, the
language). A new version re-reads only the pieces not seen before, then places every piece at its
offset and numbers references and claims over the whole, exactly as :func:`parse_wikitext` does.
The composed article equals the one built from the whole text (tests compare them on every corpus
article and every revision of the fixture histories).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import chain
from typing import Any

import attrs

from ..dates import TemporalMention
from ..model import (
    Article,
    Citation,
    Infobox,
    InfoboxField,
    InlineTag,
    Link,
    Paragraph,
    ReferenceList,
    RefTag,
    Section,
)
from ..names import NameMention
from ..spans import Span, trusted_span
from . import temporal
from .languages import detect_language_in_pieces
from .mentions import MENTIONS
from .names import extract_names
from .paragraphs import ParagraphText, Sentence
from .pieces import Scan, scan
from .wikitext import _REDIRECT, _Builder, assemble, parse_wikitext

SectionKey = tuple[str, int, tuple[str, ...], str]
"""What a piece needs of a section open where it starts: title, level, path, kind."""


@attrs.frozen(eq=False)
class Piece:
    """What one piece of wikitext gives read alone; offsets count from the piece's start."""

    context: int
    """How many enclosing sections were open where it starts (local section ids below this are
    theirs)."""
    sections: tuple[Section, ...]
    """Sections whose heading is in the piece; local ids from ``context``."""
    paragraphs: tuple[Paragraph, ...]
    claims: tuple[tuple[Sentence, int, int, str], ...]
    """(sentence, local section id, local paragraph id, paragraph kind)."""
    ref_tags: tuple[RefTag, ...]
    lists: tuple[ReferenceList, ...]
    events: tuple[tuple[str, int], ...]
    tags: tuple[InlineTag, ...]
    readable: tuple[ParagraphText, ...]
    links: tuple[Link, ...]
    infoboxes: tuple[Infobox, ...]
    stack: tuple[SectionKey, ...]
    """The sections open at its end, outermost first, and ``stack_ids`` their local ids."""
    stack_ids: tuple[int, ...]
    temporals: tuple[tuple[TemporalMention, ...], ...] = ()
    """The mentions of each step of :data:`.temporal.STEPS`, in extraction order."""
    names: tuple[NameMention, ...] = ()
    moved: list[Any] = attrs.field(factory=list)
    """The mentions at the last placement: ``[offset, claims before, temporals, names]``, all
    moved there."""
    placed: list[Any] = attrs.field(factory=list)
    """The last placement: ``[offset, shifted ref tags, tags, lists, links, infoboxes,
    readable, sentences]`` (reused while the piece keeps its offset)."""


class PieceCache:
    """Pieces by what they depend on; keeps those used by the last ``keep`` versions."""

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._pieces: dict[tuple[Any, ...], tuple[int, Piece]] = {}
        self._version = 0
        self.hits = self.misses = 0
        self.claims: dict[int, tuple[object, ...]] = {}
        """The last version's claims by sentence (see :func:`.wikitext.assemble`)."""
        self.last: Scan | None = None
        """The last version's cuts (found again only where the new text differs)."""
        self.composed: _Composer | None = None
        """The last version's composition (its start is taken over while the pieces agree)."""

    def get(self, key: tuple[Any, ...]) -> Piece | None:
        found = self._pieces.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._pieces[key] = (self._version, found[1])
        return found[1]

    def put(self, key: tuple[Any, ...], piece: Piece) -> None:
        self._pieces[key] = (self._version, piece)

    def next_version(self) -> None:
        """A version is done: forget the pieces no recent version used."""
        self._version += 1
        oldest = self._version - self.keep
        if len(self._pieces) > 64:
            self._pieces = {k: v for k, v in self._pieces.items() if v[0] >= oldest}


def parse_pieces(
    text: str,
    *,
    title: str | None = None,
    lang: str | None = None,
    mentions: frozenset[str] | None = None,
    cache: PieceCache,
) -> Article:
    """The article model of wikitext ``text``, equal to ``parse(text, format="wikitext")``,
    reusing the pieces ``cache`` holds from earlier versions."""
    wanted = MENTIONS if mentions is None else mentions
    if _REDIRECT.match(text):
        from .mentions import enrich

        return enrich(parse_wikitext(text, title=title, lang=lang), wanted)
    cache.last = cut = scan(text, cache.last)
    starts = cut.starts
    language = lang or detect_language_in_pieces(text, starts)
    n = len(text)
    pieces: list[tuple[Piece, int]] = []
    context: tuple[SectionKey, ...] = ()
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else n
        followed = end < n
        piece_text = text[start:end]
        key = (piece_text, followed, context, lang, language, wanted)
        piece = cache.get(key)
        if piece is None:
            piece = _read_piece(piece_text, followed, context, lang, language, wanted)
            cache.put(key, piece)
        pieces.append((piece, start))
        context = piece.stack
    composer = _Composer(text, title, language)
    composer.compose(pieces, cache.composed)
    cache.composed = composer
    cache.next_version()
    return composer.article(wanted, cache.claims)


def _read_piece(
    text: str,
    followed: bool,
    context: tuple[SectionKey, ...],
    lang: str | None,
    language: str | None,
    wanted: frozenset[str],
) -> Piece:
    open_sections = tuple(
        Section(i, title, level, path, Span(0, 0), None, kind)  # type: ignore[arg-type]
        for i, (title, level, path, kind) in enumerate(context)
    )
    builder = _Builder(text, None, lang, language=language, context=open_sections,
                       followed=followed)
    builder.walk()
    k = len(open_sections)
    stack: list[Section] = []
    for section in builder.sections:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        stack.append(section)
    temporals: tuple[tuple[TemporalMention, ...], ...] = ()
    names: tuple[NameMention, ...] = ()
    if wanted:
        local = assemble(text, None, language, builder.sections, builder.paragraphs,
                         builder.claims, builder.ref_tags, builder.lists, builder.events,
                         builder.tags, builder.readable, builder.links, builder.infoboxes)
        if "temporals" in wanted:
            temporals = tuple(_step(step, local) for step in temporal.STEPS)
        if "names" in wanted:
            names = extract_names(local)
    return Piece(
        context=k,
        sections=tuple(builder.sections[k:]),
        paragraphs=tuple(builder.paragraphs),
        claims=tuple((s, sec.id, pid, kind) for s, sec, pid, kind in builder.claims),
        ref_tags=tuple(builder.ref_tags),
        lists=tuple(builder.lists),
        events=tuple(builder.events),
        tags=tuple(builder.tags),
        readable=tuple(builder.readable),
        links=tuple(builder.links),
        infoboxes=tuple(builder.infoboxes),
        stack=tuple((s.title, s.level, s.path, s.kind) for s in stack),
        stack_ids=tuple(s.id for s in stack),
        temporals=temporals,
        names=names,
    )


def _step(step: Any, local: Article) -> tuple[TemporalMention, ...]:
    out: list[TemporalMention] = []
    step(local, local.language, out)
    return tuple(out)


class _Composer:
    """Places pieces at their offsets and renumbers their sections, paragraphs and claims."""

    def __init__(self, text: str, title: str | None, language: str | None) -> None:
        self.text = text
        self.title = title
        self.language = language
        self.sections: list[Section] = []
        """Their spans end where they start until :meth:`article` ends them."""
        self.paragraphs: list[Paragraph] = []
        self.raw_claims: list[tuple[Sentence, Section, int, str]] = []
        self.ref_tags: list[RefTag] = []
        self.lists: list[ReferenceList] = []
        self.events: list[tuple[str, int]] = []
        self.tags: list[InlineTag] = []
        self.readable: list[ParagraphText] = []
        self.links: list[Link] = []
        self.infoboxes: list[Infobox] = []
        self.stack_ids: list[int] = []
        self.placements: list[tuple[Piece, int, int]] = []
        """(piece, offset, claims before it)."""
        self.marks: list[tuple[tuple[int, ...], list[int]]] = []
        """After each placement: the lengths of :meth:`_parts` and the open sections' ids."""

    def _parts(self) -> tuple[list[Any], ...]:
        """The lists that placing a piece extends."""
        return (self.sections, self.paragraphs, self.raw_claims, self.ref_tags, self.lists,
                self.events, self.tags, self.readable, self.links, self.infoboxes)

    def compose(self, pieces: list[tuple[Piece, int]], previous: _Composer | None) -> None:
        """Place ``pieces`` (each with its offset) in order."""
        done = 0 if previous is None else self._take_over(previous, pieces)
        for piece, offset in pieces[done:]:
            self.add(piece, offset)

    def _take_over(self, previous: _Composer, pieces: list[tuple[Piece, int]]) -> int:
        """Start from ``previous``'s composition of the pieces both versions begin with, and
        say how many they are: the same pieces at the same offsets give the same values and
        numbers, so the start of its lists is copied instead of built again (an edit leaves
        everything before it as it was)."""
        same = 0
        for (piece, offset), (old, old_offset, _) in zip(pieces, previous.placements):
            if piece is not old or offset != old_offset:
                break
            same += 1
        if same:
            lengths, self.stack_ids = previous.marks[same - 1]
            for mine, theirs, length in zip(self._parts(), previous._parts(), lengths,
                                            strict=True):
                mine.extend(theirs[:length])
            self.placements.extend(previous.placements[:same])
            self.marks.extend(previous.marks[:same])
        return same

    def add(self, piece: Piece, offset: int) -> None:
        """Place ``piece`` at ``offset``, after the pieces placed before it."""
        _, ref_tags, tags, lists, links, infoboxes, readable, sentences = _place(piece, offset)
        sections, paragraphs, raw_claims = self.sections, self.paragraphs, self.raw_claims
        first_new = len(sections)
        ids = self.stack_ids[:piece.context]  # local section id -> id in the article
        ids.extend(range(first_new, first_new + len(piece.sections)))
        for section in piece.sections:
            start = section.span.start + offset
            heading = section.heading_span
            sections.append(Section(
                ids[section.id], section.title, section.level, section.path,
                trusted_span(start, start),
                None if heading is None else _moved(heading, offset), section.kind,
            ))
        pid_base = len(paragraphs)
        paragraphs.extend([
            Paragraph(para.id + pid_base, ids[para.section], _moved(para.span, offset), para.kind)
            for para in piece.paragraphs
        ])
        self.placements.append((piece, offset, len(raw_claims)))
        raw_claims.extend([
            (sentence, sections[ids[sid]], pid + pid_base, kind)
            for sentence, (_s, sid, pid, kind) in zip(sentences, piece.claims, strict=True)
        ])
        ref_base, list_base = len(self.ref_tags), len(self.lists)
        self.events.extend([
            (kind, index + (ref_base if kind == "ref" else list_base))
            for kind, index in piece.events
        ])
        self.ref_tags.extend(ref_tags)
        self.lists.extend(lists)
        self.tags.extend(tags)
        self.readable.extend(readable)
        self.links.extend(links)
        self.infoboxes.extend(infoboxes)
        self.stack_ids = [ids[i] for i in piece.stack_ids]
        self.marks.append((tuple(map(len, self._parts())), self.stack_ids))

    def article(self, wanted: frozenset[str], memo: dict[int, tuple[object, ...]]) -> Article:
        starts = [section.span.start for section in self.sections]
        ends = [*starts[1:], len(self.text)]
        sections = [
            Section(section.id, section.title, section.level, section.path,
                    Span(start, max(start, end)), section.heading_span, section.kind)
            for section, start, end in zip(self.sections, starts, ends, strict=True)
        ]
        article = assemble(
            self.text, self.title, self.language, sections, self.paragraphs, self.raw_claims,
            self.ref_tags, self.lists, self.events, self.tags, self.readable, self.links,
            self.infoboxes, memo,
        )
        if not wanted:
            return article
        return attrs.evolve(
            article,
            temporals=self._temporals(article) if "temporals" in wanted else (),
            names=self._names(article) if "names" in wanted else (),
        )

    def _temporals(self, article: Article) -> tuple[TemporalMention, ...]:
        """Each step's mentions of every piece, step after step as a whole extraction lists
        them; a short citation's year only where its reference is the article's definition
        (a piece defines a name the article may define earlier)."""
        groups: list[list[TemporalMention]] = [[] for _ in temporal.STEPS]
        for piece, offset, claims_before in self.placements:
            temporals, _names = _mentions_at(piece, offset, claims_before)
            for group, found in zip(groups, temporals, strict=True):
                group.extend(found)
        short = groups[temporal.STEPS.index(temporal._short_citations)]
        if short:
            defined = _defined(article)
            short[:] = [m for m in short if m.parent in defined]
        return tuple(chain.from_iterable(groups))

    def _names(self, article: Article) -> tuple[NameMention, ...]:
        """Every piece's names; an author only where the reference whose citation names it
        is the article's definition."""
        out: list[NameMention] = []
        for piece, offset, claims_before in self.placements:
            out.extend(_mentions_at(piece, offset, claims_before)[1])
        if any(m.kind == "author" for m in out):
            defining = _DefiningTag(article)
            out = [m for m in out if m.kind != "author" or defining(m.span)]
        return tuple(out)


class _DefiningTag:
    """Whether the reference tag holding a span (the innermost) is the one that defines its
    reference in the article."""

    def __init__(self, article: Article) -> None:
        # sorted by a key: the spans' own comparison (generated by attrs) costs ten times more
        self._tags = sorted((t.span for t in article.ref_tags if t.content is not None),
                            key=_span_order)
        self._starts = [span.start for span in self._tags]
        self._defined = _defined(article)

    def __call__(self, span: Span) -> bool:
        i = bisect_right(self._starts, span.start) - 1
        while i >= 0:
            tag = self._tags[i]
            if tag.contains(span):
                return tag in self._defined
            i -= 1
        return False


def _defined(article: Article) -> set[Span]:
    """Where the article's references are defined (the spans of their defining tags)."""
    return {r.span for r in article.references if r.span is not None}


def _span_order(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _mentions_at(piece: Piece, offset: int, claims_before: int) -> list[Any]:
    """The piece's mentions moved to ``offset``, their claims renumbered after
    ``claims_before`` (remembered while the piece keeps its place): ``[temporals, names]``."""
    moved = piece.moved
    if moved and moved[0] == offset and moved[1] == claims_before:
        return moved[2:]
    if not offset and not claims_before:
        moved[:] = [offset, claims_before, piece.temporals, piece.names]
        return moved[2:]
    temporals = tuple(
        tuple([_shift_temporal(m, offset, claims_before) for m in group])
        for group in piece.temporals
    )
    names = tuple([
        NameMention(_moved(m.span, offset), m.text, m.kind, m.target,
                    _claim_id(m.claim, claims_before))
        for m in piece.names
    ])
    moved[:] = [offset, claims_before, temporals, names]
    return moved[2:]


def _claim_id(claim: str | None, before: int) -> str | None:
    if claim is None or not before:
        return claim
    return f"c{int(claim[1:]) + before}"


def _shift_temporal(m: TemporalMention, offset: int, claims_before: int) -> TemporalMention:
    parent = m.parent
    return TemporalMention(
        _moved(m.span, offset), m.text, m.kind, m.start, m.end, m.weekday, m.relative, m.source,
        _claim_id(m.claim, claims_before), m.field, m.invalid,
        None if parent is None else _moved(parent, offset),
    )


def _place(piece: Piece, offset: int) -> list[Any]:
    """The piece's values at ``offset`` (remembered for the next version at the same place)."""
    placed = piece.placed
    if placed and placed[0] == offset:
        return placed
    moved: dict[int, object] = {}
    ref_tags = [_shift_ref(tag, offset, moved) for tag in piece.ref_tags]
    tags = []
    for tag in piece.tags:
        new = InlineTag(tag.kind, tag.name, _moved(tag.span, offset), tag.date, tag.reason,
                        tag.claim)
        moved[id(tag)] = new
        tags.append(new)
    lists = [ReferenceList(_moved(r.span, offset), r.group, r.kind) for r in piece.lists]
    links = [Link(_moved(link.span, offset), link.target, link.text, link.claim)
             for link in piece.links]
    infoboxes = [
        Infobox(box.name, _moved(box.span, offset),
                tuple([InfoboxField(f.name, f.value, _moved(f.span, offset))
                       for f in box.fields]))
        for box in piece.infoboxes
    ]
    readable = [para.shifted(offset) for para in piece.readable] if offset else list(
        piece.readable)
    sentences = [
        Sentence(s.text, _moved(s.span, offset),
                 tuple([moved.get(id(a), a) for a in s.anchors]) if moved else s.anchors,
                 s.readable)
        for s, _sid, _pid, _kind in piece.claims
    ]
    placed[:] = [offset, ref_tags, tags, lists, links, infoboxes, readable, sentences]
    return placed


def _shift_ref(tag: RefTag, offset: int, moved: dict[int, object]) -> RefTag:
    content_span = tag.content_span
    new = RefTag(
        _moved(tag.span, offset), tag.kind, tag.name, tag.group, tag.content,
        None if content_span is None else _moved(content_span, offset),
        tag.list_defined, tag.in_heading, tag.template,
        tuple([Citation(c.template, _moved(c.span, offset), c.params) for c in tag.citations]),
        tag.list_group,
    )
    moved[id(tag)] = new
    return new


def _moved(span: Span, offset: int) -> Span:
    """``span`` moved ``offset`` characters further (a valid span moved forward stays valid)."""
    return trusted_span(span.start + offset, span.end + offset)


