"""MediaWiki-style name matching: normalize_title, template_key, namespace_of."""

from __future__ import annotations

import pytest

from citecheck.parsing.wikinames import (
    category_namespaces,
    file_namespaces,
    namespace_of,
    normalize_title,
    template_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("cite web", "Cite web"),
        ("Cite web", "Cite web"),
        ("cite_web", "Cite web"),
        ("  Cite   web  ", "Cite web"),
        ("Cite\u00a0web", "Cite web"),  # NBSP
        ("Cite\u2009 _web", "Cite web"),  # thin space + underscore: one space
        ("Cite\nweb", "Cite web"),
        ("cite Web", "Cite Web"),  # only the first letter is case-insensitive
        ("CITE WEB", "CITE WEB"),
        (":foo bar", "Foo bar"),
        ("Infobox album <!-- See WikiProject Albums -->", "Infobox album"),
        ("<!-- x -->reflist", "Reflist"),
        ("Citation <!-- unterminated", "Citation"),
        ("\u200eCite web\u200f", "Cite web"),  # bidi marks pasted with RTL names
        ("Template:cite web", "Template:cite web"),  # no namespace stripping here
        ("ßtraße", "ßtraße"),  # no single-letter uppercase: kept as is
        ("élan", "Élan"),
        ("нет АИ", "Нет АИ"),
        ("要出典", "要出典"),
        ("", ""),
    ],
)
def test_normalize_title(raw: str, expected: str) -> None:
    assert normalize_title(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("reflist", "Reflist"),
        ("Template:Reflist", "Reflist"),
        ("template:reflist", "Reflist"),
        ("TEMPLATE : reflist", "Reflist"),
        ("Template_talk:X", "Template talk:X"),  # another namespace: unchanged
        ("Vorlage:Internetquelle", "Internetquelle"),
        ("vorlage:internetquelle", "Internetquelle"),
        ("Modèle:Lien web", "Lien web"),
        ("Plantilla:Cita web", "Cita web"),
        ("Predefinição:Citar web", "Citar web"),
        ("Szablon:Cytuj stronę", "Cytuj stronę"),
        ("Sjabloon:Citeer web", "Citeer web"),
        ("Шаблон:Нет АИ", "Нет АИ"),
        ("шаблон:примечания", "Примечания"),
        ("Πρότυπο:Κύριο", "Κύριο"),
        ("Mall:Webbref", "Webbref"),
        ("Malline:Verkkoviite", "Verkkoviite"),
        ("Sablon:Jegyzetek", "Jegyzetek"),
        ("テンプレート:要出典", "要出典"),
        ("模板:Reflist", "Reflist"),
        ("قالب:مراجع", "مراجع"),
        ("תבנית:הערה", "הערה"),
        ("แม่แบบ:รายการอ้างอิง", "รายการอ้างอิง"),
        ("Bản mẫu:Tham khảo", "Tham khảo"),
        ("Bản_mẫu:Tham_khảo", "Tham khảo"),
        ("Format:Listănote", "Listănote"),
        ("Templat:Pranala mati", "Pranala mati"),
        ("سانچہ:حوالہ جات", "حوالہ جات"),
        ("subst:cn", "Cn"),
        ("safesubst:Template:citation needed", "Citation needed"),
        ("msg:reflist", "Reflist"),
        ("Мртва_врска", "Мртва врска"),
        ("Citation <!-- xxx -->", "Citation"),
        # Not namespaces: parser functions and colon names stay as they are.
        ("formatnum:1234", "Formatnum:1234"),
        ("#tag:ref", "#tag:ref"),
        ("#invoke:Citation/CS1", "#invoke:Citation/CS1"),
        ("DEFAULTSORT:Adams, Douglas", "DEFAULTSORT:Adams, Douglas"),
        ("Книга:БСЭ", "Книга:БСЭ"),
    ],
)
def test_template_key(raw: str, expected: str) -> None:
    assert template_key(raw) == expected


@pytest.mark.parametrize("raw", ["Template:cite_web ", "reflist", "Шаблон:нет АИ", "subst:cn"])
def test_template_key_is_idempotent(raw: str) -> None:
    once = template_key(raw)
    assert template_key(once) == once


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("File:Example.jpg", "file"),
        ("file:Example.jpg", "file"),
        ("Image:Example.jpg", "file"),
        ("Datei:Berlin.jpg", "file"),
        ("Bild:Berlin.jpg", "file"),
        ("Fichier:Berlin.jpg", "file"),
        ("Archivo:Berlin.jpg", "file"),
        ("Imagem:Berlin.jpg", "file"),
        ("Plik:Berlin.jpg", "file"),
        ("Bestand:Berlin.jpg", "file"),
        ("Fil:Berlin.jpg", "file"),
        ("Tiedosto:Berlin.jpg", "file"),
        ("Fájl:Berlin.jpg", "file"),
        ("Berkas:Berlin.jpg", "file"),
        ("Файл:Берлин.jpg", "file"),
        ("Податотека:Берлин.jpg", "file"),
        ("Αρχείο:Berlin.jpg", "file"),
        ("קובץ:Berlin.jpg", "file"),
        ("ملف:Berlin.jpg", "file"),
        ("فائل:Berlin.jpg", "file"),
        ("ファイル:Berlin.jpg", "file"),
        ("ไฟล์:Berlin.jpg", "file"),
        ("Tập tin:Berlin.jpg", "file"),
        ("Tập_tin:Berlin.jpg", "file"),
        ("Hình:Berlin.jpg", "file"),
        ("Lêer:X.jpg", "file"),
        ("Fails:X.jpg", "file"),
        (" File : X.jpg", "file"),
        ("Category:Cities", "category"),
        (":Category:Cities", "category"),
        ("category:Cities", "category"),
        ("Kategorie:Stadt", "category"),
        ("Catégorie:Ville", "category"),
        ("Categoría:Ciudad", "category"),
        ("Categoria:Città", "category"),
        ("Kategoria:Miasto", "category"),
        ("Categorie:Stad", "category"),
        ("Kategori:Stad", "category"),
        ("Luokka:Kaupungit", "category"),
        ("Kategória:Városok", "category"),
        ("Категория:Города", "category"),
        ("Категорія:Міста", "category"),
        ("Категорија:Градови", "category"),
        ("Κατηγορία:Πόλεις", "category"),
        ("קטגוריה:ערים", "category"),
        ("تصنيف:مدن", "category"),
        ("زمرہ:شہر", "category"),
        ("カテゴリ:都市", "category"),
        ("分类:城市", "category"),
        ("分類:城市", "category"),
        ("หมวดหมู่:เมือง", "category"),
        ("Thể loại:Thành phố", "category"),
        ("Kategoreja:Vaļsteibys", "category"),
        ("Berlin", None),
        ("de:Berlin", None),  # interlanguage link
        ("Wikipedia:Manual of Style", None),
        ("Help:Contents", None),
        ("Media:Example.ogg", None),  # a plain link to the file, not an image
        ("", None),
    ],
)
def test_namespace_of(target: str, expected: str | None) -> None:
    assert namespace_of(target) == expected


def test_namespace_sets_are_casefolded_and_disjoint() -> None:
    for name in file_namespaces | category_namespaces:
        assert name == name.casefold()
    assert not file_namespaces & category_namespaces
