"""URL / DOI / ISBN normalisation and the identifiers of a citation."""

from __future__ import annotations

import pytest

from citecheck.model import Citation
from citecheck.parsing.identifiers import (
    citation_identifiers,
    normalize_doi,
    normalize_isbn,
    normalize_url,
)
from citecheck.spans import Span


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("HTTPS://Example.COM/Path", "https://example.com/Path"),  # path keeps its case
        ("http://www.example.com/", "http://example.com"),
        ("https://www.example.com", "https://example.com"),
        ("https://www2.example.com/", "https://www2.example.com"),  # only "www." goes
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com/a/#section", "https://example.com/a"),
        ("https://example.com/a/b/", "https://example.com/a/b"),
        ("//example.com/a", "https://example.com/a"),
        ("  https://example.com/a  ", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=x&id=5&utm_medium=y&UTM_Campaign=z",
            "https://example.com/a?id=5",
        ),
        ("https://example.com/a?utm_source=x", "https://example.com/a"),
        ("https://example.com/a?fbclid=abc&q=1", "https://example.com/a?q=1"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"),  # order kept
        ("http://user@www.example.com/", "http://user@example.com"),
        ("https://[2001:db8::1]:443/x", "https://[2001:db8::1]/x"),
        ("ftp://example.com/file", None),
        ("mailto:someone@example.com", None),
        ("example.com/a", None),
        ("https://", None),
        ("https://exa mple.com/", None),
        ("http://example.com:99999/", None),
        ("", None),
    ],
)
def test_normalize_url(url: str, expected: str | None) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.1000/xyz123", "10.1000/xyz123"),
        ("10.1000/XYZ123", "10.1000/xyz123"),
        ("doi:10.1000/XYZ", "10.1000/xyz"),
        ("DOI: 10.1000/xyz", "10.1000/xyz"),
        ("https://doi.org/10.1038/nature12373", "10.1038/nature12373"),
        ("http://dx.doi.org/10.1038/Nature12373", "10.1038/nature12373"),
        ("doi.org/10.1038/nature12373", "10.1038/nature12373"),
        ("https://doi.org/10.1002/%28SICI%291097", "10.1002/(sici)1097"),
        (" 10.1016/j.cell.2009.01.002. ", "10.1016/j.cell.2009.01.002"),
        ("10.1000", None),
        ("11.1000/xyz", None),
        ("xyz", None),
        ("", None),
    ],
)
def test_normalize_doi(doi: str, expected: str | None) -> None:
    assert normalize_doi(doi) == expected


@pytest.mark.parametrize(
    ("isbn", "expected"),
    [
        ("978-0-306-40615-7", "9780306406157"),
        ("9780306406157", "9780306406157"),
        ("0-306-40615-2", "9780306406157"),  # ISBN-10 -> ISBN-13
        ("0306406152", "9780306406157"),
        ("ISBN 0-306-40615-2", "9780306406157"),
        ("ISBN-13: 978-0-306-40615-7", "9780306406157"),
        ("0-8044-2957-X", "9780804429573"),  # X check digit
        ("0-8044-2957-x", "9780804429573"),
        ("979-10-90636-07-1", "9791090636071"),
        ("978 3 16 148410 0", "9783161484100"),
        ("٩٧٨٠٣٠٦٤٠٦١٥٧", "9780306406157"),  # Arabic-Indic digits
        ("978-0-306-40615-8", None),  # bad ISBN-13 check digit
        ("0-306-40615-3", None),  # bad ISBN-10 check digit
        ("0-8044-X957-2", None),  # X only as the last ISBN-10 digit
        ("977-0-306-40615-7", None),  # not a Bookland prefix
        ("12345", None),
        ("", None),
    ],
)
def test_normalize_isbn(isbn: str, expected: str | None) -> None:
    assert normalize_isbn(isbn) == expected


def _cite(template: str, *params: tuple[str, str]) -> Citation:
    return Citation(template=template, span=Span(0, 1), params=params)


def test_citation_identifiers_all_kinds_in_stable_order() -> None:
    cite = _cite(
        "Cite journal",
        ("isbn", "0-306-40615-2"),
        ("doi", "10.1000/XYZ"),
        ("url", "https://www.example.com/a/"),
        ("title", "T"),
    )
    assert citation_identifiers(cite) == (
        ("url", "https://example.com/a"),
        ("doi", "10.1000/xyz"),
        ("isbn", "9780306406157"),
    )
    assert cite.identifiers == citation_identifiers(cite)


def test_citation_identifiers_deduplicated() -> None:
    cite = _cite(
        "Cite book",
        ("url", "http://example.com/book"),
        ("chapter-url", "http://www.example.com/book/#ch1"),
        ("isbn", "978-0-306-40615-7"),
        ("ISBN", "0306406152"),
        ("DOI", "doi:10.1/a"),
        ("doi", "10.1/A"),
    )
    assert citation_identifiers(cite) == (
        ("url", "http://example.com/book"),
        ("doi", "10.1/a"),
        ("isbn", "9780306406157"),
    )


def test_citation_identifiers_skip_invalid_and_other_params() -> None:
    cite = _cite(
        "Cite web",
        ("url", "ftp://example.com/x"),
        ("archive-url", "https://web.archive.org/web/2020/https://example.com/"),
        ("isbn", "978-0-306-40615-8"),
        ("doi", "not a doi"),
        ("website", "https://example.org"),
    )
    assert citation_identifiers(cite) == ()


def test_citation_identifiers_localized_params() -> None:
    assert citation_identifiers(
        _cite("Ouvrage", ("lire en ligne", "https://gallica.bnf.fr/ark:/1/"))
    ) == (("url", "https://gallica.bnf.fr/ark:/1"),)
    assert citation_identifiers(_cite("Книга", ("ссылка", "http://WWW.Example.ru/kniga"))) == (
        ("url", "http://example.ru/kniga"),
    )
    assert citation_identifiers(_cite("קישור כללי", ("כתובת", "https://www.haaretz.co.il/x"))) == (
        ("url", "https://haaretz.co.il/x"),
    )
    # de {{Literatur|Online=[http://… text]}}: the URL inside the link.
    assert citation_identifiers(
        _cite("Literatur", ("Online", "[http://books.google.de/books?id=abc Digitalisat]"))
    ) == (("url", "http://books.google.de/books?id=abc"),)


def test_bare_url() -> None:
    assert citation_identifiers(_cite("", ("url", "http://www.example.com/page/"))) == (
        ("url", "http://example.com/page"),
    )
    assert citation_identifiers(_cite("", ("url", "not a url"))) == ()
