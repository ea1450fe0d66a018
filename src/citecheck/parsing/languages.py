"""Per-language vocabulary: which templates and section titles mean what on each wiki.

Every wiki keeps the English template names (as redirects or copies), so :func:`table_for`
merges a language's own names with English ones. Names are stored as :func:`template_key`
returns them (first letter uppercase, rest as written) and section titles casefolded.

Sources: the template names are those of each wiki's template namespace (the template and its
common redirects, as listed on the template page or its "What links here (redirects)"), and
every name of the kind used by the fixture articles in ``fixtures/articles/<lang>/`` (checked
by ``tests/test_languages.py``). Names marked "corpus" were seen there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from itertools import chain
from types import MappingProxyType
from typing import Any

import attrs

from .wikinames import NAMESPACES, normalize_title, template_key

__all__ = [
    "KINDS",
    "SUPPORTED",
    "LanguageTable",
    "classify_template",
    "detect_language",
    "is_citation_template",
    "table_for",
]

SUPPORTED = (
    "af", "ar", "bg", "de", "el", "en", "es", "fi", "fr", "he", "hu", "id", "it", "ja", "ltg",
    "mk", "nl", "nn", "pl", "pt", "ro", "ru", "sv", "th", "uk", "ur", "vi", "zh",
)  # fmt: skip

KINDS = (
    "citation-needed", "verification:<kind>", "dead-link", "reflist", "notelist", "citation",
    "sfn", "harv", "r", "rp", "efn", "hatnote",
)  # fmt: skip
"""What :func:`classify_template` returns (``verification:dubious``, … for the middle one)."""


def _lang(
    *,
    citation_needed: Iterable[str] = (),
    verification: Mapping[str, Iterable[str]] | None = None,
    reflist: Iterable[str] = (),
    notelist: Mapping[str, str] | None = None,
    citation: Iterable[str] = (),
    citation_prefixes: Iterable[str] = (),
    sfn: Iterable[str] = (),
    harv: Iterable[str] = (),
    r: Iterable[str] = (),
    rp: Iterable[str] = (),
    efn: Mapping[str, str] | None = None,
    hatnotes: Iterable[str] = (),
    reference_sections: Iterable[str] = (),
    nonprose_sections: Iterable[str] = (),
    refs_params: Iterable[str] = (),
    group_params: Iterable[str] = (),
    name_params: Iterable[str] = (),
    not_english: Iterable[str] = (),
) -> dict[str, Any]:
    """One language's own vocabulary (English names are merged in by :func:`table_for`).

    ``verification`` maps a kind to its template names (``dead-link`` included);
    ``not_english``: English names that mean something else on this wiki, dropped from the merge.
    """
    return {
        "citation_needed": tuple(citation_needed),
        "verification": {k: tuple(v) for k, v in (verification or {}).items()},
        "reflist": tuple(reflist),
        "notelist": dict(notelist or {}),
        "citation": tuple(citation),
        "citation_prefixes": tuple(citation_prefixes),
        "sfn": tuple(sfn),
        "harv": tuple(harv),
        "r": tuple(r),
        "rp": tuple(rp),
        "efn": dict(efn or {}),
        "hatnotes": tuple(hatnotes),
        "reference_sections": tuple(reference_sections),
        "nonprose_sections": tuple(nonprose_sections),
        "refs_params": tuple(refs_params),
        "group_params": tuple(group_params),
        "name_params": tuple(name_params),
        "not_english": tuple(not_english),
    }


# --------------------------------------------------------------------------------------------
# The data: one block per language.
# --------------------------------------------------------------------------------------------

_DATA: dict[str, dict[str, Any]] = {}

# fmt: off

# English Wikipedia: the templates and their redirects ("Template:Citation needed", "Category:
# Inline cleanup templates", "Help:Shortened footnotes", "Template:Efn", MOS:LAYOUT for
# the appendix section titles).
_DATA["en"] = _lang(
    citation_needed=(
        "Citation needed", "Cn", "Fact", "Cite needed", "Citeneeded", "Citation-needed",
        "Citationneeded", "Citation Needed", "Citation required", "Cite missing",
        "Citation missing", "Needs citation", "Needcite",
        "Source needed", "Sourceneeded", "Reference needed", "Ref needed", "Refneeded",
        "Proveit", "Prove it", "Sourceme", "Source?",
        "Citation needed lead", "Medical citation needed",
    ),  # corpus: Citation needed, Cn
    verification={
        "citation-needed-span": (
            "Citation needed span", "Cn span", "Cns", "Fact span",
        ),
        "dubious": ("Dubious", "Dubious-discuss", "Dubious discuss"),
        "failed-verification": (
            "Failed verification", "Fv", "Failed-verification", "Failedverification",
            "Verification failed", "Not in citation given",
            "Not in source", "Not in ref", "Not in reference", "Failed verification span",
        ),  # corpus
        "better-source-needed": (
            "Better source needed", "Better source", "Bsn", "Better-source", "Bettersource",
            "Non-primary source needed", "Third-party inline",
            "Primary source inline",
        ),  # corpus: Better source
        "dead-link": (
            "Dead link", "Deadlink", "Dead-link", "Dead Link", "Dl", "Broken link", "404",
            
        ),  # corpus
        "clarify": (
            "Clarify", "Clarification needed", "Huh?", "Clarify span",
        ),  # corpus
        "when": ("When?", "When"),  # corpus
        "who": ("Who?", "Who", "Whom?"),
        "which": ("Which?", "Which"),  # corpus
        "where": ("Where?",),
        "by-whom": ("By whom?", "By whom"),  # corpus
        "according-to-whom": ("According to whom?", "According to whom"),
        "vague": ("Vague",),  # corpus
        "unreliable-source": (
            "Unreliable source?", "Unreliable source", "Rs?", "Verify credibility",
        ),
        "self-published-source": ("Self-published inline", "Self-published source", "Sps"),
        "verification-needed": (
            "Verification needed", "Verify source", "Vs", "Verify",
        ),  # corpus: Verify source
        "quotation-needed": ("Request quotation", "Rq"),
        "page-needed": ("Page needed", "Pn", "Page number", "Pages needed"),
        "full-citation-needed": ("Full citation needed", "Full", "Full citation", "Fullcite"),
        "disputed-inline": ("Disputed inline", "Disputed-inline"),
        "original-research-inline": (
            "Original research inline", "Or-inline", "OR-inline", "Original research?",
            "Synthesis inline", "Synthesis?",
        ),
    },
    reflist=(
        "Reflist", "References", "Refs", "Reference list", "Ref list", "Ref-list",
        "Reflist-talk", "Reflist talk", "Footnotes",
    ),  # corpus: Reflist, References
    notelist={
        "Notelist": "lower-alpha", "Note list": "lower-alpha", "Notes list": "lower-alpha",
        "Notelist-la": "lower-alpha", "Notelist-talk": "lower-alpha",
        "Notelist-ua": "upper-alpha", "Notelist-lr": "lower-roman",
        "Notelist-ur": "upper-roman", "Notelist-lg": "lower-greek",
        "NoteFoot": "note", "Notefoot": "note", "Note foot": "note",
    },  # corpus: Notelist
    citation=(
        "Cite web", "Cite news", "Cite book", "Cite journal", "Citation", "Cite magazine",
        "Cite encyclopedia", "Cite press release", "Cite AV media", "Cite av media",
        "Cite AV media notes", "Cite conference", "Cite thesis", "Cite report", "Cite map",
        "Cite episode", "Cite interview", "Cite arXiv", "Cite arxiv", "Cite bioRxiv",
        "Cite SSRN", "Cite tweet", "Cite podcast", "Cite speech", "Cite document",
        "Cite letter", "Cite sign", "Cite mailing list", "Cite newsgroup", "Cite serial",
        "Cite patent", "Cite court", "Cite act", "Cite legislation", "Cite techreport",
        "Cite video game", "Cite video", "Cite dictionary", "Cite Q", "Cite website",
        "Cite newspaper", "Cite paper", "Cite periodical", "Cite encyclopaedia", "Citeweb",
        "Cite-web", "Cite Web", "Web cite", "Webcite", "Cite", "Vcite web", "Vcite news",
        "Vcite book", "Vcite journal", "Vcite2 journal", "Citation/core",
        # Source-specific citation templates (corpus: first thing in a <ref>).
        "Sep entry", "IEP", "OEtymD", "LSJ", "AllMusic", "Allmusic", "IMDb name", "IMDb title",
        "SCref", "EB1911", "Find a Grave",
    ),  # corpus: Cite web/news/book/journal/press release/encyclopedia/report, Citation, Citeweb
    citation_prefixes=("Cite ",),
    sfn=("Sfn", "Sfnp", "Sfnm", "Sfnmp", "Sfn whole", "Shortened footnote"),  # corpus: Sfn
    harv=(
        "Harvnb", "Harv", "Harvp", "Harvtxt", "Harvcoltxt", "Harvcol", "Harvcolnb", "Harvs",
        "Harvard citation", "Harvard citation no brackets", "Harvard citation text",
        "Harvard citations", "Sfnref", "Harvid", "Harvsp",
    ),  # corpus: Harvnb, Harv, Harvs, Harvtxt; fr: Harvsp
    r=("R",),
    rp=("Rp",),  # corpus (ur)
    efn={
        "Efn": "lower-alpha", "Efn-la": "lower-alpha", "Efn-ua": "upper-alpha",
        "Efn-lr": "lower-roman", "Efn-ur": "upper-roman", "Efn-lg": "lower-greek",
        "Refn": "", "#tag:ref": "", "NoteTag": "note", "Notetag": "note", "Note tag": "note",
    },  # corpus: Efn, Refn, #tag:ref
    hatnotes=(
        "Main", "Main article", "Main articles", "See also", "Seealso", "See Also", "Further",
        "Further information", "Further2", "Details", "About", "About-distinguish",
        "About-distinguish2", "For", "For multi", "Other uses", "Otheruses", "Other uses of",
        "Other people", "Other persons", "Other places", "Redirect", "Redirect2",
        "Redirect-multi", "Redirect-distinguish", "Distinguish", "Distinguish2", "Confused",
        "Hatnote", "Rellink", "Self reference", "Selfref", "Broader", "Related articles",
        "Main2",
    ),  # corpus: Main, Main article, See also, Redirect, For, About, Other uses, ...
    reference_sections=(
        "References", "Reference", "Notes", "Note", "Footnotes", "Citations", "Sources",
        "Bibliography", "Works cited", "Notes and references", "References and notes",
        "General references", "Further references", "Explanatory notes", "Endnotes",
        "Literature cited", "Cited works", "Sources cited", "Citations and notes",
        "Notes and citations", "Footnotes and references", "References and footnotes",
        "Sources and references", "References and sources", "Notes and sources",
        "Sources and notes", "Specific references", "Inline citations", "Reference notes",
        "Source notes", "Bibliography and references", "References and bibliography",
        "Works consulted", "References and further reading", "Informational notes",
    ),  # corpus: References, Notes, Sources, Bibliography, Notes and references
    nonprose_sections=(
        "See also", "External links", "External link", "Further reading", "Gallery",
        "Image gallery", "Photo gallery", "Navigation", "Links", "Other websites",
        "Related pages", "Related articles", "External links and further reading",
        "Further reading and external links", "See also and external links",
    ),  # corpus: See also, External links, Further reading, Gallery
    refs_params=("refs",),
    group_params=("group",),
    name_params=("name",),
)

# German: Vorlage:Internetquelle, Vorlage:Literatur, Vorlage:Webarchiv, Vorlage:Toter Link,
# Vorlage:Hauptartikel…; de puts the list in <references />; no inline "citation needed"
# template is in common use (Vorlage:Belege fehlen is a banner).
_DATA["de"] = _lang(
    verification={"dead-link": ("Toter Link",)},
    citation=(
        "Internetquelle", "Literatur", "Webarchiv",
        # Source-specific (corpus: first thing in a <ref>).
        "Der Spiegel", "GESTIS", "RömppOnline", "IUCN", "ReptileDatabase",
    ),  # corpus
    hatnotes=(
        "Hauptartikel", "Siehe auch", "Dieser Artikel", "Begriffsklärungshinweis",
        "Weiterleitungshinweis", "Andere Bedeutung", "Andere Bedeutungen",
    ),  # corpus: Hauptartikel, Siehe auch, Begriffsklärungshinweis, Weiterleitungshinweis
    reference_sections=(
        "Einzelnachweise", "Anmerkungen", "Literatur", "Quellen", "Belege", "Fußnoten",
        "Quellenangaben", "Nachweise", "Referenzen", "Einzelnachweise und Anmerkungen",
        "Anmerkungen und Einzelnachweise", "Quellen und Anmerkungen", "Anmerkungen und Belege",
        "Literatur und Quellen", "Quellen und Literatur", "Sekundärliteratur",
        "Primärliteratur",
    ),  # corpus: Einzelnachweise, Literatur, Belege, Sekundärliteratur
    nonprose_sections=(
        "Siehe auch", "Weblinks", "Galerie", "Bildergalerie", "Literatur und Weblinks",
        "Weblinks und Literatur",
    ),  # corpus: Siehe auch, Weblinks
)

# French: Modèle:Référence nécessaire (Refnec…), Modèle:Références, Modèle:Lien web,
# Modèle:Ouvrage, Modèle:Article, Modèle:Note (a footnote in group "N"), Modèle:Lien brisé.
# fr's {{Citation}} is a quotation, not a citation.
_DATA["fr"] = _lang(
    citation_needed=(
        "Référence nécessaire", "Refnec", "Ref nec", "Réf nec", "Réf nécessaire",
        "Ref nécessaire", "Citation nécessaire", "Référence souhaitée", "Refsou",
        "Ref souhaitée", "Réf souhaitée",
    ),  # corpus: Référence nécessaire, Ref nec
    verification={
        "better-source-needed": ("Référence insuffisante",),  # corpus
        "full-citation-needed": ("Référence incomplète",),
        "clarify": ("Précision nécessaire",),
        "when": ("Quand ?",),
        "who": ("Qui ?",),
        "which": ("Lequel ?", "Laquelle ?", "Lesquels ?", "Lesquelles ?"),
        "according-to-whom": ("Selon qui ?",),
        "dead-link": ("Lien brisé",),  # corpus
    },
    reflist=("Références", "Références nombreuses"),  # corpus
    citation=(
        "Lien web", "Article", "Ouvrage", "Chapitre", "Lien conférence", "Lien vidéo",
        "Légifrance",
    ),  # corpus: Lien web, Article, Ouvrage, Chapitre
    efn={"Note": "N"},  # corpus: {{Note|…}} with {{Références|groupe=N}}
    hatnotes=(
        "Article détaillé", "Article principal", "Voir aussi", "Article connexe",
        "Voir homonymes", "Confusion", "Détails", "Autres usages", "Homonyme",
    ),  # corpus: Article détaillé, Article principal, Voir aussi, Voir homonymes, Détails…
    reference_sections=(
        "Notes et références", "Références", "Notes", "Bibliographie", "Sources",
        "Notes et sources", "Références et notes", "Sources et références",
        "Notes et bibliographie", "Sources et bibliographie", "Références bibliographiques",
    ),  # corpus: Notes et références, Références, Notes, Bibliographie, Sources
    nonprose_sections=(
        "Voir aussi", "Liens externes", "Articles connexes", "Liens internes",
        "Pour approfondir", "Annexes", "Galerie", "Lien externe", "Article connexe",
    ),  # corpus: Voir aussi, Liens externes, Articles connexes, Liens internes
    refs_params=("références",),
    group_params=("groupe",),
    name_params=("nom",),
    not_english=("Citation",),
)

# Spanish: Plantilla:Cita requerida, Plantilla:Listaref, Plantilla:Cita web, Plantilla:AP…
# es's bare {{Cita}} is a quotation.
_DATA["es"] = _lang(
    citation_needed=("Cita requerida", "Citarequerida", "Cr"),
    verification={
        "dead-link": ("Enlace roto", "Enlace muerto"),  # corpus: Enlace roto
        "clarify": ("Aclaración requerida",),
    },
    reflist=("Listaref", "Referencias", "Reflist"),  # corpus: Listaref
    citation=(
        "Cita web", "Cita libro", "Cita publicación", "Cita noticia", "Cita conferencia",
        "Cita enciclopedia", "Cita tesis", "Cita entrevista", "Cita video", "Cita mapa",
        "Cita episodio", "Cita informe", "Cita comunicado de prensa",
    ),  # corpus: Cita web, Cita libro, Cita publicación, Cita noticia
    citation_prefixes=("Cita ",),
    hatnotes=(
        "AP", "Artículo principal", "VT", "Véase también", "Otros usos", "Distinguir", "Para",
        "Redirige aquí",
    ),  # corpus: AP, VT, Otros usos
    reference_sections=(
        "Referencias", "Notas", "Bibliografía", "Notas y referencias", "Referencias y notas",
        "Fuentes", "Notas y bibliografía", "Fuentes y referencias",
    ),  # corpus: Referencias, Bibliografía
    nonprose_sections=(
        "Véase también", "Enlaces externos", "Ver también", "Galería", "Galería de imágenes",
        "Enlace externo", "Lectura adicional",
    ),  # corpus: Enlaces externos
    refs_params=("refs",),
    group_params=("grupo",),
)

# Italian: Template:Senza fonte, Template:Chiarire, Template:Cita web/libro/news/pubblicazione,
# Template:Cita (a short citation to a work in the bibliography), Template:Vedi anche.
_DATA["it"] = _lang(
    citation_needed=("Senza fonte", "Citazione necessaria"),  # corpus: Senza fonte
    verification={
        "clarify": ("Chiarire",),  # corpus
        "dead-link": ("Collegamento interrotto",),
    },
    citation=(
        "Cita web", "Cita libro", "Cita news", "Cita pubblicazione", "Cita conferenza",
        "Cita video", "Cita testo", "Cita TV", "Cita brevetto", "Cita tesi",
    ),  # corpus: Cita web, Cita libro, Cita pubblicazione
    citation_prefixes=("Cita ",),
    harv=("Cita",),
    hatnotes=("Vedi anche", "Torna a", "Nota disambigua", "Principale"),  # corpus: Vedi anche
    reference_sections=(
        "Note", "Bibliografia", "Fonti", "Note e riferimenti", "Riferimenti", "Esplicative",
        "Bibliografiche", "Note esplicative", "Note bibliografiche",
        "Riferimenti bibliografici",
    ),  # corpus: Note (with === Esplicative === / === Bibliografiche ===), Bibliografia
    nonprose_sections=(
        "Voci correlate", "Collegamenti esterni", "Altri progetti", "Galleria d'immagini",
        "Galleria",
    ),  # corpus: Voci correlate, Collegamenti esterni, Altri progetti
    group_params=("gruppo",),
)

# Portuguese: Predefinição:Carece de fontes, Predefinição:Referências, Predefinição:Citar web,
# Predefinição:Ligação inativa, Predefinição:Artigo principal.
_DATA["pt"] = _lang(
    citation_needed=("Carece de fontes", "Carece de fonte", "Citação necessária"),  # corpus
    verification={"dead-link": ("Ligação inativa", "Link quebrado")},
    reflist=("Referências", "Reflist"),  # corpus: Referências
    citation=(
        "Citar web", "Citar livro", "Citar periódico", "Citar jornal", "Citar notícia",
        "Citar enciclopédia", "Citar conferência", "Citar tese", "Citar vídeo",
        "Citar entrevista", "Citar relatório",
    ),  # corpus: Citar web, Citar jornal, Citar periódico, Citar livro
    citation_prefixes=("Citar ",),
    hatnotes=(
        "Artigo principal", "Ver também", "Ver desambiguação", "Outros usos", "Principal",
    ),  # corpus: Artigo principal, Ver desambiguação
    reference_sections=(
        "Referências", "Notas", "Bibliografia", "Notas e referências", "Fontes",
        "Referências bibliográficas", "Notas de rodapé",
    ),
    nonprose_sections=(
        "Ver também", "Ligações externas", "Links externos", "Galeria", "Galeria de imagens",
        "Leitura adicional", "Leitura complementar",
    ),  # corpus: Ligações externas
    refs_params=("refs",),
    group_params=("grupo",),
)

# Russian: Шаблон:Нет АИ, Шаблон:Уточнить, Шаблон:Недоступная ссылка, Шаблон:Примечания,
# Шаблон:Книга, Шаблон:Статья, Шаблон:Публикация, Шаблон:Основная статья.
_DATA["ru"] = _lang(
    citation_needed=("Нет АИ", "Нет источника", "Источник?"),  # corpus: Нет АИ
    verification={
        "citation-needed-span": ("Нет АИ 2",),
        "clarify": ("Уточнить",),
        "who": ("Кто?",),
        "when": ("Когда?",),
        "which": ("Какой?", "Какие?"),
        "failed-verification": ("Нет в источнике",),
        "unreliable-source": ("Неавторитетный источник",),
        "dead-link": ("Недоступная ссылка",),
    },
    reflist=("Примечания",),  # corpus
    citation=("Книга", "Статья", "Публикация", "БРЭ", "ВТ-ЭСБЕ", "ЭСБЕ"),  # corpus: all but 2
    hatnotes=(
        "Основная статья", "См. также", "Другие значения", "Не путать", "Перенаправление",
        "Значения", "Об",
    ),  # corpus: См. также, Другие значения
    reference_sections=(
        "Примечания", "Литература", "Источники", "Сноски", "Комментарии",
        "Примечания и источники",
    ),  # corpus: Примечания, Литература
    nonprose_sections=("См. также", "Ссылки", "Галерея", "Внешние ссылки"),  # corpus
    refs_params=("refs",),
)

# Ukrainian: Шаблон:Джерело?, Шаблон:Примітки, Шаблон:Недоступне посилання, Шаблон:Книга…
_DATA["uk"] = _lang(
    citation_needed=("Джерело?",),
    verification={
        "clarify": ("Уточнити",),
        "dead-link": ("Недоступне посилання",),
    },
    reflist=("Примітки",),
    citation=("Книга", "Стаття", "Публікація"),
    hatnotes=("Основна стаття", "Див. також", "Інші значення"),
    reference_sections=("Примітки", "Джерела", "Література", "Виноски"),  # corpus
    nonprose_sections=("Див. також", "Посилання", "Галерея"),  # corpus
    refs_params=("refs",),
)

# Bulgarian: Шаблон:Източник (citation needed), Шаблон:Цитат уеб, Шаблон:Основна.
_DATA["bg"] = _lang(
    citation_needed=("Източник", "Източник?"),
    citation=("Цитат уеб", "Цитат книга", "Цитат списание", "Цитат новини"),
    hatnotes=("Основна", "Вижте също", "Друго значение", "Други значения"),  # corpus: Основна
    reference_sections=(
        "Източници", "Бележки", "Литература", "Библиография", "Бележки и източници",
    ),  # corpus: Източници
    nonprose_sections=("Вижте също", "Външни препратки", "Външни връзки"),  # corpus
)

# Macedonian: Шаблон:Наводи, Шаблон:Наведена мрежна страница (and the other "Наведен…"),
# Шаблон:Мртва врска, Шаблон:Главна.
_DATA["mk"] = _lang(
    citation_needed=("Се бара извор",),
    verification={"dead-link": ("Мртва врска",)},  # corpus (as Мртва_врска)
    reflist=("Наводи",),  # corpus: наводи
    citation=(
        "Наведена мрежна страница", "Наведени вести", "Наведена книга", "Наведено списание",
        "Наведено мрежно", "Наведена енциклопедија",
    ),  # corpus: all but the last two
    citation_prefixes=("Наведен",),
    hatnotes=("Главна", "Друго значење", "Видете исто"),  # corpus: Главна
    reference_sections=("Наводи", "Белешки", "Литература", "Извори", "Наводи и белешки"),
    nonprose_sections=("Надворешни врски", "Поврзано", "Видете исто", "Галерија"),  # corpus
)

# Polish: Szablon:Fakt, Szablon:Przypisy (list-defined refs in its first parameter),
# Szablon:Uwagi (notes in group "uwagi"), Szablon:Cytuj…, Szablon:R, Szablon:Osobny artykuł.
_DATA["pl"] = _lang(
    citation_needed=("Fakt",),  # corpus
    verification={"dead-link": ("Martwy link",)},
    reflist=("Przypisy",),  # corpus
    notelist={"Uwagi": "uwagi"},
    citation=("Cytuj", "Cytuj stronę", "Cytuj książkę", "Cytuj pismo", "Cytuj odcinek"),
    citation_prefixes=("Cytuj ",),  # corpus: Cytuj, Cytuj stronę, Cytuj książkę
    r=("R",),  # corpus
    hatnotes=("Osobny artykuł", "Zobacz też", "Inne znaczenia", "Główny artykuł"),  # corpus
    reference_sections=("Przypisy", "Bibliografia", "Uwagi", "Źródła"),  # corpus: Przypisy
    nonprose_sections=("Zobacz też", "Linki zewnętrzne"),  # corpus
    refs_params=("1",),
)

# Dutch: Sjabloon:Bron? (citation needed), Sjabloon:Dode link, Sjabloon:References,
# Sjabloon:Appendix (renders the notes), Sjabloon:Citeer web…, Sjabloon:Zie hoofdartikel.
_DATA["nl"] = _lang(
    citation_needed=("Bron?",),  # corpus
    verification={"dead-link": ("Dode link",)},  # corpus
    reflist=("References", "Appendix"),  # corpus
    citation=("Citeer web", "Citeer boek", "Citeer journal", "Citeer nieuws"),  # corpus
    citation_prefixes=("Citeer ",),
    hatnotes=("Zie hoofdartikel", "Zie ook", "Zie dp", "Hoofdartikel"),  # corpus
    reference_sections=(
        "Referenties", "Bronnen", "Noten", "Voetnoten", "Bronnen, noten en/of referenties",
        "Bronvermelding", "Bronnen en referenties", "Literatuur", "Noten en referenties",
    ),  # corpus: Literatuur
    nonprose_sections=("Zie ook", "Externe links", "Externe link", "Galerij"),  # corpus
)

# Swedish: Mall:Källa behövs, Mall:Död länk, Mall:Referenser, Mall:Webbref/Bokref/…,
# Mall:Huvudartikel.
_DATA["sv"] = _lang(
    citation_needed=("Källa behövs",),
    verification={"dead-link": ("Död länk",)},
    reflist=("Referenser",),
    citation=(
        "Webbref", "Bokref", "Tidningsref", "Tidskriftsref", "Webbkälla",
    ),  # corpus: Webbref, Bokref, Tidningsref
    hatnotes=("Huvudartikel", "Se även", "Olika betydelser"),  # corpus
    reference_sections=(
        "Referenser", "Källor", "Noter", "Fotnoter", "Källhänvisningar", "Källor och noter",
        "Noter och referenser", "Litteratur",
    ),  # corpus: Referenser
    nonprose_sections=("Se även", "Externa länkar", "Vidare läsning", "Galleri"),  # corpus
)

# Finnish: Malline:Lähde (inline "[lähde?]"), Malline:Viitteet, Malline:Verkkoviite…,
# Malline:Vanhentunut linkki, Malline:Pääartikkeli.
_DATA["fi"] = _lang(
    citation_needed=("Lähde", "Lähde?"),  # corpus: lähde
    verification={"dead-link": ("Vanhentunut linkki",)},
    reflist=("Viitteet",),  # corpus
    citation=("Verkkoviite", "Kirjaviite", "Lehtiviite", "Uutisviite"),  # corpus: first three
    hatnotes=("Pääartikkeli", "Katso myös", "Tämä artikkeli"),
    reference_sections=(
        "Lähteet", "Viitteet", "Kirjallisuutta", "Yleiset lähteet", "Lähdeluettelo",
        "Huomautukset", "Kirjallisuus",
    ),  # corpus: Lähteet, Viitteet, Yleiset lähteet
    nonprose_sections=("Aiheesta muualla", "Katso myös"),  # corpus: Aiheesta muualla
)

# Hungarian: Sablon:Jegyzetek, Sablon:Halott link, Sablon:Fő, Sablon:Bővebben.
_DATA["hu"] = _lang(
    verification={"dead-link": ("Halott link",)},  # corpus
    reflist=("Jegyzetek",),  # corpus
    hatnotes=("Fő", "Bővebben", "Lásd még", "Egyért"),  # corpus: Fő, Bővebben
    reference_sections=("Jegyzetek", "Források", "Irodalom", "Hivatkozások"),  # corpus
    nonprose_sections=(
        "További információk", "Kapcsolódó szócikkek", "Külső hivatkozások", "Lásd még",
        "További irodalom",
    ),  # corpus: További információk
)

# Indonesian: Templat:Butuh rujukan, Templat:Pranala mati, Templat:Referensi; id keeps the
# English citation templates.
_DATA["id"] = _lang(
    citation_needed=("Butuh rujukan",),
    verification={"dead-link": ("Pranala mati",)},  # corpus
    reflist=("Referensi",),
    hatnotes=("Utama", "Artikel utama", "Lihat pula", "Lihat juga"),
    reference_sections=(
        "Referensi", "Catatan kaki", "Daftar pustaka", "Catatan", "Rujukan", "Sumber",
    ),  # corpus: Referensi
    nonprose_sections=(
        "Pranala luar", "Lihat pula", "Lihat juga", "Bacaan lanjutan", "Bacaan", "Galeri",
    ),  # corpus: Pranala luar, Lihat juga, Bacaan
)

# Vietnamese: Bản mẫu:Cần chú thích, Bản mẫu:Tham khảo, Bản mẫu:Chú thích web…, Bản mẫu:Chính.
_DATA["vi"] = _lang(
    citation_needed=("Cần chú thích",),
    reflist=("Tham khảo",),  # corpus
    citation=("Chú thích web", "Chú thích sách", "Chú thích báo", "Chú thích tạp chí"),
    citation_prefixes=("Chú thích ",),  # corpus: Chú thích web/sách/báo
    hatnotes=("Chính", "Bài chính", "Xem thêm"),  # corpus: Chính
    reference_sections=("Tham khảo", "Chú thích", "Thư mục", "Ghi chú", "Nguồn"),  # corpus
    nonprose_sections=("Liên kết ngoài", "Xem thêm", "Đọc thêm"),  # corpus: Liên kết ngoài
)

# Japanese: Template:要出典 / 要出典範囲, Template:リンク切れ, Template:独自研究範囲; ja keeps
# the English Reflist/Cite web. {{脚注ヘルプ}} is a help notice, not a list.
_DATA["ja"] = _lang(
    citation_needed=("要出典",),  # corpus
    verification={
        "citation-needed-span": ("要出典範囲",),
        "verification-needed": ("要検証範囲",),
        "original-research-inline": ("独自研究範囲",),
        "dubious": ("疑問点", "疑問点範囲"),
        "dead-link": ("リンク切れ",),  # corpus
    },
    efn={"Refnest": ""},
    hatnotes=("他の用法", "混同", "Otheruseslist"),
    reference_sections=(
        "脚注", "出典", "参考文献", "注釈", "注記", "注", "脚注・出典", "出典・脚注", "参照",
        "参考資料",
    ),  # corpus: 脚注, 出典, 注釈
    nonprose_sections=("関連項目", "外部リンク"),  # corpus
)

# Chinese: Template:來源請求 (Fact), Template:失效链接 (Dead link); zh keeps English names.
_DATA["zh"] = _lang(
    citation_needed=("來源請求", "来源请求"),
    verification={"dead-link": ("失效連結", "失效链接")},
    hatnotes=("主条目", "主條目"),
    reference_sections=(
        "参考文献", "參考文獻", "注释", "注釋", "註釋", "脚注", "腳註", "參考資料", "参考资料",
        "参考", "參考", "来源", "來源",
    ),  # corpus: 参考文献
    nonprose_sections=(
        "外部链接", "外部連結", "參見", "参见", "相关条目", "相關條目", "延伸阅读", "延伸閱讀",
    ),  # corpus: 外部链接
)

# Hebrew: תבנית:הערה makes a footnote (name in שם=, group in קבוצה=); תבנית:הערות שוליים is
# the list; תבנית:מקור marks "citation needed"; צ-מאמר / צ-ספר / קישור כללי and the newspaper
# templates (הארץ, ynet…) are citation templates.
_DATA["he"] = _lang(
    citation_needed=("מקור", "דרוש מקור"),  # corpus: מקור
    reflist=("הערות שוליים",),  # corpus
    citation=(
        "צ-מאמר", "צ-ספר", "קישור כללי", "הארץ", "ynet", "גלובס", "TheMarker", "דבר",
        "ידיעות אחרונות", "מעריב", "nrg",
    ),  # corpus: קישור כללי, הארץ, גלובס, TheMarker, דבר, ידיעות אחרונות
    efn={"הערה": ""},  # corpus
    hatnotes=("הפניה לערך מורחב", "פירוש נוסף", "ערך מורחב"),  # corpus: first two
    reference_sections=("הערות שוליים", "מקורות", "ביבליוגרפיה", "הערות"),  # corpus
    nonprose_sections=("קישורים חיצוניים", "ראו גם", "לקריאה נוספת"),  # corpus
    group_params=("קבוצה",),
    name_params=("שם",),
)

# Arabic: قالب:بحاجة لمصدر, قالب:وصلة مكسورة, قالب:مراجع, قالب:استشهاد ويب…; وضح is a
# disambiguation hatnote and مفصلة a "main article" one.
_DATA["ar"] = _lang(
    citation_needed=("بحاجة لمصدر",),
    verification={"dead-link": ("وصلة مكسورة",)},  # corpus
    reflist=("مراجع", "ثبت المراجع"),  # corpus: مراجع
    citation=(
        "استشهاد ويب", "استشهاد بخبر", "استشهاد بكتاب", "استشهاد بدورية محكمة", "مرجع ويب",
    ),  # corpus: استشهاد ويب
    citation_prefixes=("استشهاد ",),
    hatnotes=("وضح", "مفصلة", "انظر أيضا"),  # corpus: وضح, مفصلة
    reference_sections=(
        "مراجع", "المراجع", "المصادر", "مصادر", "الهوامش", "هوامش", "مصادر ومراجع",
        "المراجع والمصادر", "ملاحظات",
    ),  # corpus: مراجع
    nonprose_sections=(
        "وصلات خارجية", "روابط خارجية", "انظر أيضا", "انظر أيضًا", "معرض صور", "قراءات إضافية",
    ),  # corpus: وصلات خارجية, انظر أيضًا, معرض صور
)

# Urdu: سانچہ:حوالہ درکار, سانچہ:حوالہ جات, سانچہ:حوالہ ویب…, سانچہ:اصل مقالہ.
_DATA["ur"] = _lang(
    citation_needed=("حوالہ درکار",),  # corpus
    reflist=("حوالہ جات",),  # corpus
    citation=("حوالہ ویب", "حوالہ کتاب", "حوالہ خبر", "حوالہ رسالہ"),
    hatnotes=("اصل مقالہ", "تفصیلی مضمون"),  # corpus
    reference_sections=("حوالہ جات", "حواشی", "حوالہ جات و حواشی"),  # corpus: حوالہ جات
    nonprose_sections=("بیرونی روابط", "مزید دیکھیے", "مزید پڑھیے"),  # corpus: بیرونی روابط
)

# Greek: Πρότυπο:Παραπομπές, Πρότυπο:Κύριο; el keeps the English citation templates.
_DATA["el"] = _lang(
    reflist=("Παραπομπές",),
    hatnotes=("Κύριο", "Κύριο λήμμα", "Βλέπε επίσης", "Άλλες χρήσεις"),  # corpus: Κύριο
    reference_sections=(
        "Παραπομπές", "Πηγές", "Βιβλιογραφία", "Σημειώσεις", "Σημειώσεις και παραπομπές",
    ),  # corpus: Παραπομπές
    nonprose_sections=("Εξωτερικοί σύνδεσμοι", "Δείτε επίσης", "Δείτε ακόμα"),  # corpus
)

# Romanian: Format:Necesită citare, Format:Listănote, Format:Citat web…, Format:Articol principal.
_DATA["ro"] = _lang(
    citation_needed=("Necesită citare",),
    reflist=("Listănote",),  # corpus
    citation=("Citat web", "Citat carte", "Citat revistă", "Citat știre"),
    citation_prefixes=("Citat ",),
    hatnotes=("Articol principal", "Despre", "Vezi și"),  # corpus: Articol principal, Despre
    reference_sections=(
        "Referințe", "Note", "Bibliografie", "Note și referințe", "Surse",
    ),  # corpus: Referințe, Bibliografie
    nonprose_sections=(
        "Legături externe", "Vezi și", "Galerie", "Imagini", "Galerie de imagini",
        "Lectură suplimentară",
    ),  # corpus: Legături externe, Imagini
)

# Thai: แม่แบบ:ต้องการอ้างอิง, แม่แบบ:ลิงก์เสีย, แม่แบบ:รายการอ้างอิง.
_DATA["th"] = _lang(
    citation_needed=("ต้องการอ้างอิง",),
    verification={"dead-link": ("ลิงก์เสีย",)},  # corpus
    reflist=("รายการอ้างอิง",),  # corpus
    citation=("อ้างอิงเว็บ", "อ้างหนังสือ"),
    hatnotes=("บทความหลัก", "ดูเพิ่ม"),
    reference_sections=("อ้างอิง", "เชิงอรรถ", "บรรณานุกรม", "แหล่งอ้างอิง", "หมายเหตุ"),  # corpus
    nonprose_sections=("แหล่งข้อมูลอื่น", "ดูเพิ่ม"),  # corpus: แหล่งข้อมูลอื่น
)

# Afrikaans: Sjabloon:Verwysings (the list).
_DATA["af"] = _lang(
    reflist=("Verwysings",),  # corpus
    hatnotes=("Hoofartikel", "Sien ook"),
    reference_sections=(
        "Verwysings", "Bronne", "Notas", "Bronnelys", "Voetnote", "Bibliografie",
    ),  # corpus: Verwysings, Bronnelys
    nonprose_sections=("Eksterne skakels", "Sien ook"),  # corpus: Eksterne skakels
)

# Norwegian Nynorsk: Mal:Fotnoteliste, Mal:Treng kjelde, Mal:Kjelde www / Kjelde bok.
_DATA["nn"] = _lang(
    citation_needed=("Treng kjelde",),
    reflist=("Fotnoteliste",),  # corpus
    citation=("Kjelde www", "Kjelde bok", "Kjelde artikkel"),
    reference_sections=("Kjelder", "Referansar", "Fotnotar", "Litteratur", "Kjelder og fotnotar"),
    nonprose_sections=("Eksterne lenkjer", "Sjå òg", "Bakgrunnsstoff"),  # corpus: Bakgrunnsstoff
)

# Latgalian: what the corpus uses: {{Nūruodis}} ("references") and the headings
# "Nūruodis", "Nūruodis i olūti", "Izmantuotuo literatūra", "Verīs taipoš" ("see also").
_DATA["ltg"] = _lang(
    reflist=("Nūruodis",),  # corpus
    reference_sections=("Nūruodis", "Nūruodis i olūti", "Izmantuotuo literatūra", "Olūti"),
    nonprose_sections=("Verīs taipoš",),  # corpus
)


# fmt: on

# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

# Classification precedence: a later category overrides an earlier one for the same name.
_ORDER = (
    "hatnote", "citation", "rp", "r", "harv", "sfn", "efn", "notelist", "reflist", "dead-link",
    "verification", "citation-needed",
)  # fmt: skip


def _frozen_map(d: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(d))


@attrs.frozen(eq=False)
class LanguageTable:
    """The template and section vocabulary of one wiki (merged with English), or of all.

    Template names are :func:`template_key` forms; section titles are casefolded."""

    code: str
    """A language code, or ``"*"`` for the table of all languages."""
    citation_needed: frozenset[str]
    verification: Mapping[str, str]
    """Inline verification template -> kind (``dubious``, ``dead-link``, ``clarify``…)."""
    reflist: frozenset[str]
    notelist: frozenset[str]
    list_group: Mapping[str, str]
    """Reference-list template -> the group it renders by default (``Notelist`` ->
    ``lower-alpha``); absent means the default group ``""``."""
    reflist_refs_params: frozenset[str]
    citation_templates: frozenset[str]
    sfn: frozenset[str]
    harv: frozenset[str]
    r: frozenset[str]
    rp: frozenset[str]
    efn: Mapping[str, str]
    """Footnote template -> its default group (``Efn`` -> ``lower-alpha``, ``Refn`` -> ``""``)."""
    reference_sections: frozenset[str]
    nonprose_sections: frozenset[str]
    hatnotes: frozenset[str]
    dead_link: frozenset[str]
    citation_prefixes: tuple[str, ...] = ()
    """Name prefixes that mark a citation template when the name is not otherwise known."""
    group_params: frozenset[str] = frozenset({"group"})
    """Parameter names that set a ref/list group (``group``, fr ``groupe``, he ``קבוצה``…)."""
    name_params: frozenset[str] = frozenset({"name"})
    """Parameter names that set a footnote template's ref name (``name``, he ``שם``)."""
    _classes: dict[str, str] = attrs.field(factory=dict, repr=False, alias="_classes")
    _cache: dict[str, str | None] = attrs.field(factory=dict, repr=False, alias="_cache")

    def __attrs_post_init__(self) -> None:
        if self._classes:
            return
        by_category: dict[str, Iterable[str]] = {
            "hatnote": self.hatnotes, "citation": self.citation_templates, "rp": self.rp,
            "r": self.r, "harv": self.harv, "sfn": self.sfn, "efn": self.efn,
            "notelist": self.notelist, "reflist": self.reflist, "dead-link": self.dead_link,
            "verification": (), "citation-needed": self.citation_needed,
        }  # fmt: skip
        for category in _ORDER:
            for name in by_category[category]:
                self._classes[name] = category
            if category == "verification":
                for name, kind in self.verification.items():
                    if kind != "dead-link":
                        self._classes[name] = f"verification:{kind}"

    def classify(self, name: str) -> str | None:
        """See :func:`classify_template`."""
        cache = self._cache
        try:
            return cache[name]
        except KeyError:
            pass
        key = template_key(name)
        kind = self._classes.get(key)
        if kind is None and key.startswith(self.citation_prefixes):
            kind = "citation"
        if len(cache) > 100_000:
            cache.clear()
        cache[name] = kind
        return kind

    def is_citation_template(self, name: str) -> bool:
        """Whether ``name`` (as written) is a citation template, by name or by prefix
        (``Cite …``, ``Cita …``, ``Citar …``, ``Citeer …``, ``Cytuj …``, ``Chú thích …``…)."""
        return self.classify(name) == "citation"


