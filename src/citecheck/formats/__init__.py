"""Output formats: ``text`` (compiler style, for people) and ``json`` (``citecheck.report/1``)."""

from __future__ import annotations

import json as _json
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

from ..report import Report
from .json import format_json
from .text import format_text

SCHEMA_FILE = "report-1.schema.json"

FORMATS: dict[str, Callable[[Sequence[Report]], str]] = {
    "text": format_text,
    "json": format_json,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON output, shipped as package data."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return _json.loads(text)


__all__ = ["FORMATS", "SCHEMA_FILE", "format_json", "format_text", "json_schema"]
