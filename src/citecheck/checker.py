"""A reusable checker for many versions of one article (revision audits, editors' live checks).

``Checker.check(text)`` gives the same Report as :func:`citecheck.check` with one configuration
for every version. It is the single place where a later change can reuse work between versions
(unchanged sections); today each text is checked whole, and the audit reuses the results of
identical texts (reverts) itself.
"""

from __future__ import annotations

from .api import check
from .config import Config
from .report import Report


class Checker:
    """Checks successive versions of an article with one configuration."""

    def __init__(self, config: Config | None = None, *, format: str = "wikitext") -> None:
        self.config = config or Config()
        self.format = format

    def check(
        self,
        text: str,
        *,
        title: str | None = None,
        path: str | None = None,
        revision: int | None = None,
    ) -> Report:
        return check(
            text, format=self.format, title=title, config=self.config, path=path,  # type: ignore[arg-type]
            revision=revision,
        )
