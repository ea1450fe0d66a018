"""A guarded HTTP fetcher for the link checks: it fetches what articles cite, so it trusts nothing.

Cited URLs are written by anyone, so the fetcher refuses what a server-side request forgery would
need: only ``http``/``https``; the host is resolved here and every address it resolves to must be
public (not private, loopback, link-local, multicast, reserved or otherwise not global) unless an
address or network is allowed explicitly (``allow=("127.0.0.1",)`` for a test server); the socket
connects to the address that was checked (no second resolution a DNS rebinding could change), and
this holds on every redirect hop, which the fetcher follows itself (at most ``max_redirects``).
It never sends credentials: userinfo is stripped from URLs, no auth, no ``.netrc`` and no proxy
from the environment (``trust_env = False``), no cookie survives from one fetch to the next.
Every fetch has connect and read timeouts and a total time limit, and bodies are streamed and
read up to ``max_bytes`` only (non-text bodies not at all).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, Self
from urllib.parse import urljoin, urlsplit, urlunsplit

import attrs
import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError, ReadTimeoutError
from urllib3.util import connection as _connection

from ..errors import CitecheckError, UsageError
from .client import resolve_user_agent

__all__ = [
    "BadUrl",
    "Blocked",
    "ConnectFailed",
    "DnsFailure",
    "FetchError",
    "Fetched",
    "Fetcher",
    "Guard",
    "TimedOut",
    "TlsFailure",
    "TooManyRedirects",
    "parse_allow",
    "sanitize_url",
]

Method = Literal["GET", "HEAD"]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
"""``(host, port) -> addresses``; raises :class:`socket.gaierror` as ``getaddrinfo`` does."""

_TEXT_TYPES = ("text/", "application/xhtml", "application/xml")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT_DNS = frozenset(
    code for code in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None))
    if code is not None
)
"""``getaddrinfo`` errors that say the name does not exist (NXDOMAIN, no address), unlike
``EAI_AGAIN`` (the resolver could not answer: no network, a timeout), which proves nothing."""


class FetchError(CitecheckError):
    """A fetch that gave no HTTP answer; ``url`` is the hop that failed."""

    def __init__(self, message: str, url: str = "") -> None:
        super().__init__(message)
        self.url = url


class BadUrl(FetchError):
    """Not an http(s) URL with a host (``ftp:``, ``mailto:``, a malformed address)."""


class Blocked(FetchError):
    """Refused by the guard: the host resolves to an address that is not allowed."""


class DnsFailure(FetchError):
    """The host name could not be resolved."""

    def __init__(self, message: str, url: str = "", *, permanent: bool = False) -> None:
        super().__init__(message, url)
        self.permanent = permanent
        """True when the name does not exist; False when the resolver could not answer."""


class TimedOut(FetchError):
    """The connect or read timeout, or the total time limit, ran out."""


class ConnectFailed(FetchError):
    """The connection was refused, reset or broken."""


class TlsFailure(FetchError):
    """The TLS handshake or the certificate check failed."""


class TooManyRedirects(FetchError):
    """More redirects than ``max_redirects`` (or a loop)."""


@attrs.frozen
class Fetched:
    """One fetch's answer: the last hop's status and headers, the chain that led to it."""

    url: str
    """The URL requested (userinfo and fragment removed)."""
    method: Method
    status: int
    reason: str
    final_url: str
    redirects: tuple[str, ...] = ()
    """Every URL the redirects led to, in order (the last one is ``final_url``)."""
    content_type: str = ""
    body: bytes = b""
    truncated: bool = False
    """The body was longer than the limit and only its start was read."""

    @property
    def redirected(self) -> bool:
        return bool(self.redirects)


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def parse_allow(values: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or networks (``127.0.0.1``, ``10.0.0.0/8``, ``::1``) the guard lets through."""
    out: list[Network] = []
    for value in values:
        try:
            out.append(ipaddress.ip_network(value.strip().strip("[]"), strict=False))
        except ValueError:
            raise UsageError(f"--allow-address takes an IP address or network such as "
                             f"127.0.0.1 or 10.0.0.0/8, not {value!r}") from None
    return tuple(out)


