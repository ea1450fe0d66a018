from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Related, Severity
from ..model import Reference
from ._base import Context, Rule


class UndefinedRef(Rule):
    """A named reference is used but never defined.

    ## What it does
    Flags `<ref name="x" />` (or `{{r|x}}`) when no `<ref name="x">…</ref>` with content exists
    in the same group, anywhere in the article or its reference list. This is the Cite
    extension's error "The named reference x was invoked but never defined".

    ## Why is this bad?
    The rendered page shows a red Cite error instead of the source: every claim that uses the
    name is, in effect, uncited. It usually happens when the defining sentence was removed.

    ## Example
    ```wikitext
    The dam is 80 m high.<ref name="survey" />
    ```

    ## Use instead
    ```wikitext
    The dam is 80 m high.<ref name="survey">{{cite report |title=Dam survey |year=2004}}</ref>
    ```
    """

    code = "R201"
    name = "undefined-ref"
    severity = Severity.ERROR
    summary = "A named reference is used but never defined."

    def visit_reference(self, ref: Reference, ctx: Context) -> Iterator[Finding]:
        if ctx.article.format != "wikitext" or ref.defined or ref.name is None:
            return
        if not ref.uses:
            return
        group = f" in group “{ref.group}”" if ref.group else ""
        yield self.finding(
            ref.uses[0],
            f"named reference “{ref.name}”{group} is used {len(ref.uses)}× but never defined",
            refs=[ref.id],
            related=[Related(u, "also used here") for u in ref.uses[1:]],
            key=f"{ref.group}:{ref.name}",
            data={"name": ref.name, "group": ref.group},
        )
