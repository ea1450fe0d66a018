from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from ..findings import Finding, Severity
from ..lookups import LinkStatus
from ..parsing.citelinks import CitedLink, ref_links
from ._base import Context, Rule

_GONE = frozenset({"dead", "soft-404", "redirected-home"})
"""States that say the cited page is gone; the others (paywalled, unreachable, blocked) say only
that it could not be read."""
_WHAT = {
    "dead": "dead link",
    "soft-404": "the cited page is gone (an error page answers)",
    "redirected-home": "the cited page is gone (redirected to the home page)",
    "paywalled": "access restricted (not dead)",
    "unreachable": "link could not be checked",
    "blocked": "link not checked",
}


class DeadLink(Rule):
    """A cited web page is gone: dead, an error page, or redirected to the site's home page.

    ## What it does
    Runs only online (`citecheck check --online`), from what the link checker found when it
    fetched every address the references cite. Warns when a cited page is dead (HTTP 404 or 410,
    or its host no longer exists), when an error page answers in its place (a "soft 404": HTTP 200
    with a "page not found" title, or a redirect to an error page), or when a deep link now
    redirects to the site's home page. When the citation gives an archived copy
    (`|archive-url=`, `{{Webarchive}}`), the copy is checked instead, and the live address only
    when the copy is broken: a dead live page with a working copy is fine. A page behind a
    paywall or login (HTTP 401, 402, 403) and a site that could not be reached (time-out,
    HTTP 5xx after a retry) are noted as info, never called dead. Offline the rule finds
    nothing.

    ## Why is this bad?
    A reader who follows the citation finds nothing, so the claim can no longer be verified, and
    the longer a dead link stays the harder it gets to find an archived copy of the page.

    ## Example
    ```wikitext
    It opened in 1932.<ref>{{cite web |url=https://example.org/news/1932-opening |title=Opening}}</ref>
    ```
    where `https://example.org/news/1932-opening` now answers 404.

    ## Use instead
    ```wikitext
    It opened in 1932.<ref>{{cite web |url=https://example.org/news/1932-opening |title=Opening
     |archive-url=https://web.archive.org/web/2019/https://example.org/news/1932-opening
     |archive-date=2019-01-01 |url-status=dead}}</ref>
    ```
    or cite another source for the claim.
    """

    code = "S401"
    name = "dead-link"
    severity = Severity.WARNING
    summary = "A cited web page is dead, replaced by an error page or redirected home (online)."
    needs = frozenset({"links"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.lookups.online:
            return
        article = ctx.article
        links: Mapping[str, Any] = ctx.lookups.links
        ref_ids = {ref.span: ref.id for ref in article.references if ref.span is not None}
        for tag in article.ref_tags:
            if not tag.citations:
                continue
            ref_id = ref_ids.get(tag.span)
            for link in ref_links(tag, article.text):
                finding = self._judge(link, links)
                if finding is not None:
                    yield finding if ref_id is None else attrs.evolve(finding, refs=(ref_id,))

    def _judge(self, link: CitedLink, links: Mapping[str, Any]) -> Finding | None:
        """The finding for one cited address, from its status and its archived copy's."""
        live: LinkStatus | None = links.get(link.url.strip())
        copy: LinkStatus | None = links.get(link.archive.strip()) if link.archive else None
        if copy is not None:
            if copy.ok:
                return None
            if copy.state in _GONE:
                if live is not None and live.ok:
                    return self._report(link, copy, Severity.INFO,
                                        f"the archived copy {copy.url} is broken: {_why(copy)}; "
                                        f"the live page {link.url} still answers")
                tail = f"; the live page: {_why(live)}" if live is not None else ""
                return self._report(link, copy, Severity.WARNING,
                                    f"no working copy of {link.url}: the archived copy "
                                    f"{copy.url} is broken: {_why(copy)}{tail}")
            if live is not None and live.state in _GONE:
                return self._report(link, live, Severity.INFO,
                                    f"{_WHAT[live.state]}: {link.url}: {_why(live)}; the archived "
                                    f"copy {copy.url} could not be checked ({copy.detail})")
            return None
        if live is None or live.state in ("ok", "skipped"):
            return None
        severity = Severity.WARNING if live.state in _GONE else Severity.INFO
        advice = ("; cite an archived copy (|archive-url=) or another source"
                  if live.state in _GONE else "")
        return self._report(link, live, severity,
                            f"{_WHAT[live.state]}: {link.url}: {_why(live)}{advice}")

    def _report(self, link: CitedLink, found: LinkStatus, severity: Severity,
                message: str) -> Finding:
        return self.finding(
            link.span,
            message,
            key=f"{found.state}:{link.url}",
            severity=severity,
            data={
                "state": found.state,
                "status": found.status,
                "url": link.url,
                "checked_url": found.url,
                "final_url": found.final_url,
                "archive_url": link.archive,
            },
        )


def _why(found: LinkStatus | None) -> str:
    if found is None:
        return "not checked"
    text = found.detail or found.state
    if found.final_url and found.final_url not in text:
        text = (f"redirects to {found.final_url}: {text}" if found.state == "blocked"
                else f"{text}, at {found.final_url}")
    return text
