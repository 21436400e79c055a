"""CSV for the reports: ``?format=csv`` picks :class:`CSVRenderer` by DRF's content
negotiation, and the view hands it a :class:`CsvTable`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rest_framework.renderers import BaseRenderer

# A spreadsheet runs a cell that starts with one of these as a formula; names come from
# users (workflow names, people's names), so such cells are quoted with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvTable:
    columns: Sequence[str]
    rows: Iterable[Mapping[str, Any]]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")  # as in the JSON answers
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: CsvTable, accepted_media_type=None, renderer_context=None) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(data.columns)
        writer.writerows([_cell(row.get(column)) for column in data.columns] for row in data.rows)
        return buffer.getvalue().encode(self.charset)
