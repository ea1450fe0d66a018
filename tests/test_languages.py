"""Per-language tables, classify_template and detect_language, checked against the corpus."""

from __future__ import annotations

import time
from collections import defaultdict
from functools import cache
from pathlib import Path

import mwparserfromhell
import pytest

from citecheck.parsing.languages import (
    SUPPORTED,
    LanguageTable,
    classify_template,
    detect_language,
    is_citation_template,
    table_for,
)
from citecheck.parsing.wikinames import template_key

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
FILES = sorted(ARTICLES.glob("*/*.wiki"))


def _lang_of(path: Path) -> str:
    return path.parent.name


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def _parsed(path: Path) -> mwparserfromhell.wikicode.Wikicode:
    return mwparserfromhell.parse(_text(path))


@cache
def _corpus_templates(lang: str) -> frozenset[str]:
    """Every template key used (at any depth) in the fixture articles of ``lang``."""
    keys: set[str] = set()
    for path in FILES:
        if _lang_of(path) == lang:
            code = _parsed(path)
            keys.update(template_key(str(t.name)) for t in code.ifilter_templates(recursive=True))
    return frozenset(keys)


@cache
def _corpus_headings(lang: str) -> frozenset[str]:
    heads: set[str] = set()
    for path in FILES:
        if _lang_of(path) == lang:
            code = _parsed(path)
            for h in code.ifilter_headings(recursive=True):
                heads.add(" ".join(h.title.strip_code().split()))
    return frozenset(heads)


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def test_supported_are_the_corpus_languages() -> None:
    assert set(SUPPORTED) == {p.name for p in ARTICLES.iterdir() if p.is_dir()}
    for lang in SUPPORTED:
        assert table_for(lang).code == lang


def test_table_for_merges_english() -> None:
    de = table_for("de")
    assert "Internetquelle" in de.citation_templates
    assert "Cite web" in de.citation_templates  # English names work on every wiki
    assert "Reflist" in de.reflist
    assert "einzelnachweise" in de.reference_sections
    assert "references" in de.reference_sections
    assert "Internetquelle" not in table_for("en").citation_templates


def test_table_for_unknown_and_none_merge_everything() -> None:
    merged = table_for(None)
    assert merged.code == "*"
    assert table_for("xx") is merged
    assert table_for("") is merged
    for name in ("Internetquelle", "Lien web", "Cytuj stronę", "Verkkoviite", "Cite web"):
        assert classify_template(merged, name) == "citation"
    assert classify_template(merged, "Нет АИ") == "citation-needed"
    assert classify_template(merged, "Citation") == "citation"  # English wins over fr
    assert classify_template(merged, "Note") is None  # fr footnote vs en anchor: ambiguous


def test_table_for_variants_and_cache() -> None:
    assert table_for("zh-hans").code == "zh"
    assert table_for("pt-BR").code == "pt"
    assert table_for("DE").code == "de"
    assert table_for("de") is table_for("de")


def test_local_meaning_overrides_english() -> None:
    # fr {{Citation}} is a quotation, fr {{Note}} a footnote in group "N".
    fr = table_for("fr")
    assert classify_template(fr, "Citation") is None
    assert classify_template(table_for("en"), "Citation") == "citation"
    assert fr.efn["Note"] == "N"
    assert classify_template(table_for("en"), "Note") is None


def test_tables_are_normalised() -> None:
    for lang in (*SUPPORTED, None):
        table = table_for(lang)
        assert isinstance(table, LanguageTable)
        names = (
            table.citation_needed
            | table.reflist
            | table.notelist
            | table.citation_templates
            | table.sfn
            | table.harv
            | table.r
            | table.rp
            | table.hatnotes
            | table.dead_link
            | set(table.verification)
            | set(table.efn)
        )
        for name in names:
            assert template_key(name) == name, (lang, name)
        for title in table.reference_sections | table.nonprose_sections:
            assert title == " ".join(title.split()).casefold(), (lang, title)
        assert not table.reference_sections & table.nonprose_sections, lang
        assert table.dead_link <= set(table.verification)
        assert all(table.verification[n] == "dead-link" for n in table.dead_link)
        assert set(table.list_group) <= table.notelist | table.reflist