def _build(code: str, blocks: list[dict[str, Any]], drop: Iterable[str] = ()) -> LanguageTable:
    """Merge ``blocks`` (later ones win where a name is given two meanings)."""
    dropped = {template_key(n) for n in drop}
    # name -> (category, extra): one meaning per name.
    entries: dict[str, tuple[str, str]] = {}
    sections: dict[str, set[str]] = {"reference_sections": set(), "nonprose_sections": set()}
    params: dict[str, set[str]] = {
        "refs_params": set(),
        "group_params": set(),
        "name_params": set(),
    }
    prefixes: list[str] = []

    def put(names: Iterable[str], category: str, extra: str = "") -> None:
        for name in names:
            key = template_key(name)
            if key not in dropped:
                entries[key] = (category, extra)

    for block in blocks:
        put(block["citation_needed"], "citation-needed")
        for kind, names in block["verification"].items():
            put(names, "dead-link" if kind == "dead-link" else "verification", kind)
        put(block["reflist"], "reflist")
        for name, group in block["notelist"].items():
            put((name,), "notelist", group)
        put(block["citation"], "citation")
        put(block["sfn"], "sfn")
        put(block["harv"], "harv")
        put(block["r"], "r")
        put(block["rp"], "rp")
        for name, group in block["efn"].items():
            put((name,), "efn", group)
        put(block["hatnotes"], "hatnote")
        for field, titles in sections.items():
            titles.update(_fold(s) for s in block[field])
        for field, values in params.items():
            values.update(block[field])
        prefixes.extend(p for p in block["citation_prefixes"] if p not in prefixes)

    def names(category: str) -> frozenset[str]:
        return frozenset(n for n, (c, _) in entries.items() if c == category)

    return LanguageTable(
        code=code,
        citation_needed=names("citation-needed"),
        verification=_frozen_map(
            {n: x for n, (c, x) in entries.items() if c in ("verification", "dead-link")}
        ),
        reflist=names("reflist"),
        notelist=names("notelist"),
        list_group=_frozen_map({n: x for n, (c, x) in entries.items() if c == "notelist" and x}),
        reflist_refs_params=frozenset(params["refs_params"]),
        citation_templates=names("citation"),
        sfn=names("sfn"),
        harv=names("harv"),
        r=names("r"),
        rp=names("rp"),
        efn=_frozen_map({n: x for n, (c, x) in entries.items() if c == "efn"}),
        reference_sections=frozenset(sections["reference_sections"]),
        nonprose_sections=frozenset(sections["nonprose_sections"]),
        hatnotes=names("hatnote"),
        dead_link=names("dead-link"),
        citation_prefixes=tuple(prefixes),
        group_params=frozenset(params["group_params"]),
        name_params=frozenset(params["name_params"]),
    )


