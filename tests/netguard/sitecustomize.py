"""Loaded by every Python process of a guarded test run (via PYTHONPATH), worker processes included.

An audit hook refuses every network connection and name lookup (AF_UNIX sockets stay allowed) and
writes each attempt to EXAMINER_NETGUARD_LOG, so a test can prove that import, OCR, extraction and
model loading never reach for the network.
"""

from __future__ import annotations

import os
import socket
import sys
import traceback

_LOG = os.environ.get("EXAMINER_NETGUARD_LOG")
_BLOCKED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.sendto"}


def _guard(event: str, args: tuple[object, ...]) -> None:
    if event not in _BLOCKED:
        return
    if event in ("socket.connect", "socket.sendto"):
        sock = args[0]
        if isinstance(sock, socket.socket) and sock.family == socket.AF_UNIX:
            return
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as handle:  # noqa: PTH123 - no pathlib this early
            handle.write(f"{os.getpid()} {event} {args[1:]!r}\n")
            handle.write("".join(traceback.format_stack(limit=12)) + "\n")
    raise OSError(f"network access blocked by the test guard: {event}")


if _LOG:
    sys.addaudithook(_guard)