def test_groups_and_params() -> None:
    en = table_for("en")
    assert en.efn == {
        **en.efn,
        "Efn": "lower-alpha", "Efn-ua": "upper-alpha", "Efn-lr": "lower-roman",
        "Efn-ur": "upper-roman", "Efn-lg": "lower-greek", "Refn": "", "NoteTag": "note",
    }  # fmt: skip
    assert en.list_group["Notelist"] == "lower-alpha"
    assert en.list_group["Notelist-ua"] == "upper-alpha"
    assert "Reflist" not in en.list_group  # default group ""
    assert "refs" in en.reflist_refs_params
    assert "1" in table_for("pl").reflist_refs_params  # {{Przypisy|<ref>…}}
    assert table_for("pl").list_group["Uwagi"] == "uwagi"
    assert "groupe" in table_for("fr").group_params
    he = table_for("he")
    assert he.efn["הערה"] == ""
    assert {"שם", "name"} <= he.name_params
    assert {"קבוצה", "group"} <= he.group_params


# fmt: off
# (language, name as written, expected classification)
CLASSIFY_CASES = [
    # citation needed
    ("en", "Citation needed", "citation-needed"),
    ("en", "citation needed", "citation-needed"),
    ("en", "cn", "citation-needed"),
    ("en", "fact", "citation-needed"),
    ("en", "Template:Citation_needed", "citation-needed"),
    ("en", "subst:cn", "citation-needed"),
    ("de", "Citation needed", "citation-needed"),
    ("fr", "Référence nécessaire", "citation-needed"),
    ("fr", "refnec", "citation-needed"),
    ("fr", "Ref nec", "citation-needed"),
    ("es", "Cita requerida", "citation-needed"),
    ("it", "Senza fonte", "citation-needed"),
    ("pt", "Carece de fontes", "citation-needed"),
    ("pt", "carece de fontes", "citation-needed"),
    ("ru", "Нет АИ", "citation-needed"),
    ("pl", "Fakt", "citation-needed"),
    ("nl", "Bron?", "citation-needed"),
    ("fi", "lähde", "citation-needed"),
    ("he", "מקור", "citation-needed"),
    ("ja", "要出典", "citation-needed"),
    ("ur", "حوالہ درکار", "citation-needed"),
    ("zh", "來源請求", "citation-needed"),
    # verification
    ("en", "Dubious", "verification:dubious"),
    ("en", "failed verification", "verification:failed-verification"),
    ("en", "Not in source", "verification:failed-verification"),
    ("en", "Better source", "verification:better-source-needed"),
    ("en", "Clarify", "verification:clarify"),
    ("en", "When", "verification:when"),
    ("en", "Who?", "verification:who"),
    ("en", "Which", "verification:which"),
    ("en", "By whom", "verification:by-whom"),
    ("en", "According to whom?", "verification:according-to-whom"),
    ("en", "Vague", "verification:vague"),
    ("en", "Verify source", "verification:verification-needed"),
    ("en", "Request quotation", "verification:quotation-needed"),
    ("en", "Page needed", "verification:page-needed"),
    ("en", "Full citation needed", "verification:full-citation-needed"),
    ("en", "Citation needed span", "verification:citation-needed-span"),
    ("en", "Or-inline", "verification:original-research-inline"),
    ("mk", "Failed verification", "verification:failed-verification"),
    ("it", "chiarire", "verification:clarify"),
    ("fr", "Référence insuffisante", "verification:better-source-needed"),
    ("ru", "Уточнить", "verification:clarify"),
    ("ru", "Нет АИ 2", "verification:citation-needed-span"),
    ("ja", "要出典範囲", "verification:citation-needed-span"),
    # dead links
    ("en", "Dead link", "dead-link"),
    ("en", "dead link", "dead-link"),
    ("en", "404", "dead-link"),
    ("de", "Toter Link", "dead-link"),
    ("fr", "Lien brisé", "dead-link"),
    ("es", "Enlace roto", "dead-link"),
    ("nl", "Dode link", "dead-link"),
    ("hu", "Halott link", "dead-link"),
    ("id", "Pranala mati", "dead-link"),
    ("mk", "Мртва_врска", "dead-link"),
    ("ar", "وصلة مكسورة", "dead-link"),
    ("th", "ลิงก์เสีย", "dead-link"),
    ("ja", "リンク切れ", "dead-link"),
    # reference lists
    ("en", "Reflist", "reflist"),
    ("en", "reflist", "reflist"),
    ("en", "References", "reflist"),
    ("es", "Listaref", "reflist"),
    ("pt", "Referências", "reflist"),
    ("fr", "Références", "reflist"),
    ("ru", "Примечания", "reflist"),
    ("pl", "Przypisy", "reflist"),
    ("hu", "jegyzetek", "reflist"),
    ("fi", "viitteet", "reflist"),
    ("nl", "Appendix", "reflist"),
    ("ro", "listănote", "reflist"),
    ("af", "Verwysings", "reflist"),
    ("nn", "fotnoteliste", "reflist"),
    ("ltg", "nūruodis", "reflist"),
    ("mk", "наводи", "reflist"),
    ("he", "הערות שוליים", "reflist"),
    ("ar", "مراجع", "reflist"),
    ("ur", "حوالہ جات", "reflist"),
    ("th", "รายการอ้างอิง", "reflist"),
    ("vi", "Tham khảo", "reflist"),
    ("en", "Notelist", "notelist"),
    ("en", "notelist-ua", "notelist"),
    ("pl", "Uwagi", "notelist"),
    # citation templates
    ("en", "Cite web", "citation"),
    ("en", "cite journal", "citation"),
    ("en", "Citation", "citation"),
    ("en", "Cite gnis", "citation"),  # by prefix
    ("de", "Internetquelle", "citation"),
    ("de", "Literatur", "citation"),
    ("fr", "Lien web", "citation"),
    ("fr", "Ouvrage", "citation"),
    ("es", "Cita web", "citation"),
    ("it", "Cita pubblicazione", "citation"),
    ("pt", "Citar web", "citation"),
    ("pl", "Cytuj stronę", "citation"),
    ("nl", "Citeer web", "citation"),
    ("sv", "Webbref", "citation"),
    ("fi", "Verkkoviite", "citation"),
    ("ru", "Книга", "citation"),
    ("mk", "Наведена мрежна страница", "citation"),
    ("vi", "Chú thích web", "citation"),
    ("he", "קישור כללי", "citation"),
    ("ar", "استشهاد ويب", "citation"),
    ("el", "Citeweb", "citation"),
    ("ro", "Citat web", "citation"),
    # footnote families
    ("en", "Sfn", "sfn"),
    ("en", "sfnp", "sfn"),
    ("en", "Harvnb", "harv"),
    ("en", "harvtxt", "harv"),
    ("en", "Sfnref", "harv"),
    ("fr", "Harvsp", "harv"),
    ("en", "R", "r"),
    ("pl", "r", "r"),
    ("en", "Rp", "rp"),
    ("en", "Efn", "efn"),
    ("en", "Refn", "efn"),
    ("en", "#tag:ref", "efn"),
    ("he", "הערה", "efn"),
    ("fr", "Note", "efn"),
    # hatnotes
    ("en", "Main", "hatnote"),
    ("en", "Main article", "hatnote"),
    ("en", "See also", "hatnote"),
    ("de", "Hauptartikel", "hatnote"),
    ("fr", "Article détaillé", "hatnote"),
    ("es", "AP", "hatnote"),
    ("it", "Vedi anche", "hatnote"),
    ("ru", "Другие значения", "hatnote"),
    ("pl", "Osobny artykuł", "hatnote"),
    ("sv", "Huvudartikel", "hatnote"),
    ("hu", "Fő", "hatnote"),
    ("ar", "وضح", "hatnote"),  # a disambiguation hatnote, not "clarify"
    ("ur", "اصل مقالہ", "hatnote"),
    # not ours
    ("en", "Infobox settlement", None),
    ("en", "Refbegin", None),  # formatting, not a list
    ("en", "Refend", None),
    ("en", "Unreferenced", None),  # banners are not inline tags
    ("en", "Refimprove", None),
    ("en", "Webarchive", None),
    ("en", "Cite needed", "citation-needed"),  # not a citation despite "Cite "
    ("en", "Formatnum:1234", None),
    ("en", "", None),
    ("nl", "CN", None),  # a flag on nl; "Cn" is citation needed
    ("ru", "Ref-de", None),  # a language marker
    ("ja", "脚注ヘルプ", None),  # a help notice
    ("hu", "Korrektúra", None),  # a banner
    ("de", "Zitat", None),  # a quotation
    ("es", "Cita", None),  # a quotation on es
]