# Names that mean different things on different wikis (fr {{Note}} is a footnote, en's is an
# anchor; it {{Cita}} a short citation, es's a quotation): left out of the all-language table.
_AMBIGUOUS = ("Note", "Cita")


def table_for(lang: str | None) -> LanguageTable:
    """The table for a language code merged with English (wikis keep the English names);
    ``None`` or an unknown code: every language merged (English wins where they disagree)."""
    code = (lang or "").strip().lower().replace("_", "-")
    if code not in _DATA:
        base = code.split("-")[0]  # "zh-hans", "pt-br"…
        code = base if base in _DATA else ""
    return _table(code)


@cache
def _table(code: str) -> LanguageTable:
    if not code:
        others = [_DATA[c] for c in SUPPORTED if c != "en"]
        return _build("*", [*others, _DATA["en"]], drop=_AMBIGUOUS)
    if code == "en":
        return _build("en", [_DATA["en"]])
    return _build(code, [_DATA["en"], _DATA[code]], drop=_DATA[code]["not_english"])


def classify_template(table: LanguageTable, name: str) -> str | None:
    """What a template does, for a name as written (normalised here with :func:`template_key`):
    ``citation-needed``, ``verification:<kind>``, ``dead-link``, ``reflist``, ``notelist``,
    ``citation``, ``sfn``, ``harv``, ``r``, ``rp``, ``efn``, ``hatnote``, or ``None``."""
    return table.classify(name)


