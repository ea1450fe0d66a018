from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import RefTag
from ._base import Context, Rule


class RefGroupMismatch(Rule):
    """A list-defined reference names a group other than its list's.

    ## What it does
    Flags a `<ref group="x">` defined inside `<references group="y">…</references>` (or a
    `{{reflist|group=y|refs=…}}`) when x and y differ: the Cite extension's error
    "<ref> tag in <references> has conflicting group attribute".

    ## Why is this bad?
    The definition is ignored, so the uses of its name in the text are left undefined.

    ## Example
    ```wikitext
    <references group="note">
    <ref name="a" group="">Text.</ref>
    </references>
    ```

    ## Use instead
    Drop the `group` attribute inside the list, or move the definition to the list of its group.
    """

    code = "R206"
    name = "ref-group-mismatch"
    severity = Severity.ERROR
    summary = "A reference inside a reference list names a different group than the list."

    def visit_ref_tag(self, tag: RefTag, ctx: Context) -> Iterator[Finding]:
        if not tag.list_defined or tag.list_group is None or tag.group == tag.list_group:
            return
        shown = lambda g: f"“{g}”" if g else "the default group"
        yield self.finding(
            tag.span,
            f"reference “{tag.name}” names {shown(tag.group)} but sits in the list of "
            f"{shown(tag.list_group)}",
            key=f"{tag.list_group}:{tag.group}:{tag.name}",
            data={"name": tag.name, "group": tag.group, "list_group": tag.list_group},
        )
