"""Check configuration: which rules run and the policies they apply."""

from __future__ import annotations

import datetime
from typing import Literal

import attrs

from .errors import ConfigError

Policy = Literal["paragraph", "sentence"]
Toggle = Literal["check", "skip"]
_POLICIES = ("paragraph", "sentence")
_TOGGLES = ("check", "skip")


def _one_of(allowed: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def check(_inst: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
        if value not in allowed:
            raise ConfigError(
                f"{attribute.name} must be one of {', '.join(allowed)}, not {value!r}"
            )

    return check


def _iso_date(_inst: object, attribute: attrs.Attribute, value: str | None) -> None:  # type: ignore[type-arg]
    if value is None:
        return
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{attribute.name} must be an ISO date (YYYY-MM-DD), not {value!r}") from None


@attrs.frozen
class Config:
    """What to check and how. Every field has the default a Wikipedia editor would expect."""

    policy: Policy = attrs.field(default="paragraph", validator=_one_of(_POLICIES))
    """``paragraph``: a reference later in the same paragraph covers the sentences before it
    (Wikipedia's practice); ``sentence``: every sentence needs its own reference."""
    lead: Toggle = attrs.field(default="check", validator=_one_of(_TOGGLES))
    """``skip`` exempts the lead section, as WP:LEADCITE allows when the body cites the facts."""
    lists: Toggle = attrs.field(default="check", validator=_one_of(_TOGGLES))
    """Whether list items that read as sentences need references."""
    captions: Toggle = attrs.field(default="skip", validator=_one_of(_TOGGLES))
    """Whether image captions need references."""
    select: tuple[str, ...] = ()
    """Rule names, codes or code prefixes to run (empty: all)."""
    ignore: tuple[str, ...] = ()
    """Rule names, codes or code prefixes not to run."""
    lang: str | None = None
    """Wiki language code; ``None`` guesses it from the text and accepts every known language."""
    today: str | None = attrs.field(default=None, validator=_iso_date)
    """The date the check runs as (ISO ``YYYY-MM-DD``), for dates "in the future"; ``None`` is
    the real today. Set it to a revision's date to check an old revision as of its time."""
    names_lexicon: tuple[str, ...] = ()
    """Canonical spellings of names (``--lexicon``), one name an entry; ``variant => canonical``
    also declares a variant. ``name-variant`` takes them as the dominant spelling."""

    def enabled(self, code: str, name: str) -> bool:
        def matches(patterns: tuple[str, ...]) -> bool:
            return any(p == name or code.startswith(p.upper()) for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)
