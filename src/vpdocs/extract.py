"""Stage 2, extract: a PDF (or a text export) in, clean lines out.

Every line keeps where it was printed (page and, for PDFs, one box per character), so
later stages can say where each question, answer and amount came from. This module
owns the character-level clean-up (ligatures, non-breaking spaces, soft hyphens) and the
line-end hyphens; the PDF backends live in `vpdocs._pdf`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from vpdocs.errors import EmptyDocumentError, InputError, NotAPDFError
from vpdocs.settings import Settings

CharBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of body text."""

    text: str
    page: int | None = None
    boxes: tuple[CharBox, ...] | None = None  # one per character of `text`
    gap_before: bool = False  # a paragraph gap precedes the line (PDF layout)
    joiner: str = "\n"  # what joins it to the next line: "\n", or "" for a broken word


@dataclass(frozen=True, slots=True)
class ExportHeader:
    """The `key: value` lines a text export of the parliament's site starts with."""

    title: str | None = None
    theme: str | None = None
    pdf_url: str | None = None
    page_url: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """What the extract stage hands to segmentation."""

    lines: tuple[Line, ...]
    export: ExportHeader
    backend: str  # "text", "pdfplumber" or "pdfium"
    sha256: str
    pages: int | None = None
    path: str | None = None
    notes: tuple[str, ...] = ()  # what extraction noticed (a page without text, ...)


# --- character clean-up: small named functions --------------------------------------------

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}
_LIGATURE_RE = re.compile("|".join(LIGATURES))
NONBREAKING_SPACES = "\u00a0\u202f\u2007\u2009\u200a"
SOFT_HYPHEN = "\u00ad"
PDFIUM_HYPHEN = "\ufffe"  # pypdfium2 marks every line-end hyphen with U+FFFE


def replace_ligatures(text: str) -> str:
    """'ﬁnanciële' -> 'financiële' (only the ligature characters: NFKC would also fold m² to m2)."""
    return _LIGATURE_RE.sub(lambda match: LIGATURES[match.group()], text)


def replace_nonbreaking_spaces(text: str) -> str:
    """'€\\u00a01.234' -> '€ 1.234'."""
    return text.translate({ord(char): " " for char in NONBREAKING_SPACES})


def remove_soft_hyphens(text: str) -> str:
    """Soft hyphens are break hints, not text: 'onder\\u00adsteuning' -> 'ondersteuning'."""
    return text.replace(SOFT_HYPHEN, "").replace("\u200b", "")


def clean_characters(text: str) -> str:
    """All character-level clean-up of one line, in a fixed order."""
    return remove_soft_hyphens(replace_nonbreaking_spaces(replace_ligatures(text)))


# --- line-end hyphens ---------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BROKEN_WORD_RE = re.compile(r"(?:^|(?<=[\s(\"“‘']))([^\W_][\w]*(?:-[\w]+)*)-$")
_NEXT_WORD_RE = re.compile(r"^\s*([\w]+(?:-[\w]+)*)")
# "jeugd- en kinderrechtenbeleid": a hyphen that stands for a left-out part of a compound
ELLIPSIS_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "en/of"})

Joint = Literal["join", "keep", "space"]


def vocabulary(lines: Iterable[str]) -> Counter[str]:
    """Lower-cased words of a document: its own best evidence about its compounds."""
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(word.lower() for word in _WORD_RE.findall(line))
    return counts


def line_break_joint(left: str, right: str, words: Counter[str]) -> Joint:
    """Decide how 'left-' at a line end continues with 'right' at the next line's start.

    join:  a word broken by hyphenation ("onder-" + "steuning" -> "ondersteuning")
    keep:  a real compound hyphen ("schooluitval-" + "onderwijsloopbaanbegeleiding")
    space: a hyphen standing for a left-out part ("jeugd-" + "en kinderrechtenbeleid")
    """
    stem = left.lower()
    tail = right.lower()
    if tail in ELLIPSIS_CONJUNCTIONS:
        return "space"
    if f"{stem}-{tail}" in words:
        return "keep"
    if f"{stem}{tail}" in words:
        return "join"
    if left[-1:].isupper() or left[-1:].isdigit() or right[:1].isupper() or right[:1].isdigit():
        return "keep"
    return "join"


