"""The extract stage on real PDFs made by both fixture producers, read by both backends."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

import vpdocs
from tests.conftest import DEVSET, GOLDEN, SEED
from tests.pdfgen import (
    ENCRYPTED_PASSWORD,
    PRODUCERS,
    fpdf_producer,
    make_doc_as_pdf,
    make_docx_as_pdf,
    make_empty_pdf,
    make_encrypted_pdf,
    make_html_as_pdf,
    make_image_only_pdf,
    make_truncated_pdf,
    parse_document,
    render_reportlab,
    reportlab_producer,
)
from vpdocs import extract
from vpdocs.settings import Settings

BACKENDS = ("pdfplumber", "pdfium")
STEMS = sorted(path.stem for path in DEVSET.glob("*.txt"))
SOURCES = {path.stem: path for folder in (DEVSET, GOLDEN) for path in folder.glob("*.txt")}


def parse_pdf(path: Path, backend: str) -> vpdocs.WrittenQuestion:
    return vpdocs.parse(path, settings={"backend": backend})


def comparable(record: vpdocs.WrittenQuestion) -> dict[str, Any]:
    """A record without what legitimately differs between backends: the backend's name
    and box coordinates (both agree on x, each reads glyph heights its own way)."""
    data = record.model_dump(mode="json")
    data["provenance"].pop("backend")
    data["source"].pop("path")

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "bbox"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)  # type: ignore[no-any-return]


# --- bad input: one clear error each, naming the file -------------------------------------------

BROKEN = [
    pytest.param(make_truncated_pdf, vpdocs.CorruptPDFError, "truncated", id="truncated"),
    pytest.param(make_encrypted_pdf, vpdocs.EncryptedPDFError, "password", id="encrypted"),
    pytest.param(make_html_as_pdf, vpdocs.NotAPDFError, "HTML page", id="html-as-pdf"),
    pytest.param(make_empty_pdf, vpdocs.EmptyDocumentError, "empty", id="empty"),
    pytest.param(make_image_only_pdf, vpdocs.NoTextLayerError, "no text layer", id="image-only"),
    pytest.param(make_docx_as_pdf, vpdocs.NotAPDFError, "Word document (.docx)", id="docx-as-pdf"),
    pytest.param(make_doc_as_pdf, vpdocs.NotAPDFError, "old Word document (.doc)", id="doc-as-pdf"),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("make", "error", "words"), BROKEN)
def test_bad_input_raises_one_clear_error(
    tmp_path: Path, make: Any, error: type[Exception], words: str, backend: str
) -> None:
    path = make(tmp_path / "document.pdf")
    with pytest.raises(error) as caught:
        parse_pdf(path, backend)
    assert str(path) in str(caught.value)
    assert words in str(caught.value)
    assert isinstance(caught.value, vpdocs.VpdocsError)


@pytest.mark.parametrize("backend", BACKENDS)
def test_encrypted_error_wraps_the_library_exception(tmp_path: Path, backend: str) -> None:
    path = make_encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(vpdocs.EncryptedPDFError) as caught:
        parse_pdf(path, backend)
    assert caught.value.__cause__ is not None
    assert ENCRYPTED_PASSWORD not in str(caught.value)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(vpdocs.InputError, match="no such file"):
        vpdocs.parse(tmp_path / "absent.pdf")


def test_text_that_is_not_a_written_question() -> None:
    with pytest.raises(vpdocs.NotAWrittenQuestionError, match="not a written question"):
        vpdocs.parse_text("Verslag van de commissie\nDe vergadering wordt geopend om 14 uur.")


# --- both backends, both producers: the same record ------------------------------------------


@pytest.mark.parametrize("producer", list(PRODUCERS))
@pytest.mark.parametrize("stem", STEMS)
def test_both_backends_give_the_same_record(
    rendered: dict[str, Path], producer: str, stem: str
) -> None:
    path = rendered[producer] / f"{stem}.pdf"
    assert comparable(parse_pdf(path, "pdfplumber")) == comparable(parse_pdf(path, "pdfium"))


@pytest.mark.parametrize("producer", list(PRODUCERS))
@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_pdf_gives_the_text_record(rendered: dict[str, Path], producer: str, stem: str) -> None:
    """Questions, answers, pairs and mentions of the PDF equal those of the clean text."""
    from_text = vpdocs.parse(SOURCES[stem]).model_dump(mode="json")
    from_pdf = parse_pdf(rendered[producer] / f"{stem}.pdf", "pdfplumber").model_dump(mode="json")
    for field in ("number", "asked_by", "addressed_to", "date_asked", "title", "preamble", "pairs"):
        assert from_pdf[field] == from_text[field], field
    assert [(q["label"], q["text"]) for q in from_pdf["questions"]] == [
        (q["label"], q["text"]) for q in from_text["questions"]
    ]
    assert [(a["labels"], a["text"]) for a in from_pdf["answers"]] == [
        (a["labels"], a["text"]) for a in from_text["answers"]
    ]
    for kind in ("money", "dates"):
        keep = ("text", "amount", "currency", "start", "end", "block", "char_start", "char_end")
        strip = [{k: v for k, v in m.items() if k in keep} for m in from_pdf[kind]]
        assert strip == [{k: v for k, v in m.items() if k in keep} for m in from_text[kind]]


# --- page furniture, footnotes, tables, boxes ---------------------------------------------------


def _furniture_strings(producer: str, text: str) -> list[str]:
    module = {"reportlab": reportlab_producer, "fpdf2": fpdf_producer}[producer]
    document = parse_document(text)
    parts = [part for part in module.running_header_parts(document) if part.strip()]
    return [*parts, module.page_label(2, 3).strip()]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("producer", list(PRODUCERS))
def test_no_header_footer_or_page_number_in_any_text(
    rendered: dict[str, Path], producer: str, backend: str
) -> None:
    for source in sorted(DEVSET.glob("*.txt")):
        record = parse_pdf(rendered[producer] / f"{source.stem}.pdf", backend)
        texts = (
            [q.text for q in record.questions]
            + [a.text for a in record.answers]
            + [record.preamble]
        )
        for furniture in _furniture_strings(producer, source.read_text(encoding="utf-8")):
            if re.fullmatch(r"\d+", furniture):
                continue  # a bare page number is a number like any other; checked below
            assert not any(furniture in text for text in texts), (source.stem, furniture)
        assert not any(re.search(r"Pagina \d+ van \d+", text) for text in texts)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("producer", list(PRODUCERS))
def test_a_footnote_is_not_body_text(tmp_path: Path, producer: str, backend: str) -> None:
    footnote = "¹ Bron: Agentschap Onderwijsdiensten, telling van 1 februari 2024."
    path = PRODUCERS[producer](
        SEED.read_text(encoding="utf-8"), tmp_path / "seed.pdf", footnote=footnote
    )
    with pdfplumber.open(path) as pdf:
        assert any(
            "Agentschap Onderwijsdiensten" in (page.extract_text() or "") for page in pdf.pages
        )
    record = parse_pdf(path, backend)
    assert not any("Onderwijsdiensten" in answer.text for answer in record.answers)
    assert not any(date.text == "1 februari 2024" for date in record.dates)


@pytest.mark.parametrize("backend", BACKENDS)
def test_table_rows_stay_one_line_each(rendered: dict[str, Path], backend: str) -> None:
    data = (rendered["reportlab"] / "dev-05-sociale-huurwoningen.pdf").read_bytes()
    document = extract.extract(data, name="dev-05", settings=Settings.resolve(backend=backend))
    lines = {line.text for line in document.lines}
    assert "Antwerpen 312.450.000 298.120.500 334.908.750" in lines
    assert "Provincie 2022 2023 2024" in lines


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_mention_points_at_its_text_in_the_pdf(
    rendered: dict[str, Path], backend: str
) -> None:
    path = rendered["fpdf2"] / "sv-352-schooluitval.pdf"
    record = parse_pdf(path, backend)
    with pdfplumber.open(path) as pdf:
        for mention in [*record.money, *record.dates]:
            assert mention.bbox is not None, mention.text
            box = mention.bbox
            page = pdf.pages[box.page - 1]
            inside = page.crop((box.x0 - 1, box.top - 1, box.x1 + 1, box.bottom + 1)).extract_text()
            first_word = mention.text.split()[0].rstrip("-")
            assert first_word in inside.replace("\n", " "), (mention.text, inside)


def test_blocks_carry_their_page(rendered: dict[str, Path]) -> None:
    record = parse_pdf(rendered["reportlab"] / "sv-352-schooluitval.pdf", "pdfplumber")
    assert record.source.pages == 2
    assert record.questions[0].bbox is not None and record.questions[0].bbox.page == 1
    assert record.answers[0].bbox is not None and record.answers[0].bbox.page == 2


def test_hyphenated_words_are_joined_and_compounds_kept(rendered: dict[str, Path]) -> None:
    for producer in PRODUCERS:
        record = parse_pdf(rendered[producer] / "sv-352-schooluitval.pdf", "pdfplumber")
        text = " ".join(answer.text for answer in record.answers)
        assert "schooluitval-onderwijsloopbaanbegeleiding" in text
        words = re.findall(r"\w+-\s\w+", text)
        assert not [w for w in words if not w.endswith(("en", "of"))], words


def test_bytes_of_a_pdf_parse_like_the_file(rendered: dict[str, Path]) -> None:
    path = rendered["reportlab"] / "dev-11-vrt-regionale-omroepen.pdf"
    from_bytes = vpdocs.parse(path.read_bytes())
    assert comparable(from_bytes) == comparable(vpdocs.parse(path))
    assert from_bytes.source.path is None and from_bytes.source.pages == 2  # answer on a new page


def test_same_input_gives_a_byte_identical_record(rendered: dict[str, Path]) -> None:
    path = rendered["fpdf2"] / "dev-03-de-lijn-flexvervoer.pdf"
    first = vpdocs.parse(path).model_dump_json()
    assert vpdocs.parse(path).model_dump_json() == first


def test_pdf_render_of_seed_is_in_seeds() -> None:
    rendering = SEED.with_name("sv-352-schooluitval.rendered.pdf")
    record = vpdocs.parse(rendering)
    assert record.number == 352 and len(record.questions) == 7 and record.source.pages


def test_reportlab_fixture_renders_to_tmp(tmp_path: Path) -> None:
    path = render_reportlab(SEED.read_text(encoding="utf-8"), tmp_path / "seed.pdf")
    assert path.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("producer", list(PRODUCERS))
def test_pdf_scores_are_the_text_scores(
    rendered: dict[str, Path], producer: str, backend: str
) -> None:
    """The issue's bar: every metric on the PDFs within 0.01 of the text input."""
    from vpdocs import evaluate

    for folder in (DEVSET, GOLDEN):
        text = evaluate.evaluate(folder, vpdocs.parse)
        pdf = evaluate.evaluate(
            folder, lambda path: parse_pdf(path, backend), suffix=".pdf", inputs=rendered[producer]
        )
        assert not pdf.errors
        for metric in evaluate.METRICS:
            for name in ("precision", "recall"):
                difference = getattr(text.total(metric), name) - getattr(pdf.total(metric), name)
                assert abs(difference) <= 0.01, (folder.name, metric, name)
