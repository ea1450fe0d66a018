"""The one exception hierarchy: everything citecheck raises on purpose is a CitecheckError."""

from __future__ import annotations


class CitecheckError(Exception):
    """Base class; ``str(error)`` is a one-line message a user can act on."""

    exit_code = 2


class InputError(CitecheckError):
    """The input cannot be read or decoded (missing file, binary data, bad encoding)."""


class UsageError(CitecheckError):
    """A command-line or API argument is invalid (unknown rule, bad option value)."""


class ConfigError(UsageError):
    """A configuration value is invalid."""


class WikiError(CitecheckError):
    """A wiki could not be read: the network, the server or its API failed.

    Exit status 3, a runtime failure that trying again later may cure; the subclasses that say
    the request itself is wrong (no such page, revision or title) exit 2, like a missing file.
    """

    exit_code = 3


class NetworkError(WikiError):
    """No usable answer after the bounded retries: connection, timeout, TLS or HTTP failure."""


class BadResponse(WikiError):
    """The answer is not the JSON the MediaWiki API sends (a wrong URL, a proxy's page)."""


class ApiError(WikiError):
    """The API refused the request with an error code and its explanation."""

    def __init__(self, code: str, info: str, site: str) -> None:
        super().__init__(f"{site}: API error {code}: {info}")
        self.code = code
        self.info = info
        self.site = site


class PageMissing(WikiError):
    """The page (or the target of its redirect) does not exist on the wiki."""

    exit_code = 2


class BadTitle(WikiError):
    """The title cannot name a page: invalid characters, empty, special or interwiki."""

    exit_code = 2


class BadRevision(WikiError):
    """No such revision, or its text is hidden, or it belongs to another page."""

    exit_code = 2