# fmt: on


@pytest.mark.parametrize(("lang", "name", "expected"), CLASSIFY_CASES)
def test_classify_template(lang: str, name: str, expected: str | None) -> None:
    assert classify_template(table_for(lang), name) == expected


def test_is_citation_template() -> None:
    en = table_for("en")
    assert en.is_citation_template("Cite web")
    assert en.is_citation_template("Cite some new thing")
    assert not en.is_citation_template("Cite needed")
    assert not en.is_citation_template("Citation needed")
    assert not en.is_citation_template("Cita web")  # es/it prefix: not on en
    assert is_citation_template("Cita web")  # all-language table
    assert is_citation_template("Cytuj odcinek", table_for("pl"))
    assert is_citation_template("Citar algo")
    assert is_citation_template("Citeer iets", table_for("nl"))
    assert is_citation_template("Chú thích hội nghị", table_for("vi"))
    assert not is_citation_template("Infobox")


def test_classify_is_cached_and_fast() -> None:
    table = table_for("en")
    names = [f"Template name {i}" for i in range(500)] + ["cite web", "Reflist", "cn"] * 1000
    start = time.perf_counter()
    for _ in range(3):
        for name in names:
            classify_template(table, name)
    assert time.perf_counter() - start < 0.5


# --------------------------------------------------------------------------------------------
# What the corpus uses, per language (found by listing the templates and headings of
# fixtures/articles/<lang>/*.wiki). Each name must really occur there and be classified so.
# --------------------------------------------------------------------------------------------