def refusal(address: Address) -> str | None:
    """Why the guard refuses ``address`` by default (``None``: a public address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return f"a {kind.replace('_', '-')} address"
    if not address.is_global:
        return "not a public address"
    return None


@attrs.frozen
class Guard:
    """Resolves a host and lets it through only when every address it has is allowed."""

    allow: tuple[Network, ...] = ()
    resolver: Resolver = system_resolver

    def allowed(self, address: Address) -> bool:
        return any(address.version == net.version and address in net for net in self.allow)

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to, or :class:`DnsFailure` / :class:`Blocked`."""
        host = host.strip("[]")
        try:
            literal: Address | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            found = [host]
        else:
            try:
                found = list(self.resolver(host, port))
            except socket.gaierror as error:
                raise DnsFailure(f"cannot resolve {host}: {error.strerror or error}",
                                 permanent=error.errno in _PERMANENT_DNS) from None
            except UnicodeError:
                raise DnsFailure(f"cannot resolve {host}: not a valid host name",
                                 permanent=True) from None
            if not found:
                raise DnsFailure(f"cannot resolve {host}: no address", permanent=True)
        for text in found:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            why = refusal(address)
            if why is not None and not self.allowed(address):
                name = host if literal is not None else f"{host} ({text})"
                raise Blocked(f"{name} is {why}")
        return found


def _pinned_conn(self: HTTPConnection, guard: Guard) -> socket.socket:
    """urllib3's ``_new_conn``, connecting to the addresses the guard checked (never resolving
    the name a second time). The Host header and the TLS name stay the host name."""
    last: Exception | None = None
    for address in guard.addresses(self._dns_host, self.port):
        try:
            return _connection.create_connection(
                (address, self.port), self.timeout, source_address=self.source_address,
                socket_options=self.socket_options,
            )
        except TimeoutError as error:
            last = ConnectTimeoutError(self, f"Connection to {self.host} timed out. "
                                       f"(connect timeout={self.timeout})")
            last.__cause__ = error
        except OSError as error:
            last = NewConnectionError(self, f"Failed to establish a new connection: {error}")
    assert last is not None  # addresses() returns at least one address or raises
    raise last


class _GuardedAdapter(HTTPAdapter):
    """An adapter whose connections pass through the guard (on every connection, so on every
    redirect hop and every reconnection)."""

    def __init__(self, guard: Guard) -> None:
        self._guard = guard
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        guard = self._guard

        class Conn(HTTPConnection):
            def _new_conn(self) -> socket.socket:
                return _pinned_conn(self, guard)

        class TlsConn(HTTPSConnection):
            def _new_conn(self) -> socket.socket:
                return _pinned_conn(self, guard)

        class Pool(HTTPConnectionPool):
            ConnectionCls = Conn

        class TlsPool(HTTPSConnectionPool):
            ConnectionCls = TlsConn

        self.poolmanager.pool_classes_by_scheme = {"http": Pool, "https": TlsPool}


def sanitize_url(url: str) -> str:
    """The URL to request: http(s) only, with a host; userinfo and fragment removed,
    ``//host/…`` read as https. :class:`BadUrl` otherwise."""
    text = url.strip()
    if text.startswith("//"):
        text = "https:" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise BadUrl(f"not a valid URL: {error}", url) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BadUrl(f"not an http(s) URL ({scheme or 'no'} scheme)", url)
    host = parts.hostname
    if not host or any(c.isspace() for c in host):
        raise BadUrl("the URL has no valid host", url)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


