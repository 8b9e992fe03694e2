"""fpdf2 producer: mimics a parliament PDF saved from Microsoft Word ("Opslaan als PDF").

Look (deliberately unlike the reportlab producer): A4 with asymmetric margins, a serif
TTF (DejaVu Serif, or Liberation Serif / Times New Roman) at 11 pt, justified text
hyphenated through soft hyphens (U+00AD, placed with pyphen ``nl_NL`` in words longer
than seven letters; fpdf2 draws an ASCII ``-`` where it breaks and drops the others),
an italic right-aligned running header on pages 2+ (``Schriftelijke vraag 352 van
15 maart 2024``), a ``Pagina 2 van 4`` footer on every page, bold capitals for the
header block, the modern answer on a new page, tables drawn with cells, and an optional
7 pt footnote under a short rule at the foot of the first answer page.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pyphen
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from . import document as model
from .document import Document, Layout, ParagraphKind, Role, find_font, parse_document

__all__ = ["hyphenate", "page_label", "render_fpdf", "running_header_parts"]

SOFT_HYPHEN = "\u00ad"
MIN_HYPHENATED_LETTERS = 8
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 25.0, 20.0, 22.0  # mm
BREAK_MARGIN = 22.0  # mm, bottom margin of the body
FOOTER_FROM_BOTTOM = 13.0  # mm
BODY_SIZE, LINE_HEIGHT = 11.0, 5.4  # pt, mm
FAMILY = "VPSerif"
_FONT_FILES = {
    "": ("DejaVuSerif.ttf", "LiberationSerif-Regular.ttf", "times.ttf", "Times New Roman.ttf"),
    "B": (
        "DejaVuSerif-Bold.ttf",
        "LiberationSerif-Bold.ttf",
        "timesbd.ttf",
        "Times New Roman Bold.ttf",
    ),
    "I": (
        "DejaVuSerif-Italic.ttf",
        "LiberationSerif-Italic.ttf",
        "timesi.ttf",
        "Times New Roman Italic.ttf",
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
_CORE_REPLACEMENTS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "€": "EUR"})


# --------------------------------------------------------------------------- public API


def running_header_parts(doc: Document) -> tuple[str]:
    """The running header of pages 2+ (one right-aligned string)."""
    text = "Schriftelijke vraag"
    if doc.number:
        text = f"{text} {doc.number}"
    if doc.date:
        text = f"{text} van {doc.date}"
    return (text,)


def page_label(page: int, total: int | str) -> str:
    """The footer of page ``page`` (1-based) of ``total`` (``{nb}`` while rendering)."""
    return f"Pagina {page} van {total}"


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def hyphenate(text: str) -> str:
    """Insert soft hyphens into words longer than seven letters (Dutch patterns)."""

    def soft(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < MIN_HYPHENATED_LETTERS or word.isupper():
            return word
        return str(_hyphenator().inserted(word, hyphen=SOFT_HYPHEN))

    return _WORD.sub(soft, text)


def render_fpdf(text: str, path: str | Path, *, footnote: str | None = None) -> Path:
    """Render devset ``text`` to a PDF at ``path`` with fpdf2; returns the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = parse_document(text)
    pdf = _WrittenQuestionPDF(doc, footnote)
    pdf.write_document()
    pdf.output(str(out))
    return out


# --------------------------------------------------------------------------- the PDF