# fmt: off
CORPUS_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "af": {"reflist": ("Verwysings",)},
    "ar": {
        "reflist": ("مراجع", "Reflist"),
        "citation": ("استشهاد ويب", "Cite web", "Cite book"),
        "dead-link": ("وصلة مكسورة",),
        "hatnote": ("وضح", "مفصلة"),
    },
    "bg": {"citation": ("Cite web", "Cite journal"), "hatnote": ("Основна",)},
    "de": {
        "citation": ("Internetquelle", "Literatur", "Webarchiv", "Cite web"),
        "hatnote": (
            "Hauptartikel", "Siehe auch", "Begriffsklärungshinweis", "Weiterleitungshinweis",
        ),
    },
    "el": {"citation": ("Cite web", "Citeweb"), "dead-link": ("Dead link",),
           "hatnote": ("Κύριο",)},
    "en": {
        "citation-needed": ("Citation needed", "Cn"),
        "verification:when": ("When",),
        "verification:clarify": ("Clarify",),
        "verification:which": ("Which",),
        "verification:by-whom": ("By whom",),
        "verification:vague": ("Vague",),
        "verification:failed-verification": ("Failed verification",),
        "verification:better-source-needed": ("Better source",),
        "verification:verification-needed": ("Verify source",),
        "verification:quotation-needed": ("Request quotation",),
        "dead-link": ("Dead link",),
        "reflist": ("Reflist",),
        "notelist": ("Notelist",),
        "citation": (
            "Cite web", "Cite journal", "Cite news", "Cite book", "Citation",
            "Cite encyclopedia", "Cite press release", "Cite report", "Cite gnis",
            "Cite GovTrack",
        ),
        "sfn": ("Sfn",),
        "harv": ("Harvnb", "Harv", "Harvs", "Harvtxt"),
        "efn": ("Efn", "Refn", "#tag:ref"),
        "hatnote": ("Main", "Main article", "See also", "Redirect", "For", "About",
                    "Other uses"),
    },
    "es": {
        "reflist": ("Listaref",),
        "citation": ("Cita web", "Cita libro", "Cita publicación", "Cita noticia"),
        "dead-link": ("Enlace roto",),
        "hatnote": ("AP", "VT", "Otros usos"),
    },
    "fi": {
        "reflist": ("Viitteet",),
        "citation-needed": ("Lähde",),
        "citation": ("Verkkoviite", "Kirjaviite", "Lehtiviite"),
    },
    "fr": {
        "reflist": ("Références",),
        "citation-needed": ("Référence nécessaire", "Ref nec"),
        "verification:better-source-needed": ("Référence insuffisante",),
        "dead-link": ("Lien brisé",),
        "citation": ("Lien web", "Ouvrage", "Article", "Chapitre"),
        "harv": ("Harvsp",),
        "efn": ("Note",),
        "hatnote": ("Article détaillé", "Article principal", "Voir aussi", "Voir homonymes"),
    },
    "he": {
        "reflist": ("הערות שוליים",),
        "efn": ("הערה",),
        "citation-needed": ("מקור",),
        "citation": ("קישור כללי", "Cite web", "הארץ"),
        "hatnote": ("הפניה לערך מורחב", "פירוש נוסף"),
    },
    "hu": {
        "reflist": ("Jegyzetek",),
        "dead-link": ("Halott link",),
        "citation": ("Cite web", "Cite journal"),
        "hatnote": ("Fő", "Bővebben"),
    },
    "id": {
        "reflist": ("Reflist",),
        "dead-link": ("Pranala mati", "Dead link"),
        "verification:failed-verification": ("Failed verification",),
        "citation": ("Cite web", "Cite news", "Cite book"),
        "hatnote": ("Main", "See also"),
    },
    "it": {
        "citation-needed": ("Senza fonte",),
        "verification:clarify": ("Chiarire",),
        "citation": ("Cita web", "Cita libro", "Cita pubblicazione"),
        "hatnote": ("Vedi anche",),
    },
    "ja": {
        "reflist": ("Reflist",),
        "citation-needed": ("要出典",),
        "dead-link": ("リンク切れ",),
        "citation": ("Cite web", "Cite news", "Cite book"),
        "hatnote": ("Main", "Otheruses"),
    },
    "ltg": {"reflist": ("Nūruodis", "Reflist")},
    "mk": {
        "reflist": ("Наводи",),
        "dead-link": ("Мртва врска",),
        "verification:failed-verification": ("Failed verification",),
        "citation": ("Наведена мрежна страница", "Наведени вести", "Наведена книга",
                     "Наведено списание"),
        "hatnote": ("Главна",),
    },
    "nl": {
        "reflist": ("References", "Appendix"),
        "citation-needed": ("Bron?",),
        "dead-link": ("Dode link",),
        "citation": ("Citeer web", "Cite book"),
        "hatnote": ("Zie hoofdartikel", "Zie ook", "Zie dp"),
    },
    "nn": {"reflist": ("Fotnoteliste",), "citation": ("Cite news",)},
    "pl": {
        "reflist": ("Przypisy",),
        "citation-needed": ("Fakt",),
        "citation": ("Cytuj", "Cytuj stronę", "Cytuj książkę"),
        "r": ("R",),
        "hatnote": ("Osobny artykuł", "Zobacz też", "Inne znaczenia"),
    },
    "pt": {
        "reflist": ("Referências",),
        "citation-needed": ("Carece de fontes",),
        "verification:failed-verification": ("Failed verification",),
        "citation": ("Citar web", "Citar jornal", "Citar livro", "Citar periódico"),
        "hatnote": ("Artigo principal", "Ver desambiguação"),
    },
    "ro": {
        "reflist": ("Listănote",),
        "verification:failed-verification": ("Failed verification",),
        "citation": ("Cite web", "Cite book", "Cite news"),
        "hatnote": ("Articol principal", "Despre"),
    },
    "ru": {
        "reflist": ("Примечания",),
        "citation-needed": ("Нет АИ",),
        "citation": ("Cite web", "Книга"),
        "sfn": ("Sfn",),
        "hatnote": ("Main", "Другие значения", "См. также"),
    },
    "sv": {
        "citation": ("Webbref", "Bokref", "Tidningsref"),
        "hatnote": ("Huvudartikel", "Se även", "Olika betydelser"),
    },
    "th": {"reflist": ("รายการอ้างอิง",), "dead-link": ("ลิงก์เสีย",), "citation": ("Cite web",)},
    "uk": {"reflist": ("Reflist",), "citation": ("Cite web", "Citeweb", "Cite book"),
           "hatnote": ("Main", "Otheruses")},
    "ur": {
        "reflist": ("حوالہ جات",),
        "citation-needed": ("حوالہ درکار",),
        "rp": ("Rp",),
        "citation": ("Cite news", "Cite web", "Cite book"),
        "hatnote": ("اصل مقالہ", "تفصیلی مضمون"),
    },
    "vi": {
        "reflist": ("Tham khảo",),
        "dead-link": ("Dead link",),
        "citation": ("Chú thích web", "Chú thích sách", "Chú thích báo"),
        "hatnote": ("Chính",),
    },
    "zh": {
        "reflist": ("Reflist",),
        "dead-link": ("Dead link",),
        "citation": ("Cite web", "Citeweb"),
        "hatnote": ("Main", "Otheruses"),
    },
}

