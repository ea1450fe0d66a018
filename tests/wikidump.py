"""MediaWiki export XML for the tests' local wiki: read real exports, write ones importDump takes.

The local wiki (tests/conftest.py) is filled from one export file that this module builds from
real data in fixtures/: the real histories of "Pear" and "Pyrus" (exports of English Wikipedia
saved by pywikibot's tests, two schema versions), and real articles of fixtures/articles given a
short history (a shorter first version, the whole article, then an edit that removes one
reference), redirects to them, and pages that exercise Cite's numbering. The revisions of the
articles and the redirects are made here, so their users, times and comments are invented;
their text is real.

MediaWiki assigns its own page and revision ids on import: read them back from the wiki.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import attrs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARTICLES = FIXTURES / "articles" / "en"
HISTORIES = FIXTURES / "revisions" / "pywikibot"
EXPORT_VERSION = "0.11"
_REDIRECT = re.compile(r"^\s*#REDIRECT\s*:?\s*\[\[([^\]|#]+)", re.IGNORECASE)


@attrs.frozen
class Revision:
    """One revision as an export file holds it; ``id`` only as the source dump had it."""

    text: str
    timestamp: str
    user: str | None = None
    ip: str | None = None
    comment: str = ""
    minor: bool = False
    id: int | None = None


@attrs.frozen
class Page:
    title: str
    revisions: tuple[Revision, ...]
    ns: int = 0

    @property
    def redirect(self) -> str | None:
        """The target when the newest revision is a redirect."""
        match = _REDIRECT.match(self.revisions[-1].text) if self.revisions else None
        return match.group(1).strip() if match else None


def read_export(path: Path) -> list[Page]:
    """The pages of an export file of any schema version (0.3 to 0.11)."""
    root = ET.parse(path).getroot()
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    pages = []
    for page in root.iter(f"{ns}page"):
        revisions = []
        for rev in page.iter(f"{ns}revision"):
            contributor = rev.find(f"{ns}contributor")
            user = ip = None
            if contributor is not None:
                user = contributor.findtext(f"{ns}username")
                ip = contributor.findtext(f"{ns}ip")
            revisions.append(Revision(
                text=rev.findtext(f"{ns}text") or "",
                timestamp=rev.findtext(f"{ns}timestamp") or "",
                user=user,
                ip=ip,
                comment=rev.findtext(f"{ns}comment") or "",
                minor=rev.find(f"{ns}minor") is not None,
                id=int(rev.findtext(f"{ns}id") or 0) or None,
            ))
        pages.append(Page(
            title=page.findtext(f"{ns}title") or "",
            ns=int(page.findtext(f"{ns}ns") or 0),
            revisions=tuple(revisions),
        ))
    return pages


def sha1_base36(text: str) -> str:
    """The revision hash of export files: SHA-1 of the UTF-8 text in base 36, 31 digits."""
    number = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(31, "0")


def write_export(pages: Sequence[Page], path: Path, *, sitename: str = "citecheck test wiki"
                 ) -> None:
    """Write ``pages`` as export XML 0.11, the schema MediaWiki 1.39 itself exports."""
    xmlns = f"http://www.mediawiki.org/xml/export-{EXPORT_VERSION}/"
    lines = [
        (f'<mediawiki xmlns="{xmlns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         f'xsi:schemaLocation="{xmlns} http://www.mediawiki.org/xml/export-{EXPORT_VERSION}.xsd" '
         f'version="{EXPORT_VERSION}" xml:lang="en">'),
        "  <siteinfo>",
        f"    <sitename>{escape(sitename)}</sitename>",
        "    <dbname>wiki</dbname>",
        "    <base>http://127.0.0.1/index.php/Main_Page</base>",
        "    <generator>citecheck tests/wikidump.py</generator>",
        "    <case>first-letter</case>",
        "    <namespaces>",
        '      <namespace key="0" case="first-letter" />',
        "    </namespaces>",
        "  </siteinfo>",
    ]
    next_id = 1
    for page_id, page in enumerate(pages, start=1):
        lines += ["  <page>", f"    <title>{escape(page.title)}</title>", f"    <ns>{page.ns}</ns>",
                  f"    <id>{page_id}</id>"]
        if page.redirect:
            lines.append(f"    <redirect title={quoteattr(page.redirect)} />")
        parent = None
        for rev in page.revisions:
            rev_id = rev.id or next_id
            next_id = max(next_id, rev_id) + 1
            lines += ["    <revision>", f"      <id>{rev_id}</id>"]
            if parent:
                lines.append(f"      <parentid>{parent}</parentid>")
            lines.append(f"      <timestamp>{escape(rev.timestamp)}</timestamp>")
            if rev.user:
                lines.append(f"      <contributor><username>{escape(rev.user)}</username>"
                             "</contributor>")
            else:
                lines.append(f"      <contributor><ip>{escape(rev.ip or '127.0.0.1')}</ip>"
                             "</contributor>")
            if rev.minor:
                lines.append("      <minor />")
            if rev.comment:
                lines.append(f"      <comment>{escape(rev.comment)}</comment>")
            sha1 = sha1_base36(rev.text)
            size = len(rev.text.encode("utf-8"))
            lines += [
                "      <model>wikitext</model>",
                "      <format>text/x-wiki</format>",
                (f'      <text bytes="{size}" sha1="{sha1}" xml:space="preserve">'
                 f"{escape(rev.text)}</text>"),
                f"      <sha1>{sha1}</sha1>",
                "    </revision>",
            ]
            parent = rev_id
        lines.append("  </page>")
    lines.append("</mediawiki>\n")
    path.write_text("\n".join(lines), encoding="utf-8")


# --- the pages of the test wiki ------------------------------------------------------------------

NUMBERING_PAGE = "Reference numbering test"
"""Hand-written wikitext that uses every way <ref> numbering can go: names, reuse before the
definition, groups, several reference lists, list-defined references."""

NUMBERING_TEXT = """\
The bridge opened in 1932.<ref name="opening">Smith, ''Bridges'', 2001, p. 4.</ref> \
It was painted red in 1990.<ref>City archive, 1990.</ref> The colour was chosen by vote.\
<ref name="vote"/>

