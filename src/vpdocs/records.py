"""The record: what vpdocs returns for one written question (Pydantic v2 models).

These names are a contract: other code, the gold files (`GOLD_FORMAT.md`) and the batch
output rely on them. Add fields; do not rename or remove them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

if TYPE_CHECKING:
    from vpdocs.align import Alignment
    from vpdocs.blocks import Block
    from vpdocs.entities import Mentions
    from vpdocs.extract import ExtractedDocument, Line
    from vpdocs.segment import Segmentation


def decimal_text(value: Decimal) -> str:
    """Write a Decimal without exponent or trailing zeros: 7.5E+6 -> '7500000'."""
    text = format(value.normalize(), "f")
    return text


B = TypeVar("B")

Amount = Annotated[Decimal, PlainSerializer(decimal_text, return_type=str, when_used="json")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Box(_Model):
    """Where something is printed: 1-based page and a box in PDF points, top-left origin."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


class Money(_Model):
    """An amount of money mentioned in the body."""

    text: str = Field(description="The mention as printed, e.g. '7,5 miljoen euro'.")
    amount: Amount = Field(description="Value in units of the currency (7500000).")
    currency: str = Field(description="ISO 4217 code: EUR, or BEF in old documents.")
    implied: bool = Field(
        default=False, description="No currency word is printed; the context decides."
    )
    per: str | None = Field(
        default=None, description="Unit of a rate: 'leerling' in '250 euro per leerling'."
    )
    block: str = Field(
        description="The block it stands in: 'preamble', 'question 3a', 'context 3', 'answer 2'."
    )
    char_start: int
    char_end: int
    rule: str | None = Field(default=None, description="Id of the pattern that found it.")
    bbox: Box | None = None


Granularity = Literal["day", "month", "quarter", "year", "school_year", "range"]


class DateMention(_Model):
    """A date or period mentioned in the body, as an interval of days."""

    text: str
    start: dt.date
    end: dt.date
    granularity: Granularity
    relative: bool = Field(
        default=False, description="Resolved against the question's date ('vorig jaar')."
    )
    block: str
    char_start: int
    char_end: int
    rule: str | None = None
    bbox: Box | None = None


class Reference(_Model):
    """Another written question an answer points to."""

    number: int
    date: dt.date | None = None
    text: str


class Question(_Model):
    """A leaf question: '1', or '3a' when question 3 has sub-items."""

    label: str
    text: str
    context: str | None = Field(
        default=None, description="Lead-in sentence of a question with sub-items."
    )
    bbox: Box | None = None
    money: list[Money] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)


class Answer(_Model):
    """An answer block, with every leaf question it answers."""

    labels: list[str]
    text: str
    heading: str | None = Field(
        default=None, description="The marker as printed: '1 en 2.', 'Antwoord op vraag 3'."
    )
    references: list[Reference] = Field(default_factory=list)
    bbox: Box | None = None
    money: list[Money] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)


class Pair(_Model):
    """One leaf question and the labels of the answer blocks that answer it."""

    question: str
    answers: list[str]


class Source(_Model):
    """Where the document came from."""

    path: str | None = None
    url: str | None = None
    sha256: str
    pages: int | None = None
    pdf_url: str | None = Field(default=None, description="The `pdf link:` of a text export.")
    page_url: str | None = Field(
        default=None, description="The question's page on the parliament's site."
    )
    opendata_id: str | None = None
    answered_on: dt.date | None = None


class Provenance(_Model):
    """How the record was made; the same input and rules give a byte-identical record."""

    vpdocs_version: str
    rules_digest: str = Field(description="sha256 over the rule data (patterns, word lists).")
    input_sha256: str
    backend: str = Field(description="'text', 'pdfplumber' or 'pdfium'.")


class WrittenQuestion(_Model):
    """A written question ('schriftelijke vraag') with its answer."""

    number: int | None
    asked_by: str | None
    addressed_to: str | None
    minister_title: str | None
    date_asked: dt.date | None
    title: str | None
    theme: str | None = None
    layout: Literal["modern", "bulletin"]
    source: Source
    preamble: str
    questions: list[Question]
    answer_intro: str = Field(
        default="", description="Answer text before the first numbered answer."
    )
    answers: list[Answer]
    pairs: list[Pair]
    annexes: list[str] = Field(default_factory=list, description="Annex captions ('Bijlage: ...').")
    money: list[Money] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    provenance: Provenance

    def blocks(self) -> list[tuple[str, str]]:
        """(name, text) of the body in document order, as mentions name their block."""
        questions = [
            (q.label, q.label.rstrip("abcdefghijklmnopqrstuvwxyz"), q.text, q.context)
            for q in self.questions
        ]
        return body_order(
            self.preamble, questions, self.answer_intro, [a.text for a in self.answers]
        )


