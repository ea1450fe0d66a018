from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import Context, Rule


class UncitedClaim(Rule):
    """A sentence of prose that no reference supports.

    ## What it does
    Flags claims (sentences of prose) with no reference. Under the default `paragraph` policy a
    reference later in the same paragraph covers the sentences before it, as Wikipedia's practice
    allows; under `sentence` every sentence needs a reference of its own. Options: `lead`
    (`check`, or `skip` as WP:LEADCITE allows), `lists` (list items that read as sentences) and
    `captions` (image captions, skipped by default). A claim already tagged
    `{{citation needed}}` is reported by `citation-needed` instead.

    ## Why is this bad?
    Readers and fact-checkers cannot verify a statement that cites nothing; on Wikipedia, any
    material that is challenged or likely to be challenged must cite a reliable source (WP:V).

    ## Example
    ```wikitext
    The bridge opened in 1932.<ref>{{cite web |url=https://example.org/bridge}}</ref>
    It was painted red in 1990.
    ```
    The second sentence has no reference after it in its paragraph.

    ## Use instead
    ```wikitext
    The bridge opened in 1932.<ref>{{cite web |url=https://example.org/bridge}}</ref>
    It was painted red in 1990.<ref>{{cite news |title=Red again |date=1990}}</ref>
    ```
    """

    code = "C101"
    name = "uncited-claim"
    severity = Severity.WARNING
    summary = "A claim (sentence of prose) has no reference."

    def check(self, ctx: Context) -> Iterator[Finding]:
        config = ctx.config
        article = ctx.article
        tagged = {t.claim for t in article.tags if t.kind == "citation-needed" and t.claim}
        claims = article.claims
        covered_from: dict[int, int] = {}
        if config.policy == "paragraph":
            # the index of the last cited claim in each paragraph
            for i, claim in enumerate(claims):
                if claim.refs:
                    covered_from[claim.paragraph] = i
        for i, claim in enumerate(claims):
            if claim.refs or claim.id in tagged:
                continue
            if claim.in_lead and config.lead == "skip":
                continue
            if claim.kind == "list" and config.lists == "skip":
                continue
            if claim.kind == "caption" and config.captions == "skip":
                continue
            if config.policy == "paragraph" and covered_from.get(claim.paragraph, -1) > i:
                continue
            why = (
                "no reference follows it in its paragraph"
                if config.policy == "paragraph"
                else "it has no reference of its own"
            )
            where = f" in section “{claim.section[-1]}”" if claim.section else " in the lead"
            yield self.finding(
                claim.span,
                f"uncited claim{where}: “{_short(claim.text)}” — {why} (policy: {config.policy})",
                claim=claim.id,
                key=claim.text,
                data={"policy": config.policy, "kind": claim.kind},
            )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
