from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain, compress
from operator import attrgetter, itemgetter, not_

import attrs

from ..findings import Finding, Related, Severity
from ..memo import memo
from ..model import Article
from ..names import (
    MIN_LENGTH,
    Lexicon,
    NameMention,
    Variation,
    VariationKind,
    classify,
    differences,
    edit_margins,
    fold,
    misspelled_at_end,
    name_words,
    skeleton_keys,
    variation_kind,
    written_as_word,
)
from ..spans import Span
from ._authority import authority_findings
from ._base import Context, Rule

TARGET_WEIGHT = 2
"""A link target is the wiki's canonical title: it counts as two more uses of its spelling."""
LEXICON_WEIGHT = 1000
"""A name from the user's lexicon is always the dominant spelling."""
_NOUN_CASE = frozenset(("de", "lb", "bar", "gsw", "nds", "als", "ksh", "pfl"))
"""Languages that capitalise every noun: there a capitalised word is no evidence of a name."""
_OPENERS = " \t\n\"'“‘«„([¿¡*-–—"
"""What may stand before the first word of a sentence."""
_MARKUP = re.compile(
    r"<ref[^>/]*/>|<ref[^>]*>.*?</ref>|<[^>]*>|\{\{[^{}]*\}\}|\[\[[^\]|]*\||\]\]|\[\[|'{2,}",
    re.DOTALL,
)
_NAMING_MARKS = "(\"“”«»„‚‘’/"
"""Close together in one sentence, two spellings with these between them are named on purpose:
X (Y), X or “Y”, X/Y."""
_QUOTES = frozenset("\"“”«»„‚‘’")
_ITALIC_WORD = re.compile(r"''(\w+)''|[\"“„«](\w+)[\"”“»]")
"""A word alone in italics or quotes: a spelling given as a word."""


class NameVariant(Rule):
    """One name written in two spellings in the same article.

    ## What it does
    Collects the proper names of the article (wikilinks' targets and shown text, capitalised
    words in prose, citation authors, infobox values) and flags a spelling that looks like a
    variant of a name spelled otherwise elsewhere in the article: a transliteration variant
    (y/j, ts/c/tz/z, kh/h/ch, ch/tsch/cz/č, sh/sch/sz/š, zh/ž, -sky/-ski, v/w, e/ye/je, ou/u),
    the same letters with or without diacritics, or one wrong letter inside the word. Variants
    are found by folding spellings to keys, not from a list of known pairs. The finding sits at
    the first place of the rarer spelling and names the article's dominant one: the spelling
    used more often, where a link's target title counts as two more uses and a name from the
    `--lexicon` file always wins. A link that shows a variant of its own target
    (`[[Boris Yeltsin|Boris Jelcin]]`) is flagged unless the article writes that variant
    throughout.

    Precision comes first: names that differ in their first or last letters (Iran/Iraq,
    Sweden/Swedes, Mali/Malta), short names (John/Joan), two names both used as link targets
    (Austria, Australia), different first names before one surname (Marc Taylor, Mark Taylor),
    a surname after different first names, endings that change as the language inflects
    (Polska/Polską) and spellings the article gives on purpose ("Kyiv (also Kiev)", `{{sic}}`,
    a list of ''spellings'') are not merged. A misspelling needs support: a shared first name,
    a link, or an established spelling and letters found nowhere else in the article. A name
    written in one spelling only is not flagged offline, however rare the spelling: there is
    nothing to compare it with.

    With `--online`, names of two to five words are also looked up on the article's wiki
    (redirects) and on Wikidata (site links, labels and aliases in every language): a name that
    resolves to a page or an item spelled otherwise in the article's language is flagged with
    that spelling as the suggestion ("Boris Jelcin" → Q34453, "Boris Yeltsin"), when the two are
    spellings of one name word by word (another name form, such as a stage name, is not).

    ## Why is this bad?
    Readers cannot tell whether "Yeltsin" and "Jelcin" are one person or two, searches for one
    spelling miss the other, and a misspelt name in a sentence often means the sentence was
    copied from elsewhere without review.

    ## Example
    ```wikitext
    In 1991 [[Boris Yeltsin]] became president. Later Jelcin dissolved the parliament.
    ```

    ## Use instead
    ```wikitext
    In 1991 [[Boris Yeltsin]] became president. Later Yeltsin dissolved the parliament.
    ```
    """

    code = "N301"
    name = "name-variant"
    severity = Severity.WARNING
    summary = "A name is written in two spellings (transliteration, diacritics, misspelling)."
    needs = frozenset({"names", "authority"})

    def check(self, ctx: Context) -> Iterator[Finding]:
        article = ctx.article
        lexicon = _lexicon(tuple(ctx.config.names_lexicon))
        if not article.names and not lexicon.canonical:
            return
        if self.checking_again() and self._keys is None:  # keep the keys from now on
            self._keys = _KeyIndex()
        keys = self._keys
        index = _Index(article, lexicon, keys)
        flagged: set[str] = set()
        for variant in index.variants():
            flagged.add(variant.variant.word)
            yield self._finding(article, variant)
        if ctx.lookups.names:  # online: names the wiki or Wikidata spell otherwise
            yield from authority_findings(type(self), article, ctx.lookups.names, flagged)

    _keys: _KeyIndex | None = None
    """The name words of the version checked last, by key: a rule instance that checks many
    versions of one article (:class:`citecheck.checker.Checker`) finds the candidate pairs of the
    next from the words added and removed (:class:`_KeyIndex`). A one-shot check never builds it."""

    def _finding(self, article: Article, v: _Verdict) -> Finding:
        dom, var = v.dominant, v.variant
        places = v.places
        first = places[0]
        how = v.variation.describe()
        used = f"“{dom.word}” is used {dom.uses}×, “{var.word}” {len(places)}×"
        authority = "the lexicon's" if dom.lexicon else "a link target's" if dom.targets else ""
        if authority:
            used += f"; “{dom.word}” is {authority} spelling"
        message = f"“{var.word}” looks like a variant spelling of “{dom.word}” ({how}); {used}"
        if v.reason:
            message += f"; {v.reason}"
        related = [
            Related(p.span(article), f"the variant “{var.word}” here too") for p in places[1:]
        ]
        related += [
            Related(p.span(article), f"the dominant spelling “{dom.word}” here"
                    + ("" if p.visible else " (link target)"))
            for p in dom.places
        ]
        return self.finding(
            first.span(article),
            message,
            claim=first.mention.claim,
            related=related,
            key=f"{dom.word}\0{var.word}",
            data={
                "dominant": dom.word,
                "variant": var.word,
                "variation": v.variation.kind,
                "differences": [list(d) for d in v.variation.differences],
                "dominant_count": dom.uses,
                "variant_count": len(places),
                "evidence": v.evidence,
            },
        )