The vote had three options.<ref name="vote">Council minutes, 12 March 1990.</ref> \
The opening date is disputed.<ref name="opening"/><ref group="note">Some sources say 1933.</ref>

== History ==
Construction began in 1929.<ref group="note" name="start">The foundation stone is dated 1929.\
</ref> It took three years.<ref group="note" name="start"/><ref>Jones 1950, p. 2.</ref> \
Work stopped once.<ref name="strike">Trade union report, 1931.</ref>

== Notes ==
<references group="note" />

== Later ==
After the first list, a new note.<ref group="note">Numbering restarts after a list.</ref> \
And a listed reference.<ref name="listed"/> Reused again.<ref name="strike"/>

== References ==
<references>
<ref name="listed">Defined only in the list, numbered where it is used.</ref>
</references>

<references group="note" />
"""

ORACLE_ARTICLES = {
    "Arts Club of Chicago": "wtf__Arts_Club_of_Chicago.wiki",
    "Harry McPherson": "wtf__Harry_McPherson.wiki",
    "Earthquakes": "wtf__earthquakes.wiki",
}
"""Real articles whose references are all <ref> tags (no {{sfn}} or {{efn}}, which need
templates the empty wiki lacks), for action=parse as an oracle of the numbering."""


def _edited(article: str) -> tuple[str, str, str]:
    """A short first version (lead, first section and the reference sections), the whole
    article, and the whole article less its first unnamed reference after the first section."""
    text = (ARTICLES / article).read_text(encoding="utf-8")
    heads = [m.start() for m in re.finditer(r"^==[^=].*==\s*$", text, re.MULTILINE)]
    notes = next((h for h in heads if re.match(r"==\s*(Notes|References)", text[h:])), len(text))
    short = text[: heads[1]] + text[notes:] if len(heads) > 1 and heads[1] < notes else text
    after = heads[1] if len(heads) > 1 else 0
    plain = re.compile(r"<ref>.*?</ref>", re.DOTALL)
    ref = plain.search(text, after) or plain.search(text)
    fewer = text[: ref.start()] + text[ref.end():] if ref else text
    return short, text, fewer


def _history(title: str, article: str, start: str) -> Page:
    short, whole, fewer = _edited(article)
    return Page(title, (
        Revision(short, f"{start}T09:00:00Z", user="Fixture editor A",
                 comment="Start the article: lead and first section"),
        Revision(whole, f"{start}T15:30:00Z", user="Fixture editor B",
                 comment="Expand: the whole article"),
        Revision(fewer, f"{start[:8]}28T11:45:00Z", ip="192.0.2.7",
                 comment="Remove a reference"),
    ))


def _redirect(title: str, target: str, when: str) -> Page:
    return Page(title, (Revision(f"#REDIRECT [[{target}]]", when, user="Fixture editor A",
                                 comment=f"Redirect to [[{target}]]"),))


def wiki_pages() -> list[Page]:
    """Every page of the tests' local wiki, built from the real data in fixtures/."""
    pear = read_export(HISTORIES / "article-pear.xml")[0]
    pear_2014 = read_export(HISTORIES / "article-pear-0.10.xml")[0]
    pyrus = read_export(HISTORIES / "article-pyrus.xml")[0]
    pages = [
        attrs.evolve(pear, revisions=pear.revisions + pear_2014.revisions),
        pyrus,
        _history("Douglas Adams", "wptools__Douglas_Adams.wiki", "2021-03-11"),
        _history("Blue Train (album)", "wptools__Blue_Train_(album).wiki", "2021-06-01"),
        _redirect("Adams, Douglas", "Douglas Adams", "2021-04-01T08:00:00Z"),
        _redirect("Douglas Noël Adams", "Adams, Douglas", "2021-04-02T08:00:00Z"),
        _redirect("Zaphod Beeblebrox (character)", "Zaphod Beeblebrox", "2021-04-03T08:00:00Z"),
        # a redirect from a misspelling, as Wikipedia keeps them ({{R from misspelling}})
        _redirect("Douglas Adamms", "Douglas Adams", "2021-04-04T08:00:00Z"),
        Page(NUMBERING_PAGE, (Revision(NUMBERING_TEXT, "2022-01-01T00:00:00Z",
                                       user="Fixture editor A", comment="Numbering cases"),)),
    ]
    for title, article in ORACLE_ARTICLES.items():
        text = (ARTICLES / article).read_text(encoding="utf-8")
        pages.append(Page(title, (Revision(text, "2022-02-01T00:00:00Z",
                                           user="Fixture editor B", comment="Import"),)))
    return pages


def build(path: Path, pages: Iterable[Page] | None = None) -> Path:
    """Write the test wiki's export file to ``path`` and return it."""
    write_export(list(pages if pages is not None else wiki_pages()), path)
    return path

