"""Tests for the fixture PDF generator (tests/pdfgen): layout model, both producers,
the broken-file makers and the command line.

Each devset document is rendered once per producer per session and read back with
pdfplumber, the library the extraction stage uses. Set ``VPDOCS_DEVSET`` to test
another folder of ``*.txt`` documents (default: the shared devset, else ``seeds/``).
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

import tests.pdfgen as pdfgen
from tests.pdfgen import (
    ENCRYPTED_PASSWORD,
    PRODUCERS,
    broken,
    fpdf_producer,
    render_tree,
    reportlab_producer,
)
from tests.pdfgen.__main__ import main
from tests.pdfgen.document import (
    Document,
    Layout,
    Line,
    PageBreak,
    Paragraph,
    ParagraphKind,
    Role,
    parse_document,
    split_export_header,
)

REPO = Path(__file__).resolve().parents[1]
_DEVSET = Path(os.environ.get("VPDOCS_DEVSET", REPO / "tests" / "devset"))
SOURCES = sorted(_DEVSET.glob("*.txt")) or sorted((REPO / "seeds").glob("*.txt"))
MODULES: dict[str, ModuleType] = {"reportlab": reportlab_producer, "fpdf2": fpdf_producer}
A4_POINTS = (595.0, 842.0)
FOOTNOTE = "¹ Bron: Agentschap Binnenland, jaarrapport 2023 (cijfers op 31 december)."
WORD = re.compile(r"\w+")

CASES = [
    pytest.param(producer, source, id=f"{producer}-{source.stem}")
    for producer in PRODUCERS
    for source in SOURCES
]
TABLE_CASES = [
    pytest.param(producer, source, id=f"{producer}-{source.stem}")
    for producer in PRODUCERS
    for source in SOURCES
    if parse_document(source.read_text(encoding="utf-8")).tables
]


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Rendered:
    """A rendered document read back: the model, page sizes and each page's text lines."""

    producer: str
    doc: Document
    source_text: str
    sizes: list[tuple[float, float]]
    pages: list[list[str]]

    @property
    def lines(self) -> list[str]:
        return [line for page in self.pages for line in page]


def _read_back(path: Path) -> tuple[list[tuple[float, float]], list[list[str]]]:
    with pdfplumber.open(path) as pdf:
        sizes = [(float(p.width), float(p.height)) for p in pdf.pages]
        pages = [(p.extract_text() or "").splitlines() for p in pdf.pages]
    return sizes, pages


@pytest.fixture(scope="session")
def render(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Rendered]:
    """Render (producer, source[, footnote]) once per session and read it back."""
    cache: dict[tuple[str, Path, str | None], Rendered] = {}
    folder = tmp_path_factory.mktemp("pdfgen")

    def get(producer: str, source: Path, footnote: str | None = None) -> Rendered:
        key = (producer, source, footnote)
        if key not in cache:
            text = source.read_text(encoding="utf-8")
            name = f"{producer}-{source.stem}{'-fn' if footnote else ''}.pdf"
            path = PRODUCERS[producer](text, folder / name, footnote=footnote)
            sizes, pages = _read_back(path)
            cache[key] = Rendered(producer, parse_document(text), text, sizes, pages)
        return cache[key]

    return get


def _header_line(rendered: Rendered) -> str:
    parts = MODULES[rendered.producer].running_header_parts(rendered.doc)
    return " ".join(part for part in parts if part)


def _body_lines(rendered: Rendered, page: int) -> list[str]:
    """A page's lines without the running header (pages 2+) and the page label."""
    lines = rendered.pages[page]
    start = 1 if page > 0 and lines and lines[0] == _header_line(rendered) else 0
    return lines[start:-1]


def _source_words(text: str) -> list[str]:
    _, lines = split_export_header(text)
    return WORD.findall("\n".join(lines))


def _dehyphenate(lines: list[str], vocabulary: set[str]) -> str:
    """Join ``frag-`` + ``ment`` across lines when ``fragment`` is a source word."""
    out = list(lines)
    for i in range(len(out) - 1):
        head = re.search(r"(\w+)-$", out[i])
        tail = re.match(r"(\w+)", out[i + 1])
        if head and tail and (head[1] + tail[1]) in vocabulary:
            out[i] = out[i][:-1] + tail[1]
            out[i + 1] = out[i + 1][len(tail[1]) :]
    return "\n".join(out)


