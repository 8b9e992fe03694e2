"""Shared fixtures: the annotated documents and their PDF renderings by both producers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pdfgen import PRODUCERS, render_tree

ROOT = Path(__file__).resolve().parents[1]
DEVSET = Path(os.environ.get("VPDOCS_DEVSET", ROOT / "tests" / "devset"))
GOLDEN = ROOT / "tests" / "golden"
SEED = ROOT / "seeds" / "sv-352-schooluitval.txt"


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """producer -> a folder with `<stem>.pdf` for every devset and golden document."""
    folders = {}
    for producer in PRODUCERS:
        target = tmp_path_factory.mktemp(f"pdf-{producer}")
        for source in (DEVSET, GOLDEN):
            if source.is_dir():
                render_tree(source, target, producer=producer)
        folders[producer] = target
    return folders
