"""What the wiki layer hands on: revisions, pages and how a requested title was resolved.

Values only, read from the API's ``formatversion=2`` JSON; nothing here talks to the network.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

HopKind = Literal["normalized", "converted", "redirect"]
HIDDEN_FIELDS = ("text", "user", "comment")


@attrs.frozen
class Revision:
    """One revision of a page; ``text`` is ``None`` when not fetched or hidden (revision
    deletion), ``user`` and ``comment`` are ``None`` when hidden."""

    revid: int
    parentid: int | None
    """``None`` for a page's first revision."""
    pageid: int
    title: str
    """The page's title when the revision was fetched (a later move does not change it here)."""
    timestamp: str
    user: str | None = None
    comment: str | None = None
    size: int | None = None
    minor: bool = False
    text: str | None = None
    content_model: str | None = None
    hidden: tuple[str, ...] = ()
    """Which of ``text``, ``user``, ``comment`` the wiki hides."""

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False) | {"hidden": list(self.hidden)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Revision:
        return cls(**{**data, "hidden": tuple(data.get("hidden", ()))})


def revision_from_api(page: dict[str, Any], rev: dict[str, Any]) -> Revision:
    """A Revision from one entry of ``query.pages[].revisions`` (formatversion=2, rvslots)."""
    main = (rev.get("slots") or {}).get("main") or {}
    hidden = tuple(field for field, flag in
                   (("text", "texthidden"), ("user", "userhidden"), ("comment", "commenthidden"))
                   if rev.get(flag) or (field == "text" and main.get(flag)))
    text = main.get("content")
    if text is None and "slots" not in rev:
        text = rev.get("content")  # a wiki too old for rvslots answers without slots
    return Revision(
        revid=int(rev["revid"]),
        parentid=int(rev["parentid"]) if rev.get("parentid") else None,
        pageid=int(page.get("pageid", 0)),
        title=str(page.get("title", "")),
        timestamp=str(rev.get("timestamp", "")),
        user=rev.get("user") if "user" not in hidden else None,
        comment=rev.get("comment") if "comment" not in hidden else None,
        size=rev.get("size"),
        minor=bool(rev.get("minor")),
        text=text if "text" not in hidden else None,
        content_model=main.get("contentmodel") or rev.get("contentmodel"),
        hidden=hidden,
    )


@attrs.frozen
class Hop:
    """One step from the requested title to the page: normalisation, variant or redirect."""

    source: str
    target: str
    kind: HopKind
    fragment: str | None = None

    def describe(self) -> str:
        target = f"{self.target}#{self.fragment}" if self.fragment else self.target
        return f"{target} ({self.kind})"


@attrs.frozen
class Resolution:
    """How the title a user gave became the page read, every hop kept so it can be reported."""

    requested: str
    title: str
    hops: tuple[Hop, ...] = ()

    @property
    def redirected(self) -> bool:
        return any(h.kind == "redirect" for h in self.hops)

    def describe(self) -> str:
        """``Adams, Douglas → Douglas Adams (redirect)``; just the title when nothing changed."""
        if not self.hops:
            return self.title
        return " → ".join([self.hops[0].source, *(h.describe() for h in self.hops)])


def resolution_from_api(requested: str, query: dict[str, Any]) -> Resolution:
    """Follow ``normalized``, ``converted`` and ``redirects`` of a query from ``requested``."""
    steps: dict[str, tuple[str, HopKind, str | None]] = {}
    for kind, key in (("normalized", "normalized"), ("converted", "converted"),
                      ("redirect", "redirects")):
        for entry in query.get(key) or ():
            steps.setdefault(str(entry["from"]), (str(entry["to"]), kind,  # type: ignore[arg-type]
                                                  entry.get("tofragment")))
    hops: list[Hop] = []
    title = requested
    seen = {title}
    while title in steps:
        target, kind, fragment = steps[title]
        hops.append(Hop(title, target, kind, fragment))
        title = target
        if title in seen:  # a redirect loop: the API stops, so do we
            break
        seen.add(title)
    return Resolution(requested=requested, title=title, hops=tuple(hops))


@attrs.frozen
class Page:
    """A page as read: the resolved title and the revision asked for (the current one by
    default)."""

    resolution: Resolution
    revision: Revision

    @property
    def title(self) -> str:
        return self.revision.title

    @property
    def pageid(self) -> int:
        return self.revision.pageid
