"""HTML pages for people who check extraction rules: look instead of reading JSON.

`report(record)` shows one record: the header facts, the warnings, every question beside
the answer it was paired with, the money and dates highlighted in the text (by spaCy's
displaCy; the normalised value on hover) and listed in tables, and for a PDF every page
as an image with the box of each mention drawn on it. `evaluation_html(evaluation)`
shows a `vpdocs eval` run: the metrics per document and every miss beside its gold.

Both pages are one self-contained file: inline CSS, images as data: URIs, no scripts.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from spacy import displacy

from vpdocs import _report_assets as assets
from vpdocs._version import __version__
from vpdocs.errors import CorruptPDFError
from vpdocs.evaluate import METRICS, Count, DocumentScore, Evaluation
from vpdocs.extract import read_source
from vpdocs.records import Answer, Box, Money, Question, WrittenQuestion, decimal_text
from vpdocs.spacy_export import Mention, mentions

if TYPE_CHECKING:
    from PIL import Image

RENDER_SCALE = 1.5  # pixels per PDF point: 108 dpi, legible and a few hundred kB a page

PdfLike = str | Path | bytes


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: 1-based number, size in PDF points, a PNG data: URI."""

    number: int
    width: float
    height: float
    uri: str


@dataclass(frozen=True, slots=True)
class _Numbered:
    """A mention with its place in the report (`m-<index>`)."""

    index: int
    mention: Mention

    @property
    def anchor(self) -> str:
        return f"m-{self.index}"


# --- one record -------------------------------------------------------------------------------


def report(record: WrittenQuestion, *, pdf: PdfLike | None = None) -> str:
    """One self-contained HTML page of a record.

    `pdf` (a path or PDF bytes) gives the page images; by default the record's own
    `source.path` when it was parsed from a PDF that is still there.
    """
    numbered = [_Numbered(index, m) for index, m in enumerate(mentions(record), start=1)]
    texts = _highlighted_blocks(record, numbered)
    pages, note = _page_images_for(record, pdf)
    body = "\n".join(
        [
            _header(record),
            _warnings(record.warnings + ([note] if note else [])),
            _summary(record, numbered, len(pages)),
            _section("Preamble", texts.get("preamble", ""), "preamble"),
            _pairs_section(record, texts),
            _mention_tables(numbered),
            _pages_section(record, pages, numbered),
        ]
    )
    number = f"nr. {record.number} " if record.number is not None else ""
    return assets.PAGE.substitute(
        lang="nl",
        title=escape(f"vpdocs · {number}{record.title or ''}".strip()),
        version=escape(__version__),
        css=assets.CSS,
        body=body,
    )


def _header(record: WrittenQuestion) -> str:
    source = record.source
    facts = [
        ("Asked by", record.asked_by),
        ("Addressed to", _joined(record.addressed_to, record.minister_title)),
        ("Date asked", record.date_asked.isoformat() if record.date_asked else None),
        ("Answered on", source.answered_on.isoformat() if source.answered_on else None),
        ("Theme", record.theme),
        ("Layout", record.layout),
        ("Source", source.path or source.url),
        ("Pages", str(source.pages) if source.pages is not None else None),
        ("PDF link", source.pdf_url),  # shown as text: the report links nowhere outside
        ("Page link", source.page_url),
        ("Open-data id", source.opendata_id),
        ("Backend", record.provenance.backend),
        ("vpdocs", record.provenance.vpdocs_version),
        ("Rules", record.provenance.rules_digest[:12]),
    ]
    cells = "".join(
        f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in facts if value
    )
    number = f"Schriftelijke vraag nr. {record.number}" if record.number else "Schriftelijke vraag"
    title = escape(record.title or "(no title found)")
    return (
        f'<header><p class="kicker">{escape(number)}</p><h1>{title}</h1>'
        f'<dl class="facts">{cells}</dl></header>'
    )


def _joined(name: str | None, title: str | None) -> str | None:
    if name and title:
        return f"{name}, {title}"
    return name or title