@lru_cache(maxsize=8)
def _lexicon(entries: tuple[str, ...]) -> Lexicon:
    return Lexicon.from_entries(entries)


@attrs.define(eq=False)
class _Place:
    """One written occurrence of a word: in which mention, at which word."""

    mention: NameMention
    index: int
    """The word's position among the mention's words."""
    visible: bool
    """Shown to the reader (not only a link's target)."""
    prev: str | None
    next: str | None
    link_words: frozenset[str] = frozenset()
    """For a word a link shows: the words of the link's target."""

    def span(self, article: Article) -> Span:
        """The word's exact span when it can be found in the mention, else the mention's."""
        m = self.mention
        text = article.text
        start, end = m.span.start, m.span.end
        if m.kind in ("link-target", "link-text"):
            bar = text.find("|", start, end)
            if self.visible and bar >= 0:
                start = bar + 1
        word = name_words(m.text)[self.index]
        at = text.find(word, start, end)
        return Span(at, at + len(word)) if at >= 0 else m.span


@attrs.define(eq=False)
class _Word:
    word: str
    places: list[_Place] = attrs.field(factory=list)
    uses: int = 0
    """Visible places."""
    targets: int = 0
    """Places in link targets."""
    sources: set[str] = attrs.field(factory=set)
    """Kinds of mention it appears in."""
    lexicon: bool = False
    title: bool = False
    prev: set[str] = attrs.field(factory=set)
    """Capitalised words (or initials) written right before it: given names, titles."""
    next: set[str] = attrs.field(factory=set)
    bare_prev: int = 0
    """Visible places with no such word before it."""
    bare_next: int = 0

    @property
    def score(self) -> int:
        return (
            self.uses
            + TARGET_WEIGHT * (self.targets > 0 or self.title)
            + LEXICON_WEIGHT * self.lexicon
        )

    @property
    def authority(self) -> bool:
        return self.targets > 0 or self.title or self.lexicon

    @property
    def confirmed(self) -> bool:
        """Known as a name from more than capitalisation: linked, cited, in an infobox."""
        return self.authority or bool(self.sources - {"prose"})

    @property
    def named(self) -> bool:
        """Known as a name of its own: linked as a target, cited, in an infobox. Being shown by
        a link to another title ([[Metro w Berlinie|najstarsze w Nimczech metro]]) is not."""
        return self.authority or bool(self.sources - {"prose", "link-text"})


@attrs.frozen
class _Verdict:
    dominant: _Word
    variant: _Word
    variation: Variation
    evidence: list[str]
    places: list[_Place]
    """The variant's places that the finding reports."""
    reason: str = ""


