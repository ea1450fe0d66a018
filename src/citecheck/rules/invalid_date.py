from __future__ import annotations

from collections.abc import Iterator

from ..dates import WEEKDAY_NAMES_EN
from ..findings import Finding, Severity
from ._base import Context, Rule


class InvalidDate(Rule):
    """A date that cannot exist, or a weekday that does not match its date.

    ## What it does
    Flags dates in prose and infoboxes that no calendar has: "31 September", "29 February" of a
    year that is not a leap year, month 13 in `{{birth date|1952|13|1}}` or an ISO date; and a
    weekday written with a date that fell on another day ("Monday, 31 August 1993": it was a
    Tuesday). The finding says why, and for a weekday which day it really was. Dates before 1753 may follow the Julian leap rule and
    weekdays before 1924 either calendar (Old Style dates are not errors). Dates in citation
    templates are reported by `citation-date-error`, as the citation templates themselves do, and
    a range that ends before it starts by `chronology-error`.

    ## Why is this bad?
    An impossible date is a typo that hides the real one: readers cannot tell which part is
    wrong, and every fact computed from it (an age, a duration, an order of events) is wrong too.

    ## Example
    ```wikitext
    The treaty was signed on Monday, 31 September 1993.<ref>{{cite news |title=Signed}}</ref>
    ```

    ## Use instead
    ```wikitext
    The treaty was signed on Thursday, 30 September 1993.<ref>{{cite news |title=Signed}}</ref>
    ```
    """

    code = "D301"
    name = "invalid-date"
    severity = Severity.ERROR
    summary = "A date cannot exist (31 September, 29 February 1993) or has the wrong weekday."
    needs = frozenset({"temporals"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        for mention in ctx.article.temporals:
            if mention.invalid is None or mention.source == "citation":
                continue
            infobox = mention.source == "infobox"
            where = f" in infobox field “{mention.field}”" if infobox else ""
            data: dict[str, object] = {"reason": mention.invalid, "source": mention.source}
            if mention.weekday and mention.start is not None:
                actual = mention.start.weekday()
                if actual is not None:
                    data["weekday"] = WEEKDAY_NAMES_EN[actual]
            yield self.finding(
                mention.span,
                f"“{mention.text}”{where} is not a real date: {mention.invalid}",
                claim=mention.claim,
                key=f"{mention.text}",
                data=data,
            )
