from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import Reference
from ._base import Context, Rule


class UnusedRef(Rule):
    """A list-defined reference is never used in the text.

    ## What it does
    Flags a reference defined inside `<references>…</references>` or `{{reflist|refs=…}}` whose
    name is never used in the text before that list. This is the Cite extension's error
    "<ref> tag with name x defined in <references> is not used in prior text".

    ## Why is this bad?
    The source is not shown at all, and it usually means the claim it supported was removed or
    renamed: either the source is now useless or a claim lost its citation.

    ## Example
    ```wikitext
    The lake is shallow.<ref name="depth" />
    {{reflist|refs=
    <ref name="depth">Survey 2001.</ref>
    <ref name="area">Atlas 1999.</ref>
    }}
    ```

    ## Use instead
    Cite `<ref name="area" />` where the claim it supports is made, or delete the definition.
    """

    code = "R203"
    name = "unused-ref"
    severity = Severity.WARNING
    summary = "A list-defined reference is never used in the text."

    def visit_reference(self, ref: Reference, ctx: Context) -> Iterator[Finding]:
        if not ref.list_defined or ref.number is not None or ref.span is None:
            return
        yield self.finding(
            ref.span,
            f"list-defined reference “{ref.name}” is never used in the text before its list",
            refs=[ref.id],
            key=f"{ref.group}:{ref.name}",
            data={"name": ref.name, "group": ref.group},
        )
