"""The command line: options, inputs, exit codes, and one-line errors without tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import citecheck
from citecheck.cli import build_parser, main
from citecheck.formats import format_text, json_schema
from citecheck.rules import RULES

ROOT = Path(__file__).parents[1]
SEED = ROOT / "fixtures" / "seed" / "seed.txt"

CLEAN = (
    "The bridge opened in 1932.<ref>Smith 2001, p. 4.</ref>\n\n"
    "== References ==\n{{reflist}}\n"
)
"""No finding at all."""
UNCITED = "The bridge opened in 1932. It was painted red in 1990.\n"
"""Only uncited-claim warnings (no references, so no reference-list errors)."""
BROKEN = (
    "The bridge opened in 1932.<ref name=\"a\">Smith 2001, p. 4.</ref>"
    " It was painted red.<ref name=\"missing\"/>\n\n"
    "== References ==\n{{reflist}}\n"
)
"""An undefined-ref error (R201) and nothing else."""
MIXED = (
    "The bridge opened in 1932.<ref name=\"a\">Smith, p. 4.</ref>\n\n"
    "The tower was built in 1901.<ref name=\"a\">Smith, p. 9.</ref>"
    " It fell in 1950.<ref name=\"gone\"/>\n\n"
    "The mayor resigned in 1960.{{citation needed|date=May 2020}}\n\n"
    "The river is very long and wide.\n\n== References ==\n{{reflist}}\n"
)
"""One each of conflicting-ref, undefined-ref, citation-needed and uncited-claim."""
INFO_ONLY = (
    "The bridge opened in 1932.<ref>Smith 2001.</ref>{{page needed|date=May 2020}}\n\n"
    "== References ==\n{{reflist}}\n"
)
"""Only an info finding (verification-tag for {{page needed}})."""


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return str(path)


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it: a separate interpreter, ``python -m citecheck``."""
    process = subprocess.run(
        [sys.executable, "-m", "citecheck", *args],
        input=stdin, capture_output=True, cwd=ROOT, timeout=120, check=False,
        env={**os.environ, **env} if env else None,
    )
    return subprocess.CompletedProcess(
        process.args, process.returncode,
        process.stdout.decode("utf-8"), process.stderr.decode("utf-8"),
    )


def rules_in(output: str) -> set[str]:
    data = json.loads(output)
    return {f["rule"] for doc in data["documents"] for f in doc["findings"]}


