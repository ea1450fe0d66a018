"""Fast rule-based sentence segmentation of the readable text of one paragraph.

One compiled regex finds the candidate boundaries (terminal punctuation, its closing quotes and
brackets, the whitespace after it; script terminators such as ``。`` that need no space; blank
lines), and a few dictionary look-ups per candidate decide whether it ends a sentence. There is
no per-character Python loop: segmenting ~150 KB of prose costs a few milliseconds, a small
fraction of parsing the wikitext it came from (see ``bench/segmenters.py`` and the design notes).

The decision for a full stop followed by whitespace, by what comes next:

* a lowercase letter, or punctuation that cannot start a sentence: no boundary;
* an uppercase or caseless letter, a digit, an opening quote or bracket: a boundary, unless the
  token before the stop is an abbreviation. "Strong" abbreviations (``Mr.``, ``e.g.``, ``vs.``,
  ``z. B.``) never end a sentence; "weak" ones (``etc.``, ``Inc.``, ``U.S.``, initials, German
  ordinals ``1.``) end one only before a typical sentence opener (``The``, ``He``, ``Die``, ``В``).

``!``, ``?`` and ellipses skip the abbreviation test. A boundary inside an opened bracket or
quotation whose closing mark follows soon is suppressed, so a quoted or parenthesised passage
stays inside its sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["split_sentences"]

# --- character classes -----------------------------------------------------------------------

# Terminators that need whitespace (or the end of text) after them.
_LATIN_TERMS = ".!?…‼⁇⁈⁉"
# Terminators that are unambiguous and need no space: CJK, Arabic/Urdu, Devanagari, Armenian,
# Ethiopic, Myanmar, Khmer, Greek question mark (U+037E).
_STRONG_TERMS = "。！？｡؟۔।॥։።။។\u037e"
# Marks that may close a sentence after its terminator: ``"no."``, ``(see above.)``, ``「…。」``.
_CLOSERS = "\"'”’“‘»›)]}」』）】〕〉》〗〙〛"
# Marks that may open a sentence (a boundary is allowed before them).
_OPENERS = "\"'“‘„‚«‹([{「『（【〔〈《¿¡"
# Symbols that may start a sentence like a digit does.
_NUMERIC_STARTS = "$£€¥₹#"

_CLOSE_RE = "[" + re.escape(_CLOSERS) + "]"


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: keeps the long word lists readable."""
    return frozenset(text.split())


def _candidate_regex(latin_terms: str) -> re.Pattern[str]:
    """A match starts at the first mark of a candidate. Groups, after that first character:
    1 the rest of a blank line, 2 the rest of a strong cluster, 3 the rest of a latin cluster,
    4 the whitespace after a latin cluster."""
    lat = "[" + re.escape(latin_terms) + "]"
    strong = "[" + re.escape(_STRONG_TERMS) + "]"
    first = "[\n" + re.escape(latin_terms + _STRONG_TERMS) + "]"
    # Starting with a plain character set lets the regex engine skip to candidates with its fast
    # charset scan (twice as fast as a leading look-ahead); the branches then re-check that first
    # character by look-behind. Possessive quantifiers and the "not after another terminator"
    # look-behind keep a long run of dots linear.
    return re.compile(
        rf"{first}(?:(?<=\n)([^\S\n]*\n)"
        rf"|(?<={strong})([{re.escape(_STRONG_TERMS)}!?]*+{_CLOSE_RE}*+)"
        rf"|(?<!{lat}{lat})(?<={lat})({lat}*+(?:{_CLOSE_RE}++{lat}++)*+{_CLOSE_RE}*+)(\s+|\Z))"
    )


_CANDIDATES = _candidate_regex(_LATIN_TERMS)
_CANDIDATES_EL = _candidate_regex(_LATIN_TERMS + ";")  # Greek question mark typed as ';'
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_NEXT_WORD = re.compile(r"(\w+)(\.?)")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,4}\.-?)+[^\W\d_]{1,4}")
_ROMAN = re.compile(r"[IVXLCDM]+")

# Languages that write ordinal numbers with a full stop ("am 1. September", "2. Weltkrieg").
# Without a language, only a day before a month name counts ("Channel 9. Adams" must split).
_ORDINAL_LANGS = _words("de da nb nn no sv fi is fo et lv lt ltg pl cs sk sl hr sr bs hu tr")
_MONTHS = _words(
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember"
)

# --- abbreviations ---------------------------------------------------------------------------
# Keys are lowercased, without the final dot and without inner spaces ("z. B." -> "z.b").
# STRONG: never ends a sentence. WEAK: ends one only before a typical sentence opener.
_STRONG, _WEAK = 1, 2

