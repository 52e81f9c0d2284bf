"""The working note: the case summary (fact sheet and chronology) as a PDF an examiner can file or print.

Everything here is safe to run in a worker thread (QTextDocument and QPdfWriter are reentrant and
nothing touches a widget), so a long case never freezes the window. The note is evidence only: each
line keeps its status (recorded finding or suggestion not confirmed) and its citation (file, page,
characters); no score and no adjective is added. Until an examiner signs the summary off, every note
carries a "DRAFT — not signed off" header on each page and a watermark across it; a signed-off note says
"Signed off by NAME on DATE" instead. When the findings or pinned excerpts changed after the sign-off,
the note is a draft again and says whose sign-off no longer holds ("changed since sign-off by ...").
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument

from examiner_app.domain import Provenance, SuggestionStatus
from examiner_app.summaries import ChronologyEntry, FactSheet, SheetLine
from examiner_app.summaries.evidence import EvidenceKind, EvidenceView
from examiner_app.summaries.sign_off import PinnedExcerpt, SignOffState, SignOffStatus
from examiner_app.ui import i18n

PDF_RESOLUTION = 144  # device pixels per inch of the page: fine enough for text, small files
HEADER_HEIGHT = 70
FOOTER_HEIGHT = 40
DRAFT_RED = QColor("#b3261e")
SIGNED_GREEN = QColor("#1e6b34")
EXCERPT_CHARS = 600  # a pinned excerpt longer than this is cut in the note; its citation leads to the rest


def citation_text(provenance: Provenance | None) -> str:
    """``statement.png, p. 2, chars 120–141`` in the UI language: enough to find the words again."""
    if provenance is None:
        return QCoreApplication.translate("WorkingNote", "entered by the examiner, no source document")
    return i18n.fmt(
        QCoreApplication.translate("WorkingNote", "%1, p. %2, chars %3–%4"),
        provenance.file_name,
        provenance.page,
        provenance.start,
        provenance.end,
    )


def short_citation(provenance: Provenance | None) -> str:
    """``p. 2 · chars 120–141 · statement.png``: page first, so a narrow column cut at the right keeps it."""
    if provenance is None:
        return QCoreApplication.translate("WorkingNote", "entered by the examiner, no source document")
    return i18n.fmt(
        QCoreApplication.translate("WorkingNote", "p. %2 · chars %3–%4 · %1"),
        provenance.file_name,
        provenance.page,
        provenance.start,
        provenance.end,
    )


def status_text(status: SuggestionStatus) -> str:
    """Findings and suggestions in words that cannot be mistaken for each other."""
    if status is SuggestionStatus.PENDING:
        return QCoreApplication.translate("WorkingNote", "suggestion — not confirmed")
    if status is SuggestionStatus.EDITED:
        return QCoreApplication.translate("WorkingNote", "✓ finding (corrected by the examiner)")
    if status is SuggestionStatus.ACCEPTED:
        return QCoreApplication.translate("WorkingNote", "✓ finding")
    return i18n.status_label(status)


def chronology_what(entry: ChronologyEntry) -> str:
    """The event sentence, or the translated field name when the core fell back to the field's English name."""
    if entry.what == entry.field.value.replace("_", " "):
        return i18n.field_label(entry.field)
    return entry.what


def conflict_values(lines: tuple[SheetLine, ...]) -> list[str]:
    """The distinct values of a conflicting group, findings first (the order the sheet gives)."""
    considered = [ln for ln in lines if ln.is_finding] or list(lines)
    seen: dict[str, str] = {}
    for line in considered:
        seen.setdefault((line.normalized or line.value).casefold().strip(), line.value)
    return list(seen.values())


@dataclass(frozen=True)
class NoteHeader:
    """Who made the note, about what, and when; all of it printed on the note."""

    case_title: str
    case_reference: str
    examiner: str
    generated_at: datetime
    signed_off: bool = False
    # Who signed the summary off and when; kept on a stale note (``signed_off`` False) to say whose sign-off lapsed.
    signed_by: str = ""
    signed_at: datetime | None = None
    # Another document laid out in the note's frame (the record package): its own header words, no watermark.
    label: str = ""


