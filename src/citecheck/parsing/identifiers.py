"""Source identifiers of a citation, normalised so that equal sources compare equal.

``normalize_url`` folds the spellings of one web address (scheme and host case, ``www.``,
default ports, fragments, trailing slashes, ``utm_*`` tracking parameters); ``normalize_doi``
the ``doi:``/resolver prefixes and case (DOIs are case-insensitive); ``normalize_isbn`` the
hyphens and the ISBN-10 form (converted to ISBN-13), rejecting bad checksums.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol
from urllib.parse import unquote, urlsplit, urlunsplit

__all__ = ["citation_identifiers", "normalize_doi", "normalize_isbn", "normalize_url"]

# Parameters that hold the address of the cited work itself (not of an archive copy) in the
# citation templates of the supported wikis: en CS1 and its copies, fr Ouvrage/Article
# ("lire en ligne"), ru Книга/Статья ("ссылка"), he קישור כללי ("כתובת"), fi Verkkoviite
# ("osoite"), pl Cytuj ("url"), sv Webbref ("url")…
URL_PARAMS = (
    "url", "URL", "chapter-url", "chapter_url", "chapterurl", "contribution-url",
    "contribution_url", "contributionurl", "section-url", "entry-url", "article-url",
    "lire en ligne", "ссылка", "כתובת", "osoite", "Online",
)  # fmt: skip
DOI_PARAMS = ("doi", "DOI")
ISBN_PARAMS = ("isbn", "ISBN", "isbn13", "ISBN13")
_KIND = {
    **dict.fromkeys(URL_PARAMS, "url"),
    **dict.fromkeys(DOI_PARAMS, "doi"),
    **dict.fromkeys(ISBN_PARAMS, "isbn"),
}

_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid"})
_URL_IN_TEXT = re.compile(r"(?<![\w:/])(?:https?:)?//[^\s\[\]<>\"|{}]+", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# scheme://host[:port]/path?query#fragment with no userinfo, IPv6 literal or odd characters
_SIMPLE_URL = re.compile(
    r"^(https?)://([A-Za-z0-9.\-]+)(?::(\d{1,5}))?(/[^?#\s@\[\]]*)?(?:\?([^#\s]*))?(?:#.*)?$",
    re.IGNORECASE,
)
_DOI_PREFIX = re.compile(
    r"^(?:doi:\s*|(?:https?:)?//(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/|info:doi/)", re.IGNORECASE
)
_DOI = re.compile(r"^10\.\d+(?:\.\d+)*/\S+$")


class _CitationLike(Protocol):
    template: str
    params: tuple[tuple[str, str], ...]


def normalize_url(url: str) -> str | None:
    """The canonical form of an http(s) URL, or ``None`` for anything else.

    Lowercases scheme and host, drops ``www.``, default ports, the fragment, a trailing
    slash and ``utm_*``/click-id tracking parameters; ``//host/…`` becomes ``https://host/…``."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    fast = _SIMPLE_URL.match(url)
    if fast is not None:  # the common shape, without urlsplit's cost
        scheme, host, port, path, query = fast.groups()
        scheme = scheme.lower()
        host = host.lower().rstrip(".").removeprefix("www.")
        if not host or (port is not None and int(port) > 65535):
            return None
        path = path or ""
        netloc = host if port is None or int(port) == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
        if query:
            query = "&".join(
                pair for pair in query.split("&") if pair and not _is_tracking(pair.split("=", 1)[0])
            )
        return f"{scheme}://{netloc}{path.rstrip('/')}" + (f"?{query}" if query else "")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host or " " in host:
        return None
    host = host.removeprefix("www.")
    netloc = host
    if ":" in host:  # IPv6 literal
        netloc = f"[{host}]"
    if parts.username is not None:
        auth = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{auth}@{netloc}"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _is_tracking(pair.split("=", 1)[0])
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in _TRACKING


def normalize_doi(doi: str) -> str | None:
    """A DOI lowercased, without ``doi:`` or a resolver prefix (``https://doi.org/``);
    ``None`` unless it has the ``10.<registrant>/<suffix>`` shape."""
    doi = _DOI_PREFIX.sub("", doi.strip())
    if "%" in doi:
        doi = unquote(doi)
    doi = doi.strip().rstrip(".,;").lower()
    return doi if _DOI.match(doi) else None


def normalize_isbn(isbn: str) -> str | None:
    """The ISBN-13 form (digits only) of an ISBN-10 or ISBN-13; ``None`` if the check digit
    is wrong or the length is not 10 or 13."""
    text = isbn.strip()
    if text[:4].upper() == "ISBN":
        text = re.sub(r"^ISBN(?:-1[03])?:?", "", text, flags=re.IGNORECASE)
    # Any script's decimal digits (ar/ur/th ISBNs are sometimes written in local numerals).
    digits = "".join(
        str(int(c)) if c.isdecimal() else c for c in text.upper() if c.isdecimal() or c == "X"
    )
    if len(digits) == 10:
        if "X" in digits[:9]:
            return None
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        if total % 11:
            return None
        core = "978" + digits[:9]
        return core + _isbn13_check(core)
    if len(digits) == 13:
        if "X" in digits or not digits.startswith(("978", "979")):
            return None
        if _isbn13_check(digits[:12]) != digits[12]:
            return None
        return digits
    return None


def _isbn13_check(first12: str) -> str:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(first12))
    return str((10 - total % 10) % 10)


def _first_url(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    m = _URL_IN_TEXT.search(value)
    return normalize_url(m.group(0)) if m else None


def citation_identifiers(citation: _CitationLike) -> tuple[tuple[str, str], ...]:
    """``(("url", …), ("doi", …), ("isbn", …))`` of a citation: normalised, deduplicated,
    URLs first, then DOIs, then ISBNs, each in parameter order. A bare URL is a citation with
    ``template == ""`` and the single parameter ``("url", value)``."""
    return _identifiers(citation.params)


@lru_cache(maxsize=8192)
def _identifiers(params: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """By parameters alone: the versions of an article in an audit cite the same sources."""
    urls: list[str] = []
    dois: list[str] = []
    isbns: list[str] = []
    kinds = _KIND
    for key, value in params:
        kind = kinds.get(key)
        if kind is None or not value:
            continue
        if kind == "url":
            found = _first_url(value)
            if found and found not in urls:
                urls.append(found)
        elif kind == "doi":
            found = normalize_doi(value)
            if found and found not in dois:
                dois.append(found)
        else:
            found = normalize_isbn(value)
            if found and found not in isbns:
                isbns.append(found)
    return (
        *(("url", u) for u in urls),
        *(("doi", d) for d in dois),
        *(("isbn", i) for i in isbns),
    )
