"""``citecheck audit FILE`` and ``citecheck audit --site SITE --title T``: audit a page's
history, from a MediaWiki export file or from the wiki's API.

The command reads the export as a stream (a gigabyte of history stays a few megabytes of
memory), keeps one page and the range asked for, audits it with one Checker, and prints the
result as text or ``citecheck.audit/1`` JSON. Exit codes are those of ``check``: 1 when a finding
open at the newest revision reaches ``--fail-on``, 2 for a usage or input error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import IO, TYPE_CHECKING

from .. import cli as _cli
from ..checker import Checker
from ..errors import BadRevision, CitecheckError, InputError, UsageError
from .audit import Auditor, AuditResult, NotInHistory, RevisionLike, RevisionRange
from .dump import DumpReader, Revision, normalise_title, parse_time
from .formats import AuditWriter

if TYPE_CHECKING:
    from ..wiki import WikiClient

CONFIG_OPTIONS = ("--select", "--ignore", "--policy", "--lead", "--lists", "--captions",
                  "--lang", "--lexicon", "--fail-on")
"""The options ``audit`` shares with ``check`` (both from ``cli.add_config_options``)."""


def add_audit_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``audit`` on the subcommands of ``citecheck``."""
    audit_cmd = commands.add_parser(
        "audit",
        help="audit an article's history: what each revision introduced and resolved",
        description="Check every revision of a page, oldest first, read from a MediaWiki "
        "export file or from a wiki (--site); report the findings each revision introduced "
        "and resolved, and for every finding open at the newest revision the revision, time "
        "and user that introduced it.",
        epilog="exit status: 0 no open finding at or above --fail-on, 1 some, "
        "2 usage or input error (unreadable, truncated or non-export file, no such page or "
        "revision), 3 the wiki could not be read",
        allow_abbrev=False,
    )
    add = audit_cmd.add_argument
    add("path", metavar="FILE", nargs="?",
        help="a MediaWiki export with revisions: .xml, or compressed .xml.bz2, .xml.gz, "
        ".xml.xz, .xml.lzma (recognised by content); '-' reads stdin (or give --site and "
        "--title instead)")
    add("--title", help="the page to audit: with --site, the page to read; with FILE, the one "
        "to keep when the file holds several (default: its only page)")
    window = audit_cmd.add_argument_group(
        "range", "audit part of the history (one of these; the revision before the range is "
        "checked too, to compare the first one with)")
    window.add_argument("--since", type=_date, metavar="DATE",
                        help="revisions made at or after DATE (2009-05-01, or an ISO time)")
    window.add_argument("--revisions", type=_positive, metavar="N",
                        help="the last N revisions")
    window.add_argument("--from", dest="first", type=_positive, metavar="REV",
                        help="from this revision id (default: the oldest)")
    window.add_argument("--to", dest="until", type=_positive, metavar="REV",
                        help="up to this revision id (default: the newest)")
    add("--format", choices=("text", "json"), default="text",
        help="text: one line a revision, then the open findings; json: citecheck.audit/1 "
        "(default: text)")
    _cli.add_config_options(audit_cmd)
    _cli.add_wiki_options(audit_cmd, "wiki pages",
                          "audit a page's history read from a MediaWiki wiki")
    add("--progress", choices=("auto", "always", "never"), default="auto",
        help="show progress on stderr: auto means when stderr is a terminal")


def audit_command(args: argparse.Namespace) -> int:
    """Run ``citecheck audit``; errors are raised as CitecheckError for ``main`` to print."""
    if args.site is not None:
        return _audit_wiki(args)
    if args.path is None:
        raise UsageError("the following arguments are required: FILE (or --site with --title)")
    for option, given in (("--user-agent", args.user_agent), ("--cache-dir", args.cache_dir),
                          ("--no-cache", args.no_cache)):
        if given:
            raise UsageError(f"{option} needs --site (it is about reading a wiki)")
    reader = DumpReader(args.path)
    revisions = one_page(reader, args.title, reader.name)
    return run_audit(revisions, args, name=reader.name,
                     path=None if args.path == "-" else args.path, fraction=reader.fraction)


