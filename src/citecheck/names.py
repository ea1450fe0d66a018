"""Proper names: the mention value, and how two spellings of one name are told apart.

Pure values and functions, shared by the parser (:mod:`citecheck.parsing.names`) and the rule
(:mod:`citecheck.rules.name_variant`). Nothing here knows any particular name: variants are found
by folding spellings to keys, so that candidates meet by hashing, never by a list of known pairs.

* :func:`fold` lowercases and strips diacritics (``Zełenski`` → ``zelenski``);
* :func:`skeleton_keys` also folds the letters that transliterations of one sound disagree on
  (y/j, ts/c/tz/z, kh/h/ch, ch/tsch/cz/č, sh/sch/sz/š, zh/ž, v/w, e/ye/je, ou/u, ph/f,
  -sky/-ski…), so
  ``Yeltsin`` and ``Jelcin`` share a key;
* :func:`classify` says whether two words are variants, and how: ``diacritics``,
  ``transliteration`` or ``misspelling`` (one edit, not at the start or the end of the word,
  where different names and inflected forms differ: Iran/Iraq, Sweden/Swedes, Mali/Malta).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Literal

import attrs

from .spans import Span

NameKind = Literal["link-target", "link-text", "prose", "author", "infobox"]
SHOWN_KINDS: tuple[NameKind, ...] = ("prose", "link-text", "infobox")
"""Mentions that are what the reader sees (not a link's target, not a citation's author)."""
VariationKind = Literal["transliteration", "diacritics", "misspelling", "listed"]
"""``listed``: declared as a variant in the user's lexicon, whatever the letters."""


@attrs.frozen
class NameMention:
    """A proper name as the article writes it."""

    span: Span
    """Exact input offsets: the words in prose; the whole ``[[…]]`` for a link; the parameter
    values of a citation's author; the value of an infobox field."""
    text: str
    """The name as written, markup removed (``Boris Jelcin``); authors as ``First Last``."""
    kind: NameKind
    target: str | None = None
    """For a link: its target title (the wiki's canonical spelling)."""
    claim: str | None = None
    """The claim (sentence) it is part of, if any."""


@attrs.frozen
class Variation:
    """How one spelling differs from another."""

    kind: VariationKind
    differences: tuple[tuple[str, str], ...]
    """The letters that differ, as (in the first word, in the second): ``(("j", "y"),
    ("c", "ts"))``; ``""`` for a letter the other word lacks."""

    def describe(self) -> str:
        """``transliteration j/y, c/ts``"""
        diffs = ", ".join(f"{a or '–'}/{b or '–'}" for a, b in self.differences)
        return f"{self.kind} {diffs}" if diffs else self.kind


# -- folding -----------------------------------------------------------------------------------