class _Index:
    """The article's name words and where each is written.

    Every word is only listed with its places (cheap); the statistics a verdict needs are built
    for the few words that meet another by a key (:meth:`entry`).
    """

    def __init__(self, article: Article, lexicon: Lexicon, keys: _KeyIndex | None = None) -> None:
        self.article = article
        self.lexicon = lexicon
        self.keys = keys
        """The key index of earlier versions to update, or ``None`` to hash every word anew."""
        self.mentions = article.names
        self.noun_case = (article.language or "").split("-")[0] in _NOUN_CASE
        self.title_words = frozenset(name_words(article.title or ""))
        # many mentions write the same text (a name linked and written again): each distinct
        # text is split once (the word sets are remembered by text)
        self._sets = list(map(_name_word_set, map(_TEXT, self.mentions)))
        self.words: set[str] = set().union(*self._sets)
        """Every name word of the article."""
        self.occurrences: dict[str, list[tuple[int, int, bool]]] = {}
        """word → (mention index, word index, visible) of each place, for the words that meet
        another (:meth:`locate`)."""
        self._entries: dict[str, _Word] = {}
        self._stems: dict[str, list[str]] = {}

    def locate(self, wanted: set[str]) -> None:
        """Record the places of ``wanted`` words: one pass over the mentions."""
        mentions = self.mentions
        occurrences = self.occurrences
        sets = self._sets
        n = len(mentions)
        # only the mentions that hold a wanted word are visited (the test runs in C)
        for i, words in compress(enumerate(sets), map(not_, map(wanted.isdisjoint, sets))):
            m = mentions[i]
            found = wanted & words
            visible_here = True
            if m.kind == "link-target" and i + 1 < n:
                shown = mentions[i + 1]
                if shown.kind == "link-text" and shown.span == m.span:
                    found -= sets[i + 1]  # written in the shown text: counted there
                    visible_here = False
            for k, word in enumerate(name_words(m.text)):
                if word in found:
                    occurrences.setdefault(word, []).append((i, k, visible_here))

    def entry(self, word: str) -> _Word:
        """The statistics of ``word``: its places, uses, neighbours, authority."""
        entry = self._entries.get(word)
        if entry is not None:
            return entry
        entry = self._entries[word] = _Word(word)
        entry.lexicon = word in self.lexicon.canonical
        entry.title = word in self.title_words
        mentions = self.mentions
        for i, k, visible in self.occurrences.get(word, ()):
            m = mentions[i]
            words = name_words(m.text)
            link_words: frozenset[str] = frozenset()
            if m.kind == "link-target" or m.kind == "link-text":
                target = mentions[i - 1] if m.kind == "link-text" else m
                link_words = frozenset(name_words(_bare_title(target.text)))
                if word in link_words:
                    entry.targets += 1
            # a sentence's first word is capitalised whatever it is (Later Jelcin…): no given name
            lead = 1 if k == 1 and m.kind == "prose" and self._initial(m) else 0
            prev = words[k - 1] if k > lead and _is_neighbour(words[k - 1]) else None
            nxt = words[k + 1] if k + 1 < len(words) and _is_neighbour(words[k + 1]) else None
            entry.places.append(_Place(m, k, visible, prev, nxt, link_words))
            entry.sources.add(m.kind)
            if prev:
                entry.prev.add(prev)
            elif visible:
                entry.bare_prev += 1
            if nxt:
                entry.next.add(nxt)
            elif visible:
                entry.bare_next += 1
            if visible:
                entry.uses += 1
        return entry

    def _initial(self, m: NameMention) -> bool:
        if m.claim is None:
            return False
        start = self.article.claim(m.claim).span.start
        return not self.article.text[start : m.span.start].strip(_OPENERS)

    # -- candidates ----------------------------------------------------------------------------

    def pairs(self) -> list[tuple[_Word, _Word]]:
        """Pairs of distinct words that share a fold, a skeleton or a one-deletion key, or a
        word written once that replaces the last consonant of an established one
        (:func:`_hashed_pairs`; with a :class:`_KeyIndex`, from the words changed since the
        version checked before, to the same pairs)."""
        words = self.words | self.lexicon.canonical
        counts = Counter(chain.from_iterable(self._sets))
        targets = set().union(
            *compress(self._sets, map("link-target".__eq__, map(_KIND, self.mentions)))
        )
        once = set(compress(counts, map((1).__eq__, counts.values())))
        established = (counts.keys() - once) | targets | self.lexicon.canonical
        found = None
        if self.keys is not None:
            self.keys.update(words, self.words)
            found = self.keys.pairs(established, once)
        if found is None:
            found = _hashed_pairs(words, self.words, established, once)
        if not found:
            return []
        self.locate({w for pair in found for w in pair})
        return [(self.entry(a), self.entry(b)) for a, b in sorted(found)]

    def variants(self) -> Iterator[_Verdict]:
        """The accepted variant spellings, each with its dominant spelling, in input order."""
        best: dict[str, _Verdict] = {}
        for a, b in self.pairs():
            dom, var = (a, b) if _outranks(a, b) else (b, a)
            verdict = self.judge(dom, var)
            if verdict is None:
                continue
            held = best.get(var.word)
            if held is None or _outranks(dom, held.dominant):
                best[var.word] = verdict
        # a dominant spelling that is itself a variant: only the outer finding stands
        out = [v for v in best.values() if v.dominant.word not in best]
        out.sort(key=lambda v: v.places[0].mention.span.start)
        yield from out

    def judge(self, dom: _Word, var: _Word) -> _Verdict | None:
        """Whether ``var`` is a variant spelling of ``dom``, with the evidence; ``None`` if not."""
        verdict = self.assess(dom, var)
        return verdict if isinstance(verdict, _Verdict) else None

    def assess(self, dom: _Word, var: _Word) -> _Verdict | str:
        """The verdict on ``var`` as a variant of ``dom``, or why it is not one."""
        places = self._places(dom, var)
        if not places:
            return "no place of the variant to report"
        kind = self._kind(dom, var)
        if kind is None:
            return "not a variant spelling"
        if kind == "listed":
            return _Verdict(dom, var, self._variation(dom, var, kind), ["lexicon"], places,
                            "the lexicon lists it as a variant")
        if var.lexicon:
            return "the variant is in the lexicon"
        linked = [p for p in places if self._link_shows(p, dom.word, var.word)]
        same_name = _same_name(dom, var)
        low_d, low_v = _differing_part(dom.word.lower(), var.word.lower())
        # the same slot: the last word of several names (Spandauer Viertel, Afrikanisches
        # Viertel) and of the variant's (Stralauer Virtel), one letter off but not a doubled
        # letter, where surnames differ (Schumann/Schuman, Hofmann/Hofman)
        head = (kind == "misspelling" and bool(var.prev) and not var.next
                and _head_of_names(dom) and not _undoubled(low_d, low_v))
        if not linked and not same_name:
            # a name always written with the same one or two given names (or surnames), and the
            # variant with another: two people
            if (_few(dom.prev) and not dom.bare_prev and var.prev and not head
                    and not _compatible(var.prev, dom.prev)):
                return "after different first names: different people"
            if (_few(dom.next) and not dom.bare_next and var.next
                    and not _compatible(var.next, dom.next)):
                return "before different surnames: different people"
            if _roles_differ(dom, var):
                return "a first word here, a last word there (Gärten der Welt, Britzer Garten)"
        shared_prev = _shared(var.prev, dom.prev)
        shared_next = _shared(var.next, dom.next)
        neighbours = shared_prev or shared_next or same_name
        if var.targets and dom.targets and not (neighbours or dom.lexicon):
            return "both spellings are link targets: two names"
        strong = bool(linked or neighbours or dom.lexicon or (head and dom.authority))
        _start, end = edit_margins(low_d, low_v)
        if end < 2 and kind != "transliteration" and self._inflection(low_d, low_v):
            return "the words differ in their ending as inflected words do (Polska/Polską)"
        if (kind == "diacritics" and self.noun_case and not (neighbours or dom.lexicon)
                and _umlauted(self._variation(dom, var, kind))):
            return "an umlaut in a language that inflects with it (Hafen/Häfen)"
        if not strong:
            if dom.score < var.score or (dom.score == var.score and not dom.authority
                                         and kind == "misspelling"):
                return "no spelling dominates"
            if var.targets:
                return "the variant is an article's title: a name of its own"
            if self.noun_case and not dom.confirmed and (
                kind != "misspelling" or dom.uses < 3
            ):
                return "a capitalised noun, not known as a name"
            if var.sources <= {"author"}:
                return "only an author's name"
            if self._common(dom, var):
                return "a common word, written in lower case elsewhere"
            if kind != "transliteration" and (var.prev or var.next) and not head and (
                var.uses > 1 or dom.uses < (2 if _stripped(self._variation(dom, var, kind)) else 3)
                or (kind == "misspelling" and var.next)
            ):
                return "part of a longer name that the dominant spelling is not in"
            if kind == "diacritics" and self._other_names(dom, var):
                return "both are parts of different longer names"
        if kind == "misspelling":
            if len(places) > 2 or (
                not (linked or dom.lexicon) and (dom.score <= var.score or var.uses > max(dom.uses, 1))
            ):
                return "the misspelling is too frequent to be a slip"
            if (shared_next and not (linked or shared_prev) and not self._novel(low_v, low_d)
                    and not self._lower_words(var.next & dom.next)):
                return "a first name before the same surname: another person (Marc/Mark Taylor)"
            if end < 2 and not linked and _vowel_change(low_d, low_v):
                return "a vowel changed near the end, as inflection does (Γερμανίας/Γερμανίες)"
            if end == 0 and not self._slipped_ending(dom, var, low_d, low_v):
                return "the last letter differs, as in inflections and other names (Sweden/Swedes)"
            if not strong or (end < 2 and not linked):
                if not (dom.authority or dom.uses >= 2) or var.named:
                    return "the dominant spelling is not established"
                # a name written alone (no given name or surname beside it, where people's
                # names one letter apart are common: Mathias/Matthias) needs no more than use
                alone = not (dom.prev or dom.next or var.prev or var.next)
                slip = (
                    dom.uses >= 3 and (dom.confirmed or alone) and len(low_v) >= MIN_LENGTH
                    and not (var.prev and not _compatible(var.prev, dom.prev))
                    and _keyboard_slip(low_d, low_v)
                )
                if not slip and not self._novel(low_v, low_d):
                    return "the misspelling reads as a word of its own"
        evidence = ["link"] if linked else []
        if same_name:
            evidence.append("same name")
        if shared_prev:
            evidence.append("same first name")
        if shared_next:
            evidence.append("same surname")
        if dom.lexicon:
            evidence.append("lexicon")
        elif dom.authority:
            evidence.append("link target" if dom.targets else "title")
        reason = ""
        if linked:
            p = linked[0]
            reason = f"the link to “{p.mention.target}” shows “{p.mention.text}”"
        return _Verdict(dom, var, self._variation(dom, var, kind), evidence, places, reason)

    def _places(self, dom: _Word, var: _Word) -> list[_Place]:
        """The variant's visible places, or none when the article names the variant on purpose:
        both spellings side by side in one sentence ("Kyiv (also Kiev)", "Kyiv/Kiev"), or one of
        them quoted there as a word. A place marked ``{{sic}}`` or given in a list of
        ''spellings'' is left out."""
        article = self.article
        text = article.text
        claims = {p.mention.claim for p in var.places if p.mention.claim}
        dom_places: dict[str, list[Span]] = {}
        for q in dom.places:
            if q.visible and q.mention.claim in claims:
                dom_places.setdefault(q.mention.claim, []).append(q.span(article))
        # a spelling only in link targets is shown to no reader; it is reported only as a
        # misspelt target, where the dominant spelling is a link target too
        hidden = not var.uses and dom.targets > 0
        places = []
        for p in var.places:
            if not (p.visible or hidden):
                continue
            word = p.span(article)
            start, end = word.start, word.end
            for other in dom_places.get(p.mention.claim or "", ()):
                between = _MARKUP.sub("", text[min(end, other.end) : max(start, other.start)])
                if len(between) <= 4 or (
                    len(between) <= 20 and any(ch in between for ch in _NAMING_MARKS)
                ):
                    return []
                if _quoted(text, start, end) or _quoted(text, other.start, other.end):
                    return []
            if "{{sic" in text[end : end + 12].lower():
                continue  # marked as written so on purpose
            if _quoted(text, start, end):
                if text[start - 1] in _QUOTES:
                    return []  # quoted as a word: the article discusses the spelling
                if self._spellings_listed(p, dom):
                    continue  # Variant spellings include ''Bodmen'' in 1253, ''Bodmyn'' in 1522
            places.append(p)
        return places

    def _spellings_listed(self, place: _Place, dom: _Word) -> bool:
        """Its sentence also gives the dominant spelling, or another variant of it, in italics
        or quotes: a list of spellings."""
        claim = place.mention.claim
        if claim is None:
            return False
        span = self.article.claim(claim).span
        own = place.mention.span.start
        for m in _ITALIC_WORD.finditer(self.article.text, span.start, span.end):
            if m.start() <= own < m.end():
                continue
            word = m.group(1) or m.group(2)
            if word == dom.word or classify(word, dom.word) is not None:
                return True
        return False

    def _link_shows(self, place: _Place, dom: str, var: str) -> bool:
        """The place is a link that shows its target with this one word respelled."""
        m = place.mention
        if m.kind != "link-text" or dom not in place.link_words or m.target is None:
            return False
        # every shown word is a word of the target, in order (Gustav Mayer for Johann Heinrich
        # Gustav Meyer), the variant standing for the dominant spelling
        # a title's first letter is upper case whatever the link shows: [[sông Spree|sông Spere]]
        target = iter(name_words(_bare_title(m.target)))
        for k, word in enumerate(name_words(m.text)):
            want = dom if word == var else word
            if not any(t == want or (k == 0 and t == want[:1].upper() + want[1:])
                       for t in target):
                return False
        return True

    def _other_names(self, dom: _Word, var: _Word) -> bool:
        """Every place of both spellings is inside a longer name, and the two never share a
        word: National Confederation of Labour, Confédération générale du travail."""
        def context(entry: _Word) -> set[str] | None:
            words: set[str] = set()
            for p in entry.places:
                if not p.visible:
                    continue
                others = [fold(w) for w in name_words(p.mention.text) if w != entry.word]
                if not others:
                    return None
                words.update(others)
            return words

        ctx_v = context(var)
        if not ctx_v:
            return False
        ctx_d = context(dom)
        return ctx_d is not None and bool(ctx_d) and ctx_v.isdisjoint(ctx_d)

    def _kind(self, dom: _Word, var: _Word) -> VariationKind | None:
        for variant, canonical in self.lexicon.variants:
            if variant == var.word and canonical == dom.word:
                return "listed"
        kind = variation_kind(var.word, dom.word)
        if kind is None and misspelled_at_end(var.word.lower(), dom.word.lower()):
            return "misspelling"
        return kind

    def _variation(self, dom: _Word, var: _Word, kind: VariationKind) -> Variation:
        """The variation with its letters aligned (only for the pairs that need them)."""
        found = classify(var.word, dom.word)
        if kind == "listed":
            return Variation("listed", found.differences if found else ())
        if found is None:  # an edit at the last letter
            return Variation(kind, differences(var.word.lower(), dom.word.lower()))
        return found

    def _inflection(self, low_d: str, low_v: str) -> bool:
        """The two words differ in their endings as other words of the article do: an
        inflection (Odra/Odrą with Wisła/Wisłą), not a misspelling."""
        start, _end = edit_margins(low_d, low_v)
        tail_d, tail_v = low_d[start:], low_v[start:]
        lows = self._lows
        if lows is None:
            lows = self._lows = set(map(str.lower, self.words))
            self._joined_lows = "\n".join(lows) + "\n"
        stems = self._stems.get(tail_d)
        if stems is None:  # the words ending in tail_d, each without it
            stems = self._stems[tail_d] = []
            joined = self._joined_lows
            needle = tail_d + "\n"
            at = joined.find(needle)
            while at >= 0:
                stems.append(joined[joined.rfind("\n", 0, at) + 1 : at])
                at = joined.find(needle, at + len(needle))
        return any(
            len(stem) >= 3 and stem + tail_v in lows and stem + tail_d != low_d for stem in stems
        )

    _lows: set[str] | None = None
    _joined_lows = ""

    def _novel(self, low_v: str, low_d: str) -> bool:
        """The letters around the misspelling occur nowhere else in the article: a slip of the
        keyboard, not another word (Marvin/Martin, Iceland/Ireland share their letter groups
        with the rest of an English text)."""
        text = self._lower_text
        if text is None:
            text = self._lower_text = self._prose_text().lower()
        own = text.count(low_v)
        start, end = edit_margins(low_v, low_d)
        stop = len(low_v) - end
        for i in range(max(0, start - 2), min(len(low_v) - 2, max(stop, start + 1))):
            if not _occurs_more(text, low_v[i : i + 3], own):
                return True
        return False

    _lower_text: str | None = None

    def _lower_words(self, words: set[str]) -> bool:
        """Some of ``words`` is written in lower case in the article's prose: a common word
        (United States, states), not a given name or a surname."""
        prose = self._prose_text()
        return any(w.lower() != w and written_as_word(prose, w.lower(), str.isalnum) for w in words)

    def _slipped_ending(self, dom: _Word, var: _Word, low_d: str, low_v: str) -> bool:
        """An edit at the last letter is a slip, not an inflection or another name, only when
        one consonant replaces another (inflections change vowels and add or drop letters:
        Гафель/Гафелю, Gabons/Gabonā, Greek/Greeks), the variant is written once against an
        established spelling, and its new ending (last two letters) ends no other word of the
        article: Greek/Greec, Black/Blacc in English, where -ec and -cc end nothing else."""
        if len(low_d) != len(low_v) or fold(low_d[-1]) in _VOWELS or fold(low_v[-1]) in _VOWELS:
            return False
        if not low_v[-1].isalpha() or not low_d[-1].isalpha():
            return False
        if var.uses != 1 or len(var.places) != 1 or var.targets or var.named:
            return False
        if not (dom.authority or dom.uses >= 3):
            return False
        text = self._article_lower
        if text is None:
            text = self._article_lower = self.article.text.lower()
        ending = low_v[-2:]
        at = text.find(ending)
        while at >= 0:
            end = at + 2
            if not text[end : end + 1].isalpha():
                start = at
                while start and text[start - 1].isalpha():
                    start -= 1
                if at - start >= 2 and text[start:end] != low_v:
                    return False  # a word of four letters or more ends so
            at = text.find(ending, end - 1)
        # a vocabulary too small to show the language's endings shows nothing (Sweden/Swedes in
        # three sentences); counted last, as few candidates get this far
        return self._large_vocabulary(text)

    _article_lower: str | None = None

    def _large_vocabulary(self, text: str) -> bool:
        """The article writes at least :data:`_VOCABULARY` distinct words of four letters or
        more: counted once, and only until there are enough."""
        large = self._large
        if large is None:
            words: set[str] = set()
            for m in _LOWER_WORD.finditer(text):
                if m.end() - m.start() > 3:
                    words.add(m.group())
                    if len(words) >= _VOCABULARY:
                        break
            large = self._large = len(words) >= _VOCABULARY
        return large

    _large: bool | None = None

    def _common(self, dom: _Word, var: _Word) -> bool:
        """Either word is written in lower case in the article: a common word (Revolution,
        Edition) capitalised in a title or at the start of a sentence, not a name."""
        prose = self._prose_text()
        for entry in (dom, var):
            if entry.authority:
                continue
            low = entry.word.lower()
            if low == entry.word:
                continue
            at = prose.find(low)
            while at >= 0:
                end = at + len(low)
                if not (at and prose[at - 1].isalnum()) and not prose[end : end + 1].isalnum():
                    return True
                at = prose.find(low, end)
        return False

    def _prose_text(self) -> str:
        """The readable text of every claim: words as the reader sees them, no markup or URL."""
        prose = self._prose
        if prose is None:
            prose = self._prose = "\n".join(map(_TEXT, self.article.claims))
        return prose

    _prose: str | None = None