def header_with_sign_off(header: NoteHeader, state: SignOffState | None) -> NoteHeader:
    """``header`` with the summary's sign-off: signed, never signed (draft) or changed since (draft again)."""
    if state is None or state.sign_off is None:
        return replace(header, signed_off=False, signed_by="", signed_at=None)
    return replace(
        header,
        signed_off=state.status is SignOffStatus.SIGNED,
        signed_by=state.sign_off.user_name,
        signed_at=state.sign_off.signed_at,
    )


def _date_text(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when is not None else "—"


def draft_label() -> str:
    return QCoreApplication.translate("WorkingNote", "DRAFT — not signed off")


def sign_off_words(signed_off: bool, signed_by: str, signed_at: datetime | None) -> str:
    """Signed off by whom and when, a draft, or a draft again since a change after the sign-off."""
    if signed_off:
        return i18n.fmt(
            QCoreApplication.translate("WorkingNote", "Signed off by %1 on %2"), signed_by, _date_text(signed_at)
        )
    if signed_by:
        return i18n.fmt(
            QCoreApplication.translate("WorkingNote", "DRAFT — changed since sign-off by %1 on %2"),
            signed_by,
            _date_text(signed_at),
        )
    return draft_label()


def sign_off_label(header: NoteHeader) -> str:
    """The note's standing in words, as printed at the top of each page."""
    if header.label:
        return header.label
    return sign_off_words(header.signed_off, header.signed_by, header.signed_at)


def watermark_label(header: NoteHeader) -> str:
    if header.signed_by:
        return QCoreApplication.translate("WorkingNote", "DRAFT — changed since sign-off")
    return draft_label()


def build_html(
    header: NoteHeader,
    fact_sheet: FactSheet,
    chronology: list[ChronologyEntry],
    pins: Sequence[PinnedExcerpt] = (),
    evidence: EvidenceView | None = None,
) -> str:
    """The note as the simple HTML QTextDocument understands (tables, inline colours).

    With ``evidence``, a section per element of the Guide lists the findings and pinned COI that bear on it and
    the examiner's own reasoning on it (or says that none was written)."""
    e = html.escape
    lines = {line.suggestion_id: line for group in fact_sheet.groups for line in group.lines}
    when = header.generated_at.astimezone().strftime("%Y-%m-%d %H:%M %Z")
    title = QCoreApplication.translate("WorkingNote", "Working note")
    parts = [
        "<html><body style='font-size:10pt; color:#1f2328'>",
        f"<h1 style='font-size:16pt; margin-bottom:2px'>{e(title)} — {e(header.case_title)}</h1>",
    ]
    colour = SIGNED_GREEN if header.signed_off else DRAFT_RED
    parts.append(
        f"<p style='color:{colour.name()}; font-weight:bold; font-size:12pt; margin-top:0'>{e(sign_off_label(header))}</p>"
    )
    meta = [
        (QCoreApplication.translate("WorkingNote", "Case reference"), header.case_reference or "—"),
        (QCoreApplication.translate("WorkingNote", "Examiner"), header.examiner),
        (QCoreApplication.translate("WorkingNote", "Generated"), when),
        (
            QCoreApplication.translate("WorkingNote", "Contents"),
            i18n.fmt(
                QCoreApplication.translate(
                    "WorkingNote", "%1 findings recorded by an examiner · %2 suggestions not confirmed · %3 conflicts"
                ),
                fact_sheet.findings,
                fact_sheet.pending,
                len(fact_sheet.conflicts),
            ),
        ),
    ]
    parts.append("<table cellspacing='0' cellpadding='2'>")
    for label, value in meta:
        parts.append(f"<tr><td style='color:#5b616b; padding-right:12px'>{e(label)}</td><td>{e(value)}</td></tr>")
    parts.append("</table>")
    parts.append(
        "<p style='color:#5b616b'>"
        + e(
            QCoreApplication.translate(
                "WorkingNote",
                "What the documents say, each line with its source (file, page, characters). Lines marked "
                "“suggestion — not confirmed” were read by the software and have not been checked by an "
                "examiner. This note assesses neither credibility nor the outcome of the claim.",
            )
        )
        + "</p>"
    )

    sheet_title = QCoreApplication.translate("WorkingNote", "Fact sheet")
    parts.append(f"<h2 style='font-size:13pt'>{e(sheet_title)}</h2>")
    if not fact_sheet.groups:
        nothing = QCoreApplication.translate("WorkingNote", "No facts recorded or suggested yet.")
        parts.append(f"<p>{e(nothing)}</p>")
    for group in fact_sheet.groups:
        title = e(i18n.field_label(group.field))
        if group.conflict:
            conflict_word = QCoreApplication.translate("WorkingNote", "conflict")
            values = "  ≠  ".join(e(v) for v in conflict_values(group.lines))
            title += (
                f" <span style='color:{DRAFT_RED.name()}; font-weight:bold'>⚠ {e(conflict_word)}:</span>"
                f" <span style='color:{DRAFT_RED.name()}'>{values}</span>"
            )
        parts.append(f"<h3 style='font-size:11pt; margin-bottom:2px'>{title}</h3>")
        parts.append(_lines_table([(line.value, line.status, citation_text(line.provenance)) for line in group.lines]))

    chronology_title = QCoreApplication.translate("WorkingNote", "Chronology")
    parts.append(f"<h2 style='font-size:13pt'>{e(chronology_title)}</h2>")
    if not chronology:
        no_dates = QCoreApplication.translate("WorkingNote", "No dated statements found yet.")
        parts.append(f"<p>{e(no_dates)}</p>")
    else:
        rows = []
        for entry in chronology:
            line = lines.get(entry.suggestion_id)
            source = citation_text(line.provenance) if line is not None else entry.citation
            rows.append((entry.date, chronology_what(entry), entry.status, source))
        parts.append(_chronology_table(rows))

    parts.append(_pins_section(pins, lines))
    if evidence is not None:
        parts.append(_evidence_section(evidence))
    parts.append("</body></html>")
    return "".join(parts)


def _pins_section(pins: Sequence[PinnedExcerpt], lines: dict[str, SheetLine]) -> str:
    """Country-of-origin excerpts the examiner pinned, each with what it was pinned to and its EUAA citation."""
    e = html.escape
    title = QCoreApplication.translate("WorkingNote", "Pinned country-of-origin information")
    parts = [f"<h2 style='font-size:13pt'>{e(title)}</h2>"]
    if not pins:
        nothing = QCoreApplication.translate("WorkingNote", "No excerpts pinned to this case.")
        parts.append(f"<p>{e(nothing)}</p>")
        return "".join(parts)
    for pin in pins:
        line = lines.get(pin.suggestion_id or "")
        if pin.suggestion_id is None:
            target = QCoreApplication.translate("WorkingNote", "Pinned to the case")
        else:
            fact = f"{i18n.field_label(line.field)}: {line.value}" if line is not None else pin.fact_label
            target = i18n.fmt(QCoreApplication.translate("WorkingNote", "Pinned to the fact “%1”"), fact)
        excerpt = pin.excerpt if len(pin.excerpt) <= EXCERPT_CHARS else pin.excerpt[:EXCERPT_CHARS].rstrip() + " […]"
        parts.append(f"<p style='margin-bottom:0'><b>{e(target)}</b></p>")
        parts.append(f"<p style='margin-top:2px; margin-bottom:0; font-style:italic'>“{e(excerpt)}”</p>")
        parts.append(f"<p style='margin-top:2px; color:#5b616b'>{e(pin.citation)}</p>")
        if pin.note:
            note = i18n.fmt(QCoreApplication.translate("WorkingNote", "Examiner's note: %1"), pin.note)
            parts.append(f"<p style='margin-top:0; color:#5b616b'>{e(note)}</p>")
    return "".join(parts)


def _evidence_section(evidence: EvidenceView) -> str:
    """Per element of the Guide: the findings and COI bearing on it, and the examiner's reasoning in their words."""
    from examiner_app.ui.evidence_panel import element_title, empty_element_text, kind_label

    e = html.escape
    title = QCoreApplication.translate(
        "WorkingNote", "Evidence by the elements of the Guide, and the examiner's reasoning"
    )
    parts = [f"<h2 style='font-size:13pt'>{e(title)}</h2>"]
    for element in evidence.elements:
        parts.append(f"<h3 style='font-size:11pt; margin-bottom:2px'>{e(element_title(element.element))}</h3>")
        items = [i for i in element.items if i.is_finding or i.kind is EvidenceKind.COI]
        if element.empty:
            parts.append(f"<p style='color:#5b616b'>{e(empty_element_text(element.element))}</p>")
        elif not items:
            nothing = QCoreApplication.translate(
                "WorkingNote",
                "Only suggestions not confirmed by an examiner bear on this element (see the fact sheet).",
            )
            parts.append(f"<p style='color:#5b616b'>{e(nothing)}</p>")
        else:
            rows = []
            for item in items:
                label = i18n.field_label(item.field) + ": " if item.field is not None else ""
                value = item.value if len(item.value) <= EXCERPT_CHARS else item.value[:EXCERPT_CHARS] + " […]"
                source = item.citation if item.coi is not None else citation_text(item.provenance)
                rows.append(
                    f"<tr><td style='font-weight:bold'>{e(label + value)}</td><td>{e(kind_label(item.kind))}</td>"
                    f"<td style='color:#5b616b'>{e(source)}</td></tr>"
                )
            parts.append(f"<table width='100%' cellspacing='0' cellpadding='3' border='0'>{''.join(rows)}</table>")
        if element.reasoning is not None:
            who = i18n.fmt(
                QCoreApplication.translate("WorkingNote", "Examiner's reasoning (%1, %2):"),
                element.reasoning.user_name,
                _date_text(element.reasoning.written_at),
            )
            body = e(element.reasoning.text).replace("\n", "<br/>")
            parts.append(f"<p style='margin-bottom:0'><b>{e(who)}</b></p><p style='margin-top:2px'>{body}</p>")
        else:
            none = QCoreApplication.translate("WorkingNote", "No reasoning written by the examiner on this element.")
            parts.append(f"<p style='color:#5b616b; font-style:italic'>{e(none)}</p>")
    return "".join(parts)


def _status_cell(status: SuggestionStatus) -> str:
    text = html.escape(status_text(status))
    if status is SuggestionStatus.PENDING:
        return f"<td style='color:#4a5a75; font-style:italic'>{text}</td>"
    return f"<td style='color:#1e6b34; font-weight:bold'>{text}</td>"


def _value_cell(value: str, status: SuggestionStatus) -> str:
    style = "font-weight:bold" if status is not SuggestionStatus.PENDING else "font-style:italic"
    return f"<td style='{style}'>{html.escape(value)}</td>"


def _lines_table(rows: list[tuple[str, SuggestionStatus, str]]) -> str:
    body = "".join(
        f"<tr>{_value_cell(value, status)}{_status_cell(status)}"
        f"<td style='color:#5b616b'>{html.escape(source)}</td></tr>"
        for value, status, source in rows
    )
    return f"<table width='100%' cellspacing='0' cellpadding='3' border='0'>{body}</table>"


def _chronology_table(rows: list[tuple[str, str, SuggestionStatus, str]]) -> str:
    e = html.escape
    head = "".join(
        f"<th align='left' style='background:#eef0f3'>{e(label)}</th>"
        for label in (
            QCoreApplication.translate("WorkingNote", "Date"),
            QCoreApplication.translate("WorkingNote", "What"),
            QCoreApplication.translate("WorkingNote", "Status"),
            QCoreApplication.translate("WorkingNote", "Source"),
        )
    )
    body = "".join(
        f"<tr><td style='white-space:nowrap'>{e(date)}</td>{_value_cell(what, status)}{_status_cell(status)}"
        f"<td style='color:#5b616b'>{e(source)}</td></tr>"
        for date, what, status, source in rows
    )
    return f"<table width='100%' cellspacing='0' cellpadding='3' border='0'><tr>{head}</tr>{body}</table>"


def write_pdf(note_html: str, out: Path, header: NoteHeader) -> int:
    """Lay ``note_html`` out on A4 pages with the draft header, watermark and page footer; returns the page count."""
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 14, 16, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(i18n.fmt(QCoreApplication.translate("WorkingNote", "Working note — %1"), header.case_title))
    writer.setCreator("Examiner Workbench")
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(area.width()), float(area.height())
    body_height = height - HEADER_HEIGHT - FOOTER_HEIGHT

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # lay fonts out at the PDF's resolution, not the screen's
    font = QFont()
    font.setFamilies(["Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", "DejaVu Sans"])
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setHtml(note_html)
    document.setPageSize(QSizeF(width, body_height))
    pages = max(1, document.pageCount())

    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, HEADER_HEIGHT - page * body_height)
            document.drawContents(painter, QRectF(0, page * body_height, width, body_height))
            painter.restore()
            _draw_frame(painter, header, width, height, page + 1, pages)
    finally:
        painter.end()
    return pages