def _hyphenation_breaks(rendered: Rendered) -> Iterator[tuple[str, str]]:
    """(fragment, rest) for every line that ends in a hyphen splitting a source word."""
    vocabulary = {w.lower() for w in _source_words(rendered.source_text)}
    lines = rendered.lines
    for line, nxt in pairwise(lines):
        head = re.search(r"(\w+)-$", line)
        tail = re.match(r"(\w+)", nxt)
        if not (head and tail):
            continue
        fragment, rest = head[1].lower(), tail[1].lower()
        if fragment + rest in vocabulary and fragment not in vocabulary:
            yield fragment, rest


def _by_stem(stem_prefix: str) -> Path:
    found = [s for s in SOURCES if s.stem.startswith(stem_prefix)]
    if not found:
        pytest.skip(f"no {stem_prefix}* document in {_DEVSET}")
    return found[0]


def _first_of(layout: Layout) -> Path:
    for source in SOURCES:
        if parse_document(source.read_text(encoding="utf-8")).layout is layout:
            return source
    pytest.skip(f"no {layout} document among the sources")


# --------------------------------------------------------------------------- API


def test_public_names_exist() -> None:
    for name in pdfgen.__all__:
        assert hasattr(pdfgen, name), name
    assert PRODUCERS["reportlab"] is pdfgen.render_reportlab
    assert PRODUCERS["fpdf2"] is pdfgen.render_fpdf


def test_sources_found() -> None:
    assert SOURCES, "no *.txt documents to render"


# --------------------------------------------------------------------------- layout model

MODEL_TEXT = """\
title: Een titel - Met onderdeel
thema: Test
pdf link: https://example.invalid/x
thema link: https://example.invalid/y
SCHRIFTELIJKE VRAAG
nr. 12
van AN JANSSENS
datum: 3 mei 2024
aan PIET PEETERS
VLAAMS MINISTER VAN IETS, NOG IETS
EN NOG IETS
Een titel  -  Met
onderdeel
De stijging ging van 14 naar
21. Daarmee is alles gezegd.
Het budget bedroeg 7,9 miljard euro. Daarvan werd 6,3 miljard euro gefinancierd met
leningen.
1. Hoeveel? Graag een
overzicht.
PIET PEETERS
VLAAMS MINISTER VAN IETS, NOG IETS EN NOG IETS
ANTWOORD
op vraag nr. 12 van 3 mei 2024
van AN JANSSENS
Antwoord op vraag 1
De cijfers staan in de tabel.
Provincie 2022 2023
Antwerpen 1.250 € 1.300
Limburg 980 1.010
Bijlage: overzicht per provincie
"""


def _model() -> Document:
    return parse_document(MODEL_TEXT)


def test_model_header_title_and_export() -> None:
    doc = _model()
    assert doc.layout is Layout.MODERN
    assert (doc.number, doc.date) == ("12", "3 mei 2024")
    assert doc.export["pdf link"] == "https://example.invalid/x"
    assert [line.role for line in doc.header][-2:] == [Role.MINISTER_TITLE] * 2
    assert doc.title == "Een titel - Met onderdeel"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("De stijging ging van 14 naar", ParagraphKind.TEXT, id="line-start-trap-kept"),
        pytest.param("21. Daarmee is alles gezegd.", ParagraphKind.ITEM, id="number-at-line-start"),
        pytest.param("1. Hoeveel? Graag een overzicht.", ParagraphKind.ITEM, id="item-joined"),
        pytest.param("Antwoord op vraag 1", ParagraphKind.HEADING, id="answer-heading"),
        pytest.param("Bijlage: overzicht per provincie", ParagraphKind.HEADING, id="annex"),
    ],
)
def test_model_paragraphs(text: str, kind: ParagraphKind) -> None:
    paragraphs = {b.text: b.kind for b in _model().body if isinstance(b, Paragraph)}
    assert paragraphs.get(text) is kind


def test_model_prose_with_numbers_is_not_a_table() -> None:
    texts = [b.text for b in _model().body if isinstance(b, Paragraph)]
    assert any(t.startswith("Het budget bedroeg 7,9 miljard euro.") for t in texts)


def test_model_table_rows_and_cells() -> None:
    (table,) = _model().tables
    assert [row.cells for row in table.rows] == [
        ("Provincie", "2022", "2023"),
        ("Antwerpen", "1.250", "€ 1.300"),
        ("Limburg", "980", "1.010"),
    ]
    assert table.rows[0].header


