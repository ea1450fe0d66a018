"""``citecheck diff`` and ``citecheck.editcheck.diff``: only what an edit adds is reported.

The edits are made to real articles of fixtures/articles: the places edited (an uncited claim,
a single-use reference, a named reference) are found in the article's own report, never named
here. The wiki cases run against the tests' real local MediaWiki (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from conftest import LocalWiki

import citecheck
from citecheck.cli import main
from citecheck.config import Config
from citecheck.editcheck import EDIT_CHECK_SCOPE, EditCheck, diff
from citecheck.errors import UsageError
from citecheck.formats import json_schema
from citecheck.model import Claim, Reference
from citecheck.report import Report, Source
from citecheck.rules import RULES

ROOT = Path(__file__).parents[1]
ARTICLES = ROOT / "fixtures" / "articles" / "en"
ARTICLE = ARTICLES / "wptools__Douglas_Adams.wiki"
SENTENCE = Config(policy="sentence")
NEW_SENTENCE = "The committee later kept a large collection of maps in its archive."
"""Invented prose, added by the edits below."""
FIRST_HEADING = re.compile(r"^==[^=]", re.MULTILINE)


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(text: str) -> Report:
    return citecheck.check(text, format="wikitext", config=SENTENCE)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema())


def before_first_heading(text: str, insert: str) -> str:
    """``text`` with ``insert`` as a paragraph of its own at the end of the lead."""
    at = FIRST_HEADING.search(text)
    assert at is not None
    return f"{text[:at.start()]}{insert}\n\n{text[at.start():]}"


def uncited_plain_claims(report: Report) -> list[Claim]:
    """Uncited prose claims whose source is exactly their text (no markup inside), after the
    lead: safe to reword or copy by string operations."""
    return [c for c in report.claims
            if not c.refs and c.kind == "prose" and not c.in_lead
            and c.span.slice(report.text) == c.text and len(c.text.split()) > 5]


def codes(findings: tuple[citecheck.Finding, ...]) -> list[str]:
    return [f.rule for f in findings]


# --- the library ---------------------------------------------------------------------------------


def test_an_unchanged_text_adds_nothing(text: str, report: Report) -> None:
    result = diff(text, text, config=SENTENCE)
    assert result.added == () and result.resolved == ()
    assert result.unchanged == len(result.new.findings) > 0
    assert result.report.findings == () and result.worst() is None
    assert result.rules == tuple(r.code for r in RULES if r.code.startswith(EDIT_CHECK_SCOPE))
    assert [f.fingerprint for f in result.new.findings] == [
        f.fingerprint for f in report.findings if f.code.startswith(("C1", "R2"))]


def test_a_new_uncited_sentence_is_the_one_finding_added(text: str) -> None:
    new = before_first_heading(text, NEW_SENTENCE)
    result = diff(text, new)
    assert codes(result.added) == ["uncited-claim"]
    (added,) = result.added
    assert added.span.slice(new) == NEW_SENTENCE
    assert result.resolved == ()
    # and removing it again resolves it
    back = diff(new, text)
    assert back.added == () and [f.fingerprint for f in back.resolved] == [added.fingerprint]


def test_removing_a_reference_adds_the_claim_it_supported(text: str, report: Report) -> None:
    """Under the sentence policy, the claim a single-use unnamed reference supported becomes
    uncited, and nothing else changes."""
    by_id = {r.id: r for r in report.references}

    def single_use(ref: Reference) -> bool:
        return ref.name is None and len(ref.uses) == 1 and ref.span == ref.uses[0]

    claim = next(c for c in report.claims
                 if c.kind == "prose" and len(c.refs) == 1 and single_use(by_id[c.refs[0]]))
    span = by_id[claim.refs[0]].span
    assert span is not None
    new = text[:span.start] + text[span.end:]
    result = diff(text, new, config=SENTENCE)
    assert codes(result.added) == ["uncited-claim"]
    assert result.added[0].span.slice(new) == claim.span.slice(text)
    assert result.resolved == ()


def test_a_name_defined_again_with_other_content_adds_a_conflict(text: str) -> None:
    named = re.search(r'<ref name="?([^"/>]+)"?>[^<]+</ref>', text)
    assert named is not None
    again = f' Also true.<ref name="{named.group(1)}">Another source entirely, 1999.</ref>'
    new = text[:named.end()] + again + text[named.end():]
    result = diff(text, new)
    assert codes(result.added) == ["conflicting-ref"]
    assert result.added[0].span.slice(new) == again.removeprefix(" Also true.")
    assert result.resolved == ()


def test_citing_an_uncited_claim_resolves_it(text: str, report: Report) -> None:
    claim = uncited_plain_claims(report)[0]
    new = text[:claim.span.end] + "<ref>A source for it, 2001.</ref>" + text[claim.span.end:]
    result = diff(text, new, config=SENTENCE)
    assert result.added == ()
    assert codes(result.resolved) == ["uncited-claim"]
    assert result.resolved[0].span == claim.span  # a finding of OLD, located in OLD
    assert result.unchanged == len(result.old.findings) - 1


def test_a_reworded_uncited_claim_is_added_and_its_old_wording_resolved(
        text: str, report: Report) -> None:
    """Edit Check's rule: changed prose without a reference is new prose without one."""
    claim = uncited_plain_claims(report)[0]
    words = claim.text.split(" ")
    reworded = " ".join([*words[:2], "reportedly", *words[2:]])
    new = text[:claim.span.start] + reworded + text[claim.span.end:]
    result = diff(text, new, config=SENTENCE)
    assert codes(result.added) == ["uncited-claim"] == codes(result.resolved)
    assert result.added[0].span.slice(new) == reworded
    assert result.resolved[0].span == claim.span


