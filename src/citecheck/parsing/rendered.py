"""Rendered text: what a reader copies from a rendered Wikipedia page, reference markers kept.

There is no markup to trust, only layout. Each line is a paragraph (a line that stops without
punctuation before a lowercase line is wrapped text); a short line without final punctuation, or
one ending in an ``[edit]`` trailer, is a heading; references are ``[12]``, ``[a]``, ``[note 1]``
markers and, when it was pasted too, the reference list is a run of ``1. ^ …`` / ``^ a b …``
lines. Everything is recognised line by line with precompiled regexes, so parsing stays linear.

Markers are removed from the readable text and placed as anchors, so :func:`sentences` binds each
one to the sentence it follows exactly as it does for wikitext. References are identified by
(group, label), as a reader sees them; their number is the label decoded (``c`` is 3, ``iv`` 4).
A bracketed letter is a marker only where the page uses letter notes and it follows text, so an
editorial ``[my]`` or ``[sic]`` stays text. A list whose numbering starts again at 1 belongs to
another marker group (``[A 1]`` after ``[1]``).

Before the line pass the wiki language is guessed (unless given) from what the page shows: the
section-edit trailers, the tagline, the appendix titles and the script; sentence splitting uses it
("im 2. Weltkrieg" does not end a German sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import (
    Article,
    Claim,
    InlineTag,
    Paragraph,
    ParagraphKind,
    Reference,
    ReferenceList,
    RefTag,
    RenderedNote,
    Section,
    SectionKind,
)
from ..spans import LineIndex, Span
from .languages import SUPPORTED, table_for
from .numbering import label as format_label
from .paragraphs import ParagraphText, is_claim_text, sentences

__all__ = ["looks_rendered", "parse_rendered"]

_SNIFF_CHARS = 20_000
_MAX_HEADING_WORDS = 10
_MAX_HEADING_CHARS = 100
_MAX_CJK_HEADING_CHARS = 30

# --- characters ----------------------------------------------------------------------------

_SENTENCE_END = ".!?…。！？｡؟।"
_HARD_END = _SENTENCE_END + ":;"
_CLOSERS = "\"'”’»›)]}」』）】"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_LETTER = re.compile(r"[^\W\d_]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# --- markers and inline tags ---------------------------------------------------------------

_MARK = re.compile(
    r"\[(?:"
    r"(?P<num>\d{1,4})"
    r"|(?P<grp>[^\W\d_][\w.\-]{0,24}) (?P<gnum>\d{1,4})"
    r"|(?P<low>[a-z]{1,2}|[ivxlc]{3,7})"
    r"|(?P<up>[A-Z]{1,2}|[IVXLC]{3,7})"
    r"|(?P<greek>[α-ω])"
    r"|(?P<other>[^\[\]\r\n]{2,60})"
    r")\]"
)
# A page number shown after a marker by {{rp}}: "[3]: 12", "[3]:12–14".
_RP = re.compile(r":\s?(?:pp?\.\s?)?\d+(?:[–\-]\d+)?(?:,\s?\d+(?:[–\-]\d+)?)*(?=\W|\Z)")
_ROMAN_NUMERAL = re.compile(
    r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"
# Bracketed "word N" that is a citation of a page or chapter, not a marker of a note group.
_NOT_GROUPS = frozenset(
    [
        "p",
        "p.",
        "pp",
        "pp.",
        "page",
        "pages",
        "chapter",
        "ch.",
        "vol",
        "vol.",
        "fig",
        "fig.",
        "figure",
        "table",
    ]
)

# Inline maintenance tags as rendered ("[citation needed]", "[which?]"), matched lowercased with
# spaced dashes as " - ". Kinds follow the wikitext parser (``languages.py``): the rules know
# the first twelve; the others are named after the template.
_TAG_KINDS: tuple[tuple[str, str], ...] = (
    (
        "citation-needed",
        (
            r"(?:medical )?citation needed|citation required|réf\. (?:nécessaire|souhaitée)"
            r"|référence nécessaire|cita requerida|se necesita cita|carece de fontes\??"
            r"|citação necessária|источник не указан(?: \d+ \w+)?|нет источника|джерело\?"
            r"|要出典|来源请求|來源請求|需要來源|senza fonte|bron\?|potrzebny przypis"
            r"|källa behövs|lähde\?|beleg fehlt|belege fehlen|cần dẫn nguồn"
        ),
    ),
    ("dubious", r"dubious(?: - discuss)?"),
    ("disputed-inline", r"disputed(?: - discuss)?"),
    (
        "failed-verification",
        (
            r"(?:failed verification|not in (?:the )?(?:citation|source|reference) given"
            r"|not in source)(?: - see discussion)?"
        ),
    ),
    (
        "better-source-needed",
        r"better source(?: needed)?|non-primary source needed|third-party source needed",
    ),
    ("dead-link", r"(?:permanent )?dead link"),
    ("unreliable-source", r"unreliable (?:medical |fringe )?source\??"),
    ("self-published-source", r"self-published source\??"),
    ("verification-needed", r"verification needed"),
    ("page-needed", r"pages? needed|page number needed"),
    ("full-citation-needed", r"full citation needed"),
    ("original-research-inline", r"original research\??|improper synthesis\??"),
    ("clarify", r"clarification needed|clarify"),
    ("which", r"which\?"),
    ("specify", r"specify"),
    ("how", r"how\?"),
    ("why", r"why\?"),
    ("where", r"where\?"),
    ("when", r"when\?"),
    ("who", r"whom?\?"),
    ("by-whom", r"by whom\?"),
    ("according-to-whom", r"according to whom\?"),
    ("year-needed", r"year needed"),
    ("vague", r"vague"),
    ("neutrality-disputed", r"neutrality is disputed"),
    ("quotation-needed", r"need quotation to verify|quotation needed"),
    ("example-needed", r"examples? needed"),
    ("definition-needed", r"definition needed"),
    ("further-explanation-needed", r"further explanation needed"),
    ("quantify", r"quantify"),
    ("update-needed", r"needs update|update needed"),
    ("irrelevant-citation", r"irrelevant citation"),
    ("attribution-needed", r"attribution needed"),
    ("weasel-words", r"weasel words"),
    ("peacock-prose", r"peacock prose|peacock term"),
)
_TAG = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_TAG_KINDS)))
_TAG_KIND_BY_GROUP = {f"k{i}": kind for i, (kind, _) in enumerate(_TAG_KINDS)}
_SPACED_DASH = re.compile(r"\s+[–—−-]\s+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")

# --- line kinds ----------------------------------------------------------------------------

# One item of a section-edit trailer: "[edit]", "[modifier | modifier le code]", "[править]"…
_EDIT_ITEM = (
    r"(?:edit(?: source)?|modifier(?: le code)?|modifica(?: wikitesto)?|(?:quelltext )?bearbeiten"
    r"|editar(?: código(?:-fonte)?| código fuente| fonte)?|править(?: код)?|редагувати(?: код)?"
    r"|(?:brontekst )?bewerken|edytuj(?: kod)?|redigera(?: wikitext)?|rediger(?: kilde)?"
    r"|muokkaa(?: wikitekstiä)?|ソースを編集|編集|编辑(?:源代码)?|編輯(?:原始碼)?|(?:원본 )?편집"
    r"|sửa(?: mã nguồn)?|düzenle|kaynağı değiştir|(?:forrásszöveg )?szerkesztése?"
    r"|upravit(?: zdroj)?|uredi(?: izvor)?|уреди(?: извор)?|редактиране(?: на кода)?"
    r"|επεξεργασία(?: κώδικα)?|עריכה|עריכת קוד מקור|تعديل(?: مصدري)?|ویرایش(?: مبدأ)?"
    r"|แก้ไข(?:ต้นฉบับ)?|sunting(?: sumber)?|modificare(?: sursă)?|ред(?:\.|актировать))"
)
_EDIT_TRAILER = re.compile(rf"\[\s*{_EDIT_ITEM}(?:\s*\|\s*{_EDIT_ITEM})*\s*\]", re.IGNORECASE)

_HATNOTE = re.compile(
    r"[→⇒]?\s*(?:"
    r"(?:See also|Main articles?|Further information|Related articles?|Voir aussi"
    r"|Articles? détaillés?|Articles? connexes?|Hauptartikel|Siehe auch|Artículos? principal(?:es)?"
    r"|Véase también|Artigos? principa(?:l|is)|Ver também|Voce principale"
    r"|Основн(?:ая|ые) стать(?:я|и)"
    r"|См\. также|Zobacz też|Osobny artykuł|Zie ook|Hoofdartikel|主条目|主條目|参见|參見)\s*[:：]"
    r"|This article is about |For other uses,? see |For other uses of |For the .{1,80}, see "
    r"|Not to be confused with |\".{1,80}\" redirects here|詳細は「"
    r")",
    re.IGNORECASE,
)
# The site's tagline, shown right under the page title, by language.
_TAGLINES: tuple[tuple[str, str], ...] = (
    ("en", r"From Wikipedia, the free encyclopedia"),
    ("de", r"Aus Wikipedia, der freien Enzyklopädie"),
    ("fr", r"Un article de Wikipédia, l['’]encyclopédie libre\.?"),
    ("es", r"De Wikipedia, la enciclopedia libre"),
    ("pt", r"Origem: Wikipédia, a enciclopédia livre\.?"),
    ("ru", r"Материал из Википедии — свободной энциклопедии"),
    ("uk", r"Матеріал з Вікіпедії — вільної енциклопедії"),
    ("ja", r"出典: フリー百科事典.*"),
    ("zh", r"维基百科，自由的百科全书|維基百科，自由的百科全書"),
    ("it", r"Da Wikipedia, l['’]enciclopedia libera\.?"),
    ("nl", r"Van Wikipedia, de vrije encyclopedie"),
    ("pl", r"Z Wikipedii, wolnej encyklopedii"),
    ("sv", r"Från Wikipedia, den fria encyklopedin"),
    ("fi", r"Wikipediasta, vapaasta tietosanakirjasta"),
    ("cs", r"Z Wikipedie, otevřené encyklopedie"),
    ("tr", r"Vikipedi, özgür ansiklopedi"),
)
_TAGLINE = re.compile("|".join(f"(?P<{lang}>{p})" for lang, p in _TAGLINES), re.IGNORECASE)
# The table of contents: its entries are short lines ("1 History", "1.1 Early years").
_TOC_START = re.compile(
    r"Contents|Inhaltsverzeichnis|Inhalt|Sommaire|Índice|Содержание|目次|目录|目錄|Spis treści"
    r"|Inhoud|Indice|Innehåll|Sisällysluettelo",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"(?:Jump to (?:navigation|search|content)"
    r"|\(Redirected from .*\)|Coordinates\s*:.*|hide|show|\(Top\)|Toggle .*"
    r"|Article|Talk|Read|Edit|Edit source|View history|Tools|Article Talk"
    r"|Read Edit(?: source)? View history|\d+ languages?|Add languages|Listen to this article"
    r"|Retrieved from .*|This page was last edited on .*"
    r"|Text is available under the Creative Commons.*|(?:Hidden )?Categories?\s*:.*"
    r"|Find sources\s*:.*|.*Learn how and when to remove this (?:template )?message.*"
    r"|Wikimedia Commons has media related to .*"
    r"|(?:This|The) (?:article|section|list|biography)\b.*"
    r"(?:Please help|help improve|may be challenged|does not cite any sources"
    r"|needs additional citations).*)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"[•◦▪‣∙*·\-–]\s+")
# A reference-list entry: "1. ^ …", "a. ^ …", "^ …", "↑ …", "^ Jump up to: a b …".
_NOTE_ENTRY = re.compile(
    r"(?:(?P<label>\d{1,4}|[a-z]{1,3}|[A-Z]{1,3})[.)]\s*)?[\^↑]\s*"
    r"(?:Jump up(?: to)?:?\s*(?:\^\s*)?)?"
)
_NUMBERED_ENTRY = re.compile(r"(?P<label>\d{1,4})[.)]\s+")
# Back-links of a note used several times: "a b c", "a, b et c", "1,0 1,1".
_BACKLINK = re.compile(r"([a-z]{1,2}|\d{1,3}[,.]\d{1,3})(?:,?\s+(?:(?:et|and|und|y|e|i|и)\s+)?)")
# Words compared between a list's introducing line and the text around a group's markers.
_CONTEXT_WORD = re.compile(r"[^\W\d_]{4,}")
_CONTEXT_MARKERS = 10
_TRAILING_MARKS = re.compile(r"(?:\s*\[[^\[\]\r\n]{1,60}\])+\Z")

# --- section names -------------------------------------------------------------------------


def _names(names: str) -> frozenset[str]:
    """A set of casefolded section names written as ``a|b|c`` over several lines."""
    return frozenset(n.strip().casefold() for n in names.split("|") if n.strip())


_REFERENCE_TITLES = _names(
    """references|notes|sources|bibliography|citations|footnotes|notes and references
    |references and notes|notes and citations|citations and notes|works cited|cited works
    |general references|explanatory notes|reference notes|endnotes|source notes|sources cited
    |einzelnachweise|anmerkungen|quellen|belege|nachweise|anmerkungen und einzelnachweise
    |références|notes et références|bibliographie|sources et bibliographie
    |referencias|notas|notas y referencias|bibliografía|fuentes
    |referências|notas e referências|bibliografia|fontes
    |примечания|литература|источники|примітки|джерела|література
    |脚注|出典|参考文献|注釈|参考资料|注释|參考資料|參考文獻|註釋|來源
    |note|riferimenti|note e riferimenti|voetnoten|referenties|bronnen|noten|bronvermelding
    |przypisy|källor|fotnoter|noter|referenser|referanser|kilder|viitteet|lähteet
    |kaynakça|dipnotlar|hivatkozások|jegyzetek|poznámky|reference|zdroje
    |tham khảo|chú thích|المراجع|مراجع|هوامش|הערות שוליים|מקורות|참고 문헌|각주
    |referensi|catatan"""
)
_NONPROSE_TITLES = _names(
    """see also|external links|further reading|external link|related articles|gallery
    |weblinks|siehe auch|literatur|voir aussi|liens externes|articles connexes
    |lectures complémentaires|véase también|enlaces externos|ver también|ver também
    |ligações externas|links externos|см. также|ссылки|див. також|посилання
    |関連項目|外部リンク|参见|外部链接|參見|外部連結|voci correlate|collegamenti esterni
    |altri progetti|zie ook|externe links|zobacz też|linki zewnętrzne|se även
    |externa länkar|se også|eksterne lenker|katso myös|aiheesta muualla"""
)
_REFERENCE_TITLE_MIX = re.compile(
    r"(?:(?:notes?|references?|citations?|footnotes?|sources?|bibliography|works cited)"
    r"(?:\s*(?:and|&|,)\s*|\s*\Z))+",
    re.IGNORECASE,
)
_NOTES_TITLE = re.compile(
    r"(?:explanatory |general )?(?:notes?|footnotes?|anmerkungen|notas?|примечания|注釈|註釋|注释"
    r"|remarques|nb)\b",
    re.IGNORECASE,
)


def _section_kind(title: str) -> SectionKind:
    key = " ".join(title.split()).casefold()
    if key in _NONPROSE_TITLES:
        return "nonprose"
    if key in _REFERENCE_TITLES or _REFERENCE_TITLE_MIX.fullmatch(key):
        return "references"
    return "body"


# --- language ------------------------------------------------------------------------------

# The items of a section-edit trailer by wiki language ("[Bearbeiten | Quelltext bearbeiten]").
_EDIT_LANGS: dict[str, tuple[str, ...]] = {
    "edit": ("en",),
    "edit source": ("en",),
    "modifier": ("fr",),
    "modifier le code": ("fr",),
    "modifica": ("it",),
    "modifica wikitesto": ("it",),
    "bearbeiten": ("de",),
    "quelltext bearbeiten": ("de",),
    "editar": ("es", "pt"),
    "editar código": ("es",),
    "editar código fuente": ("es",),
    "editar código-fonte": ("pt",),
    "editar fonte": ("pt",),
    "править": ("ru",),
    "править код": ("ru",),
    "ред.": ("ru",),
    "редактировать": ("ru",),
    "редагувати": ("uk",),
    "редагувати код": ("uk",),
    "bewerken": ("nl",),
    "brontekst bewerken": ("nl",),
    "edytuj": ("pl",),
    "edytuj kod": ("pl",),
    "redigera": ("sv",),
    "redigera wikitext": ("sv",),
    "rediger": ("da", "no"),
    "rediger kilde": ("da", "no"),
    "muokkaa": ("fi",),
    "muokkaa wikitekstiä": ("fi",),
    "ソースを編集": ("ja",),
    "編集": ("ja",),
    "编辑": ("zh",),
    "编辑源代码": ("zh",),
    "編輯": ("zh",),
    "編輯原始碼": ("zh",),
    "편집": ("ko",),
    "원본 편집": ("ko",),
    "sửa": ("vi",),
    "sửa mã nguồn": ("vi",),
    "düzenle": ("tr",),
    "kaynağı değiştir": ("tr",),
    "szerkesztés": ("hu",),
    "szerkesztése": ("hu",),
    "forrásszöveg szerkesztése": ("hu",),
    "upravit": ("cs",),
    "upravit zdroj": ("cs",),
    "uredi": ("hr", "sl", "bs", "sh"),
    "uredi izvor": ("hr", "bs", "sh"),
    "уреди": ("sr", "mk"),
    "уреди извор": ("sr", "mk"),
    "редактиране": ("bg",),
    "редактиране на кода": ("bg",),
    "επεξεργασία": ("el",),
    "επεξεργασία κώδικα": ("el",),
    "עריכה": ("he",),
    "עריכת קוד מקור": ("he",),
    "تعديل": ("ar",),
    "تعديل مصدري": ("ar",),
    "ویرایش": ("fa",),
    "ویرایش مبدأ": ("fa",),
    "แก้ไข": ("th",),
    "แก้ไขต้นฉบับ": ("th",),
    "sunting": ("id", "ms"),
    "sunting sumber": ("id", "ms"),
    "modificare": ("ro",),
    "modificare sursă": ("ro",),
}
# Appendix section titles of wikis that the wikitext vocabulary (languages.py) leaves out.
_EXTRA_TITLES: dict[str, tuple[str, ...]] = {
    "noter": ("da", "no"),
    "kilder": ("da", "no"),
    "referencer": ("da",),
    "eksterne henvisninger": ("da",),
    "se også": ("da", "no"),
    "referanser": ("no",),
    "eksterne lenker": ("no",),
    "kaynakça": ("tr",),
    "kaynaklar": ("tr",),
    "dipnotlar": ("tr",),
    "dış bağlantılar": ("tr",),
    "ayrıca bakınız": ("tr",),
    "poznámky": ("cs", "sk"),
    "externí odkazy": ("cs",),
    "související články": ("cs",),
    "각주": ("ko",),
    "참고 문헌": ("ko",),
    "외부 링크": ("ko",),
    "같이 보기": ("ko",),
}
# Weight of one cue, and how often the same cue counts at most.
_TRAILER_WEIGHT, _TITLE_WEIGHT, _TAGLINE_WEIGHT, _MAX_REPEATS = 3.0, 2.0, 5.0, 5

# Scripts other than Latin, how much one character weighs against a Latin letter, and the wikis
# that write them (the first is the default).
_SCRIPTS: tuple[tuple[str, re.Pattern[str], int, tuple[str, ...]], ...] = (
    ("cyrillic", re.compile(r"[\u0400-\u04ff]"), 1, ("ru", "uk", "bg", "mk", "sr", "be", "kk")),
    ("greek", re.compile(r"[\u0370-\u03ff]"), 1, ("el",)),
    ("hebrew", re.compile(r"[\u05d0-\u05ea]"), 1, ("he", "yi")),
    ("arabic", re.compile(r"[\u0620-\u064a\u066e-\u06d3]"), 1, ("ar", "fa", "ur")),
    ("thai", re.compile(r"[\u0e01-\u0e5b]"), 1, ("th",)),
    ("hangul", re.compile(r"[\uac00-\ud7af]"), 2, ("ko",)),
    ("han", re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"), 3, ("ja", "zh")),
)
_NON_LATIN_LANGS = frozenset(lang for *_, langs in _SCRIPTS for lang in langs)
# Latin letters, digits, spaces and punctuation: what is left is written in another script.
_LATIN_RUNS = re.compile(r"[\x00-\u024f\u2000-\u206f]+")
_MIN_SCRIPT_CHARS = 20
_SCRIPT_SAMPLE = 4000
# Letters that tell apart languages sharing a script (share of the script's characters).
_LETTER_CUES: dict[str, tuple[tuple[str, re.Pattern[str], float], ...]] = {
    "cyrillic": (
        ("uk", re.compile(r"[іїєґІЇЄҐ]"), 0.003),
        ("mk", re.compile(r"[ѓќѕЃЌЅ]"), 0.001),
        ("sr", re.compile(r"[ђћЂЋ]"), 0.001),
        ("ru", re.compile(r"[ыэЫЭ]"), 0.003),
        ("bg", re.compile(r"[ъ]"), 0.005),
    ),
    "arabic": (
        ("ur", re.compile(r"[ےٹڈڑں]"), 0.005),
        ("fa", re.compile(r"[پچژگکی]"), 0.02),
    ),
    "han": (("ja", re.compile(r"[\u3040-\u30ff]"), 0.02),),
}


@lru_cache(maxsize=1)
def _title_languages() -> dict[str, tuple[str, ...]]:
    """Appendix section title (casefolded) -> the wikis that use it. English titles point to
    ``en`` only: other wikis use them too, so they count only when nothing else shows."""
    english = table_for("en")
    en_titles = english.reference_sections | english.nonprose_sections
    index: dict[str, set[str]] = {title: {"en"} for title in en_titles}
    for code in SUPPORTED:
        if code != "en":
            table = table_for(code)
            for title in (table.reference_sections | table.nonprose_sections) - en_titles:
                index.setdefault(title, set()).add(code)
    for title, langs in _EXTRA_TITLES.items():
        index.setdefault(title, set()).update(langs)
    return {title: tuple(sorted(langs)) for title, langs in index.items()}


def _guess_language(text: str, lines: list[_Line]) -> str | None:
    """A cheap guess of the wiki language from what the page shows: section-edit trailers, the
    tagline and appendix titles (short lines only), then the script of the first 20 KB.
    ``None`` when unsure; English only when nothing else shows."""
    titles = _title_languages()
    scores: dict[str, float] = {}
    seen: Counter[str] = Counter()

    def tally(key: str, langs: tuple[str, ...], weight: float) -> None:
        seen[key] += 1
        if seen[key] <= _MAX_REPEATS:
            for lang in langs:
                scores[lang] = scores.get(lang, 0.0) + weight / len(langs)

    for line in lines:
        head = line.text
        if not head or len(head) > _MAX_HEADING_CHARS:
            continue
        if head.endswith("]"):
            cut = head.rfind("[")
            if cut >= 0 and _EDIT_TRAILER.fullmatch(head, cut):
                for item in head[cut + 1 : -1].split("|"):
                    key = " ".join(item.split()).casefold()
                    if langs := _EDIT_LANGS.get(key):
                        tally(f"e {key}", langs, _TRAILER_WEIGHT)
                head = head[:cut]
        key = " ".join(head.split()).casefold()
        if langs := titles.get(key):
            tally(f"t {key}", langs, _TITLE_WEIGHT)
        elif (m := _TAGLINE.fullmatch(head)) and m.lastgroup:
            tally("g", (m.lastgroup,), _TAGLINE_WEIGHT)
    english = scores.pop("en", 0.0)
    script = _dominant_script(text[:_SNIFF_CHARS])
    if script is None:
        best = _best({k: v for k, v in scores.items() if k not in _NON_LATIN_LANGS})
        return best or ("en" if english >= _TITLE_WEIGHT else None)
    name, chars, langs = script
    if name != "han":  # ja and zh share titles: the kana decide
        best = _best({k: v for k, v in scores.items() if k in langs})
        if best:
            return best
    for lang, cue, share in _LETTER_CUES.get(name, ()):
        if _count(cue, chars) >= share * len(chars):
            return lang
    return "zh" if name == "han" else langs[0]


def _dominant_script(sample: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(script, its characters, its wikis) when a non-Latin script outweighs the Latin text."""
    rest = _LATIN_RUNS.sub("", sample)
    if not rest:
        return None
    latin = len(sample) - len(rest)
    scale = len(rest) / min(len(rest), _SCRIPT_SAMPLE)
    rest = rest[:_SCRIPT_SAMPLE]
    best: tuple[str, str, tuple[str, ...]] | None = None
    best_weight = float(max(latin, _MIN_SCRIPT_CHARS - 1))
    for name, chars, weight, langs in _SCRIPTS:
        found = "".join(chars.findall(rest))
        if len(found) * weight * scale > best_weight:
            best, best_weight = (name, found, langs), len(found) * weight * scale
    return best


