"""reportlab producer: mimics a parliament PDF exported from a word processor (LibreOffice).

Look: A4, one column, Helvetica 10 pt justified body with Dutch hyphenation (reportlab
breaks words itself and draws an ASCII ``-`` at the break), bold title, header fields
and the minister's capitals title as separate lines (capitals lines shrink to fit one
line), a small running header on pages 2+ (``Vlaams Parlement - Schriftelijke vraag
nr. N`` left, the question date right), a centred bare page number on every page, the
modern answer on a new page, numeric tables as ruled platypus Tables, and an optional
7 pt footnote under a short rule at the foot of the first answer page.

Characters Helvetica (WinAnsi) cannot encode, such as ``ş``, are set in DejaVu Sans as
a word processor's font fallback would do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import document as model
from .document import Document, Layout, ParagraphKind, Role, find_font, parse_document

__all__ = ["page_label", "render_reportlab", "running_header_parts"]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 2.5 * cm
MARGIN_TOP = 2.5 * cm
MARGIN_BOTTOM = 2.2 * cm
HEADER_BASELINE = PAGE_HEIGHT - 1.4 * cm
FOOTER_BASELINE = 1.2 * cm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FOOTNOTE_GAP = 6  # points between the rule and the body frame

BODY_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"
FALLBACK_FONT = "VP-Fallback"
CAPITALS_SIZE, MIN_FITTED_SIZE = 8.0, 6.0


# --------------------------------------------------------------------------- public API


def running_header_parts(doc: Document) -> tuple[str, str]:
    """The running header of pages 2+: (left text, right text)."""
    left = "Vlaams Parlement - Schriftelijke vraag"
    if doc.number:
        left = f"{left} nr. {doc.number}"
    return left, doc.date or ""


def page_label(page: int, total: int) -> str:
    """The footer of page ``page`` (1-based) of ``total``: the bare number."""
    del total
    return str(page)


def render_reportlab(text: str, path: str | Path, *, footnote: str | None = None) -> Path:
    """Render devset ``text`` to a PDF at ``path`` with reportlab; returns the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = parse_document(text)
    state = _PageState(doc=doc, footnote=footnote)
    template = _doc_template(out, doc, state)
    template.build(list(_flowables(doc, state)) or [Spacer(1, 1)])  # always one page
    return out


# --------------------------------------------------------------------------- fonts & styles


@cache
def _fallback_font() -> str | None:
    """Register DejaVu Sans for characters Helvetica lacks; None if it is not installed."""
    path = find_font("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf")
    if path is None:
        return None
    pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(path)))
    return FALLBACK_FONT


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _ascii_fold(ch: str) -> str:
    """Last resort without a TTF: ``ş`` -> ``s`` (drops the accent)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", ch) if _encodable(c))
    return folded or "?"


def _markup(text: str) -> str:
    """Escape ``text`` for a Paragraph, setting non-WinAnsi characters in the fallback font."""
    fallback = _fallback_font()
    out: list[str] = []
    for ch in text:
        if _encodable(ch):
            out.append(escape(ch))
        elif fallback:
            out.append(f'<font name="{fallback}">{escape(ch)}</font>')
        else:
            out.append(escape(_ascii_fold(ch)))
    return "".join(out)


def _plain(text: str) -> str:
    """Text for canvas/table strings: fold what Helvetica cannot show if no fallback."""
    if all(_encodable(ch) for ch in text) or _fallback_font():
        return text
    return "".join(ch if _encodable(ch) else _ascii_fold(ch) for ch in text)


def _font_for(text: str, font: str) -> str:
    """Helvetica unless ``text`` needs the fallback TTF."""
    if all(_encodable(ch) for ch in text):
        return font
    return _fallback_font() or font


def _style(name: str, **overrides: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": BODY_FONT,
        "fontSize": 10,
        "leading": 13,
        "alignment": TA_LEFT,
        "spaceAfter": 0,
    }
    base.update(overrides)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "body": _style(
        "body",
        alignment=TA_JUSTIFY,
        spaceAfter=6,
        hyphenationLang="nl_NL",
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
    ),
    "heading": _style("heading", fontName=BOLD_FONT, spaceBefore=4, spaceAfter=4),
    "doc_type": _style("doc_type", fontName=BOLD_FONT, fontSize=13, leading=17, spaceAfter=4),
    "field": _style("field"),
    "field_last": _style("field_last", spaceAfter=10),
    "title": _style(
        "title", fontName=BOLD_FONT, fontSize=11, leading=14, spaceBefore=14, spaceAfter=10
    ),
    "signature": _style("signature", fontName=BOLD_FONT, spaceBefore=16),
    "answer": _style("answer", fontName=BOLD_FONT, fontSize=13, leading=17, spaceAfter=4),
    "bulletin_answer": _style("bulletin_answer", fontName=BOLD_FONT, spaceBefore=8, spaceAfter=3),
    "reference": _style("reference", fontName=BOLD_FONT, spaceBefore=12),
    "footnote": _style("footnote", fontSize=7, leading=8.5),
}

_LINE_STYLE = {
    Role.DOC_TYPE: "doc_type",
    Role.NUMBER: "field",
    Role.ASKER: "field",
    Role.DATE: "field",
    Role.ADDRESSEE: "field",
    Role.MINISTER_NAME: "signature",
    Role.SIGNATURE_NAME: "signature",
    Role.REFERENCE: "reference",
    Role.ANSWER_HEADING: "answer",
    Role.ANSWER_REFERENCE: "field",
    Role.ANSWER_ASKER: "field_last",
}
_CAPITALS_ROLES = frozenset({Role.MINISTER_TITLE, Role.SIGNATURE_TITLE})


# --------------------------------------------------------------------------- page furniture


@dataclass
class _PageState:
    """What the page callbacks need: the document, footnote, and the answer's page."""

    doc: Document
    footnote: str | None
    answer_pages: list[int] = field(default_factory=list)

    def footnote_paragraph(self) -> Paragraph | None:
        if not self.footnote:
            return None
        return Paragraph(_markup(self.footnote), STYLES["footnote"])

    def footnote_height(self) -> float:
        para = self.footnote_paragraph()
        if para is None:
            return 0.0
        _, height = para.wrap(FRAME_WIDTH, PAGE_HEIGHT)
        return float(height) + FOOTNOTE_GAP + 4


