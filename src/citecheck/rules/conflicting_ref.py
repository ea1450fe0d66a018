from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Related, Severity
from ._base import Context, Rule


class ConflictingRef(Rule):
    """One reference name is defined twice with different content.

    ## What it does
    Flags a `<ref name="x">…</ref>` whose content differs from an earlier definition of the same
    name in the same group (whitespace differences ignored). This is the Cite extension's error
    "Invalid <ref> tag; name x defined multiple times with different content".

    ## Why is this bad?
    Only the first definition is shown; the second source silently disappears, and the claims
    that cite it point at a different source than their author intended.

    ## Example
    ```wikitext
    A.<ref name="a">Smith 2001, p. 4.</ref> B.<ref name="a">Smith 2001, p. 9.</ref>
    ```

    ## Use instead
    ```wikitext
    A.<ref name="a4">Smith 2001, p. 4.</ref> B.<ref name="a9">Smith 2001, p. 9.</ref>
    ```
    """

    code = "R202"
    name = "conflicting-ref"
    severity = Severity.ERROR
    summary = "A reference name is defined more than once with different content."

    def check(self, ctx: Context) -> Iterator[Finding]:
        first: dict[tuple[str, str], tuple[str, object]] = {}
        for tag in ctx.article.ref_tags:
            if tag.name is None or tag.content is None or tag.kind == "sfn":
                continue
            key = (tag.group, tag.name)
            content = " ".join(tag.content.split())
            if key not in first:
                first[key] = (content, tag)
                continue
            earlier_content, earlier = first[key]
            if content != earlier_content:
                yield self.finding(
                    tag.span,
                    f"reference name “{tag.name}” is defined again with different content; "
                    "only the first definition is shown",
                    related=[Related(earlier.span, "first definition")],  # type: ignore[attr-defined]
                    key=f"{tag.group}:{tag.name}:{content}",
                    data={"name": tag.name, "group": tag.group},
                )