def _warnings(warnings: Sequence[str]) -> str:
    if not warnings:
        return '<section class="warnings none"><h2>No warnings</h2></section>'
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    return (
        f'<section class="warnings" id="warnings"><h2>Warnings ({len(warnings)})</h2>'
        f"<ul>{items}</ul></section>"
    )


def _summary(record: WrittenQuestion, numbered: Sequence[_Numbered], pages: int) -> str:
    money = sum(isinstance(n.mention, Money) for n in numbered)
    unanswered = sum(not pair.answers for pair in record.pairs)
    parts = [
        f"<span><b>{len(record.questions)}</b> questions</span>",
        f"<span><b>{len(record.answers)}</b> answer blocks</span>",
        f"<span><b>{unanswered}</b> unanswered</span>",
        f'<span class="swatch" style="background: {assets.COLORS["MONEY"]}">'
        f"<b>{money}</b> money</span>",
        f'<span class="swatch" style="background: {assets.COLORS["DATE"]}">'
        f"<b>{len(numbered) - money}</b> dates</span>",
        f"<span><b>{pages}</b> page images</span>" if pages else "",
        "<span>hover a highlight for its value</span>",
    ]
    return f'<section class="summary">{"".join(parts)}</section>'


def _section(title: str, content: str, anchor: str) -> str:
    if not content:
        return ""
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>{content}</section>'


# --- highlighting with displaCy ---------------------------------------------------------------


def _highlighted_blocks(record: WrittenQuestion, numbered: Sequence[_Numbered]) -> dict[str, str]:
    """block name -> the block's text as HTML, its mentions marked by displaCy."""
    by_block: dict[str, list[_Numbered]] = {}
    for item in numbered:
        by_block.setdefault(item.mention.block, []).append(item)
    return {
        name: _highlight(text, by_block.get(name, [])) for name, text in record.blocks() if text
    }


def _highlight(text: str, items: Sequence[_Numbered]) -> str:
    """`text` with its mentions as displaCy entities, the value in each one's `title`."""
    ents = []
    end = 0
    for item in sorted(items, key=lambda n: n.mention.char_start):
        mention = item.mention
        if mention.char_start < end or mention.char_end > len(text):
            continue  # displaCy cannot draw overlapping or out-of-range spans
        label = "MONEY" if isinstance(mention, Money) else "DATE"
        ents.append(
            {
                "start": mention.char_start,
                "end": mention.char_end,
                "label": label,
                "params": {"attrs": _mark_attributes(item)},
            }
        )
        end = mention.char_end
    html = displacy.render(
        {"text": text, "ents": ents, "title": None},
        style="ent",
        manual=True,
        jupyter=False,
        options={"colors": assets.COLORS, "template": assets.ENTITY_TEMPLATE},
    )
    return f'<div class="text-block">{html}</div>'


def value_text(mention: Mention) -> str:
    """The normalised value as a reader checks it: '64000 EUR', '2023-09-01 – 2024-08-31'."""
    if isinstance(mention, Money):
        value = f"{decimal_text(mention.amount)} {mention.currency}"
        if mention.per:
            value += f" per {mention.per}"
        if mention.implied:
            value += " (currency implied)"
        return value
    interval = mention.start.isoformat()
    if mention.end != mention.start:
        interval += f" – {mention.end.isoformat()}"
    extra = " relative" if mention.relative else ""
    return f"{interval} ({mention.granularity}{extra})"


def _mark_attributes(item: _Numbered) -> str:
    mention = item.mention
    title = f"{value_text(mention)} · rule {mention.rule or '?'}"
    attributes = {"id": item.anchor, "title": title, "data-block": mention.block}
    if isinstance(mention, Money):
        attributes["data-amount"] = decimal_text(mention.amount)
        attributes["data-currency"] = mention.currency
        if mention.implied:
            attributes["data-implied"] = "true"
    else:
        attributes["data-start"] = mention.start.isoformat()
        attributes["data-end"] = mention.end.isoformat()
    return " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items())


# --- questions beside answers -----------------------------------------------------------------


