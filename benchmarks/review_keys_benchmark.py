"""Key presses to review each sample case, one row per suggestion (before) and with same values grouped (after).

Drives the real desktop UI (``MainWindow`` -> ``CaseWorkspace`` -> ``FactsPanel``, offscreen) with real key events
over a case holding a sample's suggestions: the rule extractors' suggestions on the sample's ground-truth page text
(``benchmarks/sample_suggestions.py``; AI off, no OCR). The core behind the window is the UI tests' in-memory
fake workbench (``tests/ui/fakes.py``), which follows review.py's rules (a reason to reject; a reason for a group).

The examiner's answers come from the ground truth: a suggestion is accepted when the sample annotates a fact of
the same field on the same page with the same normalised value, or a value containing / contained in it; else
rejected. A group whose members would get different answers is not decided as a group: the examiner decides its
members one by one (grouping off for that group; the toggle is counted as one key press each way).

Counted, as sent to the widgets: Down to move to the next pending row (filter "Suggestions to review"), A to
accept, R to reject, the letters of the reason, Tab to reach the dialog's button and Space to press it. Reasons
typed: ``REJECT_REASON`` for a rejection, ``GROUP_REASON`` for a group (accept or reject alike). The table also
gives the count without the reasons' letters, since their length is the examiner's.

    .venv/bin/python benchmarks/review_keys_benchmark.py     # all sample cases, about a minute

Prints a table and writes benchmarks/results/review_keys_benchmark.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThreadPool  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton  # noqa: E402

from benchmarks.sample_suggestions import SAMPLES, load_sample, sample_slugs  # noqa: E402
from examiner_app.domain import Document, DocumentStatus, PageText, Role, Suggestion, SuggestionStatus, User  # noqa: E402
from examiner_app.ui.backend import UiContext  # noqa: E402
from examiner_app.ui.dialogs import ReasonDialog  # noqa: E402
from examiner_app.ui.group_review import GroupDecisionDialog  # noqa: E402
from examiner_app.ui.main_window import MainWindow  # noqa: E402
from examiner_app.ui.reason_recall import ReasonRecall  # noqa: E402
from examiner_app.ui.workers import JobRunner  # noqa: E402
from tests.ui.fakes import FakeWorkbench  # noqa: E402

# PySide6 6.12.0 on Python 3.11 drains None's reference count on every void call; importing examiner_app.ui
# applies the guard (examiner_app/ui/refcount_guard.py), so millions of calls in one process are safe.

REJECT_REASON = "not in the file"
GROUP_REASON = "checked the sources"
RESULTS = ROOT / "benchmarks" / "results" / "review_keys_benchmark.json"


def _norm(value: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value)).casefold().split())


def truth_answers(slug: str, suggestions: tuple[Suggestion, ...]) -> dict[str, bool]:
    """Suggestion id -> accept? (the ground truth's fact on the same page: same normalised value or overlap)."""
    truth = json.loads((SAMPLES / slug / "ground_truth.json").read_text(encoding="utf-8"))
    gold: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for f in truth["facts"]:
        gold.setdefault((f["file"], int(f["page"]), f["field"]), []).append(f)
    answers = {}
    for s in suggestions:
        assert s.provenance is not None
        facts = gold.get((s.provenance.file_name, s.provenance.page, s.field.value), [])
        value, normalized = _norm(s.value), _norm(s.normalized or "")
        answers[s.id] = any(
            (normalized and normalized == _norm(f["normalized"]))
            or (value and (value in _norm(f["value"]) or _norm(f["value"]) in value))
            for f in facts
        )
    return answers


@dataclass
class Count:
    keys: int = 0
    reason_letters: int = 0
    accepted: int = 0
    rejected: int = 0
    group_decisions: int = 0
    mixed_groups: int = 0
    rows: int = 0


class Driver:
    def __init__(self, app: QApplication, window: MainWindow, answers: dict[str, bool]) -> None:
        self.app, self.window, self.answers = app, window, answers
        self.panel = window.workspace.facts
        self.count = Count()

    def wait(self, condition: Any, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the UI did not get there")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def key(self, widget: Any, key: Qt.Key) -> None:
        QTest.keyClick(widget, key)
        self.count.keys += 1

    def type_reason(self, widget: Any, text: str) -> None:
        """Type a reason the first time; after that recall it with Up (as many presses as it is far back)."""
        history = ReasonRecall.history()
        if text in history:
            for _ in range(history.index(text) + 1):
                self.key(widget, Qt.Key.Key_Up)
            if widget.toPlainText() != text:
                raise RuntimeError("Up did not recall the reason")
            return
        QTest.keyClicks(widget, text)
        self.count.keys += len(text)
        self.count.reason_letters += len(text)

    def press_button(self, dialog: Any, button: QPushButton) -> None:
        """Record with Ctrl+Enter from the reason field when the button is the dialog's default (counted as 2 keys:
        a chord is two presses); otherwise Tab to the button and Space."""
        self.wait(lambda: button.isEnabled())
        if getattr(dialog, "ok_button", None) is button or button.isDefault():
            QTest.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            self.count.keys += 2
            self.wait(lambda: not dialog.isVisible())
            return
        focus = dialog.reason
        for _ in range(6):
            self.key(focus, Qt.Key.Key_Tab)
            self.app.processEvents()
            focus = dialog.focusWidget()
            if focus is button:
                self.key(button, Qt.Key.Key_Space)
                return
        raise RuntimeError("Tab never reached the button")

    def pending_left(self) -> int:
        return sum(1 for s in self.panel.model.suggestions() if s.status is SuggestionStatus.PENDING)

    def current(self) -> Suggestion | None:
        return self.panel.selected_suggestion()

    def run(self) -> Count:
        table = self.panel.table
        table.setFocus()
        self.panel.status_filter.setCurrentIndex(1)  # "Suggestions to review"
        guard = 0
        while self.pending_left():
            guard += 1
            if guard > 5000:
                raise RuntimeError("review did not finish")
            current = self.current()
            while current is None or current.status is not SuggestionStatus.PENDING:
                self.key(table, Qt.Key.Key_Down)
                current = self.current()
            self.count.rows += 1
            group = self.panel.group_of(current.id)
            before = self.pending_left()
            if group is not None:
                answers = {self.answers[sid] for sid in group.ids}
                if len(answers) > 1:  # mixed: grouping off, decide one by one, grouping on again
                    self.count.mixed_groups += 1
                    self.count.keys += 2
                    self.panel.group_check.setChecked(False)
                    for sid in group.ids:
                        self.panel.select_suggestion(sid)
                        self.count.keys += 1  # one Down each, as in the ungrouped table
                        self.decide_one(self.current())
                    self.panel.group_check.setChecked(True)
                    table.setFocus()
                    continue
                accept = answers.pop()
                self.key(table, Qt.Key.Key_A if accept else Qt.Key.Key_R)
                self.wait(lambda: self.window.workspace.findChild(GroupDecisionDialog, "groupDecisionDialog"))
                dialog = self.window.workspace.findChild(GroupDecisionDialog, "groupDecisionDialog")
                self.type_reason(dialog.reason, GROUP_REASON)
                self.press_button(dialog, dialog.accept_button if accept else dialog.reject_button)
                self.count.group_decisions += 1
                target = before - group.size
                self.wait(lambda: self.pending_left() <= target and not self._busy())  # noqa: B023
                if accept:
                    self.count.accepted += group.size
                else:
                    self.count.rejected += group.size
                table.setFocus()
                continue
            self.decide_one(current)
        return self.count

    def _busy(self) -> bool:
        return bool(self.window.workspace._deciding)

    def decide_one(self, suggestion: Suggestion | None) -> None:
        assert suggestion is not None
        table = self.panel.table
        before = self.pending_left()
        if self.answers[suggestion.id]:
            self.key(table, Qt.Key.Key_A)
            self.count.accepted += 1
        else:
            self.key(table, Qt.Key.Key_R)
            self.wait(lambda: self.window.workspace.findChild(ReasonDialog, "reasonDialog"))
            dialog = self.window.workspace.findChild(ReasonDialog, "reasonDialog")
            self.type_reason(dialog.reason, REJECT_REASON)
            self.press_button(dialog, dialog.ok_button)
            self.count.rejected += 1
        self.wait(lambda: self.pending_left() < before and not self._busy())
        self.app.processEvents()


def fake_for(slug: str) -> tuple[FakeWorkbench, dict[str, bool]]:
    sample = load_sample(slug)
    wb = FakeWorkbench()
    wb.user = User("u-1", "Benchmark Examiner", Role.EXAMINER)
    wb.users_list.append(wb.user)
    case = wb.create_case(slug, slug)
    docs = []
    for doc_id, name in sample.files.items():
        pages = sorted(n for d, n in sample.page_texts if d == doc_id)
        docs.append(
            Document(doc_id, case.id, name, "0" * 64, 1, "image/png", DocumentStatus.DONE, page_count=len(pages))
        )
        wb.page_texts[doc_id] = [PageText(n, sample.page_texts[(doc_id, n)]) for n in pages]
    wb.documents[case.id] = docs
    for s in sample.suggestions:
        wb.suggestions[s.id] = Suggestion(s.id, case.id, s.field, s.value, s.normalized, s.confidence, s.provenance,
                                          s.status, s.note)  # fmt: skip
    return wb, truth_answers(slug, sample.suggestions)


def measure(app: QApplication, slug: str, grouped: bool) -> tuple[Count, int]:
    ReasonRecall.forget_all()  # each run starts with no reason given yet
    wb, answers = fake_for(slug)
    runner = JobRunner(QThreadPool.globalInstance())
    assert wb.user is not None
    window = MainWindow(wb, runner, UiContext(user=wb.user, ai_enabled=False, data_location="(benchmark)"))
    window.resize(1500, 950)
    window.show()
    driver = Driver(app, window, answers)
    case_id = next(iter(wb.cases))
    window.workspace.load_case(case_id)
    driver.wait(lambda: window.workspace.facts.model.rowCount() == len(wb.suggestions) and not runner.active_count)
    window.workspace.facts.group_check.setChecked(grouped)
    count = driver.run()
    runner.wait_for_done(10_000)
    app.processEvents()
    truth_ok = all(
        (wb.suggestions[sid].status is SuggestionStatus.ACCEPTED) == accept for sid, accept in answers.items()
    )
    if not truth_ok:
        raise RuntimeError(f"{slug}: the recorded decisions differ from the intended ones")
    window.close()
    window.deleteLater()
    app.processEvents()
    return count, len(wb.suggestions)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setApplicationName("examiner-benchmark")
    rows = []
    print(f"load before: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    for slug in sample_slugs():
        before, n = measure(app, slug, grouped=False)  # type: ignore[arg-type]
        after, _ = measure(app, slug, grouped=True)  # type: ignore[arg-type]
        rows.append({
            "case": slug,
            "suggestions": n,
            "accepted": before.accepted,
            "rejected": before.rejected,
            "before": {"keys": before.keys, "keys_without_reason_letters": before.keys - before.reason_letters,
                       "rows_reviewed": before.rows},
            "after": {"keys": after.keys, "keys_without_reason_letters": after.keys - after.reason_letters,
                      "rows_reviewed": after.rows, "group_decisions": after.group_decisions,
                      "mixed_groups": after.mixed_groups},
        })  # fmt: skip
    header = f"{'case':18} {'sugg.':>5} {'acc/rej':>8} {'keys before':>11} {'keys after':>10} {'ratio':>6}"
    header += f" {'w/o reasons before':>18} {'after':>6} {'rows before':>11} {'after':>6}"
    print(header)
    for r in rows:
        b, a = r["before"], r["after"]
        print(
            f"{r['case']:18} {r['suggestions']:5} {r['accepted']:>3}/{r['rejected']:<4} {b['keys']:11} {a['keys']:10}"
            f" {a['keys'] / b['keys']:6.2f} {b['keys_without_reason_letters']:18} {a['keys_without_reason_letters']:6}"
            f" {b['rows_reviewed']:11} {a['rows_reviewed']:6}  groups {a['group_decisions']}, mixed {a['mixed_groups']}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"reject_reason": REJECT_REASON, "group_reason": GROUP_REASON, "cases": rows}, indent=2, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    sys.stdout.flush()
    os._exit(0)  # skip interpreter shutdown: tearing down the closed windows and the thread pool adds nothing here


if __name__ == "__main__":
    main()