def _draw_frame(painter: QPainter, header: NoteHeader, width: float, height: float, page: int, pages: int) -> None:
    """Header (sign-off status, case), footer (examiner, time, page) and, on drafts, the diagonal watermark."""
    small = QFont("Noto Sans")
    small.setPointSizeF(8.5)
    painter.setFont(small)
    painter.setPen(QColor("#5b616b"))
    reference = header.case_reference or header.case_title
    painter.drawText(QRectF(0, 0, width, 24), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), reference)
    bold = QFont("Noto Sans")
    bold.setPointSizeF(11)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(SIGNED_GREEN if header.signed_off else DRAFT_RED)
    painter.drawText(
        QRectF(0, 0, width * 0.75, 30),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
        sign_off_label(header),
    )
    painter.setPen(QPen(QColor("#c9ced6"), 1))
    painter.drawLine(QPointF(0, HEADER_HEIGHT - 16), QPointF(width, HEADER_HEIGHT - 16))
    painter.drawLine(QPointF(0, height - FOOTER_HEIGHT + 8), QPointF(width, height - FOOTER_HEIGHT + 8))
    painter.setFont(small)
    painter.setPen(QColor("#5b616b"))
    when = header.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    footer = i18n.fmt(
        QCoreApplication.translate("WorkingNote", "Generated by %1 on %2 with Examiner Workbench"),
        header.examiner,
        when,
    )
    bottom = QRectF(0, height - FOOTER_HEIGHT + 12, width, FOOTER_HEIGHT - 12)
    painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), footer)
    painter.drawText(
        bottom,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        i18n.fmt(QCoreApplication.translate("WorkingNote", "page %1 of %2"), page, pages),
    )
    if header.signed_off or header.label:
        return
    painter.save()
    mark = QFont("Noto Sans")
    mark.setPointSizeF(54)
    mark.setBold(True)
    painter.setFont(mark)
    painter.setPen(QColor(179, 38, 30, 38))
    painter.translate(width / 2, height / 2)
    painter.rotate(-35)
    painter.drawText(QRectF(-width, -80, 2 * width, 160), int(Qt.AlignmentFlag.AlignCenter), watermark_label(header))
    painter.restore()


def export_working_note(
    out: Path,
    header: NoteHeader,
    fact_sheet: FactSheet,
    chronology: list[ChronologyEntry],
    pins: Sequence[PinnedExcerpt] = (),
    evidence: EvidenceView | None = None,
) -> int:
    """Write the PDF; returns its page count. Runs in a worker."""
    return write_pdf(build_html(header, fact_sheet, chronology, pins, evidence), out, header)


__all__ = [
    "NoteHeader",
    "build_html",
    "chronology_what",
    "citation_text",
    "conflict_values",
    "draft_label",
    "export_working_note",
    "header_with_sign_off",
    "sign_off_label",
    "sign_off_words",
    "status_text",
    "watermark_label",
    "write_pdf",
]