def _outranks(a: _Word, b: _Word) -> bool:
    """``a`` is the dominant spelling of the two: the higher score, then the earlier written."""
    if a.score != b.score:
        return a.score > b.score
    return _first(a) <= _first(b)


def _first(entry: _Word) -> int:
    return min((p.mention.span.start for p in entry.places), default=-1)


def _quoted(text: str, start: int, end: int) -> bool:
    """Written alone between quotation marks or in italics: the article discusses the spelling
    itself (Variant spellings include ''Bodmen'' in 1253)."""
    if text[start - 2 : start] == "''" and text[end : end + 2] == "''":
        return text[start - 3 : start - 2] != "'" or text[end + 2 : end + 3] != "'"
    return bool(start) and text[start - 1] in _QUOTES and text[end : end + 1] in _QUOTES


def _same_name(dom: _Word, var: _Word) -> bool:
    """The variant is written in a name of several words that the article also writes, word for
    word, with the dominant spelling (République démocratique du Congo, … du Conngo)."""
    names = {
        name_words(p.mention.text) for p in dom.places if len(name_words(p.mention.text)) > 1
    }
    if not names:
        return False
    for p in var.places:
        words = name_words(p.mention.text)
        if len(words) > 1 and tuple(dom.word if w == var.word else w for w in words) in names:
            return True
    return False