# Templates of the corpus that look like ours but are not (or are not references at all).
CORPUS_NOT_OURS: dict[str, tuple[str, ...]] = {
    "en": ("Refbegin", "Refend", "Refimprove", "Unreferenced section", "Webarchive",
           "Inconsistent citations", "Original research", "Primary sources"),
    "fr": ("Citation", "Sources à lier", "Section vide ou incomplète"),
    "hu": ("Korrektúra",),
    "ja": ("脚注ヘルプ",),
    "nl": ("CN",),
    "ru": ("Ref-de",),
    "uk": ("Ref-de",),
    "de": ("Zitat",),
}


# fmt: on


def _corpus_cases() -> list[tuple[str, str, str | None]]:
    cases: list[tuple[str, str, str | None]] = []
    for lang, kinds in CORPUS_TEMPLATES.items():
        for kind, names in kinds.items():
            cases.extend((lang, name, kind) for name in names)
    for lang, names in CORPUS_NOT_OURS.items():
        cases.extend((lang, name, None) for name in names)
    return cases


@pytest.mark.parametrize(("lang", "name", "expected"), _corpus_cases())
def test_corpus_template(lang: str, name: str, expected: str | None) -> None:
    assert name in _corpus_templates(lang), f"{name!r} does not occur in the {lang} corpus"
    assert classify_template(table_for(lang), name) == expected


