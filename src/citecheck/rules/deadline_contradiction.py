from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import datetime, timedelta

from ..dates import DateValue
from ..findings import Finding, Related, Severity
from ._base import Context, Rule
from ._datefacts import ClaimText, Dated, ReadsDates, usable, vocabulary, words


class DeadlineContradiction(ReadsDates, Rule):
    """A deadline stated for an action, and another statement of the article that contradicts it.

    ## What it does
    Finds deadlines in prose: a date after "until", "by", "before", "no later than" in a clause
    that says the action was due ("had to be completed until 1 September 1993", "were to be
    withdrawn by…", "the deadline was…", "bis spätestens…", "au plus tard le…"). Then, in the
    same paragraph and the next one, it looks for:

    * the action, or its last part, dated after the deadline: a sentence with completion words
      (last, remaining, finally, completed, left, handed over, taken over, withdrawn…) that shares
      a content word with the deadline's clause ("the last object … from a Russian military
      unit" after "the withdrawal of the Russian Armed Forces"), dated after the deadline's whole
      day, month or year. The finding points at the later date, with a `related` span at the
      deadline, and gives the gap ("86 days after the deadline");
    * a relative expression measured from the deadline whose arithmetic disagrees with it: "2 days
      before the agreed term (on 31 August 1993 23:45)" puts the term at 2 September 23:45, not on
      1 September. Granularity is respected: "until 1 September 1993" is a whole day, so "15
      minutes before the agreed term (on 31 August 1993 23:45)" agrees with it.

    A later date without completion words ("in 1995 a treaty was signed"), a later statement that
    shares no word with the action, and a deadline that the paragraph says was extended or
    postponed are not reported.

    ## Why is this bad?
    Either the deadline or the later date is wrong, or the article describes a missed deadline as
    met without saying so; fact-checkers need to see both statements side by side.

    ## Example
    ```wikitext
    Under the agreement, the withdrawal had to be completed by 1 September 1993. The last
    units left the country on 26 November 1993.<ref>{{cite book |title=Withdrawal}}</ref>
    ```

    ## Use instead
    ```wikitext
    Under the agreement, the withdrawal had to be completed by 1 September 1993, but it was
    delayed: the last units left the country on 26 November 1993.<ref>{{cite book
    |title=Withdrawal}}</ref>
    ```
    (Say that the deadline was missed, and the rule no longer fires once the paragraph says it
    was extended or delayed; or correct whichever date is wrong.)
    """

    code = "D305"
    name = "deadline-contradiction"
    severity = Severity.WARNING
    summary = "An action is dated after the deadline the article states for it."
    needs = frozenset({"temporals"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        analysis = self.dates_of(ctx.article, self.checking_again())
        claims = analysis.claims
        if not claims:
            return
        by_paragraph: dict[int, list[ClaimText]] = {}
        by_id = {ct.claim.id: ct for ct in claims}
        for ct in claims:
            by_paragraph.setdefault(ct.claim.paragraph, []).append(ct)
        article = ctx.article

        def explained(a: ClaimText, b: ClaimText) -> bool:
            """Whether a sentence from ``a`` to ``b`` says the deadline moved or was missed."""
            i, j = sorted((_index(a), _index(b)))
            return any(_EXTENDED.search(c.text) for c in article.claims[i:j + 1])

        for ct in claims:
            for deadline in _deadlines(ct):
                scope = [*by_paragraph.get(ct.claim.paragraph, ()),
                         *(c for c in by_paragraph.get(ct.claim.paragraph + 1, ())
                           if c.claim.section_id == ct.claim.section_id)]
                for finding in (*self._late(ct, deadline, scope),
                                *self._arithmetic(ct, deadline, scope)):
                    if not explained(ct, by_id[finding.claim or ""]):
                        yield finding

    def _late(self, ct: ClaimText, deadline: _Deadline, scope: list[ClaimText]
              ) -> Iterator[Finding]:
        due = deadline.value
        late: list[tuple[ClaimText, Dated, DateValue]] = []
        for other in scope:
            for d in other.dates:
                if other is ct and d.start <= deadline.dated.end:
                    continue
                value = d.mention.latest
                if d.mention.kind not in ("point", "range") or not usable(value):
                    continue
                if value.start() < due.end():
                    continue
                if _describes_completion(other.text, d, deadline):
                    late.append((other, d, value))
        if not late:
            return
        other, d, value = late[0]
        gap = (value.start() - due.start()).days
        at_least = "" if value.granularity in ("day", "minute") else "at least "
        what = _short(_without_date(other.text, d), 110)
        when = "on" if value.day is not None else "in"
        message = (f"“{deadline.gist}”, yet “{what}” {when} {value}: "
                   f"{at_least}{gap} days after the deadline")
        related = [Related(deadline.dated.mention.span, f"the deadline: {due}")]
        related += [Related(o_d.mention.span, f"also after the deadline: {o_value}")
                    for _o, o_d, o_value in late[1:]]
        yield self.finding(
            d.mention.span,
            message,
            claim=other.claim.id,
            related=related,
            key=f"{due}:{value}:{deadline.clause}",
            data={"deadline": str(due), "date": str(value), "days_after": gap},
        )

    def _arithmetic(self, ct: ClaimText, deadline: _Deadline, scope: list[ClaimText]
                    ) -> Iterator[Finding]:
        due = deadline.value
        for other in scope:
            for d in other.dates:
                rel = d.mention.relative
                if d.mention.kind != "relative" or rel is None:
                    continue
                term = _TERM.match(other.text, d.end)
                if term is None:
                    continue
                anchor = _anchor(other, d)
                if anchor is None:
                    continue
                amount, unit, direction = rel
                sign = 1 if direction == "before" else -1
                try:
                    low = _shift(anchor.start(), sign * amount, unit)
                    high = _shift(anchor.end(), sign * amount, unit)
                except (ValueError, OverflowError):
                    continue
                # the implied term, at the anchor's granularity, must touch the deadline's span
                if low <= due.end() and due.start() <= high:
                    continue
                implied = _fmt_instant(low, anchor)
                written = _short(other.text[d.start:term.end()])
                yield self.finding(
                    d.mention.span,
                    f"“{written}” ({anchor}) puts the term at {implied}, but the deadline was "
                    f"{due} (“{deadline.gist}”)",
                    claim=other.claim.id,
                    related=[Related(deadline.dated.mention.span, f"the deadline: {due}")],
                    key=f"{due}:{written}:{anchor}",
                    data={"deadline": str(due), "implied": implied, "anchor": str(anchor)},
                )


# -- deadlines ------------------------------------------------------------------------------------


def _index(ct: ClaimText) -> int:
    """The claim's position in ``Article.claims`` (ids are "c1", "c2"…)."""
    return int(ct.claim.id[1:]) - 1


_CUE = re.compile(
    r"(?i)\b(?:had|has|have|was|were|is|are)\s+(?:due\s+)?to\b|\bmust\b|\bshould\b|"
    r"\b(?:was|were|is|are)\s+(?:due|required|obliged|supposed|expected)\b|\bdue\b|"
    r"\bdeadline\b|\bno\s+later\s+than\b|\bnot\s+later\s+than\b|\bat\s+the\s+latest\b|"
    r"\brequir(?:ed|ing)\b|\bagreed\s+to\b|"
    r"\bmusste(?:n)?\b|\bsollte(?:n)?\b|\bspätestens\b|\bFrist\b|"
    r"\bdevai(?:t|ent)\b|\bau\s+plus\s+tard\b|\bdate\s+limite\b|\bdélai\b|\béchéance\b|"
    r"\bdebía(?:n)?\b|\ba\s+más\s+tardar\b|\bplazo\b"
)
_CUE_WORDS = (
    " to ", "must", "should", "due", "deadline", "later than", "latest", "requir", "agreed",
    "musste", "sollte", "spätestens", "frist", "devai", "plus tard", "limite", "délai",
    "échéance", "debía", "tardar", "plazo",
)
"""Substrings one of which every cue contains: a quick test before the regex."""
_BEFORE_DATE = re.compile(
    r"(?i)(?:\buntil|\btill|\bby|\bbefore|\bno\s+later\s+than|\bnot\s+later\s+than|"
    r"\bdeadline\s+(?:was|is|of|for\s+\w+(?:\s+\w+){0,4}\s+(?:was|is))|\bdue\s+(?:by|on)|"
    r"\bbis(?:\s+zum|\s+spätestens(?:\s+zum|\s+am)?)?|\bspätestens(?:\s+am|\s+zum)?|"
    r"\bavant\s+le|\bd'ici\s+le|\bau\s+plus\s+tard\s+le|\bjusqu'au|\bjusqu’au|"
    r"\bantes\s+del?|\bhasta\s+el|\ba\s+más\s+tardar\s+el)\s*(?:the\s+)?(?:on\s+)?$"
)
_CLAUSE_START = re.compile(r"(?i)[;:]|,\s+(?:however|but|while|whereas|although|yet)\b|"
                           r"(?<![A-Z])\.\s")
_EXTENDED = re.compile(
    r"(?i)\b(?:extended|extension|postponed|postponement|deferred|new\s+deadline|rescheduled|"
    r"delay|delays|delayed|missed|behind\s+schedule|overdue|"
    r"verlängert|verschoben|verzögert|Verzögerung|prolongé|prolongée|reporté|reportée|retard|"
    r"retardé|retardée|prorrogad[oa]|aplazad[oa]|retrasad[oa]|retraso)\b"
)
"""A deadline that moved, or a delay the article admits: the later date is explained."""
_COMPLETION = re.compile(
    r"(?i)\b(?:last|final|finally|remaining|remained|remain|completed|complete|completion|"
    r"finished|left|departed|withdrawn|withdrew|handed|taken\s+over|took\s+over|transferred|"
    r"paid|delivered|evacuated|ended|concluded|still|only|"
    r"letzte[nmrs]?|abgeschlossen|verließ(?:en)?|übergeben|abgezogen|schließlich|"
    r"derni(?:er|ère|ers|ères)|achevée?s?|terminée?s?|quittée?s?|remise?s?|évacuée?s?|"
    r"finalement|últim[oa]s?|finalmente|complet[oó])\b"
)
_TERM = re.compile(
    r"(?i)\s+(?:the\s+)?(?:agreed\s+|set\s+|stated\s+|fixed\s+|official\s+)?"
    r"(?:term|deadline|date|time\s+limit|cut-off|schedule)\b|"
    r"\s+(?:der\s+|dem\s+)?(?:vereinbarten\s+)?(?:Frist|Termin)\b|"
    r"\s+(?:le\s+|la\s+|l['’])?(?:délai|date\s+limite|échéance|terme)\b"
)
_GENERIC = vocabulary(
    "agreement according under treaty plan completed complete completion finished process "
    "required deadline until before later than would could should must their there other "
    "which where while after also been being have were this that with from into only "
    "however according agreed government year years month months"
)
_SUFFIXES = ("ians", "ian", "ations", "ation", "ings", "ing", "als", "al", "ed", "es", "s", "n")


def _stem(word: str) -> str:
    w = word.casefold()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:5]


def _stems(text: str) -> frozenset[str]:
    from ..dates import months

    names = months()
    return frozenset(
        _stem(w) for w in words(text)
        if len(w) >= 4 and w.casefold() not in _GENERIC and w.casefold() not in names
        and not _COMPLETION.fullmatch(w)
    )


_ACTIONS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(rf"(?i)\b(?:{noun})"), re.compile(rf"(?i)\b(?:{verbs})\b"))
    for noun, verbs in (
        (r"withdraw|pull-?out|abzug|abziehen|retrait|retir|evacuat|evakuier|évacu|evacu",
         (r"left|departed|withdrew|withdrawn|pulled\s+out|evacuated|verließen|verließ|"
          r"abgezogen|zogen\s+ab|quitté|quittèrent|partis|salieron|retirad[oa]s?")),
        (r"transfer|hand-?over|handing\s+over|übergabe|übertrag|remise|transf",
         (r"handed\s+over|taken\s+over|took\s+over|transferred|übergeben|übernommen|"
          r"remise?s?|transférée?s?|transferid[oa]s?|entregad[oa]s?")),
        (r"construct|build|erricht|bau|achèvement|construcci",
         (r"completed|finished|built|opened|fertiggestellt|eröffnet|achevée?s?|terminée?s?|"
          r"inaugurée?s?|terminad[oa]s?|inaugurad[oa]s?")),
        (r"pay|repay|zahl|paiement|rembours|pago",
         r"paid|repaid|settled|bezahlt|gezahlt|zurückgezahlt|payée?s?|remboursée?s?|pagad[oa]s?"),
        (r"deliver|liefer|livraison|entrega", r"delivered|geliefert|livrée?s?|entregad[oa]s?"),
        (r"return|rückgabe|restitution|devoluci",
         r"returned|handed\s+back|zurückgegeben|restituée?s?|rendue?s?|devuelt[oa]s?"),
    )
)
"""An action named in a deadline, and the verbs that tell it was done: "the withdrawal had to be
completed by…" and "the last units left…" speak of the same action without a shared word."""


