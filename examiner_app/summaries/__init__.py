"""Cited summaries of a case: fact sheet and chronology. Every line carries its source."""

from __future__ import annotations

from examiner_app.summaries.chronology import ChronologyEntry, build_chronology
from examiner_app.summaries.fact_sheet import FactSheet, FieldGroup, SheetLine, build_fact_sheet, citation

__all__ = [
    "ChronologyEntry",
    "FactSheet",
    "FieldGroup",
    "SheetLine",
    "build_chronology",
    "build_fact_sheet",
    "citation",
]
