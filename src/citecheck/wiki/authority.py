"""The name authority of ``--online``: what the names an article writes resolve to on its wiki
(redirects) and on Wikidata (labels and aliases in every language).

The ``name-variant`` rule reads the result (:attr:`citecheck.lookups.Lookups.names`): a name the
authority resolves to an entity whose label, in the article's language, is spelled otherwise is
a variant of that label ("Boris Jelcin" → Q34453, English label "Boris Yeltsin").

Three steps, each only for the names the previous ones left unresolved, each batched:

1. **redirects** on the article's wiki: ``action=query&titles=A|B|…&redirects`` (50 titles a
   request); a name that is a redirect resolves to its target title;
2. **Wikidata by site links**: ``wbgetentities&sites=XXwiki&titles=A|B|…`` for the article's own
   wiki and then a few large Latin-script wikis (a spelling written in an English text often is
   the title of the person's article in another language: "Boris Jelcin" on cs, pl);
3. **Wikidata search**: ``wbsearchentities`` per name (at most ``max_searches``), then
   ``wbgetentities`` of the hits; a hit counts only when the name is exactly one of its labels
   or aliases, in any language.

Only names of two to five capitalised words are looked up (a single word is too ambiguous to
send to a search), and at most ``max_names`` of them per article.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..errors import CitecheckError
from ..lookups import NameEntity
from ..model import Article
from ..names import SHOWN_KINDS
from .client import WikiClient

log = logging.getLogger("citecheck.wiki")

BATCH = 50
"""Titles per request: the API's limit for clients without the apihighlimits right."""
SITELINK_LANGUAGES = ("en", "de", "fr", "es", "it", "pl", "cs", "nl", "pt", "sv")
"""Wikis whose article titles are tried on Wikidata after the article's own."""
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def candidate_names(article: Article, limit: int) -> list[str]:
    """The names worth asking about, first seen first: two to five capitalised words as written
    in prose, link texts and infoboxes (link targets are the wiki's own titles already), and
    the endings of longer runs ("President Boris Jelcin", "Boris Jelcin")."""
    targets = {m.target for m in article.names if m.kind == "link-target"}
    seen: dict[str, None] = {}
    for mention in article.names:
        if mention.kind not in SHOWN_KINDS:
            continue
        for name in name_endings(mention.text):
            if name in targets or name in seen:
                continue
            seen[name] = None
            if len(seen) >= limit:
                return list(seen)
    return list(seen)


def name_endings(text: str) -> list[str]:
    """A run of capitalised words and its endings of two to five words, longest first."""
    words = text.split()
    if len(words) < 2 or not all(_WORD.fullmatch(w) and w[0].isupper() for w in words):
        return []
    return [" ".join(words[k:]) for k in range(max(0, len(words) - 5), len(words) - 1)]