class _Deadline:
    __slots__ = ("actions", "clause", "dated", "gist", "stems", "value")

    def __init__(self, dated: Dated, value: DateValue, clause: str) -> None:
        self.dated, self.value, self.clause = dated, value, clause
        self.stems = _stems(clause)
        self.gist = _gist(clause)
        self.actions = [verbs for noun, verbs in _ACTIONS if noun.search(clause)]


def _gist(clause: str) -> str:
    """The clause's first words and its end from the cue on: "the withdrawal of the … had to be
    completed until 1 September 1993"."""
    cue = None
    for cue in _CUE.finditer(clause):  # the last cue of the clause
        continue
    if cue is None:
        return _short(clause)
    intro = _INTRO.match(clause, 0, cue.start())  # "Under the treaty, …"
    head = clause[intro.end() if intro else 0: cue.start()].split()
    tail = clause[cue.start():]
    if len(head) <= 6:
        return " ".join([*head, tail])
    return " ".join([*head[:5], "…", tail])


_INTRO = re.compile(r"(?i)(?:under|according\s+to|in|by|as|after|following|per|with|"
                    r"laut|gemäß|selon|según)\b[^,]{0,40},\s*")


_TAIL_WORDS = vocabulary("until till by before than bis spätestens jusqu'au jusqu’au")
_TAIL_PAIRS = vocabulary(
    "deadline+was deadline+is deadline+of due+on due+by bis+zum spätestens+am spätestens+zum "
    "avant+le tard+le d'ici+le antes+del antes+de tardar+el hasta+el"
)
"""The word, or two words joined by "+", that end the text before a deadline's date: a quick
test before the full patterns, since most dates follow "in" or "on"."""


