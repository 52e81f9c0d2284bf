"""Release gates kept for the instructions for use: the figures of each gate, without any case content.

``qa gate --sample ID --record evaluation/results/qa_release_gates.json`` adds (or replaces, per engine version)
one entry; ``scripts/make_instructions.py`` turns the file into the "declared accuracy from real decisions"
section, so declared accuracy comes from reviewed suggestions, not only from the gold sets.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from examiner_app.errors import QualityReviewError

KEPT = (
    "engine",
    "plan",
    "checked",
    "errors",
    "result",
    "error_rate",
    "error_ci_exact",
    "accuracy",
    "accuracy_ci_exact",
)


def record_gate(path: Path, result: dict[str, Any]) -> dict[str, Any]:
    """Add one gate's figures to ``path`` (a JSON list per engine version); only finished gates are kept."""
    if result.get("result") not in ("pass", "fail"):
        raise QualityReviewError(
            "Only a finished gate (pass or fail) is recorded: judge every item of the sample first."
        )
    data: dict[str, Any] = {"gates": []}
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise QualityReviewError(f"{path} is not valid JSON; fix or remove it before recording a gate.") from exc
    entry = {key: result.get(key) for key in KEPT}
    entry["sample_id"] = result.get("sample_id")
    entry["date"] = datetime.now(UTC).date().isoformat()
    gates = [g for g in data.get("gates", []) if g.get("engine") != entry["engine"]]
    gates.append(entry)
    data["gates"] = sorted(gates, key=lambda g: str(g.get("engine")))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return entry
