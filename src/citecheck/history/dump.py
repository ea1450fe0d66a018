"""Stream the revisions of a MediaWiki export (XML schema 0.3 to 0.11), compressed or not.

A busy article's full history is gigabytes of XML, so nothing here holds more than the revision
being read: an expat parser fed in 64 KiB chunks keeps the fields of the current revision only,
and hands each revision on as soon as its end tag is read. The namespace differs between schema
versions, so elements are matched by local name. Compression is recognised by its magic bytes
(the file name is only a fallback), so a mis-named file still reads, and a truncated or corrupt
one gives a clear error.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import sys
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Literal, Protocol
from xml.parsers import expat

import attrs

from ..errors import InputError

Compression = Literal["none", "bz2", "gzip", "xz", "lzma"]
STDIN_NAME = "<stdin>"
_MAGIC: tuple[tuple[bytes, Compression], ...] = (
    (b"BZh", "bz2"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x5d\x00\x00", "lzma"),  # the legacy .lzma ("alone") header: lc=3 lp=0 pb=2
)
_SUFFIXES: dict[str, Compression] = {
    ".bz2": "bz2", ".gz": "gzip", ".xz": "xz", ".lzma": "lzma",
}
_CHUNK = 1 << 16


class Readable(Protocol):
    """A binary stream: a file, a decompressor, stdin's buffer."""

    def read(self, size: int = -1, /) -> bytes: ...


@attrs.frozen
class Revision:
    """One revision as an export file holds it.

    The field names are those of :class:`citecheck.wiki.Revision` (revisions read through the
    API), so the audit takes revisions from either source. ``text`` is ``None`` when the revision
    is hidden (revision deletion: ``"text"`` in ``hidden``) or the dump has no text (a stub dump);
    ``user`` and ``comment`` are ``None`` when hidden or absent.
    """

    revid: int
    parentid: int | None
    """``None`` when the export does not say (schema 0.3 and 0.4, a page's first revision)."""
    pageid: int | None
    title: str
    timestamp: str
    """ISO 8601 in UTC as the export writes it (``2009-05-01T12:00:00Z``)."""
    user: str | None = None
    """The user name, or the IP address of an anonymous edit (then ``user_is_ip``)."""
    user_is_ip: bool = False
    comment: str | None = None
    minor: bool = False
    text: str | None = attrs.field(default=None, repr=False)
    sha1: str | None = None
    """As the export gives it (base 36 of the SHA-1 of the text), ``None`` when absent."""
    size: int | None = None
    """Bytes of the text in UTF-8: the export's ``bytes``, or counted when it has none."""
    content_model: str | None = None
    ns: int | None = None
    hidden: tuple[str, ...] = ()
    """Which of ``text``, ``user``, ``comment`` are hidden by revision deletion."""

    @property
    def time(self) -> datetime | None:
        """The timestamp as an aware datetime (UTC); ``None`` when it does not parse."""
        return parse_time(self.timestamp)


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 date or time as an aware datetime; a naive one is taken as UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@attrs.define
class DumpReader:
    """Reads one export file; iterate it for its revisions, in file order.

    ``position()`` tells how far into the (compressed) file the reader is, for a progress bar:
    the total number of revisions is unknown until the end.
    """

    path: str
    """A file name, or ``-`` for standard input."""
    compression: Compression | None = None
    """``None`` detects it from the magic bytes, then the file name."""
    size: int | None = attrs.field(init=False, default=None)
    """Bytes of the file as stored (compressed), when known."""
    _raw: IO[bytes] | None = attrs.field(init=False, default=None)

    @property
    def name(self) -> str:
        return STDIN_NAME if self.path == "-" else self.path

    def position(self) -> int | None:
        """Bytes of the stored file read so far."""
        try:
            return self._raw.tell() if self._raw is not None and self.path != "-" else None
        except (OSError, ValueError):
            return None

    def fraction(self) -> float | None:
        done = self.position()
        if done is None or not self.size:
            return None
        return min(1.0, done / self.size)

    def __iter__(self) -> Iterator[Revision]:
        raw = self._open_raw()
        self._raw = raw
        try:
            kind = self.compression or self._sniff(raw)
            self.compression = kind
            stream = _decompressed(raw, kind)
            yield from _with_errors(parse_export(stream, self.name), self.name, kind)
        finally:
            if self.path != "-":
                raw.close()

    def _open_raw(self) -> IO[bytes]:
        if self.path == "-":
            stdin = getattr(sys.stdin, "buffer", None)
            if stdin is None:
                raise InputError(f"{STDIN_NAME}: there is no standard input to read")
            return stdin  # type: ignore[no-any-return]
        if os.path.isdir(self.path):
            raise InputError(f"{self.name}: is a directory")
        try:
            raw = open(self.path, "rb")
            self.size = os.fstat(raw.fileno()).st_size
        except OSError as error:
            raise InputError(f"{self.name}: {error.strerror or error}") from None
        return raw

    def _sniff(self, raw: IO[bytes]) -> Compression:
        head = _peek(raw, 8)
        for magic, kind in _MAGIC:
            if head.startswith(magic):
                return kind
        suffix = Path(self.path).suffix.lower()
        if head.lstrip()[:1] in (b"<", b"\xef") or suffix not in _SUFFIXES:
            return "none"
        return _SUFFIXES[suffix]


