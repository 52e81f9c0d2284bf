"""Detector tables kept on disk and read one key at a time, so a process does not load whole models for one line.

Loading the detectors whole cost ~3.5 s in every process (langdetect's 55 profiles ~0.9 s, py3langid's LZMA
model ~1.1 s, wordfreq's 24 lists ~1.0 s, our n-gram profiles ~0.5 s), while one line of text needs a few
hundred of their rows. The first process that needs a table loads the model as before and writes the table
into the user's cache folder; later processes read only the rows of the text at hand (SQLite, keyed by n-gram or
word) or map the arrays (NumPy ``.npy``, never pickles). Values are stored as float64 (or the model's own
dtype), so every vote is bit-identical to one computed from the loaded model.

A table is named after what it was built from (package version, model file size and time), so an upgraded
package builds a fresh one. ``EXAMINER_CACHE_DIR`` moves the folder; ``EXAMINER_DETECTOR_CACHE=0`` turns the
tables off (the models then load whole, as before). A folder that cannot be written leaves them off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_DIR_ENV = "EXAMINER_CACHE_DIR"
SWITCH_ENV = "EXAMINER_DETECTOR_CACHE"
#: Bumped when the layout of the files changes.
LAYOUT = 1


def cache_dir() -> Path | None:
    """The folder of the tables, or ``None`` when they are switched off."""
    if os.environ.get(SWITCH_ENV, "1").strip() in ("0", "false", "no", "off"):
        return None
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured).expanduser() / "detectors"
    import platformdirs

    from examiner_app.config import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "detectors"


def fingerprint(*parts: object) -> str:
    """A short name for what a table is built from."""
    text = json.dumps([LAYOUT, *(str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def file_stamp(path: Path) -> str:
    stat = path.stat()
    return f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}"


class VectorTable:
    """A read-only ``{key: tuple of floats}`` on disk; rows read are kept in memory. Thread-safe."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._rows: dict[str, tuple[float, ...] | None] = {}
        with self._lock:
            (raw,) = self._connection.execute("SELECT value FROM meta WHERE name = 'meta'").fetchone()
        self.meta: dict[str, Any] = json.loads(raw)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            row = self._rows[key]
        except KeyError:
            with self._lock:
                found = self._connection.execute("SELECT value FROM rows WHERE key = ?", (key,)).fetchone()
            row = tuple(array("d", found[0])) if found else None
            self._rows[key] = row
        return default if row is None else row

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __getitem__(self, key: str) -> tuple[float, ...]:
        row = self.get(key)
        if row is None:
            raise KeyError(key)
        return row


def _publish(build: Callable[[Path], None], target: Path) -> bool:
    """Build into a temporary sibling and move it into place (another process may be doing the same)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        log.info("detector tables off: %s cannot be written (%s)", target.parent, exc)
        return False
    try:
        build(scratch)
        built = scratch / "table" if (scratch / "table").exists() else scratch
        with contextlib.suppress(OSError):  # lost a race to a process that published the same table: fine
            built.replace(target)
        return target.exists()
    except (OSError, sqlite3.Error) as exc:
        log.info("detector table %s not written (%s)", target.name, exc)
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def vector_table(
    name: str, stamp: str, load: Callable[[], tuple[Mapping[str, Any], Iterable[tuple[str, Sequence[float]]]]]
) -> VectorTable | None:
    """The table ``name`` built from ``stamp``; built from ``load()`` (metadata, rows) when missing.
    ``None`` when tables are off or cannot be written: the caller then uses the loaded model itself."""
    folder = cache_dir()
    if folder is None:
        return None
    target = folder / f"{name}-{fingerprint(stamp)}.sqlite"
    if not target.exists():

        def build(scratch: Path) -> None:
            meta, rows = load()
            path = scratch / "table"
            with contextlib.closing(sqlite3.connect(path)) as db:
                # A scratch file nobody reads until it is whole: no journal, no syncing (the rename publishes it).
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("CREATE TABLE rows (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
                db.execute("INSERT INTO meta VALUES ('meta', ?)", (json.dumps(dict(meta)),))
                db.executemany("INSERT INTO rows VALUES (?, ?)", ((k, array("d", v).tobytes()) for k, v in rows))
                db.commit()

        if not _publish(build, target):
            return None
    try:
        return VectorTable(target)
    except (sqlite3.Error, TypeError, ValueError) as exc:
        log.info("detector table %s unreadable (%s); using the model itself", target.name, exc)
        return None


def array_folder(name: str, stamp: str, load: Callable[[], Mapping[str, Any]]) -> Path | None:
    """A folder of ``.npy`` arrays (and ``meta.json`` for what is not an array) built from ``stamp``; built from
    ``load()`` ({file stem: NumPy array, or a JSON-able value for ``meta``}) when missing. ``None`` as above."""
    folder = cache_dir()
    if folder is None:
        return None
    target = folder / f"{name}-{fingerprint(stamp)}"
    if not (target / "meta.json").exists():
        import numpy as np

        def build(scratch: Path) -> None:
            path = scratch / "table"
            path.mkdir()
            values = dict(load())
            meta = values.pop("meta", {})
            for stem, value in values.items():
                np.save(path / f"{stem}.npy", np.asarray(value), allow_pickle=False)
            (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")  # last: marks the folder whole

        if not _publish(build, target):
            return None
    return target