def test_every_language_has_corpus_facts() -> None:
    assert set(CORPUS_TEMPLATES) == set(SUPPORTED)


# Templates that open a <ref> in the corpus and are not citation templates (language markers,
# data templates, page abbreviations). Anything else that opens a <ref> must be classified.
# fmt: off
REF_OPENERS_NOT_CITATIONS: dict[str, tuple[str, ...]] = {
    "de": ("ChemID", "LuiseBMS", "Metadaten Einwohnerzahl DE-BE"),
    "en": ("GEOnet3", "IranCensus2006", "Wayback"),
    "fr": ("De", "En", "Géoportail", "P.", "Pdf"),
    "it": ("De", "En", "Dipi"),
    "ja": ("Population GER-BE",),
    "nl": ("Array Duitsland gemeentes Gewerbesteuerhebesätze/Berlijn",
           "Bronvermelding inwonertal Berlijn", "De", "En"),
    "pt": ("De icon",),
    "ro": ("De icon",),
    "uk": ("Metadata Population DE-BE",),
    "zh": ("Lang",),
}


# fmt: on


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_ref_openers_are_classified(path: Path) -> None:
    lang = _lang_of(path)
    table = table_for(lang)
    allowed = set(REF_OPENERS_NOT_CITATIONS.get(lang, ()))
    code = _parsed(path)
    missing = set()
    for tag in code.ifilter_tags(recursive=True):
        if str(tag.tag).strip().lower() != "ref" or tag.contents is None:
            continue
        for node in tag.contents.nodes:
            if isinstance(node, mwparserfromhell.nodes.Text) and not node.value.strip():
                continue
            if isinstance(node, mwparserfromhell.nodes.Template):
                key = template_key(str(node.name))
                if classify_template(table, key) is None and key not in allowed:
                    missing.add(key)
            break
    assert not missing


