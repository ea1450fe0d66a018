"""Check the web addresses an article's references cite, and tell what became of each.

HEAD first; GET when HEAD does not settle it: when HEAD is refused or fails (405, 501, any other
error status, which a GET confirms so that a server that mishandles HEAD is not called dead) and
when the page is HTML, whose start is needed to see a "not found" page served with HTTP 200.
The states are those of :data:`citecheck.lookups.LINK_STATES`. An archived copy
(``|archive-url=``, ``{{Webarchive}}``) is checked first; the live address only when the copy is
not ``ok``. Each URL is checked once per :class:`LinkChecker`, however often it is cited.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from ..lookups import LinkStatus, Lookups
from ..model import Article
from ..parsing.citelinks import CitedLink, ref_links
from .fetch import (
    BadUrl,
    Blocked,
    ConnectFailed,
    DnsFailure,
    Fetched,
    Fetcher,
    FetchError,
    TooManyRedirects,
)

__all__ = ["LinkChecker", "article_links", "gather_links", "looks_not_found"]

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

# Titles and first headings of "not found" pages (matched casefolded, in the supported wikis'
# main languages); a bare "404" counts only next to a word that makes it an error.
_NOT_FOUND = re.compile(
    r"page not found|not found|cannot be found|could not be found|can't be found|"
    r"can’t be found|couldn't find|does(?: not|n't|n’t) exist|no longer (?:exists|available)|"
    r"\b404\b.{0,20}\b(?:error|page|not)|\b(?:error|fehler|erreur|errore|erro|ошибка)\b.{0,5}\b404\b|"
    r"nicht gefunden|introuvable|non trouvée|n'existe pas|n’existe pas|no encontrad[ao]|"
    r"no existe|non trovat[ao]|non esiste|não encontrad[ao]|não existe|niet gevonden|"
    r"nie znaleziono|nie istnieje|не найден|не существует|hittades inte|ei löytynyt|"
    r"bulunamadı|nenalezen|見つかりません|存在しません|页面不存在|页面未找到|找不到|"
    r"페이지를 찾을 수 없습니다|לא נמצא|غير موجود|غير موجودة|یافت نشد"
)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ERROR_PATH = re.compile(
    r"(?:^|/)(?:404|410|error|errors|error[-_]?404|404[-_]?error|not[-_]?found|"
    r"page[-_]?not[-_]?found|pagenotfound|notfound|errorpage|error[-_]?page|fehlerseite)"
    r"(?:\.\w+)?(?:/|$)",
    re.IGNORECASE,
)
_ERROR_QUERY = re.compile(r"(?:^|[&;])(?:error|err|status|code)=(?:404|410|not[-_]?found)\b|"
                          r"^404;", re.IGNORECASE)
_LOGIN_PATH = re.compile(
    r"(?:^|/)(?:login|log-in|signin|sign-in|sign_in|subscribe|subscription|paywall|"
    r"register|auth|sso)(?:\.\w+)?(?:/|$)",
    re.IGNORECASE,
)
_HOME_PATH = re.compile(
    r"^/?(?:[a-z]{2}(?:[-_][a-zA-Z]{2,4})?/?)?"
    r"(?:(?:index|default|home|homepage|start|main)(?:\.\w+)?/?)?$",
    re.IGNORECASE,
)
"""``/``, ``/index.html``, ``/home``, ``/en/``, ``/de-DE/index.php``: a site's front page."""


