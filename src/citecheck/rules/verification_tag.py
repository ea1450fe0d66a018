from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import InlineTag
from ._base import Context, Rule

_WHAT = {
    "dubious": "the claim is disputed as dubious",
    "failed-verification": "the cited source does not support the claim",
    "better-source-needed": "the cited source is not reliable enough",
    "dead-link": "the cited link is marked dead",
    "unreliable-source": "the cited source may be unreliable",
    "self-published-source": "the cited source is self-published",
    "verification-needed": "the source needs verification",
    "page-needed": "the citation lacks a page number",
    "full-citation-needed": "the citation is incomplete",
    "original-research-inline": "the claim may be original research",
    "disputed-inline": "the claim is disputed",
}


class VerificationTag(Rule):
    """An inline verification tag: `{{dubious}}`, `{{failed verification}}`, `{{dead link}}`…

    ## What it does
    Flags the inline templates with which editors question a claim or its source:
    `{{dubious}}`, `{{failed verification}}`, `{{better source needed}}`, `{{dead link}}`,
    `{{unreliable source?}}`, `{{verification needed}}`, `{{page needed}}`, `{{clarify}}`,
    `{{when?}}`, `{{who?}}` and their redirects and localized forms, and their rendered markers.

    ## Why is this bad?
    Each tag records an open doubt about the claim or its citation; a fact-checker should
    resolve it before trusting the sentence.

    ## Example
    ```wikitext
    The mill produced 300 tons a day.<ref>Smith 2001</ref>{{failed verification|date=May 2020}}
    ```

    ## Use instead
    Check the source; correct the claim or cite a source that supports it, then remove the tag.
    """

    code = "C103"
    name = "verification-tag"
    severity = Severity.INFO
    summary = "A claim or its source is tagged {{dubious}}, {{failed verification}}, {{dead link}}…"

    def visit_tag(self, tag: InlineTag, ctx: Context) -> Iterator[Finding]:
        if tag.kind == "citation-needed":
            return
        what = _WHAT.get(tag.kind, f"an editor asks: {tag.kind.replace('-', ' ')}")
        since = f" (since {tag.date})" if tag.date else ""
        claim = ctx.article.claim(tag.claim) if tag.claim else None
        severity = Severity.WARNING if tag.kind in ("dubious", "failed-verification") else None
        yield self.finding(
            tag.span,
            f"{{{{{tag.name}}}}}: {what}{since}",
            claim=tag.claim,
            key=f"{tag.kind}:{claim.text if claim else tag.name}",
            data={"kind": tag.kind, "template": tag.name, "date": tag.date},
            severity=severity,
        )
