"""Settings, read once at start-up from the environment (prefix ``EXAMINER_``) and CLI options.

Workers never read these globals: the composition root (CLI or UI) builds a frozen
``Settings`` and passes what each job needs into it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

APP_NAME = "examiner-workbench"


def _env_flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() not in {"0", "false", "no", "off", ""}


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def repo_root() -> Path:
    """The source checkout (or installed package parent) holding models/ and resources/."""
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    db_url: str | None = None  # None: SQLite file in data_dir
    # PostgreSQL: the tables' owner, used only to migrate; db_url is then a role without ownership (RLS applies).
    db_owner_url: str | None = field(default=None, repr=False)
    models_dir: Path = field(default_factory=lambda: repo_root() / "models")
    resources_dir: Path = field(default_factory=lambda: repo_root() / "resources")
    ocr_languages: str | None = None  # None: chosen automatically per page
    ai_enabled: bool = True  # False: every model and suggestion engine is off (null engines)
    workers: int = max(1, min(2, os.cpu_count() or 1))
    ui_language: str | None = None  # None: follow the system locale
    audit_retention_days: int = 365  # audit events are kept at least this long (never under 183 days)
    # SQLCipher passphrase for the SQLite store; never logged, never written anywhere.
    passphrase: str | None = field(default=None, repr=False)

    @property
    def database_url(self) -> str:
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'examiner.db'}"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``EXAMINER_*`` variables; explicit overrides (not None) win."""
        env = os.environ
        settings = cls()
        values: dict[str, object] = {}
        if env.get("EXAMINER_DATA_DIR"):
            values["data_dir"] = Path(env["EXAMINER_DATA_DIR"]).expanduser()
        if env.get("EXAMINER_DB_URL"):
            values["db_url"] = env["EXAMINER_DB_URL"]
        if env.get("EXAMINER_DB_OWNER_URL"):
            values["db_owner_url"] = env["EXAMINER_DB_OWNER_URL"]
        if env.get("EXAMINER_MODELS_DIR"):
            values["models_dir"] = Path(env["EXAMINER_MODELS_DIR"]).expanduser()
        if env.get("EXAMINER_OCR_LANGUAGES"):
            values["ocr_languages"] = env["EXAMINER_OCR_LANGUAGES"]
        if env.get("EXAMINER_UI_LANGUAGE"):
            values["ui_language"] = env["EXAMINER_UI_LANGUAGE"]
        if env.get("EXAMINER_AUDIT_RETENTION_DAYS"):
            values["audit_retention_days"] = int(env["EXAMINER_AUDIT_RETENTION_DAYS"])
        if env.get("EXAMINER_WORKERS"):
            values["workers"] = max(1, int(env["EXAMINER_WORKERS"]))
        if env.get("EXAMINER_PASSPHRASE"):
            values["passphrase"] = env["EXAMINER_PASSPHRASE"]
        values["ai_enabled"] = _env_flag("EXAMINER_AI_ENABLED", True)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(settings, **values)  # type: ignore[arg-type]