def test_model_signature_and_answer_page_break() -> None:
    body = _model().body
    roles = [b.role for b in body if isinstance(b, Line)]
    assert roles == [
        Role.SIGNATURE_NAME,
        Role.SIGNATURE_TITLE,
        Role.ANSWER_HEADING,
        Role.ANSWER_REFERENCE,
        Role.ANSWER_ASKER,
    ]
    break_at = next(i for i, b in enumerate(body) if isinstance(b, PageBreak))
    after = body[break_at + 1]
    assert isinstance(after, Line) and after.text == "ANTWOORD"


def test_model_finds_devset_tables() -> None:
    for stem in ("dev-03", "dev-05"):
        doc = parse_document(_by_stem(stem).read_text(encoding="utf-8"))
        assert doc.tables, stem


# --------------------------------------------------------------------------- rendered PDFs


@pytest.mark.parametrize(("producer", "source"), CASES)
def test_pages_are_a4(render: Callable[..., Rendered], producer: str, source: Path) -> None:
    for width, height in render(producer, source).sizes:
        assert abs(width - A4_POINTS[0]) <= 1 and abs(height - A4_POINTS[1]) <= 1


@pytest.mark.parametrize(("producer", "source"), CASES)
def test_answer_placement(render: Callable[..., Rendered], producer: str, source: Path) -> None:
    rendered = render(producer, source)
    if rendered.doc.layout is Layout.BULLETIN:
        assert "Antwoord" in rendered.lines
        return
    if rendered.doc.layout is not Layout.MODERN or not rendered.doc.has_answer:
        pytest.skip("no ANTWOORD block")
    page = next(i for i, lines in enumerate(rendered.pages) if "ANTWOORD" in lines)
    assert page > 0
    assert _body_lines(rendered, page)[0] == "ANTWOORD"
    assert rendered.pages[page][0] == _header_line(rendered)


@pytest.mark.parametrize(("producer", "source"), CASES)
def test_running_header_and_page_label(
    render: Callable[..., Rendered], producer: str, source: Path
) -> None:
    rendered = render(producer, source)
    header = _header_line(rendered)
    total = len(rendered.pages)
    assert rendered.pages[0][0] != header
    assert all(header not in line for line in rendered.pages[0])
    for index, lines in enumerate(rendered.pages):
        if index:
            assert lines[0] == header
        assert lines[-1] == MODULES[producer].page_label(index + 1, total)


@pytest.mark.parametrize("producer", PRODUCERS)
def test_lines_end_in_hyphenation_breaks(render: Callable[..., Rendered], producer: str) -> None:
    breaks = [b for source in SOURCES for b in _hyphenation_breaks(render(producer, source))]
    assert breaks, f"{producer}: no line ends in a hyphen that splits a word"


@pytest.mark.parametrize(("producer", "source"), TABLE_CASES)
def test_table_rows_are_single_lines(
    render: Callable[..., Rendered], producer: str, source: Path
) -> None:
    rendered = render(producer, source)
    lines = {" ".join(line.split()) for line in rendered.lines}
    for table in rendered.doc.tables:
        for row in table.rows:
            assert row.source in lines, row.source


@pytest.mark.parametrize(("producer", "source"), CASES)
def test_source_words_survive(render: Callable[..., Rendered], producer: str, source: Path) -> None:
    rendered = render(producer, source)
    words = _source_words(rendered.source_text)
    body = [line for page in range(len(rendered.pages)) for line in _body_lines(rendered, page)]
    extracted = _dehyphenate(body, set(words))  # a word may be split across a page break
    have, want = Counter(WORD.findall(extracted)), Counter(words)
    found = sum(min(count, have[word]) for word, count in want.items())
    missing = sorted((want - have).keys())
    assert found / sum(want.values()) >= 0.98, missing[:20]


@pytest.mark.parametrize(("producer", "source"), CASES)
def test_export_header_not_rendered(
    render: Callable[..., Rendered], producer: str, source: Path
) -> None:
    text = "\n".join(render(producer, source).lines)
    assert "pdf link" not in text and "thema link" not in text


def test_fpdf_soft_hyphens_do_not_survive(render: Callable[..., Rendered]) -> None:
    for source in SOURCES:
        assert "\u00ad" not in "\n".join(render("fpdf2", source).lines), source.stem


