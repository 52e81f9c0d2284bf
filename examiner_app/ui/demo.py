"""The bundled fictional sample cases (``resources/samples/*/ground_truth.json``) and their import.

``find_sample_cases`` reads the folders; ``import_samples`` creates each case once (matched by
its reference, so ``--demo`` twice does not duplicate cases) and imports its files. Both are
Qt-free and blocking: the UI runs ``import_samples`` in a worker with a progress reporter.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from examiner_app.progress import ProgressReporter, check_cancelled
from examiner_app.ui.backend import WorkbenchPort

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SampleCase:
    title: str
    reference: str
    files: tuple[Path, ...]


@dataclass(frozen=True)
class SampleImport:
    case_id: str
    title: str
    outcomes: list[Any]


def find_sample_cases(samples_dir: Path) -> list[SampleCase]:
    """Sample cases in folder order; folders without a readable ground_truth.json are skipped."""
    samples: list[SampleCase] = []
    if not samples_dir.is_dir():
        return samples
    for folder in sorted(p for p in samples_dir.iterdir() if p.is_dir()):
        truth = folder / "ground_truth.json"
        try:
            data = json.loads(truth.read_text(encoding="utf-8"))
            case = data["case"]
            files = tuple(folder / d["file"] for d in data.get("documents", []) if (folder / d["file"]).is_file())
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("Skipping sample folder %s: %s", folder, exc)
            continue
        if files:
            samples.append(SampleCase(str(case.get("title") or folder.name), str(case.get("reference") or ""), files))
    return samples


class _Prefixed:
    """Says which sample case the core's progress belongs to."""

    def __init__(self, inner: ProgressReporter, prefix: str) -> None:
        self._inner = inner
        self._prefix = prefix

    def update(self, done: int, total: int, stage: str) -> None:
        self._inner.update(done, total, f"{self._prefix} · {stage}")

    def cancelled(self) -> bool:
        return self._inner.cancelled()


def import_samples(
    workbench: WorkbenchPort,
    samples: list[SampleCase],
    progress: ProgressReporter,
    on_case_done: Callable[[str], None] | None = None,
) -> list[SampleImport]:
    """Create (once) and import every sample case; stops between files when cancelled."""
    existing = {c.reference: c for c in workbench.list_cases() if c.reference}
    results: list[SampleImport] = []
    for number, sample in enumerate(samples, start=1):
        check_cancelled(progress)
        case = existing.get(sample.reference) if sample.reference else None
        if case is None:
            case = workbench.create_case(sample.title, sample.reference)
        outcomes = workbench.import_files(
            case.id, list(sample.files), _Prefixed(progress, f"{number}/{len(samples)} {sample.title}")
        )
        results.append(SampleImport(case.id, sample.title, list(outcomes)))
        if on_case_done is not None:
            on_case_done(case.id)
    return results


# --- the fictional COI library and prior cases (resources/coi) ----------------------------------------


@dataclass(frozen=True)
class CoiLibrary:
    """The bundled fictional COI reports (each with its ``FILE.meta.json`` sidecar) and prior-case folder."""

    reports: tuple[Path, ...]
    prior_cases: Path | None


@dataclass(frozen=True)
class CoiLoad:
    reports: int  # reports added to the library now
    already: int  # reports the library held already (matched by content)
    passages: int
    prior_cases: int  # prior cases loaded or updated now (0 when the library was there already)


def find_coi_library(coi_dir: Path) -> CoiLibrary:
    """Reports that have a metadata sidecar (source, title, country, date, URL), and the prior cases."""
    from examiner_app.coi.importer import SIDECAR_SUFFIX

    reports_dir = coi_dir / "reports"
    reports: tuple[Path, ...] = ()
    if reports_dir.is_dir():
        reports = tuple(
            sorted(
                p
                for p in reports_dir.iterdir()
                if p.is_file()
                and not p.name.endswith(SIDECAR_SUFFIX)
                and (p.parent / (p.name + SIDECAR_SUFFIX)).is_file()
            )
        )
    prior = coi_dir / "prior_cases"
    return CoiLibrary(reports, prior if prior.is_dir() and any(prior.glob("*.json")) else None)


def import_coi_library(workbench: WorkbenchPort, library: CoiLibrary, progress: ProgressReporter) -> CoiLoad:
    """Add the bundled reports to the COI library (their sidecars give the citation metadata), then the
    prior cases. Reports already in the library are recognised by content and not read again; prior cases
    are loaded only when some report was new, so a second ``--demo`` does not re-embed or re-audit them.
    Blocking: run in a worker."""
    check_cancelled(progress)
    imported = list(workbench.coi_import(list(library.reports), progress=_Prefixed(progress, "COI")))
    new = [r for r in imported if not r.duplicate]
    prior = 0
    if library.prior_cases is not None and (new or not imported):
        check_cancelled(progress)
        report = workbench.load_prior_cases(library.prior_cases, progress=_Prefixed(progress, "prior cases"))
        prior = report.loaded + report.updated
    return CoiLoad(len(new), len(imported) - len(new), sum(r.passages for r in new), prior)
