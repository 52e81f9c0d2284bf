"""The PySide6 shell over the Qt-free core. Nothing outside this package imports Qt.

Entry point: :func:`examiner_app.ui.app.main`. Every call into the core runs in a worker
(:mod:`examiner_app.ui.workers`); widgets only ever receive results through queued signals.
"""

from __future__ import annotations
