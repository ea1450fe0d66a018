"""JSON output: one ``citecheck.report/1`` envelope holding every document.

The wire form is built by :mod:`citecheck.report` (``document_dict`` and ``envelope``); this module
only serialises it, so the schema in ``report-1.schema.json`` documents exactly what is printed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..report import Report, envelope


def format_json(reports: Report | Sequence[Report]) -> str:
    """The envelope of ``reports`` as indented UTF-8 JSON; ends with a newline."""
    if isinstance(reports, Report):
        reports = [reports]
    data = envelope([report.document_dict() for report in reports])
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
