"""Examiner Workbench: evidence, never verdicts.

A Qt-free core (this package minus ``ui``) turns an applicant's case file into cited,
examiner-reviewed facts; ``examiner_app.ui`` is a thin PySide6 shell over it.
"""

from __future__ import annotations

__version__ = "0.1.0"