class _AnswerHeading(Paragraph):  # type: ignore[misc]
    """The ANTWOORD/Antwoord heading; records the page it lands on (for the footnote)."""

    def __init__(self, text: str, style: ParagraphStyle, pages: list[int]) -> None:
        super().__init__(text, style)
        self._pages = pages

    def draw(self) -> None:
        self._pages.append(self.canv.getPageNumber())
        super().draw()


def _doc_template(out: Path, doc: Document, state: _PageState) -> BaseDocTemplate:
    """An A4 template whose frame leaves room for the footnote when there is one."""
    bottom = MARGIN_BOTTOM + state.footnote_height()
    frame = Frame(
        MARGIN_LEFT,
        bottom,
        FRAME_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template = BaseDocTemplate(
        str(out),
        pagesize=A4,
        title=doc.export.get("title") or doc.title,
        author="Vlaams Parlement",
        subject="Schriftelijke vraag",
        creator="Writer",
        producer="LibreOffice 7.6",
        lang="nl-BE",
        invariant=1,
    )
    template.addPageTemplates(
        [
            PageTemplate(
                "page", [frame], onPage=_page_callback(state), onPageEnd=_footnote_callback(state)
            ),
        ]
    )
    return template


def _page_callback(state: _PageState) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, _template: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        canvas.saveState()
        if page > 1:
            left, right = running_header_parts(state.doc)
            _draw(canvas, MARGIN_LEFT, HEADER_BASELINE, left, 8, align="left")
            _draw(canvas, PAGE_WIDTH - MARGIN_RIGHT, HEADER_BASELINE, right, 8, align="right")
        _draw(canvas, PAGE_WIDTH / 2, FOOTER_BASELINE, page_label(page, 0), 9, align="center")
        canvas.restoreState()

    return draw


def _footnote_callback(state: _PageState) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, _template: BaseDocTemplate) -> None:
        para = state.footnote_paragraph()
        if para is None or not state.answer_pages:
            return
        if canvas.getPageNumber() != state.answer_pages[0]:
            return
        _, height = para.wrap(FRAME_WIDTH, PAGE_HEIGHT)
        bottom = FOOTER_BASELINE + 14
        rule_y = bottom + height + 3
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, rule_y, MARGIN_LEFT + 4 * cm, rule_y)
        para.drawOn(canvas, MARGIN_LEFT, bottom)
        canvas.restoreState()

    return draw


def _draw(canvas: Canvas, x: float, y: float, text: str, size: float, *, align: str) -> None:
    """Draw one string in Helvetica (or the fallback font when it needs one)."""
    text = _plain(text)
    canvas.setFont(_font_for(text, BODY_FONT), size)
    if align == "right":
        canvas.drawRightString(x, y, text)
    elif align == "center":
        canvas.drawCentredString(x, y, text)
    else:
        canvas.drawString(x, y, text)


# --------------------------------------------------------------------------- flowables