class NameAuthority:
    """Looks names up on the article's wiki (``wiki``, may be ``None``) and on Wikidata
    (``wikidata``, may be ``None``); one instance serves a whole run and remembers answers."""

    def __init__(
        self,
        *,
        wiki: WikiClient | None,
        wikidata: WikiClient | None,
        languages: Sequence[str] = SITELINK_LANGUAGES,
        max_names: int = 60,
        max_searches: int = 20,
    ) -> None:
        self.wiki = wiki
        self.wikidata = wikidata
        self.languages = tuple(languages)
        self.max_names = max_names
        self.max_searches = max_searches
        self._known: dict[tuple[str, str], NameEntity | None] = {}

    def lookup(self, article: Article) -> dict[str, NameEntity]:
        """Every candidate name of ``article`` that resolved, by the name as written."""
        lang = article.language or "en"
        names = candidate_names(article, self.max_names)
        found: dict[str, NameEntity] = {}
        todo = []
        for name in names:
            key = (lang, name)
            if key in self._known:
                entity = self._known[key]
                if entity is not None:
                    found[name] = entity
            else:
                todo.append(name)
        if todo:
            fresh = self._resolve(todo, lang)
            for name in todo:
                self._known[(lang, name)] = fresh.get(name)
            found.update(fresh)
        return found

    def _resolve(self, names: list[str], lang: str) -> dict[str, NameEntity]:
        """Each step for the names the previous ones left; a step whose wiki fails is skipped
        with a warning (the others still run)."""
        found: dict[str, NameEntity] = {}
        if self.wiki is not None:
            self._step(found, self._redirects(names), self.wiki)
        if self.wikidata is None:
            return found
        for site_lang in dict.fromkeys((lang, *self.languages)):
            left = [n for n in names if n not in found]
            if not left:
                return found
            if not self._step(found, self._by_sitelinks(left, site_lang, lang), self.wikidata):
                return found
        left = [n for n in names if n not in found]
        self._step(found, self._by_searches(left[: self.max_searches], lang), self.wikidata)
        return found

    @staticmethod
    def _step(found: dict[str, NameEntity], step: Iterator[tuple[str, NameEntity]],
              client: WikiClient) -> bool:
        """Run one step (a generator: its requests are sent as it is read)."""
        try:
            for name, entity in step:
                found[name] = entity
        except CitecheckError as error:
            log.warning("name look-ups on %s failed: %s", client.site, error)
            return False
        return True

    # --- 1. redirects on the article's wiki ---------------------------------------------------

    def _redirects(self, names: list[str]) -> Iterator[tuple[str, NameEntity]]:
        assert self.wiki is not None
        for batch in _batches(names):
            query = self.wiki.request({"action": "query", "titles": "|".join(batch),
                                       "redirects": 1}).get("query", {})
            normalized = {n["from"]: n["to"] for n in query.get("normalized", ())}
            redirects = {r["from"]: r["to"] for r in query.get("redirects", ())}
            for name in batch:
                title = normalized.get(name, name)
                target = title
                for _ in range(5):  # a double redirect is followed too
                    if target not in redirects:
                        break
                    target = redirects[target]
                if target != title:
                    yield name, NameEntity(name=name, label=target, source="redirect",
                                           title=target, matched=f"redirect on {self.wiki.site}")

    # --- 2. Wikidata: the article titles of other wikis ----------------------------------------

    def _by_sitelinks(self, names: list[str], site_lang: str, lang: str
                      ) -> Iterator[tuple[str, NameEntity]]:
        site = f"{site_lang}wiki"
        for batch in _batches(names):
            data = self._wikidata({"action": "wbgetentities", "sites": site,
                                   "titles": "|".join(batch), "props": "labels|sitelinks",
                                   "languages": lang, "sitefilter": site, "normalize": 1})
            by_title: dict[str, dict[str, Any]] = {}
            for entity in (data.get("entities") or {}).values():
                if "missing" in entity or not isinstance(entity.get("sitelinks"), dict):
                    continue
                link = entity["sitelinks"].get(site)
                if link:
                    by_title[link["title"]] = entity
            normalized = {n["from"]: n["to"] for n in
                          ((data.get("normalized") or {}).get("n") or ())
                          if isinstance(n, dict)}
            for name in batch:
                entity = by_title.get(normalized.get(name, name)) or by_title.get(name)
                label = _label(entity, lang) if entity is not None else None
                if entity is not None and label is not None:
                    yield name, NameEntity(name=name, label=label, source="wikidata",
                                           entity=entity.get("id"), title=None,
                                           matched=f"the title of its article on {site}")

    # --- 3. Wikidata: search, then labels and aliases --------------------------------------------

    def _by_searches(self, names: list[str], lang: str) -> Iterator[tuple[str, NameEntity]]:
        for name in names:
            entity = self._by_search(name, lang)
            if entity is not None:
                yield name, entity

    def _by_search(self, name: str, lang: str) -> NameEntity | None:
        hits = self._wikidata({"action": "wbsearchentities", "search": name, "language": lang,
                               "type": "item", "limit": 5}).get("search") or []
        ids = [h["id"] for h in hits if isinstance(h, dict) and isinstance(h.get("id"), str)]
        if not ids:
            return None
        data = self._wikidata({"action": "wbgetentities", "ids": "|".join(ids),
                               "props": "labels|aliases"})
        entities = data.get("entities") or {}
        wanted = name.casefold()
        for qid in ids:  # in the search's order: the best hit first
            entity = entities.get(qid) or {}
            matched = _written_as(entity, wanted)
            label = _label(entity, lang)
            if matched is not None and label is not None:
                return NameEntity(name=name, label=label, source="wikidata", entity=qid,
                                  title=None, matched=matched)
        return None

    def _wikidata(self, params: dict[str, Any]) -> dict[str, Any]:
        assert self.wikidata is not None
        return self.wikidata.request(params)


def _label(entity: dict[str, Any], lang: str) -> str | None:
    labels = entity.get("labels") or {}
    for code in (lang, "mul"):
        label = labels.get(code)
        if isinstance(label, dict) and label.get("value"):
            return str(label["value"])
    return None


def _written_as(entity: dict[str, Any], wanted: str) -> str | None:
    """Where ``entity`` spells the name (``label (cs)``, ``alias (de)``), or ``None``."""
    for code, label in (entity.get("labels") or {}).items():
        if isinstance(label, dict) and str(label.get("value", "")).casefold() == wanted:
            return f"its label in {code}"
    for code, aliases in (entity.get("aliases") or {}).items():
        for alias in aliases or ():
            if isinstance(alias, dict) and str(alias.get("value", "")).casefold() == wanted:
                return f"an alias in {code}"
    return None


def _batches(names: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for name in names:
        batch.append(name)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