# --- stage 6: the record --------------------------------------------------------------------


def block_box(
    block: Block, lines: Sequence[Line], start: int = 0, end: int | None = None
) -> Box | None:
    """The box around characters [start, end) of a block, on the page where they begin."""
    page = None
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    for index, first, stop in block.runs(start, len(block.text) if end is None else end):
        line = lines[index]
        if line.boxes is None or line.page is None or stop > len(line.boxes):
            continue
        page = page or line.page
        if line.page != page:
            break
        boxes = line.boxes[first:stop]
        x0, x1 = min(x0, boxes[0][0]), max(x1, boxes[-1][2])
        top = min(top, min(box[1] for box in boxes))
        bottom = max(bottom, max(box[3] for box in boxes))
    if page is None:
        return None
    return Box(
        page=page, x0=round(x0, 2), top=round(top, 2), x1=round(x1, 2), bottom=round(bottom, 2)
    )


def _placed(
    mentions: Mentions, block: Block, lines: Sequence[Line]
) -> tuple[list[Money], list[DateMention]]:
    money = [
        m.model_copy(update={"bbox": block_box(block, lines, m.char_start, m.char_end)})
        for m in mentions.money
    ]
    dates = [
        d.model_copy(update={"bbox": block_box(block, lines, d.char_start, d.char_end)})
        for d in mentions.dates
    ]
    return money, dates


def build(
    document: ExtractedDocument,
    segments: Segmentation,
    mentions: Sequence[Mentions],
    alignment: Alignment,
    *,
    source: Source,
    provenance: Provenance,
) -> WrittenQuestion:
    """Assemble the record; `mentions` follow `entity_blocks(segments)` order."""
    lines = document.lines
    blocks = entity_blocks(segments)
    placed = {
        name: _placed(found, block, lines)
        for (name, block), found in zip(blocks, mentions, strict=True)
    }
    questions = [
        Question(
            label=q.label,
            text=q.text.flat,
            context=q.context.flat if q.context else None,
            bbox=block_box(q.text, lines),
            money=placed[f"question {q.label}"][0],
            dates=placed[f"question {q.label}"][1],
        )
        for q in segments.questions
    ]
    answers = [
        Answer(
            labels=list(labels),
            text=a.text.flat,
            heading=a.heading,
            references=_references(a.text.flat),
            bbox=block_box(a.text, lines),
            money=placed[f"answer {n}"][0],
            dates=placed[f"answer {n}"][1],
        )
        for n, (a, labels) in enumerate(
            zip(segments.answers, alignment.labels, strict=True), start=1
        )
    ]
    header = segments.header
    return WrittenQuestion(
        number=header.number,
        asked_by=header.asked_by,
        addressed_to=header.addressed_to,
        minister_title=header.minister_title,
        date_asked=header.date_asked,
        title=header.title,
        theme=header.theme,
        layout=header.layout,
        source=source,
        preamble=segments.preamble.flat,
        questions=questions,
        answer_intro=segments.answer_intro.flat,
        answers=answers,
        pairs=[Pair(question=label, answers=list(found)) for label, found in alignment.pairs],
        annexes=[annex.flat for annex in segments.annexes],
        money=[m for money, _ in placed.values() for m in money],
        dates=[d for _, dates in placed.values() for d in dates],
        warnings=[*document.notes, *segments.warnings, *alignment.warnings],
        provenance=provenance,
    )


def body_order(
    preamble: B,
    questions: Sequence[tuple[str, str, B, B | None]],
    intro: B,
    answers: Sequence[B],
) -> list[tuple[str, B]]:
    """(name, block) of a body in document order, named as mentions name their block:
    the preamble, each lead-in once ('context 3') before its leaves ('question 3a'), the
    answer intro, the answers ('answer 1', numbered by position). Questions are given as
    (label, question number, text, context)."""
    blocks: list[tuple[str, B]] = [("preamble", preamble)]
    seen: set[str] = set()
    for label, number, text, context in questions:
        if context is not None and number not in seen:
            seen.add(number)
            blocks.append((f"context {number}", context))
        blocks.append((f"question {label}", text))
    blocks.append(("answer intro", intro))
    blocks.extend((f"answer {n}", text) for n, text in enumerate(answers, start=1))
    return blocks


def entity_blocks(segments: Segmentation) -> list[tuple[str, Block]]:
    """The segmented body's blocks, in `body_order`."""
    questions = [(q.label, str(q.number), q.text, q.context) for q in segments.questions]
    return body_order(
        segments.preamble, questions, segments.answer_intro, [a.text for a in segments.answers]
    )


def _references(text: str) -> list[Reference]:
    from vpdocs.segment import find_references

    return [
        Reference(number=number, date=date, text=printed)
        for number, date, printed in find_references(text)
    ]
