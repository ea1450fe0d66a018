"""The ``citecheck`` command: check files, stdin or wiki pages, list and explain rules.

Exit codes: 0 when no finding reaches ``--fail-on``; 1 when one does; 2 for a usage or input
error (a missing page or revision included); 3 when a wiki could not be read (network, server
or API failure). Errors are always one line ``citecheck: error: …`` on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import difflib
import logging
import os
import re
import sys
import traceback
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, NoReturn

import attrs

from . import __version__
from .api import check
from .config import Config
from .errors import BadRevision, CitecheckError, InputError, UsageError
from .findings import Severity
from .formats import format_json, format_text
from .formats.text import STDIN_NAME
from .lookups import Gatherer
from .names import parse_lexicon
from .report import Report
from .rules import BY_CODE, BY_NAME, RULES

if TYPE_CHECKING:
    from .wiki import WikiClient


EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_WIKI = 3
"""A wiki could not be read; the exit code of WikiError (its usage-like subclasses exit 2)."""
EXIT_INTERRUPTED = 130
FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": None}
_LANG = re.compile(r"^[a-z]{2,}(-[a-z0-9]+)*$")
DEBUG_ENV = "CITECHECK_DEBUG"
"""Set to print the traceback of an unexpected crash (a bug in citecheck) after its one line."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors become UsageError, so main() reports them as one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="citecheck",
        description="Check the citations of wiki articles (wikitext or rendered text).",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_check(commands)
    from .history.cli import add_audit_command  # here: history.cli imports this module

    add_audit_command(commands)
    from .editcheck_cli import add_diff_command  # here: editcheck_cli imports this module

    add_diff_command(commands)
    rules = commands.add_parser(
        "rules",
        help="list the rules, or show one rule's documentation",
        description="List every rule (code, name, severity, summary), or explain one.",
        allow_abbrev=False,
    )
    rules.add_argument("rule", nargs="?", metavar="NAME", help="a rule name or code")
    return parser


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """The options that make a :class:`Config`, shared by ``check`` and ``audit``."""
    add = parser.add_argument
    add("--select", action="append", default=[], metavar="RULES",
        help="only run these rules: comma-separated names, codes or code prefixes (repeatable)")
    add("--ignore", action="append", default=[], metavar="RULES",
        help="do not run these rules: names, codes or code prefixes (repeatable)")
    add("--policy", choices=("paragraph", "sentence"), default="paragraph",
        help="paragraph: a later reference in the paragraph covers earlier sentences; "
        "sentence: every sentence needs its own (default: paragraph)")
    add("--lead", choices=("check", "skip"), default="check",
        help="check the lead section for uncited claims (default: check)")
    add("--lists", choices=("check", "skip"), default="check",
        help="check list items that read as sentences (default: check)")
    add("--captions", choices=("check", "skip"), default="skip",
        help="check image captions (default: skip)")
    add("--lang", metavar="CODE", help="wiki language code (default: guess from the text)")
    add("--lexicon", metavar="FILE",
        help="canonical spellings of names for name-variant: one name a line, '#' comments, "
        "'variant => canonical' lines")
    add("--fail-on", choices=tuple(FAIL_LEVELS), default="warning",
        help="exit 1 when a finding has this severity or worse (default: warning)")


def add_wiki_options(parser: argparse.ArgumentParser, title: str, description: str
                     ) -> argparse._ArgumentGroup:
    """``--site`` and how to read it (``--user-agent``, ``--cache-dir``, ``--no-cache``), shared
    by ``check``, ``audit`` and ``diff``; the group, for a command's own wiki options."""
    wiki = parser.add_argument_group(title, description)
    wiki.add_argument("--site", metavar="SITE",
                      help="the wiki: a domain (en.wikipedia.org) or the URL of its api.php")
    wiki.add_argument("--user-agent", metavar="UA",
                      help="User-Agent to send, with your contact as Wikimedia asks "
                      "(default: $CITECHECK_USER_AGENT or citecheck's own)")
    wiki.add_argument("--cache-dir", metavar="DIR",
                      help="where revisions are cached (default: $CITECHECK_CACHE_DIR or "
                      "~/.cache/citecheck)")
    wiki.add_argument("--no-cache", action="store_true",
                      help="neither read nor write the revision cache")
    return wiki


