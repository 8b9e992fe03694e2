"""The packaged spaCy pipeline: built from the rule data, loadable on its own, versioned."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from vpdocs import entities, lexicon


def test_the_committed_pipeline_is_a_fresh_build_of_the_rules(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    entities.build_pipeline(lexicon.rules_dir()).to_disk(fresh)
    committed = lexicon.pipeline_path()
    for name in ("config.cfg", "atoms/patterns", "ranges/patterns", "vpdocs_entities/words.json"):
        assert (fresh / name).read_bytes() == (committed / name).read_bytes(), (
            f"{name} differs: run `python scripts/build_model.py` after editing models/rules"
        )


def test_the_pipeline_loads_with_spacy_alone_from_a_fresh_process() -> None:
    code = (
        "import spacy; nlp = spacy.load('models/vpdocs_nl'); "
        "doc = nlp('een budget van 7,5 miljoen euro in 2024'); "
        "print([(s.text, s.label_) for s in doc.spans['vpdocs_mentions']])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[('7,5 miljoen euro', 'MONEY'), ('2024', 'DATE')]"


def test_every_pattern_has_a_unique_id_and_validation_is_on() -> None:
    ids = []
    for name in ("atoms.jsonl", "ranges.jsonl"):
        for line in (lexicon.rules_dir() / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.append(json.loads(line)["id"])
    assert len(ids) == len(set(ids))
    config = (lexicon.pipeline_path() / "config.cfg").read_text(encoding="utf-8")
    assert config.count("validate = true") == 2


def test_an_unknown_macro_in_a_pattern_is_an_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(lexicon.rules_dir(), rules)
    with (rules / "atoms.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "bad", "label": "DATE", "pattern": [{"LOWER": {"IN": "@nope"}}]}\n')
    with pytest.raises(KeyError, match="@nope"):
        entities.build_pipeline(rules)


def test_the_rules_digest_moves_with_any_rule_file(tmp_path: Path) -> None:
    copy = tmp_path / "models"
    shutil.copytree(lexicon.models_dir(), copy)
    before = lexicon.digest_of(copy)
    assert before == lexicon.rules_digest()
    words = copy / "rules" / "words.json"
    words.write_text(
        words.read_text(encoding="utf-8").replace('"ruim"', '"zo goed als"'), encoding="utf-8"
    )
    assert lexicon.digest_of(copy) != before


def test_number_words_are_spelled_as_text2num_reads_them() -> None:
    from text_to_num import text2num

    spelled = entities.spelled_numbers(lexicon.words())
    for word in (
        "eenentwintig",
        "tweeëntwintig",
        "vijftigduizend",
        "tweehonderdvijftigduizend",
        "honderd",
    ):
        assert word in spelled
    for word in spelled[:: max(1, len(spelled) // 200)]:
        if "half" not in word:
            assert text2num(word, "nl") > 0, word
