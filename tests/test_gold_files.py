"""The annotated documents are consistent with themselves (checked without vpdocs)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import DEVSET, GOLDEN, ROOT


@pytest.mark.parametrize("folder", [DEVSET, GOLDEN], ids=["devset", "golden"])
def test_gold_files_pass_their_checker(folder: object) -> None:
    checker = ROOT / "tests" / "golden" / "check_gold.py"
    result = subprocess.run(
        [sys.executable, str(checker), str(folder)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