def read_dump(path: str | os.PathLike[str], *, title: str | None = None) -> Iterator[Revision]:
    """The revisions of an export file, oldest first as exports write them.

    ``title`` keeps only that page's revisions (compared as MediaWiki does: underscores are
    spaces, the first letter is case-insensitive).
    """
    revisions = iter(DumpReader(os.fspath(path)))
    if title is None:
        return revisions
    wanted = normalise_title(title)
    return (r for r in revisions if normalise_title(r.title) == wanted)


def normalise_title(title: str) -> str:
    """``anarchism_history`` → ``Anarchism history``: the comparison MediaWiki makes."""
    words = " ".join(title.replace("_", " ").split())
    return words[:1].upper() + words[1:]


def _peek(raw: IO[bytes], count: int) -> bytes:
    """The first bytes of ``raw`` without consuming them (stdin cannot seek back)."""
    peek = getattr(raw, "peek", None)
    if peek is not None:
        return bytes(peek(count)[:count])
    start = raw.tell()
    head = raw.read(count)
    raw.seek(start)
    return head


def _decompressed(raw: IO[bytes], kind: Compression) -> Readable:
    if kind == "bz2":
        return bz2.BZ2File(raw)
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw)
    if kind in ("xz", "lzma"):
        return lzma.LZMAFile(raw, format=lzma.FORMAT_AUTO)
    return raw


def _with_errors(revisions: Iterator[Revision], name: str, kind: Compression
                 ) -> Iterator[Revision]:
    """Turn what decompressors and expat raise into one-line InputErrors naming the file."""
    what = "compressed" if kind == "none" else kind
    try:
        yield from revisions
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code) if error.code else str(error)
        hint = " (is the file truncated?)" if reason in ("no element found",
                                                          "unclosed token") else ""
        raise InputError(f"{name}: not well-formed XML at line {error.lineno}, column "
                         f"{error.offset + 1}: {reason}{hint}") from None
    except EOFError:
        raise InputError(f"{name}: the {what} data is truncated (it ends before its "
                         "end-of-stream marker)") from None
    except (OSError, lzma.LZMAError, zlib.error) as error:
        raise InputError(f"{name}: corrupt {what} data ({error})") from None


def parse_export(stream: Readable, name: str = "<export>") -> Iterator[Revision]:
    """The revisions of every page of an uncompressed export stream, in order.

    pyexpat is driven directly rather than through ElementTree: no tree is built at all, and
    expat's text buffering makes reading a gigabyte history three times faster than
    ``iterparse`` with element clearing (measured: 8 s against 25 s).
    """
    handler = _ExportHandler(name)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.parts.append
    parser.EntityDeclHandler = handler.refuse_entities  # no entity expansion bombs
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
        if handler.ready:
            yield from handler.ready
            handler.ready.clear()
    parser.Parse(b"", True)
    yield from handler.ready
    if not handler.seen_root:
        raise InputError(f"{name}: empty file, not a MediaWiki export")


