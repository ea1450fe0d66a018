"""Snapshots of whole reports on real articles, reviewed when they change (ruff's insta habit).

Each snapshot holds the report's stats, every finding (rule, code, severity, line, column,
message) and every reference (label, name, number of uses). Regenerate after a deliberate change
with ``CITECHECK_UPDATE_SNAPSHOTS=1 pytest tests/test_report_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from citecheck import check

ROOT = Path(__file__).parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots" / "reports"
CASES = {
    "seed": "fixtures/seed/seed.txt",
    "en-douglas-adams": "fixtures/articles/en/wptools__Douglas_Adams.wiki",
    "en-allen-r-morris": "fixtures/articles/en/wtf__Allen_R._Morris.wiki",
    "en-toronto-star": "fixtures/articles/en/wtf__toronto_star.wiki",
    "de-lewisit": "fixtures/articles/de/wptools__Lewisit.wiki",
    "ja-one-ok-rock": "fixtures/articles/ja/wptools__ONE_OK_ROCK.wiki",
}


def summary(path: Path) -> dict:
    report = check(path.read_text(encoding="utf-8"))
    doc = report.document_dict()
    return {
        "stats": doc["stats"],
        "findings": [
            f"{f['span']['line']}:{f['span']['column']} {f['severity']} {f['code']} {f['rule']} "
            f"{f['message']}"
            for f in doc["findings"]
        ],
        "references": [
            f"{r['id']} [{r['label']}] name={r['name']!r} group={r['group']!r} uses={len(r['uses'])}"
            for r in doc["references"]
        ],
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_snapshot(name: str) -> None:
    path = ROOT / CASES[name]
    if not path.exists():
        pytest.fail(f"fixture missing: {path}")
    got = summary(path)
    snap = SNAPSHOTS / f"{name}.json"
    if os.environ.get("CITECHECK_UPDATE_SNAPSHOTS") or not snap.exists():
        snap.parent.mkdir(parents=True, exist_ok=True)
        snap.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not os.environ.get("CITECHECK_UPDATE_SNAPSHOTS"):
            pytest.fail(f"snapshot {snap.name} was missing and has been written; review it")
    assert got == json.loads(snap.read_text(encoding="utf-8"))