def _few(neighbours: set[str]) -> bool:
    """One or two words: a person's given names. A word found after many different words
    (School, Berlin) names places and institutions; its neighbours do not tell people apart."""
    return 0 < len(neighbours) <= 2


def _shared(xs: set[str], ys: set[str]) -> bool:
    """Some full word (not an initial) of ``xs`` is in ``ys``, or a variant of one there."""
    for x in xs:
        if len(x) <= 3 and x.isupper():
            continue
        for y in ys:
            if x == y or fold(x) == fold(y):
                return True
            kind = variation_kind(x, y)
            if kind is not None and kind != "misspelling":
                return True
    return False


def _differing_part(a: str, b: str) -> tuple[str, str]:
    """The hyphenated parts that differ, when only one does (Partnerstwa-Odra), else the words."""
    if "-" in a and "-" in b:
        pa, pb = a.split("-"), b.split("-")
        if len(pa) == len(pb):
            diff = [(x, y) for x, y in zip(pa, pb) if x != y]
            if len(diff) == 1:
                return diff[0]
    return a, b


def _compatible(xs: set[str], ys: set[str]) -> bool:
    """Some word of ``xs`` and some of ``ys`` name the same: equal, variants, or an initial."""
    for x in xs:
        for y in ys:
            if x == y or fold(x) == fold(y):
                return True
            if (len(x) <= 2 or len(y) <= 2) and x[0] == y[0]:
                return True
            kind = variation_kind(x, y)
            if kind is not None and kind != "misspelling":
                return True
    return False