# Section titles of the corpus, per language: the appendix ones (notes, references, sources)
# and the non-prose ones (see also, external links). Each must occur in that corpus.
CORPUS_REFERENCE_SECTIONS: dict[str, tuple[str, ...]] = {
    "af": ("Verwysings", "Bronnelys"),
    "ar": ("مراجع",),
    "bg": ("Източници",),
    "de": ("Einzelnachweise", "Literatur", "Belege", "Sekundärliteratur"),
    "el": ("Παραπομπές",),
    "en": ("References", "Notes", "Sources", "Bibliography", "Notes and references"),
    "es": ("Referencias", "Bibliografía"),
    "fi": ("Lähteet", "Viitteet", "Yleiset lähteet"),
    "fr": ("Notes et références", "Références", "Notes", "Bibliographie", "Sources"),
    "he": ("הערות שוליים",),
    "hu": ("Jegyzetek",),
    "id": ("Referensi",),
    "it": ("Note", "Bibliografia", "Esplicative", "Bibliografiche"),
    "ja": ("脚注", "出典", "注釈"),
    "ltg": ("Nūruodis", "Nūruodis i olūti", "Izmantuotuo literatūra"),
    "mk": ("Наводи",),
    "nl": ("Literatuur",),
    "nn": ("Kjelder",),
    "pl": ("Przypisy",),
    "pt": (),
    "ro": ("Referințe", "Bibliografie"),
    "ru": ("Примечания", "Литература"),
    "sv": ("Referenser",),
    "th": ("อ้างอิง",),
    "uk": ("Примітки", "Джерела"),
    "ur": ("حوالہ جات",),
    "vi": ("Tham khảo",),
    "zh": ("参考文献",),
}
CORPUS_NONPROSE_SECTIONS: dict[str, tuple[str, ...]] = {
    "af": ("Eksterne skakels",),
    "ar": ("وصلات خارجية", "انظر أيضًا", "معرض صور"),
    "bg": ("Външни препратки", "Вижте също"),
    "de": ("Weblinks", "Siehe auch"),
    "el": ("Εξωτερικοί σύνδεσμοι",),
    "en": ("See also", "External links", "Further reading", "Gallery"),
    "es": ("Enlaces externos",),
    "fi": ("Aiheesta muualla",),
    "fr": ("Voir aussi", "Liens externes", "Articles connexes", "Liens internes"),
    "he": ("קישורים חיצוניים", "לקריאה נוספת"),
    "hu": ("További információk",),
    "id": ("Pranala luar", "Lihat juga"),
    "it": ("Voci correlate", "Collegamenti esterni", "Altri progetti"),
    "ja": ("関連項目", "外部リンク"),
    "ltg": ("Verīs taipoš",),
    "mk": ("Надворешни врски",),
    "nl": ("Externe links",),
    "nn": ("Bakgrunnsstoff",),
    "pl": ("Linki zewnętrzne",),
    "pt": ("Ligações externas",),
    "ro": ("Legături externe",),
    "ru": ("Ссылки", "См. также"),
    "sv": ("Se även", "Externa länkar"),
    "th": ("แหล่งข้อมูลอื่น",),
    "uk": ("Посилання", "Див. також"),
    "ur": ("بیرونی روابط",),
    "vi": ("Liên kết ngoài",),
    "zh": ("外部链接",),
}


def _section_cases(facts: dict[str, tuple[str, ...]], field: str) -> list[tuple[str, str, str]]:
    return [(lang, title, field) for lang, titles in facts.items() for title in titles]


@pytest.mark.parametrize(
    ("lang", "title", "field"),
    _section_cases(CORPUS_REFERENCE_SECTIONS, "reference_sections")
    + _section_cases(CORPUS_NONPROSE_SECTIONS, "nonprose_sections"),
)
def test_corpus_section(lang: str, title: str, field: str) -> None:
    assert title in _corpus_headings(lang), f"{title!r} is not a heading of the {lang} corpus"
    assert title.casefold() in getattr(table_for(lang), field)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_reference_lists_sit_in_reference_sections(path: Path) -> None:
    """The section holding <references/> or a reflist template is an appendix section, unless
    the article has no such heading at all (a stub, a list in the body)."""
    lang = _lang_of(path)
    table = table_for(lang)
    code = _parsed(path)
    titles: list[tuple[int, str]] = []
    misplaced = []
    for node in code.nodes:
        if isinstance(node, mwparserfromhell.nodes.Heading):
            title = " ".join(node.title.strip_code().split())
            titles = [t for t in titles if t[0] < node.level] + [(node.level, title)]
            continue
        is_list = (
            isinstance(node, mwparserfromhell.nodes.Tag)
            and str(node.tag).strip().lower() == "references"
        ) or (
            isinstance(node, mwparserfromhell.nodes.Template)
            and classify_template(table, str(node.name)) in ("reflist", "notelist")
        )
        if is_list and titles:
            folded = [t.casefold() for _, t in titles]
            if not any(
                f in table.reference_sections or f in table.nonprose_sections for f in folded
            ):
                misplaced.append(" > ".join(t for _, t in titles))
    # Known in the corpus: a <references group> inside a body table (de Berlin), a
    # {{Referências}} under the last body section (pt), a Waray article in the ar folder.
    known = {"Geographie > Stadtgliederung", "Cultura > Esportes", "Mga kasarigan"}
    assert set(misplaced) <= known