def _answering(record: WrittenQuestion) -> list[tuple[int, ...]]:
    """Per question, the 1-based numbers of the answer blocks that answer it."""
    answered = {pair.question for pair in record.pairs if pair.answers}
    return [
        tuple(n for n, a in enumerate(record.answers, start=1) if q.label in a.labels)
        if q.label in answered
        else ()
        for q in record.questions
    ]


def _groups(blocks: Sequence[tuple[int, ...]]) -> list[tuple[int, int]]:
    """(first question index, count): runs of questions answered by the same blocks."""
    groups: list[tuple[int, int]] = []
    for index, found in enumerate(blocks):
        if groups and found and blocks[groups[-1][0]] == found:
            first, count = groups[-1]
            groups[-1] = (first, count + 1)
        else:
            groups.append((index, 1))
    return groups


def _pairs_section(record: WrittenQuestion, texts: dict[str, str]) -> str:
    blocks = _answering(record)
    shown: set[int] = set()
    rows = []
    for first, count in _groups(blocks):
        found = blocks[first]
        for index in range(first, first + count):
            question = record.questions[index]
            cells = _question_cell(record, index, bool(found), texts)
            if index == first:
                cells += _answer_cell(record, found, count, shown, texts)
            flag = " unanswered" if not found else ""
            answered_by = " ".join(f"a-{n}" for n in found)
            rows.append(
                f'<tr class="pair{flag}" id="q-{escape(question.label)}" '
                f'data-question="{escape(question.label)}" data-answered-by="{answered_by}">'
                f"{cells}</tr>"
            )
    intro = texts.get("answer intro", "")
    intro_html = f"<h3>Answer, before the numbered answers</h3>{intro}" if intro else ""
    table = (
        '<table class="pairs"><thead><tr><th>Question</th><th>Answer</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return (
        f'<section id="pairs"><h2>Questions and answers</h2>{intro_html}{table}'
        f"{_unpaired(record, blocks, texts)}{_annexes(record.annexes)}</section>"
    )


def _question_cell(
    record: WrittenQuestion, index: int, answered: bool, texts: dict[str, str]
) -> str:
    question = record.questions[index]
    context = ""
    if question.context is not None and not _same_number(record.questions, index):
        key = _number_of(question)
        context = f'<div class="context">{texts.get(f"context {key}", "")}</div>'
    flag = "" if answered else '<span class="flag">no answer</span>'
    return (
        f'<td class="question">{context}<span class="label">{escape(question.label)}</span>'
        f"{flag}{texts.get(f'question {question.label}', '')}</td>"
    )


def _number_of(question: Question) -> str:
    digits = ""
    for char in question.label:
        if not char.isdigit():
            break
        digits += char
    return digits or question.label


def _same_number(questions: Sequence[Question], index: int) -> bool:
    """Whether the question before has the same number (its context is shown already)."""
    return index > 0 and _number_of(questions[index - 1]) == _number_of(questions[index])


def _answer_cell(
    record: WrittenQuestion,
    found: tuple[int, ...],
    rowspan: int,
    shown: set[int],
    texts: dict[str, str],
) -> str:
    span = f' rowspan="{rowspan}"' if rowspan > 1 else ""
    if not found:
        return f'<td class="answer unanswered"{span}>No answer</td>'
    parts = []
    for number in found:
        if number in shown:
            parts.append(
                f'<div class="answer-ref">Answered together with an earlier question: '
                f'<a href="#a-{number}">answer block {number}</a></div>'
            )
            continue
        shown.add(number)
        parts.append(_answer_block(record.answers[number - 1], number, texts))
    return f'<td class="answer"{span}>{"".join(parts)}</td>'


def _answer_block(answer: Answer, number: int, texts: dict[str, str]) -> str:
    labels = " ".join(answer.labels)
    heading = escape(answer.heading or "(no heading)")
    refs = ""
    if answer.references:
        listed = ", ".join(escape(ref.text) for ref in answer.references)
        refs = f'<div class="refs">Refers to: {listed}</div>'
    return (
        f'<div class="answer-block" id="a-{number}" data-answer="{number}" '
        f'data-labels="{escape(labels)}"><div class="heading">answer block {number} · '
        f"printed as “{heading}” · answers {escape(', '.join(answer.labels) or 'nothing')}"
        f"</div>{texts.get(f'answer {number}', '')}{refs}</div>"
    )