def test_producers_look_different(render: Callable[..., Rendered]) -> None:
    source = _first_of(Layout.MODERN)
    first, second = (render(p, source) for p in ("reportlab", "fpdf2"))
    assert _header_line(first) not in second.lines and _header_line(second) not in first.lines
    assert first.pages[0][-1] != second.pages[0][-1]


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("layout", [Layout.MODERN, Layout.BULLETIN])
def test_footnote_on_first_answer_page(
    render: Callable[..., Rendered], producer: str, layout: Layout
) -> None:
    rendered = render(producer, _first_of(layout), FOOTNOTE)
    pages = [" ".join(" ".join(lines).split()) for lines in rendered.pages]
    heading = "ANTWOORD" if layout is Layout.MODERN else "Antwoord"
    answer_page = next(i for i, lines in enumerate(rendered.pages) if heading in lines)
    assert FOOTNOTE in pages[answer_page]
    assert sum(FOOTNOTE in page for page in pages) == 1
    assert " ".join(_body_lines(rendered, answer_page)).endswith(FOOTNOTE)  # above the label


# --------------------------------------------------------------------------- broken files


def _open_fails(path: Path) -> bool:
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
    except (PdfminerException, PDFPasswordIncorrect, ValueError, KeyError, TypeError):
        return True
    return False


@pytest.mark.parametrize("name", ["truncated", "html", "empty", "docx", "doc"])
def test_unreadable_files_fail(tmp_path: Path, name: str) -> None:
    path = broken.BROKEN_MAKERS[name](tmp_path / f"{name}.pdf")
    assert path.suffix == ".pdf"
    assert _open_fails(path)


def test_truncated_is_half_a_pdf(tmp_path: Path) -> None:
    whole = pdfgen.render_reportlab(broken.SAMPLE_TEXT, tmp_path / "whole.pdf")
    cut = pdfgen.make_truncated_pdf(tmp_path / "cut.pdf")
    assert cut.read_bytes().startswith(b"%PDF-")
    assert cut.stat().st_size == whole.stat().st_size // 2
    assert not _open_fails(whole)


def test_encrypted_needs_password(tmp_path: Path) -> None:
    path = pdfgen.make_encrypted_pdf(tmp_path / "locked.pdf")
    assert _open_fails(path)
    with pdfplumber.open(path, password=ENCRYPTED_PASSWORD) as pdf:
        assert "SCHRIFTELIJKE VRAAG" in (pdf.pages[0].extract_text() or "")


def test_image_only_has_no_text_layer(tmp_path: Path) -> None:
    path = pdfgen.make_image_only_pdf(tmp_path / "scan.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        assert not pdf.pages[0].chars
        assert len(pdf.pages[0].images) == 1


@pytest.mark.parametrize(
    ("name", "magic"),
    [
        ("html", b"<!DOCTYPE html"),
        ("empty", b""),
        ("docx", b"PK\x03\x04"),
        ("doc", broken.OLE_MAGIC),
    ],
)
def test_wrong_kind_magic_bytes(tmp_path: Path, name: str, magic: bytes) -> None:
    data = broken.BROKEN_MAKERS[name](tmp_path / f"{name}.pdf").read_bytes()
    assert data.startswith(magic) and (data == b"") == (name == "empty")


def test_docx_is_a_real_docx(tmp_path: Path) -> None:
    path = pdfgen.make_docx_as_pdf(tmp_path / "word.pdf")
    with zipfile.ZipFile(path) as archive:
        assert {"[Content_Types].xml", "word/document.xml"} <= set(archive.namelist())


# --------------------------------------------------------------------------- tree & CLI


def test_render_tree_and_cli(tmp_path: Path) -> None:
    source = SOURCES[0]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / source.name).write_text(source.read_text(encoding="utf-8"))
    pdfs = render_tree(tmp_path / "src", tmp_path / "tree", producer="fpdf2")
    assert pdfs == [tmp_path / "tree" / f"{source.stem}.pdf"]
    assert main([str(tmp_path / "src" / source.name), "-o", str(tmp_path / "cli")]) == 0
    assert (tmp_path / "cli" / f"{source.stem}.pdf").read_bytes().startswith(b"%PDF-")
    assert main([str(tmp_path / "missing.txt"), "-o", str(tmp_path / "cli")]) == 2
