"""Whole documents against their gold files, field by field, and a score gate.

The gate's floors live in tests/eval_baseline.json; raise them on purpose when the
library gets better, never lower them to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vpdocs
from tests.conftest import DEVSET, GOLDEN, ROOT
from vpdocs import evaluate

BASELINE = json.loads((ROOT / "tests" / "eval_baseline.json").read_text(encoding="utf-8"))


def _cases(folder: Path) -> list[object]:
    return [
        pytest.param(path, id=path.name.removesuffix(".gold.json"))
        for path in evaluate.gold_files(folder)
    ]


@pytest.mark.parametrize("gold_path", _cases(DEVSET))
def test_devset_document_matches_gold(gold_path: Path) -> None:
    gold = evaluate.load_gold(gold_path)
    record = vpdocs.parse(gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")))
    for field in evaluate.METADATA_FIELDS:
        assert getattr(record, field) == getattr(gold, field), field
    assert [(q.label, q.text) for q in record.questions] == [
        (q.label, q.text) for q in gold.questions
    ]
    assert [(a.labels, a.text) for a in record.answers] == [
        (a.labels, a.text) for a in gold.answers
    ]
    assert {p.question: p.answers for p in record.pairs} == gold.pairs
    assert [(m.text, m.amount, m.currency) for m in record.money] == [
        (m.text, m.amount, m.currency) for m in gold.money
    ]
    assert [(d.text, d.start, d.end) for d in record.dates] == [
        (d.text, d.start, d.end) for d in gold.dates
    ]


@pytest.mark.parametrize("corpus", sorted(BASELINE))
def test_scores_stay_above_the_baseline(corpus: str) -> None:
    folder = ROOT / corpus
    evaluation = evaluate.evaluate(folder, vpdocs.parse)
    assert not evaluation.errors, [d.error for d in evaluation.errors]
    for metric, floors in BASELINE[corpus].items():
        total = evaluation.total(metric)
        for name, floor in floors.items():
            value = getattr(total, name)
            assert value >= floor, f"{corpus} {metric} {name}: {value:.3f} < {floor}"


def test_golden_folder_is_gated() -> None:
    if GOLDEN.is_dir() and evaluate.gold_files(GOLDEN):
        assert "tests/golden" in BASELINE