def wiki_client(args: argparse.Namespace) -> WikiClient:
    """The client of ``--site`` with the revision cache the options ask for."""
    from .wiki import RevisionCache, WikiClient  # requests is imported only when needed

    cache = None if args.no_cache else RevisionCache(args.cache_dir)
    return WikiClient(args.site, user_agent=args.user_agent, cache=cache)


def config_of(args: argparse.Namespace) -> Config:
    """The Config of any command's options: ``make_config`` reads them with the defaults of
    ``check`` under them, so an option ``check`` gains later needs no change elsewhere."""
    defaults = vars(build_parser().parse_args(["check"]))
    return make_config(argparse.Namespace(**{**defaults, **vars(args)}))


def _add_check(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check_cmd = commands.add_parser(
        "check",
        help="check articles and report their findings",
        description="Check the citations of each article, or of a wiki page, and report the "
        "findings.",
        epilog="exit status: 0 no finding at or above --fail-on, 1 some, "
        "2 usage or input error (no such page or revision), 3 the wiki could not be read",
        allow_abbrev=False,
    )
    add = check_cmd.add_argument
    add("paths", nargs="*", metavar="PATH",
        help="article files to check; '-' reads stdin (or give --site and a page instead)")
    add("--format", choices=("text", "json"), default="text",
        help="output format (default: text)")
    add("--input-format", choices=("auto", "wikitext", "text"), default="auto",
        help="what the input is: wikitext, rendered text, or guess (default: auto)")
    add_config_options(check_cmd)
    add("--title", help="article title (only with a single PATH); with --site, the page to check")
    add("--color", choices=("auto", "always", "never"), default="auto",
        help="colour text output: auto means when stdout is a terminal and NO_COLOR is unset")
    wiki = add_wiki_options(check_cmd, "wiki pages", "check a page read from a MediaWiki wiki")
    wiki.add_argument("--revision", type=_revision_id, metavar="ID",
                      help="check this revision (default: the page's current one)")
    add_online_options(check_cmd)


def add_online_options(parser: argparse.ArgumentParser) -> None:
    """``--online`` and its limits, for the commands that can look things up (check, diff)."""
    online = parser.add_argument_group(
        "online look-ups", "fetch what the rules need from the network (off by default)")
    online.add_argument("--online", action="store_true",
                        help="check every URL the references cite (dead-link) and look the "
                        "article's names up on its wiki and on Wikidata (name-variant); the "
                        "User-Agent is --user-agent's")
    online.add_argument("--allow-address", action="append", default=[], metavar="ADDR",
                        type=_address,
                        help="let the link checker reach this private address or network "
                        "(127.0.0.1, 10.0.0.0/8), for tests and intranets (repeatable)")
    online.add_argument("--link-timeout", type=_seconds, default=20.0, metavar="SECONDS",
                        help="time limit of one link's fetch, redirects included (default: 20)")
    online.add_argument("--names-site", metavar="SITE",
                        help="the wiki whose redirects confirm names (default: the --site wiki, "
                        "else the Wikipedia of the article's language)")
    online.add_argument("--wikidata", metavar="SITE", default="www.wikidata.org",
                        help="the Wikidata that names are looked up on, or 'none' "
                        "(default: www.wikidata.org)")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 600:
        raise argparse.ArgumentTypeError(f"a time limit is a number of seconds in (0, 600], "
                                         f"not {value!r}")
    return seconds


def _address(value: str) -> str:
    import ipaddress

    try:
        ipaddress.ip_network(value.strip().strip("[]"), strict=False)
    except ValueError:
        raise argparse.ArgumentTypeError(f"an IP address or network such as 127.0.0.1 or "
                                         f"10.0.0.0/8, not {value!r}") from None
    return value.strip()


def online_gatherer(args: argparse.Namespace) -> Gatherer | None:
    """The gatherer of ``--online`` (``None`` without it), one per run: kept on ``args`` so that
    every input of the run shares its fetches (a URL cited twice is fetched once)."""
    if not getattr(args, "online", False):
        return None
    gatherer: Gatherer | None = getattr(args, "online_gatherer", None)
    if gatherer is None:
        from .wiki.online import OnlineGatherer  # requests is imported only when needed

        _show_wiki_warnings()

        wikidata = getattr(args, "wikidata", "www.wikidata.org")
        gatherer = args.online_gatherer = OnlineGatherer(
            allow=args.allow_address, link_timeout=args.link_timeout,
            user_agent=getattr(args, "user_agent", None),
            names_site=getattr(args, "names_site", None) or getattr(args, "site", None),
            wikidata=None if wikidata in (None, "", "none") else wikidata,
        )
    return gatherer


def _revision_id(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise argparse.ArgumentTypeError(f"a revision id is a positive number, not {value!r}")
    return int(value)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "rules":
            return _rules_command(args.rule)
        if args.command == "audit":
            from .history.cli import audit_command

            return audit_command(args)
        if args.command == "diff":
            from .editcheck_cli import diff_command

            return diff_command(args)
        return _check_command(args)
    except SystemExit as stop:  # --help and --version
        return stop.code if isinstance(stop.code, int) else EXIT_ERROR
    except CitecheckError as error:
        _error(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _check_command(args: argparse.Namespace) -> int:
    config = make_config(args)
    paths: list[str] = args.paths
    if args.site is not None or args.revision is not None:
        return _check_wiki_command(args, config)
    if not paths:
        raise UsageError("the following arguments are required: PATH (or --site with --title "
                         "or --revision)")
    if args.title is not None and len(paths) > 1:
        raise UsageError("--title needs a single PATH")
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    reports: list[Report] = []
    failed = False
    for path in paths:
        try:
            reports.append(check_path(path, args, config))
        except CitecheckError as error:
            _error(str(error))
            failed = True
        except Exception as error:
            _crash(path, error)
            failed = True
    status = EXIT_ERROR if failed else exit_status(reports, args.fail_on)
    if reports:
        _emit(_render(reports, args), sys.stdout, utf8=args.format == "json")
    return status


def _check_wiki_command(args: argparse.Namespace, config: Config) -> int:
    if args.paths:
        raise UsageError("give PATHs or --site with a page, not both")
    if args.site is None:
        raise UsageError("--revision needs --site (the wiki it belongs to)")
    if args.title is None and args.revision is None:
        raise UsageError("--site needs --title or --revision (the page to check)")
    _show_wiki_warnings()
    try:
        report = check_wiki(args, config)
    except CitecheckError:
        raise
    except Exception as error:
        _crash(args.title if args.title is not None else f"revision {args.revision}", error)
        return EXIT_ERROR
    _emit(_render([report], args), sys.stdout, utf8=args.format == "json")
    return exit_status([report], args.fail_on)


def check_wiki(args: argparse.Namespace, config: Config) -> Report:
    """Read the page (or revision) from the wiki and check it like a file of wikitext.

    The report's source has the page's title and the revision's id, and no path; a title that
    was normalised or redirected is noted on stderr (``A → B (redirect)``).
    """
    with wiki_client(args) as client:
        if args.revision is not None:
            revision = client.revision(args.revision)
            if args.title is not None:
                resolution, pageid = client.resolve(args.title)
                if pageid != revision.pageid:
                    raise BadRevision(f"{client.site}: revision {revision.revid} is of "
                                      f"“{revision.title}”, not of “{resolution.title}”")
        else:
            page = client.page(args.title)
            revision = page.revision
            if page.resolution.redirected:
                _note(page.resolution.describe())
    where = f"{client.site}: {revision.title} (revision {revision.revid})"
    if revision.text is None:
        raise BadRevision(f"{where}: the text of this revision is hidden or missing")
    if revision.content_model not in (None, "wikitext"):
        raise InputError(f"{where}: the page holds {revision.content_model}, not wikitext")
    return check(revision.text, format="wikitext", title=revision.title, config=config,
                 revision=revision.revid, online=online_gatherer(args))


class _WarningLine(logging.Handler):
    """Shows the wiki layer's warnings (a broken cache, an API warning) as one line each on the
    stderr of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        _emit(f"citecheck: warning: {' '.join(record.getMessage().split())}\n", sys.stderr)


def _show_wiki_warnings() -> None:
    logger = logging.getLogger("citecheck.wiki")
    if not any(isinstance(h, _WarningLine) for h in logger.handlers):
        logger.addHandler(_WarningLine(logging.WARNING))


def check_path(path: str, args: argparse.Namespace, config: Config) -> Report:
    """Read and check one input; ``-`` is stdin, reported with no path (shown as ``<stdin>``)."""
    text = read_input(path)
    return check(
        text,
        format=args.input_format,
        title=args.title,
        config=config,
        path=None if path == "-" else path,
        online=online_gatherer(args),
    )


def make_config(args: argparse.Namespace) -> Config:
    return Config(
        policy=args.policy,
        lead=args.lead,
        lists=args.lists,
        captions=args.captions,
        select=parse_rule_list(args.select, "--select"),
        ignore=parse_rule_list(args.ignore, "--ignore"),
        lang=parse_lang(args.lang),
        names_lexicon=read_lexicon(getattr(args, "lexicon", None)),
    )


def read_lexicon(path: str | None) -> tuple[str, ...]:
    """The entries of a ``--lexicon`` file (see :func:`citecheck.names.parse_lexicon`)."""
    if path is None:
        return ()
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise InputError(f"--lexicon {path}: not valid UTF-8 ({error.reason})") from None
    except OSError as error:
        raise InputError(f"--lexicon {path}: {error.strerror or error}") from None
    return parse_lexicon(text)


def parse_lang(value: str | None) -> str | None:
    """A wiki language code (``en``, ``zh-yue``, ``simple``), lower-cased; ``None`` to guess."""
    if value is None:
        return None
    code = value.strip().lower()
    if not _LANG.match(code):
        raise UsageError(f"--lang takes a wiki language code such as en or zh-yue, not {value!r}")
    return code


def parse_rule_list(values: Sequence[str], option: str) -> tuple[str, ...]:
    """Split comma-separated rule selectors and check that each names at least one rule."""
    if not values:
        return ()
    selectors = tuple(s for v in values for s in (p.strip() for p in v.split(",")) if s)
    if not selectors:
        raise UsageError(f"{option} needs at least one rule name, code or code prefix")
    return tuple(_selector(s, option) for s in selectors)


def _selector(token: str, option: str) -> str:
    """The selector as Config matches it: names lower-case, codes and prefixes upper-case."""
    if token.lower() in BY_NAME:
        return token.lower()
    if any(code.startswith(token.upper()) for code in BY_CODE):
        return token.upper()
    raise _unknown_rule(token, f" in {option}")


def _unknown_rule(token: str, where: str = "") -> UsageError:
    close = difflib.get_close_matches(token.lower(), [*BY_NAME, *map(str.lower, BY_CODE)], n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; see 'citecheck rules'"
    return UsageError(f"unknown rule '{token}'{where}{hint}")


def read_input(path: str) -> str:
    """The decoded text of a file or of stdin (``-``), or an InputError saying why not."""
    name = STDIN_NAME if path == "-" else path
    try:
        if path == "-":
            stdin = getattr(sys.stdin, "buffer", None)
            if stdin is None:
                raise InputError(f"{name}: there is no standard input to read")
            data = stdin.read()
        elif os.path.isdir(path):
            raise InputError(f"{name}: is a directory")
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise InputError(f"{name}: {error.strerror or error}") from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text, a leading BOM removed (offsets count from after it); CRLF kept as is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{name}: UTF-16 text is not supported; convert it to UTF-8")
    if b"\0" in data:
        raise InputError(f"{name}: binary file (it contains NUL bytes), not a wiki article")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + skip
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[offset]:02x} at byte offset {offset})"
        ) from None


def exit_status(reports: Sequence[Report], fail_on: str) -> int:
    """1 when some finding is at or above ``fail_on`` (``never``: never), else 0."""
    threshold = FAIL_LEVELS[fail_on]
    if threshold is None:
        return EXIT_OK
    worst = max((r.worst().rank for r in reports if r.worst()), default=0)
    return EXIT_FINDINGS if worst >= threshold else EXIT_OK


def use_color(choice: str, stream: IO[str]) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _render(reports: list[Report], args: argparse.Namespace) -> str:
    if args.format == "text":
        reports = [_named(r) for r in reports]
        return format_text(reports, color=use_color(args.color, sys.stdout))
    return format_json(reports)


def _named(report: Report) -> Report:
    """A wiki page has no path: the text output names it ``TITLE@REVISION`` instead of
    ``<stdin>`` (the JSON keeps ``path`` null and gives title and revision)."""
    source = report.source
    if source.path is not None or source.revision is None:
        return report
    label = f"{source.title or ''}@{source.revision}"
    return attrs.evolve(report, source=attrs.evolve(source, path=label))


def _rules_command(name: str | None) -> int:
    if name is None:
        _emit(rules_table(), sys.stdout)
        return EXIT_OK
    rule = BY_NAME.get(name.lower()) or BY_CODE.get(name.upper())
    if rule is None:
        if name and any(code.startswith(name.upper()) for code in BY_CODE):
            raise UsageError(f"'{name}' is a code prefix, not one rule; see 'citecheck rules'")
        raise _unknown_rule(name)
    header = f"{rule.code} {rule.name} ({rule.severity.value}): {rule.summary}"
    _emit(f"{header}\n\n{rule.docs()}\n", sys.stdout)
    return EXIT_OK


def rules_table() -> str:
    """One aligned line per rule: code, name, severity, summary."""
    width = max(len(r.name) for r in RULES)
    sev = max(len(s.value) for s in Severity)
    lines = [f"{r.code}  {r.name:<{width}}  {r.severity.value:<{sev}}  {r.summary}" for r in RULES]
    return "\n".join(lines) + "\n"


def _emit(text: str, stream: IO[str], *, utf8: bool = False) -> None:
    """Write ``text`` without failing on what the stream's encoding cannot show.

    ``utf8`` writes UTF-8 bytes whatever the locale (JSON is UTF-8 by definition); otherwise
    characters the encoding lacks are backslash-escaped.
    """
    try:
        binary = getattr(stream, "buffer", None)
        if utf8 and binary is not None:
            stream.flush()
            binary.write(text.encode("utf-8", "backslashreplace"))
            binary.flush()
            return
        encoding = getattr(stream, "encoding", None) or "utf-8"
        with contextlib.suppress(LookupError):  # an unknown encoding: write the text as it is
            text = text.encode(encoding, "backslashreplace").decode(encoding)
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # `citecheck … | head`: the reader left, nothing more to say
        _silence_stdout()


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _error(message: str) -> None:
    _emit(f"citecheck: error: {message}\n", sys.stderr)


def _note(message: str) -> None:
    _emit(f"citecheck: note: {message}\n", sys.stderr)


def _crash(path: str, error: Exception) -> None:
    name = STDIN_NAME if path == "-" else path
    what = " ".join(str(error).split())
    _error(
        f"{name}: internal error: {type(error).__name__}: {what} "
        f"(a bug in citecheck; set {DEBUG_ENV}=1 for the traceback)"
    )
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(error, file=sys.stderr)


__all__ = ["build_parser", "decode", "exit_status", "main", "read_input"]
