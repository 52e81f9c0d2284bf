"""Writing the record package from the desktop app: the JSON the core builds and the same content as a PDF.

Runs in a worker: ``Workbench.record_package`` builds the package, this module writes ``NAME.json`` (the canonical
bytes) and ``NAME.pdf`` (laid out with the working note's page frame), then the core audits the export with both
files' SHA-256 (``case.record_package``), so a copy handed to a court can be checked against the log.
"""

from __future__ import annotations

import hashlib
import html
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from examiner_app.ui.working_note import NoteHeader, write_pdf


def _t(text: str) -> str:
    return QCoreApplication.translate("RecordPackage", text)


def package_html(package: dict[str, Any]) -> str:
    """The package as simple HTML for QTextDocument: documents, decisions with reasons, COI, reasoning per element."""
    e = html.escape
    case = package["case"]
    parts = [
        "<html><body style='font-size:9.5pt; color:#1f2328'>",
        f"<h1 style='font-size:15pt'>{e(_t('Record package'))} — {e(case['title'])}</h1>",
        f"<p style='color:#5b616b'>{e(package['notice'])}</p>",
        f"<h2 style='font-size:12pt'>{e(_t('Documents'))}</h2><table cellpadding='2'>",
    ]
    for d in package["documents"]:
        parts.append(
            f"<tr><td>{e(d['file'])}</td><td>{e(d['kind'])}</td><td><code>{e(d['sha256'][:16])}…</code></td></tr>"
        )
    parts.append("</table>")
    shown = {s["suggestion_id"]: s for s in package["shown"]}
    parts.append(f"<h2 style='font-size:12pt'>{e(_t('Decisions and reasons'))}</h2><table cellpadding='2'>")
    for d in package["decisions"]:
        s = shown.get(d["suggestion_id"], {})
        src = s.get("source") or {}
        where = f"{src.get('file', '')} p.{src.get('page', '')}" if src else ""
        parts.append(
            f"<tr><td>{e(d['action'])}</td><td>{e(s.get('field', ''))}</td><td>{e(str(d['value_before'] or ''))}"
            f" → {e(str(d['value_after'] or ''))}</td><td>{e(d['reason'] or '—')}</td><td>{e(d['by'])}</td>"
            f"<td style='color:#5b616b'>{e(where)}</td></tr>"
        )
    parts.append("</table>")
    pending = sum(1 for s in package["shown"] if s["status"] == "pending")
    parts.append(
        "<p style='color:#5b616b'>"
        + e(_t("Suggestions shown and not decided:"))
        + f" {pending} / {len(package['shown'])}</p>"
    )
    parts.append(f"<h2 style='font-size:12pt'>{e(_t('Country information relied on'))}</h2>")
    if not package["coi_relied_on"]:
        parts.append(f"<p>{e(_t('None pinned.'))}</p>")
    for p in package["coi_relied_on"]:
        parts.append(
            f"<p><b>{e(p['publisher'])}</b>, {e(p['title'])}, {e(str(p['published']))} — "
            f"<code>{e(p['version_sha256'][:16])}…</code><br/><i>{e(p['excerpt'][:400])}</i></p>"
        )
    parts.append(f"<h2 style='font-size:12pt'>{e(_t('Reasoning per element'))}</h2>")
    for element in package["elements"]:
        parts.append(f"<h3 style='font-size:10.5pt'>{e(element['title'])}</h3>")
        if element["empty"]:
            parts.append(f"<p style='color:#5b616b'>{e(element['empty'])}</p>")
        reasoning = element["reasoning"]
        if reasoning:
            parts.append(f"<p>{e(reasoning['text'])}<br/><span style='color:#5b616b'>{e(reasoning['by'])}, "
                         f"{e(reasoning['at'])}</span></p>")  # fmt: skip
        else:
            parts.append(f"<p style='color:#5b616b'><i>{e(_t('No reasoning written by the examiner.'))}</i></p>")
    parts.append("</body></html>")
    return "".join(parts)


def write_package(out_base: Path, package: dict[str, Any], json_bytes: bytes, examiner: str) -> dict[str, str]:
    """Write ``out_base``.json and .pdf; returns {file name: SHA-256} of both."""
    json_path, pdf_path = out_base.with_suffix(".json"), out_base.with_suffix(".pdf")
    json_path.write_bytes(json_bytes)
    header = NoteHeader(
        case_title=package["case"]["title"],
        case_reference=package["case"]["reference"],
        examiner=examiner,
        generated_at=datetime.now(UTC),
        label=_t("Record package — what was shown and recorded"),
    )
    write_pdf(package_html(package), pdf_path, header)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (json_path, pdf_path)}
