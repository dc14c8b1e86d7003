"""Counts mode: value counts at dictionary speed, with no parse (``--counts``).

See :mod:`rhetor.counts.analyser` for what it does and what only the parse can do.
"""

from rhetor.counts.analyser import COUNTS_MODEL, CountsAnalyser

__all__ = ["COUNTS_MODEL", "CountsAnalyser"]
