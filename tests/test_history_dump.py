"""Reading MediaWiki export XML: schema versions, compression, hidden text, errors, memory."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import subprocess
import sys
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_xml import Rev, export, sha1_base36

from citecheck.errors import InputError
from citecheck.history import DumpReader, Revision, normalise_title, read_dump
from citecheck.history.dump import parse_export

ROOT = Path(__file__).resolve().parents[1]
REVISIONS = ROOT / "fixtures" / "revisions"
PYWIKIBOT = REVISIONS / "pywikibot"
ANARCHISM = REVISIONS / "wikiwho_anarchism"
LAST60 = ANARCHISM / "enwiki_Anarchism_history_last60.xml.bz2"
FULL = ANARCHISM / "enwiki_Anarchism_full_history_2001-2010.xml.lzma"

TWO_REVISIONS = [
    Rev(11, "First ''text'' & <ref>a</ref>.", user="Alice", comment="new page"),
    Rev(12, "Second text — ünïcode 😀.", timestamp="2009-05-02T08:30:00Z", user="10.0.0.1",
        ip=True, comment="fix", minor=True, parent=11),
]
VERSIONS = ["0.3", "0.4", "0.5", "0.6", "0.8", "0.10", "0.11"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def revisions_of(data: str | bytes) -> list[Revision]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(parse_export(io.BytesIO(raw)))


# --- schema versions -------------------------------------------------------------------------

@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("https", [False, True])
def test_every_schema_version_reads_alike(version: str, https: bool) -> None:
    first, second = revisions_of(export([("Bridge", 5, TWO_REVISIONS)], version, https))
    assert (first.revid, first.pageid, first.title) == (11, 5, "Bridge")
    assert first.text == "First ''text'' & <ref>a</ref>."
    assert (first.user, first.user_is_ip, first.comment, first.minor) == ("Alice", False,
                                                                        "new page", False)
    assert first.timestamp == "2009-05-01T12:00:00Z"
    assert second.text == "Second text — ünïcode 😀."
    assert (second.user, second.user_is_ip, second.minor) == ("10.0.0.1", True, True)
    assert second.size == len("Second text — ünïcode 😀.".encode())
    assert second.time is not None and second.time.isoformat() == "2009-05-02T08:30:00+00:00"
    v = tuple(int(p) for p in version.split("."))
    assert second.parentid == (11 if v >= (0, 5) else None)
    assert second.sha1 == (sha1_base36(second.text) if v >= (0, 6) else None)
    assert second.content_model == ("wikitext" if v >= (0, 8) else None)
    assert second.ns == (0 if v >= (0, 6) else None)
    assert first.hidden == second.hidden == ()


def test_several_pages_and_title_filter(tmp_path: Path) -> None:
    xml = export([("Bridge", 5, TWO_REVISIONS), ("River_bank", 6, [Rev(21, "River.")])])
    path = write(tmp_path, "two.xml", xml.encode())
    assert [(r.title, r.revid) for r in read_dump(path)] == [("Bridge", 11), ("Bridge", 12),
                                                             ("River_bank", 21)]
    assert [r.revid for r in read_dump(path, title="river bank")] == [21]
    assert [r.revid for r in read_dump(path, title="bridge")] == [11, 12]
    assert list(read_dump(path, title="Nothing")) == []


def test_normalise_title() -> None:
    assert normalise_title(" anarchism_in  the_UK ") == "Anarchism in the UK"
    assert normalise_title("") == ""


def test_hidden_and_missing_fields() -> None:
    revs = [
        Rev(1, "Visible.", user_deleted=True, comment_deleted=True),
        Rev(2, "Gone.", text_deleted=True),
        Rev(3, "In a stub dump.", stub=True),
        Rev(4, "", comment=None),
    ]
    hidden_user, hidden_text, stub, empty = revisions_of(export([("P", 1, revs)], "0.10"))
    assert hidden_user.hidden == ("user", "comment")
    assert (hidden_user.user, hidden_user.comment, hidden_user.text) == (None, None, "Visible.")
    assert hidden_text.hidden == ("text",)
    assert hidden_text.text is None and hidden_text.size == len(b"Gone.")
    assert stub.text is None and stub.hidden == () and stub.size == len(b"In a stub dump.")
    assert empty.text == "" and empty.comment is None and empty.size == 0


def test_nested_slot_text_and_unknown_elements_are_ignored() -> None:
    xml = export([("P", 1, [Rev(1, "Main slot.")])], "0.11").replace(
        "    </revision>",
        "      <content><role>extra</role><text>Other slot.</text></content>\n"
        "      <unknown><id>99</id></unknown>\n    </revision>",
    ).replace("  <page>", "  <logitem><id>5</id></logitem>\n  <page>")
    (rev,) = revisions_of(xml)
    assert (rev.revid, rev.text) == (1, "Main slot.")


def test_text_is_exact_whitespace_and_entities() -> None:
    text = "  leading\n\n\ttabs &amp; <b>tags</b> \"quotes\" 'apostrophes'  \n"
    (rev,) = revisions_of(export([("P", 1, [Rev(1, text)])]))
    assert rev.text == text


# --- real exports ----------------------------------------------------------------------------

def oracle(data: bytes) -> list[tuple[int, str | None, str]]:
    """(id, text, timestamp) of every revision, read the simple way with the whole tree."""
    root = ET.fromstring(data)
    found = []
    for rev in root.iter():
        if rev.tag.rpartition("}")[2] != "revision":
            continue
        fields = {c.tag.rpartition("}")[2]: c for c in rev}
        found.append((int(fields["id"].text or 0), fields["text"].text or "",
                      fields["timestamp"].text or ""))
    return found


@pytest.mark.parametrize("name, count, title, version", [
    ("article-pear.xml", 4, "Pear", "0.3"),
    ("article-pyrus.xml", 6, "Pyrus", "0.3"),
    ("article-pear-0.10.xml", 1, "Pear", "0.10"),
])
def test_real_pywikibot_histories(name: str, count: int, title: str, version: str) -> None:
    path = PYWIKIBOT / name
    if not path.exists():
        pytest.skip(f"{path} not copied into fixtures")
    revisions = list(read_dump(path))
    assert len(revisions) == count
    assert {r.title for r in revisions} == {title}
    assert [(r.revid, r.text, r.timestamp) for r in revisions] == oracle(path.read_bytes())
    assert f'version="{version}"' in path.read_text("utf-8")[:400]


def test_real_pear_010_has_every_field() -> None:
    path = PYWIKIBOT / "article-pear-0.10.xml"
    if not path.exists():
        pytest.skip(f"{path} not copied into fixtures")
    (rev,) = read_dump(path)
    assert (rev.revid, rev.parentid, rev.pageid, rev.ns) == (638548877, 638548865, 24278, 0)
    assert rev.user == "ClueBot NG" and rev.minor and rev.content_model == "wikitext"
    assert rev.sha1 == sha1_base36(rev.text or "")


def test_real_last60_dump() -> None:
    revisions = list(read_dump(LAST60))
    assert len(revisions) == 60
    assert {(r.title, r.pageid) for r in revisions} == {("Anarchism", 12)}
    assert (revisions[0].revid, revisions[-1].revid) == (339155935, 341408830)
    times = [r.timestamp for r in revisions]
    assert times == sorted(times)
    assert [(r.revid, r.text, r.timestamp) for r in revisions] == oracle(
        bz2.decompress(LAST60.read_bytes()))
    assert all(r.size == len((r.text or "").encode()) for r in revisions)


# --- compression -----------------------------------------------------------------------------

COMPRESSORS = {
    ".xml": lambda b: b,
    ".xml.bz2": bz2.compress,
    ".xml.gz": gzip.compress,
    ".xml.xz": lzma.compress,
    ".xml.lzma": lambda b: lzma.compress(b, format=lzma.FORMAT_ALONE),
}


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
def test_compressed_formats(tmp_path: Path, suffix: str) -> None:
    data = export([("Bridge", 5, TWO_REVISIONS)]).encode()
    expected = revisions_of(data)
    path = write(tmp_path, f"dump{suffix}", COMPRESSORS[suffix](data))
    assert list(read_dump(path)) == expected
    misnamed = write(tmp_path, "misnamed.dat", COMPRESSORS[suffix](data))
    assert list(read_dump(misnamed)) == expected  # recognised by content, not by name


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = bz2.compress(export([("Bridge", 5, TWO_REVISIONS)]).encode())
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", stdin)
    assert [r.revid for r in DumpReader("-")] == [11, 12]


def test_position_follows_the_compressed_file(tmp_path: Path) -> None:
    reader = DumpReader(str(LAST60))
    fractions = [reader.fraction() for _ in reader]
    assert reader.size == LAST60.stat().st_size
    assert all(f is not None for f in fractions)
    assert fractions == sorted(fractions) and 0 < fractions[0] < fractions[-1] <= 1  # type: ignore


# --- errors ----------------------------------------------------------------------------------

def error_of(path: Path | str) -> str:
    with pytest.raises(InputError) as caught:
        list(read_dump(path))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.xml") == f"{tmp_path / 'nope.xml'}: No such file or directory"


def test_directory(tmp_path: Path) -> None:
    assert error_of(tmp_path) == f"{tmp_path}: is a directory"


@pytest.mark.parametrize("data, expected", [
    (b"just some text\n", "not well-formed XML at line 1, column 1: syntax error"),
    (b"", "not well-formed XML at line 1, column 1: no element found (is the file truncated?)"),
    (b"<html><body>Hi</body></html>",
     "not a MediaWiki export (the root element is <html>, not <mediawiki>)"),
    (b'<!DOCTYPE m [<!ENTITY a "aaaa">]><mediawiki>&a;</mediawiki>',
     "the XML declares entities; MediaWiki exports never do"),
])
def test_not_an_export(tmp_path: Path, data: bytes, expected: str) -> None:
    path = write(tmp_path, "bad.xml", data)
    assert error_of(path) == f"{path}: {expected}"


def test_truncated_xml_after_some_revisions(tmp_path: Path) -> None:
    data = export([("Bridge", 5, TWO_REVISIONS)]).encode()
    path = write(tmp_path, "cut.xml", data[: data.index(b"<revision>", 400) + 40])
    seen: list[int] = []
    with pytest.raises(InputError, match=r"cut\.xml: not well-formed XML at line \d+, column "
                                         r"\d+: .*\(is the file truncated\?\)"):
        seen.extend(r.revid for r in read_dump(path))
    assert seen == [11]


@pytest.mark.parametrize("suffix, expected", [
    (".xml.bz2", "the bz2 data is truncated (it ends before its end-of-stream marker)"),
    (".xml.gz", "the gzip data is truncated (it ends before its end-of-stream marker)"),
    (".xml.xz", "the xz data is truncated (it ends before its end-of-stream marker)"),
])
def test_truncated_compressed(tmp_path: Path, suffix: str, expected: str) -> None:
    data = COMPRESSORS[suffix](export([("Bridge", 5, TWO_REVISIONS)]).encode())
    path = write(tmp_path, f"cut{suffix}", data[: len(data) * 2 // 3])
    assert error_of(path) == f"{path}: {expected}"


def test_truncated_real_bz2(tmp_path: Path) -> None:
    path = write(tmp_path, "last60.xml.bz2", LAST60.read_bytes()[:100_000])
    assert error_of(path).endswith("the bz2 data is truncated (it ends before its end-of-stream "
                                   "marker)")


def test_corrupt_compressed(tmp_path: Path) -> None:
    data = bytearray(bz2.compress(export([("Bridge", 5, TWO_REVISIONS)]).encode()))
    data[20:40] = b"\0" * 20
    path = write(tmp_path, "corrupt.xml.bz2", bytes(data))
    assert error_of(path).startswith(f"{path}: corrupt bz2 data (")


# --- bounded memory --------------------------------------------------------------------------

def peak_while(revisions: Iterator[Revision]) -> tuple[int, int, int]:
    """(revisions, largest text, peak traced bytes) while streaming ``revisions``."""
    tracemalloc.start()
    try:
        count = largest = 0
        for revision in revisions:
            count += 1
            largest = max(largest, len(revision.text or ""))
            del revision
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return count, largest, peak


def test_last60_streams_in_bounded_memory() -> None:
    count, largest, peak = peak_while(iter(read_dump(LAST60)))
    assert count == 60
    assert peak < 16 * largest + (4 << 20), f"peak {peak:,} B for texts of {largest:,} chars"


class GeneratedExport(io.RawIOBase):
    """A long export produced on the fly, never held whole: ``count`` revisions of ``size``
    characters each, every one different."""

    def __init__(self, count: int, size: int) -> None:
        self.parts = self._parts(count, size)
        self.pending = b""

    def _parts(self, count: int, size: int) -> Iterator[bytes]:
        yield (b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">'
               b"<page><title>Big</title><ns>0</ns><id>1</id>")
        piece = "A sentence about &lt;ref&gt; tags &amp; the history. "
        body = piece * (size // len(piece) + 1)
        for i in range(count):
            yield (f"<revision><id>{i + 1}</id><timestamp>2009-01-01T00:00:00Z</timestamp>"
                   f"<contributor><ip>10.0.0.{i % 250}</ip></contributor>"
                   f'<text xml:space="preserve">{i} {body}</text></revision>').encode()
        yield b"</page></mediawiki>"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        while len(self.pending) < len(buffer):
            part = next(self.parts, None)
            if part is None:
                break
            self.pending += part
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def test_a_large_generated_export_streams_in_bounded_memory() -> None:
    count, size = 1500, 40_000  # 60 MB of XML; memory must not grow with it
    stream = io.BufferedReader(GeneratedExport(count, size))
    seen, largest, peak = peak_while(parse_export(stream))
    assert seen == count and largest > size * 3 // 4  # entities read as one character
    assert peak < 4 << 20, f"peak {peak:,} B while streaming {count * size:,} characters"


def test_full_history_streams_under_1_gb() -> None:
    """The real 15,180-revision history (1.05 GB of XML) in a child process: its peak RSS."""
    code = (
        "import resource, sys\n"
        "from citecheck.history import read_dump\n"
        "n = chars = 0\n"
        "for r in read_dump(sys.argv[1]):\n"
        "    n += 1; chars += len(r.text or '')\n"
        "print(n, chars, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(FULL)], capture_output=True,
                          text=True, check=True, timeout=600)
    count, chars, rss_kib = map(int, done.stdout.split())
    assert count == 15_180 and chars > 1_000_000_000
    assert rss_kib < 1 << 20, f"peak RSS {rss_kib / 1024:.0f} MB"
    assert rss_kib < 200 << 10, f"peak RSS {rss_kib / 1024:.0f} MB: streaming has regressed"