_STRONG_ABBREVIATIONS = """
mr mrs ms messrs mme mmes mlle mlles dr dra drs prof profs st sts ste mt mts rev revd hon
gen col lt capt cpt cmdr cdr sgt maj adm brig gov sen rep pres supt insp cpl pvt fr br
e.g i.e eg ie vs v viz cf ca c approx appr incl excl esp resp a.k.a aka
z.b d.h u.u bzw vgl sog ggf evtl inkl zzgl geb gest verh hl fa dipl ing bspw
s.o s.u d.ä d.j a.d i.d.r o.g zit
av env
sra srta ud uds p.ej sig dott avv
bijv o.a m.b.t d.w.z nl
t.ex bl.a f.d kl
esim
ún
tzw m.in ul św wg godz
т.е т.к т.н т.ч напр вж гр ул им пр см див ім т.зв
π.χ δηλ
"""

_WEAK_ABBREVIATIONS = """
etc al inc ltd co corp bros plc llc jr jnr snr sr esq ph.d ft hr hrs min max mm kb ns ok ill pl np
mio mrd ebd éd
no nos nr nrs vol vols pp p ch chap sec sect para op ed eds fig figs art arts tab abs bd hft jg
jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u u.s.a u.s.s.r d.c a.m p.m b.c a.d b.c.e c.e
usw u.a o.ä u.ä jh jhd jahrh chr v.chr n.chr hrsg
j.-c av.j.-c apr.j.-c
ecc pág núm ee.uu
enz blz
osv m.m
jne
stb sz
r tys
др гг тыс млн млрд т.д т.п н.э стр
κ.λπ π.χ μ.χ
dll dsb
î.hr d.hr
พ.ศ ค.ศ
"""

# Abbreviations whose case decides ("Ft. Worth" vs "6 ft. The").
_CASED_ABBREVIATIONS = {"Ft": _STRONG, "st": _WEAK}

# Capitalised words that typically open a sentence; a weak abbreviation ends a sentence only
# before one of these. Names that double as common words (May, Will, Grant) are left out.
_OPENER_WORDS = _words(
    """
    A An The This That These Those There Then Thus Today It Its He She His Her They Their Them
    We Our I In On At As After Before During Since Until When While Where Why How What Which Who
    However Although Though But And Or Nor So Yet Also Both Each Every Many Most Some Several
    Other Others Another One Two Three Four Five Six Seven Eight Nine Following Later
    Meanwhile Furthermore Moreover Nevertheless Instead Despite According Because If Unlike
    From For With Without By To Under Over Between Among About Around Throughout Within No Not
    Soon Shortly Eventually Initially Finally Subsequently Additionally Currently Previously
    Recently Originally Now Here Once Upon Prior Due Along Only Even Such Much Few All Any
    Neither Either Whether Whereas Unfortunately Consequently Therefore Hence Indeed Similarly
    Likewise Overall Generally Notably Historically Traditionally Together Afterwards Nonetheless
    Besides Still Perhaps Rather Being Having Through Across Against Beyond Towards Toward
    Der Die Das Den Dem Des Ein Eine Einer Eines Er Sie Es Wir Ihr Im Am Zum Zur Vom Beim Nach
    Vor Seit Bis Mit Bei Aus Auf Als Auch Dies Diese Dieser Dieses Damit Dabei Danach Dort Doch
    Jedoch Zudem Außerdem Heute Hier Nachdem Während Wegen Trotz Laut Zu Um Ab Ende Anfang
    Später Zuvor Danach Daher Deshalb Dennoch Trotzdem Allerdings Bereits Schon Erst Nur Sein
    Seine Ihre Viele Einige Alle Mehrere Zwei Drei Weitere Neben Unter Über Gegen Durch Ohne
    Wie Was Wo Wann Warum Obwohl Wenn Weil Dass Insgesamt Zwischen Innerhalb Gleichzeitig
    Inzwischen Mittlerweile Seitdem Somit So
    Les Un Une Il Elle Ils Elles On Ce Cette Ces En Dans Sur Pour Par Avec Depuis Puis
    Après Avant Lors Selon Mais Et Au Aux Son Sa Ses Leur Leurs Cependant Toutefois Ainsi
    Alors Enfin Entre Pendant Parmi Malgré Lorsque Quand Comme Dès Vers Sous
    Los Las Una Uno Ella Ellos Este Esta Estos Estas Con Desde Durante Tras Según Pero Y
    Sin Sobre Hacia Hasta Cuando Como Aunque Además Su Sus Esto Eso Hoy
    Gli Nel Nella Nei Negli Dal Dalla Questo Questa Dopo Secondo
    Het Een Hij Zij Ze Wij Deze Dit Tijdens Volgens Maar Ook Bij Op Uit Voor
    Det Ett Hon Vi Efter Sedan Enligt Men Och Som
    Se Hän Ne Vuonna Kun Myös
    W We Na Po Od Do Ten Ta To Jego Jej Ich Oni Według Jednak Już
    V Ve Na Po Od Do Tento Tato To Jeho Její Jejich Podle Avšak
    В Во На С Со По К Ко О Об От До За Из После Перед Также Однако Он Она Оно Они Это Этот Эта
    Эти Его Её Их Там Тогда Так Как Когда Хотя Но И А Согласно Сегодня Сейчас Кроме Среди Потом
    Затем Позже Ранее Впоследствии Здесь
    У З Із Після Протягом Це Цей Ця Ці Він Вона Воно Вони Його Її Місто Також Проте Але
    Тоа Тој Таа Тие Градот Од Со Во
    Ο Η Το Οι Τα Στο Στη Στην Στον Στα Με Μετά Από Ένα Μια Αυτό Αυτή Κατά Σήμερα Όταν
    """
)


