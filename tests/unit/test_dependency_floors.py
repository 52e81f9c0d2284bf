"""Installed Pillow and pdfminer.six are at least the releases that fixed their known CVEs.

Why a test and not only pip-audit: issue 3 asks to keep Pillow >= 12.2.0 and pdfminer.six >= 20251230 (both
parse the applicants' untrusted files) and to run pip-audit in CI, but pip-audit needs its online vulnerability
database, which this machine cannot reach. pyproject.toml states the floors; this test fails when an environment
was built without them (an old lock file, a system package shadowing the wheel, ``pip install --no-deps``), so a
vulnerable parser cannot slip in unnoticed even where pip-audit cannot run.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

import pytest

#: distribution name -> lowest release without the known vulnerabilities (issue 3, "Hostile and broken input").
FLOORS = {
    "Pillow": (12, 2, 0),
    "pdfminer.six": (20251230,),
}


def release(text: str) -> tuple[int, ...]:
    """The release numbers of a version string, comparable as tuples: "12.2.0" -> (12, 2, 0).

    A pre-release (``a``, ``b``, ``rc``, ``dev``) sorts just below its release, as in PEP 440: it may lack the fix.
    """
    match = re.match(r"(\d+(?:\.\d+)*)(.*)", text.strip())
    if match is None:
        raise ValueError(f"not a release version: {text!r}")
    numbers = [int(part) for part in match.group(1).split(".")]
    if re.match(r"[.-]?(a|b|c|rc|alpha|beta|pre|preview|dev)", match.group(2).lower()):
        numbers[-1] -= 1
    return tuple(numbers)


def test_release_parsing_compares_like_pep_440_releases() -> None:
    assert release("13.0.0") > (12, 2, 0)
    assert release("12.2.0") >= (12, 2, 0)
    assert release("12.1.1") < (12, 2, 0)
    assert release("12.2.0rc1") < (12, 2, 0)  # a pre-release may predate the fix
    assert release("12.2.0.post1") >= (12, 2, 0)
    assert release("20260107") >= (20251230,)
    assert release("20250506") < (20251230,)


@pytest.mark.parametrize(("distribution", "floor"), sorted(FLOORS.items()))
def test_installed_version_is_at_least_the_security_floor(distribution: str, floor: tuple[int, ...]) -> None:
    try:
        installed = version(distribution)
    except PackageNotFoundError:
        pytest.fail(f"{distribution} is not installed, but the application needs it")
    assert release(installed) >= floor, (
        f"{distribution} {installed} is older than {'.'.join(map(str, floor))}, which fixed known CVEs in parsing "
        f"untrusted files: upgrade it (pip install -U '{distribution}>={'.'.join(map(str, floor))}')."
    )
