"""Keep PySide6 6.12.0 from crashing a long desktop session on CPython 3.11.

PySide6 6.12.0 (the newest on the registry) drops one reference to ``None`` on every call of a C++ method that
returns void: measured here, 1000 ``QWidget.update()`` calls lower ``sys.getrefcount(None)`` by 1000, and when the
count reaches 0 the interpreter aborts with "Fatal Python error: none_dealloc". A desktop session makes such calls
on every repaint, so it would abort within minutes. Bool and small-int results are not affected (measured).

CPython 3.12 made ``None`` immortal (PEP 683), which makes the bug harmless there. On 3.11 we do the same by hand,
once: ``None``'s reference count is raised to a value no session can drain (2**60 calls). That is one write to the
object's header, no memory and no timer; the alternative, holding a list of extra references, costs 8 bytes per
call. Nothing is done on other interpreters or versions.
"""

from __future__ import annotations

import ctypes
import sys

#: Far beyond any number of calls a process makes, far below Py_ssize_t's limit (2**63 - 1).
IMMORTAL_COUNT = 1 << 60


def needs_guard() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def make_none_immortal() -> bool:
    """Raise None's reference count out of reach on CPython < 3.12; True when it was done (idempotent)."""
    if not needs_guard():
        return False
    # In CPython's non-debug build a PyObject starts with its Py_ssize_t ob_refcnt; id() is its address.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < IMMORTAL_COUNT:
        refcount.value += IMMORTAL_COUNT
    return True
