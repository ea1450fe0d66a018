"""The history audit: introduced, resolved, open findings and who introduced them; reuse of
reverted texts; the citecheck.audit/1 contract; the ``citecheck audit`` command."""

from __future__ import annotations

import bz2
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from history_xml import Rev, export

from citecheck.checker import Checker
from citecheck.cli import build_parser, main
from citecheck.formats import json_schema
from citecheck.history import (
    Auditor,
    AuditResult,
    NotInHistory,
    Revision,
    RevisionRange,
    audit,
    audit_schema,
    format_audit_json,
    format_audit_text,
    read_dump,
)
from citecheck.history.dump import parse_time
from citecheck.report import Report

ROOT = Path(__file__).resolve().parents[1]
LAST60 = ROOT / "fixtures" / "revisions" / "wikiwho_anarchism" / \
    "enwiki_Anarchism_history_last60.xml.bz2"
PEAR = ROOT / "fixtures" / "revisions" / "pywikibot" / "article-pear.xml"

BASE = (
    "The bridge opened in 1932.<ref>Smith 2001, p. 4.</ref> It is made of steel."
    "<ref>Jones 1999.</ref>\n\n== History ==\nThe tower was built in 1901.<ref>Brown 1990.</ref>"
    "\n{extra}\n== References ==\n{{{{reflist}}}}\n"
)
UNCITED = "\nThe river below it is long and wide.\n"
TAGGED = "\nIt was painted red in 1950.{{citation needed|date=May 2020}}\n"


def text(*extras: str) -> str:
    return BASE.format(extra="".join(extras))


def history(*texts: str | None, users: str = "ABCDEFGHIJ") -> list[Revision]:
    return [
        Revision(revid=100 + i, parentid=100 + i - 1 if i else None, pageid=1, title="Bridge",
                 timestamp=f"2009-05-{i + 1:02d}T10:00:00Z", user=users[i], comment=f"edit {i}",
                 text=t, hidden=("text",) if t is None else ())
        for i, t in enumerate(texts)
    ]


class SpyChecker(Checker):
    """A Checker that counts the texts it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def check(self, text: str, **kwargs: Any) -> Report:  # type: ignore[override]
        self.texts.append(text)
        return super().check(text, **kwargs)


def rules(findings: Sequence[Any]) -> list[str]:
    return [f.finding.rule for f in findings]


# --- the engine ------------------------------------------------------------------------------

def test_introduced_resolved_and_open_on_a_four_revision_history() -> None:
    """B adds an uncited claim, C a {{citation needed}}, D removes C's sentence again."""
    result = audit(history(text(), text(UNCITED), text(UNCITED, TAGGED), text(UNCITED)))
    first, second, third, fourth = result.revisions
    assert (first.status, first.compared_to, first.introduced, first.resolved) == (
        "checked", None, (), ())
    assert rules(second.introduced) == ["uncited-claim"] and second.resolved == ()
    assert second.compared_to == 100
    assert "The river below it is long and wide." in second.introduced[0].finding.message
    assert rules(third.introduced) == ["citation-needed"] and third.resolved == ()
    assert fourth.introduced == () and rules(fourth.resolved) == ["citation-needed"]
    assert fourth.by_rule() == {"citation-needed": (0, 1)}
    assert (fourth.status, fourth.reused_from) == ("reused", 101)  # same text as B's

    (opened,) = result.open
    assert opened.finding.finding.rule == "uncited-claim"
    since = opened.introduced_in
    assert (since.revid, since.user, since.timestamp, since.exact) == (
        101, "B", "2009-05-02T10:00:00Z", True)
    assert result.newest == 103
    assert [r.stats["claims"] for r in result.revisions] == [3, 4, 5, 4]  # type: ignore[index]


def test_spans_of_introduced_and_resolved_index_their_own_revision() -> None:
    texts = [text(UNCITED, TAGGED), text(TAGGED, UNCITED)]  # the two sentences swap
    result = audit(history(text(), *texts, text()))
    for entry, source in ((result.revisions[1], texts[0]), (result.revisions[3], texts[1])):
        for f in (*entry.introduced, *entry.resolved):
            span = f.wire["span"]
            assert source[span["start"]:span["end"]] == f.finding.span.slice(source)
    assert result.revisions[2].introduced == result.revisions[2].resolved == ()  # moved only