# Letters NFD does not decompose, folded as a reader would when the diacritic is dropped.
_FOLD_SPECIAL = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss",
    "æ": "ae", "œ": "oe", "þ": "th", "ŧ": "t", "’": "'",
}
_fold_chars: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    folded = _fold_chars.get(ch)
    if folded is None:
        folded = _FOLD_SPECIAL.get(ch)
        if folded is None:
            base = unicodedata.normalize("NFD", ch)
            # Cyrillic й and ё are letters of their own (мой/мои), not diacritics to drop.
            folded = base[0] if base[0] != ch and ord(base[0]) < 0x400 else ch
        _fold_chars[ch] = folded
    return folded


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lowercased, diacritics stripped (Latin and Greek): ``Čajkovskij`` → ``cajkovskij``."""
    low = word.lower()
    if low.isascii():
        return low
    return "".join(ch if ch < "\x80" else _fold_char(ch) for ch in low)


# -- skeleton ----------------------------------------------------------------------------------
# Symbols (upper case in an otherwise lower-case key): C the sound of č, S of š, X of ž, Z of ц,
# H of х, J of the consonant y/j; Q stands for "ch", read both as č (English) and as х (German,
# Polish, Czech): a word with "ch" has two keys.

_SKEL_PRE = str.maketrans({
    "č": "C", "ć": "C", "ç": "C", "š": "S", "ś": "S", "ş": "S", "ș": "S", "ž": "X", "ż": "X",
    "ź": "X", "ț": "Z", "ţ": "Z", "ä": "ae", "ö": "oe", "ü": "ue",
})
_SKEL_UNITS = {
    "shch": "SC", "tsch": "C", "tch": "C", "sch": "S", "cz": "C", "cs": "C", "sh": "S",
    "sz": "S", "zh": "X", "kh": "H", "ch": "Q", "ck": "k", "ts": "Z", "tz": "Z", "ou": "u",
    "ph": "f",
    "ye": "e", "je": "e", "c": "Z", "z": "Z", "h": "H", "w": "v", "y": "J", "j": "J",
}
# ye/je is e only inside a word (Dostoevsky, Dostojewski): Jesse is no variant of Esse.
_SKEL_UNIT = re.compile(
    "(?<!^)(?:ye|je)|" + "|".join(sorted(set(_SKEL_UNITS) - {"ye", "je"}, key=len, reverse=True))
)
# -sky, -ski, -skiy, -skij, -skyy, -skii: one ending.
_SKEL_SKI = re.compile(r"sk(?:iJ|JJ|Ji|ii|J|i)$")
# ё after a hushing consonant: Gorbachev, Gorbachov, Gorbatschow.
_SKEL_YO = re.compile(r"([CSXQ])(?:Jo|io|o)(v)$")
# y/j after a vowel and not before one is a glide: Tchaikovsky, Čajkovskij.
_SKEL_GLIDE = re.compile(r"(?<=[aeiou])J(?![aeiou])")
_LATIN = re.compile(r"^[a-zà-ɏḀ-ỿ'’-]+$")


def _skel_unit(m: re.Match[str]) -> str:
    return _SKEL_UNITS[m.group()]


@lru_cache(maxsize=1 << 16)
def skeleton_keys(word: str) -> tuple[str, ...]:
    """The transliteration keys of a Latin-script word (one, or two when it holds "ch");
    ``()`` for another script, where transliteration does not apply."""
    low = word.lower()
    if not _LATIN.match(low):
        return ()
    low = low.translate(_SKEL_PRE).replace("'", "").replace("’", "")
    if not low.isascii():
        low = "".join(ch if ch < "\x80" or ch.isupper() else _fold_char(ch) for ch in low)
    key = _SKEL_UNIT.sub(_skel_unit, low)
    # the rarer rules only where their letters are (a third of the cost otherwise)
    if "sk" in key:
        key = _SKEL_SKI.sub("ski", key)
    if key[-1:] == "v":
        key = _SKEL_YO.sub(r"\1e\2", key)
    elif key[-3:] == "off":
        key = key[:-3] + "ov"
    if "J" in key:
        key = _SKEL_GLIDE.sub("i", key)
    if "Q" in key:
        return (key.replace("Q", "C"), key.replace("Q", "H"))
    return (key,)


# -- similarity --------------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a transposition is one edit), capped at ``limit``."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ca = a[i - 1]
        best = cur[0]
        for j in range(1, lb + 1):
            cb = b[j - 1]
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[lb], limit)


def deletion_keys(word: str) -> tuple[str, ...]:
    """``word`` and every string one deletion away: two words within one edit share a key."""
    return (word, *{word[:i] + word[i + 1 :] for i in range(len(word))})


@lru_cache(maxsize=1 << 12)
def differences(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """The aligned runs of letters that differ between ``a`` and ``b``."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return tuple(
        (a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    )


MIN_LENGTH = 5
"""Shorter words are too alike by chance (Jan/Yan, Kiev/Kyiv/Kyjiw, Hiến/Chiến) to call variants."""
MIN_MISSPELLING_LENGTH = 5
"""One edit turns a short name into another name (John/Joan, Iran/Iraq, Mali/Malta)."""


