from __future__ import annotations

import re
from collections.abc import Iterator

from ..dates import DateValue, TemporalMention
from ..findings import Finding, Related, Severity
from ..model import Article, Claim
from ..spans import Span
from ._base import Context, Rule

_COARSE = ("year", "decade", "century")
_PUBLICATION = ("date", "publication-date", "year")
# Words that make a date a plan, a forecast or a term rather than something that happened; a
# source may well announce in 2019 what is due in 2024. Checked in the whole sentence.
_NOT_YET = re.compile(
    r"(?i)\b(?:will|would|shall|could|might|should|may|must|scheduled|schedule|planned|plans?|"
    r"planning|expected|expects?|expecting|due|projected|projections?|projects|forecasts?|"
    r"forecasted|predicted|predicts?|predictions?|proposed|proposals?|estimated|estimates?|"
    r"targets?|targeted|aims?|aimed|aiming|intends?|intended|until|till|upcoming|set to|going to|"
    r"to be|hopes?|hoped|anticipated|slated|goals?|deadline|by|expires?|expiring|expiry|"
    r"contract|contracted|extension|term|lease|future|postponed|delayed|is to|are to|was to|"
    r"were to|wird|werden|soll|sollen|geplant|voraussichtlich|bis|sera|seront|prévu|prévue|"
    r"prévus|doit|devrait|será|serán|previsto|prevista|hasta|sarà|entro|zal|zullen|gepland|"
    r"tot|as of|stand|état|en date du|a fecha de|alla data)\b|'ll\b"
)


class AnachronisticCitation(Rule):
    """A claim dated after the publication of every source cited for it.

    ## What it does
    Flags a sentence whose own dates (a point, or the end of a range) fall strictly after the
    publication date (`|date=`, `|publication-date=`, `|year=`, or the year of a `{{sfn}}`) of
    every source cited for it: a claim about 2024 cited only to a 2019 article. Dates are compared
    by year when either side gives only a year. A claim is skipped unless every one of its
    sources has a known date; approximate and relative dates, decades and centuries are ignored,
    and so is any sentence that speaks of a plan, a forecast or a term ("is scheduled for 2030",
    "will", "expected", "until", "contract"), since a source may announce what comes later, and
    any that gives the date of its own figures ("as of August 2021": the date the source was
    consulted). A season or school year ("2015/16") that had begun when every source was
    published is not flagged either. The related spans point at each source's date.

    ## Why is this bad?
    A source cannot report what happened after it was published: the claim rests on a source
    that does not support it, typically because the sentence was updated and the citation was
    not, or because a prediction was rewritten as a fact.

    ## Example
    ```wikitext
    The bridge reopened in 2024.<ref>{{cite news |title=Bridge to close |date=2019}}</ref>
    ```

    ## Use instead
    ```wikitext
    The bridge reopened in 2024.<ref>{{cite news |title=Bridge reopens |date=2024}}</ref>
    ```
    """

    code = "D303"
    name = "anachronistic-citation"
    severity = Severity.WARNING
    summary = "A claim is dated after the publication date of every source cited for it."
    needs = frozenset({"temporals"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        article = ctx.article
        by_claim: dict[str, list[TemporalMention]] = {}
        published: dict[Span, list[TemporalMention]] = {}
        for mention in article.temporals:
            if mention.source == "citation":
                if mention.parent is not None and mention.field in _PUBLICATION:
                    published.setdefault(mention.parent, []).append(mention)
            elif (mention.claim is not None and mention.kind in ("point", "range")
                  and mention.invalid is None and (latest := mention.latest) is not None
                  and latest.granularity not in ("decade", "century")):
                by_claim.setdefault(mention.claim, []).append(mention)
        for claim_id, mentions in by_claim.items():
            claim = article.claim(claim_id)
            if not claim.refs:
                continue
            finding = self._check_claim(article, claim, mentions, published)
            if finding is not None and not _NOT_YET.search(claim.text):
                yield finding

    def _check_claim(self, article: Article, claim: Claim, mentions: list[TemporalMention],
                     published: dict[Span, list[TemporalMention]]) -> Finding | None:
        latest = max(mentions, key=lambda m: m.latest.start())  # type: ignore[union-attr]
        value = latest.latest
        assert value is not None and latest.start is not None
        # a season or a school year ("2015/16", "the 2015–16 season") may be reported while it
        # runs: then its end is no date the claim must be sourced for
        short = latest.end is not None and latest.end.year - latest.start.year <= 1
        sources: list[TemporalMention] = []
        for ref_id in claim.refs:
            source = _source_date(article, ref_id, published)
            if source is None or not _after(value, source.latest):  # type: ignore[arg-type]
                return None
            if short and not _after(latest.start, source.latest):  # type: ignore[arg-type]
                return None
            sources.append(source)
        newest = max(sources, key=lambda m: m.latest.end())  # type: ignore[union-attr]
        return self.finding(
            latest.span,
            f"“{latest.text}” is later than every source cited for this claim "
            f"(the newest is from {newest.text})",
            claim=claim.id,
            refs=claim.refs,
            related=[Related(s.span, f"|{s.field}={s.text}") for s in sources],
            key=f"{claim.text}:{latest.text}",
            data={"date": latest.text, "sources": [s.text for s in sources]},
        )


def _source_date(article: Article, ref_id: str,
                 published: dict[Span, list[TemporalMention]]) -> TemporalMention | None:
    """The latest publication date of a reference, or ``None`` when any of its sources has
    none (then nothing can be said)."""
    ref = article.reference(ref_id)
    parents = [c.span for c in ref.citations if c.template] if ref.citations else (
        [ref.span] if ref.span is not None else [])
    if not parents or len(parents) != len(ref.citations or [None]):
        return None
    best: TemporalMention | None = None
    for parent in parents:
        dates = [m for m in published.get(parent, ()) if m.invalid is None and m.latest]
        if not dates:
            return None
        # |date= wins over |year=; a range counts by its end
        dates.sort(key=lambda m: _PUBLICATION.index(m.field or "year"))
        date = dates[0]
        if best is None or date.latest.end() > best.latest.end():  # type: ignore[union-attr]
            best = date
    return best


def _after(claim: DateValue, source: DateValue) -> bool:
    """Whether the earliest moment ``claim`` can mean lies after all of ``source``."""
    try:
        if claim.granularity in _COARSE or source.granularity in _COARSE:
            return claim.year > _last_year(source)
        return claim.start() >= source.end()
    except ValueError:
        return False


def _last_year(value: DateValue) -> int:
    return value.year + value.years - 1 if value.month is None else value.year
