"""rhetor: which values does a text invoke, and which side of the argument claims them?

From Python: :func:`analyse` scores one text; :func:`batch` scores many documents,
one record per document; :func:`compare`, :func:`trends` and :func:`network` read
those records, as the commands of the same names do (see docs/python-api.md).

Importing this package is cheap: spaCy is imported only when text is parsed, and
matplotlib and networkx only when a chart or GraphML is asked for.
"""

from rhetor.__about__ import __version__
from rhetor.api import analyse
from rhetor.batching.api import batch
from rhetor.corpus.api import compare, trends
from rhetor.corpus.network_api import network
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
    "batch",
    "compare",
    "network",
    "trends",
]
