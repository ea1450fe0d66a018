"""A small client of the MediaWiki Action API that follows Wikimedia's etiquette.

One ``requests.Session`` (one connection pool), a descriptive User-Agent, ``maxlag`` on every
request with back-off when the wiki is lagged, ``Retry-After`` honoured, bounded retries with
jitter, batches of revision ids, continuation, and an on-disk cache of revisions. Retries are
done here rather than by urllib3's ``Retry``: a lagged wiki answers HTTP 200 with a JSON error,
which only a reader of the body can see, and tests inject the sleep to count the waits.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from .. import __version__
from ..errors import (
    ApiError,
    BadResponse,
    BadRevision,
    BadTitle,
    NetworkError,
    PageMissing,
    UsageError,
)
from .cache import RevisionCache
from .pages import Page, Resolution, Revision, resolution_from_api, revision_from_api

log = logging.getLogger("citecheck.wiki")

PROJECT_URL = "https://example.invalid/citecheck"
"""Placeholder until the project has a public home; users add their contact with --user-agent."""
DEFAULT_USER_AGENT = (
    f"citecheck/{__version__} (+{PROJECT_URL}; contact via --user-agent) "
    f"python-requests/{requests.__version__}"  # type: ignore[attr-defined]
)
USER_AGENT_ENV = "CITECHECK_USER_AGENT"
META_PROPS = "ids|timestamp|user|comment|size|flags"
CONTENT_PROPS = f"{META_PROPS}|content"
BATCH = 50
"""Revision ids per request: the API's limit for clients without the apihighlimits right."""
LIST_LIMIT = 500
"""Revisions per page of a list without text (``rvlimit=max`` for the same clients)."""
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
RETRY_CODES = frozenset({"maxlag", "ratelimited", "readonly"})
_DOMAIN = re.compile(
    r"^(?=.{1,253}(:|$))([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}"
    r"[a-z0-9])?(:\d{1,5})?$",
    re.IGNORECASE,
)

Sleep = Callable[[float], None]


def api_url(site: str) -> str:
    """The api.php URL of ``site``: a domain (``en.wikipedia.org`` → its ``/w/api.php``) or an
    api.php URL; plain http only for loopback addresses (a test or a local wiki)."""
    text = site.strip()
    if not text:
        raise UsageError("--site needs a wiki: a domain such as en.wikipedia.org or an api.php URL")
    if "://" not in text:
        if not _DOMAIN.match(text):
            raise UsageError(f"--site {site!r} is neither a domain (en.wikipedia.org) nor an "
                             "api.php URL (https://…/w/api.php)")
        return f"https://{text.lower()}/w/api.php"
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--site {site!r}: only http(s) URLs of an api.php are supported")
    if parts.username or parts.password:
        raise UsageError(f"--site {site!r}: credentials in the URL are not supported")
    if scheme == "http" and not is_loopback(parts.hostname):
        raise UsageError(f"--site {site!r}: plain http is allowed only for a wiki on this "
                         "machine (127.0.0.1, ::1, localhost); use https")
    path = parts.path or "/"
    if path == "/":
        path = "/w/api.php"
    elif not path.endswith("api.php"):
        raise UsageError(f"--site {site!r}: the URL must point at the wiki's api.php")
    return urlunsplit((scheme, parts.netloc.lower(), path, "", ""))


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_user_agent(given: str | None) -> str:
    """The User-Agent every request of citecheck sends: ``given``, else
    ``$CITECHECK_USER_AGENT``, else :data:`DEFAULT_USER_AGENT`."""
    return (given or os.environ.get(USER_AGENT_ENV, "").strip() or DEFAULT_USER_AGENT).strip()


