"""Rebuild the one PDF report of the fictional COI library from the text below (needs fpdf2, a dev dependency).

    .venv/bin/python resources/coi/tools/build_pdf.py

The output is deterministic (fixed creation date), so rebuilding does not change the file's hash.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "reports" / "lk-nrdc-2024-tamils-returnees.pdf"
TITLE = "Sri Lanka: Situation of Tamils and Returnees (Update)"
# Pages of (kind, text): "h" heading, "p" paragraph.
PAGES: list[list[tuple[str, str]]] = [
    [
        ("h", TITLE),
        (
            "p",
            "FICTIONAL TEST DOCUMENT. Invented for testing the Examiner Workbench software. It is not country of "
            "origin information and must not be cited in any real decision.",
        ),
        (
            "p",
            "This update replaces the Centre's report of March 2021. It covers events from January 2022 to April 2024 "
            "and draws on interviews with 34 returnees, lawyers and community workers.",
        ),
        ("h", "1. Returnees at the airport"),
        (
            "p",
            "Since 2022, returnees travelling on emergency travel documents are first screened by the Department of "
            "Immigration and Emigration and then questioned by the CID. Sources reported interviews lasting one to "
            "three hours, shorter than in earlier years.",
        ),
        (
            "p",
            "Returnees who had applied for asylum abroad said officers asked about diaspora organisations they had "
            "contacted, in particular groups banned under Sri Lankan law. Five of the 34 returnees interviewed were "
            "asked to report to a local police station after arrival.",
        ),
    ],
    [
        ("h", "2. Monitoring in the Northern Province"),
        (
            "p",
            "Military intelligence visits to families of former LTTE members continued in 2023 but were reported less "
            "often than in 2020. Community workers in Vavuniya said that young Tamil men who attended protests about "
            "missing persons were photographed by plain-clothes officers.",
        ),
        (
            "p",
            "Families of the disappeared who held a continuous roadside protest in Kilinochchi reported being "
            "summoned for questioning by the TID at least four times in 2023.",
        ),
        ("h", "3. Legal framework"),
        (
            "p",
            "The Prevention of Terrorism Act remained in force in 2024. A 2022 amendment reduced the maximum period "
            "of detention without charge from eighteen to twelve months and allowed magistrates to visit places of "
            "detention.",
        ),
        (
            "p",
            "Lawyers reported that the Online Safety Act, adopted in January 2024, was used to question social media "
            "users who shared posts commemorating Tamil war dead.",
        ),
    ],
]


def main() -> None:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2024, 6, 10, tzinfo=dt.UTC))
    pdf.set_title(TITLE)
    pdf.set_author("NRDC (fictional)")
    pdf.set_margins(25, 25, 25)
    for page in PAGES:
        pdf.add_page()
        for kind, text in page:
            if kind == "h":
                pdf.set_font("Helvetica", "B", 13)
                pdf.multi_cell(0, 7, text)
                pdf.ln(3)
            else:
                pdf.set_font("Helvetica", "", 11)
                pdf.multi_cell(0, 5.5, text)
                pdf.ln(4)
    pdf.output(str(OUT))
    print(OUT)


if __name__ == "__main__":
    main()