def test_only_case_and_spacing_changed_adds_nothing(text: str, report: Report) -> None:
    claim = uncited_plain_claims(report)[0]
    respaced = claim.text.replace(" ", "  ", 1).upper()
    new = text[:claim.span.start] + respaced + text[claim.span.end:]
    result = diff(text, new, config=SENTENCE)
    assert result.added == () and result.resolved == ()


def test_a_copied_uncited_claim_is_new_where_it_was_pasted(text: str, report: Report) -> None:
    """The copy (in the lead, before the original) is the added finding, not the original:
    the original keeps its surroundings; taking the last one would pick the original."""
    claim = uncited_plain_claims(report)[0]
    new = before_first_heading(text, claim.text)
    result = diff(text, new, config=SENTENCE)
    assert codes(result.added) == ["uncited-claim"] and result.resolved == ()
    pasted = new.index(claim.text)
    assert result.added[0].span.start == pasted < new.index(claim.text, pasted + 1)


def test_two_copies_where_there_was_one(text: str, report: Report) -> None:
    claim = uncited_plain_claims(report)[0]
    new = before_first_heading(text, f"{claim.text}\n\n{claim.text}")
    result = diff(text, new, config=SENTENCE)
    assert len(result.added) == 2 and {f.fingerprint for f in result.added} == {
        next(f for f in result.old.findings if f.span == claim.span).fingerprint}
    first = new.index(claim.text)
    assert [f.span.start for f in result.added] == [first, new.index(claim.text, first + 1)]


def test_scope_is_coverage_and_references_unless_selected(text: str) -> None:
    dated = f"{NEW_SENTENCE.removesuffix('.')} on 31 September 1993.<ref>A source, 1994.</ref>"
    new = before_first_heading(text, dated)
    assert diff(text, new).added == ()  # invalid-date is not an Edit Check rule
    wider = diff(text, new, config=Config(select=("C1", "R2", "D301")))
    assert codes(wider.added) == ["invalid-date"]
    assert "D301" in wider.rules and "D302" not in wider.rules
    everything = diff(text, new, scope=())
    assert "invalid-date" in codes(everything.added)
    assert {"C101", "R201", "D301", "N301"} <= set(everything.rules)


