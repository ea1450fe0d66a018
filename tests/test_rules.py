"""Every rule's cases, as data: tests/cases/rules/<rule-name>.json holds `flag` and `pass` lists.

A flag case must produce findings of that rule (exactly `count` when given; the first finding's
span must cover `span_text`, its message contain `message` and its severity be `severity` when
given); a pass case none. A case for a rule that reads online look-ups gives them as data:
`"links": {URL: {"state": …, "status": …}}` runs the check online with those link statuses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck import Config, check
from citecheck.lookups import LinkStatus, Lookups
from citecheck.rules import RULES, InternalError

CASES = Path(__file__).parent / "cases" / "rules"


def _load() -> list:
    params = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for verdict in ("flag", "pass"):
            for i, case in enumerate(data.get(verdict, [])):
                params.append(pytest.param(path.stem, verdict, case, id=f"{path.stem}-{verdict}-{i}"))
    return params


def _run(rule: str, case: dict):
    config = Config(select=(rule,), **case.get("config", {}))
    online = None
    if "links" in case:
        lookups = Lookups(online=True, links={
            url: LinkStatus(url, **status) for url, status in case["links"].items()
        })
        online = lambda _article, _config, _needs: lookups
    report = check(case["text"], format=case.get("format", "wikitext"), config=config,
                   online=online)
    assert all(f.rule != "internal-error" for f in report.findings), report.findings
    return report, [f for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(("rule", "verdict", "case"), _load())
def test_rule_case(rule: str, verdict: str, case: dict) -> None:
    report, found = _run(rule, case)
    if verdict == "pass":
        assert found == [], f"{case.get('why', '')}: unexpected {[f.message for f in found]}"
        return
    if "count" in case:
        assert len(found) == case["count"], [f.message for f in found]
    else:
        assert found
    if found and "span_text" in case:
        first = found[0]
        assert case["text"][first.span.start : first.span.end] == case["span_text"]
    if found and "message" in case:
        assert case["message"] in found[0].message
    if found and "severity" in case:
        assert found[0].severity.value == case["severity"]


def test_every_rule_has_flag_and_pass_cases() -> None:
    for rule in RULES:
        if rule is InternalError:
            continue
        path = CASES / f"{rule.name}.json"
        assert path.exists(), f"no cases for {rule.name}"
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("flag") and data.get("pass"), rule.name


def test_crashing_rule_becomes_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.rules.duplicate_citation import DuplicateCitation

    def boom(self, ctx):  # type: ignore[no-untyped-def]
        raise KeyError("url")

    monkeypatch.setattr(DuplicateCitation, "check", boom)
    report = check("A is so.<ref>x</ref> B is so.<ref>y</ref>\n{{reflist}}")
    errors = [f for f in report.findings if f.rule == "internal-error"]
    assert len(errors) == 1
    assert "duplicate-citation" in errors[0].message and "KeyError" in errors[0].message
    # the other rules still ran
    assert report.claims and all(c.refs for c in report.claims)


def test_mentions_are_extracted_only_for_rules_that_need_them() -> None:
    text = "Born on 11 March 1952 in [[Cambridge]], he wrote books.<ref>A.</ref>\n{{reflist}}"
    core = check(text, config=Config(select=("C", "R")))
    assert core.article.temporals == () and core.article.names == ()
    dated = check(text, config=Config(select=("invalid-date",)))
    assert dated.article.temporals and dated.article.names == ()
    named = check(text, config=Config(select=("name-variant",)))
    assert named.article.names and named.article.temporals == ()
    # the core findings do not depend on what was extracted
    everything = check(text)
    assert [f for f in everything.findings if f.code[0] in "CR"] == list(core.findings)


def test_a_rule_crashing_on_one_item_keeps_its_findings_so_far(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A visit method that raises on the second reference: the finding of the first stays, the
    rule is stopped for the rest (one internal-error finding), the other rules run as usual."""
    from citecheck.rules.empty_ref import EmptyRef

    seen: list[object] = []
    real = EmptyRef.visit_ref_tag

    def flaky(self: EmptyRef, tag: object, ctx: object):  # type: ignore[no-untyped-def]
        seen.append(tag)
        if len(seen) == 2:
            raise RuntimeError("boom")
        return real(self, tag, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(EmptyRef, "visit_ref_tag", flaky)
    text = ("One.<ref></ref> Two.<ref>b</ref> Three.<ref></ref> The fourth sentence has no "
            "reference at all.\n\n"
            "== References ==\n{{reflist}}\n")
    report = check(text, config=Config(select=("R", "C", "E")))
    rules = [f.rule for f in report.findings]
    assert rules.count("empty-ref") == 1  # the first tag's; the third is never visited
    assert len(seen) == 2
    crash = [f for f in report.findings if f.rule == "internal-error"]
    assert len(crash) == 1 and "empty-ref" in crash[0].message and "boom" in crash[0].message
    assert "uncited-claim" in rules  # the fourth sentence is still checked by its own rule