def dehyphenate(lines: Sequence[Line]) -> tuple[Line, ...]:
    """Resolve every line-end hyphen of a document with `line_break_joint`."""
    words = vocabulary(line.text for line in lines)
    result = list(lines)
    for index in range(len(result) - 1):
        line = result[index]
        broken = _BROKEN_WORD_RE.search(line.text.rstrip())
        following = _NEXT_WORD_RE.match(result[index + 1].text)
        if broken is None or following is None:
            continue
        joint = line_break_joint(broken.group(1), following.group(1), words)
        result[index] = _apply_joint(line, joint)
    return tuple(result)


def _apply_joint(line: Line, joint: Joint) -> Line:
    if joint == "space":
        return line
    end = len(line.text.rstrip())
    if joint == "keep":
        return replace(line, text=line.text[:end], boxes=_cut(line.boxes, end), joiner="")
    return replace(line, text=line.text[: end - 1], boxes=_cut(line.boxes, end - 1), joiner="")


def _cut(boxes: tuple[CharBox, ...] | None, end: int) -> tuple[CharBox, ...] | None:
    return None if boxes is None else boxes[:end]


# --- text exports -------------------------------------------------------------------------

_EXPORT_KEYS = {"title": "title", "thema": "theme", "pdf link": "pdf_url", "thema link": "page_url"}
_EXPORT_LINE = re.compile(r"^(title|thema|pdf link|thema link):\s*(.*?)\s*$", re.IGNORECASE)


def split_export_header(texts: Sequence[str]) -> tuple[ExportHeader, Sequence[str]]:
    """Read the leading `title:` / `thema:` / `pdf link:` / `thema link:` lines, if any."""
    fields: dict[str, str] = {}
    count = 0
    for text in texts:
        match = _EXPORT_LINE.match(text)
        if match is None:
            break
        fields[_EXPORT_KEYS[match.group(1).lower()]] = match.group(2) or ""
        count += 1
    header = ExportHeader(**{key: value or None for key, value in fields.items()})
    return header, texts[count:]


# --- page furniture in text that a PDF extractor gave line by line -------------------------

# '2', '- 2 -', 'Pagina 2 van 3', 'p. 2', '2/3': a page number, in text or in a PDF's margin
PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:van|of|/)\s*\d{1,3})?$",
    re.IGNORECASE,
)


def line_shape(text: str) -> str:
    """A line with its numbers blanked: running headers repeat in this shape page after page."""
    return re.sub(r"\d+", "#", text.lower()).strip()


