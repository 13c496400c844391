"""Small, truthful placeholder PDFs for the demo documents.

Each PDF names the real document it stands in for and says that it is a
placeholder, so nobody mistakes it for the document itself. Output is
byte-for-byte deterministic, so loading the demo twice stores the same files.
"""

import datetime as dt

from fpdf import FPDF

_FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# The PDF core fonts speak Latin-1; swap the few typographic characters outside it.
_LATIN1 = str.maketrans({"–": "-", "—": "-", "’": "'", "“": '"', "”": '"'})


def demo_pdf(*, title: str, kind_label: str, period_title: str | None) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_compression(False)  # keeps the text readable by search indexers and tests
    pdf.set_title(title.translate(_LATIN1))
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 9, title.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    lines = [f"Dokumenttype: {kind_label}"]
    if period_title:
        lines.append(f"Helhedsplanperiode: {period_title}")
    lines += [
        "",
        "Dette er en pladsholder i demoindholdet til Helhedsplan CMS.",
        "Det rigtige dokument kan fås hos Bysekretariatet i Randers.",
    ]
    for line in lines:
        pdf.multi_cell(0, 6, line.translate(_LATIN1) or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
