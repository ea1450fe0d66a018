from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import InlineTag
from ._base import Context, Rule


class CitationNeeded(Rule):
    """An inline `{{citation needed}}` tag, in any of its names or languages.

    ## What it does
    Flags every `{{citation needed}}` (and its redirects such as `{{cn}}` and `{{fact}}`, and the
    localized templates of other wikis such as `{{Citation nécessaire}}` or `{{Нет АИ}}`), and the
    rendered `[citation needed]` marker in copied text. The finding gives the tag's date when
    one is set and names the claim it follows.

    ## Why is this bad?
    An editor has challenged the statement and asked for a source; until one is added, the claim
    may be removed (WP:BURDEN). Old tags are the first candidates for a fact-checker.

    ## Example
    ```wikitext
    The tower is the oldest in the county.{{citation needed|date=March 2019}}
    ```

    ## Use instead
    ```wikitext
    The tower is the oldest in the county.<ref>{{cite book |title=County towers |isbn=9780306406157}}</ref>
    ```
    or remove the claim if no reliable source supports it.
    """

    code = "C102"
    name = "citation-needed"
    severity = Severity.WARNING
    summary = "A claim is tagged {{citation needed}} (or a rendered [citation needed])."

    def visit_tag(self, tag: InlineTag, ctx: Context) -> Iterator[Finding]:
        if tag.kind != "citation-needed":
            return
        since = f" since {tag.date}" if tag.date else ""
        claim = ctx.article.claim(tag.claim) if tag.claim else None
        about = f": “{claim.text[:80]}”" if claim else ""
        yield self.finding(
            tag.span,
            f"citation needed{since}{about}",
            claim=tag.claim,
            key=claim.text if claim else tag.name,
            data={"template": tag.name, "date": tag.date, "reason": tag.reason},
        )
