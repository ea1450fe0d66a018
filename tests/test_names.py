"""Name values: folding, transliteration skeletons, variant classification, the lexicon."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import citecheck
from citecheck.names import (
    Lexicon,
    classify,
    classify_names,
    edit_distance,
    fold,
    misspelled,
    misspelled_at_end,
    name_words,
    parse_lexicon,
    skeleton_keys,
    variation_kind,
)

# (a, b, kind of variation)
VARIANTS = [
    ("Yeltsin", "Jelcin", "transliteration"),
    ("Yeltsin", "Jelzin", "transliteration"),
    ("Tchaikovsky", "Čajkovskij", "transliteration"),
    ("Tchaikovsky", "Tschaikowski", "transliteration"),
    ("Čajkovskij", "Tschaikowski", "transliteration"),
    ("Khrushchev", "Chruschtschow", "transliteration"),
    ("Zelensky", "Zelenskyy", "transliteration"),
    ("Zelensky", "Zełenski", "transliteration"),
    ("Zelenskyy", "Zełenski", "transliteration"),
    ("Dostoevsky", "Dostojewski", "transliteration"),
    ("Dostoevsky", "Dostoyevsky", "transliteration"),
    ("Gorbachev", "Gorbatschow", "transliteration"),
    ("Gorbachev", "Gorbachov", "transliteration"),
    ("Shostakovich", "Schostakowitsch", "transliteration"),
    ("Rachmaninoff", "Rachmaninov", "transliteration"),
    ("Müller", "Mueller", "transliteration"),
    ("Boulgakov", "Bulgakov", "transliteration"),
    ("Schönefeld", "Schonefeld", "diacritics"),
    ("Zelenski", "Zełenski", "diacritics"),
    ("Métis", "Metis", "diacritics"),
    ("Brandenburg", "Brandenbrg", "misspelling"),
    ("Berlinului", "Berlinuui", "misspelling"),
    ("Schopenhauer", "Schopenhaur", "misspelling"),
    ("Потсдамскиот", "Постдамскиот", "misspelling"),
]

# Different names, however alike.
DISTINCT = [
    ("Austria", "Australia"),
    ("John", "Joan"),
    ("Marc", "Mark"),
    ("Sweden", "Swedes"),
    ("Slovakia", "Slovenia"),
    ("Iran", "Iraq"),
    ("Georgia", "George"),
    ("Paris", "Parish"),
    ("Mali", "Malta"),
    ("Niger", "Nigeria"),
    ("Jackson", "Johnson"),
    ("Prussia", "Russia"),
    ("Christian", "Christina"),
    ("Wälder", "Walter"),
    ("Jesse", "Esse"),
    ("Kiev", "Kyiv"),
    ("Yeltsin", "Yeltsin"),
    ("Berlin", "BERLIN"),
    ("O'Brien", "O’Brien"),
    ("Viermächte-Status", "Viermächtestatus"),
]


@pytest.mark.parametrize(("a", "b", "kind"), VARIANTS)
def test_variants_are_classified(a: str, b: str, kind: str) -> None:
    found = classify(a, b)
    assert found is not None and found.kind == kind, found
    back = classify(b, a)
    assert back is not None and back.kind == kind


@pytest.mark.parametrize(("a", "b"), DISTINCT)
def test_distinct_names_are_not_variants(a: str, b: str) -> None:
    assert classify(a, b) is None
    assert classify(b, a) is None


def test_differences_name_the_letters_variant_first() -> None:
    found = classify("Jelcin", "Yeltsin")
    assert found is not None
    assert found.differences == (("j", "y"), ("c", "ts"))
    assert found.describe() == "transliteration j/y, c/ts"
    zel = classify("Zelenski", "Zełenski")
    assert zel is not None and zel.differences == (("l", "ł"),)


def test_skeleton_keys_meet_by_hashing() -> None:
    assert set(skeleton_keys("Khrushchev")) & set(skeleton_keys("Chruschtschow"))
    assert len(skeleton_keys("Chruschtschow")) == 2  # "ch" read as č and as kh
    assert skeleton_keys("Ельцин") == ()  # no transliteration within one script


def test_fold_strips_diacritics_but_keeps_cyrillic_letters() -> None:
    assert fold("Zełenski") == "zelenski"
    assert fold("Čajkovskij") == "cajkovskij"
    assert fold("Йорк") == "йорк"  # й is a letter of its own
    assert fold("Straße") == "strasse"


def test_edit_distance_counts_a_transposition_once() -> None:
    assert edit_distance("potsdam", "postdam") == 1
    assert edit_distance("austria", "australia") == 2
    assert edit_distance("abc", "xyzw", limit=2) == 2


def test_name_words() -> None:
    assert name_words("Boris Yeltsin's decree") == ("Boris", "Yeltsin", "decree")
    assert name_words("l'Autriche et d'Alembert") == ("Autriche", "et", "Alembert")
    assert name_words("Jean-Paul O'Brien") == ("Jean-Paul", "O'Brien")


def test_classify_names_keeps_different_first_names_apart() -> None:
    assert classify_names("Marc Taylor", "Mark Taylor") is None
    assert classify_names("Arthur Schopenhauer", "Arthur Schopenhaur") is not None
    found = classify_names("Boris Yeltsin", "Boris Jelcin")
    assert found is not None and found.kind == "transliteration"
    assert classify_names("Boris Yeltsin", "Yeltsin") is None


def test_lexicon_file_and_entries() -> None:
    entries = parse_lexicon("# canonical names\nBoris Yeltsin\n\nJelcyn  =>  Yeltsin  # Polish\n")
    assert entries == ("Boris Yeltsin", "Jelcyn => Yeltsin")
    lexicon = Lexicon.from_entries(entries)
    assert lexicon.canonical == frozenset({"Boris", "Yeltsin"})
    assert lexicon.variants == (("Jelcyn", "Yeltsin"),)
    pair = Lexicon.from_entries(["Boris Jelcin => Boris Yeltsin"])
    assert pair.variants == (("Jelcin", "Yeltsin"),)


def test_variation_kind_is_classify_without_the_alignment() -> None:
    for a, b, kind in VARIANTS:
        assert variation_kind(a, b) == kind
    for a, b in DISTINCT:
        assert variation_kind(a, b) is None


def test_one_edit_test_agrees_with_the_edit_distance() -> None:
    # misspelled() finds one edit between the shared start and end, without the table
    from citecheck.names import edit_margins

    for n in range(4, 8):
        for a in map("".join, itertools.product("ab", repeat=n)):
            for m in (n - 1, n, n + 1):
                for b in map("".join, itertools.product("ab", repeat=m)):
                    start, end = edit_margins(a, b)
                    long_enough = max(n, m) >= 5 and min(n, m) >= 4 and (n != m or n >= 5)
                    expected = bool(start and end) and long_enough and edit_distance(a, b, 2) == 1
                    assert misspelled(a, b) == expected, (a, b)


def test_misspelled_at_end() -> None:
    assert misspelled_at_end("greek", "greec")
    assert misspelled_at_end("europe", "europ")
    assert misspelled_at_end("swedes", "sweden")  # the letters allow it; the rule decides
    assert not misspelled_at_end("black", "blakc")  # a swap is not an edit of the last letter
    assert not misspelled_at_end("mali", "malt")  # too short
    assert not misspelled_at_end("prussia", "russia")


ANTIQUE = Path(__file__).resolve().parent.parent / "fixtures/articles/en/wtf__Antique_(band).wiki"


def _variant_at_last_greek(replacement: str) -> list[str]:
    text = ANTIQUE.read_text(encoding="utf-8")
    at = text.index("sung in Greek.") + len("sung in ")
    text = text[:at] + replacement + text[at + len("Greek") :]
    report = citecheck.check(text, format="wikitext",
                             config=citecheck.Config(select=("name-variant",)))
    return [text[f.span.start : f.span.end] for f in report.findings]


def test_a_consonant_replaced_at_the_end_with_an_ending_the_article_never_uses() -> None:
    # a real article: no other word of four letters or more ends in -ec
    assert "Greec" in _variant_at_last_greek("Greec")


@pytest.mark.parametrize("other", ["Greeks", "Greer", "Greeka"])
def test_endings_that_inflect_or_recur_are_not_slips(other: str) -> None:
    # an added letter (Greeks), an ending the article uses (-er), a vowel (Greeka)
    assert other not in _variant_at_last_greek(other)


# -- one rule instance for many versions (Checker): the same findings as one-shot checks ------

ROOT = Path(__file__).resolve().parent.parent
LAST60 = ROOT / "fixtures/revisions/wikiwho_anarchism/enwiki_Anarchism_history_last60.xml.bz2"
ARTICLES = ROOT / "fixtures/articles"


def _n301(report: citecheck.Report) -> list[tuple[object, ...]]:
    return [(f.message, f.span, f.related, f.data) for f in report.findings if f.code == "N301"]


def test_a_checker_finds_the_name_variants_of_one_shot_checks() -> None:
    """One Checker (one N301 instance, which keeps its key index from version to version) over
    every third revision of the Anarchism sample, then articles with findings in other
    languages, then back to the revisions: every version's N301 findings are those of a fresh
    check of its text."""
    from citecheck.checker import Checker
    from citecheck.history import read_dump

    revisions = [r.text or "" for r in read_dump(LAST60)]
    articles = [
        ARTICLES / name
        for name in ("en/wtf__julia_kristeva.wiki", "it/dbpedia__Berlino.wiki",
                     "fr/dbpedia__Autriche.wiki", "en/wtf__al_Haytham.wiki",
                     "de/dbpedia__Arthur_Schopenhauer.wiki")
    ]
    texts = revisions[::3] + [p.read_text(encoding="utf-8") for p in articles] + revisions[-3:]
    checker = Checker()
    found = 0
    for text in texts:
        expected = _n301(citecheck.check(text, format="wikitext"))
        assert _n301(checker.check(text)) == expected
        found += len(expected)
    assert found  # the comparison covers findings, not only their absence


def test_the_key_index_finds_the_pairs_of_a_whole_hashing() -> None:
    """The key index, updated with the words added and removed, finds the candidate pairs that
    hashing all the words finds, through random changes of a vocabulary of near spellings."""
    import random

    from citecheck.rules.name_variant import _hashed_pairs, _KeyIndex

    rnd = random.Random(7)
    base = ["Yeltsin", "Jelcin", "Jelzin", "Greek", "Greec", "Greeks", "Prussia", "Russia",
            "Prusia", "Schönefeld", "Schonefeld", "Sweden", "Swedes", "Martin", "Marvin",
            "Bismarck", "Bismark", "Noth", "North", "Weimar", "Veimar", "Black", "Blacc"]
    vocab = base + [w[:i] + c + w[i + 1 :] for w in base for i in (1, 2) for c in "aeo"]
    index = _KeyIndex()
    words: set[str] = set()
    for _ in range(150):
        words -= set(rnd.sample(sorted(words), min(len(words), rnd.randrange(4))))
        words |= set(rnd.sample(vocab, rnd.randrange(4)))
        if rnd.random() < 0.05:
            words = set(rnd.sample(vocab, rnd.randrange(30)))
        article = set(words)
        once = {w for w in article if rnd.random() < 0.5}
        established = article - once
        index.update(article, article)
        pairs = index.pairs(established, once)
        assert pairs == _hashed_pairs(article, article, established, once)


def test_a_key_of_both_kinds_does_not_merge_two_groups() -> None:
    # "spaine" is a skeleton key of Paine and Payne and a deletion key of Spaine and Spainne:
    # the two groups stay apart (Paine is no variant of Spaine), by whole hashing and by the
    # index kept across versions alike
    from citecheck.rules.name_variant import _hashed_pairs, _KeyIndex

    words = {"Paine", "Payne", "Spaine", "Spainne"}
    established, once = {"Paine", "Payne", "Spaine"}, {"Spainne"}
    pairs = _hashed_pairs(set(words), set(words), established, once)
    assert ("Paine", "Payne") in pairs and ("Spaine", "Spainne") in pairs
    assert not {("Paine", "Spaine"), ("Payne", "Spaine"), ("Paine", "Spainne")} & pairs
    index = _KeyIndex()
    index.update(set(words), set(words))
    assert index.pairs(established, once) == pairs