_PAGE_FIELDS = frozenset({"title", "id", "ns"})
_REVISION_FIELDS = frozenset({"id", "parentid", "timestamp", "comment", "text", "sha1", "model",
                              "minor"})
_CONTRIBUTOR_FIELDS = frozenset({"username", "ip"})


class _ExportHandler:
    """expat callbacks: keeps the fields of the page and revision being read, nothing more.

    Elements are known by their local name and depth (``mediawiki/page/revision/…``), so
    every schema version's namespace reads alike and nested elements of the same name (a
    ``<content>`` slot's ``<text>``, a contributor's ``<id>``) are never mistaken for the
    revision's own.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.parts: list[str] = []
        self.ready: list[Revision] = []
        self.seen_root = False
        self._stack: list[str] = []
        self._local: dict[str, str] = {}
        self._page: dict[str, str] = {}
        self._rev: dict[str, str] = {}
        self._attrs: dict[str, dict[str, str]] = {}

    def refuse_entities(self, *_args: object) -> None:
        raise InputError(f"{self.name}: the XML declares entities; MediaWiki exports never do")

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = self._local.get(tag)
        if local is None:
            local = self._local[tag] = tag.rpartition("}")[2]
        stack = self._stack
        if not stack:
            if local != "mediawiki":
                raise InputError(f"{self.name}: not a MediaWiki export (the root element is "
                                 f"<{local}>, not <mediawiki>)")
            self.seen_root = True
        elif len(stack) == 1 and local == "page":
            self._page = {}
        elif len(stack) == 2 and local == "revision" and stack[1] == "page":
            self._rev = {}
            self._attrs = {}
        elif len(stack) == 3 and stack[2] == "revision" and local in (
            "text", "contributor", "comment"
        ):
            self._attrs[local] = attributes
        stack.append(local)
        self.parts.clear()

    def end(self, _tag: str) -> None:
        stack = self._stack
        local = stack.pop()
        depth = len(stack)
        if depth == 2 and stack[1] == "page":
            if local == "revision":
                self.ready.append(self._revision())
            elif local in _PAGE_FIELDS:
                self._page[local] = "".join(self.parts)
        elif depth == 3 and stack[2] == "revision" and local in _REVISION_FIELDS:
            self._rev[local] = "".join(self.parts)
        elif depth == 4 and stack[3] == "contributor" and local in _CONTRIBUTOR_FIELDS:
            self._rev[f"contributor.{local}"] = "".join(self.parts)
        self.parts.clear()

    def _revision(self) -> Revision:
        rev, attributes = self._rev, self._attrs
        hidden: list[str] = []

        text: str | None = rev.get("text")
        text_attrs = attributes.get("text", {})
        size = _int(text_attrs.get("bytes"))
        if "text" not in rev:
            text = None
        elif "deleted" in text_attrs:
            text = None
            hidden.append("text")
        elif not text and (size or "location" in text_attrs):
            text = None  # a stub dump: the text is elsewhere
        if size is None and text is not None:
            size = len(text.encode("utf-8"))

        user, is_ip = None, False
        if "deleted" in attributes.get("contributor", {}):
            hidden.append("user")
        elif "contributor.username" in rev:
            user = rev["contributor.username"]
        elif "contributor.ip" in rev:
            user, is_ip = rev["contributor.ip"], True

        comment = rev.get("comment")
        if "deleted" in attributes.get("comment", {}):
            comment = None
            hidden.append("comment")

        page = self._page
        return Revision(
            revid=_int(rev.get("id")) or 0,
            parentid=_int(rev.get("parentid")),
            pageid=_int(page.get("id")),
            title=page.get("title", ""),
            timestamp=rev.get("timestamp", "").strip(),
            user=user,
            user_is_ip=is_ip,
            comment=comment,
            minor="minor" in rev,
            text=text,
            sha1=rev.get("sha1", "").strip() or None,
            size=size,
            content_model=rev.get("model", "").strip() or None,
            ns=_int(page.get("ns")),
            hidden=tuple(hidden),
        )


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else None


__all__ = ["DumpReader", "Revision", "normalise_title", "parse_export", "parse_time",
           "read_dump"]
