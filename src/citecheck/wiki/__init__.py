"""Reading pages and revisions from a MediaWiki wiki: the only part of citecheck that fetches.

Rules never fetch: the CLI (or a caller) reads a revision here and hands its text to
``citecheck.check``, with the title and revision id for the report's source.
"""

from .cache import RevisionCache, default_cache_dir
from .client import DEFAULT_USER_AGENT, WikiClient, api_url
from .pages import Hop, Page, Resolution, Revision

__all__ = [
    "DEFAULT_USER_AGENT",
    "Hop",
    "Page",
    "Resolution",
    "Revision",
    "RevisionCache",
    "WikiClient",
    "api_url",
    "default_cache_dir",
]