def is_citation_template(name: str, table: LanguageTable | None = None) -> bool:
    """Whether ``name`` is a citation template (by name, or by a prefix such as ``Cite ``)."""
    return (table or table_for(None)).classify(name) == "citation"


# --------------------------------------------------------------------------------------------
# Language detection
# --------------------------------------------------------------------------------------------

# The three places where a wiki's vocabulary shows: "[[Prefix:", a heading line, "{{Name".
# Separate patterns with possessive quantifiers: far faster than one alternation.
_LINK_PREFIX = re.compile(r"\[\[[ \t:]*+([^\[\]|:\n]{1,30}+):")
_HEADING = re.compile(r"\n=++([^=\n]{1,80}+)=")
_TEMPLATE = re.compile(r"\{\{([^{}|\n<:]{1,50}+)")
_SAMPLE = 100_000
_KANA = re.compile(r"[\u3040-\u30ff]")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _add(index: dict[str, set[str]], key: str, lang: str) -> None:
    index.setdefault(key, set()).add(lang)


_TEMPLATE_FIELDS = ("citation_needed", "reflist", "notelist", "citation", "sfn", "harv", "r",
                    "rp", "efn", "hatnotes")  # fmt: skip


def _block_templates(block: Mapping[str, Any]) -> set[str]:
    """Every template key of one language block."""
    keys = {template_key(n) for field in _TEMPLATE_FIELDS for n in block[field]}
    keys.update(template_key(n) for names in block["verification"].values() for n in names)
    return keys