def test_a_revert_reuses_the_earlier_result_without_checking_again() -> None:
    spy = SpyChecker()
    vandalised = text(UNCITED, "\nSomething silly was added here.\n")
    texts = [text(), text(UNCITED), vandalised, text(UNCITED), vandalised, text(UNCITED)]
    result = audit(history(*texts), spy)
    assert len(spy.texts) == 3 and set(spy.texts) == set(texts)
    assert [r.status for r in result.revisions] == ["checked"] * 3 + ["reused"] * 3
    assert [r.reused_from for r in result.revisions[3:]] == [101, 102, 101]
    assert [r.compared_to for r in result.revisions] == [None, 100, 101, 102, 103, 104]
    assert [len(r.introduced) - len(r.resolved) for r in result.revisions] == [0, 1, 1, -1, 1, -1]


def test_the_reuse_cache_is_bounded() -> None:
    spy = SpyChecker()
    auditor = Auditor(spy, reuse=1)
    for revision in history(text(), text(UNCITED), text()):
        auditor.feed(revision)
    assert len(spy.texts) == 3  # the first text had left the one-entry cache
    assert auditor.checks == 3


def test_identical_findings_are_counted_as_a_multiset() -> None:
    twice = text(UNCITED, "\n== More ==\n", UNCITED)
    result = audit(history(text(UNCITED), twice, text(UNCITED)))
    assert rules(result.revisions[1].introduced) == ["uncited-claim"]
    assert result.revisions[1].introduced[0].wire["span"]["line"] > 8  # the later one
    assert rules(result.revisions[2].resolved) == ["uncited-claim"]
    (opened,) = result.open
    assert opened.introduced_in.revid == 100  # the older instance keeps its attribution
    assert opened.introduced_in.exact is False  # in the first revision checked: maybe older


def test_a_finding_that_comes_back_is_attributed_to_its_return() -> None:
    result = audit(history(text(), text(UNCITED), text(), text(UNCITED)))
    (opened,) = result.open
    assert (opened.introduced_in.revid, opened.introduced_in.user) == (103, "D")


def test_hidden_text_is_skipped_not_a_crash() -> None:
    revisions = history(text(), text(UNCITED), None, text(UNCITED, TAGGED))
    result = audit(revisions)
    skipped = result.revisions[2]
    assert (skipped.status, skipped.reason, skipped.stats) == ("skipped", "text hidden", None)
    assert result.revisions[3].compared_to == 101
    assert rules(result.revisions[3].introduced) == ["citation-needed"]
    no_text = attrs.evolve(revisions[2], hidden=())
    other = attrs.evolve(revisions[2], text="{}", content_model="json")
    entries = audit([no_text, other]).revisions
    assert [e.reason for e in entries] == ["no text in the input",
                                          "content model json, not wikitext"]


def test_a_crashing_check_skips_the_revision_and_goes_on() -> None:
    class Fragile(Checker):
        def check(self, text: str, **kwargs: Any) -> Report:  # type: ignore[override]
            if "river" in text:
                raise RuntimeError("boom\nsecond line")
            return super().check(text, **kwargs)

    result = audit(history(text(), text(UNCITED), text(TAGGED)), Fragile())
    assert [r.status for r in result.revisions] == ["checked", "skipped", "checked"]
    assert result.revisions[1].reason == "internal error: RuntimeError: boom second line"
    assert result.revisions[2].compared_to == 100


def test_newest_is_the_last_revision_with_a_result() -> None:
    result = audit(history(text(UNCITED), None))
    assert result.newest == 100 and len(result.open) == 1
    assert audit(history(None)).newest is None
    assert audit([]).newest is None and audit([]).open == ()


