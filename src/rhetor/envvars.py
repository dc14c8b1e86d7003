"""Numbers read from environment variables, each refused with one clear message."""

from __future__ import annotations

import math
import os

from rhetor.errors import ConfigError


def positive_number(name: str, default: float, unit: str) -> float:
    """``name``'s value as a number above zero, or ``default`` when it is unset or blank.

    ``unit`` ends the error message ("seconds", "megabytes, such as 500"), so that a
    mistyped setting is named with what it should hold, not met with a traceback."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        number = float(raw)
    except ValueError:
        number = -1.0
    if not 0 < number < math.inf:  # also refuses nan and infinity
        raise ConfigError(f"{name}={raw!r}: give a number of {unit}")
    return number