Index = dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _detection_index() -> tuple[Index, Index, Index]:
    """(namespace prefix, heading, template key) -> the languages they point to. English
    vocabulary points to ``en`` only and counts only when nothing else is found, because every
    wiki uses it too."""
    en = _DATA["en"]
    en_templates = _block_templates(en)
    en_sections = {_fold(s) for s in (*en["reference_sections"], *en["nonprose_sections"])}
    ns: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    temps: dict[str, set[str]] = {}
    for lang in SUPPORTED:
        names = NAMESPACES.get(lang, {})
        for kind in ("file", "category", "template"):
            for n in names.get(kind, ()):
                _add(ns, n.casefold(), lang)
        block = _DATA[lang]
        for s in (*block["reference_sections"], *block["nonprose_sections"]):
            folded = _fold(s)
            if lang == "en" or folded not in en_sections:
                _add(heads, folded, lang)
        if lang != "en":
            for key in _block_templates(block) - en_templates:
                _add(temps, key, lang)
    # Canonical names are valid on every wiki: only English evidence.
    for n in ("file", "image", "category", "template"):
        ns[n] = {"en"}

    def freeze(d: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(sorted(v)) for k, v in d.items()}

    return freeze(ns), freeze(heads), freeze(temps)


def detect_language(wikitext: str) -> str | None:
    """A cheap guess of the wiki language of ``wikitext`` from its namespace prefixes
    (``[[Datei:``), section titles (``== Einzelnachweise ==``) and localized template names
    (``{{Internetquelle``); ``None`` when unsure. English only when nothing else shows."""
    if len(wikitext) > 2 * _SAMPLE:
        # Categories, appendix headings and most localized templates sit at either end.
        wikitext = wikitext[:_SAMPLE] + "\n" + wikitext[-_SAMPLE:]
    return _decide(_LINK_PREFIX.findall(wikitext), _HEADING.findall(wikitext),
                   _TEMPLATE.findall(wikitext), lambda: _KANA.search(wikitext) is not None)


