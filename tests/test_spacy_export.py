"""`to_spacy`: the record as a spaCy Doc whose entities are exactly the record's mentions."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from spacy.tokens import Doc, DocBin, Span

import vpdocs
from tests.conftest import DEVSET, ROOT, SEED
from tests.pdfgen import render_reportlab
from vpdocs import spacy_export
from vpdocs.entities import load_pipeline
from vpdocs.records import Money, WrittenQuestion
from vpdocs.spacy_export import BLOCKS_KEY, SPANS_KEY, block_of, to_spacy

DEVSET_STEMS = sorted(p.name.removesuffix(".gold.json") for p in DEVSET.glob("*.gold.json"))


def assert_round_trip(record: WrittenQuestion, doc: Doc) -> None:
    """Every mention is a span with its text, its value, and offsets that map back."""
    mentions = [*record.money, *record.dates]
    spans = list(doc.spans[SPANS_KEY])
    assert len(spans) == len(mentions)
    by_place = {(span._.vpdocs_block, block_of(doc, span.start_char)): span for span in spans}
    for mention in mentions:
        span = by_place[(mention.block, (mention.block, mention.char_start))]
        assert span.text == mention.text
        assert block_of(doc, span.end_char) == (mention.block, mention.char_end)
        if isinstance(mention, Money):
            assert span.label_ == "MONEY"
            assert (span._.vpdocs_amount, span._.vpdocs_currency) == (
                mention.amount,
                mention.currency,
            )
            assert span._.vpdocs_start is None
        else:
            assert span.label_ == "DATE"
            assert (span._.vpdocs_start, span._.vpdocs_end) == (mention.start, mention.end)
            assert span._.vpdocs_granularity == mention.granularity
            assert span._.vpdocs_amount is None
        assert span._.vpdocs_rule == mention.rule


@pytest.mark.parametrize("stem", DEVSET_STEMS)
def test_mentions_round_trip(stem: str) -> None:
    record = vpdocs.parse(DEVSET / f"{stem}.txt")
    doc = to_spacy(record)
    assert_round_trip(record, doc)
    assert len(doc.ents) == len(record.money) + len(record.dates)  # none overlap


def test_mentions_round_trip_for_a_pdf(tmp_path: Path) -> None:
    text = (DEVSET / "dev-06-erfgoedpremies.txt").read_text(encoding="utf-8")
    record = vpdocs.parse(render_reportlab(text, tmp_path / "dev-06.pdf"))
    assert_round_trip(record, to_spacy(record))


def test_the_text_is_the_blocks_in_document_order_a_blank_line_apart() -> None:
    record = vpdocs.parse(SEED)
    doc = to_spacy(record)
    blocks = [(name, text) for name, text in record.blocks() if text]
    table = doc.user_data[BLOCKS_KEY]
    assert [name for name, _, _ in table] == [name for name, _ in blocks]
    assert [doc.text[start:end] for _, start, end in table] == [text for _, text in blocks]
    assert doc.text == "\n\n".join(text for _, text in blocks)
    assert [name for name, _ in blocks][:4] == ["preamble", "question 1", "question 2", "context 3"]
    assert blocks[-1][0] == f"answer {len(record.answers)}"


def test_the_packaged_tokenizer_makes_the_doc() -> None:
    doc = to_spacy(vpdocs.parse(SEED))
    assert doc.vocab is load_pipeline().vocab
    assert [t.text for t in doc.char_span(0, 22, alignment_mode="expand")] == [
        "Sinds", "1", "september", "2016",
    ]  # fmt: skip


def test_extensions_are_registered_once_and_never_forced() -> None:
    to_spacy(vpdocs.parse(SEED))
    for name in spacy_export.EXTENSIONS:
        assert Span.has_extension(name)
    default, *_ = Span.get_extension("vpdocs_amount")
    assert default is None
    with pytest.raises(ValueError):  # force=False: an existing extension is never overridden
        Span.set_extension("vpdocs_amount", default=None)
    spacy_export.register_extensions()  # calling it again is fine


def test_a_doc_bin_keeps_values_and_the_block_table() -> None:
    record = vpdocs.parse(SEED)
    doc = to_spacy(record)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(load_pipeline().vocab)
    assert [(e.text, e.label_) for e in back.ents] == [(e.text, e.label_) for e in doc.ents]
    money = [e for e in back.ents if e.label_ == "MONEY"]
    assert [m._.vpdocs_amount for m in money] == [m.amount for m in record.money]
    assert [tuple(row) for row in back.user_data[BLOCKS_KEY]] == doc.user_data[BLOCKS_KEY]
    first_date = next(e for e in back.ents if e.label_ == "DATE")
    assert first_date._.vpdocs_start == record.dates[0].start


def test_the_module_doctest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testmod(spacy_export, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 3 and failures == 0