@memo(1 << 16)
def _is_name_word(word: str) -> bool:
    """Capitalised, and not an acronym (NATO, UK) nor run-together markup (LAutriche)."""
    return (len(word) >= 2 and word[0].isupper() and not word.isupper()
            and not (word[1].isupper() and word[2:3].islower()))


@memo(1 << 15)
def _name_word_set(text: str) -> frozenset[str]:
    """The name words of a mention's text (remembered: the versions of an audit, and the
    checks of an editor's language server, write the same names again)."""
    return frozenset(filter(_is_name_word, name_words(text)))


def _is_neighbour(word: str) -> bool:
    """A word that tells which person or place a name is: a name word, or initials (J, JRR)."""
    return _is_name_word(word) or (word.isupper() and len(word) <= 3)


def _roles_differ(dom: _Word, var: _Word) -> bool:
    """One is only ever the first word of longer names, the other only ever the last."""
    def first_only(w: _Word) -> bool:
        return bool(w.next) and not w.prev

    def last_only(w: _Word) -> bool:
        return bool(w.prev) and not w.next

    return (first_only(dom) and last_only(var)) or (last_only(dom) and first_only(var))


_VOWELS = frozenset("aeiouyαεηιουωаеёиоуыэюяіїєәөүұ")


def _vowel_change(a: str, b: str) -> bool:
    """One vowel replaced by another, or a vowel added next to a vowel: how endings inflect
    (Γερμανίας/Γερμανίες, Indian/Indien, Europa/Europea), unlike a dropped or swapped letter."""
    start, end = edit_margins(a, b)
    da, db = a[start : len(a) - end], b[start : len(b) - end]
    if len(da) == len(db) == 1:
        return fold(da) in _VOWELS and fold(db) in _VOWELS
    added, word = (db, b) if len(db) > len(da) else (da, a)
    if len(added) != 1 or da and db or fold(added) not in _VOWELS:
        return False
    around = word[start - 1 : start] + word[start + 1 : start + 2]
    return any(fold(ch) in _VOWELS for ch in around)


def _stripped(variation: Variation) -> bool:
    """The variant lacks diacritics that the dominant spelling has (and has none of its own)."""
    return all(fold(d) == v for v, d in variation.differences)


