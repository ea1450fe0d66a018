"""Tests for citecheck.parsing.offsets: computed spans must slice back to str(x) exactly."""

from __future__ import annotations

from pathlib import Path

import mwparserfromhell
import pytest
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.wikicode import Wikicode

from citecheck.parsing.offsets import (
    children,
    iter_nodes,
    span_index,
    tag_contents_span,
    template_param_spans,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [
    *sorted((ROOT / "fixtures" / "articles").glob("**/*.wiki")),
    ROOT / "fixtures" / "seed" / "seed.txt",
]


def check_invariant(text: str, code: Wikicode, start: int = 0) -> dict[str, int]:
    """Walk `code` via iter_nodes/children and check every span against `text`.

    `text` is the string `code` was parsed from, placed at offset `start` (so `text[:start]`
    is padding). Also checks span_index agrees on every node/Wikicode and covers the tree.
    Returns counts of what was checked, so callers can assert the walk wasn't vacuous.
    """
    spans = span_index(code, start)
    counts = {"nodes": 0, "wikicode": 0, "params": 0, "attrs": 0}
    seen: set[int] = set()
    # depth-first in text order, so the first visit of a shared Wikicode is its first occurrence
    stack: list[tuple[Wikicode, int]] = [(code, start)]
    while stack:
        wc, s = stack.pop()
        e = s + len(str(wc))
        assert text[s:e] == str(wc)
        first = id(wc) not in seen  # a shared Wikicode: span_index keeps the first occurrence
        if first:
            assert spans[id(wc)] == (s, e)
        seen.add(id(wc))
        counts["wikicode"] += 1
        pos = s
        pending: list[tuple[Wikicode, int]] = []
        for node, ns, ne in iter_nodes(wc, s):
            assert ns == pos
            pos = ne
            assert text[ns:ne] == str(node), type(node).__name__
            if first:
                assert spans[id(node)] == (ns, ne), type(node).__name__
            seen.add(id(node))
            counts["nodes"] += 1
            kids = list(children(node, ns))
            # in text order, non-overlapping, inside the node
            prev_end = ns
            for _label, child, cs in kids:
                assert isinstance(child, Wikicode)
                assert prev_end <= cs
                prev_end = cs + len(str(child))
                assert prev_end <= ne
                pending.append((child, cs))
            # every Wikicode mwparserfromhell itself considers a child is covered, except the
            # title of a bare ExternalLink, which __str__ doesn't print
            kid_ids = {id(child) for _, child, _ in kids}
            printed = {id(c) for c in node.__children__()}
            if isinstance(node, ExternalLink) and not node.brackets and node.title is not None:
                printed.discard(id(node.title))
            assert printed <= kid_ids
            if isinstance(node, Template):
                counts["params"] += _check_template(text, node, ns, spans if first else None)
            elif isinstance(node, Tag):
                counts["attrs"] += _check_tag(text, node, ns, spans if first else None)
        assert pos == e
        stack.extend(reversed(pending))
    # span_index keys cover every node at every depth (as mwparserfromhell enumerates them)
    for node in code.ifilter(recursive=True):
        assert id(node) in spans
        assert id(node) in seen
    return counts


def _check_template(text: str, node: Template, start: int, spans: dict | None) -> int:
    for param, name_span, (vs, ve) in template_param_spans(node, start):
        assert (name_span is None) == (not param.showkey)
        assert text[vs:ve] == str(param.value)
        if spans is None:
            continue
        assert spans[id(param.value)] == (vs, ve)
        if param.showkey:
            assert name_span is not None
            assert text[name_span[0] : name_span[1]] == str(param.name)
            assert spans[id(param.name)] == name_span
        ps, pe = spans[id(param)]
        assert text[ps:pe] == str(param)
    return len(node.params)


def _check_tag(text: str, node: Tag, start: int, spans: dict | None) -> int:
    cspan = tag_contents_span(node, start)
    if node.self_closing:
        assert cspan is None
    else:
        assert cspan is not None
        assert text[cspan[0] : cspan[1]] == str(node.contents)
        if spans is not None:
            assert spans[id(node.contents)] == cspan
    for attr in node.attributes if spans is not None else ():
        s, e = spans[id(attr)]
        assert text[s:e] == str(attr)
    return len(node.attributes)


@pytest.mark.parametrize("skip_style_tags", [False, True], ids=["style", "skip_style"])
@pytest.mark.parametrize("path", FIXTURES, ids=[str(p.relative_to(ROOT)) for p in FIXTURES])
def test_fixture_articles(path: Path, skip_style_tags: bool) -> None:
    text = path.read_text(encoding="utf-8")
    code = mwparserfromhell.parse(text, skip_style_tags=skip_style_tags)
    assert str(code) == text  # precondition: the parser round-trips
    counts = check_invariant(text, code)
    assert counts["nodes"] > 0


def test_fixture_count() -> None:
    assert len(FIXTURES) >= 100


# --- targeted cases ------------------------------------------------------------------------

CASES = {
    "table_attrs": (
        '{| class="wikitable sortable" style = "width:100%"\n'
        "|+ Caption\n"
        '|- style="background:red"\n'
        '! scope="col" | Head !! Other\n'
        "|-\n| align=center | a || b\n| c\n|}\n"
    ),
    "table_nested": "{|\n|\n{| border=1\n| inner\n|}\n|}",
    "ref_attrs": (
        "<ref name=\"a b\">x</ref><ref name=plain>y</ref><ref name='single q'>z</ref>"
        '<ref  name = "spaced" group = g >w</ref>'
    ),
    "ref_selfclosing": '<ref name=x /><ref name="y"/><ref name = "z" / >t',
    "references": "<references>\n<ref name=a>A</ref>\n</references>\n<references/>",
    "references_closing_space": "<references >\n</references >",
    "templates": (
        "{{cite web |url=http://x.org |title={{lang|fr|Titre}} | date = 2020 }}"
        "{{a|b|c|d=e|{{f|g}}|h=}}{{ {{name}} |x}}{{{arg}}}{{{arg|default}}}{{{a|{{{b|c}}}}}}"
    ),
    "template_repeated_params": "{{x|a|a|a=a|a|a=a}}{{x|a=a|a}}",
    "template_equals_in_value": "{{x|a=b=c|==}}",
    "wikilinks": "[[Foo]] [[Foo|bar]] [[Foo|]] [[File:X.jpg|thumb|A [[b]] c]] [[a|b|c]]",
    "external_links": (
        "[http://example.com] [http://example.com Example site] http://bare.org/path "
        "[//proto.rel rel] [http://x.org<ref>r</ref>] [[http://double.org]]"
    ),
    "comments": "a<!-- c -->b<!-- multi\nline -->c<!-- unclosed",
    "nowiki": "<nowiki>{{not a template}} [[x]]</nowiki> <nowiki/> <pre>{{x}}</pre>",
    "headings": (
        "== Heading ==\n===Sub=== \n== With <!-- comment --> ==<!-- trailing -->\n"
        "==Unbalanced===\n= {{tpl}} =\n"
    ),
    "bold_italic": "''italic'' '''bold''' '''''both''''' ''unclosed\n'''b ''bi'' b'''",
    "lists": "* one\n** two\n# num\n#: cont\n; term : def\n: indent\n----\n-----x",
    "entities": "&nbsp;&amp;&#123;&#x1F600;&#X1f600;&bogus; & alone",
    "unclosed_tags": "<div>open <span>also <b>bold</div> </br> <br> <br/> <hr> <li>x",
    "invalid_close": "text </br> more </ref> end",
    "html_attrs": (
        '<div class="a" id=b data-x = \'c\' hidden style=" x ">t</div>'
        '<span\n  title="multi\nline">m</span>'
    ),
    "tag_in_attr": '<span title="{{t|x}}">v</span><ref name="{{a}}">r</ref>',
    "closing_tag_padding": "<ref>x</ref >< ref>y</ ref>",
    "empty": "",
    "only_text": "plain text, nothing else",
    "math_source": "<math>x^2</math><syntaxhighlight lang=python>print(1)</syntaxhighlight>",
    "gallery": "<gallery>\nFile:A.jpg|a\nFile:B.jpg|[[b]]\n</gallery>",
    "deep_nesting": "{{a|" * 30 + "x" + "}}" * 30,
    "mixed": (
        "'''UK'''<ref name=\"bbc\">{{cite news|url=http://bbc.co.uk|title=''T''}}</ref> is "
        "[[Europe|a place]].<ref name=bbc /> {{citation needed|date=May 2020}}\n"
        "== See also ==\n* [[Wales]]\n"
    ),
}


@pytest.mark.parametrize("skip_style_tags", [False, True], ids=["style", "skip_style"])
@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_cases(text: str, skip_style_tags: bool) -> None:
    code = mwparserfromhell.parse(text, skip_style_tags=skip_style_tags)
    assert str(code) == text
    check_invariant(text, code)


@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_cases_with_start_offset(text: str) -> None:
    """A snippet located inside a larger document: spans shift by `start`."""
    code = mwparserfromhell.parse(text)
    prefix = "x" * 17
    check_invariant(prefix + text, code, start=len(prefix))
    base = span_index(code)
    shifted = span_index(code, 17)
    assert shifted == {k: (s + 17, e + 17) for k, (s, e) in base.items()}


def _span(spans: dict, obj: object) -> tuple[int, int]:
    return spans[id(obj)]


def test_ref_attribute_value_spans() -> None:
    text = "<ref  name = \"a b\" group=g x='q'>body</ref>"
    code = mwparserfromhell.parse(text)
    tag = code.nodes[0]
    assert isinstance(tag, Tag)
    spans = span_index(code)
    values = [_span(spans, a.value) for a in tag.attributes]
    assert [text[s:e] for s, e in values] == ["a b", "g", "q"]
    assert values[0] == (text.index("a b"), text.index("a b") + 3)
    names = [_span(spans, a.name) for a in tag.attributes]
    assert [text[s:e] for s, e in names] == ["name", "group", "x"]
    assert tag_contents_span(tag, 0) == (text.index("body"), text.index("body") + 4)
    labels = [label for label, _, _ in children(tag, 0)]
    assert labels == [
        "tag",
        "attr_name",
        "attr_value",
        "attr_name",
        "attr_value",
        "attr_name",
        "attr_value",
        "contents",
        "closing_tag",
    ]


def test_self_closing_ref() -> None:
    text = "a<ref name=x />b"
    code = mwparserfromhell.parse(text)
    (tag,) = code.filter_tags()
    nodes = list(iter_nodes(code))
    assert [(s, e) for _, s, e in nodes] == [(0, 1), (1, 15), (15, 16)]
    assert tag_contents_span(tag, 1) is None
    assert [label for label, _, _ in children(tag, 1)] == ["tag", "attr_name", "attr_value"]
    assert span_index(code)[id(tag.get("name").value)] == (11, 12)


def test_repeated_content_resolved_structurally() -> None:
    """Identical params/cells must get distinct spans (no naive str.find)."""
    text = "{{x|a|a|a}}"
    code = mwparserfromhell.parse(text)
    (tpl,) = code.filter_templates()
    spans = [value for _, _, value in template_param_spans(tpl, 0)]
    assert spans == [(4, 5), (6, 7), (8, 9)]

    text = "{|\n| a || a || a\n|}"
    code = mwparserfromhell.parse(text)
    cells = [t for t in code.filter_tags() if t.wiki_markup in ("|", "||")]
    index = span_index(code)
    starts = [index[id(c.contents)][0] for c in cells]
    assert len(set(starts)) == 3
    assert all(text[index[id(c.contents)][0] :].lstrip().startswith("a") for c in cells)


def test_template_labels_and_param_spans() -> None:
    text = "{{cite| a |key = v|{{inner}}}}"
    code = mwparserfromhell.parse(text)
    tpl = code.nodes[0]
    assert isinstance(tpl, Template)
    got = [(label, text[s : s + len(str(wc))]) for label, wc, s in children(tpl, 0)]
    assert got == [
        ("name", "cite"),
        ("param_value", " a "),
        ("param_name", "key "),
        ("param_value", " v"),
        ("param_value", "{{inner}}"),
    ]
    params = template_param_spans(tpl, 0)
    assert params[0][1] is None
    assert params[1][1] == (11, 15)
    assert params[1][2] == (16, 18)


def test_link_labels() -> None:
    code = mwparserfromhell.parse("[[T|x]][http://a.b c] http://d.e {{{n|d}}}")
    got = [[label for label, _, _ in children(node, s)] for node, s, _ in iter_nodes(code)]
    assert got == [["title", "text"], ["url", "title"], [], ["url"], [], ["name", "default"]]
    code = mwparserfromhell.parse("== h ==\n")
    assert [label for label, _, _ in children(code.nodes[0], 0)] == ["title"]


def test_leaf_nodes_have_no_children() -> None:
    code = mwparserfromhell.parse("t<!--c-->&amp;")
    assert [type(n) for n, _, _ in iter_nodes(code)] == [Text, Comment, HTMLEntity]
    assert all(list(children(n, s)) == [] for n, s, _ in iter_nodes(code))


def test_wiki_markup_tag_name_not_spanned() -> None:
    """Wiki-markup tags print no tag name / closing tag: those aren't children."""
    text = "{|\n|-\n| c\n|}"
    code = mwparserfromhell.parse(text)
    check_invariant(text, code)
    for tag in code.filter_tags():
        assert tag.wiki_markup
        labels = {label for label, _, _ in children(tag, 0)}
        assert "tag" not in labels
        assert "closing_tag" not in labels


# --- programmatically built / edited trees: spans are relative to str(code) ----------------


def _built_cases() -> dict[str, Wikicode]:
    p = mwparserfromhell.utils.parse_anything
    implicit = Tag("br", self_closing=True, implicit=True, padding=" ")
    invalid = Tag("br", self_closing=True, invalid=True)
    invalid_open = Tag("b", "x", invalid=True, closing_tag="b")
    valueless = Tag(
        "input", attrs=[Attribute("disabled", None, pad_before_eq="  ")], self_closing=True
    )
    quoted = Tag(
        "ref",
        "x",
        attrs=[Attribute("name", "a b", "'", pad_first="  ", pad_before_eq=" ", pad_after_eq=" ")],
    )
    wiki = Tag("b", "bold", wiki_markup="'''")
    wiki_sep = Tag(
        "td",
        "cell",
        attrs=[Attribute("style", "x")],
        wiki_markup="|",
        wiki_style_separator="|",
        padding=" ",
        closing_wiki_markup="",
    )
    hr = Tag("hr", wiki_markup="----", self_closing=True)
    closing = Tag("ref", "y", closing_tag="ref ")
    link_nospace = ExternalLink("http://a.b", "<b>t</b>", brackets=True, suppress_space=True)
    tpl = Template("cite", [Parameter("1", "pos", showkey=False), Parameter(" k ", " v ")])
    return {
        "tags": p(
            [implicit, "|", invalid, invalid_open, valueless, quoted, wiki, wiki_sep, hr, closing]
        ),
        "links": p([link_nospace, " ", ExternalLink("//x.y"), Wikilink("a", "b"), Wikilink("c")]),
        "misc": p([tpl, Argument("x"), Argument("y", ""), Heading(" h ", 3), Comment("c")]),
    }


@pytest.mark.parametrize("name", ["tags", "links", "misc"])
def test_built_trees(name: str) -> None:
    code = _built_cases()[name]
    check_invariant(str(code), code)


def test_bare_external_link_title_not_printed() -> None:
    """A bare link's title isn't in str(link), so it gets no span and isn't a child."""
    link = ExternalLink("http://a.b", "ignored", brackets=False)
    code = mwparserfromhell.utils.parse_anything(["x ", link])
    assert [label for label, _, _ in children(link, 2)] == ["url"]
    spans = span_index(code)
    assert spans[id(link)] == (2, 12)
    assert spans[id(link.url)] == (2, 12)
    assert id(link.title) not in spans


def test_shared_tag_name_wikicode() -> None:
    """Renaming a tag makes tag and closing_tag one object: indexed at its first occurrence."""
    text = "<ref>x</ref>"
    code = mwparserfromhell.parse(text)
    tag = code.nodes[0]
    tag.tag = "span"
    assert tag.tag is tag.closing_tag
    text = str(code)
    assert text == "<span>x</span>"
    check_invariant(text, code)
    spans = span_index(code)
    assert spans[id(tag.tag)] == (1, 5)
    assert spans[id(tag)] == (0, len(text))
    assert [(label, s) for label, _, s in children(tag, 0)] == [
        ("tag", 1),
        ("contents", 6),
        ("closing_tag", 9),
    ]


def test_edited_tree() -> None:
    code = mwparserfromhell.parse("{{cite web|url=x}} text <ref name=a>r</ref>")
    tpl = code.filter_templates()[0]
    tpl.add("title", "{{lang|fr|T}}")
    tpl.add("2", "positional", showkey=False)
    code.filter_tags()[0].add("group", "n b", quotes="'", pad_before_eq=" ")
    check_invariant(str(code), code)


class _Custom(Node):
    def __str__(self) -> str:
        return "<<custom>>"


class _MyTemplate(Template):
    pass


def test_unknown_and_subclassed_nodes() -> None:
    """Unknown node types are opaque; subclasses of known types keep their layout."""
    mine = _MyTemplate("t", [Parameter("a", "b")])
    code = mwparserfromhell.utils.parse_anything(["x", _Custom(), mine])
    text = str(code)
    spans = span_index(code)
    assert [(s, e) for _, s, e in iter_nodes(code)] == [(0, 1), (1, 11), (11, 20)]
    assert list(children(code.nodes[1], 1)) == []
    assert text[slice(*spans[id(mine.params[0].value)])] == "b"
    assert [label for label, _, _ in children(mine, 11)] == ["name", "param_name", "param_value"]
