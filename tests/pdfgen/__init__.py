"""Fixture PDF generator: written questions rendered from devset text, plus bad inputs.

Two producers with deliberately different looks, so that an extraction rule keyed on
one producer's quirks fails on the other:

- ``render_reportlab`` mimics a LibreOffice export (Helvetica, bare page numbers,
  ``Vlaams Parlement - Schriftelijke vraag nr. N`` running header on the left);
- ``render_fpdf`` mimics a Word "save as PDF" (serif TTF, soft-hyphen hyphenation,
  ``Pagina N van M`` footer, right-aligned italic running header).

``render_tree`` renders a folder of ``*.txt`` files; the ``make_*`` functions write the
broken files a crawl also yields (truncated, encrypted, HTML, empty, scanned, Word).
Command line: ``python -m tests.pdfgen SRC... -o OUT_DIR [--producer reportlab|fpdf2]``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .broken import (
    BROKEN_MAKERS,
    ENCRYPTED_PASSWORD,
    make_doc_as_pdf,
    make_docx_as_pdf,
    make_empty_pdf,
    make_encrypted_pdf,
    make_html_as_pdf,
    make_image_only_pdf,
    make_truncated_pdf,
)
from .document import Document, parse_document
from .fpdf_producer import render_fpdf
from .reportlab_producer import render_reportlab

__all__ = [
    "BROKEN_MAKERS",
    "ENCRYPTED_PASSWORD",
    "PRODUCERS",
    "Document",
    "Producer",
    "make_doc_as_pdf",
    "make_docx_as_pdf",
    "make_empty_pdf",
    "make_encrypted_pdf",
    "make_html_as_pdf",
    "make_image_only_pdf",
    "make_truncated_pdf",
    "parse_document",
    "render_fpdf",
    "render_reportlab",
    "render_tree",
]

Producer = Callable[..., Path]

PRODUCERS: dict[str, Producer] = {"reportlab": render_reportlab, "fpdf2": render_fpdf}


def render_tree(
    src_dir: str | Path, out_dir: str | Path, producer: str = "reportlab"
) -> list[Path]:
    """Render every ``*.txt`` in ``src_dir`` to ``out_dir/<stem>.pdf``; returns the PDFs."""
    render = PRODUCERS[producer]
    out = Path(out_dir)
    return [
        render(source.read_text(encoding="utf-8"), out / f"{source.stem}.pdf")
        for source in sorted(Path(src_dir).glob("*.txt"))
    ]
