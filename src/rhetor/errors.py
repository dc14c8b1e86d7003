"""Errors rhetor reports to users.

Every error a user can cause is a subclass of :class:`RhetorError`; the CLI
prints its message on one line and exits with its ``exit_code``. Anything else
escaping is a bug.
"""

from __future__ import annotations


class RhetorError(Exception):
    """Base class: a problem with the user's input or configuration."""

    exit_code = 1


class InputError(RhetorError):
    """A document cannot be read or decoded."""

    exit_code = 1


class ConfigError(RhetorError):
    """Options, sides or models that cannot be used as given."""

    exit_code = 2


class LexiconError(ConfigError):
    """A lexicon file is malformed. The message names file, key and line."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        key: str | None = None,
        line: int | None = None,
    ) -> None:
        self.source = source
        self.key = key
        self.line = line
        self.reason = message
        where = source or "<lexicon>"
        if line is not None:
            where = f"{where}:{line}"
        if key:
            message = f"{key}: {message}"
        super().__init__(f"{where}: {message}")


class SidesError(ConfigError):
    """Sides given with --side/--sides cannot be used."""


class ModelError(ConfigError):
    """The spaCy pipeline cannot be found or loaded."""
