"""The export XML that fills the local wiki: real exports read, ours written and read back."""

from __future__ import annotations

from pathlib import Path

import wikidump
from conftest import LocalWiki


def test_real_exports_of_two_schema_versions_are_read() -> None:
    pear = wikidump.read_export(wikidump.HISTORIES / "article-pear.xml")  # export 0.3
    assert [p.title for p in pear] == ["Pear"]
    revisions = pear[0].revisions
    assert [r.id for r in revisions] == [185185, 185241, 185408, 188924]
    assert revisions[0].ip == "Conversion script" and revisions[0].minor
    assert revisions[1].user == "Quercusrobur"
    assert revisions[3].comment == "sp"
    [newer] = wikidump.read_export(wikidump.HISTORIES / "article-pear-0.10.xml")  # export 0.10
    assert newer.revisions[0].id == 638548877 and len(newer.revisions[0].text) == 25866


def test_sha1_matches_the_real_export() -> None:
    [page] = wikidump.read_export(wikidump.HISTORIES / "article-pear-0.10.xml")
    assert wikidump.sha1_base36(page.revisions[0].text) == "1ywwm7o751gkr3fj9l7rqpl0s8o87b1"


def test_written_export_reads_back(tmp_path: Path) -> None:
    pages = wikidump.wiki_pages()
    path = wikidump.build(tmp_path / "dump.xml", pages)
    again = wikidump.read_export(path)
    assert [p.title for p in again] == [p.title for p in pages]
    for ours, read in zip(pages, again):
        assert [r.text for r in read.revisions] == [r.text for r in ours.revisions]
        assert [(r.user, r.ip, r.timestamp, r.comment) for r in read.revisions] == [
            (r.user, r.ip, r.timestamp, r.comment) for r in ours.revisions]
    assert 'version="0.11"' in path.read_text(encoding="utf-8")[:400]


def test_the_articles_get_a_history_of_three_different_revisions() -> None:
    pages = {p.title: p for p in wikidump.wiki_pages()}
    for title in ("Douglas Adams", "Blue Train (album)"):
        short, whole, fewer = (r.text for r in pages[title].revisions)
        assert len(short) < len(whole) and len(fewer) < len(whole)
        assert fewer.count("<ref>") == whole.count("<ref>") - 1
    assert pages["Pyrus"].redirect == "Pear"
    assert pages["Douglas Noël Adams"].redirect == "Adams, Douglas"


def test_the_wiki_holds_every_revision(mediawiki: LocalWiki) -> None:
    """importDump kept every revision, in order, with its time; users the wiki does not know
    are imported as ``imported>NAME``, IP addresses stay as they are."""
    for page in mediawiki.pages:
        local = mediawiki.revisions[page.title]
        assert [r.timestamp for r in local] == [r.timestamp for r in page.revisions]
        assert [r.user for r in local] == [
            f"imported>{r.user}" if r.user else r.ip for r in page.revisions]