def _flowables(doc: Document, state: _PageState) -> Iterator[Flowable]:
    """Header lines, title, then the body blocks, in reading order."""
    for line in doc.header:
        yield _line(line, state)
    if doc.title:
        yield Paragraph(_markup(doc.title), STYLES["title"])
    elif doc.layout is not Layout.PLAIN:
        yield Spacer(1, 12)
    for block in doc.body:
        yield from _block(block, state)


def _block(block: model.Block, state: _PageState) -> Iterator[Flowable]:
    if isinstance(block, model.PageBreak):
        yield PageBreak()
    elif isinstance(block, model.Line):
        yield _line(block, state)
    elif isinstance(block, model.Table):
        yield _table(block)
        yield Spacer(1, 8)
    else:
        style = STYLES["heading" if block.kind is ParagraphKind.HEADING else "body"]
        yield Paragraph(_markup(block.text), style)


def _line(line: model.Line, state: _PageState) -> Flowable:
    """A fixed line: capitals titles shrink to fit one line, others use their role's style."""
    if line.role in _CAPITALS_ROLES:
        return Paragraph(_markup(line.text), _fitted_style(line.text))
    style = STYLES[_LINE_STYLE[line.role]]
    if line.role is Role.ANSWER_HEADING and state.doc.layout is Layout.BULLETIN:
        style = STYLES["bulletin_answer"]
    if line.role is Role.ANSWER_HEADING:
        return _AnswerHeading(_markup(line.text), style, state.answer_pages)
    return Paragraph(_markup(line.text), style)


def _fitted_style(text: str) -> ParagraphStyle:
    """8 pt capitals, smaller if needed so the line is not re-wrapped."""
    size = CAPITALS_SIZE
    while size > MIN_FITTED_SIZE and _width(text, BODY_FONT, size) > FRAME_WIDTH:
        size -= 0.25
    return _style(f"capitals-{size}", fontSize=size, leading=size * 1.3)


def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(_plain(text), _font_for(text, font), size))


# --------------------------------------------------------------------------- tables

_CELL_PADDING = 5.0


def _table(table: model.Table) -> Table:
    """A ruled table: header row bold on grey, label column left, numbers right."""
    ncols = table.ncols
    size = 9.0
    widths = _column_widths(table, size)
    while sum(widths) > FRAME_WIDTH and size > MIN_FITTED_SIZE:
        size -= 0.5
        widths = _column_widths(table, size)
    data = [[_plain(c) for c in row.cells] + [""] * (ncols - len(row.cells)) for row in table.rows]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), BODY_FONT, size, size * 1.25),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r, row in enumerate(table.rows):
        commands.extend(_row_commands(r, row, ncols, size))
    result = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=0)
    result.setStyle(TableStyle(commands))
    return result


def _row_commands(r: int, row: model.TableRow, ncols: int, size: float) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = []
    if row.header:
        commands.append(("FONT", (0, r), (-1, r), BOLD_FONT, size, size * 1.25))
        commands.append(("BACKGROUND", (0, r), (-1, r), colors.Color(0.9, 0.9, 0.9)))
    if len(row.cells) < ncols:
        commands.append(("SPAN", (len(row.cells) - 1, r), (ncols - 1, r)))
    if row.header:
        commands.append(("ALIGN", (0, r), (-1, r), "LEFT"))
    if not row.header and len(row.cells) == ncols and not _is_number(row.cells[0]):
        commands.append(("ALIGN", (0, r), (0, r), "LEFT"))
    for c, cell in enumerate(row.cells):
        if not _all_encodable(cell):
            font = _font_for(cell, BODY_FONT)
            commands.append(("FONTNAME", (c, r), (c, r), font))
    return commands


def _column_widths(table: model.Table, size: float) -> list[float]:
    """Each column as wide as its widest unspanned cell, plus padding."""
    ncols = table.ncols
    widths = [0.0] * ncols
    for row in table.rows:
        font = BOLD_FONT if row.header else BODY_FONT
        for c, cell in enumerate(row.cells):
            if len(row.cells) < ncols and c == len(row.cells) - 1:
                continue  # spanning cell: checked below
            widths[c] = max(widths[c], _width(cell, font, size) + 2 * _CELL_PADDING)
    for row in table.rows:
        if len(row.cells) < ncols:
            first = len(row.cells) - 1
            needed = _width(row.cells[-1], BOLD_FONT, size) + 2 * _CELL_PADDING
            spanned = sum(widths[first:])
            if needed > spanned:
                widths[-1] += needed - spanned
    return widths


def _is_number(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell) and not any(ch.isalpha() for ch in cell)


def _all_encodable(text: str) -> bool:
    return all(_encodable(ch) for ch in text)
