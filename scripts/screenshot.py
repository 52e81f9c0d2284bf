"""Drive the real app to a typical review moment and save a screenshot of the main window.

Usage (a window system is needed; on a server use Xvfb)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot.py \
        --data-dir /tmp/demo-data --out docs/screenshots/workspace.png [--ui-language ja] [--accept 2] [--case REF] \
        [--view summary|coi] [--query "Tamil journalists"]

It starts the app exactly as ``examiner-app`` does (signing in as ``EXAMINER_USER``, default
"Demo Examiner:examiner"; an empty store gets the sample cases imported), opens the case with
the most suggestions (or the one ``--case`` names), accepts ``--accept`` facts the normal way (select, source shown, A) so
findings and suggestions can be told apart, selects one more fact so its words are highlighted
on the page, and grabs the window. With ``--view summary`` it then opens the Summary tab and selects a
chronology line instead, so the picture shows the summary beside the highlighted source. With ``--view coi``
it makes sure the fictional COI library and prior cases are loaded (the demo loads them after the sample
cases), opens the Country information tab and searches ``--query`` (default "Tamil journalists"; pick the
Sri Lanka case with ``--case``). Exit code 0 when the picture was written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import shiboken6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from examiner_app.domain import FactField, Suggestion, SuggestionStatus  # noqa: E402
from examiner_app.ui.app import build  # noqa: E402
from examiner_app.ui.facts_panel import ACCEPT  # noqa: E402
from examiner_app.ui.main_window import MainWindow  # noqa: E402
from examiner_app.ui.qt_models import Roles  # noqa: E402

PREFERRED = (
    FactField.DATE_OF_BIRTH,
    FactField.PERSON_NAME,
    FactField.DATE_OF_ENTRY,
    FactField.EVENT_DATE,
    FactField.PLACE,
    FactField.NATIONALITY,
)


def once(signal: Any, slot: Callable[..., None], when: Callable[..., bool] | None = None) -> None:
    """Run ``slot`` on the first emission of ``signal`` (whose arguments pass ``when``), then never again.

    The connection is left in place on purpose: with PySide6 6.12 on Python 3.11 every ``Signal.disconnect``
    (and a single-shot connection, which disconnects the same way) releases a reference to ``True``/``None``
    it never took; enough of them and the interpreter aborts at exit with "Fatal Python error: none_dealloc".
    """
    done = False

    def run(*args: object) -> None:
        nonlocal done
        if done or (when is not None and not when(*args)):
            return
        done = True
        slot(*args)

    signal.connect(run)


class Driver:
    """A small state machine on signals: cases -> case -> accept N facts -> select one -> grab."""

    def __init__(
        self,
        app: QApplication,
        out: Path,
        accept: int,
        timeout_s: int,
        case: str = "",
        view: str = "facts",
        query: str = "Tamil journalists",
    ) -> None:
        self.app = app
        self.view = view
        self.query = query
        self.case = case.casefold()
        self.out = out
        self.to_accept = accept
        self.window: MainWindow | None = None
        self.exit_code = 1
        self._proceeded = False
        QTimer.singleShot(timeout_s * 1000, self._timeout)

    def ready(self, window: MainWindow) -> None:
        self.window = window
        window.import_finished.connect(lambda _outcomes: self.proceed())

        def first_list() -> None:
            # Start-up decides on the sample import when the first case list arrives (its handler runs
            # before this one): go on now unless that import started.
            if not window.import_panel.running:
                self.proceed()

        once(window.cases_loaded, first_list)

    def proceed(self) -> None:
        if self._proceeded or self.window is None:
            return
        self._proceeded = True
        once(self.window.cases_loaded, self._cases_loaded)
        self.window.refresh_cases()

    def _cases_loaded(self) -> None:
        assert self.window is not None
        cases = sorted(self.window.case_list.model.cases(), key=lambda c: (-c.pending_count, c.title))
        if self.case:
            cases = [c for c in cases if self.case in c.title.casefold() or self.case in c.reference.casefold()]
        if not cases:
            print("no cases to show", file=sys.stderr)
            self.app.exit(1)
            return
        once(self.window.workspace.case_loaded, self._case_loaded)
        self.window.case_list.select_case(cases[0].id)

    def _case_loaded(self, _case_id: str) -> None:
        assert self.window is not None
        QTimer.singleShot(300, self._next)

    def _candidates(self) -> list[Suggestion]:
        assert self.window is not None
        facts = self.window.workspace.facts
        rows = [facts.proxy.index(r, 0).data(Roles.OBJECT) for r in range(facts.proxy.rowCount())]
        pending = [
            s
            for s in rows
            if isinstance(s, Suggestion)
            and s.status is SuggestionStatus.PENDING
            and s.provenance is not None
            and s.provenance.bboxes
        ]

        def rank(s: Suggestion) -> tuple[int, float]:
            field = PREFERRED.index(s.field) if s.field in PREFERRED else len(PREFERRED)
            return (field, -s.confidence)

        return sorted(pending, key=rank)

    def _table_order(self) -> list[str]:
        assert self.window is not None
        facts = self.window.workspace.facts
        rows = [facts.proxy.index(r, 0).data(Roles.OBJECT) for r in range(facts.proxy.rowCount())]
        return [s.id for s in rows if isinstance(s, Suggestion)]

    def _next(self) -> None:
        assert self.window is not None
        candidates = self._candidates()
        if not candidates:
            print("the case has no pending fact with a source box; grabbing as is", file=sys.stderr)
            QTimer.singleShot(500, self._grab)
            return
        workspace = self.window.workspace
        if self.to_accept > 0 and len(candidates) > 1:
            self.to_accept -= 1
            # Accept the facts just below the one the picture will select, so both kinds show side by side.
            order = self._table_order()
            best = order.index(candidates[0].id) if candidates[0].id in order else 0
            below = [s for s in candidates[1:] if s.id in order and order.index(s.id) > best]
            target = min(below, key=lambda s: order.index(s.id)) if below else candidates[-1]

            def shown(_sid: str) -> None:
                once(workspace.decision_recorded, recorded)
                workspace.facts.request_decision(ACCEPT)  # exactly what pressing A does

            def recorded(_decision: object) -> None:
                QTimer.singleShot(100, self._next)

            once(workspace.highlight_shown, shown, when=lambda sid: sid == target.id)
            workspace.facts.select_suggestion(target.id)
            return
        if self.view == "summary":
            once(workspace.summary_loaded, self._summary_loaded)
            workspace.show_summary()
            return
        if self.view == "coi":
            self._coi()
            return
        target = candidates[0]

        def final(_sid: str) -> None:
            QTimer.singleShot(1500, self._grab)  # thumbnails and repaint settle

        once(workspace.highlight_shown, final, when=lambda sid: sid == target.id)
        workspace.facts.select_suggestion(target.id)
        workspace.facts.table.setFocus()

    def _coi(self) -> None:
        """Wait for the COI library (loading it if nobody is), then search in the Country information tab."""
        assert self.window is not None
        window = self.window

        if window.import_panel.running or window.start_coi_library_import():
            once(window.coi_library_loaded, lambda _load: self._coi_ready())
        else:
            self._coi_ready()

    def _coi_ready(self) -> None:
        assert self.window is not None
        workspace = self.window.workspace
        workspace.show_coi()
        # Passages need room: the page above gets 40% of the height, the country information 60%.
        total = sum(workspace.body_splitter.sizes())
        workspace.body_splitter.setSizes([int(total * 0.4), total - int(total * 0.4)])
        coi_total = sum(workspace.coi.splitter.sizes())
        workspace.coi.splitter.setSizes([int(coi_total * 0.8), coi_total - int(coi_total * 0.8)])
        once(workspace.coi.results_shown, lambda _kind: QTimer.singleShot(1500, self._grab))
        workspace.coi.query_edit.setText(self.query)
        workspace.coi.search_now()

    def _summary_loaded(self, _case_id: str) -> None:
        assert self.window is not None
        workspace = self.window.workspace
        summary = workspace.summary
        items = summary.line_items(summary.chronology)
        with_source = [i for i in items if i.text(3) and "p." in i.text(3)] or items
        # An event date shows best: the sentence and its date highlighted on the page.
        preferred = [i for i in with_source if i.text(1) not in ("Date", "Date of birth")] or with_source
        if not preferred:
            QTimer.singleShot(800, self._grab)
            return
        target = preferred[min(1, len(preferred) - 1)]
        target_id = target.data(0, Qt.ItemDataRole.UserRole + 1)

        def shown(_sid: str) -> None:
            QTimer.singleShot(1500, self._grab)

        once(workspace.highlight_shown, shown, when=lambda sid: sid == target_id)
        summary.chronology.setCurrentItem(target)
        summary.chronology.setFocus()

    def _grab(self) -> None:
        assert self.window is not None
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if self.window.grab().save(str(self.out)):
            print(f"wrote {self.out}")
            self.exit_code = 0
        self.window.close()

    def _timeout(self) -> None:
        print("timed out before the screenshot was taken", file=sys.stderr)
        self.app.exit(2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--ui-language", choices=["ja", "en"], default="en")
    parser.add_argument("--accept", type=int, default=2, help="facts to accept first (default 2)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds before giving up")
    parser.add_argument(
        "--case",
        default="",
        help="open the case whose title or reference contains this text (default: the one with the most suggestions)",
    )
    parser.add_argument("--view", choices=["facts", "summary", "coi"], default="facts", help="which tab to show")
    parser.add_argument("--query", default="Tamil journalists", help="the COI search with --view coi")
    args = parser.parse_args()
    os.environ.setdefault("EXAMINER_USER", "Demo Examiner:examiner")
    app, startup, _translators = build(["--data-dir", str(args.data_dir), "--ui-language", args.ui_language])
    driver = Driver(app, args.out, args.accept, args.timeout, args.case, args.view, args.query)
    startup.ready.connect(driver.ready)
    startup.start()
    code = app.exec()
    startup.runner.wait_for_done(60_000)
    result = driver.exit_code if code == 0 else code
    # Tear down in order while the QApplication is alive: workers are done, then the window and its
    # children go, then pending deferred deletes (rather than whatever order interpreter exit picks). The
    # "none_dealloc" abort at exit came from Signal.disconnect, which this script no longer calls (see once()).
    window, startup.window, driver.window = startup.window, None, None
    if window is not None:
        shiboken6.delete(window)
    del window
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return result


if __name__ == "__main__":
    sys.exit(main())