def _unpaired(
    record: WrittenQuestion, blocks: Sequence[tuple[int, ...]], texts: dict[str, str]
) -> str:
    used = {n for found in blocks for n in found}
    rest = [n for n in range(1, len(record.answers) + 1) if n not in used]
    if not rest:
        return ""
    items = "".join(_answer_block(record.answers[n - 1], n, texts) for n in rest)
    return f'<h3>Answer blocks paired with no question</h3><div class="unpaired">{items}</div>'


def _annexes(annexes: Sequence[str]) -> str:
    if not annexes:
        return ""
    items = "".join(f"<li>{escape(a)}</li>" for a in annexes)
    return f"<h3>Annexes</h3><ul>{items}</ul>"


# --- the mention tables -----------------------------------------------------------------------


def _mention_tables(numbered: Sequence[_Numbered]) -> str:
    money = [n for n in numbered if isinstance(n.mention, Money)]
    dates = [n for n in numbered if not isinstance(n.mention, Money)]
    money_rows = "".join(_money_row(item) for item in money)
    date_rows = "".join(_date_row(item) for item in dates)
    head = "<th>#</th><th>mention</th>"
    tail = "<th>block</th><th>page</th><th>rule</th>"
    return (
        f'<section id="money"><h2>Money ({len(money)})</h2>'
        f'<table class="mentions money"><thead><tr>{head}<th>amount</th><th>currency</th>'
        f"<th>per</th><th>implied</th>{tail}</tr></thead><tbody>{money_rows}</tbody></table>"
        f'</section><section id="dates"><h2>Dates ({len(dates)})</h2>'
        f'<table class="mentions dates"><thead><tr>{head}<th>start</th><th>end</th>'
        f"<th>granularity</th><th>relative</th>{tail}</tr></thead><tbody>{date_rows}</tbody>"
        "</table></section>"
    )


def _first_cells(item: _Numbered) -> str:
    return (
        f'<td class="num">{item.index}</td>'
        f'<td><a href="#{item.anchor}">{escape(item.mention.text)}</a></td>'
    )


def _last_cells(item: _Numbered) -> str:
    box = item.mention.bbox
    page = f'<a href="#box-{item.anchor}">{box.page}</a>' if box else "–"
    return (
        f'<td>{escape(item.mention.block)}</td><td class="num">{page}</td>'
        f"<td>{escape(item.mention.rule or '')}</td>"
    )


def _money_row(item: _Numbered) -> str:
    m = item.mention
    assert isinstance(m, Money)
    return (
        f'<tr data-mention="{item.anchor}">{_first_cells(item)}'
        f'<td class="num">{escape(decimal_text(m.amount))}</td><td>{escape(m.currency)}</td>'
        f"<td>{escape(m.per or '')}</td><td>{'yes' if m.implied else ''}</td>"
        f"{_last_cells(item)}</tr>"
    )


def _date_row(item: _Numbered) -> str:
    d = item.mention
    assert not isinstance(d, Money)
    return (
        f'<tr data-mention="{item.anchor}">{_first_cells(item)}'
        f'<td class="num">{d.start.isoformat()}</td><td class="num">{d.end.isoformat()}</td>'
        f"<td>{escape(d.granularity)}</td><td>{'yes' if d.relative else ''}</td>"
        f"{_last_cells(item)}</tr>"
    )


# --- page images with the mention boxes -------------------------------------------------------


def page_images(pdf: PdfLike, *, scale: float = RENDER_SCALE) -> list[PageImage]:
    """Every page of a PDF rendered by pypdfium2, as a grey PNG data: URI."""
    import pypdfium2 as pdfium

    data, name = _pdf_bytes(pdf)
    try:
        document = pdfium.PdfDocument(data)
    except Exception as exc:  # pypdfium2 raises PdfiumError, sometimes without a message
        reason = f"the PDF cannot be rendered: {exc or type(exc).__name__}"
        raise CorruptPDFError(name, reason) from exc
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=scale, grayscale=True)
                images.append(PageImage(index + 1, width, height, _png_uri(bitmap.to_pil())))
            finally:
                page.close()
    finally:
        document.close()
    return images