class WikiClient:
    """Read pages and revisions of one wiki.

    ``session`` is injected by tests (and by callers who share a pool); ``sleep`` and ``rand``
    (the jitter's source) too, so waits can be counted instead of waited. ``cache`` is ``None``
    for no cache. ``retries`` is the number of attempts after the first. ``user_agent``
    defaults to ``$CITECHECK_USER_AGENT``, else DEFAULT_USER_AGENT.
    """

    def __init__(
        self,
        site: str,
        *,
        session: requests.Session | None = None,
        user_agent: str | None = None,
        cache: RevisionCache | None = None,
        maxlag: int | None = 5,
        retries: int = 4,
        timeout: float | tuple[float, float] = (10, 60),
        backoff: float = 1.0,
        max_wait: float = 120.0,
        sleep: Sleep | None = None,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.api_url = api_url(site)
        self.site = urlsplit(self.api_url).netloc
        self.user_agent = resolve_user_agent(user_agent)
        self.cache = cache
        self.maxlag = maxlag
        self.retries = retries
        self.timeout = timeout
        self.backoff = backoff
        self.max_wait = max_wait
        self._sleep = sleep or _sleep
        self._random = rand
        self._own_session = session is None
        self.session = session or _new_session()
        self.requests = 0
        """Requests sent, retries included."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own_session:
            self.session.close()
        if self.cache is not None:
            self.cache.close()

    # --- pages and revisions ---------------------------------------------------------------------

    def resolve(self, title: str, *, follow_redirects: bool = True) -> tuple[Resolution, int]:
        """The page ``title`` leads to (normalisation and redirects followed) and its id."""
        query = self.request({"action": "query", "titles": _title(title),
                              **_redirects(follow_redirects)})
        resolution = resolution_from_api(_title(title), query.get("query", {}))
        page = self._one_page(resolution, query.get("query", {}))
        return resolution, int(page["pageid"])

    def page(self, title: str, *, follow_redirects: bool = True) -> Page:
        """The current revision of ``title``, with its text, in one request."""
        query = self.request({
            "action": "query", "titles": _title(title), **_redirects(follow_redirects),
            "prop": "revisions", "rvprop": CONTENT_PROPS, "rvslots": "main",
        }).get("query", {})
        resolution = resolution_from_api(_title(title), query)
        page = self._one_page(resolution, query)
        revisions = page.get("revisions") or []
        if not revisions:
            raise PageMissing(f"{self.site}: “{page.get('title')}” has no visible revision")
        revision = revision_from_api(page, revisions[0])
        self._store([revision])
        return Page(resolution=resolution, revision=revision)

    def revision(self, revid: int) -> Revision:
        """Revision ``revid`` with its text, from the cache when it is there."""
        return self.revisions_by_id([revid])[0]

    def revisions_by_id(self, revids: Sequence[int], *, batch: int = BATCH) -> list[Revision]:
        """The revisions ``revids`` with their text, in that order: cached ones from the cache,
        the others in batches of ``batch`` ids per request. An unknown id is a BadRevision."""
        ids = [_revid(r) for r in revids]
        found = self.cache.get_many(self.api_url, ids) if self.cache is not None else {}
        missing = [r for r in dict.fromkeys(ids) if r not in found]
        for start in range(0, len(missing), batch):
            fetched = self._fetch_ids(missing[start:start + batch])
            self._store(fetched.values())
            found.update(fetched)
        return [found[r] for r in ids]

    def revisions(
        self,
        title: str,
        *,
        limit: int | None = None,
        newest_first: bool = True,
        start: str | None = None,
        end: str | None = None,
        start_id: int | None = None,
        end_id: int | None = None,
        batch: int = BATCH,
        page_size: int = LIST_LIMIT,
        follow_redirects: bool = True,
    ) -> Iterator[Revision]:
        """The revisions of ``title`` (redirects followed) with their text, lazily.

        The range is that of ``prop=revisions`` (``start``/``end`` timestamps or ``start_id``/
        ``end_id``, in the direction asked for, at most ``limit``). The list of ids comes first,
        ``page_size`` per request with continuation; the text is then read from the cache or
        fetched ``batch`` ids per request, so a history audited twice is downloaded once. With
        ``follow_redirects=False`` a redirect's own history is read.
        """
        params: dict[str, Any] = {
            "action": "query", "titles": _title(title), **_redirects(follow_redirects),
            "prop": "revisions", "rvprop": META_PROPS, "rvslots": "main",
            "rvdir": "older" if newest_first else "newer",
        }
        for key, value in (("rvstart", start), ("rvend", end), ("rvstartid", start_id),
                           ("rvendid", end_id)):
            if value is not None:
                params[key] = value
        listed = self._list_revisions(title, params, limit, page_size)
        while True:
            chunk = [rev for _, rev in zip(range(batch), listed)]
            if not chunk:
                return
            yield from self.revisions_by_id([r.revid for r in chunk], batch=batch)

    # --- the API -------------------------------------------------------------------------------

    def query(self, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every response of a query, following ``continue`` until the API says it is done."""
        cont: dict[str, Any] = {}
        while True:
            data = self.request({**params, **cont})
            yield data
            if "continue" not in data:
                return
            cont = dict(data["continue"])

    def request(self, params: dict[str, Any]) -> dict[str, Any]:
        """One API call (GET), retried on lag, rate limits, 5xx and broken connections."""
        params = {**params, "format": "json", "formatversion": "2", "errorformat": "bc"}
        if self.maxlag is not None:
            params["maxlag"] = self.maxlag
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip"}
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                log.info("%s: %s; retry %d of %d", self.site, problem, attempt, self.retries)
            self.requests += 1
            try:
                response = self.session.get(self.api_url, params=params, headers=headers,
                                            timeout=self.timeout)
            except requests.exceptions.SSLError as error:
                raise NetworkError(f"{self.site}: TLS failure: {_reason(error)}") from None
            except requests.exceptions.InvalidURL as error:
                raise UsageError(f"{self.site}: invalid URL: {error}") from None
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                    requests.exceptions.ChunkedEncodingError) as error:
                problem = _reason(error)
                self._wait(attempt, None)
                continue
            except requests.exceptions.RequestException as error:  # redirect loops and the like
                raise NetworkError(f"{self.site}: {_reason(error)}") from None
            delay = _retry_after(response)
            if response.status_code in RETRY_STATUS:
                problem = f"HTTP {response.status_code} {response.reason or ''}".strip()
                if delay is not None and delay > self.max_wait:
                    raise NetworkError(f"{self.site}: {problem}; asked to retry after "
                                       f"{delay:.0f} s, longer than citecheck waits")
                self._wait(attempt, delay)
                continue
            data = self._json(response)
            failure = data.get("error")
            if isinstance(failure, dict):
                code = str(failure.get("code", "unknown"))
                info = " ".join(str(failure.get("info", "")).split())
                if code in RETRY_CODES:
                    problem = f"API error {code}: {info}"
                    lag = failure.get("lag")
                    if delay is None and code == "maxlag" and isinstance(lag, int | float):
                        delay = float(lag)
                    self._wait(attempt, delay, floor=5.0 if code == "maxlag" else 0.0)
                    continue
                raise ApiError(code, info, self.site)
            for module, warning in (data.get("warnings") or {}).items():
                log.warning("%s: API warning (%s): %s", self.site, module, warning)
            return data
        raise NetworkError(f"{self.site}: no answer after {self.retries + 1} attempts: {problem}")

    # --- helpers -------------------------------------------------------------------------------

    def _one_page(self, resolution: Resolution, query: dict[str, Any]) -> dict[str, Any]:
        """The single page a title query returned, or the specific error that explains why not."""
        for entry in query.get("interwiki") or ():
            raise BadTitle(f"{self.site}: “{entry.get('title')}” links to another wiki "
                           f"({entry.get('iw')}); give that wiki with --site")
        pages = query.get("pages") or []
        if len(pages) != 1:
            raise BadResponse(f"{self.site}: expected one page, the API returned {len(pages)}")
        page: dict[str, Any] = pages[0]
        where = (f" (the target of the redirect from “{resolution.requested}”)"
                 if resolution.redirected else "")
        if page.get("invalid"):
            reason = " ".join(str(page.get("invalidreason", "invalid title")).split())
            raise BadTitle(f"{self.site}: bad title “{page.get('title')}”: {reason}")
        if page.get("special") or int(page.get("ns", 0)) < 0:
            raise BadTitle(f"{self.site}: “{page.get('title')}” is a special page, which has "
                           "no revisions")
        if page.get("missing"):
            raise PageMissing(f"{self.site}: no page “{page.get('title')}”{where}")
        if "pageid" not in page:
            raise BadResponse(f"{self.site}: the API returned a page without an id")
        return page

    def _fetch_ids(self, ids: Sequence[int]) -> dict[int, Revision]:
        fetched: dict[int, Revision] = {}
        bad: list[str] = []
        params = {"action": "query", "revids": "|".join(map(str, ids)), "prop": "revisions",
                  "rvprop": CONTENT_PROPS, "rvslots": "main"}
        for data in self.query(params):
            query = data.get("query", {})
            bad.extend(str(k) for k in _bad_ids(query.get("badrevids")))
            for page in query.get("pages") or ():
                for rev in page.get("revisions") or ():
                    revision = revision_from_api(page, rev)
                    if revision.text is not None or revision.revid not in fetched:
                        fetched[revision.revid] = revision
        if bad:
            which = ", ".join(bad)
            raise BadRevision(f"{self.site}: no revision {which}" if len(bad) == 1
                              else f"{self.site}: no revisions {which}")
        absent = [str(r) for r in ids if r not in fetched]
        if absent:
            raise BadRevision(f"{self.site}: revision {', '.join(absent)} was not returned "
                              "(deleted?)")
        return fetched

    def _list_revisions(self, title: str, params: dict[str, Any], limit: int | None,
                        page_size: int) -> Iterator[Revision]:
        """The revisions' metadata, oldest or newest first, page after page of continuation."""
        remaining = limit
        resolved = False
        for data in self.query({**params, "rvlimit": min(page_size, limit or page_size)}):
            query = data.get("query", {})
            if not resolved:
                self._one_page(resolution_from_api(_title(title), query), query)
                resolved = True
            for page in query.get("pages") or ():
                for rev in page.get("revisions") or ():
                    if remaining is not None and remaining <= 0:
                        return
                    yield revision_from_api(page, rev)
                    if remaining is not None:
                        remaining -= 1
            if remaining is not None and remaining <= 0:
                return

    def _store(self, revisions: Iterable[Revision]) -> None:
        if self.cache is not None:
            self.cache.put_many(self.api_url, revisions)

    def _wait(self, attempt: int, delay: float | None, floor: float = 0.0) -> None:
        """Sleep before the next attempt: the server's delay when it gave one, else exponential
        back-off with jitter; nothing after the last attempt."""
        if attempt >= self.retries:
            return
        if delay is None:
            delay = self.backoff * 2 ** attempt * (0.5 + self._random() / 2)
        delay = min(max(delay, floor), self.max_wait)
        log.info("%s: waiting %.1f s", self.site, delay)
        self._sleep(delay)

    def _json(self, response: requests.Response) -> dict[str, Any]:
        if response.status_code >= 400:
            hint = " (is it the wiki's api.php?)" if response.status_code == 404 else ""
            raise NetworkError(f"{self.site}: HTTP {response.status_code} "
                               f"{response.reason or ''}{hint}".replace("  ", " "))
        try:
            data: Any = response.json()
        except (ValueError, json.JSONDecodeError):
            start = " ".join(response.text[:60].split())
            raise BadResponse(f"{self.site}: the answer is not JSON (starts with {start!r}); "
                              f"is {self.api_url} the wiki's api.php?") from None
        if not isinstance(data, dict):
            raise BadResponse(f"{self.site}: the answer is JSON but not an API result")
        return data


