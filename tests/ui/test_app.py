"""Start-up (composition root) with a fake core: store opened in a worker, sign-in, demo import."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from examiner_app.config import Settings
from examiner_app.domain import Role
from examiner_app.ui import app as app_module
from examiner_app.ui.app import Opened, Startup
from examiner_app.ui.dialogs import PassphraseDialog, SignInDialog
from examiner_app.ui.main_window import MainWindow

from .fakes import FakeWorkbench, sample_workbench
from .test_import import make_samples


@pytest.fixture
def opened(monkeypatch) -> FakeWorkbench:
    workbench = sample_workbench()
    workbench.user = None
    monkeypatch.setattr(
        app_module, "open_workbench", lambda settings: Opened(workbench, workbench.users(), workbench.has_accounts())
    )
    return workbench


def test_preset_user_skips_the_dialog(qtbot, runner, opened, tmp_path):
    startup = Startup(
        Settings(data_dir=tmp_path, resources_dir=tmp_path), runner, demo=False, preset_user="Aiko Tanaka:examiner"
    )
    with qtbot.waitSignal(startup.ready, timeout=5000) as blocker:
        startup.start()
    window = blocker.args[0]
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert opened.user is not None
    assert opened.user.name == "Aiko Tanaka"
    assert "AI suggestions: on" in window.ai_label.text()
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert not window.import_panel.isVisible()  # the store has cases: no demo import


def test_sign_in_dialog_then_wrong_role_is_explained(qtbot, runner, opened, tmp_path):
    startup = Startup(
        Settings(data_dir=tmp_path, resources_dir=tmp_path, ai_enabled=False), runner, demo=False, preset_user=None
    )
    startup.start()
    qtbot.waitUntil(
        lambda: any(isinstance(w, SignInDialog) and w.isVisible() for w in QApplication.topLevelWidgets()), timeout=5000
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible())
    dialog.profile.setCurrentIndex(dialog.profile.count() - 1)  # New profile…
    dialog.name.setText("Aiko Tanaka")  # exists as an examiner
    dialog.role.setCurrentIndex(dialog.role.findData(Role.ADMIN))
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=5000)
    assert "role examiner" in dialog.error.text()
    dialog.profile.setCurrentIndex(0)
    with qtbot.waitSignal(startup.ready, timeout=5000) as blocker:
        dialog.sign_in_button.click()
    window = blocker.args[0]
    qtbot.addWidget(window)
    assert window.ai_label.text() == "AI suggestions: off"
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_an_empty_store_gets_the_sample_cases(qtbot, runner, monkeypatch, tmp_path):
    workbench = FakeWorkbench()
    monkeypatch.setattr(app_module, "open_workbench", lambda settings: Opened(workbench, [], False))
    resources = tmp_path / "resources"
    make_samples(resources / "samples")
    startup = Startup(
        Settings(data_dir=tmp_path, resources_dir=resources), runner, demo=False, preset_user="Demo Examiner:examiner"
    )
    with qtbot.waitSignal(startup.ready, timeout=5000) as blocker:
        startup.start()
    window = blocker.args[0]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.import_finished, timeout=10_000):
        pass
    assert sorted(c.title for c in workbench.cases.values()) == ["Sample A", "Sample B"]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_a_store_with_accounts_asks_for_a_password(qtbot, runner, opened, tmp_path):
    opened.passwords["Aiko Tanaka"] = "correct horse battery"
    startup = Startup(
        Settings(data_dir=tmp_path, resources_dir=tmp_path), runner, demo=False, preset_user="Aiko Tanaka:examiner"
    )  # only fills in the name with accounts
    startup.start()
    qtbot.waitUntil(
        lambda: any(isinstance(w, SignInDialog) and w.isVisible() for w in QApplication.topLevelWidgets()), timeout=5000
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible())
    assert dialog.password_mode
    assert dialog.name.text() == "Aiko Tanaka"
    assert not dialog.profile.isVisibleTo(dialog)
    dialog.password.setText("wrong")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=5000)
    assert "wrong password" in dialog.error.text()
    assert dialog.password.text() == ""
    dialog.password.setText("correct horse battery")
    with qtbot.waitSignal(startup.ready, timeout=5000) as blocker:
        dialog.sign_in_button.click()
    qtbot.addWidget(blocker.args[0])
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_an_encrypted_store_asks_for_its_passphrase(qtbot, runner, monkeypatch, tmp_path):
    workbench = sample_workbench()
    tries: list[str | None] = []

    def open_encrypted(settings: Settings) -> Opened:
        tries.append(settings.passphrase)
        if settings.passphrase is None:
            raise app_module.PassphraseRequired("This store is encrypted: enter its passphrase.")
        if settings.passphrase != "s3cret passphrase":
            raise app_module.PassphraseRequired("Wrong passphrase for this store (or the file is damaged). Try again.")
        return Opened(workbench, workbench.users(), False)

    monkeypatch.setattr(app_module, "open_workbench", open_encrypted)
    startup = Startup(
        Settings(data_dir=tmp_path, resources_dir=tmp_path), runner, demo=False, preset_user="Aiko Tanaka:examiner"
    )
    startup.start()
    qtbot.waitUntil(
        lambda: any(isinstance(w, PassphraseDialog) and w.isVisible() for w in QApplication.topLevelWidgets()),
        timeout=5000,
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PassphraseDialog) and w.isVisible())
    assert not dialog.error.isVisibleTo(dialog)  # the first prompt is not an error
    dialog.passphrase.setText("guess")
    dialog.open_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=5000)
    assert dialog.error.text().startswith("Wrong passphrase")
    dialog.passphrase.setText("s3cret passphrase")
    with qtbot.waitSignal(startup.ready, timeout=5000) as blocker:
        dialog.open_button.click()
    qtbot.addWidget(blocker.args[0])
    assert tries == [None, "guess", "s3cret passphrase"]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_a_reviewer_is_not_offered_case_creation_or_import(qtbot, runner, tmp_path):
    workbench = sample_workbench(Role.REVIEWER)
    from .conftest import make_window

    window = make_window(qtbot, workbench, runner)
    with qtbot.waitSignal(window.cases_loaded, timeout=5000):
        window.refresh_cases()
    window.case_list.select_case("c-1")
    assert not window.case_list.new_button.isEnabled()
    assert not window.case_list.import_button.isEnabled()
    assert "only an examiner or an administrator" in window.case_list.new_button.toolTip()
    assert window.new_case() is None
    assert not window.start_demo_import()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