def test_baseline_is_compared_with_but_not_listed() -> None:
    revisions = history(text(UNCITED), text(UNCITED, TAGGED), text(UNCITED))
    result = audit(revisions[1:], baseline=revisions[0])
    assert [r.revid for r in result.revisions] == [101, 102]
    assert result.revisions[0].compared_to == 100
    assert rules(result.revisions[0].introduced) == ["citation-needed"]
    assert result.baseline is not None and result.baseline.revid == 100
    (opened,) = result.open
    assert (opened.introduced_in.revid, opened.introduced_in.exact) == (100, False)
    with pytest.raises(ValueError):
        auditor = Auditor(Checker())
        auditor.feed(revisions[0])
        auditor.set_baseline(revisions[1])


def test_api_revisions_audit_like_dump_revisions() -> None:
    from citecheck.wiki import Revision as ApiRevision

    dump = history(text(), text(UNCITED))
    api = [ApiRevision(revid=r.revid, parentid=r.parentid, pageid=1, title=r.title,
                       timestamp=r.timestamp, user=r.user, comment=r.comment, text=r.text,
                       content_model="wikitext") for r in dump]
    assert audit(api).to_dict() == audit(dump).to_dict()


# --- ranges ----------------------------------------------------------------------------------

def selected(revision_range: RevisionRange, count: int = 6) -> list[tuple[int, bool]]:
    revisions = history(*(text() for _ in range(count)))
    return [(r.revid, base) for r, base in revision_range.select(revisions)]


def test_ranges_select_a_baseline_and_the_range() -> None:
    assert selected(RevisionRange()) == [(100 + i, False) for i in range(6)]
    assert selected(RevisionRange(last=2)) == [(103, True), (104, False), (105, False)]
    assert selected(RevisionRange(last=10)) == [(100 + i, False) for i in range(6)]
    assert selected(RevisionRange(since=parse_time("2009-05-05"))) == [
        (103, True), (104, False), (105, False)]
    assert selected(RevisionRange(since=parse_time("2001-01-01")))[0] == (100, False)
    assert selected(RevisionRange(since=parse_time("2020-01-01"))) == []
    assert selected(RevisionRange(first=102, until=103)) == [(101, True), (102, False),
                                                            (103, False)]
    assert selected(RevisionRange(first=100)) == [(100 + i, False) for i in range(6)]
    assert selected(RevisionRange(until=101)) == [(100, False), (101, False)]


@pytest.mark.parametrize("revision_range, message", [
    (RevisionRange(first=999), "revision 999 (--from) is not in the history"),
    (RevisionRange(first=103, until=101), "revision 101 (--to) is not at or after --from"),
    (RevisionRange(until=999), "revision 999 (--to) is not in the history"),
])
def test_range_ids_must_be_in_the_history(revision_range: RevisionRange, message: str) -> None:
    with pytest.raises(NotInHistory, match=message.replace("(", r"\(").replace(")", r"\)")):
        selected(revision_range)


# --- the JSON contract -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = audit_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def assert_valid(validator: jsonschema.Draft202012Validator, data: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def sample_result() -> AuditResult:
    revisions = history(text(), text(UNCITED), None, text(UNCITED, TAGGED), text(UNCITED))
    return audit(revisions[1:], baseline=revisions[0], path="bridge.xml")


def test_json_validates_and_has_the_documented_shape(
        validator: jsonschema.Draft202012Validator) -> None:
    data = json.loads(format_audit_json(sample_result()))
    assert_valid(validator, data)
    assert data["schema"] == "citecheck.audit/1"
    assert data["source"] == {"path": "bridge.xml", "site": None, "title": "Bridge",
                              "page_id": 1}
    assert data["summary"] == {"revisions": 4, "checked": 2, "reused": 1, "skipped": 1,
                               "newest": 104, "open": 1, "open_by_rule": {"uncited-claim": 1}}
    assert data["baseline"] == {"revision": 100, "timestamp": "2009-05-01T10:00:00Z",
                                "user": "A", "exact": False}
    entry = data["revisions"][2]
    assert {k: entry[k] for k in ("revision", "parent", "user", "comment", "status")} == {
        "revision": 103, "parent": 102, "user": "D", "comment": "edit 3", "status": "checked"}
    assert [f["rule"] for f in entry["introduced"]] == ["citation-needed"]
    assert entry["stats"]["by_rule"] == {"citation-needed": 1, "uncited-claim": 1}
    (opened,) = data["open"]
    assert opened["introduced_in"] == {"revision": 101, "timestamp": "2009-05-02T10:00:00Z",
                                       "user": "B", "exact": True}
    assert opened["fingerprint"] == data["revisions"][0]["introduced"][0]["fingerprint"]