def _sleep(seconds: float) -> None:
    time.sleep(seconds)  # looked up at call time, so tests can patch time.sleep


def _new_session() -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=1, pool_maxsize=4, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def _redirects(follow: bool) -> dict[str, str]:
    return {"redirects": "1"} if follow else {}


def _title(title: str) -> str:
    if not isinstance(title, str) or not title.strip():
        raise BadTitle("the page title is empty")
    if "|" in title or "\x1f" in title:
        raise BadTitle(f"bad title {title!r}: '|' cannot appear in a title")
    return title


def _revid(value: object) -> int:
    try:
        revid = int(str(value))
    except ValueError:
        raise BadRevision(f"revision id {value!r} is not a number") from None
    if revid <= 0:
        raise BadRevision(f"revision id {value!r} must be a positive number")
    return revid


def _bad_ids(bad: object) -> list[object]:
    """``badrevids`` is an object keyed by id (formatversion 2) or a list."""
    if isinstance(bad, dict):
        return [v.get("revid", k) if isinstance(v, dict) else k for k, v in bad.items()]
    if isinstance(bad, list):
        return [v.get("revid") if isinstance(v, dict) else v for v in bad]
    return []


def _retry_after(response: requests.Response) -> float | None:
    """``Retry-After`` in seconds, as a number or an HTTP date; ``None`` when absent or bad."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(error: BaseException) -> str:
    """A one-line cause: the message of the error urllib3 wraps, without object reprs."""
    detail: object = error.args[0] if error.args else error
    detail = getattr(detail, "reason", None) or detail  # MaxRetryError wraps the real cause
    texts = [a for a in getattr(detail, "args", ()) if isinstance(a, str)]
    text = " ".join(texts) if isinstance(detail, BaseException) and texts else str(detail)
    text = " ".join(re.sub(r"<[^<>]* at 0x[0-9a-f]+>:?\s*", "", text).split())
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__