def _count(pattern: re.Pattern[str], text: str) -> int:
    return pattern.subn("", text)[1]


def _best(scores: dict[str, float]) -> str | None:
    """The clear winner: at least one cue's worth, twice the runner-up."""
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked:
        return None
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return best if top >= 1.0 and top >= 2 * second else None


# --- letter markers ------------------------------------------------------------------------

# A bracketed letter label: "[a]", "[ab]", "[iv]", "[B]". It is a note marker only when the page
# uses letter notes; otherwise it is an editorial insertion ("possibly [my] only convert").
_LETTER_MARK = re.compile(r"\[([a-z]{1,2}|[ivxlc]{3,7}|[A-Z]{1,2}|[IVXLC]{3,7})\]")
# An entry of a lettered reference list: "a. ^ …", "iv. ↑ …".
_LETTER_ENTRY = re.compile(r"^[ \t]*([a-z]{1,3}|[A-Z]{1,3})[.)][ \t]*[\^↑]", re.MULTILINE)
_ALWAYS_OPENING = "„‚([{"
_QUOTES = "\"'“‘«‹"


def _attached(text: str, pos: int) -> bool:
    """Does the bracket at ``pos`` follow text without a space (``word[a]``, ``.[a]``, ``"x"[a]``)?
    An opening mark before it (``"[I] think``, ``([a]``) is not text it could follow."""
    if pos == 0:
        return False
    before = text[pos - 1]
    if before.isspace() or before in _ALWAYS_OPENING:
        return False
    if before in _QUOTES:  # closing only when it follows text itself: „Zitat“[a], "x"[a]
        return pos >= 2 and not text[pos - 2].isspace()
    return True


