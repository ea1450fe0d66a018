"""The docs cannot drift: rules.md is generated; the CLI and JSON docs name every option, field."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck import docsgen
from citecheck.cli import build_parser
from citecheck.formats import json_schema
from citecheck.rules import RULES
from citecheck.rules._base import DOC_SECTIONS

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"


def read(name: str) -> str:
    with (DOCS / name).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def test_rules_md_is_up_to_date() -> None:
    assert read("rules.md") == docsgen.generate(), (
        "docs/rules.md is stale: run `python -m citecheck.docsgen > docs/rules.md`"
    )


def test_docsgen_runs_as_a_module() -> None:
    result = subprocess.run([sys.executable, "-m", "citecheck.docsgen"], capture_output=True,
                            cwd=ROOT, timeout=60, check=True)
    assert result.stdout.decode("utf-8") == docsgen.generate()


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_has_every_docs_section(rule: type) -> None:
    docs = rule.docs()
    positions = [docs.find(section) for section in DOC_SECTIONS]
    assert all(p >= 0 for p in positions), f"{rule.name} lacks a docs section"
    assert positions == sorted(positions), f"{rule.name}: docs sections out of order"
    assert docs.split("\n", 1)[0].strip(), f"{rule.name}: docs need a first line"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_appears_in_rules_md(rule: type) -> None:
    text = read("rules.md")
    assert f"\n## {rule.code} {rule.name}\n" in text
    row = f"| {rule.code} | [`{rule.name}`](#{docsgen.anchor(rule)}) | {rule.severity.value} |"
    assert row in text
    for section in DOC_SECTIONS:
        assert f"#{section}" in text  # demoted under the rule's heading


def test_demote_leaves_code_fences_alone() -> None:
    text = "## What it does\n```python\n# a comment\n```\n# Title"
    assert docsgen.demote(text) == "### What it does\n```python\n# a comment\n```\n## Title"


def _options(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        yield from (o for o in action.option_strings if o.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _options(sub)


def test_cli_md_documents_every_option_and_exit_code() -> None:
    text = read("cli.md")
    for option in set(_options(build_parser())):
        assert f"`{option}" in text, f"docs/cli.md does not mention {option}"
    for status in ("`0`", "`1`", "`2`"):
        assert status in text
    assert "citecheck rules" in text and "citecheck: error:" in text


def _schema_fields(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield key
            yield from _schema_fields(value)
        for key, value in node.items():
            if key != "properties":
                yield from _schema_fields(value)
    elif isinstance(node, list):
        for item in node:
            yield from _schema_fields(item)


def test_json_schema_md_documents_every_field() -> None:
    text = read("json-schema.md")
    for field in set(_schema_fields(json_schema())):
        assert f"`{field}`" in text, f"docs/json-schema.md does not document {field}"
    assert "citecheck.report/1" in text and "/2" in text


def test_json_schema_md_example_matches_the_schema() -> None:
    """The example in the docs is valid output (the schema catches a stale example)."""
    import json

    import jsonschema

    text = read("json-schema.md")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    jsonschema.validate(json.loads(example), json_schema(),
                        cls=jsonschema.Draft202012Validator)
