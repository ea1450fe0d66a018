"""``citecheck diff``: what an edit adds, before it is published (see :mod:`citecheck.editcheck`).

Three shapes, one comparison::

    citecheck diff [options] OLD NEW                      two files ('-': stdin, for one)
    citecheck diff [options] --site SITE OLDREV NEWREV    two revisions of a wiki
    citecheck diff [options] --site SITE --title T NEW    the page's current revision vs NEW

The output is the added findings (text, or ``citecheck.report/1`` JSON with a ``diff`` object);
exit codes are those of ``check``: 1 when an added finding reaches ``--fail-on``, 2 for a usage
or input error (a missing revision included), 3 when the wiki could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from . import cli as _cli
from .editcheck import EditCheck, diff
from .errors import BadRevision, CitecheckError, InputError, UsageError
from .findings import Severity
from .formats.text import _Paint, format_finding
from .report import Source

if TYPE_CHECKING:
    from .wiki import Revision

USAGE = """\
citecheck diff [options] OLD NEW
       citecheck diff [options] --site SITE OLDREV NEWREV
       citecheck diff [options] --site SITE --title TITLE NEW"""


def add_diff_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``diff`` on the subcommands of ``citecheck``."""
    diff_cmd = commands.add_parser(
        "diff",
        help="report only the problems an edit adds (Edit Check, before publishing)",
        usage=USAGE,
        description="Check the text before an edit (OLD) and after it (NEW) and report only the "
        "findings NEW adds: new or changed prose without a reference, and new reference "
        "problems. By default only the coverage (C1) and reference (R2) rules are considered, "
        "and dead-link (S4) with --online; --select replaces that scope and --ignore narrows "
        "it.",
        epilog="exit status: 0 nothing added at or above --fail-on, 1 something added, "
        "2 usage or input error (no such file, page or revision), 3 the wiki could not be read",
        allow_abbrev=False,
    )
    add = diff_cmd.add_argument
    add("old", nargs="?", metavar="OLD",
        help="the text before the edit: a file ('-' reads stdin) or, with --site, a revision id")
    add("new", nargs="?", metavar="NEW",
        help="the text after the edit: a file ('-' reads stdin) or, with --site, a revision id")
    add("--format", choices=("text", "json"), default="text",
        help="text: the added findings and a summary line; json: citecheck.report/1 of NEW "
        "with its added findings and a diff object (default: text)")
    add("--input-format", choices=("auto", "wikitext", "text"), default="auto",
        help="what the files are: wikitext, rendered text, or guess from NEW (default: auto)")
    _cli.add_config_options(diff_cmd)
    add("--title", help="the article's title; with --site, the page whose current revision is "
        "OLD (then give only NEW, a file)")
    add("--color", choices=("auto", "always", "never"), default="auto",
        help="colour text output: auto means when stdout is a terminal and NO_COLOR is unset")
    _cli.add_wiki_options(diff_cmd, "wiki revisions", "compare revisions read from a wiki")
    _cli.add_online_options(diff_cmd)


def diff_command(args: argparse.Namespace) -> int:
    """Run ``citecheck diff``; errors are raised as CitecheckError for ``main`` to print."""
    config = _cli.config_of(args)
    old_text, old_source, new_text, new_source = _inputs(args)
    fmt = args.input_format if args.site is None else "wikitext"
    try:
        result = diff(old_text, new_text, config=config, format=fmt, title=args.title,
                      old_source=old_source, new_source=new_source,
                      online=_cli.online_gatherer(args))
    except CitecheckError:
        raise
    except Exception as error:
        _cli._crash(_name(new_source), error)
        return _cli.EXIT_ERROR
    if args.format == "json":
        output = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    else:
        output = format_diff_text(result, color=_cli.use_color(args.color, sys.stdout))
    _cli._emit(output, sys.stdout, utf8=args.format == "json")
    return _cli.exit_status([result.report], args.fail_on)