def assert_one_line_error(stderr: str, *needles: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("citecheck: error: ")
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Feed bytes to ``sys.stdin.buffer`` for in-process runs."""

    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    return feed


# --- sanity of the fixtures above ----------------------------------------------------------------


def test_sample_texts_have_the_findings_the_tests_assume() -> None:
    assert citecheck.check(CLEAN).findings == ()
    assert {f.rule for f in citecheck.check(UNCITED).findings} == {"uncited-claim"}
    assert {f.rule for f in citecheck.check(BROKEN).findings} == {"undefined-ref"}
    assert {f.severity.value for f in citecheck.check(INFO_ONLY).findings} == {"info"}
    assert sorted(f.rule for f in citecheck.check(MIXED).findings) == [
        "citation-needed", "conflicting-ref", "uncited-claim", "undefined-ref"
    ]


# --- exit codes ----------------------------------------------------------------------------------


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "clean.wiki", CLEAN)
    assert main(["check", path]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 findings (0 errors, 0 warnings, 0 info) in 1 document; 1 claim")


def test_warnings_exit_1_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "uncited.wiki", UNCITED)
    assert main(["check", path]) == 1
    assert f"{path}:1:1: warning C101 uncited-claim" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sample", "fail_on", "expected"),
    [
        (UNCITED, "error", 0),
        (UNCITED, "warning", 1),
        (UNCITED, "never", 0),
        (BROKEN, "error", 1),
        (BROKEN, "never", 0),
        (INFO_ONLY, "warning", 0),
        (INFO_ONLY, "info", 1),
        (CLEAN, "info", 0),
    ],
)
def test_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: str,
                 fail_on: str, expected: int) -> None:
    path = write(tmp_path, "doc.wiki", sample)
    assert main(["check", "--fail-on", fail_on, path]) == expected


def test_exit_code_is_the_worst_over_all_documents(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path, "clean.wiki", CLEAN)
    broken = write(tmp_path, "broken.wiki", BROKEN)
    assert main(["check", "--fail-on", "error", clean, broken]) == 1
    assert main(["check", "--fail-on", "error", clean, clean]) == 0


# --- inputs --------------------------------------------------------------------------------------


def test_stdin(stdin, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    stdin(UNCITED.encode("utf-8"))
    assert main(["check", "-"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("<stdin>:1:1: warning C101 uncited-claim")


def test_stdin_json_has_no_path(stdin, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    stdin(CLEAN.encode("utf-8"))
    assert main(["check", "--format", "json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"][0]["source"]["path"] is None


def test_stdin_as_a_subprocess() -> None:
    result = run("check", "--fail-on", "error", "-", stdin=BROKEN.encode("utf-8"))
    assert result.returncode == 1
    assert "<stdin>:1:" in result.stdout and "undefined-ref" in result.stdout
    assert result.stderr == ""


def test_stdin_only_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-", "-"]) == 2
    assert_one_line_error(capsys.readouterr().err, "stdin")


def test_empty_input_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "empty.wiki", b"")
    assert main(["check", "--fail-on", "info", path]) == 0
    assert capsys.readouterr().out == (
        "0 findings (0 errors, 0 warnings, 0 info) in 1 document; 0 claims\n"
    )


def test_bom_is_stripped_and_offsets_count_from_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bom.wiki", b"\xef\xbb\xbf" + UNCITED.encode("utf-8"))
    assert main(["check", "--format", "json", path]) == 1
    with_bom = json.loads(capsys.readouterr().out)["documents"][0]
    plain = citecheck.check(UNCITED).document_dict()
    assert with_bom["findings"] == plain["findings"]
    assert with_bom["claims"] == plain["claims"]


def test_crlf_is_kept_and_spans_index_the_decoded_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Intro line.<ref>x</ref>\r\n\r\nThe bridge opened in 1932.\r\n\r\n{{reflist}}\r\n"
    path = write(tmp_path, "crlf.wiki", text)
    source = Path(path).read_bytes()
    assert main(["check", "--format", "json", path]) == 1
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    claim = next(c for c in doc["claims"] if "bridge" in c["text"])
    assert text[claim["span"]["start"]:claim["span"]["end"]] == "The bridge opened in 1932."
    assert claim["span"]["line"] == 3 and claim["span"]["column"] == 1
    assert Path(path).read_bytes() == source  # nothing the user gave is modified
    assert main(["check", path]) == 1
    out = capsys.readouterr().out
    assert "\r" not in out
    assert f"{path}:3:1: warning C101" in out


def test_multiple_files_one_report_each(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    first = write(tmp_path, "a.wiki", UNCITED)
    second = write(tmp_path, "b.wiki", BROKEN)
    assert main(["check", "--format", "json", first, second]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["source"]["path"] for d in data["documents"]] == [first, second]
    assert main(["check", first, second]) == 1
    out = capsys.readouterr().out
    assert f"{first}:1:1:" in out and f"{second}:1:" in out
    assert " in 2 documents; " in out.splitlines()[-1]


def test_a_failing_file_does_not_stop_the_others(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.wiki", UNCITED)
    missing = str(tmp_path / "missing.wiki")
    assert main(["check", "--format", "json", missing, good]) == 2
    captured = capsys.readouterr()
    assert_one_line_error(captured.err, "missing.wiki")
    data = json.loads(captured.out)
    assert [d["source"]["path"] for d in data["documents"]] == [good]


# --- input errors: one line, exit 2, no traceback ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("binary.wiki", b"abc\x00def", "binary file"),
        ("latin1.wiki", "Café.".encode("latin-1"), "byte offset 3"),
        ("utf16.wiki", "Text.".encode("utf-16"), "UTF-16"),
    ],
)
def test_undecodable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                           content: bytes, needle: str) -> None:
    path = write(tmp_path, name, content)
    assert main(["check", path]) == 2
    captured = capsys.readouterr()
    assert_one_line_error(captured.err, name, needle)
    assert captured.out == ""


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.wiki", b"\xef\xbb\xbfab\xffc")
    assert main(["check", path]) == 2
    assert_one_line_error(capsys.readouterr().err, "byte 0xff at byte offset 5")


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.wiki")]) == 2
    assert_one_line_error(capsys.readouterr().err, "nope.wiki", "No such file")
    assert main(["check", str(tmp_path)]) == 2
    assert_one_line_error(capsys.readouterr().err, "directory")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "fixtures/does-not-exist.wiki"], "does-not-exist.wiki"),
        (["check", "fixtures"], "is a directory"),
        (["check", "--select", "no-such-rule", "fixtures/seed/seed.txt"], "no-such-rule"),
        (["check", "--ignore", "X9", "fixtures/seed/seed.txt"], "X9"),
        (["check", "--policy", "chapter", "fixtures/seed/seed.txt"], "--policy"),
        (["check", "--lang", "en_US!", "fixtures/seed/seed.txt"], "--lang"),
        (["check", "--no-such-option", "fixtures/seed/seed.txt"], "--no-such-option"),
        (["check"], "PATH"),
        (["rules", "no-such-rule"], "no-such-rule"),
        ([], "COMMAND"),
    ],
)
def test_usage_and_input_errors_as_a_subprocess(args: list[str], needle: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert_one_line_error(result.stderr, needle)
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("bad.wiki", b"caf\xe9", "not valid UTF-8"),
    ],
)
def test_undecodable_input_as_a_subprocess(tmp_path: Path, name: str, content: bytes,
                                           needle: str) -> None:
    result = run("check", write(tmp_path, name, content))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, name, needle)


def test_title_needs_a_single_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.wiki", CLEAN)
    assert main(["check", "--title", "A", path, path]) == 2
    assert_one_line_error(capsys.readouterr().err, "--title")
    assert main(["check", "--title", "Bridge", "--format", "json", path]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["source"]["title"] == "Bridge"


# --- rule selection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--select", "undefined-ref", {"undefined-ref"}),
        ("--select", "R201", {"undefined-ref"}),
        ("--select", "r201", {"undefined-ref"}),
        ("--select", "R2", {"undefined-ref", "conflicting-ref"}),
        ("--select", "C", {"uncited-claim", "citation-needed"}),
        ("--select", "C101,R202", {"uncited-claim", "conflicting-ref"}),
        ("--ignore", "uncited-claim", {"undefined-ref", "conflicting-ref", "citation-needed"}),
        ("--ignore", "C1", {"undefined-ref", "conflicting-ref"}),
        ("--ignore", "R", {"uncited-claim", "citation-needed"}),
    ],
)
def test_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str,
                           value: str, expected: set[str]) -> None:
    path = write(tmp_path, "doc.wiki", MIXED)
    main(["check", "--format", "json", "--fail-on", "never", path])
    everything = rules_in(capsys.readouterr().out)
    assert everything == {"uncited-claim", "undefined-ref", "conflicting-ref", "citation-needed"}
    assert main(["check", "--format", "json", "--fail-on", "never", option, value, path]) == 0
    assert rules_in(capsys.readouterr().out) == expected


def test_select_is_repeatable_and_combines_with_ignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "doc.wiki", MIXED)
    args = ["check", "--format", "json", "--fail-on", "never", path]
    assert main([*args, "--select", "C101", "--select", "R201"]) == 0
    assert rules_in(capsys.readouterr().out) == {"uncited-claim", "undefined-ref"}
    assert main([*args, "--select", "C,R201", "--ignore", "uncited-claim"]) == 0
    assert rules_in(capsys.readouterr().out) == {"undefined-ref", "citation-needed"}


@pytest.mark.parametrize("value", ["nonsense", "Z", "C9", "uncited", ",", " "])
def test_unknown_selectors_are_usage_errors(capsys: pytest.CaptureFixture[str],
                                            value: str) -> None:
    assert main(["check", "--select", value, str(SEED)]) == 2
    assert_one_line_error(capsys.readouterr().err, "--select")


def test_unknown_selector_suggests_a_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--ignore", "uncited-claims", str(SEED)]) == 2
    assert_one_line_error(capsys.readouterr().err, "did you mean 'uncited-claim'?")


# --- options reach the checker -------------------------------------------------------------------


def test_policy_and_lead(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "First claim here. Second claim here.<ref>Source.</ref>\n\n{{reflist}}\n"
    path = write(tmp_path, "doc.wiki", text)
    assert main(["check", path]) == 0
    assert main(["check", "--policy", "sentence", path]) == 1
    assert main(["check", "--policy", "sentence", "--lead", "skip", path]) == 0
    capsys.readouterr()


def test_input_format_and_lang_are_passed(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "doc.txt", UNCITED)
    assert main(["check", "--format", "json", "--input-format", "text", "--lang", "en",
                 path]) == 1
    assert json.loads(capsys.readouterr().out)["documents"][0]["source"]["input_format"] == "text"


# --- output --------------------------------------------------------------------------------------


def test_text_output_is_format_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "doc.wiki", BROKEN)
    main(["check", "--color", "never", path])
    assert capsys.readouterr().out == format_text([citecheck.check(BROKEN, path=path)])


def test_color(tmp_path: Path, capsys: pytest.CaptureFixture[str],
               monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "doc.wiki", BROKEN)
    main(["check", "--color", "always", path])
    assert "\x1b[" in capsys.readouterr().out
    main(["check", path])  # auto: captured stdout is not a terminal
    assert "\x1b[" not in capsys.readouterr().out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    main(["check", path])
    assert "\x1b[" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", path])
    assert "\x1b[" not in capsys.readouterr().out


def test_json_output_parses_and_validates(capsys: pytest.CaptureFixture[str]) -> None:
    wiki = ROOT / "fixtures" / "articles" / "en" / "pywikibot__Pear.wiki"
    assert main(["check", "--format", "json", "--fail-on", "never", str(SEED), str(wiki)]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)
    assert [d["source"]["input_format"] for d in data["documents"]] == ["text", "wikitext"]


def test_json_as_a_subprocess_is_utf8() -> None:
    result = run("check", "--format", "json", str(SEED))
    assert result.returncode == 1  # the seed has uncited claims
    data = json.loads(result.stdout)
    jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)
    assert "“" in result.stdout  # ensure_ascii=False


def test_json_is_utf8_whatever_the_locale() -> None:
    result = run("check", "--format", "json", "--fail-on", "never", str(SEED),
                 env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert result.returncode == 0
    assert "“" in result.stdout
    json.loads(result.stdout)


def test_text_in_an_ascii_locale_is_escaped_not_a_crash() -> None:
    result = run("check", "--fail-on", "never", str(SEED),
                 env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert result.returncode == 0 and result.stderr == ""
    assert "\\u201c" in result.stdout


def test_text_as_a_subprocess() -> None:
    result = run("check", "--fail-on", "warning", str(SEED))
    assert result.returncode == 1  # the seed has uncited claims (warnings)
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1].endswith("cited")
    assert run("check", "--fail-on", "error", str(SEED)).returncode == 0  # and no error


# --- rules, version, help ------------------------------------------------------------------------


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES, strict=True):
        assert line.split()[:3] == [rule.code, rule.name, rule.severity.value]
        assert line.endswith(rule.summary)


@pytest.mark.parametrize("key", ["uncited-claim", "C101", "c101"])
def test_rules_name_prints_the_docs(capsys: pytest.CaptureFixture[str], key: str) -> None:
    assert main(["rules", key]) == 0
    out = capsys.readouterr().out
    assert out.startswith("C101 uncited-claim (warning): ")
    assert "## What it does" in out and "## Use instead" in out


def test_rules_prefix_is_not_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "R2"]) == 2
    assert_one_line_error(capsys.readouterr().err, "R2")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"citecheck {citecheck.__version__}\n"


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--format", "--input-format", "--select", "--ignore", "--policy", "--lead",
                   "--lists", "--captions", "--lang", "--title", "--fail-on", "--color"):
        assert option in out


def test_version_and_help_as_a_subprocess() -> None:
    assert run("--version").stdout.strip() == f"citecheck {citecheck.__version__}"
    result = run("--help")
    assert result.returncode == 0 and "check" in result.stdout and "rules" in result.stdout


def test_console_script_entry_point_is_main() -> None:
    assert build_parser().prog == "citecheck"
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "citecheck"]
    assert script.value == "citecheck.cli:main"
