"""The online half of ``name-variant``: names the wiki or Wikidata spell otherwise.

Reads :attr:`citecheck.lookups.Lookups.names` (gathered by :mod:`citecheck.wiki.authority` with
``--online``); never fetches. A name is flagged when the authority's spelling in the article's
language is a *spelling* variant of it, word by word (:func:`citecheck.names.classify_names`:
as many words, each differing word a transliteration, diacritics or misspelling variant): a
redirect or an alias that is another name form ("Bill Clinton" for "William Jefferson Clinton",
a stage name for a birth name) is no variant and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..findings import Finding, Related
from ..lookups import NameEntity
from ..model import Article
from ..names import SHOWN_KINDS, NameMention, classify_names
from ..spans import Span
from ._base import Rule


def authority_findings(
    rule: type[Rule],
    article: Article,
    entities: Mapping[str, Any],
    flagged: set[str],
) -> Iterator[Finding]:
    """Findings for the names ``entities`` resolves to another spelling; ``flagged`` holds the
    variant words the offline check reported already (no second finding for them)."""
    places: dict[str, list[tuple[Span, NameMention]]] = {}
    for mention in article.names:
        if mention.kind not in SHOWN_KINDS:
            continue
        words = mention.text.split()
        # the longest ending of the run that the authority resolved ("Boris Jelcin" in
        # "President Boris Jelcin")
        for k in range(max(0, len(words) - 5), len(words) - 1):
            name = " ".join(words[k:])
            if name in entities:
                places.setdefault(name, []).append((_span_of(article, mention, name), mention))
                break
    for name, found in places.items():
        entity = entities[name]
        if not isinstance(entity, NameEntity) or entity.label == name:
            continue
        variation = classify_names(entity.label, name)
        if variation is None:
            continue
        if {new for _old, new in _changed_words(entity.label, name)} <= flagged:
            continue
        first_span, first = found[0]
        how = variation.describe()
        if entity.source == "redirect":
            evidence = f"the wiki's page “{entity.label}” is where “{name}” redirects"
        else:
            language = article.language or "the article's language"
            evidence = (f"Wikidata item {entity.entity} is labelled “{entity.label}” in "
                        f"{language} and has “{name}” as {entity.matched}")
        message = (f"“{name}” looks like a variant spelling of “{entity.label}” ({how}); "
                   f"{evidence}")
        yield rule.finding(
            first_span,
            message,
            claim=first.claim,
            related=[Related(span, f"the variant “{name}” here too") for span, _m in found[1:]],
            key=f"{entity.label}\0{name}",
            data={
                "dominant": entity.label,
                "variant": name,
                "variation": variation.kind,
                "differences": [list(d) for d in variation.differences],
                "dominant_count": 0,
                "variant_count": len(found),
                "evidence": ["authority"],
                "suggestion": entity.label,
                "authority": {"source": entity.source, "entity": entity.entity,
                              "title": entity.title, "matched": entity.matched},
            },
        )


def _span_of(article: Article, mention: NameMention, name: str) -> Span:
    """Where ``name`` is written inside ``mention`` (its last occurrence there), or the
    mention's span when the input writes it with other spacing or markup."""
    span = mention.span
    at = article.text.rfind(name, span.start, span.end)
    return Span(at, at + len(name)) if at >= 0 else span


def _changed_words(a: str, b: str) -> list[tuple[str, str]]:
    return [(x, y) for x, y in zip(a.split(), b.split(), strict=False) if x != y]