def _deadlines(ct: ClaimText) -> Iterator[_Deadline]:
    text = ct.text
    cued: bool | None = None
    for d in ct.dates:
        if d.mention.kind != "point":
            continue
        before = text[max(0, d.start - 24):d.start].casefold().split()
        if not before or (before[-1] not in _TAIL_WORDS
                          and "+".join(before[-2:]) not in _TAIL_PAIRS
                          and not (before[-1] in ("was", "is", "of", "on")
                                   and "deadline" in text.casefold())):
            continue
        value = d.mention.start
        if not usable(value):
            continue
        if cued is None:
            low = text.casefold()
            cued = any(word in low for word in _CUE_WORDS) and _CUE.search(text) is not None
        if not cued:
            return
        head = text[max(0, d.start - 120):d.start]
        if _BEFORE_DATE.search(head) is None:
            continue
        start = 0
        for m in _CLAUSE_START.finditer(text, 0, d.start):
            start = m.end()
        clause = text[start:d.start]
        if _CUE.search(clause) is None:
            continue
        yield _Deadline(d, value, " ".join(f"{clause}{d.mention.text}".split()))


# -- evidence ------------------------------------------------------------------------------------


def _clause(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``."""
    begin = 0
    for m in _CLAUSE_START.finditer(text, 0, start):
        begin = m.end()
    stop = _CLAUSE_START.search(text, end)
    return " ".join(text[begin: stop.start() if stop else len(text)].split()).strip(" ,.")


def _without_date(text: str, d: Dated) -> str:
    """The clause of ``d`` without the date and its preposition: "the Lithuanians had taken over
    the last object from a Russian military unit"."""
    marked = f"{text[:d.start]}\x00{text[d.end:]}"
    clause = _clause(marked, d.start, d.start + 1)
    clause = re.sub(r"(?i)\s*\b(?:on|in|by|at|until|am|im|le|en|el)?\s*\x00", "", clause)
    clause = re.sub(r"\s*,(?:\s*,)+", ",", clause)
    return " ".join(clause.split()).strip(" ,.")


def _describes_completion(text: str, d: Dated, deadline: _Deadline) -> bool:
    """Whether the clause of ``d`` tells that the deadline's action was completed, or still going
    on, at that date: completion words, and a word shared with the deadline's clause or a verb
    that completes its action."""
    clause = _clause(text, d.start, d.end)
    if _COMPLETION.search(clause) is None or _CUE.search(clause) is not None:
        return False
    return bool(deadline.stems & _stems(clause)) or any(
        verbs.search(clause) for verbs in deadline.actions)


def _anchor(ct: ClaimText, rel: Dated) -> DateValue | None:
    """The date a relative expression is measured from: the nearest point of the sentence,
    preferring one written after it ("15 minutes before the agreed term (on 31 August 1993
    23:45)")."""
    points = [d for d in ct.dates if d.mention.kind == "point" and usable(d.mention.start)]
    after = [d for d in points if d.start >= rel.end and d.start - rel.end <= 60]
    if after:
        return after[0].mention.start
    before = [d for d in points if d.end <= rel.start and rel.start - d.end <= 60]
    return before[-1].mention.start if before else None


def _shift(instant: datetime, amount: int, unit: str) -> datetime:
    if unit in ("second", "minute", "hour", "day", "week"):
        return instant + timedelta(**{f"{unit}s": amount})
    months = amount * {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    index = instant.year * 12 + instant.month - 1 + months
    year, month = divmod(index, 12)
    day = min(instant.day, calendar.monthrange(year, month + 1)[1])
    return instant.replace(year=year, month=month + 1, day=day)


def _fmt_instant(instant: datetime, anchor: DateValue) -> str:
    value = DateValue(instant.year, instant.month, instant.day,
                      instant.hour if anchor.hour is not None else None,
                      instant.minute if anchor.minute is not None else None)
    if anchor.day is None:
        value = DateValue(instant.year, instant.month if anchor.month is not None else None)
    return value.format()


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