# --------------------------------------------------------------------------------------------
# Language detection
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_detect_language_never_wrong(path: Path) -> None:
    assert detect_language(_text(path)) in (_lang_of(path), None)


def test_detect_language_mostly_right() -> None:
    right = sum(detect_language(_text(p)) == _lang_of(p) for p in FILES)
    assert right >= 0.8 * len(FILES)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    for p in FILES:
        by_lang[_lang_of(p)].append(detect_language(_text(p)) == _lang_of(p))
    # Every language is recognised in at least one of its articles.
    assert all(any(v) for v in by_lang.values()), by_lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Text.\n== Einzelnachweise ==\n<references />\n[[Kategorie:X]]\n", "de"),
        ("x {{Internetquelle |url=http://a.de |titel=T}}\n[[Datei:A.jpg]]\n", "de"),
        ("x\n== Notes et références ==\n{{Références}}\n[[Catégorie:X]]\n", "fr"),
        ("x\n== Referencias ==\n{{Listaref}}\n", "es"),
        ("x\n== Примечания ==\n{{примечания}}\n[[Категория:Города]]\n", "ru"),
        ("x\n== Примітки ==\n{{reflist}}\n[[Категорія:Міста]]\n", "uk"),
        ("x\n== 脚注 ==\n{{Reflist}}\n== 外部リンク ==\n", "ja"),
        ("x\n== 参考文献 ==\n{{Reflist}}\n== 外部链接 ==\n", "zh"),
        ("x\n== References ==\n{{reflist}}\n== External links ==\n[[Category:X]]\n", "en"),
        ("Just some text with no wiki vocabulary at all.", None),
        ("", None),
        # Only vocabulary shared by two wikis: unsure.
        ("x\n[[Kategorie:A]]\n[[Kategorie:B]]\n", None),
        # English templates alone say nothing: every wiki uses them.
        ("x<ref>{{cite web|url=http://a}}</ref>\n{{reflist}}\n", None),
    ],
)
def test_detect_language_snippets(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_detect_language_is_fast() -> None:
    text = max((_text(p) for p in FILES), key=len)
    assert len(text) > 300_000
    detect_language(text)
    start = time.perf_counter()
    for _ in range(10):
        detect_language(text)
    per_call = (time.perf_counter() - start) / 10
    assert per_call < 0.01  # ~1.3 ms on a dev machine; generous for slow CI


def _line_starts(text: str, every: int) -> list[int]:
    """Every ``every``-th line start of ``text`` (0 first): cuts where pieces may start."""
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < len(text))]
    return starts[::every]


@pytest.mark.parametrize("every", [1, 7, 40])
def test_detection_from_pieces_equals_detection_of_the_whole(every: int) -> None:
    """The audit detects the language from each piece's remembered evidence: on every corpus
    article (27 languages, ja/zh told apart by kana) and any cut at line starts, it agrees with
    the whole text's detection; a heading at a piece's start counts as in the whole text."""
    from citecheck.parsing.languages import detect_language_in_pieces

    for path in sorted(ARTICLES.glob("*/*.wiki")):
        text = path.read_text(encoding="utf-8")
        starts = _line_starts(text, every)
        assert detect_language_in_pieces(text, starts) == detect_language(text), path.name
    text = "Intro.\n== Einzelnachweise ==\n<references />\n"  # the heading starts a piece
    assert detect_language_in_pieces(text, [0, text.index("==")]) == detect_language(text) == "de"
    # cuts that are not at line starts: read whole, never wrong
    assert detect_language_in_pieces(text, [0, 3]) == "de"