def _head_of_names(entry: _Word) -> bool:
    """Written last after two or more different words that never stand together: the common
    last word of several names (Spandauer Viertel, Afrikanisches Viertel), not one person's
    surname after their given names (Wolfgang Amadeus Mozart, Wolfgang Mozart)."""
    if len(entry.prev) < 2 or entry.next:
        return False
    for p in entry.places:
        before = name_words(p.mention.text)[: p.index]
        if sum(w in entry.prev for w in before) > 1:
            return False
    return True


def _undoubled(a: str, b: str) -> bool:
    """One word doubles a letter that the other writes once (Schumann/Schuman)."""
    if abs(len(a) - len(b)) != 1:
        return False
    long_ = a if len(a) > len(b) else b
    start, _end = edit_margins(a, b)
    added = long_[start]
    return long_[start - 1 : start] == added or long_[start + 1 : start + 2] == added


def _keyboard_slip(dom: str, var: str) -> bool:
    """The variant drops a letter of the dominant spelling, doubles one or swaps two neighbours:
    the commonest slips of the keyboard (Gilert, Watterloo, Spere)."""
    start, _end = edit_margins(dom, var)
    if len(var) == len(dom) - 1:
        return True
    if len(var) == len(dom) + 1:
        added = var[start]
        return var[start - 1 : start] == added or var[start + 1 : start + 2] == added
    return (
        len(var) == len(dom) and var[start + 2 :] == dom[start + 2 :]
        and var[start : start + 1] == dom[start + 1 : start + 2]
        and var[start + 1 : start + 2] == dom[start : start + 1]
    )


def _occurs_more(text: str, part: str, times: int) -> bool:
    """``part`` occurs in ``text`` more than ``times`` times (``str.count`` that stops early:
    the letter groups of a real word are found at once)."""
    at = -1
    for _ in range(times + 1):
        at = text.find(part, at + 1)
        if at < 0:
            return False
    return True


_VOCABULARY = 200
"""Distinct words (four letters or more) an article needs before an ending it never uses is
taken as foreign to its language."""
_LOWER_WORD = re.compile(r"[^\W\d_]+")


def _umlauted(variation: Variation) -> bool:
    """The variant has an umlaut (or ß) where the dominant spelling has the plain letter."""
    return any(d in "aous" and v in "äöüß" for v, d in variation.differences)


_TEXT = attrgetter("text")
_KIND = attrgetter("kind")


def _bare_title(title: str) -> str:
    """A title without its disambiguation: ``Georgia (country)`` → ``Georgia``."""
    paren = title.find(" (")
    return title[:paren] if paren > 0 else title


def _hashed_pairs(words: set[str], article_words: set[str], established: set[str],
                  once: set[str]) -> set[tuple[str, str]]:
    """The candidate pairs of ``words`` (the article's name words and the lexicon's), each
    ``(a, b)`` with ``a < b``.

    Found by hashing (:func:`_holders`): words that share a fold or a skeleton, and words that
    share a one-deletion key with a dominant spelling. A misspelling needs a dominant spelling
    written twice or linked, so a deletion key counts only when such a word holds it."""
    listed = list(words)
    groups = _holders(listed, list(map(_near_keys, listed)))
    dominant = list(established & words)
    dominant_keys = list(map(_typo_keys, dominant))
    others = list(words - established)
    other_keys = list(map(_typo_keys, others))
    held = Counter(chain.from_iterable(dominant_keys))
    # the keys of dominant spellings that another word holds too: a dominant spelling's own,
    # or one a word written once meets (looked up, not counted: most meet none)
    shared = set(compress(held, map((1).__lt__, held.values())))
    keys = held.keys()
    meeting = list(compress(zip(others, other_keys), map(not_, map(keys.isdisjoint, other_keys))))
    for _word, own in meeting:
        shared.update(keys & own)
    typo_groups = _holders(dominant + [w for w, _k in meeting],
                           dominant_keys + [k for _w, k in meeting], shared) if shared else []
    found: set[tuple[str, str]] = set()
    # a consonant replaced at the last letter: a word written once against an established one
    slipped = list(once - established)
    slipped_keys = list(map(_end_key, slipped))
    wanted = set(slipped_keys)
    wanted.discard(None)
    ends: dict[str | None, list[str]] = {}
    end_keys = list(map(_end_key, dominant))
    for word, end_key in compress(zip(dominant, end_keys), map(wanted.__contains__, end_keys)):
        ends.setdefault(end_key, []).append(word)
    endings: Counter[str] | None = None
    for word, end_key in compress(zip(slipped, slipped_keys), map(ends.__contains__, slipped_keys)):
        if endings is None:  # the new ending must end no other word (_slipped_ending)
            endings = _endings(article_words)
        if endings[word[-2:].lower()] > 1:
            continue
        for other in ends[end_key]:
            found.add((word, other) if word < other else (other, word))
    for group in chain(groups, typo_groups):
        _add_pairs(found, sorted(group))
    return found


def _endings(words: set[str]) -> Counter[str]:
    """How many of ``words`` (four letters or more) end in each two letters, in lower case."""
    long_words = compress(words, map((3).__lt__, map(len, words)))
    return Counter(map(str.lower, map(_LAST_TWO, long_words)))


_LAST_TWO = itemgetter(slice(-2, None))


def _holders(words: list[str], keysets: list[frozenset[str]],
             shared: set[str] | None = None) -> list[list[str]]:
    """The words that hold each ``shared`` key (by default: each key held by more than one of
    ``words``; ``keysets[i]`` are the keys of ``words[i]``).

    Every step but the last runs in C (counting, comparing, masking): an article has thousands
    of name words and only a few share a key, so only those are visited in Python."""
    if shared is None:
        counts = Counter(chain.from_iterable(keysets))
        shared = set(compress(counts, map((1).__lt__, counts.values())))
    if not shared:
        return []
    holders: dict[str, list[str]] = {}
    for word, keys in compress(zip(words, keysets), map(not_, map(shared.isdisjoint, keysets))):
        for key in shared.intersection(keys):
            holders.setdefault(key, []).append(word)
    return list(holders.values())