class Fetcher:
    """Fetch URLs through the guard. One ``requests.Session`` (``session`` is injected by tests).

    ``allow``: addresses or networks let through although not public. ``connect_timeout`` and
    ``read_timeout`` bound each socket operation, ``total_timeout`` a whole fetch with its
    redirects and body. ``resolver`` and ``clock`` are injected by tests.
    """

    def __init__(
        self,
        *,
        allow: Iterable[str] = (),
        session: requests.Session | None = None,
        user_agent: str | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
        total_timeout: float = 20.0,
        max_bytes: int = 1_000_000,
        max_redirects: int = 10,
        resolver: Resolver = system_resolver,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.guard = Guard(parse_allow(allow), resolver)
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._clock = clock
        self._own_session = session is None
        self.session = session or requests.Session()
        self.session.trust_env = False  # no .netrc credentials, no proxies from the environment
        self.session.auth = None
        self.session.proxies.clear()
        self.session.headers["User-Agent"] = resolve_user_agent(user_agent)
        self.session.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
        adapter = _GuardedAdapter(self.guard)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.requests = 0
        """Requests sent, redirect hops included."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own_session:
            self.session.close()

    def fetch(self, url: str, *, method: Method = "GET", read: bool = True) -> Fetched:
        """Fetch ``url``, following redirects through the guard. With ``read``, a GET reads the
        start of a text body (up to ``max_bytes``); other bodies are never read."""
        start = sanitize_url(url)
        deadline = self._clock() + self.total_timeout
        self.session.cookies.clear()  # a cookie may live within one redirect chain, no longer
        current = start
        chain: list[str] = []
        for _hop in range(self.max_redirects + 1):
            response = self._send(method, current, deadline)
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                response.close()
                try:
                    current = sanitize_url(urljoin(current, location.strip()))
                except BadUrl as error:
                    raise Blocked(f"redirected to a URL that is not http(s): {error}",
                                  location) from None
                chain.append(current)
                continue
            try:
                content_type = response.headers.get("content-type", "").strip().lower()
                body, truncated = b"", False
                if read and method == "GET" and _is_text(content_type):
                    body, truncated = self._read(response, deadline, current)
            finally:
                response.close()
            return Fetched(
                url=start, method=method, status=response.status_code,
                reason=response.reason or "", final_url=current, redirects=tuple(chain),
                content_type=content_type, body=body, truncated=truncated,
            )
        raise TooManyRedirects(f"more than {self.max_redirects} redirects", current)

    def _send(self, method: Method, url: str, deadline: float) -> requests.Response:
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise TimedOut(f"no answer within the {self.total_timeout:g} s limit", url)
        timeout = (min(self.connect_timeout, remaining), min(self.read_timeout, remaining))
        self.requests += 1
        try:
            return self.session.request(method, url, stream=True, allow_redirects=False,
                                        timeout=timeout)
        except FetchError as error:  # the guard, from inside the connection
            error.url = url
            raise
        except requests.exceptions.SSLError as error:
            raise TlsFailure(f"TLS failed: {_cause(error)}", url) from None
        except requests.exceptions.Timeout:
            raise TimedOut(f"no answer within {timeout[1]:g} s", url) from None
        except requests.exceptions.ConnectionError as error:
            gai = _find(error, socket.gaierror)
            if gai is not None:
                raise DnsFailure(f"cannot resolve {urlsplit(url).hostname}: {gai.strerror or gai}",
                                 url, permanent=gai.errno in _PERMANENT_DNS) from None
            raise ConnectFailed(f"connection failed: {_cause(error)}", url) from None
        except requests.exceptions.RequestException as error:
            raise ConnectFailed(f"request failed: {_cause(error)}", url) from None

    def _read(self, response: requests.Response, deadline: float, url: str) -> tuple[bytes, bool]:
        """The start of the body: stops at ``max_bytes`` or at the deadline, whichever is first
        (a server that trickles bytes cannot hold the fetch beyond the total time limit)."""
        raw = response.raw
        read = getattr(raw, "read1", None) or raw.read
        chunks: list[bytes] = []
        size = 0
        try:
            while size < self.max_bytes:
                if self._clock() > deadline:
                    raise TimedOut(f"body not read within the {self.total_timeout:g} s limit", url)
                chunk = read(min(65536, self.max_bytes - size), decode_content=True)
                if not chunk:
                    return b"".join(chunks), False
                chunks.append(chunk)
                size += len(chunk)
        except (ReadTimeoutError, TimeoutError):
            raise TimedOut(f"body not read within {self.read_timeout:g} s", url) from None
        except (HTTPError, OSError) as error:
            raise ConnectFailed(f"connection broken while reading: {_cause(error)}", url) from None
        return b"".join(chunks)[: self.max_bytes], True


def _is_text(content_type: str) -> bool:
    return not content_type or content_type.startswith(_TEXT_TYPES)


def _find(error: BaseException, kind: type[BaseException]) -> Any:
    """The first exception of ``kind`` among ``error``, its causes and its arguments."""
    seen: set[int] = set()
    todo: list[BaseException] = [error]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, kind):
            return item
        todo.extend(e for e in (item.__cause__, item.__context__) if e is not None)
        todo.extend(a for a in item.args if isinstance(a, BaseException))
        for attr in ("reason", "_reason"):  # MaxRetryError.reason, NameResolutionError._reason
            reason = getattr(item, attr, None)
            if isinstance(reason, BaseException):
                todo.append(reason)
    return None


def _cause(error: BaseException) -> str:
    """The innermost message of a requests/urllib3 exception chain, on one line."""
    inner: BaseException = error
    for _ in range(6):
        nxt = getattr(inner, "reason", None) or (inner.args[0] if inner.args else None)
        if not isinstance(nxt, BaseException):
            break
        inner = nxt
    return " ".join(str(inner).split())[:200] or type(inner).__name__
