from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import RefTag
from ._base import Context, Rule


class EmptyRef(Rule):
    """A reference with neither content nor a name.

    ## What it does
    Flags `<ref></ref>`, `<ref />` and `<ref> </ref>` without a name, and an `{{efn}}` with no
    text: the Cite extension's error "Invalid <ref> tag; refs with no name must have content".

    ## Why is this bad?
    The marker renders as an error and cites nothing; the claim before it looks cited but is not.

    ## Example
    ```wikitext
    The village had 300 inhabitants.<ref></ref>
    ```

    ## Use instead
    ```wikitext
    The village had 300 inhabitants.<ref>{{cite web |url=https://example.org/census}}</ref>
    ```
    """

    code = "R205"
    name = "empty-ref"
    severity = Severity.ERROR
    summary = "A reference has no content and no name."

    def visit_ref_tag(self, tag: RefTag, ctx: Context) -> Iterator[Finding]:
        if tag.kind not in ("ref", "efn") or tag.name is not None:
            return
        if tag.content is None or not tag.content.strip():
            yield self.finding(
                tag.span,
                "reference has no content and no name: it cites nothing",
                key=f"empty:{ctx.article.text[max(0, tag.span.start - 60):tag.span.start]}",
            )