def _audit_wiki(args: argparse.Namespace) -> int:
    """``audit --site SITE --title T``: the page's history read from the wiki's API."""
    if args.path is not None:
        raise UsageError("give FILE or --site with --title, not both")
    if args.title is None:
        raise UsageError("--site needs --title (the page whose history to audit)")
    _range(args)  # one range option at most, before any request
    _cli._show_wiki_warnings()
    with _cli.wiki_client(args) as client:
        resolution, pageid = client.resolve(args.title)
        if resolution.redirected:
            _cli._note(resolution.describe())
        revisions = wiki_history(client, resolution.title, pageid, args)
        return run_audit(revisions, args, name=f"{client.site}: {resolution.title}",
                         site=client.site)


def wiki_history(client: WikiClient, title: str, pageid: int, args: argparse.Namespace
                 ) -> Iterator[RevisionLike]:
    """The revisions of ``title`` that the range options ask for, oldest first, preceded by the
    one just before the range (the baseline :class:`RevisionRange` compares the first with).

    Only what is needed is listed and fetched: the newest N + 1, the revisions from a time or
    an id on; texts come from the revision cache when it has them.
    """
    if args.revisions is not None:
        newest = list(client.revisions(title, limit=args.revisions + 1, newest_first=True))
        yield from reversed(newest)
        return
    if args.since is not None:
        since = args.since.astimezone(UTC)
        before = since - timedelta(seconds=1)
        yield from client.revisions(title, limit=1, newest_first=True, start=_api_time(before))
        yield from client.revisions(title, newest_first=False, start=_api_time(since))
        return
    if args.first is not None:
        first = client.revision(args.first)
        if first.pageid != pageid:
            raise UsageError(f"{client.site}: revision {first.revid} (--from) is of "
                             f"“{first.title}”, not of “{title}”")
        if first.parentid:
            try:
                yield client.revision(first.parentid)
            except BadRevision:
                pass  # the parent was deleted: the range starts without a baseline
    yield from client.revisions(title, newest_first=False, start_id=args.first,
                                end_id=args.until)


def _api_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def run_audit(
    revisions: Iterable[RevisionLike],
    args: argparse.Namespace,
    *,
    name: str,
    path: str | None = None,
    site: str | None = None,
    fraction: Callable[[], float | None] | None = None,
) -> int:
    """Audit ``revisions`` (one page, oldest first, from any source) as the options in ``args``
    ask, print the result and return the exit status.

    ``name`` starts error messages; ``path`` or ``site`` is the result's source; ``fraction``
    tells the progress bar how much of the input was read. Each revision is written out as soon
    as it is audited, so memory does not grow with the history.
    """
    revision_range = _range(args)
    config = _cli.config_of(args)
    progress = Progress(sys.stderr, _show_progress(args.progress, sys.stderr), fraction)
    auditor = Auditor(Checker(config), keep=False)  # each revision goes to the writer instead
    with AuditWriter(args.format) as writer:
        try:
            for revision, is_baseline in revision_range.select(progress.counting(revisions)):
                if is_baseline:
                    auditor.set_baseline(revision)
                else:
                    writer.add(auditor.feed(revision))
                    progress.audited()
        except NotInHistory as error:
            raise UsageError(f"{name}: {error}") from None
        except CitecheckError:
            raise
        except Exception as error:
            progress.close()
            _cli._crash(name, error)
            return _cli.EXIT_ERROR
        finally:
            progress.close()
        result = auditor.result(path=path, site=site)
        if not result.total:
            raise UsageError(f"{name}: no revision in the range asked for")
        utf8 = args.format == "json"
        writer.finish(result, lambda text: _cli._emit(text, sys.stdout, utf8=utf8))
    return exit_status(result, args.fail_on)


def exit_status(result: AuditResult, fail_on: str) -> int:
    """1 when a finding open at the newest revision is at or above ``fail_on``."""
    threshold = _cli.FAIL_LEVELS[fail_on]
    worst = result.worst()
    if threshold is None or worst is None:
        return _cli.EXIT_OK
    return _cli.EXIT_FINDINGS if worst.rank >= threshold else _cli.EXIT_OK


