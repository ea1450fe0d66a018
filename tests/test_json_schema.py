"""The JSON output and its schema, ``formats/report-1.schema.json``, agree, and stay strict."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import citecheck
from citecheck.formats import format_json, json_schema
from citecheck.report import SCHEMA, Report
from citecheck.rules import BY_NAME, RULES, UncitedClaim
from citecheck.spans import LineIndex

ROOT = Path(__file__).parents[1]
SEED = ROOT / "fixtures" / "seed" / "seed.txt"
ARTICLES = ROOT / "fixtures" / "articles" / "en"

EVERY_KIND_WIKITEXT = """\
The bridge opened in 1932.<ref name="a">Smith 2001, p. 4.</ref> It was painted red in 1990.

== History<ref>Heading source.</ref> ==
The tower was built in 1901.<ref name="a">Smith 2001, p. 9.</ref> It fell in 1950.<ref name="gone"/>
The mayor resigned in 1960.{{citation needed|date=May 2020}} The river is long.{{dubious}}
The mill produced steel.<ref>Jones 1999.</ref>{{page needed|date=May 2020}}
Empty refs happen.<ref></ref> Notes too.<ref group="note">A note with no list.</ref>
Same source.<ref>{{cite web |url=https://example.org/x |title=X}}</ref> Again.\
<ref>{{cite web |url=https://example.org/x |title=X}}</ref>
It was signed on 31 September 1993.<ref>{{cite web |url=https://example.org/s |title=S \
|date=2019 |access-date=1 May 2018}}</ref> It reopened in 2024.<ref>{{cite news |title=N |date=2019}}</ref>
The treaty was signed by [[Boris Yeltsin|Boris Jelcin]] in Moscow.<ref>T.</ref>
The bridge was founded in 1929.<ref>Lee 2000.</ref> The bridge was founded in 1930.<ref>Lee 2001.</ref>
The works on the bridge had to be completed by 1 May 1931.<ref>Lee 2002.</ref> The last works on \
the bridge were completed on 5 June 1931.<ref>Lee 2003.</ref> It was closed (1935–1932).<ref>Lee 2004.</ref>

== References ==
<references>
<ref name="unused">Never used.</ref>
<ref name="b" group="other">Wrong group.</ref>
</references>
"""
EVERY_KIND_RENDERED = (
    "A claim is here.[1] Another claim is there.[3]\n\nReferences\n\n1. ^ Source one.\n"
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema())


def output_of(*reports: Report) -> dict[str, Any]:
    return json.loads(format_json(list(reports)))


def assert_valid(validator: jsonschema.Draft202012Validator, data: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def spans_of(document: dict[str, Any]) -> list[dict[str, int]]:
    spans = [c["span"] for c in document["claims"]]
    for ref in document["references"]:
        spans.extend([ref["span"]] if ref["span"] else [])
        spans.extend(ref["uses"])
    for finding in document["findings"]:
        spans.append(finding["span"])
        spans.extend(r["span"] for r in finding["related"])
    return spans


def assert_spans_agree_with_text(document: dict[str, Any], text: str) -> None:
    """What JSON Schema cannot say: end >= start, and line/column are derived from start."""
    lines = LineIndex(text)
    for span in spans_of(document):
        assert span["start"] <= span["end"] <= len(text)
        pos = lines.position(span["start"])
        assert (span["line"], span["column"]) == (pos.line, pos.column)


# --- the schema itself ---------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"] == {"const": SCHEMA}


def test_schema_ships_as_package_data() -> None:
    from importlib import resources

    assert resources.files("citecheck.formats").joinpath("report-1.schema.json").is_file()


# --- real outputs validate -----------------------------------------------------------------------


def test_seed_output_validates(validator: jsonschema.Draft202012Validator) -> None:
    text = SEED.read_text(encoding="utf-8")
    data = output_of(citecheck.check(text, path="seed.txt"))
    assert_valid(validator, data)
    assert data["documents"][0]["source"]["input_format"] == "text"
    assert_spans_agree_with_text(data["documents"][0], text)


@pytest.mark.parametrize(
    "name", ["pywikibot__Pear.wiki", "wptools__Douglas_Adams.wiki", "wtf__Bodmin.wiki"]
)
def test_article_output_validates(validator: jsonschema.Draft202012Validator, name: str) -> None:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    data = output_of(citecheck.check(text, path=name))
    assert_valid(validator, data)
    assert_spans_agree_with_text(data["documents"][0], text)


def test_every_finding_kind_validates(validator: jsonschema.Draft202012Validator) -> None:
    from citecheck.lookups import LinkStatus, Lookups

    dead = "https://example.org/s"  # online look-ups made by hand, for dead-link
    lookups = Lookups(online=True, links={dead: LinkStatus(dead, "dead", 404, None, "HTTP 404")})
    wikitext = citecheck.check(EVERY_KIND_WIKITEXT, format="wikitext", title="Bridge",
                               path="every.wiki", revision=123,
                               online=lambda _article, _config, _needs: lookups)
    rendered = citecheck.check(EVERY_KIND_RENDERED, format="text")
    data = output_of(wikitext, rendered)
    assert_valid(validator, data)
    assert_spans_agree_with_text(data["documents"][0], EVERY_KIND_WIKITEXT)
    assert_spans_agree_with_text(data["documents"][1], EVERY_KIND_RENDERED)
    produced = {f["rule"] for doc in data["documents"] for f in doc["findings"]}
    assert produced == {rule.name for rule in RULES} - {"internal-error"}
    severities = {f["severity"] for doc in data["documents"] for f in doc["findings"]}
    assert severities == {"error", "warning", "info"}
    assert any(f["related"] for f in data["documents"][0]["findings"])
    assert data["documents"][0]["source"] == {
        "path": "every.wiki", "title": "Bridge", "revision": 123, "input_format": "wikitext",
    }


def test_internal_error_finding_validates(validator: jsonschema.Draft202012Validator,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: object, ctx: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(UncitedClaim, "check", crash)
    data = output_of(citecheck.check("A sentence that nothing cites at all.\n"))
    assert_valid(validator, data)
    assert [f["rule"] for f in data["documents"][0]["findings"]] == ["internal-error"]


def test_empty_document_and_empty_envelope_validate(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = output_of(citecheck.check(""))
    assert_valid(validator, data)
    assert data["documents"][0]["stats"]["cited_share"] is None
    assert_valid(validator, json.loads(format_json([])))


def test_findings_name_registered_rules() -> None:
    data = output_of(citecheck.check(EVERY_KIND_WIKITEXT, format="wikitext"))
    for finding in data["documents"][0]["findings"]:
        assert BY_NAME[finding["rule"]].code == finding["code"]


def test_json_format_is_indented_utf8_text() -> None:
    output = format_json(citecheck.check("Le pont a ouvert en 1932 à Paris.\n"))
    assert output.endswith("}\n")
    assert output.startswith('{\n  "schema": "citecheck.report/1",')
    assert "à Paris" in output


# --- the schema catches drift --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return output_of(citecheck.check(EVERY_KIND_WIKITEXT, format="wikitext", path="x.wiki"))


def _mutations() -> list[tuple[str, Any]]:
    def extra_top(d: dict[str, Any]) -> None:
        d["extra"] = 1

    def wrong_schema(d: dict[str, Any]) -> None:
        d["schema"] = "citecheck.report/2"

    def extra_span_key(d: dict[str, Any]) -> None:
        d["documents"][0]["findings"][0]["span"]["length"] = 3

    def column_zero(d: dict[str, Any]) -> None:
        d["documents"][0]["findings"][0]["span"]["column"] = 0

    def negative_start(d: dict[str, Any]) -> None:
        d["documents"][0]["claims"][0]["span"]["start"] = -1

    def string_line(d: dict[str, Any]) -> None:
        d["documents"][0]["claims"][0]["span"]["line"] = "1"

    def bad_severity(d: dict[str, Any]) -> None:
        d["documents"][0]["findings"][0]["severity"] = "fatal"

    def missing_fingerprint(d: dict[str, Any]) -> None:
        del d["documents"][0]["findings"][0]["fingerprint"]

    def extra_finding_key(d: dict[str, Any]) -> None:
        d["documents"][0]["findings"][0]["column"] = 1

    def missing_stats(d: dict[str, Any]) -> None:
        del d["documents"][0]["stats"]

    def bad_code(d: dict[str, Any]) -> None:
        d["documents"][0]["findings"][0]["code"] = "c101"

    def bad_input_format(d: dict[str, Any]) -> None:
        d["documents"][0]["source"]["input_format"] = "html"

    return [(f.__name__, f) for f in (
        extra_top, wrong_schema, extra_span_key, column_zero, negative_start, string_line,
        bad_severity, missing_fingerprint, extra_finding_key, missing_stats, bad_code,
        bad_input_format,
    )]


@pytest.mark.parametrize(("name", "mutate"), _mutations(), ids=[n for n, _ in _mutations()])
def test_schema_rejects_drift(validator: jsonschema.Draft202012Validator,
                              sample: dict[str, Any], name: str, mutate: Any) -> None:
    assert validator.is_valid(sample)
    broken = copy.deepcopy(sample)
    mutate(broken)
    assert not validator.is_valid(broken), name


def test_finding_data_stays_open(validator: jsonschema.Draft202012Validator,
                                 sample: dict[str, Any]) -> None:
    """``data`` is the one free-form object: rules may add details without a schema change."""
    extended = copy.deepcopy(sample)
    extended["documents"][0]["findings"][0]["data"]["new_detail"] = [1, "two"]
    assert validator.is_valid(extended)
