"""The web addresses a reference cites, as written, with their archived copies.

Both the link gatherer (:mod:`citecheck.wiki.links`, which fetches them) and the ``dead-link``
rule (which reads what was found) list a reference's links with :func:`ref_links`, so they agree
on what was checked. URLs are kept as written (not normalised as
:func:`~citecheck.parsing.identifiers.normalize_url` does for comparison): ``www.``, a trailing
slash or the case of a path can change what a server answers.
"""

from __future__ import annotations

import re

import attrs

from ..model import Citation, RefTag
from ..spans import Span
from .identifiers import URL_PARAMS

__all__ = ["ARCHIVE_URL_PARAMS", "CitedLink", "citation_links", "ref_links"]

ARCHIVE_URL_PARAMS = (
    "archive-url", "archiveurl", "archive_url", "ArchiveURL",
    "archiv-url", "archivurl",                       # de Internetquelle, Literatur
    "urlarchivo", "archivourl", "archivo-url",       # es Cita web
    "urlarchivio", "archivio-url",                   # it Cita web
    "arquivourl", "urlarquivo", "arquivo-url",       # pt Citar web
    "archiefurl", "archief-url",                     # nl Citeer web
)  # fmt: skip
"""Citation parameters that hold the address of an archived copy of the cited page."""

_MAIN_URL_PARAMS = frozenset(
    {"", "url", "URL", "lire en ligne", "ссылка", "כתובת", "osoite", "Online"}
)
_URL = re.compile(r"(?<![\w:/])(?:https?:)?//[^\s\[\]<>\"|{}]+", re.IGNORECASE)
_WEBARCHIVE = re.compile(
    r"\{\{\s*(?:[Ww]ebarchive|[Ww]ayback|[Aa]rchive\.is|[Ww]ebCite)\s*\|[^{}]*?\burl\s*=\s*"
    r"([^|{}\s]+)"
)
"""``{{Webarchive |url=…}}`` and its kin after a bare link: the archived copy of that link."""


@attrs.frozen
class CitedLink:
    """One web address a reference cites."""

    url: str
    """As written (a protocol-relative ``//host/…`` included)."""
    span: Span
    """Where the address is written in the input (the citation's span when it cannot be found)."""
    archive: str | None = None
    """The archived copy given with it (``|archive-url=``, ``{{Webarchive}}``), if any."""
    param: str = ""
    """The citation parameter that holds it; ``""`` for a bare link."""


def first_url(value: str) -> str | None:
    """The first http(s) address written in a parameter value (comments and markup around it
    ignored), as written, without trailing punctuation."""
    match = _URL.search(value)
    if match is None:
        return None
    return match.group(0).rstrip(".,;:!?)'")


def citation_links(citation: Citation, text: str) -> tuple[CitedLink, ...]:
    """The addresses a citation cites: its URL parameters (the first paired with the archived
    copy), or the link of a bare ``[http://…]``. ``text`` is the article's input, for spans."""
    source = text[citation.span.start : citation.span.end]
    archive = None
    for key, value in citation.params:
        if key in ARCHIVE_URL_PARAMS and value:
            archive = first_url(value)
            if archive:
                break
    found: list[CitedLink] = []
    for key, value in citation.params:
        if key not in URL_PARAMS or not value:
            continue
        url = first_url(value)
        if url is None or any(link.url == url for link in found):
            continue
        param = key if citation.template else ""  # a bare link is held as ("url", …)
        found.append(CitedLink(url, _span_of(url, param, source, citation.span), None, param))
    if archive is not None and found:
        # the archived copy is of the work's own address (|url=), not of a chapter's
        main = next((i for i, link in enumerate(found) if link.param in _MAIN_URL_PARAMS), 0)
        found[main] = attrs.evolve(found[main], archive=archive)
    return tuple(found)


def ref_links(tag: RefTag, text: str) -> tuple[CitedLink, ...]:
    """Every address a reference's definition cites; a bare link followed by
    ``{{Webarchive |url=…}}`` gets that archived copy."""
    links: list[CitedLink] = []
    for citation in tag.citations:
        links.extend(citation_links(citation, text))
    content = tag.content or ""
    if links and "{{" in content:
        archives = [u for u in (first_url(m) for m in _WEBARCHIVE.findall(content)) if u]
        for i, link in enumerate(links):
            if not archives:
                break
            if link.param == "" and link.archive is None:
                links[i] = attrs.evolve(link, archive=archives.pop(0))
    return tuple(links)


def _span_of(url: str, key: str, source: str, span: Span) -> Span:
    """The span of ``url`` in the value of parameter ``key`` (not inside an archive URL that
    repeats it)."""
    param = re.search(r"\|\s*" + re.escape(key) + r"\s*=", source) if key else None
    at = source.find(url, param.end() if param else 0)
    if at < 0:
        return span
    return Span(span.start + at, span.start + at + len(url))