def one_page(revisions: Iterable[Revision], title: str | None, name: str
             ) -> Iterator[Revision]:
    """The revisions of the page titled ``title``, or of the file's only page.

    Reading stops when the page asked for is over. Without ``title``, a second page is a
    usage error naming the first two (the audit is of one page).
    """
    wanted = normalise_title(title) if title is not None else None
    first: Revision | None = None
    others: list[str] = []
    for revision in revisions:
        key = revision.pageid if revision.pageid is not None else revision.title
        if wanted is not None and normalise_title(revision.title) != wanted:
            if first is not None:
                return  # the page asked for is over
            if revision.title not in others:
                others.append(revision.title)
            continue
        if first is None:
            first = revision
        elif key != (first.pageid if first.pageid is not None else first.title):
            raise UsageError(f"{name} holds more than one page (“{first.title}”, "
                             f"“{revision.title}”…); choose one with --title")
        yield revision
    if first is None and wanted is not None:
        shown = ", ".join(f"“{t}”" for t in others[:5]) + ("…" if len(others) > 5 else "")
        holds = f"; it holds {shown}" if others else ""
        raise UsageError(f"{name}: no page titled “{title}”{holds}")
    if first is None:
        raise InputError(f"{name}: the export holds no revisions")


class Progress:
    """A one-line progress bar on stderr, redrawn in place with ``\\r`` at most ten times a
    second; the total number of revisions is unknown, so the bar shows how much of the input
    has been read (``fraction``), when that is known."""

    WIDTH = 20

    def __init__(self, stream: IO[str], enabled: bool,
                 fraction: Callable[[], float | None] | None = None) -> None:
        self.stream = stream
        self.enabled = enabled
        self.fraction = fraction
        self.read = 0
        self.done = 0
        self.current: RevisionLike | None = None
        self._start = time.monotonic()
        self._drawn = 0.0
        self._shown = False

    def counting(self, revisions: Iterable[RevisionLike]) -> Iterator[RevisionLike]:
        for revision in revisions:
            self.read += 1
            self.current = revision
            self._draw()
            yield revision

    def audited(self) -> None:
        self.done += 1
        self._draw()

    def _draw(self) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._drawn < 0.1:
            return
        self._drawn = now
        fraction = self.fraction() if self.fraction is not None else None
        if fraction is None:
            bar = ""
        else:
            filled = round(fraction * self.WIDTH)
            bar = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {fraction:4.0%} "
        rate = self.done / max(now - self._start, 1e-9)
        rev = self.current
        where = f" · rev {rev.revid} {rev.timestamp[:10]}" if rev is not None else ""
        line = f"audit {bar}{self.read} read, {self.done} audited ({rate:.1f}/s){where}"
        width = shutil.get_terminal_size((80, 24)).columns - 1
        self.stream.write("\r" + line[:width].ljust(width))
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            width = shutil.get_terminal_size((80, 24)).columns - 1
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self._shown = False


def _show_progress(choice: str, stream: IO[str]) -> bool:
    if choice != "auto":
        return choice == "always"
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _range(args: argparse.Namespace) -> RevisionRange:
    given = [name for name, value in (("--since", args.since), ("--revisions", args.revisions),
                                      ("--from/--to", args.first or args.until))
             if value is not None]
    if len(given) > 1:
        raise UsageError("give one of --since, --revisions, --from/--to, "
                         f"not {' and '.join(given)}")
    return RevisionRange(since=args.since, last=args.revisions, first=args.first,
                         until=args.until)


def _date(value: str) -> object:
    moment = parse_time(value)
    if moment is None:
        raise argparse.ArgumentTypeError(
            f"a date is 2009-05-01 or an ISO time such as 2009-05-01T12:00:00Z, not {value!r}")
    return moment


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, not {value!r}")
    return int(value)


__all__ = ["add_audit_command", "audit_command", "exit_status", "one_page", "run_audit"]
