from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Related, Severity
from ._base import Context, Rule


class DanglingMarker(Rule):
    """A rendered reference marker with no matching note, or a gap in the numbering.

    ## What it does
    In rendered text (copied from a page, with markers like `[25]`): flags a marker whose note
    is missing from the reference list included in the input, and a marker whose number skips
    numbers never seen before it (`[1]`, `[2]`, `[5]`): text was lost in copying or editing.
    A gap is an error when the input includes its reference list (the copy is meant to be
    whole) and information otherwise (the input may be an excerpt).

    ## Why is this bad?
    A marker that leads nowhere cannot be verified, and a gap in the numbering shows that cited
    text or references were dropped between the page and the copy being checked.

    ## Example
    ```text
    The canal opened in 1825.[1] It closed in 1932.[4]
    References
    1. ^ Canal Society (1990).
    ```

    ## Use instead
    Copy the whole article with its reference list, or restore the missing notes.
    """

    code = "R208"
    name = "dangling-marker"
    severity = Severity.ERROR
    summary = "A rendered [N] marker has no note N, or the numbering has gaps."

    def check(self, ctx: Context) -> Iterator[Finding]:
        article = ctx.article
        if article.format != "text":
            return
        noted = {(n.group, n.label) for n in article.notes}
        listed_groups = {n.group for n in article.notes}
        highest: dict[str, int] = {}
        for ref in article.references:
            if not ref.uses:
                continue
            if ref.group in listed_groups and (ref.group, ref.label) not in noted:
                yield self.finding(
                    ref.uses[0],
                    f"marker [{ref.label}] has no note {ref.label} in the reference list",
                    refs=[ref.id],
                    related=[Related(u, "also used here") for u in ref.uses[1:]],
                    key=f"missing:{ref.group}:{ref.label}",
                )
            if ref.number is None:
                continue
            top = highest.get(ref.group, 0)
            if ref.number > top + 1:
                missing = _numbers(top + 1, ref.number - 1)
                # with the reference list included the copy is meant whole: the gap is lost
                # text; without it the input may be an excerpt, and the gap is only a hint
                severity = None if ref.group in listed_groups else Severity.INFO
                yield self.finding(
                    ref.uses[0],
                    f"marker [{ref.label}] follows [{top}] but notes {missing} never appear "
                    "before it: text or references are missing",
                    refs=[ref.id],
                    key=f"gap:{ref.group}:{top}:{ref.label}",
                    data={"missing": list(range(top + 1, ref.number))},
                    severity=severity,
                )
            highest[ref.group] = max(top, ref.number)


def _numbers(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"