def detect_language_in_pieces(wikitext: str, starts: Sequence[int]) -> str | None:
    """:func:`detect_language` of ``wikitext`` cut at ``starts`` (line starts, the first 0),
    from the evidence of each piece, remembered by piece: the versions of an article share
    most of their pieces. No pattern crosses a line end, so the pieces' matches, in order, are
    the whole text's; a text long enough to be sampled is read whole."""
    n = len(wikitext)
    if n > 2 * _SAMPLE or not starts or starts[0] != 0 or any(
        wikitext[s - 1] != "\n" for s in starts[1:]
    ):
        return detect_language(wikitext)
    found = [_piece_evidence(wikitext[s:e], s > 0)
             for s, e in zip(starts, [*starts[1:], n], strict=True)]
    return _decide(chain.from_iterable(f[0] for f in found),
                   chain.from_iterable(f[1] for f in found),
                   chain.from_iterable(f[2] for f in found),
                   lambda: any(f[3] for f in found))


@lru_cache(maxsize=1 << 12)
def _piece_evidence(piece: str, after_newline: bool
                    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """The link prefixes, headings and template names of one piece, and whether it has kana;
    a heading is read with the line end before it (its pattern starts there)."""
    return (tuple(_LINK_PREFIX.findall(piece)),
            tuple(_HEADING.findall("\n" + piece if after_newline else piece)),
            tuple(_TEMPLATE.findall(piece)), _KANA.search(piece) is not None)


def _decide(links: Iterable[str], headings: Iterable[str], templates: Iterable[str],
            has_kana: Callable[[], bool]) -> str | None:
    """The language the evidence points to (see :func:`detect_language`)."""
    ns_index, head_index, temp_index = _detection_index()
    scores: dict[str, float] = {}

    def tally(
        found: Iterable[str],
        index: Mapping[str, tuple[str, ...]],
        weight: float,
        norm: Callable[[str], str],
    ) -> None:
        for raw, count in Counter(found).items():
            langs = index.get(norm(raw))
            if langs:
                # A token repeated many times (a category prefix on 40 links) counts at most 5.
                share = weight * min(count, 5) / len(langs)
                for lang in langs:
                    scores[lang] = scores.get(lang, 0.0) + share

    tally(links, ns_index, 1.0, _fold)
    tally(headings, head_index, 2.0, _fold)
    tally(templates, temp_index, 1.0, normalize_title)
    english = scores.pop("en", 0.0)
    if not scores:
        return "en" if english >= 2.0 else None
    # ja and zh share many Han-script titles: score them together, then let kana decide.
    cjk = scores.pop("ja", 0.0) + scores.pop("zh", 0.0)
    if cjk:
        scores["ja" if has_kana() else "zh"] = cjk
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= 1.0 and top >= 2 * second:
        return best
    return None