class _WrittenQuestionPDF(FPDF):
    """FPDF with the parliament's page furniture (header, footer, footnote)."""

    def __init__(self, doc: Document, footnote: str | None) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.doc = doc
        self.footnote = footnote
        self.answer_page: int | None = None
        self.serif = _register_fonts(self)
        self.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        self.set_auto_page_break(True, margin=BREAK_MARGIN)
        self.alias_nb_pages()
        self._set_metadata()

    def _set_metadata(self) -> None:
        word = "Microsoft® Word voor Microsoft 365"
        self.set_title(self.doc.export.get("title") or self.doc.title)
        self.set_author("Vlaams Parlement")
        self.set_creator(word)
        self.set_producer(word)
        self.set_lang("nl-BE")
        self.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))

    # -- page furniture (fpdf2 calls header/footer on every page) --

    def header(self) -> None:
        if self.page_no() != self.answer_page:
            self.set_auto_page_break(True, margin=BREAK_MARGIN)
        if self.page_no() == 1:
            return
        self.set_font(self.serif, "I", 8)
        self.set_y(10)
        self.cell(0, 4, self.clean(running_header_parts(self.doc)[0]), align="R")
        self.set_y(MARGIN_TOP)

    def footer(self) -> None:
        if self.footnote and self.page_no() == self.answer_page:
            self._draw_footnote()
        self.set_y(-FOOTER_FROM_BOTTOM)
        self.set_font(self.serif, "", 9)
        self.cell(0, 5, page_label(self.page_no(), "{nb}"), align="C")

    def _footnote_height(self) -> float:
        self.set_font(self.serif, "", 7)
        lines = self.multi_cell(
            0, 3.2, self.clean(self.footnote or ""), dry_run=True, output="LINES"
        )
        assert isinstance(lines, list)
        return 3.2 * len(lines) + 3.0

    def _draw_footnote(self) -> None:
        height = self._footnote_height() - 3.0
        top = self.h - FOOTER_FROM_BOTTOM - 3.0 - height
        self.set_line_width(0.2)
        self.line(self.l_margin, top - 1.5, self.l_margin + 45, top - 1.5)
        self.set_xy(self.l_margin, top)
        self.set_font(self.serif, "", 7)
        self.multi_cell(0, 3.2, self.clean(self.footnote or ""), align="L")

    def start_answer_page(self, *, new_page: bool) -> None:
        """Mark the current page as the first answer page and keep room for the footnote."""
        if not self.footnote:
            if new_page:
                self.add_page()
            return
        margin = BREAK_MARGIN + self._footnote_height()
        if new_page or self.get_y() > self.h - margin - 3 * LINE_HEIGHT:
            self.add_page()
        self.answer_page = self.page_no()
        self.set_auto_page_break(True, margin=margin)

    # -- text helpers --

    def clean(self, text: str) -> str:
        """Text as the current font can show it (core-font fallback folds characters)."""
        if self.serif != "Times":
            return text
        folded = unicodedata.normalize("NFKD", text.translate(_CORE_REPLACEMENTS))
        return "".join(ch for ch in folded if ch.encode("latin-1", "ignore"))

    def fitted_line(self, text: str, style: str, size: float, height: float) -> None:
        """One line that must not wrap: shrink the font until it fits the width."""
        text = self.clean(text)
        while size > 6 and self._string_width(text, style, size) > self.epw:
            size -= 0.25
        self.set_font(self.serif, style, size)
        self.cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _string_width(self, text: str, style: str, size: float) -> float:
        self.set_font(self.serif, style, size)
        return float(self.get_string_width(text))

    def paragraph(self, text: str, *, style: str = "", after: float = 2.2) -> None:
        self.set_font(self.serif, style, BODY_SIZE)
        self.multi_cell(
            0,
            LINE_HEIGHT,
            hyphenate(self.clean(text)),
            align="J",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(after)

    # -- document --

    def write_document(self) -> None:
        self.add_page()
        for line in self.doc.header:
            self.write_line(line)
        if self.doc.title:
            self.ln(5)
            self.set_font(self.serif, "B", 12)
            self.multi_cell(
                0, 6, self.clean(self.doc.title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.ln(4)
        pending_break = False
        for block in self.doc.body:
            if isinstance(block, model.PageBreak):
                pending_break = True
            elif isinstance(block, model.Line):
                self.write_line(block, new_page=pending_break)
                pending_break = False
            elif isinstance(block, model.Table):
                _draw_table(self, block)
            else:
                self.write_paragraph(block)

    def write_paragraph(self, block: model.Paragraph) -> None:
        if block.kind is ParagraphKind.HEADING:
            self.paragraph(block.text, style="B", after=1.0)
        else:
            self.paragraph(block.text)

    def write_line(self, line: model.Line, *, new_page: bool = False) -> None:
        """Fixed lines, styled by role, each on a line of its own."""
        role = line.role
        if role is Role.ANSWER_HEADING:
            self.start_answer_page(new_page=new_page or self.doc.layout is Layout.MODERN)
            modern = self.doc.layout is Layout.MODERN
            self.ln(0 if modern else 3)
            self.fitted_line(line.text, "B", 14 if modern else BODY_SIZE, 8 if modern else 6)
        elif role is Role.DOC_TYPE:
            self.fitted_line(line.text, "B", 15, 8)
        elif role in (Role.MINISTER_TITLE, Role.SIGNATURE_TITLE):
            self.fitted_line(line.text, "", 8.5, 4)
        elif role in (Role.SIGNATURE_NAME, Role.MINISTER_NAME):
            self.ln(6 if role is Role.SIGNATURE_NAME else 0)
            self.fitted_line(line.text, "B", BODY_SIZE, 5.5)
        elif role is Role.REFERENCE:
            self.ln(5)
            self.fitted_line(line.text, "B", BODY_SIZE, 5.5)
        else:
            self.fitted_line(line.text, "", BODY_SIZE, 5.5)
            if role is Role.ANSWER_ASKER:
                self.ln(4)


# --------------------------------------------------------------------------- fonts


def _register_fonts(pdf: FPDF) -> str:
    """Register the serif TTF family; fall back to core Times (latin-1 only)."""
    paths = {style: find_font(*names) for style, names in _FONT_FILES.items()}
    if paths[""] is None:
        return "Times"
    for style, path in paths.items():
        pdf.add_font(FAMILY, style, str(path or paths[""]))
    return FAMILY


# --------------------------------------------------------------------------- tables

_CELL_PAD = 2.0  # mm
_ROW_HEIGHT = 6.0  # mm


def _draw_table(pdf: _WrittenQuestionPDF, table: model.Table) -> None:
    """A table of bordered cells: header row bold on grey, numbers right-aligned."""
    size = 10.0
    widths = _column_widths(pdf, table, size)
    while sum(widths) > pdf.epw and size > 6:
        size -= 0.5
        widths = _column_widths(pdf, table, size)
    pdf.ln(1)
    pdf.set_draw_color(120, 120, 120)
    pdf.set_fill_color(225, 225, 225)
    for row in table.rows:
        _draw_row(pdf, row, widths, size)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(3)


def _draw_row(
    pdf: _WrittenQuestionPDF, row: model.TableRow, widths: list[float], size: float
) -> None:
    if pdf.will_page_break(_ROW_HEIGHT):
        pdf.add_page()
    pdf.set_font(pdf.serif, "B" if row.header else "", size)
    ncols = len(widths)
    for c, cell in enumerate(row.cells):
        last = c == len(row.cells) - 1
        width = sum(widths[c:]) if last and len(row.cells) < ncols else widths[c]
        align = "L" if row.header or (c == 0 and not _is_number(cell)) else "R"
        pdf.cell(width, _ROW_HEIGHT, pdf.clean(cell), border=1, align=align, fill=row.header)
    pdf.ln(_ROW_HEIGHT)


def _column_widths(pdf: _WrittenQuestionPDF, table: model.Table, size: float) -> list[float]:
    ncols = table.ncols
    widths = [0.0] * ncols
    for row in table.rows:
        style = "B" if row.header else ""
        for c, cell in enumerate(row.cells):
            if len(row.cells) < ncols and c == len(row.cells) - 1:
                continue
            need = pdf._string_width(pdf.clean(cell), style, size) + 2 * _CELL_PAD
            widths[c] = max(widths[c], need)
    for row in table.rows:
        if len(row.cells) < ncols:
            first = len(row.cells) - 1
            need = pdf._string_width(pdf.clean(row.cells[-1]), "B", size) + 2 * _CELL_PAD
            widths[-1] += max(0.0, need - sum(widths[first:]))
    return widths


def _is_number(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell) and not any(ch.isalpha() for ch in cell)
