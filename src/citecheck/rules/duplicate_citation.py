from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Related, Severity
from ..model import Reference
from ._base import Context, Rule

_LOCATORS = ("page", "pages", "p", "pp", "at", "loc", "chapter", "section", "quote", "seite",
             "seiten", "página", "páginas", "pagina", "pagine", "страницы", "страница")


class DuplicateCitation(Rule):
    """The same source cited by separate references that could be one.

    ## What it does
    Flags a reference that cites the same URL, DOI or ISBN as an earlier, separate reference
    (not a reuse of the same named reference). Citations of one source at different places
    (`|page=`, `|pages=`, `|at=`, `|chapter=`, `|quote=` differ) are not duplicates, nor are
    two citations of one URL under different titles (a site's front page cited for two documents).

    ## Why is this bad?
    The reference list shows one source twice under two numbers, which misleads readers about how
    many sources support the article and splits later corrections (a dead link fixed in one copy
    stays dead in the other).

    ## Example
    ```wikitext
    A.<ref>{{cite web |url=https://example.org/a |title=A}}</ref>
    B.<ref>{{cite web |url=https://www.example.org/a/ |title=A}}</ref>
    ```

    ## Use instead
    ```wikitext
    A.<ref name="exa">{{cite web |url=https://example.org/a |title=A}}</ref>
    B.<ref name="exa" />
    ```
    """

    code = "R207"
    name = "duplicate-citation"
    severity = Severity.WARNING
    summary = "The same source (URL, DOI or ISBN) is cited by separate references."

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: dict[tuple[str, str, tuple[str, ...], str], Reference] = {}
        reported: set[str] = set()
        for ref in ctx.article.references:
            if ref.span is None:
                continue
            for citation in ref.citations:
                identifiers = citation.identifiers
                if not identifiers:
                    continue
                params = dict(citation.params)
                locator = tuple([params.get(k, "") for k in _LOCATORS])
                title = " ".join(params.get("title", "").casefold().split())
                for kind, value in identifiers:
                    # one URL with two different titles is a site's front page or a database
                    # query cited for two documents, not one source cited twice
                    key = (kind, value, locator, title if kind == "url" else "")
                    first = seen.get(key)
                    if first is None:
                        seen[key] = ref
                        continue
                    if first.id == ref.id or ref.id in reported:
                        continue
                    reported.add(ref.id)
                    yield self.finding(
                        ref.span,
                        f"reference {ref.label or ref.name or ''} cites the same {kind.upper()} "
                        f"as reference {first.label or first.name or ''} ({value}); reuse one "
                        "named reference instead",
                        refs=[first.id, ref.id],
                        related=[Related(first.span, "first cited here")],  # type: ignore[arg-type]
                        key=f"{kind}:{value}",
                        data={"identifier": kind, "value": value},
                    )
