from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from ..dates import DateValue
from ..findings import Finding, Related, Severity
from ..spans import Span
from ._base import Context, Rule
from ._datefacts import (
    EVENT_LABELS,
    HEDGE,
    Analysis,
    Place,
    ReadsDates,
    agree,
    near,
    usable,
    where_of,
)

_ORIGIN_RANK = {"infobox": 0, "lead": 1, "body": 2}


class DateContradiction(ReadsDates, Rule):
    """The same event, fact or person dated differently in two places of the article.

    ## What it does
    Collects the facts the article dates and every place that states them: the infobox fields
    (`birth_date`, `death_date`, `founded`, `established`, `opened`, `released`, `term_start`…),
    the life dates in the lead's opening parenthesis ("(11 March 1952 – 11 May 2001)",
    "(born 21 July 1968)", "(* 22. Februar 1788; † 21. September 1860)") and sentences where an
    event word (born, died, founded, established, opened, closed, released, married, elected,
    signed, sworn in, and their German, French and Spanish forms) is bound to a date and to a
    subject. The subject is the article's (its title or the name that opens the lead, "he"/"she"
    in a biography, "it" or "the club" when the lead calls it a club) or the capitalised words
    before the event word. A numbered infobox date with a label (`established_date3` with
    `established_event3`) is matched with the sentences that use the label's words.
    Granularity counts: "1952" and "March 1952" agree with "11 March 1952"; a date before 1924
    also agrees with one 10–13 days away (Old Style). Events that happen once (birth, death, the
    founding of the subject) contradict on any disagreement; events that can repeat (a release,
    an election…) and label matches only when both dates fall in the same year (a slip of day or
    month), since two different years more likely name two events. The finding points at the
    place that disagrees with the others, with `related` spans at the places it was compared
    with. Lead life dates that disagree with the infobox are reported here, not by
    `chronology-error`.

    ## Why is this bad?
    At least one of the two dates is wrong, and a reader cannot tell which. Such slips survive
    because the infobox, the lead and the body are edited separately.

    ## Example
    ```wikitext
    {{Infobox person |birth_date={{birth date|1952|3|11}}}}
    '''Douglas Adams''' (born 11 March 1952) was an English author.
    == Early life ==
    Adams was born on 12 March 1952 in Cambridge.<ref>Webb 2005, p. 3.</ref>
    ```
    "born 11 March 1952 in the infobox (birth_date), 12 March 1952 in section “Early life”".

    ## Use instead
    ```wikitext
    == Early life ==
    Adams was born on 11 March 1952 in Cambridge.<ref>Webb 2005, p. 3.</ref>
    ```
    """

    code = "D304"
    name = "date-contradiction"
    severity = Severity.WARNING
    summary = "The same event or fact is dated differently in two places."
    needs = frozenset({"temporals"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        article = ctx.article
        for finding in self._findings(self.dates_of(article, self.checking_again())):
            # "some sources say that she was born in 1951": the article admits the other date
            if finding.claim is None or not HEDGE.search(article.claim(finding.claim).text):
                yield finding

    def _findings(self, analysis: Analysis) -> Iterator[Finding]:
        index: _Index | None = None
        for (event, who), places in analysis.facts.items():
            if event == "label":
                index = index or _Index(analysis)
                places = [*places, *_label_places(analysis, who, index)]
                shown = analysis.labels.get(who, who)
                yield from _compare(f"“{shown}” dated", places, self)
            elif event.startswith("verb:"):
                if len(places) > 2:
                    # a verb the article uses for several events: only a named object ties two
                    places = [p for p in places if p.objects]
                texts = {ct.claim.id: ct.claim.text for ct in analysis.claims
                         if any(ct.claim.id == p.claim for p in places)}
                yield from _compare("", places, self, texts)
            elif len(places) > 1:
                subject = f"{who.title()} " if who else ""
                yield from _compare(f"{subject}{EVENT_LABELS.get(event, event)}", places, self)


def _label_places(analysis: Analysis, label: str, index: _Index) -> Iterator[Place]:
    """Sentences that use the words of an infobox label, with all their dates."""
    wanted = label.split()
    need = len(wanted) if len(wanted) <= 2 else max(2, -(-3 * len(wanted) // 4))
    hits: dict[int, int] = {}
    for word in wanted:
        for i in index.claims_with(word):
            hits[i] = hits.get(i, 0) + 1
    for i in sorted(i for i, n in hits.items() if n >= need):
        ct = analysis.claims[i]
        values: list[DateValue] = []
        spans: list[Span] = []
        for d in ct.dates:
            if d.mention.kind == "point" and usable(d.mention.start):
                values.append(d.mention.start)
                spans.append(d.mention.span)
        if not values:
            continue
        origin, where = where_of(ct.claim, analysis.first_paragraph)
        yield Place(tuple(values), spans[0], origin, where, claim=ct.claim.id, near_only=True,
                    spans=tuple(spans))


class _Index:
    """Which dated claims hold a word: the claims' casefolded text joined once, each word found
    with ``str.find``, so that matching many labels stays linear."""

    def __init__(self, analysis: Analysis) -> None:
        self.text = "\n".join(ct.text.casefold() for ct in analysis.claims)
        self.starts = list(accumulate((len(ct.text) + 1 for ct in analysis.claims), initial=0))

    def claims_with(self, word: str) -> set[int]:
        out: set[int] = set()
        text, size = self.text, len(word)
        at = text.find(word)
        while at >= 0:
            end = at + size
            if (at == 0 or not text[at - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                out.add(bisect_right(self.starts, at) - 1)
            at = text.find(word, end)
        return out


def _relation(a: Place, b: Place) -> int:
    """1 when the places agree, -1 when they contradict, 0 when they cannot be compared."""
    if any(agree(x, y) for x in a.values for y in b.values):
        return 1
    if a.objects is not None and b.objects is not None:
        # a restated predicate: the same named object, or a slip of the day in the same month
        if a.objects and b.objects:
            if not a.objects & b.objects:
                return 0
        elif not any(x.day is not None and y.day is not None and x.month == y.month
                     and x.year == y.year for x in a.values for y in b.values):
            return 0
    if (a.near_only or b.near_only) and not any(near(x, y) for x in a.values for y in b.values):
        return 0
    return -1


_MANY = 24
"""Beyond this many places, compare each with the most authoritative one only (linear time)."""


def _compare(what: str, places: list[Place], rule: type[Rule] | Rule,
             texts: dict[str, str] | None = None) -> Iterator[Finding]:
    """Report each place that contradicts the reference place: the one most others agree with
    (the infobox, then the lead, on a tie). ``texts`` quotes the claims of a restated sentence."""
    n = len(places)
    if n < 2:
        return
    if n > _MANY:
        ref_i = min(range(n), key=lambda i: (_ORIGIN_RANK[places[i].origin], i))
        row = [_relation(places[ref_i], p) if i != ref_i else 1 for i, p in enumerate(places)]
    else:
        relation = [[_relation(places[i], places[j]) if i != j else 1 for j in range(n)]
                    for i in range(n)]

        def rank(i: int) -> tuple[int, int, int]:
            agreeing = sum(1 for j in range(n) if j != i and relation[i][j] == 1)
            return (-agreeing, _ORIGIN_RANK[places[i].origin], places[i].span.start)

        ref_i = min(range(n), key=rank)
        row = relation[ref_i]
    if all(r >= 0 for r in row):
        return
    ref = places[ref_i]
    backing = [places[j] for j in range(n) if j != ref_i and row[j] == 1]
    for i, place in enumerate(places):
        if row[i] != -1:
            continue
        # the two values most likely meant as the same: the closest pair
        value, ref_value = min(((v, r) for v in place.values for r in ref.values),
                               key=lambda pair: _gap(*pair))
        also = "".join(f" and {p.where}" for p in backing if p.where != ref.where)
        if texts is not None:
            message = (f"the same event is dated {ref_value} in {ref.where} "
                       f"(“{_short(texts.get(ref.claim or '', ''))}”) and {value} in "
                       f"{place.where} (“{_short(texts.get(place.claim or '', ''))}”)")
        else:
            message = f"{what} {ref_value} in {ref.where}{also}, {value} in {place.where}"
        related = [Related(ref.span_of(ref_value), f"{ref_value} in {ref.where}")]
        for p in backing:
            shown = min(p.values, key=lambda v: _gap(v, ref_value))
            related.append(Related(p.span_of(shown), f"{shown} in {p.where}"))
        yield rule.finding(
            place.span_of(value),
            message,
            claim=place.claim,
            related=related,
            key=f"{what}:{value}:{ref_value}",
            data={"fact": what or "restated", "value": str(value), "reference": str(ref_value),
                  "reference_place": ref.where},
        )


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _gap(a: DateValue, b: DateValue) -> int:
    try:
        return abs((a.start() - b.start()).days)
    except ValueError:
        return 1 << 30
