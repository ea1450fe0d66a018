"""Page and template names as MediaWiki matches them.

MediaWiki treats ``{{cite_web}}``, ``{{ Cite  web }}`` and ``{{Template:Cite web}}`` as the same
page: underscores and runs of whitespace are one space, the first letter is case-insensitive (the
rest is not), and a namespace prefix may be written out. :func:`template_key` reduces a template
name to that one form so it can be looked up in the tables of :mod:`citecheck.parsing.languages`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

__all__ = [
    "NAMESPACES",
    "category_namespaces",
    "file_namespaces",
    "namespace_of",
    "normalize_title",
    "template_key",
    "template_namespaces",
]

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# MediaWiki (MediaWikiTitleCodec / Title::newFromText) turns these into spaces ...
_SPACES = re.compile(r"[\s_\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
# ... and drops the bidi marks that editors paste in with right-to-left names.
_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e]")

# Namespace names (canonical, localized and the usual aliases) per wiki, from each wiki's
# siteinfo (namespaces + namespacealiases). "en" holds the canonical names, valid on every wiki.
NAMESPACES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"template": ("Template",), "file": ("File", "Image"), "category": ("Category",)},
    "af": {"template": ("Sjabloon",), "file": ("Lêer", "Beeld"), "category": ("Kategorie",)},
    "ar": {"template": ("قالب",), "file": ("ملف", "صورة"), "category": ("تصنيف",)},
    "bg": {
        "template": ("Шаблон",),
        "file": ("Файл", "Картинка", "Изображение"),
        "category": ("Категория",),
    },
    "de": {"template": ("Vorlage",), "file": ("Datei", "Bild"), "category": ("Kategorie",)},
    "el": {"template": ("Πρότυπο",), "file": ("Αρχείο", "Εικόνα"), "category": ("Κατηγορία",)},
    "es": {"template": ("Plantilla",), "file": ("Archivo", "Imagen"), "category": ("Categoría",)},
    "fi": {"template": ("Malline",), "file": ("Tiedosto", "Kuva"), "category": ("Luokka",)},
    "fr": {"template": ("Modèle",), "file": ("Fichier",), "category": ("Catégorie",)},
    "he": {"template": ("תבנית",), "file": ("קובץ", "תמונה"), "category": ("קטגוריה",)},
    "hu": {"template": ("Sablon",), "file": ("Fájl", "Kép"), "category": ("Kategória",)},
    "id": {"template": ("Templat",), "file": ("Berkas", "Gambar"), "category": ("Kategori",)},
    "it": {"template": ("Template",), "file": ("File", "Immagine"), "category": ("Categoria",)},
    "ja": {"template": ("テンプレート",), "file": ("ファイル", "画像"), "category": ("カテゴリ",)},
    # Latgalian: its own names, with the Latvian ones as aliases.
    "ltg": {
        "template": ("Veidne",),
        "file": ("Fails", "Attēls"),
        "category": ("Kategoreja", "Kategorija"),
    },
    "mk": {"template": ("Шаблон",), "file": ("Податотека", "Слика"), "category": ("Категорија",)},
    "nl": {
        "template": ("Sjabloon",),
        "file": ("Bestand", "Afbeelding"),
        "category": ("Categorie",),
    },
    "nn": {
        "template": ("Mal", "Sjablong"),
        "file": ("Fil", "Bilete", "Bilde"),
        "category": ("Kategori",),
    },
    "pl": {"template": ("Szablon",), "file": ("Plik", "Grafika"), "category": ("Kategoria",)},
    "pt": {
        "template": ("Predefinição", "Modelo"),
        "file": ("Ficheiro", "Arquivo", "Imagem"),
        "category": ("Categoria",),
    },
    "ro": {
        "template": ("Format",),
        "file": ("Fișier", "Fişier", "Imagine"),
        "category": ("Categorie",),
    },
    "ru": {"template": ("Шаблон",), "file": ("Файл", "Изображение"), "category": ("Категория",)},
    "sv": {"template": ("Mall",), "file": ("Fil", "Bild"), "category": ("Kategori",)},
    "th": {"template": ("แม่แบบ",), "file": ("ไฟล์", "ภาพ"), "category": ("หมวดหมู่",)},
    "uk": {"template": ("Шаблон",), "file": ("Файл", "Зображення"), "category": ("Категорія",)},
    "ur": {"template": ("سانچہ",), "file": ("فائل", "تصویر"), "category": ("زمرہ",)},
    "vi": {
        "template": ("Bản mẫu", "Tiêu bản"),
        "file": ("Tập tin", "Hình"),
        "category": ("Thể loại",),
    },
    "zh": {
        "template": ("模板", "样板", "樣板"),
        "file": ("文件", "檔案", "档案", "图像", "圖像", "影像"),
        "category": ("分类", "分類"),
    },
    # Not supported, but seen in the corpus (a Waray article) or common in pasted text.
    "war": {"template": (), "file": (), "category": ("Kaarangay",)},
    "other": {
        "template": ("Şablon", "Šablona", "Predložak", "Predloga"),
        "file": ("Soubor", "Fitxer", "Датотека", "Dosya"),
        "category": ("Kategorija", "Kategorie"),
    },
}


def _names(kind: str) -> frozenset[str]:
    return frozenset(n.casefold() for table in NAMESPACES.values() for n in table[kind])


template_namespaces: frozenset[str] = _names("template")
"""Casefolded template-namespace names of every wiki in :data:`NAMESPACES`."""
file_namespaces: frozenset[str] = _names("file")
"""Casefolded file-namespace names (and image aliases)."""
category_namespaces: frozenset[str] = _names("category")
"""Casefolded category-namespace names."""

# Prefixes that change how a template is expanded, not which one.
_MODIFIERS = frozenset({"subst", "safesubst", "msg", "msgnw", "raw"})
_PREFIX = re.compile(r"([^:]{1,30}):(.*)\Z", re.DOTALL)


def _strip_comments(name: str) -> str:
    return _COMMENT.sub("", name) if "<!--" in name else name


def _ucfirst(name: str) -> str:
    if not name:
        return name
    first = name[0].upper()
    # MediaWiki keeps characters whose uppercase is longer (ß -> SS) as they are.
    return (first if len(first) == 1 else name[0]) + name[1:]


def _clean(name: str) -> str:
    name = _BIDI.sub("", _strip_comments(name))
    return _SPACES.sub(" ", name).strip()


@lru_cache(maxsize=65536)
def normalize_title(name: str) -> str:
    """A page or template name as MediaWiki matches it: comments removed, underscores and
    whitespace runs (NBSP included) made one space, trimmed, a leading ``:`` removed and the
    first character uppercased (only that one: the rest is case-sensitive)."""
    name = _clean(name)
    if name.startswith(":"):
        name = name[1:].lstrip()
    return _ucfirst(name)


@lru_cache(maxsize=65536)
def template_key(name: str) -> str:
    """The lookup key of a template name as written: :func:`normalize_title` without
    ``subst:``/``safesubst:``/``msg:`` and without a template-namespace prefix of any supported
    language (``Template:``, ``Vorlage:``, ``Шаблон:``…, matched case-insensitively)."""
    name = _clean(name)
    if name.startswith(":"):
        # {{:Foo}} transcludes an article, not a template; still, use the bare name as the key.
        name = name[1:].lstrip()
    for _ in range(3):
        m = _PREFIX.match(name)
        if m is None:
            break
        prefix = m.group(1).strip().casefold()
        if prefix in _MODIFIERS or prefix in template_namespaces:
            name = m.group(2).strip()
        else:
            break
    return _ucfirst(name)


def _namespace_prefix(target: str) -> str | None:
    target = _clean(target)
    if target.startswith(":"):
        target = target[1:].lstrip()
    colon = target.find(":")
    if colon <= 0:
        return None
    return target[:colon].strip().casefold()


@lru_cache(maxsize=16384)
def namespace_of(link_target: str) -> Literal["file", "category"] | None:
    """``"file"`` or ``"category"`` for a wikilink target in one of those namespaces (any
    supported language, any case, leading colon allowed), else ``None``.

    Note that ``[[:Category:X]]`` is a link to the category page, not a categorisation; callers
    that care check for the leading colon themselves."""
    prefix = _namespace_prefix(link_target)
    if prefix is None:
        return None
    if prefix in file_namespaces:
        return "file"
    if prefix in category_namespaces:
        return "category"
    return None
