"""Hand-made MediaWiki export XML for the history tests, in any schema version.

What each version writes follows MediaWiki's export-0.N.xsd: ``<parentid>`` from 0.5 on (the
tests write it only when asked), ``<ns>``, ``<sha1>`` from 0.6, ``<model>``/``<format>`` from 0.8,
``bytes`` on ``<text>`` from 0.10 (and ``sha1`` on it in 0.11); the namespace URL changed from
https to http and back over the years.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import attrs
from wikidump import sha1_base36


@attrs.frozen
class Rev:
    id: int
    text: str | None
    timestamp: str = "2009-05-01T12:00:00Z"
    user: str | None = "Alice"
    ip: bool = False
    comment: str | None = "edit"
    minor: bool = False
    parent: int | None = None
    text_deleted: bool = False
    user_deleted: bool = False
    comment_deleted: bool = False
    stub: bool = False
    """A stub dump: ``<text bytes=… id=…/>`` without the text."""


def export(pages: Sequence[tuple[str, int, Sequence[Rev]]], version: str = "0.10",
           https: bool = False) -> str:
    """An export document holding ``pages`` (title, page id, revisions)."""
    v = tuple(int(p) for p in version.split("."))
    ns = f"{'https' if https else 'http'}://www.mediawiki.org/xml/export-{version}/"
    out = [(f'<?xml version="1.0" encoding="utf-8"?>\n<mediawiki xmlns="{ns}" '
            f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="{version}" '
            'xml:lang="en">'),
           ("  <siteinfo><sitename>Testwiki</sitename><namespaces>"
            '<namespace key="0" /><namespace key="1">Talk</namespace></namespaces></siteinfo>')]
    for title, pageid, revisions in pages:
        out.append(f"  <page>\n    <title>{escape(title)}</title>")
        if v >= (0, 6):
            out.append("    <ns>0</ns>")
        out.append(f"    <id>{pageid}</id>")
        for rev in revisions:
            out.append(_revision(rev, v))
        out.append("  </page>")
    out.append("</mediawiki>\n")
    return "\n".join(out)


def _revision(rev: Rev, v: tuple[int, ...]) -> str:
    lines = ["    <revision>", f"      <id>{rev.id}</id>"]
    if rev.parent is not None and v >= (0, 5):
        lines.append(f"      <parentid>{rev.parent}</parentid>")
    lines.append(f"      <timestamp>{rev.timestamp}</timestamp>")
    if rev.user_deleted:
        lines.append('      <contributor deleted="deleted" />')
    elif rev.ip:
        lines.append(f"      <contributor><ip>{escape(rev.user or '')}</ip></contributor>")
    else:
        lines.append(f"      <contributor><username>{escape(rev.user or '')}</username>"
                     "<id>7</id></contributor>")
    if rev.minor:
        lines.append("      <minor />")
    if rev.comment_deleted:
        lines.append('      <comment deleted="deleted" />')
    elif rev.comment is not None:
        lines.append(f"      <comment>{escape(rev.comment)}</comment>")
    if v >= (0, 8):
        lines.append("      <model>wikitext</model>\n      <format>text/x-wiki</format>")
    text = rev.text or ""
    size = len(text.encode("utf-8"))
    attrs_ = ' xml:space="preserve"'
    if v >= (0, 10):
        attrs_ += f' bytes="{size}"'
    if v >= (0, 11):
        attrs_ += f" sha1={quoteattr(sha1_base36(text))}"
    if rev.text_deleted:
        lines.append(f'      <text{attrs_} deleted="deleted" />')
    elif rev.stub:
        lines.append(f'      <text bytes="{size}" id="{rev.id + 1000}" />')
    elif rev.text is not None:
        lines.append(f"      <text{attrs_}>{escape(text)}</text>")
    if v >= (0, 6):
        lines.append(f"      <sha1>{sha1_base36(text)}</sha1>")
    lines.append("    </revision>")
    return "\n".join(lines)