@dataclass(slots=True)
class _LetterUse:
    """Which letter labels the page uses as note markers, per case (``False``: lowercase)."""

    reach: dict[bool, int]
    """The highest alpha label (as a number: ``c`` is 3, ``ab`` 28) that notes of this case reach:
    a run of attached markers starting at ``a``, or a lettered list."""
    roman: dict[bool, bool]
    """Roman notes: an attached ``[i]`` without any ``[a]``, or a list starting at ``i``."""

    @classmethod
    def scan(cls, text: str) -> _LetterUse:
        marks: dict[bool, set[str]] = {False: set(), True: set()}
        for m in _LETTER_MARK.finditer(text):
            if _attached(text, m.start()):
                raw = m.group(1)
                marks[raw.isupper()].add(raw)
        listed: dict[bool, set[str]] = {False: set(), True: set()}
        for m in _LETTER_ENTRY.finditer(text):
            raw = m.group(1)
            if raw.isupper() or raw.islower():
                listed[raw.isupper()].add(raw)
        reach: dict[bool, int] = {}
        roman: dict[bool, bool] = {}
        for upper in (False, True):
            a, i = ("A", "I") if upper else ("a", "i")
            reach[upper] = _alpha_reach(marks[upper], listed[upper], a)
            roman[upper] = (i in marks[upper] and a not in marks[upper]) or (
                i in listed[upper] and a not in listed[upper]
            )
        return cls(reach, roman)

    def accepts(self, raw: str, attached: bool) -> bool:
        """Is the letter label ``raw`` a note marker here?"""
        if not attached:
            return False
        upper = raw.isupper()
        if self.roman[upper] and _roman_value(raw) is not None:
            return True
        return len(raw) <= 2 and _alpha_value(raw) <= self.reach[upper]