class LinkChecker:
    """Classifies URLs through a :class:`~citecheck.wiki.fetch.Fetcher`, each URL once.

    A GET answered 429 or 5xx is tried once more after ``retry_wait`` seconds (a short, fixed
    wait: a link check is no place to wait minutes for a busy site); ``sleep`` is injected by
    tests.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        retry_wait: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.fetcher = fetcher
        self.retry_wait = retry_wait
        self._sleep = sleep
        self._known: dict[str, LinkStatus] = {}

    def check(self, url: str) -> LinkStatus:
        """The status of ``url`` (as cited), fetched the first time it is asked for."""
        key = url.strip()
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._check(key)
        return known

    @property
    def checked(self) -> int:
        """How many distinct URLs were checked."""
        return len(self._known)

    def _check(self, url: str) -> LinkStatus:
        try:
            head = self.fetcher.fetch(url, method="HEAD")
        except BadUrl as error:
            return LinkStatus(url, "skipped", detail=str(error))
        except ConnectFailed:  # some servers drop HEAD requests: GET decides
            head = None
        except FetchError as error:
            return _from_error(url, error)
        if head is not None and 200 <= head.status < 300 and not _is_html(head.content_type):
            return classify(url, head)
        try:
            got = self._get(url)
        except FetchError as error:
            return _from_error(url, error)
        return classify(url, got)

    def _get(self, url: str) -> Fetched:
        got = self.fetcher.fetch(url, method="GET")
        if got.status in _RETRY_STATUS:
            self._sleep(self.retry_wait)
            got = self.fetcher.fetch(url, method="GET")
        return got


def classify(url: str, got: Fetched) -> LinkStatus:
    """The state of ``url`` from the answer it got (after its redirects)."""
    final = got.final_url if got.redirected else None
    status = got.status
    reason = f"HTTP {status}{' ' + got.reason if got.reason else ''}"

    def state(name: str, detail: str) -> LinkStatus:
        return LinkStatus(url, name, status=status, final_url=final, detail=detail)

    if status in (404, 410):
        return state("dead", reason)
    if status in (401, 402, 403):
        return state("paywalled", f"{reason} (a paywall, a login or a robot filter)")
    if not 200 <= status < 300:
        if status in _RETRY_STATUS:
            reason += " (tried twice)"
        return state("unreachable", reason)
    if got.redirected:
        start, end = urlsplit(got.url), urlsplit(got.final_url)
        if _is_error_url(end.path, end.query) and not _is_error_url(start.path, start.query):
            return state("soft-404", f"redirected to an error page {got.final_url} ({reason})")
        if _LOGIN_PATH.search(end.path) and not _LOGIN_PATH.search(start.path):
            return state("paywalled", f"redirected to a login or subscription page "
                         f"{got.final_url}")
        if _is_home(end.path, end.query) and not _is_home(start.path, start.query):
            return state("redirected-home", f"redirected to the site's home page {got.final_url}")
    heading = looks_not_found(got.body, got.content_type)
    if heading is not None:
        return state("soft-404", f"the page says “{heading}” ({reason})")
    return state("ok", reason)


def looks_not_found(body: bytes, content_type: str = "") -> str | None:
    """The title or first heading of an HTML page when it says the page was not found."""
    if not body:
        return None
    for pattern in (_TITLE, _H1):
        match = pattern.search(body)
        if match is None:
            continue
        text = _text(match.group(1), body, content_type)
        if text and _NOT_FOUND.search(text.casefold()):
            return text[:120]
    return None


def _text(raw: bytes, body: bytes, content_type: str) -> str:
    found = _CHARSET.search(content_type.encode("ascii", "ignore")) or _CHARSET.search(body[:2048])
    encoding = found.group(1).decode("ascii") if found else "utf-8"
    try:
        decoded = raw.decode(encoding, "replace")
    except LookupError:
        decoded = raw.decode("utf-8", "replace")
    return " ".join(html.unescape(_TAGS.sub(" ", decoded)).split())


def _is_html(content_type: str) -> bool:
    return not content_type or "html" in content_type


def _is_error_url(path: str, query: str) -> bool:
    return bool(_ERROR_PATH.search(path) or _ERROR_QUERY.search(query))


def _is_home(path: str, query: str) -> bool:
    return not query and bool(_HOME_PATH.match(path))


def _from_error(url: str, error: FetchError) -> LinkStatus:
    hop = error.url if error.url and error.url.rstrip("/") != url.rstrip("/") else None
    detail = str(error)
    if isinstance(error, BadUrl):
        return LinkStatus(url, "skipped", detail=detail)
    if isinstance(error, Blocked):
        return LinkStatus(url, "blocked", final_url=hop,
                          detail=f"{detail}, which the fetcher does not reach")
    if isinstance(error, DnsFailure) and error.permanent:
        return LinkStatus(url, "dead", final_url=hop, detail=f"{detail} (the host does not exist)")
    if isinstance(error, TooManyRedirects):
        detail += " (a redirect loop?)"
    # time-outs, refused or broken connections, TLS failures, a resolver that could not answer:
    # the site may be down for a while, so nothing is asserted
    return LinkStatus(url, "unreachable", final_url=hop, detail=detail)


def article_links(article: Article) -> Iterator[CitedLink]:
    """Every address the article's references cite, in document order (repeats included)."""
    for tag in article.ref_tags:
        if tag.citations:
            yield from ref_links(tag, article.text)


def gather_links(article: Article, checker: LinkChecker) -> dict[str, LinkStatus]:
    """The status of every address the references cite, keyed by the URL as cited. An archived
    copy is checked first; the live address only when the copy is not ``ok``."""
    found: dict[str, LinkStatus] = {}
    for link in article_links(article):
        if link.archive is not None:
            copy = found[link.archive] = checker.check(link.archive)
            if copy.ok:
                continue
        found[link.url] = checker.check(link.url)
    return found


def gather(article: Article, checker: LinkChecker) -> Lookups:
    """:func:`gather_links` as the :class:`~citecheck.lookups.Lookups` the rules read."""
    return Lookups(online=True, links=gather_links(article, checker))
