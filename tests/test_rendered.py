"""Tests for citecheck.parsing.rendered: text copied from a rendered page, markers kept."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from citecheck.model import Article, Claim
from citecheck.parsing.rendered import looks_rendered, parse_rendered
from citecheck.spans import Span

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed" / "seed.txt"
WIKI_EN = ROOT / "fixtures" / "articles" / "en"


def _seed() -> tuple[str, Article]:
    text = SEED.read_text(encoding="utf-8")
    return text, parse_rendered(text)


def _claim(article: Article, start: str) -> Claim:
    found = [c for c in article.claims if c.text.startswith(start)]
    assert len(found) == 1, (start, [c.text for c in article.claims])
    return found[0]


def _numbers(article: Article, claim: Claim) -> list[int | None]:
    return [article.reference(r).number for r in claim.refs]


def _check_spans(article: Article) -> None:
    """Every span lies inside the input; claims and markers slice back to what they stand for."""
    text = article.text
    n = len(text)
    spans = [c.span for c in article.claims]
    spans += [s for c in article.claims for s in c.ref_spans]
    spans += [t.span for t in article.ref_tags] + [t.span for t in article.tags]
    spans += [s.span for s in article.sections] + [p.span for p in article.paragraphs]
    spans += [s.heading_span for s in article.sections if s.heading_span]
    spans += [note.span for note in article.notes] + [lst.span for lst in article.reference_lists]
    spans += [r.span for r in article.references if r.span]
    spans += [u for r in article.references for u in r.uses]
    for span in spans:
        assert 0 <= span.start <= span.end <= n
    removed = sorted([t.span for t in article.ref_tags] + [t.span for t in article.tags])
    for claim in article.claims:
        assert " ".join(_without(text, claim.span, removed).split()) == claim.text
    for tag in article.ref_tags:
        piece = text[tag.span.start : tag.span.end]
        assert piece.startswith("[") and piece.endswith("]")


def _without(text: str, span: Span, removed: list[Span]) -> str:
    """The text of ``span`` without the markers and tags inside it (a marker mid-sentence)."""
    parts, pos = [], span.start
    for cut in removed:
        if span.start <= cut.start and cut.end <= span.end:
            parts.append(text[pos : cut.start])
            pos = cut.end
    parts.append(text[pos : span.end])
    return "".join(parts)


# --- the seed ------------------------------------------------------------------------------


def test_seed_title_and_format() -> None:
    text, article = _seed()
    assert article.title == "Soviet re-occupation of the Baltic states (1944)"
    assert article.format == "text"
    assert article.text is text
    _check_spans(article)


def test_seed_non_claims() -> None:
    _text, article = _seed()
    texts = [c.text for c in article.claims]
    for line in (
        "Katana VentraIP",
        "Soviet re-occupation of the Baltic states (1944)",
        "Withdrawal of the occupational army from the Baltic states",
        "Soviet re-occupation of Latvia in 1944",
    ):
        assert not any(line in t for t in texts)
    assert not any(
        t.startswith("See also") or "Occupation of the Baltic states," in t for t in texts
    )


def test_seed_headings() -> None:
    _text, article = _seed()
    titles = [s.title for s in article.sections]
    assert titles == [
        "",
        "Withdrawal of the occupational army from the Baltic states",
        "Soviet re-occupation of Latvia in 1944",
    ]
    text = article.text
    withdrawal = article.sections[1]
    assert withdrawal.heading_span is not None
    assert withdrawal.heading_span.slice(text) == withdrawal.title  # "[edit]" excluded
    assert withdrawal.level == 2 and withdrawal.kind == "body"
    assert article.sections[0].kind == "lead" and article.sections[0].heading_span is None


def test_seed_first_sentence_cites_reference_1() -> None:
    _text, article = _seed()
    first = article.claims[0]
    assert first.text.startswith("The Soviet Union (USSR) occupied")
    assert first.text.endswith("during World War II.")
    assert _numbers(article, first) == [1]
    assert first.in_lead and first.section == () and first.section_id == 0


def test_seed_withdrawal_paragraph_cites_25() -> None:
    _text, article = _seed()
    body = [c for c in article.claims if c.section_id == 1]
    assert len(body) == 5
    for claim in body:
        assert len(claim.refs) == 1
        ref = article.reference(claim.refs[0])
        assert (ref.number, ref.label, ref.group) == (25, "25", "")
        assert claim.section == ("Withdrawal of the occupational army from the Baltic states",)
        assert not claim.in_lead
    assert len({c.refs[0] for c in body}) == 1
    assert len(article.reference(body[0].refs[0]).uses) == 5


def test_seed_three_unreferenced_sentences() -> None:
    _text, article = _seed()
    bare = [c.text for c in article.claims if not c.refs]
    assert len(bare) == 3
    assert bare[0].startswith("The Red Army regained control")
    assert bare[1].startswith("The German forces were deported")
    assert bare[2].startswith("After the war, the Baltic territories")


def test_seed_sentence_with_time_is_one_claim() -> None:
    text, article = _seed()
    claim = _claim(article, "Eventually, the last combat unit")
    written = (
        "Eventually, the last combat unit of the Russian Armed Forces left the Lithuanian "
        "territory 15 minutes before the agreed term (on 31 August 1993 23:45), but small "
        "Russian military units had remained that also left in the near months."
    )
    assert claim.text == written
    assert text[claim.span.start : claim.span.end] == written


def test_seed_spans_exclude_markers() -> None:
    text, article = _seed()
    for claim in article.claims:
        piece = text[claim.span.start : claim.span.end]
        assert "[" not in piece and piece == claim.text
        for span in claim.ref_spans:
            assert text[span.start : span.end] in ("[1]", "[25]")


def test_seed_references() -> None:
    _text, article = _seed()
    refs = article.references
    assert [(r.id, r.label, r.number) for r in refs] == [("r1", "1", 1), ("r2", "25", 25)]
    for ref in refs:
        assert ref.name is None and ref.content == "" and ref.span is None
        assert not ref.list_defined and ref.listed and ref.citations == ()
    assert all(
        t.kind == "marker" and t.name is None and t.content is None for t in article.ref_tags
    )
    assert len(article.ref_tags) == 6
    assert article.reference_lists == () and article.notes == ()


def test_seed_claim_ids_are_sequential() -> None:
    _text, article = _seed()
    assert [c.id for c in article.claims] == [f"c{i}" for i in range(1, len(article.claims) + 1)]
    for claim in article.claims:
        assert article.claim(claim.id) is claim
        assert article.paragraphs[claim.paragraph].span.contains(claim.span)


# --- markers and tags ----------------------------------------------------------------------


def test_citation_needed_is_an_inline_tag() -> None:
    text = (
        "Title of page\n\nThe bridge opened in 1890.[citation needed] It was rebuilt in 1950.[1]\n"
    )
    article = parse_rendered(text)
    assert [c.text for c in article.claims] == [
        "The bridge opened in 1890.",
        "It was rebuilt in 1950.",
    ]
    (tag,) = article.tags
    assert tag.kind == "citation-needed"
    assert tag.name == "citation needed"
    assert text[tag.span.start : tag.span.end] == "[citation needed]"
    assert tag.claim == article.claims[0].id
    assert article.claims[0].refs == ()
    assert _numbers(article, article.claims[1]) == [1]
    _check_spans(article)


@pytest.mark.parametrize(
    ("marker", "kind"),
    [
        ("[citation needed]", "citation-needed"),
        ("[Citation Needed]", "citation-needed"),
        ("[dubious – discuss]", "dubious"),
        ("[failed verification]", "failed-verification"),
        ("[better source needed]", "better-source-needed"),
        ("[clarification needed]", "clarify"),
        ("[when?]", "when"),
        ("[who?]", "who"),
        ("[according to whom?]", "according-to-whom"),
        ("[by whom?]", "by-whom"),
        ("[page needed]", "page-needed"),
        ("[permanent dead link]", "dead-link"),
        ("[permanent dead link\u200d]", "dead-link"),
        ("[dead link]", "dead-link"),
        ("[unreliable source?]", "unreliable-source"),
        ("[verification needed]", "verification-needed"),
        ("[original research?]", "original-research-inline"),
        ("[disputed – discuss]", "disputed-inline"),
        ("[full citation needed]", "full-citation-needed"),
        ("[réf. nécessaire]", "citation-needed"),
        ("[cita requerida]", "citation-needed"),
        ("[carece de fontes]", "citation-needed"),
        ("[источник не указан 123 дня]", "citation-needed"),
        ("[要出典]", "citation-needed"),
        # Every English inline tag as rendered (en {{which}}, {{specify}}, {{how}}…).
        ("[which?]", "which"),
        ("[specify]", "specify"),
        ("[how?]", "how"),
        ("[why?]", "why"),
        ("[where?]", "where"),
        ("[year needed]", "year-needed"),
        ("[vague]", "vague"),
        ("[neutrality is disputed]", "neutrality-disputed"),
        ("[not in citation given]", "failed-verification"),
        ("[self-published source?]", "self-published-source"),
        ("[non-primary source needed]", "better-source-needed"),
        ("[third-party source needed]", "better-source-needed"),
        ("[improper synthesis?]", "original-research-inline"),
        ("[medical citation needed]", "citation-needed"),
        ("[need quotation to verify]", "quotation-needed"),
        ("[whom?]", "who"),
    ],
)
def test_inline_tag_kinds(marker: str, kind: str) -> None:
    text = f"Some body text\n\nThe river floods every spring.{marker} It is long.\n"
    article = parse_rendered(text)
    (tag,) = article.tags
    assert tag.kind == kind
    assert text[tag.span.start : tag.span.end] == marker
    assert tag.claim == article.claims[0].id
    assert article.claims[0].text == "The river floods every spring."
    assert article.ref_tags == ()


def test_unknown_brackets_stay_in_the_text() -> None:
    article = parse_rendered("He wrote that [sic] the mill [in Latvian] was closed.[2]\n")
    (claim,) = article.claims
    assert claim.text == "He wrote that [sic] the mill [in Latvian] was closed."
    assert _numbers(article, claim) == [2]
    assert article.tags == ()


def _lettered_notes(labels: str) -> str:
    """A pasted notes list labelled with ``labels`` (space-separated)."""
    return "\nNotes\n" + "".join(f"{x}. ^ Note {x}.\n" for x in labels.split())


@pytest.mark.parametrize(
    "text",
    [
        'Dawkins called him "possibly [my] only convert" to atheism.[35]',
        "The mayor [sic] was reelected in 1990.[35]",
        "The spokesman [who] said so resigned.[35]",
        '"[I] will return," the general told the crowd.[35]',
        "The bridge opened[c] in 1890 after a long delay.[35]",
        "The report[US] was published in 1990.[35]",
    ],
)
def test_editorial_brackets_are_text(text: str) -> None:
    """A letter in brackets is a note marker only where the page uses letter notes."""
    article = parse_rendered(text + "\n")
    (claim,) = article.claims
    assert claim.text == text.removesuffix("[35]")
    assert [(r.group, r.label) for r in article.references] == [("", "35")]
    assert article.tags == ()
    _check_spans(article)


def test_letter_markers_need_a_sequence_and_attachment() -> None:
    text = (
        "The club was founded in 1890.[a] Its old stadium[ab] is a [a] listed building.[b]\n"
        "The new stadium opened in 2001.[1]\n"
    )
    article = parse_rendered(text)
    assert [c.text for c in article.claims] == [
        "The club was founded in 1890.",
        "Its old stadium[ab] is a [a] listed building.",
        "The new stadium opened in 2001.",
    ]
    assert [(r.group, r.label) for r in article.references] == [
        ("lower-alpha", "a"),
        ("lower-alpha", "b"),
        ("", "1"),
    ]
    _check_spans(article)


def test_two_letter_markers_when_the_sequence_reaches_them() -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    markers = "".join(f"[{x}]" for x in letters)
    article = parse_rendered(f"The lake is deep and cold.{markers}[aa][ab]\n")
    assert [r.label for r in article.references][-3:] == ["z", "aa", "ab"]
    assert article.references[-1].number == 28
    labels = " ".join([*letters, "aa", "ab", "ac"])
    article = parse_rendered(f"The lake is deep and cold.[ac]\n{_lettered_notes(labels)}")
    (ref,) = article.references
    assert (ref.group, ref.label, ref.number, ref.content) == ("lower-alpha", "ac", 29, "Note ac.")


@pytest.mark.parametrize(
    ("marker", "group", "label", "number", "notes"),
    [
        ("[25]", "", "25", 25, ""),
        ("[a]", "lower-alpha", "a", 1, ""),
        ("[c]", "lower-alpha", "c", 3, _lettered_notes("a b c")),
        ("[B]", "upper-alpha", "B", 2, _lettered_notes("A B")),
        ("[i]", "lower-roman", "i", 1, ""),
        ("[iv]", "lower-roman", "iv", 4, _lettered_notes("i ii iii iv")),
        ("[note 1]", "note", "note 1", 1, ""),
        ("[Notes 1]", "Notes", "Notes 1", 1, ""),
        ("[nb 2]", "nb", "nb 2", 2, ""),
        ("[α]", "lower-greek", "α", 1, ""),
    ],
)
def test_marker_groups(marker: str, group: str, label: str, number: int, notes: str) -> None:
    text = f"The tower is 300 metres tall.{marker} It was built quickly.\n{notes}"
    article = parse_rendered(text)
    (tag,) = article.ref_tags
    assert tag.kind == "marker" and tag.group == group and tag.name is None
    assert text[tag.span.start : tag.span.end] == marker
    (ref,) = article.references
    assert (ref.group, ref.label, ref.number, ref.id) == (group, label, number, "r1")
    assert article.claims[0].refs == ("r1",)
    assert article.claims[1].refs == ()


def test_mixed_markers_are_numbered_by_group_and_label() -> None:
    text = (
        "The city was founded in 1201.[1][a] Its walls date from 1300.[2][note 1] "
        "The port grew quickly.[1][b]\n"
    )
    article = parse_rendered(text)
    assert [(r.id, r.group, r.label) for r in article.references] == [
        ("r1", "", "1"),
        ("r2", "lower-alpha", "a"),
        ("r3", "", "2"),
        ("r4", "note", "note 1"),
        ("r5", "lower-alpha", "b"),
    ]
    assert [c.refs for c in article.claims] == [("r1", "r2"), ("r3", "r4"), ("r1", "r5")]
    assert len(article.reference("r1").uses) == 2
    _check_spans(article)


def test_letter_i_is_alpha_when_a_is_used() -> None:
    markers = "".join(f"[{c}]" for c in "abcdefghi")
    article = parse_rendered(f"The lake is deep and cold.{markers}\n")
    last = article.references[-1]
    assert (last.group, last.label, last.number) == ("lower-alpha", "i", 9)


def test_marker_before_punctuation_and_page_numbers() -> None:
    text = "The dam holds 40 million cubic metres[3]: 12–14 of water. It was built in 1936[4].\n"
    article = parse_rendered(text)
    assert [c.text for c in article.claims] == [
        "The dam holds 40 million cubic metres of water.",
        "It was built in 1936.",
    ]
    assert _numbers(article, article.claims[0]) == [3]
    assert _numbers(article, article.claims[1]) == [4]


def test_marker_at_paragraph_start_follows_no_claim() -> None:
    article = parse_rendered("[7] The ferry runs twice a day in summer.\n")
    (claim,) = article.claims
    assert claim.refs == ()
    assert [r.number for r in article.references] == [7]


# --- reference lists -----------------------------------------------------------------------


REF_LIST_TEXT = (
    "Harbour Town\n"
    "\n"
    "The harbour opened in 1870.[1] It was enlarged in 1901.[2] The pier burned in 1950.[3]\n"
    "Trade declined after the war.[2][a]\n"
    "\n"
    "Notes\n"
    "\n"
    "a. ^ Mostly coal and timber.\n"
    "\n"
    "References\n"
    "\n"
    "1. ^ Smith, J. (2001). Title.\n"
    "2. ^ a b Jones, K. (1999). A history of the port. Harbour Press.\n"
    "\n"
    "External links\n"
    "\n"
    "Official website\n"
)


def test_reference_list_gives_notes_and_content() -> None:
    text = REF_LIST_TEXT
    article = parse_rendered(text)
    notes = {(n.group, n.label): n for n in article.notes}
    assert set(notes) == {("lower-alpha", "a"), ("", "1"), ("", "2")}
    assert notes[("", "1")].text == "Smith, J. (2001). Title."
    assert notes[("", "2")].text == "Jones, K. (1999). A history of the port. Harbour Press."
    assert notes[("", "1")].span.slice(text) == "1. ^ Smith, J. (2001). Title."
    refs = {r.label: r for r in article.references}
    assert refs["1"].content == "Smith, J. (2001). Title."
    assert refs["1"].span == notes[("", "1")].span and refs["1"].defined
    assert refs["2"].content.startswith("Jones, K.")
    assert refs["a"].content == "Mostly coal and timber." and refs["a"].group == "lower-alpha"
    # [3] has no note in the pasted list: still a reference, undefined.
    assert refs["3"].span is None and refs["3"].content == "" and len(refs["3"].uses) == 1
    assert [(lst.group, lst.kind) for lst in article.reference_lists] == [
        ("lower-alpha", "rendered"),
        ("", "rendered"),
    ]
    _check_spans(article)


def test_reference_list_lines_are_not_claims() -> None:
    article = parse_rendered(REF_LIST_TEXT)
    assert [c.text for c in article.claims] == [
        "The harbour opened in 1870.",
        "It was enlarged in 1901.",
        "The pier burned in 1950.",
        "Trade declined after the war.",
    ]
    kinds = [(s.title, s.kind) for s in article.sections]
    assert kinds == [
        ("", "lead"),
        ("Notes", "references"),
        ("References", "references"),
        ("External links", "nonprose"),
    ]
    assert article.title == "Harbour Town"


def test_unnumbered_reference_list() -> None:
    text = (
        "The mill closed in 1921.[1] It reopened in 1925.[2]\n\n"
        "References[edit]\n"
        "^ Brown (1990), p. 4.\n"
        "^ Jump up to: a b Green (2004).\n"
    )
    article = parse_rendered(text)
    assert [(n.label, n.text) for n in article.notes] == [
        ("1", "Brown (1990), p. 4."),
        ("2", "Green (2004)."),
    ]
    assert [r.content for r in article.references] == ["Brown (1990), p. 4.", "Green (2004)."]


def test_group_note_list() -> None:
    text = (
        "The fort fell in 1710.[note 1] The garrison surrendered.[1]\n\n"
        "Notes\n"
        "1. ^ The date is disputed.\n\n"
        "References\n"
        "1. ^ Berg (1988).\n"
    )
    article = parse_rendered(text)
    assert [(n.group, n.label) for n in article.notes] == [("note", "note 1"), ("", "1")]
    refs = {r.label: r for r in article.references}
    assert refs["note 1"].content == "The date is disputed."
    assert refs["1"].content == "Berg (1988)."


def test_two_lists_in_one_section() -> None:
    text = (
        "The fort fell.[a] It was big and old.[1]\n\n"
        "References\n"
        "a. ^ A note on the fort.\n"
        "1. ^ Berg (1988).\n"
    )
    article = parse_rendered(text)
    assert [(n.group, n.label, n.text) for n in article.notes] == [
        ("lower-alpha", "a", "A note on the fort."),
        ("", "1", "Berg (1988)."),
    ]
    assert [r.content for r in article.references] == ["A note on the fort.", "Berg (1988)."]
    assert len(article.reference_lists) == 2
    assert [s.kind for s in article.sections] == ["lead", "references"]


def test_lists_restarting_at_one_take_the_unclaimed_groups_in_order() -> None:
    text = (
        "Orléans\n\n"
        "The vineyard is old.[1] A second sentence is here.[B 1] Third sentence.[A 1]\n\n"
        "Références\n\n"
        "Sources en ligne :\n"
        "1. ^ Dupont (2001).\n"
        "Ouvrage de Martin :\n"
        "1. ^ Martin, p. 4.\n"
        "Ouvrage de Durand :\n"
        "1. ^ Durand, p. 9.\n"
    )
    article = parse_rendered(text)
    assert [(n.group, n.label, n.text) for n in article.notes] == [
        ("", "1", "Dupont (2001)."),
        ("B", "B 1", "Martin, p. 4."),
        ("A", "A 1", "Durand, p. 9."),
    ]
    refs = {r.label: r.content for r in article.references}
    assert refs == {"1": "Dupont (2001).", "B 1": "Martin, p. 4.", "A 1": "Durand, p. 9."}
    assert [lst.group for lst in article.reference_lists] == ["", "B", "A"]
    _check_spans(article)


@pytest.mark.parametrize(
    ("first", "second"),
    [("• Group A:", "• Group B:"), ("[A]", "[B]"), ("Sources « A » :", "Sources « B » :")],
)
def test_restarted_list_named_by_its_introducing_line(first: str, second: str) -> None:
    text = (
        "The vineyard is old.[1] Jullien lists the red wines.[B 1] Cléry is high.[A 1]\n\n"
        "References\n"
        "1. ^ Dupont (2001).\n"
        f"{first}\n"
        "1. ^ First entry.\n"
        f"{second}\n"
        "1. ^ Second entry.\n"
    )
    article = parse_rendered(text)
    refs = {r.label: r.content for r in article.references}
    assert refs == {"1": "Dupont (2001).", "B 1": "Second entry.", "A 1": "First entry."}


def test_restarted_list_sized_like_its_group() -> None:
    text = (
        "The vineyard is old.[1] Jullien lists the red wines.[B 1][B 2] Cléry is high.[A 1]\n\n"
        "References\n"
        "1. ^ Dupont (2001).\n"
        "• Sources:\n"
        "1. ^ First entry.\n"
        "• More sources:\n"
        "1. ^ Second entry.\n"
        "2. ^ Third entry.\n"
    )
    article = parse_rendered(text)
    refs = {r.label: r.content for r in article.references}
    assert refs == {
        "1": "Dupont (2001).",
        "B 1": "Second entry.",
        "B 2": "Third entry.",
        "A 1": "First entry.",
    }


def test_restarted_list_matched_by_its_introducing_line() -> None:
    text = (
        "The vineyard is old.[1] André Jullien describes the red wines of Orléans.[B 1]\n"
        "Altitudes of the communes: Cléry reaches 107 metres.[A 1]\n\n"
        "References\n"
        "1. ^ Dupont (2001).\n"
        "• Altitudes of the communes, from the Cassini site:\n"
        "1. ^ Cléry.\n"
        "• André Jullien, Topographie de tous les vignobles connus:\n"
        "1. ^ p. 80.\n"
    )
    article = parse_rendered(text)
    refs = {r.label: r.content for r in article.references}
    assert refs == {"1": "Dupont (2001).", "B 1": "p. 80.", "A 1": "Cléry."}


def test_restarted_lists_on_a_real_page() -> None:
    """Orléans-cléry (fr): the groups A and B each have a list after the main one."""
    import json

    from citecheck.parsing.html_text import html_to_text

    page = ROOT / "fixtures" / "api" / "wptools" / "parse_109.json"
    html = json.loads(page.read_text(encoding="utf-8"))["parse"]["text"]
    article = parse_rendered(html_to_text(html))
    refs = {(r.group, r.label): r.content for r in article.references}
    assert refs["A", "A 1"] == "« Cléry-Saint-André » (consulté le 18 mars 2011)"
    assert refs["A", "A 5"] == "« Saint-Hilaire-Saint-Mesmin » (consulté le 18 mars 2011)"
    assert [refs["B", f"B {k}"] for k in range(1, 7)] == [
        "p. 80", "p. 81-82", "p. 82", "p. 82-83", "p. 84", "p. 85",
    ]  # fmt: skip
    assert refs["", "35"].startswith("« Vignoble du chant des oiseaux »")
    assert all(content for content in refs.values())
    assert [lst.group for lst in article.reference_lists] == ["Notes", "", "A", "B"]
    assert article.language == "fr"


def test_backlink_like_words_are_kept() -> None:
    text = "The lake froze.[1]\n\nReferences\n1. ^ a study of lakes (2001).\n"
    article = parse_rendered(text)
    assert article.notes[0].text == "a study of lakes (2001)."


# --- layout --------------------------------------------------------------------------------


def test_edit_headings_and_levels() -> None:
    text = (
        "Lead sentence of the article is here.[1]\n\n"
        "History[edit]\n\nThe town was founded in 1200.[2]\n\n"
        "Geschichte[Bearbeiten | Quelltext bearbeiten]\n\nDie Stadt ist alt.[3]\n\n"
        "Histoire [modifier | modifier le code]\n\nLa ville est très ancienne.[4]\n"
    )
    article = parse_rendered(text)
    assert [(s.title, s.level) for s in article.sections] == [
        ("", 0),
        ("History", 2),
        ("Geschichte", 2),
        ("Histoire", 2),
    ]
    for section in article.sections[1:]:
        assert section.heading_span is not None
        assert section.heading_span.slice(text) == section.title
        assert section.path == (section.title,)
    spans = [s.span for s in article.sections]
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert all(a.end == b.start for a, b in pairwise(spans))
    assert [c.section_id for c in article.claims] == [0, 1, 2, 3]
    _check_spans(article)


@pytest.mark.parametrize(
    "trailer",
    ["[edit]", " [edit source]", "[править | править код]", "[editar]", "[編集]", "[modifica]"],
)
def test_edit_trailers(trailer: str) -> None:
    text = f"The lead has one sentence.\n\nHistory{trailer}\n\nThe body has another one.\n"
    article = parse_rendered(text)
    heading = article.sections[-1]
    assert heading.title == "History" and heading.heading_span is not None
    assert heading.heading_span.slice(text) == "History"
    assert [c.section_id for c in article.claims] == [0, 1]
    assert looks_rendered(text)


def test_hatnotes_are_not_claims() -> None:
    text = (
        "Main article: History of the town of Example\n"
        "Further information: List of mayors of Example\n"
        "For other uses, see Example (disambiguation).\n"
        "The town has a long and varied history.[1]\n"
    )
    article = parse_rendered(text)
    assert [c.text for c in article.claims] == ["The town has a long and varied history."]


def test_bullets_are_list_paragraphs() -> None:
    text = (
        "The club won several titles:\n"
        "• League champions in 1990 and again in 1994.[1]\n"
        "- Cup winners in 2001 after a replay.[2]\n"
        "* Shield holders in the year 2003.\n"
    )
    article = parse_rendered(text)
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["prose", "list", "list", "list"]
    listed = [c for c in article.claims if c.kind == "list"]
    assert [c.text for c in listed] == [
        "League champions in 1990 and again in 1994.",
        "Cup winners in 2001 after a replay.",
        "Shield holders in the year 2003.",
    ]
    assert [_numbers(article, c) for c in listed] == [[1], [2], []]
    _check_spans(article)


def test_wrapped_lines_join_into_one_paragraph() -> None:
    text = "The railway reached the town in 1880 and\nbrought new industry.[1] Trade grew.\n"
    article = parse_rendered(text)
    assert len(article.paragraphs) == 1
    first = article.claims[0]
    assert first.text == "The railway reached the town in 1880 and brought new industry."
    assert _numbers(article, first) == [1]
    _check_spans(article)


def test_each_line_is_a_paragraph() -> None:
    article = parse_rendered("The first paragraph is here.[1]\nThe second one is here.[2]\n")
    assert len(article.paragraphs) == 2
    assert [c.paragraph for c in article.claims] == [0, 1]


def test_crlf_line_endings() -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    article = parse_rendered(text)
    assert article.title == "Soviet re-occupation of the Baltic states (1944)"
    assert len(article.claims) == 9
    assert sum(1 for c in article.claims if not c.refs) == 3
    for claim in article.claims:
        assert text[claim.span.start : claim.span.end] == claim.text
    heading = article.sections[1].heading_span
    assert heading is not None
    assert heading.slice(text) == "Withdrawal of the occupational army from the Baltic states"
    _check_spans(article)


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \r\n\t\r\n"])
def test_empty_input(text: str) -> None:
    article = parse_rendered(text)
    assert article.claims == () and article.references == () and article.ref_tags == ()
    assert article.title is None
    assert len(article.sections) == 1 and article.sections[0].span.end == len(text)
    assert article.text == text


def test_markers_alone_on_a_line() -> None:
    article = parse_rendered("The ferry runs twice a day.\n[7][8]\n")
    assert len(article.paragraphs) == 1
    assert [r.label for r in article.references] == ["7", "8"]
    assert article.claims[0].refs == ()


def test_table_of_contents_and_tagline() -> None:
    text = (
        "Contents\n1 History\n1.1 Early years\n2 References\n"
        "Harbour Town\n"
        "From Wikipedia, the free encyclopedia\n"
        "Harbour Town is a small port on the coast.[1]\n"
        "History[edit]\n"
        "The port opened in 1870.[2]\n"
    )
    article = parse_rendered(text)
    assert article.title == "Harbour Town"
    assert [s.title for s in article.sections] == ["", "History"]
    assert [c.text for c in article.claims] == [
        "Harbour Town is a small port on the coast.",
        "The port opened in 1870.",
    ]


def test_title_argument_wins() -> None:
    article = parse_rendered("Some Title\n\nThe sea is blue and deep.\n", title="Given", lang="en")
    assert article.title == "Given" and article.language == "en"
    assert [c.text for c in article.claims] == ["The sea is blue and deep."]


def test_boilerplate_is_skipped() -> None:
    text = (
        "Harbour Town\n"
        "From Wikipedia, the free encyclopedia\n"
        "This article needs additional citations for verification. Please help improve this "
        "article by adding citations to reliable sources.\n"
        "The harbour opened in 1870.[1]\n"
    )
    article = parse_rendered(text)
    assert article.title == "Harbour Town"
    assert [c.text for c in article.claims] == ["The harbour opened in 1870."]


def test_full_page_copy() -> None:
    """A whole page copied from the browser: menus, contents, banners, infobox, lists."""
    text = (ROOT / "tests" / "cases" / "rendered" / "full_page.txt").read_text(encoding="utf-8")
    article = parse_rendered(text)
    assert article.title == "Riga Lighthouse"
    assert [(s.title, s.kind) for s in article.sections] == [
        ("", "lead"),
        ("History", "body"),
        ("Early years", "body"),
        ("Geography", "body"),
        ("References", "references"),
        ("Notes", "references"),
        ("Citations", "references"),
        ("Sources", "references"),
        ("External links", "nonprose"),
    ]
    labels = [[article.reference(r).label for r in c.refs] for c in article.claims]
    assert [c.text for c in article.claims] == [
        "The Riga Lighthouse is a lighthouse at the mouth of the Daugava river in Latvia.",
        "It was first lit in 1863 and is still in use.",
        "The first tower was built of wood in 1721.",
        "It burned down during the war of 1812 and was rebuilt in stone.",
        "Its light can be seen from 20 kilometres away.",
        "Keepers lived in the tower until 1900.",
        "The lamp was electrified in 1925.",
        "The lighthouse stands on a breakwater.",
    ]
    assert labels == [["1", "a"], ["2"], ["3"], ["3", "4"], [], ["5"], [], ["6"]]
    assert [t.kind for t in article.tags] == ["citation-needed", "dubious"]
    assert [t.claim for t in article.tags] == ["c5", "c7"]
    refs = {r.label: r for r in article.references}
    assert refs["a"].content == "Also called Daugavgrīva Lighthouse."
    assert refs["1"].content.startswith('"Latvian lighthouses".')
    assert len(refs["1"].uses) == 2  # the infobox row and the lead
    assert refs["3"].content == "Jones 1999, p. 4."
    assert refs["6"].span is None
    assert [lst.group for lst in article.reference_lists] == ["lower-alpha", ""]
    _check_spans(article)


# --- other languages -----------------------------------------------------------------------


def test_german_paragraph() -> None:
    text = (
        "Berlin\n\n"
        "Berlin ist die Hauptstadt der Bundesrepublik Deutschland.[1] Die Stadt hat am "
        "1. Januar 2023 rund 3,8 Millionen Einwohner.[2][3]\n\n"
        "Geschichte[Bearbeiten | Quelltext bearbeiten]\n\n"
        "Die erste urkundliche Erwähnung stammt aus dem Jahr 1237.[4]\n\n"
        "Einzelnachweise[Bearbeiten | Quelltext bearbeiten]\n\n"
        "↑ Hauptstadtvertrag (1992).\n"
        "↑ Statistik Berlin-Brandenburg.\n"
    )
    article = parse_rendered(text, lang="de")
    assert article.title == "Berlin"
    assert [c.text for c in article.claims] == [
        "Berlin ist die Hauptstadt der Bundesrepublik Deutschland.",
        "Die Stadt hat am 1. Januar 2023 rund 3,8 Millionen Einwohner.",
        "Die erste urkundliche Erwähnung stammt aus dem Jahr 1237.",
    ]
    assert [_numbers(article, c) for c in article.claims] == [[1], [2, 3], [4]]
    assert article.sections[-1].kind == "references"
    assert article.reference(article.claims[0].refs[0]).content == "Hauptstadtvertrag (1992)."
    _check_spans(article)


def test_language_is_guessed_for_sentence_splitting() -> None:
    text = (
        "Die Mauer fiel im 2. Weltkrieg nicht. Sie stand bis 1989.[1]\n\n"
        "Einzelnachweise\n\n"
        "1. ^ Berliner Zeitung (1990).\n"
    )
    article = parse_rendered(text)
    assert article.language == "de"
    assert [c.text for c in article.claims] == [
        "Die Mauer fiel im 2. Weltkrieg nicht.",
        "Sie stand bis 1989.",
    ]
    assert _numbers(article, article.claims[1]) == [1]
    english = parse_rendered(text, lang="en")  # an explicit language wins
    assert english.language == "en"
    assert english.claims[0].text == "Die Mauer fiel im 2."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Geschichte[Bearbeiten | Quelltext bearbeiten]\nDie Stadt ist alt.\n", "de"),
        ("Histoire [modifier | modifier le code]\nLa ville est ancienne.\n", "fr"),
        ("История[править | править код]\nГород очень старый.\n", "ru"),
        ("History[edit]\nThe town is old.\n", "en"),
        ("La ville est ancienne.[1]\n\nRéférences\n1. ^ Livre.\n", "fr"),
        ("La ciudad es antigua.[1]\n\nReferencias\n1. ^ Libro.\n", "es"),
        ("Город очень старый.[1]\n\nПримечания\n1. ^ Книга.\n", "ru"),
        ("東京は日本の首都である。[1]\n\n脚注\n1. ^ 本。\n", "ja"),
        ("北京是中华人民共和国的首都。[1]\n\n脚注\n1. ^ 书。\n", "zh"),
        ("Harbour Town\nFrom Wikipedia, the free encyclopedia\nThe port is old.\n", "en"),
        ("Berlin\nAus Wikipedia, der freien Enzyklopädie\nBerlin ist alt.\n", "de"),
        ("Київ є столицею України з давніх часів.\n", "uk"),
        ("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.\n", "el"),
        ("ירושלים היא עיר הבירה של מדינת ישראל.\n", "he"),
        ("القاهرة هي عاصمة جمهورية مصر العربية.\n", "ar"),
        ("กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย\n", "th"),
        ("서울특별시는 대한민국의 수도이자 최대 도시이다.\n", "ko"),
        ("Plain prose without any cue at all, in some language.\n", None),
    ],
)
def test_language_cues(text: str, lang: str | None) -> None:
    assert parse_rendered(text).language == lang


def test_japanese_paragraph() -> None:
    text = "東京\n\n東京都は日本の首都である。[1]人口は約1400万人である。[2][3]\n"
    article = parse_rendered(text, lang="ja")
    assert article.title == "東京"
    assert [c.text for c in article.claims] == [
        "東京都は日本の首都である。",
        "人口は約1400万人である。",
    ]
    assert [_numbers(article, c) for c in article.claims] == [[1], [2, 3]]
    for claim in article.claims:
        assert text[claim.span.start : claim.span.end] == claim.text


# --- format detection ----------------------------------------------------------------------


def test_looks_rendered_on_seed() -> None:
    assert looks_rendered(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name",
    [
        "wptools__Douglas_Adams.wiki",
        "pywikibot__Pear.wiki",
        "wptools__Blue_Train_(album).wiki",
        "wtf__Bodmin.wiki",
        "wtf__list.wiki",
        "wtf__rnli_stations.wiki",
    ],
)
def test_looks_rendered_false_on_wikitext(name: str) -> None:
    assert not looks_rendered((WIKI_EN / name).read_text(encoding="utf-8"))


def test_looks_rendered_false_on_every_fixture_article() -> None:
    wrong = [
        p.name
        for p in sorted((ROOT / "fixtures" / "articles").glob("*/*.wiki"))
        if looks_rendered(p.read_text(encoding="utf-8"))
    ]
    assert wrong == []


def test_looks_rendered_small_cases() -> None:
    assert looks_rendered("History[edit]\nThe town is old.[1]")
    assert looks_rendered("Plain prose without any markers at all.")
    assert not looks_rendered("'''Foo''' is a [[bar]].<ref>x</ref>\n== History ==\n")


# --- robustness ----------------------------------------------------------------------------


def test_wikitext_fed_as_text_does_not_crash() -> None:
    for path in sorted(WIKI_EN.glob("*.wiki"))[:15]:
        _check_spans(parse_rendered(path.read_text(encoding="utf-8")))


def test_large_input_is_fast() -> None:
    import time

    text = SEED.read_text(encoding="utf-8")
    big = "\n\n".join([text] * 300)
    start = time.perf_counter()
    article = parse_rendered(big)
    assert time.perf_counter() - start < 5
    assert len(article.claims) == 9 * 300
