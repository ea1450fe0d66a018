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
