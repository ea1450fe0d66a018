"""Proper-name mentions in a built article: links, capitalised names in prose, citation authors
and infobox values.

Run once per document by :func:`citecheck.parsing.mentions.enrich`. Prose names are runs of
capitalised words in each claim's readable text, mapped back to the input through the paragraph's
:class:`~citecheck.parsing.paragraphs.ParagraphText`; words that a wikilink shows are left to the
link's own mentions, so that every written name is counted once. Works on rendered text too
(there are no links, citations or infoboxes there, only prose).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from ..memo import memo
from ..model import Article, Citation, Infobox
from ..names import NameMention, written_as_word
from ..spans import Span, trusted_span


def _upper_class() -> str:
    """A character class of the upper- and title-case letters of the scripts that have case."""
    ranges = ((0x41, 0x24F), (0x370, 0x52F), (0x531, 0x556), (0x10A0, 0x10CF),
              (0x1E00, 0x1FFF), (0x2C00, 0x2C7F), (0xA640, 0xA69F))
    chars = [
        chr(c) for lo, hi in ranges for c in range(lo, hi + 1)
        if chr(c).isupper() or chr(c).istitle()
    ]
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        out.append(re.escape(chars[i]) if i == j else f"{re.escape(chars[i])}-{re.escape(chars[j])}")
        i = j + 1
    return "[" + "".join(out) + "]"


_U = _upper_class()
_L = r"[^\W\d_]"
_TOKEN = rf"(?:{_U}\.(?!\w)|{_U}{_L}*(?:['’-]{_L}+)*)"
# Lower-case particles inside a name (Ludwig van Beethoven, Universidad de Buenos Aires).
_PARTICLES = "de|da|do|dos|das|del|della|di|du|van|von|der|den|ten|ter|la|le|bin|ibn|al|zu|y"
_SEP = rf"(?:[ \u00a0]+(?:(?:{_PARTICLES})[ \u00a0]+)*)"
# No look-behind for a word boundary: it makes the scan three times slower; a match that starts
# inside a word (iPhone) is skipped after the fact.
_SEQUENCE = re.compile(rf"{_TOKEN}(?:{_SEP}{_TOKEN})*")
_TOKEN_RE = re.compile(_TOKEN)

# Citation parameters that hold people's names: surname, given name, whole name (localized as
# the common citation templates of the larger wikis name them), numbered or not.
_SURNAME = frozenset(
    ["last", "surname", "author-last", "editor-last", "nom", "apellido", "apellidos", "cognome", "nachname", "nazwisko", "achternaam", "sobrenome", "último", "фамилия"]
)
_GIVEN = frozenset(
    ["first", "given", "author-first", "editor-first", "prénom", "prenom", "nombre", "nome", "vorname", "imię", "voornaam", "primeiro", "имя"]
)
_WHOLE = frozenset(
    ["author", "authors", "editor", "editors", "autor", "autoren", "auteur", "autore", "auteurs", "автор", "vauthors", "herausgeber", "hrsg"]
)
_ROLES = {
    **dict.fromkeys(_SURNAME, "last"), **dict.fromkeys(_GIVEN, "first"),
    **dict.fromkeys(_WHOLE, "whole"),
}
_LINK = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
_MARKUP = re.compile(r"<ref[^>]*/>|<ref.*?</ref>|<!--.*?-->|<[^>]*>|'{2,}|\{\{[^{}]*\}\}", re.DOTALL)
_LIST_SPLIT = re.compile(r"<br\s*/?>|[\n;•·]| and | und | et | y | e ", re.IGNORECASE)
_NAMELIKE = re.compile(rf"^{_TOKEN}(?:{_SEP}{_TOKEN}){{0,5}}$")
_OPENERS = " \t\n\"'“‘«„([¿¡*-–—"
_NAMESPACE = re.compile(r"^[^:\s][^:]*:(?! )")


def extract_names(article: Article) -> tuple[NameMention, ...]:
    """Every proper-name mention of ``article``, in input order."""
    mentions: list[NameMention] = []
    _prose(article, mentions)
    _links(article, mentions)
    mentions.extend(_authors(article))
    mentions.extend(_infoboxes(article))
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return tuple(mentions)


def _prose(article: Article, out: list[NameMention]) -> None:
    link_ends = {link.span.start: link.span.end for link in article.links}
    readable = article.readable
    add = out.append
    finditer = _SEQUENCE.finditer
    para = None
    text = ""
    rstarts: list[int] = []
    pieces: list[tuple[int, int, bool]] = []
    base = 0
    for claim in article.claims:
        if claim.paragraph >= len(readable):
            continue
        if readable[claim.paragraph] is not para:
            para = readable[claim.paragraph]
            text = para.text
            rstarts, pieces, base = para.layout()
        first, stop = claim.readable
        cid = claim.id
        for m in finditer(text, first, stop):
            rs, re_ = m.span()
            if rs > first and text[rs - 1].isalnum():
                continue
            name = m.group()
            spaced = " " in name or "\u00a0" in name
            # a sentence's first word is a common word when it is short or its paragraph also
            # writes it in lower case (The, In, There)
            if (rs - first < 8 and not spaced and not text[first:rs].strip(_OPENERS)
                    and (len(name) <= 3 or written_as_word(text, name.lower()))):
                continue
            # the input's offsets: at once when the words are one verbatim piece of it (most
            # are; the same as para.source_range)
            i = bisect_right(rstarts, rs) - 1
            start, end, exact = pieces[i]
            at = rstarts[i]
            if exact:
                if re_ - at <= end - start:
                    ss = base + start + rs - at
                    add(NameMention(trusted_span(ss, ss + re_ - rs),
                                    " ".join(name.split()) if spaced else name, "prose", None,
                                    cid))
                    continue
            elif rs == at and i + 1 < len(rstarts) and re_ == rstarts[i + 1] and (
                    link_ends.get(base + start) == base + end):
                continue  # all that one link shows: the link's own mentions
            ss, se = para.source_range(rs, re_)
            if se - ss == re_ - rs:
                add(NameMention(trusted_span(ss, se), " ".join(name.split()) if spaced else name,
                                "prose", None, cid))
            elif link_ends.get(ss) != se:  # not just what one link shows
                out.extend(_split_sequence(para, text, m, link_ends, cid))


def _split_sequence(para, text: str, m: re.Match[str], link_ends: dict[int, int],  # type: ignore[no-untyped-def]
                    claim: str) -> Iterator[NameMention]:
    """A run of capitalised words that crosses markup: its words that a link shows are dropped
    (the link has its own mentions); the rest make mentions of their own."""
    group: list[tuple[int, int, int, int]] = []  # readable start, end; source start, end

    def flush() -> NameMention | None:
        if not group:
            return None
        rs, ss = group[0][0], group[0][2]
        re_, se = group[-1][1], group[-1][3]
        group.clear()
        return NameMention(Span(ss, se), " ".join(text[rs:re_].split()), "prose", claim=claim)

    for t in _TOKEN_RE.finditer(text, m.start(), m.end()):
        rs, re_ = t.span()
        ss, se = para.source_range(rs, re_)
        if se - ss != re_ - rs and ss in link_ends:
            done = flush()
            if done is not None:
                yield done
            continue
        group.append((rs, re_, ss, se))
    done = flush()
    if done is not None:
        yield done


def _links(article: Article, out: list[NameMention]) -> None:
    text = article.text
    add = out.append
    namespace = _NAMESPACE.match
    # the claim that holds each link (claims do not overlap): found by bisection, inline
    claims = sorted((c.span.start, c.span.end, c.id) for c in article.claims)
    starts = [start for start, _end, _id in claims]
    for link in article.links:
        target = link.target
        if not target or (":" in target and namespace(target)):
            continue
        span = link.span
        claim = link.claim
        if claim is None:
            i = bisect_right(starts, span.start) - 1
            if i >= 0 and span.start < claims[i][1]:
                claim = claims[i][2]
        # A title's first letter is upper case whatever the link wrote: [[bank]] is no name.
        first = text[span.start + 2 : span.start + 3]
        if first == ":" or first == " ":
            first = text[span.start + 2 : span.end].lstrip(": ")[:1]
        shown_target = target if first.isupper() else target[:1].lower() + target[1:]
        if shown_target.islower():
            continue  # no name in it: [[commercial aircraft]]
        add(NameMention(span, shown_target, "link-target", target, claim))
        shown = link.text
        if shown and shown != target and not shown.islower():
            add(NameMention(span, shown, "link-text", target, claim))


def _authors(article: Article) -> Iterator[NameMention]:
    text = article.text
    for ref in article.references:
        for citation in ref.citations:
            if citation.template:
                yield from _citation_authors(text, citation)


def _citation_authors(text: str, citation: Citation) -> Iterator[NameMention]:
    people: dict[str, dict[str, str]] = {}
    for key, value in citation.params:
        if not value:
            continue
        found = _role(key)
        if found is not None:
            role, person, vancouver = found
            if vancouver:  # Vancouver style: "Smith AB, Jones C"
                value = ";".join(_vancouver(n) for n in value.split(","))
            people.setdefault(person, {})[role] = value
    span = citation.span
    for person in people.values():
        if "whole" in person:
            for name in re.split(r";|\s&\s", person["whole"]):
                clean = _clean(name)
                if "," in clean and clean.count(",") == 1:
                    last, first = (p.strip() for p in clean.split(","))
                    clean = f"{first} {last}".strip()
                mention = _mention(text, span, name.strip(), clean, "author")
                if mention is not None:
                    yield mention
            continue
        last = _clean(person.get("last", ""))
        first = _clean(person.get("first", ""))
        if not last:
            continue
        where = [_find(text, span, person.get("last", "")), _find(text, span, person.get("first", ""))]
        found = [w for w in where if w is not None]
        if not found:
            continue
        whole = Span(min(w.start for w in found), max(w.end for w in found))
        yield NameMention(whole, f"{first} {last}".strip(), "author")


@memo(1 << 12)
def _role(key: str) -> tuple[str, str, bool] | None:
    """What a citation parameter says of a person: ``last2`` → ``("last", "2", False)``
    (role, which person, Vancouver style); ``None`` for the other parameters. Remembered: a
    handful of parameter names recur in every citation of every article."""
    key = key.lower()
    base = key.rstrip("0123456789")
    role = _ROLES.get(base.rstrip("-"))
    if role is None:
        return None
    return role, key[len(base) :] or "1", base == "vauthors"


def _vancouver(name: str) -> str:
    """``Smith AB`` → ``AB Smith``: initials first, as in the other forms."""
    parts = name.split()
    if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) <= 4:
        return " ".join((parts[-1], *parts[:-1]))
    return name.strip()


def _infoboxes(article: Article) -> Iterator[NameMention]:
    text = article.text
    for box in article.infoboxes:
        yield from _infobox(text, box)


def _infobox(text: str, box: Infobox) -> Iterator[NameMention]:
    for field in box.fields:
        value = field.value
        if not value or "://" in value or len(value) > 300:
            continue
        for piece in _LIST_SPLIT.split(value):
            piece = piece.strip(" ,*#:\t")
            if not piece:
                continue
            link = _LINK.fullmatch(piece.strip())
            target = None
            if link is not None:
                target = link.group(1).split("#", 1)[0].strip().replace("_", " ") or None
                shown = link.group(2) or link.group(1)
            else:
                shown = piece
            clean = _clean(shown)
            if not clean or not _NAMELIKE.match(clean):
                continue
            mention = _mention(text, field.span, shown.strip(), clean, "infobox", target)
            if mention is not None:
                yield mention


def _clean(value: str) -> str:
    """Wikitext to the name it shows: links to their text, markup and templates removed."""
    if "[[" in value:
        value = _LINK.sub(lambda m: m.group(2) or m.group(1), value)
    if "<" in value or "'" in value or "{" in value:
        value = _MARKUP.sub("", value)
    return " ".join(value.replace("&nbsp;", " ").split())


def _find(text: str, span: Span, value: str) -> Span | None:
    value = value.strip()
    if not value:
        return None
    at = text.find(value, span.start, span.end)
    return Span(at, at + len(value)) if at >= 0 else None


def _mention(text: str, span: Span, raw: str, clean: str, kind: str,
             target: str | None = None) -> NameMention | None:
    if not clean or not any(ch.isalpha() for ch in clean):
        return None
    where = _find(text, span, raw) or span
    return NameMention(where, clean, kind, target=target)  # type: ignore[arg-type]


__all__ = ["extract_names"]
