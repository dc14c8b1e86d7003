"""The options of one analysis, as a frozen value passed from the CLI to the core."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnalyseOptions:
    model: str | None = None
    """spaCy pipeline: package name, path or ``blank:LANG``; None resolves the default."""
    lexicons: tuple[str, ...] = ()
    """Extra lexicon files or folders; a value id already loaded is replaced."""
    builtin_lexicons: bool = True
    """Start from the lexicons shipped with rhetor."""
    sides: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    """Given sides as (name, aliases) pairs; None finds sides automatically."""

    @staticmethod
    def freeze_sides(sides) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
        """A mapping of side name to aliases, in a hashable form (None stays None)."""
        if not sides:
            return None
        return tuple((str(name), tuple(aliases)) for name, aliases in sides.items())