class _Keyed:
    """Which words hold each key, for a set of words that changes a little at a time: a key
    held by one word maps to it in ``owner`` (filled by dict operations per word, as
    :func:`_hashed_pairs` does), a key held by more is also in ``shared`` with all of them."""

    __slots__ = ("keys_of", "owner", "shared")

    def __init__(self, keys_of: Callable[[str], frozenset[str]]) -> None:
        self.keys_of = keys_of
        self.owner: dict[str, str] = {}
        self.shared: dict[str, set[str]] = {}

    def add(self, word: str) -> None:
        keys = self.keys_of(word)
        owner = self.owner
        if owner.keys().isdisjoint(keys):
            owner.update(dict.fromkeys(keys, word))
            return
        met = owner.keys() & keys
        shared = self.shared
        for key in met:
            group = shared.get(key)
            if group is None:
                shared[key] = {owner[key], word}
            else:
                group.add(word)
        owner.update(dict.fromkeys(keys - met, word))

    def remove(self, word: str) -> None:
        owner = self.owner
        shared = self.shared
        for key in self.keys_of(word):
            group = shared.get(key)
            if group is None:
                del owner[key]
                continue
            group.discard(word)
            if owner[key] == word:
                owner[key] = next(iter(group))
            if len(group) == 1:
                del shared[key]


class _KeyIndex:
    """The name words of the version checked last, by their keys (fold and skeletons, deletion
    keys, end key), kept by one rule instance across the versions of an audit and updated with
    the words added and removed: the candidate pairs of a version then cost in proportion to
    the change, not to the article.

    It holds the words of one version only (memory bounded by that version), and depends on
    nothing but them: the established and once-written words, which change with every
    version, are applied when the pairs are read (:meth:`pairs`). Another article is only a
    larger change (past half the words, the index is built anew)."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.words: set[str] = set()
        self.article_words: set[str] = set()
        self.near = _Keyed(_near_keys)
        self.typo = _Keyed(_typo_keys)
        self.end = _Keyed(_end_keys)
        self.endings: Counter[str] = Counter()
        """Last two letters (lower case) of the article's words of four letters or more."""

    def update(self, words: set[str], article_words: set[str]) -> None:
        """Make the index that of ``words`` (the article's name words, ``article_words``, and
        the lexicon's)."""
        removed = self.words - words
        if len(removed) * 2 > len(self.words):
            self._reset()
            removed = set()
        added = words - self.words
        for word in removed:
            self.near.remove(word)
            self.typo.remove(word)
            self.end.remove(word)
        for word in added:
            self.near.add(word)
            self.typo.add(word)
            self.end.add(word)
        endings = self.endings
        for word in self.article_words - article_words:
            if len(word) > 3:
                ending = word[-2:].lower()
                endings[ending] -= 1
                if not endings[ending]:
                    del endings[ending]
        for word in article_words - self.article_words:
            if len(word) > 3:
                endings[word[-2:].lower()] += 1
        self.words = words
        self.article_words = article_words

    def pairs(self, established: set[str], once: set[str]) -> set[tuple[str, str]] | None:
        """The pairs :func:`_hashed_pairs` finds for the words of the index."""
        near = self.near.shared
        typo = self.typo.shared
        found: set[tuple[str, str]] = set()
        for group in near.values():
            _add_pairs(found, sorted(group))
        for group in typo.values():
            # a misspelling meets a dominant spelling written twice or linked
            if not established.isdisjoint(group):
                _add_pairs(found, sorted(group))
        # a consonant replaced at the last letter: a word written once against an established one
        endings = self.endings
        for group in self.end.shared.values():
            others = group & established
            if not others:
                continue
            for word in group - established:
                if word not in once or endings[word[-2:].lower()] > 1:
                    continue
                for other in others:
                    found.add((word, other) if word < other else (other, word))
        return found


def _add_pairs(found: set[tuple[str, str]], group: list[str]) -> None:
    """Every pair of the sorted, distinct words of ``group``."""
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            found.add((a, b))


@memo(1 << 16)
def _near_keys(word: str) -> frozenset[str]:
    """The keys under which a word meets its diacritic and transliteration variants: its fold
    and its skeletons."""
    folded = fold(word)
    if len(folded) < MIN_LENGTH:
        return frozenset()
    return frozenset(("f" + folded, *("s" + k for k in skeleton_keys(word))))


@memo(1 << 16)
def _typo_keys(word: str) -> frozenset[str]:
    """The keys under which a word meets its misspellings: the one-deletion keys that keep its
    first and last letters (see :func:`citecheck.names.classify`)."""
    folded = fold(word)
    n = len(folded)
    if n < MIN_LENGTH - 1:
        return frozenset()
    if n < MIN_LENGTH:  # only meets the word it was cut from (Noth, North)
        return frozenset((folded,))
    return frozenset((folded, *[folded[:i] + folded[i + 1 :] for i in range(1, n - 1)]))


@memo(1 << 16)
def _end_key(word: str) -> str | None:
    """The key under which a word meets the words that replace its last letter, a consonant,
    by another: the word without it (Greek, Greec)."""
    folded = fold(word)
    last = folded[-1:]
    if len(folded) < MIN_LENGTH or last in _VOWELS or not last.isalpha():
        return None
    return folded[:-1]


@memo(1 << 16)
def _end_keys(word: str) -> frozenset[str]:
    """:func:`_end_key` as a set of keys (none or one)."""
    key = _end_key(word)
    return frozenset(() if key is None else (key,))
