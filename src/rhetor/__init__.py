"""rhetor: which values does a text invoke, and which side of the argument claims them?

Importing this package is cheap: spaCy is imported only when text is parsed.
"""

from rhetor.__about__ import __version__
from rhetor.api import analyse
from rhetor.errors import ConfigError, InputError, LexiconError, ModelError, RhetorError
from rhetor.report.model import Report

__all__ = [
    "ConfigError",
    "InputError",
    "LexiconError",
    "ModelError",
    "Report",
    "RhetorError",
    "__version__",
    "analyse",
]