@pytest.mark.parametrize("result", [
    sample_result(),
    audit([]),
    audit(history(text(), None)),
    audit(history(None, None)),
], ids=["sample", "empty", "clean", "all-skipped"])
def test_streamed_json_is_json_dumps_of_to_dict(result: AuditResult) -> None:
    expected = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert format_audit_json(result) == expected


def test_an_auditor_that_does_not_keep_revisions_still_counts_them() -> None:
    revisions = history(text(), text(UNCITED), None, text(UNCITED))
    kept, streamed = Auditor(Checker()), Auditor(Checker(), keep=False)
    for revision in revisions:
        assert kept.feed(revision) == streamed.feed(revision)
    full, light = kept.result(), streamed.result()
    assert light.revisions == () and len(full.revisions) == 4
    assert light.open == full.open and light.head_dict() == full.head_dict()
    assert (light.total, light.count("reused"), light.count("skipped")) == (4, 1, 1)


def test_schema_rejects_what_it_should(validator: jsonschema.Draft202012Validator) -> None:
    data = json.loads(format_audit_json(sample_result()))
    broken = json.loads(json.dumps(data))
    broken["open"][0].pop("introduced_in")
    assert list(validator.iter_errors(broken))
    broken = json.loads(json.dumps(data))
    broken["revisions"][0]["introduced"][0]["introduced_in"] = data["baseline"]
    assert list(validator.iter_errors(broken))  # only open findings say who introduced them
    broken = json.loads(json.dumps(data))
    broken["revisions"][1]["stats"] = data["revisions"][0]["stats"]  # a skipped revision
    assert list(validator.iter_errors(broken))


def test_schema_shares_the_report_definitions() -> None:
    """Findings, spans and stats are shaped as in citecheck.report/1: the copies must agree."""
    audit_defs, report_defs = audit_schema()["$defs"], json_schema()["$defs"]
    for name in ("span", "severity", "count", "stats", "rule_name", "ref_id"):
        assert audit_defs[name] == report_defs[name], name
    fields = {k: v for k, v in audit_defs["finding_fields"].items() if k != "description"}
    assert fields == {k: v for k, v in report_defs["finding"].items()
                      if k != "additionalProperties"}


