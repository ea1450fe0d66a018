from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import RefTag
from ._base import Context, Rule


class RefInHeading(Rule):
    """A reference inside a section heading.

    ## What it does
    Flags `<ref>`, `{{sfn}}`, `{{efn}}` and similar inside `== headings ==` (CheckWiki error 52's
    kin; the Manual of Style asks for none).

    ## Why is this bad?
    The marker appears in the table of contents and in section links, and a heading is not a
    claim: the citation belongs to the sentences that state the fact.

    ## Example
    ```wikitext
    == Early life<ref>Smith 2001.</ref> ==
    ```

    ## Use instead
    ```wikitext
    == Early life ==
    She was born in the capital.<ref>Smith 2001.</ref>
    ```
    """

    code = "R209"
    name = "ref-in-heading"
    severity = Severity.WARNING
    summary = "A reference sits inside a section heading."

    def visit_ref_tag(self, tag: RefTag, ctx: Context) -> Iterator[Finding]:
        if tag.in_heading:
            heading = ctx.article.lines.line_text(ctx.article.lines.position(tag.span.start).line)
            yield self.finding(
                tag.span,
                "reference inside a section heading; cite the sentences of the section instead",
                key=heading.strip(),
            )
