"""Writes notice.pdf, notice.docx, scan.pdf and two locked PDFs from the text notices beside it; run by hand.

The files are committed, so the tests need neither this script nor its tools:
`pip install fpdf2 python-docx`, a Chinese font (fonts-wqy-microhei), then
`python tests/ingest/sources/make_documents.py`. The PDF is laid out like a notice exported from
WPS or Word: a red masthead, a document number, justified lines broken mid-sentence, a page break
inside a sentence and a page number at every foot. The Word file has a running head and foot and
its tiers in a table.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from fpdf import FPDF
from fpdf.enums import WrapMode
from PIL import Image

HERE = Path(__file__).parent
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
MASTHEAD = "杭州市临平区人才工作领导小组办公室文件"
NUMBER = "临人才办〔2024〕3号"
ISSUER = "临平区人才工作领导小组办公室"
ISSUED = "2024年3月20日"


def paragraphs(name: str) -> tuple[str, list[str]]:
    """The title and body paragraphs of a text notice (its dateline is the web page's, not the
    notice's)."""
    lines = [line.strip() for line in (HERE / name).read_text("utf-8").splitlines() if line.strip()]
    return lines[0], lines[2:]


class Notice(FPDF):
    def footer(self) -> None:
        self.set_y(-25)
        self.set_font("notice", size=14)
        self.cell(0, 10, f"— {self.page_no()} —", align="C")


def write_pdf() -> None:
    title, body = paragraphs("notice_prose.txt")
    pdf = Notice(format="A4")
    pdf.set_margins(28, 37, 26)
    pdf.set_auto_page_break(True, 35)
    pdf.add_font("notice", fname=FONT)
    pdf.set_title(title)
    pdf.set_author(ISSUER)
    pdf.set_creator("WPS 文字")
    pdf.set_creation_date(datetime(2024, 3, 20, 15, 2, tzinfo=timezone(timedelta(hours=8))))
    pdf.add_page()
    pdf.set_font("notice", size=16)
    pdf.set_text_color(200, 0, 0)
    pdf.cell(0, 14, MASTHEAD, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("notice", size=12)
    pdf.cell(0, 10, NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("notice", size=18)
    pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("notice", size=16)
    for paragraph in body:
        pdf.multi_cell(0, 11, "\u3000\u3000" + paragraph, align="J", wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.cell(0, 8, ISSUER, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, ISSUED, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(HERE / "notice.pdf"))


def write_scan() -> None:
    """Two pages that are pictures of a notice, as a scanner writes them: no text layer at all."""
    pdf = FPDF(format="A4")
    for shade in (235, 225):
        page = Image.new("L", (620, 877), shade)
        buffer = io.BytesIO()
        page.save(buffer, format="PNG")
        pdf.add_page()
        pdf.image(buffer, x=0, y=0, w=210, h=297)
    pdf.output(str(HERE / "scan.pdf"))


def write_protected() -> None:
    """A notice locked against copying only (government sites do this; it opens without a password)
    and one that needs a password to open."""
    for name, user_password in (("copy_protected.pdf", ""), ("encrypted.pdf", "secret")):
        pdf = FPDF(format="A4")
        pdf.add_font("notice", fname=FONT)
        pdf.set_encryption(owner_password="owner", user_password=user_password)
        pdf.add_page()
        pdf.set_font("notice", size=16)
        pdf.multi_cell(0, 11, "临平区人才新政：对新引进的全职博士研究生，给予40万元安家补贴。", new_x="LMARGIN", new_y="NEXT")
        pdf.output(str(HERE / name))


def write_docx() -> None:
    title, body = paragraphs("notice.txt")
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = ISSUER
    section = document.sections[0]
    section.header.paragraphs[0].text = NUMBER
    section.footer.paragraphs[0].text = "— 1 —"
    masthead = document.add_paragraph()
    run = masthead.add_run(MASTHEAD)
    run.font.color.rgb = RGBColor(200, 0, 0)
    run.font.size = Pt(22)
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(NUMBER).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading(title, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows: list[list[str]] = []
    for paragraph in body:
        cells = paragraph.split()
        if len(cells) >= 3 and not paragraph.startswith("第"):
            rows.append(cells)
            continue
        if rows:
            _table(document, rows)
            rows = []
        document.add_paragraph(paragraph).paragraph_format.first_line_indent = Pt(32)
    for line in (ISSUER, ISSUED):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(HERE / "notice.docx"))


def _table(document: docx.document.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = text
            if r == 0:
                cell.paragraphs[0].runs[0].bold = True


if __name__ == "__main__":
    write_pdf()
    write_scan()
    write_protected()
    write_docx()