def _abbreviation_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for kind, words in ((_WEAK, _WEAK_ABBREVIATIONS), (_STRONG, _STRONG_ABBREVIATIONS)):
        for word in words.split():
            table[word] = kind
    return table


_ABBREVIATIONS = _abbreviation_table()

# Paired marks: (opener, its closers). A boundary inside an open pair is suppressed when the pair
# closes within _PAIR_REACH characters (and no blank line intervenes).
_PAIRS = (
    ("(", ")"),
    ("[", "]"),
    ("（", "）"),
    ("“", "”"),
    ("„", "“”"),
    ("«", "»"),
    ("「", "」"),
    ("『", "』"),
)
_ANY_OPENER = re.compile("[" + re.escape("".join(o for o, _ in _PAIRS) + '"') + "]")
_PAIR_REACH = 400
# A straight double quote that is not inside a word: Hebrew acronyms (קמ"ר) are not quotations.
_STRAIGHT_QUOTE = re.compile(r'(?<!\w)"|"(?!\w)')
_PAIR_LOOKBACK = 1000
_TOKEN_WINDOW = 40


# --- the decision for one candidate ----------------------------------------------------------


class _Rules:
    """Language-dependent settings, built once per language."""

    __slots__ = ("candidates", "ordinals")

    def __init__(self, lang: str | None) -> None:
        base = (lang or "").lower().replace("_", "-").split("-")[0]
        self.candidates = _CANDIDATES_EL if base == "el" else _CANDIDATES
        self.ordinals = base in _ORDINAL_LANGS


@lru_cache(maxsize=64)
def _rules(lang: str | None) -> _Rules:
    return _Rules(lang)


def _token_before(text: str, end: int) -> tuple[str, str]:
    """The whitespace-delimited token ending at ``end`` and the token before it (or '')."""
    window = text[max(0, end - _TOKEN_WINDOW) : end]
    if not window or window[-1].isspace():
        return "", ""
    parts = window.rsplit(None, 2)
    token = parts[-1]
    previous = parts[-2] if len(parts) > 1 else ""
    return token, previous


def _abbreviation_kind(token: str, previous: str, rules: _Rules) -> int:
    """_STRONG, _WEAK or 0 (an ordinary word: the stop ends the sentence)."""
    if not token or token[-1] in _CLOSERS:
        return 0  # "(see below)." or '"Title".': a stop after a closed quotation
    token = token.lstrip(_OPENERS)
    if not token:
        return 0
    if len(token) <= 4 and previous.endswith(".") and len(previous) <= 4:
        kind = _ABBREVIATIONS.get((previous.lstrip(_OPENERS) + token).lower())
        if kind:
            return kind  # "z. B.", "v. Chr.", "т. е."
    if len(token) == 1 and token.isalpha():  # "c. 1900", "v." exact; initials: "George W. Bush"
        return _ABBREVIATIONS.get(token, _WEAK)
    kind = _CASED_ABBREVIATIONS.get(token) or _ABBREVIATIONS.get(token.lower())
    if kind:
        return kind
    if "." in token:
        return _WEAK if _DOTTED.fullmatch(token) else 0  # "U.S.S.R.", but not "example.com"
    if rules.ordinals and token.isdigit() and len(token) <= 3:
        return _WEAK  # "am 1. September", "der 2. Weltkrieg"
    if rules.ordinals and _ROMAN.fullmatch(token):
        return _WEAK  # "Ludwig XIV. König"
    return 0


def _opens_sentence(text: str, pos: int) -> bool:
    """Is the word at ``pos`` (after any opening marks) a typical sentence opener?"""
    n = len(text)
    while pos < n and text[pos] in _OPENERS:
        pos += 1
    m = _NEXT_WORD.match(text, pos)
    if not m or (m.group(2) and len(m.group(1)) == 1):
        return False  # an initial follows: "J. R. R. Tolkien", "z. B."
    return m.group(1) in _OPENER_WORDS


