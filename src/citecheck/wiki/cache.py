"""An on-disk cache of revisions: a revision never changes, so (site, revision id) is the key.

One SQLite file (stdlib ``sqlite3``) with each revision stored as zlib-compressed JSON: a single
file to delete, atomic writes, safe when two citecheck processes share it, and a wiki's history of
thousands of revisions in one transaction. Only revisions whose text was fetched and is visible
are stored (a hidden revision may be restored later). The cache is an optimisation: when it
cannot be opened or written it logs a warning and steps aside; a check never fails because of it.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from .pages import Revision

log = logging.getLogger("citecheck.wiki")

CACHE_ENV = "CITECHECK_CACHE_DIR"
FILENAME = "revisions.sqlite3"
SCHEMA_VERSION = 1
"""Stored in ``PRAGMA user_version``; a file of another version is emptied, not misread."""
_CHUNK = 500  # SQLite's limit on host parameters is 999 in older builds


def default_cache_dir() -> Path:
    """``$CITECHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/citecheck``, else ``~/.cache/citecheck``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citecheck"


class RevisionCache:
    """Revisions by (site, revid); opened lazily, on first use."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.path = self.directory / FILENAME
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def get(self, site: str, revid: int) -> Revision | None:
        return self.get_many(site, [revid]).get(revid)

    def get_many(self, site: str, revids: Sequence[int]) -> dict[int, Revision]:
        """The cached revisions among ``revids``; missing ones are simply absent."""
        db = self._connect()
        found: dict[int, Revision] = {}
        if db is None:
            return found
        try:
            for start in range(0, len(revids), _CHUNK):
                chunk = list(revids[start:start + _CHUNK])
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT revid, data FROM revisions WHERE site = ? AND revid IN ({marks})",
                    [site, *chunk],
                )
                for revid, data in rows:
                    found[revid] = Revision.from_json(json.loads(zlib.decompress(data)))
        except (sqlite3.Error, zlib.error, ValueError, TypeError) as error:
            self._give_up(error)
            return {}
        return found

    def put_many(self, site: str, revisions: Iterable[Revision]) -> None:
        """Store every revision that has visible text; one transaction."""
        rows = [
            (site, rev.revid, zlib.compress(json.dumps(rev.to_json()).encode("utf-8"), 6))
            for rev in revisions if rev.text is not None and "text" not in rev.hidden
        ]
        db = self._connect() if rows else None
        if db is None:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO revisions (site, revid, data) VALUES (?, ?, ?)", rows
                )
        except sqlite3.Error as error:
            self._give_up(error)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                db.execute("DROP TABLE IF EXISTS revisions")
            db.execute(
                "CREATE TABLE IF NOT EXISTS revisions (site TEXT NOT NULL, revid INTEGER NOT NULL,"
                " data BLOB NOT NULL, PRIMARY KEY (site, revid)) WITHOUT ROWID"
            )
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        except (OSError, sqlite3.Error) as error:
            self._give_up(error)
            return None
        self._db = db
        return db

    def _give_up(self, error: Exception) -> None:
        log.warning("revision cache %s disabled: %s", self.path, error)
        self._broken = True
        self.close()
