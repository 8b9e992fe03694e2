"""Bad inputs for batch/extract tests: what a crawl of ``docs.vlaamsparlement.be`` yields
besides good PDFs.

Each ``make_X(path) -> Path`` writes one file (creating parent folders) and returns its
path. Every file has a ``.pdf`` name whatever its bytes, as a download would:

- ``make_truncated_pdf``: an interrupted download (a generated PDF cut to half its bytes);
- ``make_encrypted_pdf``: a password-protected PDF (user password ``ENCRYPTED_PASSWORD``);
- ``make_html_as_pdf``: the portal's HTML error page saved under the PDF's name;
- ``make_empty_pdf``: zero bytes;
- ``make_image_only_pdf``: a scan, one page with a raster image of text and no text layer;
- ``make_docx_as_pdf``: a Word (.docx) file served as PDF;
- ``make_doc_as_pdf``: an old Word 97-2003 (.doc, OLE) file served as PDF.
"""

from __future__ import annotations

import textwrap
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .document import find_font
from .reportlab_producer import render_reportlab

__all__ = [
    "BROKEN_MAKERS",
    "ENCRYPTED_PASSWORD",
    "OLE_MAGIC",
    "SAMPLE_TEXT",
    "make_doc_as_pdf",
    "make_docx_as_pdf",
    "make_empty_pdf",
    "make_encrypted_pdf",
    "make_html_as_pdf",
    "make_image_only_pdf",
    "make_truncated_pdf",
]

ENCRYPTED_PASSWORD = "vpdocs"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

SAMPLE_TEXT = """\
title: Fietspaden - Onderhoud en subsidies
thema: Mobiliteit en Openbare Werken
pdf link: https://docs.vlaamsparlement.be/pfile?id=0
thema link: https://www.vlaamsparlement.be/parlementaire-documenten/schriftelijke-vragen/0
SCHRIFTELIJKE VRAAG
nr. 101
van ANNE JANSSENS
datum: 12 maart 2024
aan PIET PEETERS
VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN
Fietspaden  -  Onderhoud en subsidies
Gemeenten kunnen voor de aanleg van fietspaden een subsidie krijgen via het Fietsfonds.
1. Hoeveel gemeenten ontvingen in 2023 een subsidie uit het Fietsfonds?
2. Hoeveel bedroeg het totale budget van het Fietsfonds in 2023?
PIET PEETERS
VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN
ANTWOORD
op vraag nr. 101 van 12 maart 2024
van ANNE JANSSENS
1. In 2023 ontvingen 112 gemeenten een subsidie uit het Fietsfonds. De gemeenten dienden
samen 164 projecten in, waarvan er 131 werden goedgekeurd na advies van de provincie.
2. Het totale budget van het Fietsfonds bedroeg in 2023 in totaal 150 miljoen euro, waarvan
de Vlaamse overheid en de provincies elk de helft droegen.
"""

_HTML_ERROR_PAGE = """\
<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Vlaams Parlement - Er ging iets mis</title></head>
<body>
<h1>502 Bad Gateway</h1>
<p>Het document kon niet worden opgehaald. Probeer het later opnieuw.</p>
<p><a href="https://www.vlaamsparlement.be">Terug naar de startpagina</a></p>
</body>
</html>
"""

_CONTENT_TYPES = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
"""

_RELS = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="word/document.xml"/>
</Relationships>
"""

_DOCUMENT_XML = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
<w:p><w:r><w:t>SCHRIFTELIJKE VRAAG</w:t></w:r></w:p>
<w:p><w:r><w:t>nr. 101</w:t></w:r></w:p>
<w:p><w:r><w:t>Fietspaden - Onderhoud en subsidies</w:t></w:r></w:p>
</w:body>
</w:document>
"""


def _prepare(path: str | Path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def make_truncated_pdf(path: str | Path) -> Path:
    """An interrupted download: a generated PDF cut to half its bytes (no xref, no %%EOF)."""
    out = _prepare(path)
    render_reportlab(SAMPLE_TEXT, out)
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def make_encrypted_pdf(path: str | Path) -> Path:
    """A PDF that needs the user password ``ENCRYPTED_PASSWORD`` to open (RC4 128-bit)."""
    out = _prepare(path)
    canvas = Canvas(str(out), pagesize=A4, encrypt=ENCRYPTED_PASSWORD, invariant=1)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(72, 770, "SCHRIFTELIJKE VRAAG")
    canvas.setFont("Helvetica", 10)
    for offset, line in enumerate(("nr. 101", "van ANNE JANSSENS", "datum: 12 maart 2024")):
        canvas.drawString(72, 750 - 13 * offset, line)
    canvas.showPage()
    canvas.save()
    return out


def make_html_as_pdf(path: str | Path) -> Path:
    """The portal's HTML error page, saved under a ``.pdf`` name."""
    out = _prepare(path)
    out.write_text(_HTML_ERROR_PAGE, encoding="utf-8")
    return out


def make_empty_pdf(path: str | Path) -> Path:
    """A zero-byte file."""
    out = _prepare(path)
    out.write_bytes(b"")
    return out


def make_image_only_pdf(path: str | Path) -> Path:
    """A scanned page: a raster image of the question's first lines and no text layer."""
    out = _prepare(path)
    image = _scan_image()
    canvas = Canvas(str(out), pagesize=A4, invariant=1)
    width, height = A4
    canvas.drawImage(ImageReader(image), 0, 0, width=width, height=height)
    canvas.showPage()
    canvas.save()
    return out


def _scan_image() -> Image.Image:
    """A greyish 'scan' (A4 at 100 dpi) with the sample question's text drawn into it."""
    image = Image.new("L", (827, 1169), color=236)
    draw = ImageDraw.Draw(image)
    font_path = find_font("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "arial.ttf")
    font = ImageFont.truetype(str(font_path), 15) if font_path else ImageFont.load_default()
    body = SAMPLE_TEXT.splitlines()[4:]
    lines = [part for line in body for part in textwrap.wrap(line, 95)]
    for index, line in enumerate(lines):
        draw.text((95, 100 + 22 * index), line, fill=25, font=font)
    return image


def make_docx_as_pdf(path: str | Path) -> Path:
    """A minimal real .docx (a zip with ``[Content_Types].xml`` and ``word/document.xml``)."""
    out = _prepare(path)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", _DOCUMENT_XML)
    return out


def make_doc_as_pdf(path: str | Path) -> Path:
    """An old Word .doc: the OLE compound-file signature, a header sector and padding."""
    out = _prepare(path)
    header = OLE_MAGIC + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    out.write_bytes(header.ljust(512, b"\x00") + b"\xff" * 512 + bytes(3072))
    return out


BROKEN_MAKERS = {
    "truncated": make_truncated_pdf,
    "encrypted": make_encrypted_pdf,
    "html": make_html_as_pdf,
    "empty": make_empty_pdf,
    "image_only": make_image_only_pdf,
    "docx": make_docx_as_pdf,
    "doc": make_doc_as_pdf,
}
