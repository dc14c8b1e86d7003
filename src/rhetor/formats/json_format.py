"""``--json``: the report document, byte-identical for identical input."""

from __future__ import annotations

import json

from rhetor.formats import RenderContext
from rhetor.report.model import Report


class JsonFormatter:
    def render(self, report: Report, context: RenderContext) -> str:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


FORMATTER = JsonFormatter()
