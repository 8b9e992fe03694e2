"""The examples run as users run them: a subprocess with this interpreter, from the checkout."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


def run_example(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_quickstart_prints_pairs_and_amounts() -> None:
    out = run_example("quickstart.py")
    assert out.startswith("nr. 352: Provinciale netwerken Samen tegen Schooluitval")
    assert "Q3a: Wat is de opdracht van de regionale leergemeenschappen?" in out
    assert "   -> answer 3b: De ankerfiguren" in out
    assert "'7.562.000 euro' = 7562000 EUR" in out
    assert "20055 EUR  '20.055' in answer 1 (currency implied)" in out


def test_quickstart_marks_an_unanswered_question() -> None:
    out = run_example("quickstart.py", "tests/devset/dev-06-erfgoedpremies.txt")
    assert "warning: question 4 has no answer" in out
    assert "Q4: Hoe evalueert de minister" in out and "   -> no answer" in out
    assert out.count("-> answer 3a+3b:") == 2  # the grouped answer, under both leaves


def test_batch_to_duckdb_totals_money_per_minister() -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("pandas")
    out = run_example("batch_to_duckdb.py")
    lines = out.splitlines()
    # seeds (.txt and .pdf of nr. 352) and the devset (nr. 352 again): 13 documents
    assert lines[0].startswith("15 files, 15 parsed, 13 documents, 91 money")
    rows = {line.split("  ")[0].strip(): line for line in lines[3:] if line.strip()}
    assert len(rows) == 13
    assert rows["BEN WEYTS"].split()[-1] == "8,986,821.00"  # nr. 352: six amounts, counted once
    assert rows["GEERT VAN HAVERBEKE"].split()[-1] == "72,776,521.73"  # dev-06


def test_batch_to_duckdb_takes_a_folder() -> None:
    pytest.importorskip("duckdb")
    out = run_example("batch_to_duckdb.py", "seeds")
    assert out.splitlines()[0] == "2 files, 2 parsed, 1 documents, 6 money and 16 date mentions"


def test_custom_rule_runs_its_tests() -> None:
    out = run_example("custom_rule.py")
    assert "'De deelnemers betalen 250 eur per dag.': [('250 eur', '250', 'EUR', 'dag')]" in out
    assert out.rstrip().endswith("5 tests passed")