def _pdf_bytes(pdf: PdfLike) -> tuple[bytes, str]:
    if isinstance(pdf, bytes):
        return pdf, "<bytes>"
    return read_source(Path(pdf)), str(pdf)


def _png_uri(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _page_images_for(
    record: WrittenQuestion, pdf: PdfLike | None
) -> tuple[list[PageImage], str | None]:
    """The page images, and a note for the reader when they are missing or may not fit."""
    if pdf is None:
        path = record.source.path
        if record.provenance.backend == "text":
            return [], None
        if not path:
            return [], "no page images: the record does not say where its PDF is (pass pdf=)"
        if not Path(path).is_file():
            return [], f"no page images: {path} is no longer there"
        pdf = path
    data, _ = _pdf_bytes(pdf)
    note = None
    if hashlib.sha256(data).hexdigest() != record.source.sha256:
        note = "the PDF shown is not the file this record was parsed from: boxes may not fit"
    return page_images(data), note


def _pages_section(
    record: WrittenQuestion, pages: Sequence[PageImage], numbered: Sequence[_Numbered]
) -> str:
    if not pages:
        return ""
    figures = "".join(_page_figure(record, page, numbered) for page in pages)
    return (
        '<section id="pages"><h2>Pages</h2><p class="muted">Each box is where a mention was '
        "printed (green money, blue dates; click one to find it in the text); dashed boxes "
        f'are the question and answer blocks.</p><div class="pages">{figures}</div></section>'
    )


def _page_figure(record: WrittenQuestion, page: PageImage, numbered: Sequence[_Numbered]) -> str:
    shapes = [
        _block_rect(name, box)
        for name, box in _block_boxes(record)
        if box is not None and box.page == page.number
    ]
    shapes += [
        _mention_rect(item)
        for item in numbered
        if item.mention.bbox is not None and item.mention.bbox.page == page.number
    ]
    w, h = _number(page.width), _number(page.height)
    return (
        f'<figure class="page" id="page-{page.number}" data-page="{page.number}">'
        f'<figcaption>page {page.number}</figcaption><div class="sheet">'
        f'<img src="{page.uri}" alt="page {page.number}" width="{round(page.width)}" '
        f'height="{round(page.height)}"><svg viewBox="0 0 {w} {h}" '
        f'preserveAspectRatio="none" role="img" aria-label="boxes on page {page.number}">'
        f"{''.join(shapes)}</svg></div></figure>"
    )


def _block_boxes(record: WrittenQuestion) -> Iterable[tuple[str, Box | None]]:
    for question in record.questions:
        yield f"Q{question.label}", question.bbox
    for number, answer in enumerate(record.answers, start=1):
        yield f"A{number}", answer.bbox


def _block_rect(name: str, box: Box) -> str:
    return (
        f'<g class="block"><rect class="block" {_geometry(box, pad=2)}><title>{escape(name)}'
        f'</title></rect><text class="block-label" x="{_number(box.x0 - 14)}" '
        f'y="{_number(box.top + 6)}">{escape(name)}</text></g>'
    )


def _mention_rect(item: _Numbered) -> str:
    mention = item.mention
    assert mention.bbox is not None
    kind = "money" if isinstance(mention, Money) else "date"
    title = f"{mention.text} = {value_text(mention)} ({mention.block})"
    return (
        f'<a href="#{item.anchor}" id="box-{item.anchor}" data-mention="{item.anchor}">'
        f'<rect class="box {kind}" {_geometry(mention.bbox, pad=1)}>'
        f"<title>{escape(title)}</title></rect></a>"
    )


def _geometry(box: Box, *, pad: float) -> str:
    return (
        f'x="{_number(box.x0 - pad)}" y="{_number(box.top - pad)}" '
        f'width="{_number(box.x1 - box.x0 + 2 * pad)}" '
        f'height="{_number(box.bottom - box.top + 2 * pad)}"'
    )


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# --- an evaluation ----------------------------------------------------------------------------


def evaluation_html(evaluation: Evaluation) -> str:
    """One self-contained HTML page of a `vpdocs eval` run: scores and every miss."""
    documents = evaluation.documents
    misses = sum(len(d.misses) for d in documents)
    body = "\n".join(
        [
            '<header><p class="kicker">vpdocs eval</p><h1>Evaluation against gold files</h1>'
            f'<p class="muted">{len(documents)} documents, {len(evaluation.errors)} crashed, '
            f"{misses} misses.</p></header>",
            _totals_table(evaluation),
            _documents_table(documents),
            *(_document_misses(d) for d in documents if d.error or d.misses),
        ]
    )
    return assets.PAGE.substitute(
        lang="en",
        title="vpdocs evaluation",
        version=escape(__version__),
        css=assets.CSS,
        body=body,
    )


def _totals_table(evaluation: Evaluation) -> str:
    rows = "".join(
        f"<tr><td>{metric}</td>{_score_cells(evaluation.total(metric))}</tr>" for metric in METRICS
    )
    return (
        '<section id="totals"><h2>Whole set</h2><table class="scores totals"><thead><tr>'
        "<th>metric</th><th>precision</th><th>recall</th><th>f1</th><th>matched</th>"
        f"<th>found</th><th>gold</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _score_cells(count: Count) -> str:
    numbers = (count.precision, count.recall, count.f1)
    values = "".join(f'<td class="score {_grade(v)}">{v:.3f}</td>' for v in numbers)
    counts = (count.matched, count.found, count.expected)
    return values + "".join(f'<td class="num">{n}</td>' for n in counts)


def _grade(value: float) -> str:
    return "perfect" if value >= 0.9995 else "good" if value >= 0.9 else "poor"


def _documents_table(documents: Sequence[DocumentScore]) -> str:
    head = "".join(f"<th>{m}</th>" for m in METRICS)
    rows = "".join(_document_row(d) for d in documents)
    return (
        '<section id="documents"><h2>Per document (f1; matched/found/gold)</h2>'
        f'<table class="scores documents"><thead><tr><th>document</th>{head}<th>misses</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _document_row(document: DocumentScore) -> str:
    name = escape(document.name)
    link = f'<a href="#doc-{name}">{name}</a>' if document.error or document.misses else name
    if document.error:
        cells = f'<td colspan="{len(METRICS) + 1}" class="score poor">crashed</td>'
    else:
        cells = "".join(_metric_cell(document.counts.get(m, Count())) for m in METRICS)
        cells += f'<td class="num">{len(document.misses)}</td>'
    return f'<tr data-document="{name}"><td>{link}</td>{cells}</tr>'


def _metric_cell(count: Count) -> str:
    detail = f"precision {count.precision:.3f}, recall {count.recall:.3f}"
    return (
        f'<td class="score {_grade(count.f1)}" title="{detail}">{count.f1:.3f} '
        f'<span class="counts">{count.matched}/{count.found}/{count.expected}</span></td>'
    )


def _document_misses(document: DocumentScore) -> str:
    name = escape(document.name)
    if document.error:
        content = f'<p class="error">{escape(document.error)}</p>'
    else:
        rows = "".join(
            f'<tr class="miss {escape(miss.kind)}" data-metric="{escape(miss.metric)}" '
            f'data-kind="{escape(miss.kind)}"><td>{escape(miss.metric)}</td>'
            f'<td class="kind">{escape(miss.kind)}</td>'
            f'<td class="gold">{escape(miss.gold or "")}</td>'
            f'<td class="found">{escape(miss.found or "")}</td></tr>'
            for miss in document.misses
        )
        content = (
            '<table class="misses"><thead><tr><th>metric</th><th>kind</th><th>gold</th>'
            f"<th>found</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return (
        f'<section class="document" id="doc-{name}" data-document="{name}">'
        f"<h2>{name}</h2>{content}</section>"
    )