def _alpha_reach(marks: set[str], listed: set[str], a: str) -> int:
    """How far a sequence of alpha labels starting at ``a`` goes: the highest single letter
    used (or listed), then two-letter labels only while they follow on (``z``, ``aa``, ``ab``)."""
    reach = 0
    if a in listed:
        reach = max(_alpha_value(x) for x in listed if len(x) <= 2)
    if a in marks:
        reach = max(reach, max(_alpha_value(x) for x in marks if len(x) == 1))
    for value in sorted(_alpha_value(x) for x in marks if len(x) == 2):
        if value == reach + 1:
            reach = value
    return reach


# --- public API ----------------------------------------------------------------------------


_WIKI_HEADING = re.compile(r"^={2,6}[^=\n].*={2,6}[ \t]*$", re.MULTILINE)
_RENDERED_MARKER = re.compile(r"\[(?:\d{1,4}|[a-z]|[^\W\d_]{1,10} \d{1,3})\]")
_RENDERED_EDIT = re.compile(
    rf"(?<=[^\[\s])\s?{_EDIT_TRAILER.pattern}[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_RENDERED_NOTE = re.compile(r"^\s*(?:\d{1,4}\.\s*)?[\^↑] ", re.MULTILINE)


def looks_rendered(text: str) -> bool:
    """True for text copied from a rendered page, False for wikitext; looks at the first 20 KB.

    Wikitext shows markup (links, templates, ``<ref>``, ``== headings ==``, bold quotes);
    rendered text shows markers, ``[edit]`` trailers and ``^`` notes. Text with neither is
    plain prose, which only the rendered-text parser reads as it is.
    """
    sample = text[:_SNIFF_CHARS]
    wiki = (
        sample.count("[[")
        + sample.count("{{")
        + 2 * sample.count("<ref")
        + sample.count("'''")
        + 3 * len(_WIKI_HEADING.findall(sample))
    )
    rendered = (
        len(_RENDERED_MARKER.findall(sample))
        + 3 * len(_RENDERED_EDIT.findall(sample))
        + 2 * len(_RENDERED_NOTE.findall(sample))
    )
    return rendered >= wiki


def parse_rendered(text: str, *, title: str | None = None, lang: str | None = None) -> Article:
    """Build the article model of text copied from a rendered wiki page (``format="text"``)."""
    return _Builder(text, title, lang).build()


# --- internals -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    """Stripped of surrounding whitespace (and of the line break)."""
    text: str


@dataclass(slots=True)
class _Marker:
    """A marker as found; its group waits until every label of the document is known."""

    span: Span
    style: str
    """``num``, ``grp``, ``low``, ``up`` or ``greek``."""
    raw: str
    """The label without brackets (``25``, ``a``, ``note 1``)."""
    number: int = 0
    group: str = ""
    in_heading: bool = False


@dataclass(slots=True)
class _Head:
    title: str
    heading_span: Span
    start: int
    kind: SectionKind


@dataclass(slots=True)
class _NoteList:
    section: int
    title: str
    style: str | None
    """How its entries are labelled: ``digit``, ``lower``, ``upper``; ``None`` if unlabelled."""
    entries: list[tuple[str | None, Span, str]] = field(default_factory=list)
    """(label as shown in the list or None, entry span, text after the back-links)."""
    intro: str = ""
    """The line of text right before the first entry (not a heading, not an entry)."""
    restart: bool = False
    """Its numbering starts again after another list of the same section (``1.`` after ``35.``)."""


@dataclass(slots=True)
class _PendingClaim:
    text: str
    span: Span
    section: int
    paragraph: int
    kind: ParagraphKind
    markers: list[int]
    readable: tuple[int, int]


def _split_lines(text: str) -> list[_Line]:
    """Every line with its whitespace-stripped span; ``\\r\\n``, ``\\r`` and ``\\n`` all break."""
    lines: list[_Line] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        lines.append(_strip_line(text, pos, m.start()))
        pos = m.end()
    lines.append(_strip_line(text, pos, len(text)))
    return lines


def _strip_line(text: str, start: int, end: int) -> _Line:
    raw = text[start:end]
    body = raw.strip()
    if not body:
        return _Line(end, end, "")
    lead = len(raw) - len(raw.lstrip())
    return _Line(start + lead, start + lead + len(body), body)


def _ends_sentence(line: str, ends: str) -> bool:
    """Does the line (trailing markers and closing quotes ignored) end with one of ``ends``?"""
    core = _TRAILING_MARKS.sub("", line).rstrip().rstrip(_CLOSERS).rstrip()
    return bool(core) and core[-1] in ends


def _tag_kind(inner: str) -> str | None:
    key = _INVISIBLE.sub("", inner).replace("\u00a0", " ")
    key = _SPACED_DASH.sub(" - ", " ".join(key.split())).lower()
    m = _TAG.fullmatch(key)
    return _TAG_KIND_BY_GROUP[m.lastgroup] if m and m.lastgroup else None


def _roman_value(label: str) -> int | None:
    label = label.lower()
    if not _ROMAN_NUMERAL.fullmatch(label):
        return None
    total = 0
    for a, b in zip(label, label[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def _alpha_value(label: str) -> int:
    n = 0
    for ch in label.lower():
        n = n * 26 + ord(ch) - ord("a") + 1
    return n


class _Builder:
    """One pass over the lines, then numbering once every marker is known."""

    def __init__(self, text: str, title: str | None, lang: str | None) -> None:
        self.text = text
        self.title = title
        self.lines = _split_lines(text)
        self.lang = lang or _guess_language(text, self.lines)
        self.letters = _LetterUse.scan(text)
        self.heads: list[_Head] = []
        self.paragraphs: list[Paragraph] = []
        self.readable: list[ParagraphText] = []
        self.markers: list[_Marker] = []
        self.tags: list[InlineTag] = []
        self.claims: list[_PendingClaim] = []
        self.lists: list[_NoteList] = []
        self.title_candidates: list[str] = []
        self.last_short: str | None = None
        """The last short line before the lead: the title when the site's tagline follows."""
        self.tagline_title: str | None = None
        self.seen_body = False
        """Prose or an ``[edit]`` heading was seen: short lines are headings, not the title."""
        self.in_toc = False
        self.previous: _Line | None = None
        """The last non-blank line handled (the last line of a paragraph)."""

    # -- the line loop ----------------------------------------------------------------------

    @property
    def section_kind(self) -> SectionKind:
        return self.heads[-1].kind if self.heads else "lead"

    def build(self) -> Article:
        lines = self.lines
        i = 0
        while i < len(lines):
            j = self.line(lines, i)
            if lines[i].text:
                self.previous = lines[j - 1]
            i = j
        return self.finish()

    def line(self, lines: list[_Line], i: int) -> int:
        """Handle the line at ``i``; returns the index of the next line to handle."""
        line = lines[i]
        text = line.text
        if not text:
            return i + 1
        if self.edit_heading(line):
            self.seen_body, self.in_toc = True, False
        elif self.section_kind in ("references", "nonprose"):
            self.apparatus_line(line)
        elif _TAGLINE.fullmatch(text):
            self.tagline_title = self.tagline_title or self.last_short
        elif _TOC_START.fullmatch(text):
            self.in_toc = True
        elif _BOILERPLATE.fullmatch(text) or _HATNOTE.match(text):
            pass  # page chrome and hatnotes: neither prose nor structure
        elif self.in_toc and self.heading_like(text):
            self.last_short = text
        else:
            self.in_toc = False
            return self.content_line(lines, i)
        return i + 1

    def content_line(self, lines: list[_Line], i: int) -> int:
        """A line of the lead or the body: a note, a table row, a list item, a heading, prose."""
        line = lines[i]
        if _NOTE_ENTRY.match(line.text):
            self.note_entry(line)
        elif "\t" in line.text:
            self.scan_only(line)
        elif m := _BULLET.match(line.text):
            self.paragraph([line], "list", line.start + m.end())
            self.seen_body = True
        else:
            j = self.wrapped_until(lines, i)
            if j == i and self.heading_like(line.text):
                if _section_kind(line.text) != "body" or self.seen_body:
                    self.open_section(line.text, Span(line.start, line.end), line.start)
                else:
                    self.title_candidates.append(line.text)
                    self.last_short = line.text
                return i + 1
            self.paragraph(lines[i : j + 1], "prose", line.start)
            self.seen_body = True
            return j + 1
        return i + 1

    def edit_heading(self, line: _Line) -> bool:
        """A line ending in ``[edit]`` (any language) opens a section; the trailer is dropped."""
        if not line.text.endswith("]"):
            return False
        cut = self.text.rfind("[", line.start, line.end)
        if cut < 0 or not _EDIT_TRAILER.fullmatch(self.text, cut, line.end):
            return False
        title_text = self.text[line.start : cut].rstrip()
        if title_text:
            end = line.start + len(title_text)
            title = self.scan_heading(line.start, end)
            self.open_section(title, Span(line.start, end), line.start)
        return True

    def apparatus_line(self, line: _Line) -> None:
        """A line of a reference or non-prose section: a note, a new section, or skipped."""
        if self.heading_like(line.text) and _section_kind(line.text) != "body":
            self.open_section(line.text, Span(line.start, line.end), line.start)
        elif _NOTE_ENTRY.match(line.text) or (
            self.section_kind == "references" and _NUMBERED_ENTRY.match(line.text)
        ):
            self.note_entry(line)

    def wrapped_until(self, lines: list[_Line], i: int) -> int:
        """Index of the last line of the paragraph starting at ``i``: a line that stops without
        punctuation continues on the next line when that one starts in lowercase."""
        while i + 1 < len(lines):
            here, nxt = lines[i].text, lines[i + 1].text
            if not nxt or not nxt[0].islower() or _ends_sentence(here, _HARD_END):
                break
            if _NOTE_ENTRY.match(nxt) or _BULLET.match(nxt) or _section_kind(here) != "body":
                break
            i += 1
        return i

    def heading_like(self, line: str) -> bool:
        """Short, unpunctuated and without markers: a heading, a title, a caption or a label."""
        if len(line) > _MAX_HEADING_CHARS or _ends_sentence(line, _HARD_END + ","):
            return False
        if not _LETTER.search(line) or self.has_marker(line):
            return False
        words = line.split()
        if len(words) == 1 and _CJK.search(line):
            return len(line) <= _MAX_CJK_HEADING_CHARS
        return len(words) <= _MAX_HEADING_WORDS

    def has_marker(self, line: str) -> bool:
        if "[" not in line:
            return False
        return any(self.marker_style(m) is not None for m in _MARK.finditer(line))

    def marker_style(self, m: re.Match[str]) -> str | None:
        """The kind of reference marker a bracket match is, or ``None`` (a tag or plain text);
        a letter label only where the page uses letter notes and it follows text."""
        style = _marker_style(m)
        if style in ("low", "up") and not self.letters.accepts(
            m.group(style), _attached(m.string, m.start())
        ):
            return None
        return style

    def open_section(self, title: str, heading_span: Span, start: int) -> None:
        self.heads.append(_Head(title, heading_span, start, _section_kind(title)))

    # -- paragraphs and markers -------------------------------------------------------------

    def paragraph(self, lines: list[_Line], kind: ParagraphKind, first_start: int) -> None:
        """Readable text of one paragraph, its sentences, and the claims among them."""
        para = ParagraphText()
        prev_end: int | None = None
        for k, line in enumerate(lines):
            start = first_start if k == 0 else line.start
            if prev_end is not None:
                para.add(" ", prev_end, start)
            self.fill(para, start, line.end)
            prev_end = line.end
        if not para.nonspace:
            return  # markers alone on a line: recorded, bound to nothing
        pid = len(self.paragraphs)
        section = len(self.heads)
        self.paragraphs.append(Paragraph(pid, section, Span(lines[0].start, lines[-1].end), kind))
        self.readable.append(para)
        found, _loose = sentences(para, self.lang)
        for sentence in found:
            marker_ids = [p[1] for p in sentence.anchors if p[0] == "m"]
            tag_ids = [p[1] for p in sentence.anchors if p[0] == "t"]
            if not is_claim_text(sentence.text, kind):
                continue
            cid = f"c{len(self.claims) + 1}"
            for t in tag_ids:
                self.tags[t] = _with_claim(self.tags[t], cid)
            self.claims.append(
                _PendingClaim(
                    sentence.text, sentence.span, section, pid, kind, marker_ids, sentence.readable
                )
            )

    def fill(
        self,
        para: ParagraphText | None,
        start: int,
        end: int,
        *,
        in_heading: bool = False,
        in_note: bool = False,
    ) -> None:
        """Copy ``text[start:end]`` into ``para``, turning markers and tags into anchors."""
        text = self.text
        pos = start
        for m in _MARK.finditer(text, start, end):
            num = m.group("num")
            if in_note and num and len(num) > 3:
                continue  # a year in a bibliographic entry: "[1999]"
            payload = self.record(m, in_heading)
            if payload is None:
                continue
            if para is not None:
                para.add(text[pos : m.start()], pos)
                para.anchor(payload)
            pos = m.end()
            if payload[0] == "m" and (rp := _RP.match(text, pos, end)):
                pos = rp.end()
        if para is not None:
            para.add(text[pos:end], pos)

    def record(self, m: re.Match[str], in_heading: bool) -> tuple[str, int] | None:
        """Keep a marker or an inline tag; ``None`` for other bracketed text (``[sic]``)."""
        style = self.marker_style(m)
        if style is not None:
            raw = m.group(0)[1:-1]
            self.markers.append(
                _Marker(Span(m.start(), m.end()), style, raw, in_heading=in_heading)
            )
            return ("m", len(self.markers) - 1)
        inner = m.group("other")
        kind = _tag_kind(inner) if inner else None
        if kind is None:
            return None
        name = " ".join(_INVISIBLE.sub("", inner).split())
        self.tags.append(InlineTag(kind, name, Span(m.start(), m.end())))
        return ("t", len(self.tags) - 1)

    def scan_only(self, line: _Line) -> None:
        """Collect the markers of a line that holds no claims (a table row)."""
        self.fill(None, line.start, line.end)

    def scan_heading(self, start: int, end: int) -> str:
        """The readable title of a heading; its markers are recorded as in a heading."""
        para = ParagraphText()
        self.fill(para, start, end, in_heading=True)
        return " ".join(para.text.split())

    def note_entry(self, line: _Line) -> None:
        """One entry of a pasted reference list; consecutive entries of a section form a list."""
        text = self.text
        m = _NOTE_ENTRY.match(line.text) or _NUMBERED_ENTRY.match(line.text)
        assert m is not None
        pos = line.start + m.end()
        pos = _skip_backlinks(text, pos, line.end)
        shown = m.group("label")
        style = _label_style(shown)
        section = len(self.heads)
        current = self.lists[-1] if self.lists else None
        restart = (
            current is not None
            and shown is not None
            and style == current.style == "digit"
            and int(shown) <= int(current.entries[-1][0] or "0")
        )
        if current is None or current.section != section or style != current.style or restart:
            title = self.heads[-1].title if self.heads else ""
            current = _NoteList(section, title, style, intro=self.intro_line(), restart=restart)
            self.lists.append(current)
        current.entries.append((shown, Span(line.start, line.end), text[pos : line.end].strip()))
        self.fill(None, pos, line.end, in_note=True)

    def intro_line(self) -> str:
        """The text of the line before a new list, unless it is a heading or a list entry."""
        prev = self.previous
        if prev is None or _NOTE_ENTRY.match(prev.text) or _NUMBERED_ENTRY.match(prev.text):
            return ""
        head = self.heads[-1].heading_span if self.heads else None
        if head is not None and head.start == prev.start:
            return ""
        bullet = _BULLET.match(prev.text)
        return prev.text[bullet.end() :] if bullet else prev.text

    # -- numbering and assembly -------------------------------------------------------------

    def finish(self) -> Article:
        text = self.text
        self.resolve_markers()
        notes, ref_lists = self.resolve_lists()
        references, ref_of_marker = self.references(notes)
        ref_tags = tuple(
            RefTag(
                span=mk.span,
                kind="marker",
                name=None,
                group=mk.group,
                content=None,
                in_heading=mk.in_heading,
            )
            for mk in self.markers
        )
        sections = self.sections()
        claims = self.final_claims(sections, ref_of_marker)
        if self.title is None:
            self.title = self.tagline_title or (
                self.title_candidates[-1] if self.title_candidates else None
            )
        return Article(
            text=text,
            format="text",
            title=self.title,
            sections=sections,
            paragraphs=tuple(self.paragraphs),
            claims=tuple(claims),
            ref_tags=ref_tags,
            references=references,
            reference_lists=ref_lists,
            tags=tuple(self.tags),
            notes=notes,
            language=self.lang,
            lines=LineIndex(text),
            readable=tuple(self.readable),
        )

    def final_claims(self, sections: tuple[Section, ...], ref_of_marker: list[str]) -> list[Claim]:
        """The claims with their reference ids (each once, in marker order)."""
        claims = []
        for k, pc in enumerate(self.claims):
            refs: list[str] = []
            spans: list[Span] = []
            for idx in pc.markers:
                ref_id = ref_of_marker[idx]
                if ref_id not in refs:
                    refs.append(ref_id)
                    spans.append(self.markers[idx].span)
            section = sections[pc.section]
            claims.append(
                Claim(
                    f"c{k + 1}",
                    pc.text,
                    pc.span,
                    section.path,
                    section.id,
                    pc.paragraph,
                    pc.kind,
                    tuple(refs),
                    tuple(spans),
                    section.id == 0,
                    pc.readable,
                )
            )
        return claims

    def resolve_markers(self) -> None:
        """Group and number every marker; ``[i]`` is roman only where no ``[a]`` is used."""
        roman_low = _roman_case({mk.raw for mk in self.markers if mk.style == "low"}, "a", "i")
        roman_up = _roman_case({mk.raw for mk in self.markers if mk.style == "up"}, "A", "I")
        for mk in self.markers:
            if mk.style == "num":
                mk.group, mk.number = "", int(mk.raw)
            elif mk.style == "grp":
                group, _, num = mk.raw.rpartition(" ")
                mk.group, mk.number = group, int(num)
            elif mk.style == "greek":
                mk.group, mk.number = "lower-greek", _GREEK.index(mk.raw) + 1
            else:
                roman = roman_low if mk.style == "low" else roman_up
                value = _roman_value(mk.raw) if roman or len(mk.raw) > 2 else None
                case = "lower" if mk.style == "low" else "upper"
                if value is not None:
                    mk.group, mk.number = f"{case}-roman", value
                else:
                    mk.group, mk.number = f"{case}-alpha", _alpha_value(mk.raw)

    def resolve_lists(self) -> tuple[tuple[RenderedNote, ...], tuple[ReferenceList, ...]]:
        """Give each pasted list its group and each entry the label its marker shows."""
        groups_in_text = list(dict.fromkeys(mk.group for mk in self.markers))
        letter_groups = {mk.group for mk in self.markers if mk.style in ("low", "up")}
        assigned: set[str] = set()
        notes: list[RenderedNote] = []
        ref_lists: list[ReferenceList] = []
        for nl in self.lists:
            if nl.restart:
                free = [
                    g
                    for g in groups_in_text
                    if g not in assigned and g not in letter_groups and g != "lower-greek"
                ]
                group = self.restart_group(nl, free)
            else:
                group = self.list_group(nl, groups_in_text, letter_groups, assigned)
            assigned.add(group)
            for k, (shown, span, body) in enumerate(nl.entries, 1):
                number = _shown_number(shown, group) or k
                notes.append(RenderedNote(format_label(group, number), group, span, body))
            first, last = nl.entries[0][1], nl.entries[-1][1]
            ref_lists.append(ReferenceList(Span(first.start, last.end), group, "rendered"))
        return tuple(notes), tuple(ref_lists)

    @staticmethod
    def list_group(
        nl: _NoteList, groups_in_text: list[str], letter_groups: set[str], assigned: set[str]
    ) -> str:
        """Letters in the list name their group; otherwise a notes section with unassigned
        marker groups gets the first of them, and anything else is the default group."""
        if nl.style in ("lower", "upper"):
            roman = f"{nl.style}-roman"
            first = nl.entries[0][0]
            return roman if roman in groups_in_text and first in ("i", "I") else f"{nl.style}-alpha"
        free = [
            g
            for g in groups_in_text
            if g and g not in assigned and not (nl.style == "digit" and g in letter_groups)
        ]
        notes_like = bool(_NOTES_TITLE.match(nl.title))
        if free and (notes_like or "" in assigned or "" not in groups_in_text):
            return free[0]
        return ""

    def restart_group(self, nl: _NoteList, free: list[str]) -> str:
        """The group of a list whose numbering starts again (each group's list does): the free
        group its introducing line names, else the one whose markers it numbers exactly, else
        the one whose markers stand in text most like that line, else the first free one."""
        if not free:
            return ""
        named = [g for g in free if g and _names_group(nl.intro, g)]
        if named:
            return named[0]
        size = max(int(shown or 0) for shown, _span, _body in nl.entries)
        highest: dict[str, int] = {}
        for mk in self.markers:
            if mk.group in free:
                highest[mk.group] = max(highest.get(mk.group, 0), mk.number)
        fitting = [g for g in free if highest.get(g) == size]
        if len(fitting) == 1:
            return fitting[0]
        pool = fitting or free
        return self.closest_group(nl.intro, pool) or pool[0]

    def closest_group(self, intro: str, groups: list[str]) -> str | None:
        """The group whose markers' lines (and the line before each) share the most words with
        ``intro``, two at least; ``None`` on a tie."""
        words = set(_CONTEXT_WORD.findall(intro.casefold()))
        if len(words) < 2 or len(groups) < 2:
            return None
        starts = [line.start for line in self.lines]
        context: dict[str, set[str]] = {g: set() for g in groups}
        seen: dict[str, int] = {}
        for mk in self.markers:
            if mk.group not in context or seen.get(mk.group, 0) >= _CONTEXT_MARKERS:
                continue
            seen[mk.group] = seen.get(mk.group, 0) + 1
            k = bisect_right(starts, mk.span.start) - 1
            for line in self.lines[max(k - 2, 0) : k + 1]:
                context[mk.group].update(_CONTEXT_WORD.findall(line.text.casefold()))
        scores = sorted(((len(words & context[g]), g) for g in groups), reverse=True)
        (top, best), (second, _) = scores[0], scores[1]
        return best if top >= 2 and top > second else None

    def references(
        self, notes: tuple[RenderedNote, ...]
    ) -> tuple[tuple[Reference, ...], list[str]]:
        """One Reference per (group, label) in order of first use, filled from its note."""
        by_key: dict[tuple[str, str], RenderedNote] = {}
        for note in notes:
            by_key.setdefault((note.group, note.label), note)
        order: dict[tuple[str, str], list[int]] = {}
        for idx, mk in enumerate(self.markers):
            order.setdefault((mk.group, format_label(mk.group, mk.number)), []).append(idx)
        ref_of_marker = [""] * len(self.markers)
        references = []
        for k, ((group, lab), idxs) in enumerate(order.items(), 1):
            ref_id = f"r{k}"
            for idx in idxs:
                ref_of_marker[idx] = ref_id
            note = by_key.get((group, lab))
            first = self.markers[idxs[0]]
            references.append(
                Reference(
                    id=ref_id,
                    number=first.number,
                    group=group,
                    name=None,
                    content=note.text if note else "",
                    span=note.span if note else None,
                    uses=tuple(self.markers[i].span for i in idxs),
                    label=lab,
                    listed=True,
                )
            )
        return tuple(references), ref_of_marker

    def sections(self) -> tuple[Section, ...]:
        """The lead and one level-2 section per heading, each running to the next heading."""
        end = len(self.text)
        starts = [h.start for h in self.heads] + [end]
        out = [Section(0, "", 0, (), Span(0, starts[0]), None, "lead")]
        for k, head in enumerate(self.heads, 1):
            out.append(
                Section(
                    k,
                    head.title,
                    2,
                    (head.title,),
                    Span(head.start, starts[k]),
                    head.heading_span,
                    head.kind,
                )
            )
        return tuple(out)


def _marker_style(m: re.Match[str]) -> str | None:
    """The kind of reference marker a bracket match is, or ``None`` (a tag or plain text)."""
    if m.group("num") is not None:
        return "num"
    if m.group("grp") is not None:
        return None if m.group("grp").lower() in _NOT_GROUPS else "grp"
    if m.group("greek") is not None:
        return "greek"
    for style in ("low", "up"):
        raw = m.group(style)
        if raw is not None:
            return style if len(raw) <= 2 or _roman_value(raw) is not None else None
    return None


def _names_group(intro: str, group: str) -> bool:
    """Does the line introducing a list name this marker group? A long name anywhere as a word
    ("Notes :"); a short one alone, bracketed or quoted ("[A]", "« B »"), or after "group"."""
    if not intro:
        return False
    if intro.strip(" :.–-").casefold() == group.casefold():
        return True
    name = re.escape(group)
    if len(group) >= 3:
        return re.search(rf"(?<!\w){name}(?!\w)", intro, re.IGNORECASE) is not None
    return (
        re.search(
            rf"(?:(?i:\bgroupe?|\bgruppe|\bgrupo|\bgruppo|\bgroep)\s+|[\[(\"'«“„]\s*)"
            rf"{name}(?!\w)",
            intro,
        )
        is not None
    )


def _roman_case(labels: set[str], a: str, i: str) -> bool:
    """Are these letter labels roman numerals? Alpha notes start at ``a``, roman ones at ``i``."""
    if not labels or a in labels or not all(_roman_value(x) for x in labels):
        return False
    return i in labels or any(len(x) > 1 for x in labels)


def _label_style(shown: str | None) -> str | None:
    """``digit``, ``lower`` or ``upper`` for a label shown in a list; a new style, a new list."""
    if not shown:
        return None
    if shown.isdigit():
        return "digit"
    return "lower" if shown.islower() else "upper"


def _shown_number(shown: str | None, group: str) -> int | None:
    """The number an explicit list label stands for in ``group`` (``c`` is 3, ``iv`` 4)."""
    if not shown:
        return None
    if shown.isdigit():
        return int(shown)
    if group.endswith("-roman"):
        return _roman_value(shown)
    return _alpha_value(shown)


def _skip_backlinks(text: str, pos: int, end: int) -> int:
    """Skip the back-links ``a b c`` (or ``1,0 1,1``) of a note used more than once; a run must
    start at ``a`` (or ``1,0``) and have two links at least, so ``^ a study…`` keeps its word."""
    count = 0
    expected = 1
    cur = pos
    while True:
        m = _BACKLINK.match(text, cur, end)
        if m is None:
            break
        token = m.group(1)
        if token.isalpha():
            if _alpha_value(token) != expected:
                break
        elif count == 0 and token[-1] != "0":
            break
        count += 1
        expected += 1
        cur = m.end()
    return cur if count >= 2 else pos


def _with_claim(tag: InlineTag, claim: str) -> InlineTag:
    from attrs import evolve

    return evolve(tag, claim=claim)
