"""The PySide6 shell over the Qt-free core. Nothing outside this package imports Qt.

Entry point: :func:`examiner_app.ui.app.main`. Every call into the core runs in a worker
(:mod:`examiner_app.ui.workers`); widgets only ever receive results through queued signals.
"""

from __future__ import annotations

from examiner_app.ui.refcount_guard import make_none_immortal

# PySide6 6.12.0 leaks references to None on CPython 3.11 (see refcount_guard): guard before any Qt call.
make_none_immortal()