def test_ignore_narrows_the_scope(text: str) -> None:
    new = before_first_heading(text, NEW_SENTENCE)
    result = diff(text, new, config=Config(ignore=("uncited-claim",)))
    assert result.added == () and "C101" not in result.rules and "R201" in result.rules
    with pytest.raises(UsageError, match="no rule is left"):
        diff(text, new, config=Config(select=("C101",), ignore=("C1",)))


def test_a_new_page_adds_every_finding(text: str) -> None:
    result = diff("", text)
    assert result.resolved == () and result.added == result.new.findings != ()


def test_new_decides_how_both_texts_are_read() -> None:
    rendered = "A claim is here.[1] Another claim is there.\n\nReferences\n\n1. ^ Source one.\n"
    result = diff("", rendered)
    assert result.old.article.format == result.new.article.format == "text"
    assert codes(result.added) == ["uncited-claim"]


def test_non_text_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="new_text as str, not bytes"):
        diff("", b"x")  # type: ignore[arg-type]


def test_the_wire_form_is_a_report_of_new_with_a_diff(
        text: str, report: Report, validator: jsonschema.Draft202012Validator) -> None:
    """One claim added in the lead, one cited further down: the resolved finding's span points
    into OLD (NEW's offsets are shifted by the new paragraph)."""
    claim = uncited_plain_claims(report)[0]
    cited = text[:claim.span.end] + "<ref>A source for it, 2001.</ref>" + text[claim.span.end:]
    new = before_first_heading(cited, NEW_SENTENCE)
    result = diff(text, new, title="The article", config=SENTENCE)
    data = result.to_dict()
    validator.validate(data)
    (document,) = data["documents"]
    assert [f["fingerprint"] for f in document["findings"]] == [
        f.fingerprint for f in result.added]
    assert document["stats"]["by_rule"] == {"uncited-claim": 1}
    assert document["stats"]["findings"] == {"error": 0, "warning": 1, "info": 0}
    assert document["stats"]["claims"] == len(result.new.claims)
    assert document["source"]["title"] == "The article"
    d = document["diff"]
    assert (d["added"], d["resolved"], d["unchanged"]) == (1, 1, len(result.new.findings) - 1)
    assert d["rules"] == list(result.rules)
    (resolved,) = d["resolved_findings"]
    span = resolved["span"]
    assert text[span["start"]:span["end"]] == claim.text != new[span["start"]:span["end"]]
    assert resolved["fingerprint"] == next(
        f.fingerprint for f in result.old.findings if f.span == claim.span)
    assert d["old"] == {"path": None, "title": "The article", "revision": None,
                        "input_format": "wikitext"}
    # the diff object is optional: a plain report still validates
    validator.validate(citecheck.check(text).to_dict())