def _month_follows(text: str, pos: int) -> bool:
    """Is the word at ``pos`` a capitalised month name ("am 1. September", in any language)?"""
    m = _NEXT_WORD.match(text, pos)
    return bool(m) and m.group(1) in _MONTHS


def _next_kind(c: str) -> int:
    """0: cannot start a sentence; 1: a letter or opening mark; 2: a digit or number sign."""
    if c.isalpha():
        return 0 if c.islower() else 1
    if c.isdigit() or c in _NUMERIC_STARTS:
        return 2
    return 1 if c in _OPENERS else 0


def _full_stop_ends(text: str, stop: int, nxt: int, next_kind: int, rules: _Rules) -> bool:
    """Does the single full stop at ``stop`` end the sentence, given what starts at ``nxt``?"""
    token, previous = _token_before(text, stop)
    kind = _abbreviation_kind(token, previous, rules)
    if not kind:  # an ordinary word ends the sentence, but not inside a date "31. 8. 1993"
        if token.isdigit() and len(token) <= 2:
            return not ((next_kind == 2 and rules.ordinals) or _month_follows(text, nxt))
        return True
    if kind == _STRONG or next_kind == 2:
        return False  # "Mr. Smith", "No. 5", "ca. 1900", "p. 12"
    return _opens_sentence(text, nxt)


def _inside_pair(text: str, start: int, end: int) -> bool:
    """Is ``end`` inside a bracket or quotation opened since ``start`` that closes soon?"""
    start = max(start, end - _PAIR_LOOKBACK)  # bounded: a long run of suppressed cuts stays linear
    if _ANY_OPENER.search(text, start, end) is None:
        return False
    segment = text[start:end]
    for opener, closers in _PAIRS:
        opened = segment.count(opener)
        if (
            opened
            and opened > sum(map(segment.count, closers))
            and _closes_soon(text, end, closers)
        ):
            return True
    if '"' in segment and len(_STRAIGHT_QUOTE.findall(segment)) % 2:
        closing = _STRAIGHT_QUOTE.search(text, end, end + _PAIR_REACH)
        return closing is not None and _BLANK_LINE.search(text, end, closing.start()) is None
    return False


def _closes_soon(text: str, pos: int, closers: str) -> bool:
    limit = pos + _PAIR_REACH
    found = [j for j in (text.find(c, pos, limit) for c in closers) if j != -1]
    return bool(found) and _BLANK_LINE.search(text, pos, min(found)) is None


# --- the public function ---------------------------------------------------------------------


def _cuts(text: str, rules: _Rules) -> list[int]:
    """Offsets where one sentence ends and the next may begin (whitespace is trimmed later)."""
    cuts: list[int] = []
    last = 0
    n = len(text)
    for m in rules.candidates.finditer(text):
        blank, strong, _rest, space = m.groups()
        start = m.start()
        if blank is not None:
            cut = start
        elif strong is not None:
            cut = m.end()
            if cut >= n or not _strong_ends(text, cut):
                continue
        else:
            cut = m.end(3)
            nxt = m.end()
            if nxt >= n:
                continue
            if "\n" in space and _BLANK_LINE.search(space):
                cuts.append(cut)
                last = cut
                continue
            if not _latin_ends(text, start, text[start:cut], nxt, rules):
                continue
        if blank is None and _inside_pair(text, last, cut):
            continue
        cuts.append(cut)
        last = cut
    return cuts


def _strong_ends(text: str, cut: int) -> bool:
    """``。`` etc. end a sentence unless a closing quote after them continues it: 「…。」と."""
    if text[cut - 1] not in _CLOSERS:
        return True
    c = text[cut]
    return c.isspace() or c in _STRONG_TERMS


def _latin_ends(text: str, start: int, cluster: str, nxt: int, rules: _Rules) -> bool:
    """Decide one ``.!?…`` cluster followed by whitespace and the character at ``nxt``."""
    next_kind = _next_kind(text[nxt])
    if not next_kind:
        return False  # lowercase or other punctuation: "etc. and", "... then", "!" he said
    if cluster.rstrip(_CLOSERS) != ".":
        return True  # "!", "?", "…", "...", and the Greek question mark
    return _full_stop_ends(text, start, nxt, next_kind, rules)


def split_sentences(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Half-open (start, end) character spans of the sentences of `text`, leading/trailing
    whitespace excluded from each span, in order, non-overlapping."""
    if not text or text.isspace():
        return []
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*_cuts(text, _rules(lang)), len(text)]:
        piece = text[begin:cut]
        body = piece.lstrip()
        if body:
            lead = len(piece) - len(body)
            spans.append((begin + lead, begin + len(piece.rstrip())))
        begin = cut
    return spans
