"""A record as a spaCy `Doc`, for users who continue in spaCy.

The Doc's text is the record's body blocks in document order (preamble, contexts,
questions, answer intro, answers), a blank line between two blocks; empty blocks are left
out. `doc.user_data["vpdocs_blocks"]` lists `(block, start, end)` for every block, so an
offset in the Doc maps back to a mention's `block`, `char_start` and `char_end`:

    >>> import vpdocs
    >>> from vpdocs.spacy_export import block_of, to_spacy
    >>> record = vpdocs.parse("seeds/sv-352-schooluitval.txt")
    >>> doc = to_spacy(record)
    >>> money = [span for span in doc.ents if span.label_ == "MONEY"]
    >>> span = money[0]
    >>> span.text, span._.vpdocs_amount, span._.vpdocs_currency, span._.vpdocs_block
    ('64.000 euro', Decimal('64000'), 'EUR', 'answer 1')
    >>> block_of(doc, span.start_char)   # the block and the offset in its text
    ('answer 1', 91)
    >>> record.money[0].block, record.money[0].char_start
    ('answer 1', 91)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from spacy.tokens import Doc, Span

from vpdocs.records import DateMention, Money, WrittenQuestion, decimal_text

BLOCKS_KEY = "vpdocs_blocks"
SPANS_KEY = "vpdocs_mentions"
SEPARATOR = "\n\n"

# Span extensions; the value ones are None on the other label.
EXTENSIONS = (
    "vpdocs_amount",  # Decimal, money
    "vpdocs_currency",  # "EUR", money
    "vpdocs_implied",  # bool, money
    "vpdocs_per",  # "leerling", money
    "vpdocs_start",  # datetime.date, dates
    "vpdocs_end",  # datetime.date, dates
    "vpdocs_granularity",  # "day", "school_year", ..., dates
    "vpdocs_block",  # "answer 2": the block of the record the mention stands in
    "vpdocs_rule",  # the id of the pattern that found it
)

Mention = Money | DateMention


def register_extensions() -> None:
    """Register the `span._.vpdocs_*` extensions (once; never overrides someone else's).

    Also teaches srsly's msgpack (what `Doc.to_bytes` and `DocBin` use) the Decimal and
    date values; a process that reads such a Doc back calls this first.
    """
    import srsly.msgpack

    for name in EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None, force=False)
    srsly.msgpack.msgpack_encoders.register("vpdocs", func=_encode_value)
    srsly.msgpack.msgpack_decoders.register("vpdocs", func=_decode_value)


_TAG = "__vpdocs__"


def _encode_value(value: Any, chain: Any = None) -> Any:
    if isinstance(value, Decimal):
        return {_TAG: "decimal", "value": decimal_text(value)}
    if type(value) is dt.date:
        return {_TAG: "date", "value": value.isoformat()}
    return value if chain is None else chain(value)


def _decode_value(value: Any, chain: Any = None) -> Any:
    if isinstance(value, dict) and value.get(_TAG) == "decimal":
        return Decimal(value["value"])
    if isinstance(value, dict) and value.get(_TAG) == "date":
        return dt.date.fromisoformat(value["value"])
    return value if chain is None else chain(value)


def mentions(record: WrittenQuestion) -> list[Mention]:
    """The record's money and date mentions together, in document order."""
    order = {name: index for index, (name, _) in enumerate(record.blocks())}
    found: list[Mention] = [*record.money, *record.dates]
    return sorted(found, key=lambda m: (order.get(m.block, len(order)), m.char_start))


def to_spacy(record: WrittenQuestion) -> Doc:
    """The record's body as a Doc with its money and dates as MONEY and DATE entities.

    Each entity carries the normalised value in `span._.vpdocs_amount` / `vpdocs_currency`
    (money) or `span._.vpdocs_start` / `vpdocs_end` (dates), and its `vpdocs_block`.
    """
    from vpdocs.entities import load_pipeline

    register_extensions()
    offsets: list[tuple[str, int, int]] = []
    parts: list[str] = []
    size = 0
    for name, text in record.blocks():
        if not text:
            continue
        if parts:
            parts.append(SEPARATOR)
            size += len(SEPARATOR)
        offsets.append((name, size, size + len(text)))
        parts.append(text)
        size += len(text)
    doc = load_pipeline().make_doc("".join(parts))
    doc.user_data[BLOCKS_KEY] = offsets
    starts = {name: start for name, start, _ in offsets}
    spans = [
        span
        for mention in mentions(record)
        if mention.block in starts
        and (span := _span(doc, mention, starts[mention.block])) is not None
    ]
    doc.spans[SPANS_KEY] = spans
    doc.set_ents(_without_overlaps(spans))
    return doc


def block_of(doc: Doc, char: int) -> tuple[str, int] | None:
    """The block a Doc offset falls in and the offset within that block's text."""
    for name, start, end in doc.user_data.get(BLOCKS_KEY, []):
        if start <= char <= end:
            return str(name), char - start
    return None


def _span(doc: Doc, mention: Mention, offset: int) -> Span | None:
    label = "MONEY" if isinstance(mention, Money) else "DATE"
    span = doc.char_span(
        offset + mention.char_start,
        offset + mention.char_end,
        label=label,
        alignment_mode="expand",
    )
    if span is None:
        return None
    span._.vpdocs_block = mention.block
    span._.vpdocs_rule = mention.rule
    if isinstance(mention, Money):
        span._.vpdocs_amount = mention.amount
        span._.vpdocs_currency = mention.currency
        span._.vpdocs_implied = mention.implied
        span._.vpdocs_per = mention.per
    else:
        span._.vpdocs_start = mention.start
        span._.vpdocs_end = mention.end
        span._.vpdocs_granularity = mention.granularity
    return span


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """doc.ents cannot overlap; the first of two overlapping mentions wins (all stay in spans)."""
    kept: list[Span] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