def test_real_history_json_validates(validator: jsonschema.Draft202012Validator,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(LAST60), "--revisions", "6", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert_valid(validator, data)
    assert data["source"] == {"path": str(LAST60), "site": None, "title": "Anarchism",
                              "page_id": 12}
    assert [r["revision"] for r in data["revisions"]][-1] == 341408830
    assert data["baseline"]["revision"] == 340733876  # the 7th revision from the end
    assert data["summary"]["open"] == len(data["open"]) > 20
    assert any(r["status"] == "reused" for r in data["revisions"])


# --- text ------------------------------------------------------------------------------------

def test_text_format() -> None:
    lines = format_audit_text(sample_result()).splitlines()
    assert lines[0] == ("(compared with rev 100 2009-05-01 A, the revision before the range)")
    assert lines[1] == "rev 101 2009-05-02 B: +1 −0 (uncited-claim +1) 4 claims 75% cited"
    assert lines[2] == "rev 102 2009-05-03 C: skipped (text hidden)"
    assert lines[3] == "rev 103 2009-05-04 D: +1 −0 (citation-needed +1) 5 claims 60% cited"
    assert lines[4] == ("rev 104 2009-05-05 E: +0 −1 (citation-needed −1) 4 claims 75% cited "
                        "[same text as rev 101]")
    assert lines[6] == ("1 finding open at rev 104 (2009-05-05), with the revision that "
                        "introduced each:")
    assert lines[7].startswith("  6:1 warning C101 uncited-claim — rev 101 2009-05-02 B: "
                               "uncited claim")
    assert lines[-1] == ("4 revisions (2 checked, 1 reused, 1 skipped); 1 finding open at "
                         "rev 104 (0 errors, 1 warning, 0 info)")


def test_text_of_a_first_revision_and_of_no_change() -> None:
    result = audit(history(text(UNCITED, TAGGED), text(UNCITED, TAGGED)))
    first, second = format_audit_text(result).splitlines()[:2]
    assert first == ("rev 100 2009-05-01 A: 2 findings (first revision checked: citation-needed "
                     "1, uncited-claim 1) 5 claims 60% cited")
    assert second == "rev 101 2009-05-02 B: ±0 5 claims 60% cited [same text as rev 100]"
    assert "or earlier: " in format_audit_text(result)


# --- the command -----------------------------------------------------------------------------

def write_export(tmp_path: Path, texts: Sequence[str], name: str = "bridge.xml",
                 pages: int = 1) -> Path:
    revs = [Rev(100 + i, t, timestamp=f"2009-05-{i + 1:02d}T10:00:00Z", user="ABCDEF"[i],
                parent=100 + i - 1 if i else None) for i, t in enumerate(texts)]
    listed = [("Bridge", 1, revs)] + [(f"Other {n}", 2 + n, [Rev(900 + n, text())])
                                      for n in range(pages - 1)]
    path = tmp_path / name
    path.write_text(export(listed, "0.10"), "utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_export(tmp_path, [text(), text(UNCITED), text(UNCITED, TAGGED), text(UNCITED)])
    status, out, err = run(["audit", str(path)], capsys)
    assert (status, err) == (1, "")
    assert out.splitlines()[1] == ("rev 101 2009-05-02 B: +1 −0 (uncited-claim +1) 4 claims "
                                   "75% cited")
    assert run(["audit", str(path), "--fail-on", "error"], capsys)[0] == 0
    assert run(["audit", str(path), "--ignore", "uncited-claim"], capsys)[0] == 0
    clean = write_export(tmp_path, [text(), text(TAGGED), text()], "clean.xml")
    assert run(["audit", str(clean)], capsys)[0] == 0


def test_cli_output_is_the_library_audit(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The command streams its output; it must equal the in-memory formatting."""
    path = write_export(tmp_path, [text(), text(UNCITED), text(UNCITED, TAGGED), text(UNCITED)])
    result = audit(read_dump(path), path=str(path))
    assert run(["audit", str(path), "--format", "json"], capsys)[1] == format_audit_json(result)
    assert run(["audit", str(path)], capsys)[1] == format_audit_text(result)


def test_cli_ranges_and_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_export(tmp_path, [text(), text(UNCITED), text(UNCITED, TAGGED), text(UNCITED)],
                        pages=3)
    for options, revisions in [
        (["--revisions", "2"], [102, 103]),
        (["--since", "2009-05-02"], [101, 102, 103]),
        (["--since", "2009-05-03T00:00:00Z"], [102, 103]),
        (["--from", "101", "--to", "102"], [101, 102]),
        (["--to", "101"], [100, 101]),
        (["--from", "103"], [103]),
    ]:
        status, out, _ = run(["audit", str(path), "--title", "bridge", "--format", "json",
                              *options], capsys)
        assert status == 1, options
        assert [r["revision"] for r in json.loads(out)["revisions"]] == revisions, options
    _, out, _ = run(["audit", str(path), "--title", "other_1", "--format", "json"], capsys)
    assert [r["revision"] for r in json.loads(out)["revisions"]] == [901]


@pytest.mark.parametrize("argv, message", [
    (["--revisions", "2", "--since", "2009-01-01"],
     "give one of --since, --revisions, --from/--to, not --since and --revisions"),
    (["--since", "yesterday"], "argument --since: a date is 2009-05-01 or an ISO time"),
    (["--revisions", "0"], "argument --revisions: expected a positive number, not '0'"),
    (["--title", "Bridge", "--from", "555"],
     "bridge.xml: revision 555 (--from) is not in the history"),
    (["--title", "Nope"], "bridge.xml: no page titled “Nope”; it holds “Bridge”, “Other 0”"),
    ([], "bridge.xml holds more than one page (“Bridge”, “Other 0”…); choose one with --title"),
    (["--title", "Bridge", "--since", "2030-01-01"],
     "bridge.xml: no revision in the range asked for"),
    (["--select", "nonsense"], "unknown rule 'nonsense' in --select"),
])
def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                          message: str) -> None:
    path = write_export(tmp_path, [text(), text(UNCITED)], pages=2)
    status, out, err = run(["audit", str(path), *argv], capsys)
    assert status == 2 and out == ""
    assert err.startswith("citecheck: error: ") and err.count("\n") == 1, err
    assert message in err.replace(str(path), "bridge.xml"), err


def test_cli_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("Not XML at all.\n")
    truncated = tmp_path / "cut.xml.bz2"
    truncated.write_bytes(LAST60.read_bytes()[:40_000])  # less than one bz2 block
    html = tmp_path / "page.xml"
    html.write_text("<html><body>A web page</body></html>")
    empty = tmp_path / "empty.xml"
    empty.write_text(export([]))
    for path, message in [
        (tmp_path / "missing.xml", "missing.xml: No such file or directory"),
        (text_file, "notes.txt: not well-formed XML at line 1, column 1: syntax error"),
        (html, "page.xml: not a MediaWiki export (the root element is <html>, not <mediawiki>)"),
        (empty, "empty.xml: the export holds no revisions"),
        (truncated, ("cut.xml.bz2: the bz2 data is truncated (it ends before its "
                     "end-of-stream marker)")),
    ]:
        status, out, err = run(["audit", str(path)], capsys)
        assert (status, out) == (2, "")
        assert err == f"citecheck: error: {tmp_path}/{message}\n"
        assert "Traceback" not in err


def test_cli_bug_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_export(tmp_path, [text()])

    def broken(*_args: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Auditor, "feed", broken)
    status, out, err = run(["audit", str(path)], capsys)
    assert (status, out) == (2, "")
    assert err == (f"citecheck: error: {path}: internal error: RuntimeError: boom (a bug in "
                   "citecheck; set CITECHECK_DEBUG=1 for the traceback)\n")


def test_cli_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bridge.xml.bz2"
    path.write_bytes(bz2.compress(write_export(tmp_path, [text(), text(UNCITED)]).read_bytes()))
    _, out, err = run(["audit", str(path), "--progress", "always"], capsys)
    assert err.startswith("\raudit [") and "read" in err and err.endswith("\r")
    assert "\r" not in out
    _, _, err = run(["audit", str(path)], capsys)  # not a terminal: no progress
    assert err == ""


def test_cli_real_pear_history(capsys: pytest.CaptureFixture[str]) -> None:
    if not PEAR.exists():
        pytest.skip(f"{PEAR} not copied into fixtures")
    status, out, err = run(["audit", str(PEAR), "--format", "json"], capsys)
    data = json.loads(out)
    assert status in (0, 1) and err == ""
    assert [r["revision"] for r in data["revisions"]] == [r.revid for r in read_dump(PEAR)]
    assert len(data["revisions"]) == 4 and data["revisions"][0]["user"] == "Conversion script"
    assert data["source"]["title"] == "Pear" and data["source"]["page_id"] == 24278


def test_audit_shares_the_check_options() -> None:
    """The options audit repeats from check must read the same: same choices and defaults."""
    from citecheck.history.cli import CONFIG_OPTIONS

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    check, audit_cmd = commands.choices["check"], commands.choices["audit"]  # type: ignore[attr-defined]

    def option(sub: Any, name: str) -> tuple[Any, ...]:
        action = next(a for a in sub._actions if name in a.option_strings)
        return (action.dest, action.choices, action.default, action.help, action.metavar)

    for name in CONFIG_OPTIONS:
        assert option(audit_cmd, name) == option(check, name), name