def classify(a: str, b: str) -> Variation | None:
    """How ``b`` varies ``a`` (two single words), or ``None`` when they are not variants.

    Diacritics: equal once folded. Transliteration: a shared skeleton key. Misspelling: one edit
    (insertion, deletion, substitution or transposition) inside a word of five letters or more;
    an edit at the first or the last letter is not one, because that is where distinct names
    (Prussia/Russia, Sweden/Swedes, Paris/Parish, Christian/Christina) and inflections
    (Jelcyna/Jelcynie) differ.
    """
    kind = variation_kind(a, b)
    if kind is None:
        return None
    la, lb = a.lower().replace("’", "'"), b.lower().replace("’", "'")
    return Variation(kind, differences(la, lb))


@lru_cache(maxsize=1 << 14)
def variation_kind(a: str, b: str) -> VariationKind | None:
    """The kind of :func:`classify`'s variation, without aligning the letters (which costs more
    than the rest: a rule that weighs many candidate pairs aligns only the ones it reports).
    Remembered, as :func:`differences` is: the versions of an audit weigh the same pairs."""
    if a == b:
        return None
    fa, fb = fold(a), fold(b)
    la, lb = a.lower(), b.lower()
    la, lb = la.replace("’", "'"), lb.replace("’", "'")
    if la == lb or la.replace("-", "") == lb.replace("-", ""):
        return None  # only the letter case, an apostrophe or a hyphen differs
    if min(len(fa), len(fb)) < MIN_LENGTH:
        return "misspelling" if misspelled(la, lb) else None
    if fa == fb:
        return "diacritics"
    ka, kb = skeleton_keys(a), skeleton_keys(b)
    if ka and kb and not set(ka).isdisjoint(kb):
        return "transliteration"
    if misspelled(la, lb):
        return "misspelling"
    return None


def edit_margins(a: str, b: str) -> tuple[int, int]:
    """How many letters ``a`` and ``b`` share at their start and at their end (not overlapping)."""
    limit = min(len(a), len(b))
    start = 0
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def misspelled(a: str, b: str) -> bool:
    """Lower-cased ``a`` and ``b`` differ by one edit inside the word (see :func:`classify`);
    a changed diacritic counts as an edit, so Wälder is two edits from Walter. A dropped letter
    may leave four (Noth for North)."""
    if max(len(a), len(b)) < MIN_MISSPELLING_LENGTH or min(len(a), len(b)) < MIN_LENGTH - 1:
        return False
    if abs(len(a) - len(b)) > 1 or (len(a) == len(b) and len(a) < MIN_MISSPELLING_LENGTH):
        return False
    start, end = edit_margins(a, b)
    if start == 0 or end == 0:
        return False
    return _one_edit(a[start : len(a) - end], b[start : len(b) - end])


def _one_edit(x: str, y: str) -> bool:
    """What two words keep between their shared start and end (:func:`edit_margins`) is one
    edit: a letter replaced, added or dropped, or two neighbours swapped (``edit_distance == 1``
    without the table)."""
    lx, ly = len(x), len(y)
    if lx + ly <= 2:
        return lx + ly > 0 and lx <= 1 and ly <= 1
    return lx == ly == 2 and x[0] == y[1] and x[1] == y[0] and x[0] != x[1]


def misspelled_at_end(a: str, b: str) -> bool:
    """Lower-cased ``a`` and ``b`` (five letters or more) differ only in their last letter: one
    replaced, added or dropped (Greek/Greec, Europe/Europ). :func:`classify` never calls this a
    misspelling, because that is where inflections and other names differ (Sweden/Swedes,
    Paris/Parish); the rule accepts it only with evidence that the ending is a slip."""
    if min(len(a), len(b)) < MIN_LENGTH or a == b:
        return False
    if len(a) == len(b):
        return a[:-1] == b[:-1]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(long_) == len(short) + 1 and long_[:-1] == short


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ELISION = re.compile(r"^(?:[lLdD]|[dD]ell|[aA]ll|[sS]ull|[nN]ell|[qQ]u)['’](?=[^\W\d_])")