# --- the command line on files -------------------------------------------------------------------


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    process = subprocess.run([sys.executable, "-m", "citecheck", *args], input=stdin,
                             capture_output=True, cwd=ROOT, timeout=120, check=False,
                             env={**os.environ, **(env or {})})
    return subprocess.CompletedProcess(process.args, process.returncode,
                                       process.stdout.decode("utf-8"),
                                       process.stderr.decode("utf-8"))


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("citecheck: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def edit(tmp_path: Path, text: str) -> tuple[str, str]:
    """OLD, the article; NEW, the article with one new uncited sentence."""
    return (write(tmp_path, "old.wiki", text),
            write(tmp_path, "new.wiki", before_first_heading(text, NEW_SENTENCE)))


def test_cli_text_shows_only_the_added_finding(edit: tuple[str, str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    old, new = edit
    assert main(["diff", old, new]) == 1
    out = capsys.readouterr().out.splitlines()
    line = Path(new).read_text(encoding="utf-8").splitlines().index(NEW_SENTENCE) + 1
    assert out[0].startswith(f"{new}:{line}:1: warning C101 uncited-claim ")
    assert out[1] == NEW_SENTENCE
    assert out[-1] == "1 new problem (0 errors, 1 warning, 0 info), 0 fixed"
    assert len(out) == 4


def test_cli_the_other_way_round_fixes_it(edit: tuple[str, str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    old, new = edit
    assert main(["diff", new, old]) == 0
    assert capsys.readouterr().out == "0 new problems, 1 fixed\n"


@pytest.mark.parametrize(("fail_on", "expected"), [("warning", 1), ("info", 1), ("error", 0),
                                                   ("never", 0)])
def test_cli_fail_on_applies_to_the_added_findings(edit: tuple[str, str], fail_on: str,
                                                   expected: int) -> None:
    assert main(["diff", "--fail-on", fail_on, *edit]) == expected


def test_cli_same_file_twice_is_fine(edit: tuple[str, str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", edit[0], edit[0]]) == 0
    assert capsys.readouterr().out == "0 new problems, 0 fixed\n"


def test_cli_json_is_a_valid_report_with_a_diff(
        edit: tuple[str, str], validator: jsonschema.Draft202012Validator) -> None:
    old, new = edit
    result = run("diff", "--format", "json", "--title", "T", old, "-",
                 stdin=Path(new).read_bytes())
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    validator.validate(data)
    (document,) = data["documents"]
    assert document["source"] == {"path": None, "title": "T", "revision": None,
                                  "input_format": "wikitext"}
    assert [f["rule"] for f in document["findings"]] == ["uncited-claim"]
    assert document["diff"]["old"]["path"] == old
    assert (document["diff"]["added"], document["diff"]["resolved"]) == (1, 0)


def test_cli_select_widens_the_scope(tmp_path: Path, text: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    dated = before_first_heading(text, "It was opened on 31 September 1993.<ref>S.</ref>")
    old, new = write(tmp_path, "old.wiki", text), write(tmp_path, "new.wiki", dated)
    assert main(["diff", old, new]) == 0
    assert main(["diff", "--select", "C1,R2,invalid-date", old, new]) == 1
    assert "error D301 invalid-date" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["{missing}", "{old}"], ["nope.wiki", "No such file"]),
        (["{old}", "{binary}"], ["binary file"]),
        (["{old}"], ["OLD NEW"]),
        (["-", "-"], ["only once"]),
        (["{old}", "{dir}"], ["is a directory"]),
        (["--select", "nosuch", "{old}", "{old}"], ["unknown rule 'nosuch'"]),
        (["--site", "127.0.0.1", "12", "{old}"], ["revision ids", "old.wiki"]),
        (["--site", "127.0.0.1", "--title", "T", "{old}", "{old}"], ["give only NEW"]),
        (["--site", "127.0.0.1", "--title", "T", "{missing}"], ["nope.wiki"]),
    ],
)
def test_cli_bad_input_is_one_line_exit_2(tmp_path: Path, edit: tuple[str, str],
                                          args: list[str], needles: list[str]) -> None:
    names = {"old": edit[0], "missing": str(tmp_path / "nope.wiki"), "dir": str(tmp_path),
             "binary": write(tmp_path, "b.wiki", b"\x00\x01PNG")}
    result = run("diff", *(a.format(**names) for a in args))
    assert_one_line_error(result, *needles)


# --- against the real local MediaWiki ------------------------------------------------------------


def _edited_page(mediawiki: LocalWiki) -> str:
    """A page whose last revision removed a reference that left claims uncited."""
    return next(title for title, revisions in mediawiki.revisions.items()
                if revisions[-1].comment == "Remove a reference"
                and diff(_text(mediawiki, title, -2), _text(mediawiki, title, -1)).added)


def _text(mediawiki: LocalWiki, title: str, index: int) -> str:
    page = next(p for p in mediawiki.pages if p.title == title)
    return page.revisions[index].text.rstrip()  # MediaWiki strips trailing whitespace


def _wiki_diff(*args: str, cache: Path, capsys: pytest.CaptureFixture[str]
               ) -> tuple[int, dict[str, Any], str]:
    status = main(["diff", "--format", "json", "--cache-dir", str(cache), *args])
    captured = capsys.readouterr()
    return status, json.loads(captured.out) if captured.out else {}, captured.err


def test_wiki_two_revisions(mediawiki: LocalWiki, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str],
                            validator: jsonschema.Draft202012Validator) -> None:
    title = _edited_page(mediawiki)
    before, after = mediawiki.revisions[title][-2:]
    status, data, err = _wiki_diff("--site", mediawiki.api_url, str(before.revid),
                                   str(after.revid), cache=tmp_path, capsys=capsys)
    validator.validate(data)
    assert status == 1 and err == ""
    offline = diff(_text(mediawiki, title, -2), _text(mediawiki, title, -1),
                   old_source=Source(title=title, revision=before.revid),
                   new_source=Source(title=title, revision=after.revid))
    assert data == offline.to_dict()
    (document,) = data["documents"]
    assert document["source"]["revision"] == after.revid
    assert document["diff"]["old"]["revision"] == before.revid
    assert document["findings"] and {f["rule"] for f in document["findings"]} <= {
        "uncited-claim", "citation-needed"}

    # the other way round, in text: nothing added, the same number fixed
    status = main(["diff", "--site", mediawiki.api_url, "--cache-dir", str(tmp_path),
                   str(after.revid), str(before.revid)])
    assert status == 0
    assert capsys.readouterr().out == f"0 new problems, {len(offline.added)} fixed\n"


def test_wiki_current_revision_against_a_local_edit(mediawiki: LocalWiki, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Check an edit before saving it: the page as it is now, against the edited file."""
    title = _edited_page(mediawiki)
    edited = write(tmp_path, "edited.wiki",
                   before_first_heading(_text(mediawiki, title, -1), NEW_SENTENCE))
    latest = mediawiki.latest(title)
    status = main(["diff", "--site", mediawiki.api_url, "--title", title, "--no-cache",
                   edited])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out[0].startswith(f"{edited}:") and out[1] == NEW_SENTENCE
    assert out[-1] == "1 new problem (0 errors, 1 warning, 0 info), 0 fixed"

    status, data, _ = _wiki_diff("--site", mediawiki.api_url, "--title", title, edited,
                                 cache=tmp_path, capsys=capsys)
    document = data["documents"][0]
    assert document["diff"]["old"] == {"path": None, "title": title,
                                       "revision": latest.revid, "input_format": "wikitext"}
    assert document["source"]["path"] == edited and document["source"]["title"] == title


def test_wiki_redirected_title_is_noted(mediawiki: LocalWiki, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    redirect = next(p for p in mediawiki.pages if p.redirect in mediawiki.revisions)
    current = next(p for p in mediawiki.pages if p.title == redirect.redirect)
    same = write(tmp_path, "same.wiki", current.revisions[-1].text)
    status = main(["diff", "--site", mediawiki.api_url, "--title", redirect.title,
                   "--no-cache", same])
    captured = capsys.readouterr()
    assert status == 0 and captured.out == "0 new problems, 0 fixed\n"
    assert captured.err == (f"citecheck: note: {redirect.title} → {current.title} "
                            "(redirect)\n")


@pytest.mark.parametrize("bad", ["99999999", "0", "x1"])
def test_wiki_bad_revision_is_one_line_exit_2(mediawiki: LocalWiki, tmp_path: Path,
                                              bad: str) -> None:
    good = mediawiki.latest(_edited_page(mediawiki)).revid
    result = run("diff", "--site", mediawiki.api_url, str(good), bad,
                 env={"CITECHECK_CACHE_DIR": str(tmp_path)})
    assert_one_line_error(result, bad)
    if bad.isdigit() and int(bad) > 0:
        assert "no revision 99999999" in result.stderr


def test_wiki_missing_page_is_one_line_exit_2(mediawiki: LocalWiki, tmp_path: Path,
                                              edit: tuple[str, str]) -> None:
    result = run("diff", "--site", mediawiki.api_url, "--title", "No such article here",
                 "--no-cache", edit[1])
    assert_one_line_error(result, "No such article here")


def test_edit_check_values_are_frozen(text: str) -> None:
    result = diff(text, text)
    assert isinstance(result, EditCheck)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.added = ()  # type: ignore[misc]