def _inputs(args: argparse.Namespace) -> tuple[str, Source, str, Source]:
    """OLD and NEW, with where each came from, in the argument shape given."""
    given = [p for p in (args.old, args.new) if p is not None]
    if args.site is None:
        if len(given) != 2:
            raise UsageError("the following arguments are required: OLD NEW (two files, or "
                             "--site with two revision ids)")
        if given.count("-") > 1:
            raise UsageError("'-' (stdin) can be given only once")
        old_path, new_path = given
        return (_cli.read_input(old_path), _file(old_path, args.title),
                _cli.read_input(new_path), _file(new_path, args.title))
    if args.title is not None:
        if len(given) != 1:
            raise UsageError("with --site and --title, give only NEW (a file): OLD is the "
                             "page's current revision")
        new_text = _cli.read_input(given[0])  # before the network: a typo fails at once
        _cli._show_wiki_warnings()
        old_text, old_source = _current(args)
        return old_text, old_source, new_text, _file(given[0], old_source.title)
    if len(given) != 2:
        raise UsageError("with --site, give OLDREV and NEWREV (two revision ids), or --title "
                         "and NEW (a file)")
    old_id, new_id = (_revision_id(value) for value in given)
    _cli._show_wiki_warnings()
    return _revisions(args, old_id, new_id)


def _file(path: str, title: str | None) -> Source:
    return Source(path=None if path == "-" else path, title=title)


def _name(source: Source) -> str:
    if source.path is not None or source.revision is None:
        return source.path or "-"
    return f"{source.title or ''}@{source.revision}"


def format_diff_text(result: EditCheck, *, color: bool = False) -> str:
    """Each added finding as ``check`` shows findings, then ``N new problems, M fixed``."""
    report = _cli._named(result.report)
    paint = _Paint(color)
    lines: list[str] = []
    for finding in report.findings:
        lines.extend(format_finding(report, finding, paint))
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: EditCheck) -> str:
    """``2 new problems (1 error, 1 warning, 0 info), 1 fixed``; no breakdown when none."""
    added = len(result.added)
    text = f"{added} new problem{'' if added == 1 else 's'}"
    if added:
        counts = {s: sum(1 for f in result.added if f.severity is s) for s in Severity}
        text += (f" ({_plural(counts[Severity.ERROR], 'error')}, "
                 f"{_plural(counts[Severity.WARNING], 'warning')}, "
                 f"{counts[Severity.INFO]} info)")
    return f"{text}, {len(result.resolved)} fixed"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _revision_id(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise UsageError(f"with --site, OLD and NEW are revision ids (positive numbers), "
                         f"not {value!r}")
    return int(value)


def _current(args: argparse.Namespace) -> tuple[str, Source]:
    """The text of the page's current revision (redirects followed and noted)."""
    with _cli.wiki_client(args) as client:
        page = client.page(args.title)
    if page.resolution.redirected:
        _cli._note(page.resolution.describe())
    return _text_of(client.site, page.revision), Source(title=page.revision.title,
                                                        revision=page.revision.revid)


def _revisions(args: argparse.Namespace, old_id: int, new_id: int
               ) -> tuple[str, Source, str, Source]:
    with _cli.wiki_client(args) as client:
        old, new = client.revisions_by_id([old_id, new_id])
    if old.title != new.title:
        _cli._note(f"{client.site}: revision {old.revid} is of “{old.title}”, revision "
                   f"{new.revid} of “{new.title}”")
    return (_text_of(client.site, old), Source(title=old.title, revision=old.revid),
            _text_of(client.site, new), Source(title=new.title, revision=new.revid))


def _text_of(site: str, revision: Revision) -> str:
    """The revision's wikitext, or the error ``check --site`` gives for it."""
    where = f"{site}: {revision.title} (revision {revision.revid})"
    if revision.text is None:
        raise BadRevision(f"{where}: the text of this revision is hidden or missing")
    if revision.content_model not in (None, "wikitext"):
        raise InputError(f"{where}: the page holds {revision.content_model}, not wikitext")
    return revision.text


__all__ = ["add_diff_command", "diff_command", "format_diff_text", "summary"]