@lru_cache(maxsize=1 << 15)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name: a hyphenated compound is one word (Sainte-Marie is not Marie), an
    elided article (l'Autriche, d'Alembert) and a possessive 's are dropped."""
    words = _WORD.findall(name)
    if "'" not in name and "’" not in name:
        return tuple(words)
    return tuple(_strip(w) for w in words)


def _strip(word: str) -> str:
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        word = word[:-2]
    if "'" in word or "’" in word:
        word = _ELISION.sub("", word)
    return word


def classify_names(a: str, b: str) -> Variation | None:
    """How the name ``b`` varies ``a`` (whole names, word by word), or ``None``.

    The names must have as many words, and every differing word must be a variant. A misspelt
    first name before the same surname is another person (Marc Taylor, Mark Taylor): ``None``.
    """
    wa, wb = name_words(a), name_words(b)
    if len(wa) != len(wb) or wa == wb:
        return None
    found: list[Variation] = []
    for i, (x, y) in enumerate(zip(wa, wb)):
        if x == y:
            continue
        variation = classify(x, y)
        if variation is None:
            return None
        if variation.kind == "misspelling" and i < len(wa) - 1:
            return None
        found.append(variation)
    kinds = {v.kind for v in found}
    kind = "misspelling" if "misspelling" in kinds else (
        "transliteration" if "transliteration" in kinds else "diacritics"
    )
    return Variation(kind, tuple(d for v in found for d in v.differences))  # type: ignore[arg-type]


# -- lexicon -----------------------------------------------------------------------------------


@attrs.frozen
class Lexicon:
    """User-supplied canonical spellings (``names_lexicon``), word by word."""

    canonical: frozenset[str] = frozenset()
    """Words of the canonical names."""
    variants: tuple[tuple[str, str], ...] = ()
    """Declared (variant word, canonical word) pairs."""

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> Lexicon:
        """Entries are ``Canonical Name`` or ``Variant Name => Canonical Name``."""
        canonical: set[str] = set()
        variants: list[tuple[str, str]] = []
        for entry in entries:
            variant, sep, name = entry.partition("=>")
            if not sep:
                name, variant = variant, ""
            words = name_words(name)
            canonical.update(words)
            if variant.strip():
                vwords = name_words(variant)
                if len(vwords) == len(words):
                    variants.extend((v, w) for v, w in zip(vwords, words) if v != w)
                elif len(vwords) == 1 and words:
                    variants.append((vwords[0], words[-1]))
        return cls(frozenset(canonical), tuple(dict.fromkeys(variants)))


def parse_lexicon(text: str) -> tuple[str, ...]:
    """The entries of a lexicon file: one name (or ``variant => canonical``) a line, ``#``
    comments and blank lines skipped."""
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(" ".join(line.split()))
    return tuple(entries)


__all__ = [
    "Lexicon",
    "NameKind",
    "NameMention",
    "Variation",
    "VariationKind",
    "classify",
    "classify_names",
    "deletion_keys",
    "differences",
    "edit_distance",
    "edit_margins",
    "fold",
    "misspelled",
    "misspelled_at_end",
    "name_words",
    "parse_lexicon",
    "skeleton_keys",
    "variation_kind",
]


def written_as_word(text: str, word: str, edge: Callable[[str], bool] = str.isalpha) -> bool:
    """``word`` occurs in ``text`` as a word of its own: no character for which ``edge`` holds
    touches it on either side (letters by default; ``str.isalnum`` for digits too)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and edge(text[at - 1])) and not (end < len(text) and edge(text[end])):
            return True
        at = text.find(word, end)
    return False
