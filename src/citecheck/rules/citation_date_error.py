from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from ..dates import (
    CITATION_DATE_PARAMS,
    WEB_ARCHIVING_BEGAN,
    WIKIPEDIA_FOUNDED,
    DateValue,
    TemporalMention,
)
from ..findings import Finding, Related, Severity
from ..model import Citation
from ._base import Context, Rule

_NUMERIC = re.compile(r"[0-9\s./-]+")
_EARLIEST = (
    ("access-date", WIKIPEDIA_FOUNDED.start(), "Wikipedia existed (15 January 2001)"),
    ("archive-date", WEB_ARCHIVING_BEGAN.start(), "web archiving began (10 May 1996)"),
)
"""The parameters that cannot be dated before a day, that day's first instant, and why."""


class CitationDateError(Rule):
    """A citation's dates cannot be read, cannot exist, or contradict each other.

    ## What it does
    Checks the date parameters of each citation template the way Module:Citation/CS1 does
    ("Check date values in: |access-date="): a value that is not a date in a recognised form
    ("Sept 31st 2010" is read, but is no date; "2010-13-01", "32 May 2010") or that names a
    day that does not exist; an `|access-date=` before the source's `|date=` or in the future
    (of `today` in the configuration, or of the real today), or before Wikipedia existed
    (15 January 2001); an `|archive-date=` before the source's `|date=`, in the future, or before
    web archiving began (10 May 1996). Every valid CS1 form passes: "2010", "May 2010",
    "May–June 2010", "Spring 2010", "c. 2010", "2010a", "n.d.", "1 May 2010", "May 1, 2010",
    "2010-05-01", as do the day-month-year forms of the wiki's own language. On other wikis than
    English a value in words that cannot be read is left alone (their templates may accept
    forms citecheck does not know); malformed numbers ("20111117", "2014-2") are still reported.
    The finding covers the citation; its related spans point at the parameters compared.

    ## Why is this bad?
    A source cannot be read before it was published, nor archived before it existed, nor
    consulted in the future; a contradiction means one of the dates is a typo, so readers cannot
    tell which version of the source the claim rests on or whether it still says so.

    ## Example
    ```wikitext
    A.<ref>{{cite web |url=https://example.org/a |title=A |date=5 June 2010
    |access-date=1 May 2009}}</ref>
    ```

    ## Use instead
    ```wikitext
    A.<ref>{{cite web |url=https://example.org/a |title=A |date=5 June 2010
    |access-date=1 May 2011}}</ref>
    ```
    """

    code = "D302"
    name = "citation-date-error"
    severity = Severity.WARNING
    summary = "A citation's date cannot be read or exist, or contradicts another of its dates."
    needs = frozenset({"temporals"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        article = ctx.article
        today = date.fromisoformat(ctx.config.today) if ctx.config.today else date.today()
        # a day's grace: the editor's time zone may be ahead of ours
        future = datetime(today.year, today.month, today.day) + timedelta(days=2)
        # spans as (start, end): a tuple hashes in C, a Span in Python (measured: a third of
        # the rule's time went to hashing spans)
        by_parent: dict[tuple[int, int], list[TemporalMention]] = {}
        for mention in article.temporals:
            parent = mention.parent
            if mention.source == "citation" and parent is not None:
                by_parent.setdefault((parent.start, parent.end), []).append(mention)
        citations: dict[tuple[int, int], Citation] = {}
        for tag in article.ref_tags:
            for citation in tag.citations:
                citations.setdefault((citation.span.start, citation.span.end), citation)
        for key, mentions in by_parent.items():
            citation = citations.get(key)
            if citation is None:
                continue
            yield from self._check_citation(citation, mentions, future,
                                            article.language in (None, "en"))

    def _check_citation(self, citation: Citation, mentions: list[TemporalMention],
                        future: datetime, english: bool) -> Iterator[Finding]:
        fields: dict[str, TemporalMention] = {}
        for mention in mentions:
            if mention.start is None and not english and not _NUMERIC.fullmatch(mention.text):
                continue  # another wiki's own date format, which its templates may accept
            if mention.invalid is not None:
                param = _written(citation, mention.field or "")
                value = f"“{mention.text}”"
                why = ("is not a date in a recognised form" if mention.start is None
                       else f"is not a real date: {mention.invalid}")
                yield self.finding(
                    citation.span,
                    f"Check date values in: |{param}= — {value} {why}",
                    related=[Related(mention.span, f"|{param}={mention.text}")],
                    key=f"{citation.template}:{param}:{mention.text}",
                    data={"parameter": param, "value": mention.text, "reason": mention.invalid},
                )
                continue
            if mention.start is not None and mention.field is not None:
                fields.setdefault(mention.field, mention)
        published = fields.get("date") or fields.get("publication-date") or fields.get("year")
        for field, earliest, earliest_name in _EARLIEST:
            mention = fields.get(field)
            if mention is None or mention.start is None:
                continue
            value = mention.latest
            assert value is not None
            compared = [mention]
            if mention.start.start() > future:
                problem = "is in the future"
            elif value.end() <= earliest:
                problem = f"is before {earliest_name}"
            elif published is not None and _before(value, published):
                name = _written(citation, published.field or "date")
                problem = f"is before |{name}={published.text}"
                compared.append(published)
            else:
                continue
            param = _written(citation, field)
            problem = f"|{param}={mention.text} {problem}"
            yield self.finding(
                citation.span,
                f"Check date values in: |{param}= — {problem}",
                related=[Related(m.span, f"|{_written(citation, m.field or '')}={m.text}")
                         for m in compared],
                key=f"{citation.template}:{problem}",
                data={"parameter": param, "value": mention.text,
                      "compared": [m.field for m in compared[1:]]},
            )


def _before(value: DateValue, published: TemporalMention) -> bool:
    """Whether all of ``value`` lies before the earliest moment ``published`` can mean."""
    start = published.start
    if start is None:
        return False
    try:
        return value.end() <= start.start()
    except ValueError:
        return False


def _written(citation: Citation, canonical: str) -> str:
    """The parameter as the editor wrote it (``accessdate``) for a canonical name."""
    for name, value in citation.params:
        if value and CITATION_DATE_PARAMS.get(name.lower()) == canonical:
            return name
    return canonical
