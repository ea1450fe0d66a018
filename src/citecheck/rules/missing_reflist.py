from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Related, Severity
from ._base import Context, Rule


class MissingReflist(Rule):
    """References with no reference list to show them.

    ## What it does
    Flags each group of references (the default group, `lower-alpha`, `note`…) used in the
    text with no `<references />`, `{{reflist}}` or `{{notelist}}` of that group after them.
    The finding points at the first reference of the group and lists the others.

    ## Why is this bad?
    MediaWiki shows a Cite error instead of the notes of a named group, and readers cannot see
    the sources; even for the default group, the list then lands in an arbitrary place.

    ## Example
    ```wikitext
    The port opened in 1870.<ref>Harbour board 1870.</ref>
    == See also ==
    ```

    ## Use instead
    ```wikitext
    The port opened in 1870.<ref>Harbour board 1870.</ref>
    == References ==
    {{reflist}}
    ```
    """

    code = "R204"
    name = "missing-reflist"
    severity = Severity.ERROR
    summary = "References are used but no reference list of their group follows them."

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.article.format != "wikitext":
            return
        by_group: dict[str, list] = {}
        for ref in ctx.article.references:
            if ref.number is not None and not ref.listed and ref.uses:
                by_group.setdefault(ref.group, []).append(ref)
        for group, refs in by_group.items():
            shown = f"group “{group}”" if group else "the default group"
            tag = f'<references group="{group}" />' if group else "<references /> or {{reflist}}"
            yield self.finding(
                refs[0].uses[0],
                f"{len(refs)} reference(s) in {shown} but no reference list follows them; add {tag}",
                refs=[r.id for r in refs],
                related=[Related(r.uses[0], f"reference {r.label}") for r in refs[1:6]],
                key=f"group:{group}",
                data={"group": group, "count": len(refs)},
            )
