"""Name mentions as the parser records them: kinds, texts, exact spans, claims."""

from __future__ import annotations

import citecheck
from citecheck.names import NameMention


def names(text: str, format: str = "wikitext") -> list[NameMention]:
    return list(citecheck.check(text, format=format).article.names)


def spans(text: str, mentions: list[NameMention]) -> list[tuple[str, str, str]]:
    return [(m.kind, m.text, text[m.span.start : m.span.end]) for m in mentions]


def test_prose_names_have_exact_spans_and_claims() -> None:
    text = "In 1993 President Boris Jelcin urged the army to leave, and Algirdas Brazauskas agreed."
    found = names(text)
    assert spans(text, found) == [
        ("prose", "President Boris Jelcin", "President Boris Jelcin"),
        ("prose", "Algirdas Brazauskas", "Algirdas Brazauskas"),
    ]
    assert {m.claim for m in found} == {"c1"}


def test_links_give_target_and_shown_text_over_the_whole_link() -> None:
    text = "In 1991 [[Boris Yeltsin|Boris Jelcin]] met [[Lech Wałęsa]] in [[warsaw|the capital]]."
    found = names(text)
    link = text.index("[[Boris")
    yeltsin = [m for m in found if m.target == "Boris Yeltsin"]
    assert [(m.kind, m.text) for m in yeltsin] == [
        ("link-target", "Boris Yeltsin"), ("link-text", "Boris Jelcin"),
    ]
    assert all(m.span.start == link and text[m.span.end - 2 : m.span.end] == "]]" for m in yeltsin)
    # an unpiped link is one mention; a link written in lower case names nothing
    assert [m.kind for m in found if m.target == "Lech Wałęsa"] == ["link-target"]
    assert [m for m in found if m.target == "Warsaw"] == []  # [[warsaw|…]]: no name written
    # the words a link shows are not counted again as prose
    assert not any(m.kind == "prose" and "Jelcin" in m.text for m in found)


def test_prose_run_that_crosses_a_link_keeps_the_words_outside_it() -> None:
    text = "The treaty was signed by President [[Boris Yeltsin]] in Moscow."
    found = names(text)
    prose = [(m.text, text[m.span.start : m.span.end]) for m in found if m.kind == "prose"]
    assert prose == [("President", "President"), ("Moscow", "Moscow")]


def test_sentence_initial_common_words_are_not_names() -> None:
    text = "There were two mills on the river. The mill was rebuilt. Yeltsin visited them there."
    found = [m.text for m in names(text)]
    assert "There" not in found and "The" not in found
    assert "Yeltsin" in found


def test_citation_authors_first_and_last_and_whole() -> None:
    text = (
        "The bridge opened in 1932.<ref>{{cite book |last=Yeltsin |first=Boris |title=Notes}}"
        "</ref> It was painted in 1990.<ref>{{cite web |author=Smith, John |title=X}}</ref>"
        " It fell in 1999.<ref>{{cite journal |vauthors=Muller S, Tsai YL |title=Y}}</ref>\n"
        "== References ==\n{{reflist}}\n"
    )
    found = [m for m in names(text) if m.kind == "author"]
    assert [m.text for m in found] == ["Boris Yeltsin", "John Smith", "S Muller", "YL Tsai"]
    first = found[0]
    assert text[first.span.start : first.span.end] == "Yeltsin |first=Boris"


def test_infobox_values_that_look_like_names() -> None:
    text = (
        "{{Infobox person\n| name = Boris Yeltsin\n| spouse = [[Naina Yeltsina]]\n"
        "| birth_date = 1 February 1931\n| image = Yeltsin 1993.jpg\n}}\n"
        "Boris Yeltsin was a politician of Russia.\n"
    )
    found = [(m.text, m.target, text[m.span.start : m.span.end])
             for m in names(text) if m.kind == "infobox"]
    assert ("Boris Yeltsin", None, "Boris Yeltsin") in found
    assert ("Naina Yeltsina", "Naina Yeltsina", "Naina Yeltsina") in found  # inside [[…]]
    assert not any("1931" in t or ".jpg" in t for t, _target, _raw in found)


def test_rendered_text_has_prose_names_only() -> None:
    text = (
        "Lithuanian President Algirdas Brazauskas called Russian President Boris Jelcin "
        "on 30 August 1993.[25]\n\nReferences\n\n25. ^ Source.\n"
    )
    found = names(text, format="text")
    assert {m.kind for m in found} == {"prose"}
    texts = [m.text for m in found]
    assert "Russian President Boris Jelcin" in texts
    assert all(text[m.span.start : m.span.end] == m.text for m in found)


def test_seed_has_jelcin_once_and_no_finding_offline() -> None:
    from pathlib import Path

    seed = Path(__file__).parents[1] / "fixtures" / "seed" / "seed.txt"
    report = citecheck.check(seed.read_text(encoding="utf-8"))
    jelcin = [m for m in report.article.names if "Jelcin" in m.text]
    assert len(jelcin) == 1
    # one spelling, written once, and no authority offline: nothing to compare it with
    assert not [f for f in report.findings if f.rule == "name-variant"]
