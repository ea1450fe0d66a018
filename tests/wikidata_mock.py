"""A Wikidata API for the tests, answering like the real one (``wbgetentities`` by ids or by
site and titles, ``wbsearchentities``) from entities in the real JSON shape.

Two entities are real responses saved by another project's tests (fixtures/api/wikidata: Q1299,
Q20145); Q34453 is written here in the same shape, with the labels and the Czech site link the
seed case needs. Registered with ``responses``, which lets requests to the local MediaWiki
(127.0.0.1) pass through.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import responses

ROOT = Path(__file__).resolve().parents[1]
WIKIDATA_API = "https://www.wikidata.org/w/api.php"

YELTSIN: dict[str, Any] = {
    "type": "item", "id": "Q34453", "pageid": 37166, "ns": 0, "title": "Q34453",
    "labels": {code: {"language": code, "value": value} for code, value in {
        "en": "Boris Yeltsin", "cs": "Boris Jelcin", "pl": "Borys Jelcyn",
        "de": "Boris Jelzin", "fr": "Boris Eltsine", "sk": "Boris Nikolajevič Jeľcin",
        "ru": "Борис Николаевич Ельцин",
    }.items()},
    "aliases": {
        "en": [{"language": "en", "value": "Boris Nikolayevich Yeltsin"},
               {"language": "en", "value": "Boris Yeltsyn"}],
        "de": [{"language": "de", "value": "Boris Nikolajewitsch Jelzin"}],
    },
    "sitelinks": {site: {"site": site, "title": title, "badges": []} for site, title in {
        "enwiki": "Boris Yeltsin", "cswiki": "Boris Jelcin", "plwiki": "Borys Jelcyn",
        "dewiki": "Boris Jelzin", "frwiki": "Boris Eltsine",
    }.items()},
}


def entities() -> dict[str, dict[str, Any]]:
    found = {"Q34453": YELTSIN}
    for path in sorted((ROOT / "fixtures" / "api" / "wikidata").glob("Q*.json")):
        found.update(json.loads(path.read_text(encoding="utf-8"))["entities"])
    return found


class WikidataMock:
    """Register with :meth:`install`; ``requests`` lists the API calls it answered."""

    def __init__(self, items: dict[str, dict[str, Any]] | None = None) -> None:
        self.items = items if items is not None else entities()
        self.requests: list[dict[str, str]] = []

    def install(self, mock: responses.RequestsMock) -> None:
        mock.add_passthru(re.compile(r"http://127\.0\.0\.1[:/]"))
        mock.add_callback(responses.GET, WIKIDATA_API, callback=self._answer)

    def _answer(self, request: Any) -> tuple[int, dict[str, str], str]:
        params = {k: v[-1] for k, v in parse_qs(urlsplit(request.url).query).items()}
        self.requests.append(params)
        action = params.get("action")
        if action == "wbgetentities":
            body = self._get(params)
        elif action == "wbsearchentities":
            body = self._search(params)
        else:
            body = {"error": {"code": "badvalue", "info": f"Unrecognized value for "
                              f"parameter \"action\": {action}."}}
        return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(body)

    def _get(self, params: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "ids" in params:
            for qid in params["ids"].split("|"):
                out[qid] = self.items.get(qid, {"id": qid, "missing": ""})
        else:
            site = params["sites"]
            missing = -1
            for title in params["titles"].split("|"):
                item = next((e for e in self.items.values()
                             if e.get("sitelinks", {}).get(site, {}).get("title") == title), None)
                if item is None:
                    out[str(missing)] = {"site": site, "title": title, "missing": ""}
                    missing -= 1
                else:
                    out[item["id"]] = item
        return {"entities": out, "success": 1}

    def _search(self, params: dict[str, str]) -> dict[str, Any]:
        """Like the real module: labels and aliases in the language asked for, prefix match."""
        wanted = params["search"].casefold()
        lang = params.get("language", "en")
        hits = []
        for item in self.items.values():
            spelled = [item.get("labels", {}).get(lang, {}).get("value", "")]
            spelled += [a["value"] for a in item.get("aliases", {}).get(lang, [])]
            match = next((s for s in spelled if s and s.casefold().startswith(wanted)), None)
            if match is not None:
                label = item.get("labels", {}).get(lang, {}).get("value", match)
                hits.append({"id": item["id"], "title": item["id"], "label": label,
                             "match": {"type": "label", "language": lang, "text": match}})
        return {"searchinfo": {"search": params["search"]}, "search": hits[:5], "success": 1}