def is_capitals(text: str) -> bool:
    """A line in capitals: a name or a minister's title ('VLAAMS MINISTER VAN ...')."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


_OWN_NUMBER = re.compile(r"^(?:SCHRIFTELIJKE VRAAG.*|nr\.?|Vraag nr\.?)\s*(\d+)", re.IGNORECASE)
_HEADER_BLOCK = 12  # the document header's lines are never furniture
_SENTENCE_ENDS = (".", "?", ":", ";", "!")


def is_running_header(text: str, number: str | None) -> bool:
    """A running header of the genre: the parliament's name, or this question's own number."""
    lowered = text.lower()
    if lowered.startswith("vlaams parlement") and len(lowered) < 120:
        return True
    if number is None or "schriftelijke vraag" not in lowered:
        return False
    return re.search(rf"\b{number}\b", text) is not None and not text.rstrip().endswith(
        _SENTENCE_ENDS
    )


_ITEM_HEADING = re.compile(r"^(?:antwoord|vra(?:ag|gen)|bijlage)\b|^\d", re.IGNORECASE)


def _header_like(text: str) -> bool:
    """Two words or more, no sentence end, not in capitals (those are names and titles),
    not an item heading ('Antwoord op vraag 3' repeats with another number)."""
    if _ITEM_HEADING.match(text):
        return False
    words = re.findall(r"[^\W\d_]{3,}", text)
    return len(words) >= 2 and not is_capitals(text) and not text.endswith(_SENTENCE_ENDS)


def drop_text_furniture(texts: Sequence[str]) -> list[str]:
    """Page numbers and running headers left in extracted text, found without positions:
    page-number lines, this genre's running headers, and header-like lines that repeat."""
    number = next((m.group(1) for t in texts[:15] if (m := _OWN_NUMBER.match(t.strip()))), None)
    shapes = [line_shape(text) for text in texts]
    repeats = Counter(
        shape for text, shape in zip(texts, shapes, strict=True) if _header_like(text.strip())
    )
    kept = []
    for index, text in enumerate(texts):
        line = text.strip()
        furniture = (
            PAGE_NUMBER.match(line) is not None
            or is_running_header(line, number)
            or (repeats[shapes[index]] >= 2 and _header_like(line))
        )
        if index < _HEADER_BLOCK or not furniture:
            kept.append(text)
    return kept


def from_text(
    text: str, *, path: str | None = None, sha256: str | None = None
) -> ExtractedDocument:
    """A text export (or any already-extracted text) as an ExtractedDocument."""
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    raw = [
        clean_characters(part)
        for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    export, body = split_export_header(raw)
    lines = tuple(
        Line(text=part.strip()) for part in drop_text_furniture([b for b in body if b.strip()])
    )
    if not lines:
        raise EmptyDocumentError(path or "<text>", "no text at all")
    return ExtractedDocument(
        lines=dehyphenate(lines), export=export, backend="text", sha256=digest, path=path
    )


def extract(data: bytes, *, name: str, settings: Settings) -> ExtractedDocument:
    """Bytes of a PDF or of a UTF-8 text file in, clean lines out.

    `name` is what error messages call the input (a path or URL).
    """
    if not data:
        raise EmptyDocumentError(name, "the file is empty (0 bytes)")
    digest = hashlib.sha256(data).hexdigest()
    if is_pdf(data):
        from vpdocs import _pdf  # only PDF inputs pay for importing the PDF libraries

        document = _pdf.extract_pdf(data, name=name, backend=settings.backend, sha256=digest)
        return replace(document, lines=dehyphenate(document.lines))
    kind = describe_content(data)
    if kind is not None or name.lower().endswith(".pdf"):
        raise NotAPDFError(name, f"not a PDF: it is {kind or 'data of an unknown kind'}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"not a PDF and not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from exc
    return from_text(text, path=name, sha256=digest)


def is_pdf(data: bytes) -> bool:
    """A PDF starts with '%PDF-' (readers accept a little junk before it)."""
    return b"%PDF-" in data[:1024] and data.lstrip()[:1] == b"%"


def describe_content(data: bytes, *, content_type: str = "") -> str | None:
    """Name what a non-PDF body is, for error messages; None for what may be plain text.

    `data` is the start of the body (64 KiB is plenty); `content_type` an HTTP header.
    """
    head = data[:2048]
    if not head.strip():
        return "an empty body"
    if head.startswith(b"PK"):
        return "a Word document (.docx)" if b"word/" in data[:65536] else "a ZIP archive"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word document (.doc)"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    html_starts = (b"<!doctype html", b"<html", b"<head", b"<body")
    if "html" in content_type.lower() or start.startswith(html_starts):
        return "an HTML page"
    if b"\x00" in head:
        return "binary data"
    return None


def read_source(path: Path) -> bytes:
    """Read a local file, naming it in the error when that fails."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory, not a document") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
