"""Where the rule data lives, and the word lists every stage shares.

The rules are data under `models/`: `models/rules/` holds what people edit (word lists
in `words.json`, spaCy patterns in `atoms.jsonl` and `ranges.jsonl`), and
`models/vpdocs_nl/` is the spaCy pipeline built from them by `scripts/build_model.py`.
The wheel ships both inside the package as `vpdocs/models/`; a source checkout reads them
from the repository.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PIPELINE_NAME = "vpdocs_nl"


def models_dir() -> Path:
    """`vpdocs/models` inside an installed wheel, else `models/` of the source checkout."""
    packaged = Path(__file__).parent / "models"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "models"


def pipeline_path() -> Path:
    return models_dir() / PIPELINE_NAME


def rules_dir() -> Path:
    return models_dir() / "rules"


@functools.cache
def rules_digest() -> str:
    """sha256 over every rule file and the built pipeline's pattern and word files."""
    return digest_of(models_dir())


def digest_of(root: Path) -> str:
    """sha256 over the rule data under `root` (names and contents, in name order)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != "meta.json" and "vocab" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Words:
    """The word lists of `words.json` (see its `_source`)."""

    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    @classmethod
    def load(cls, path: Path | None = None) -> Words:
        source = path or rules_dir() / "words.json"
        return cls(json.loads(source.read_text(encoding="utf-8")))


@functools.cache
def words() -> Words:
    return Words.load()


def _month_pattern() -> str:
    names = [name.rstrip(".") for name in words()["months"]]
    return "|".join(sorted(set(names), key=len, reverse=True))


MONTHS: dict[str, int] = {name.rstrip("."): number for name, number in words()["months"].items()}

# "15 maart 2024", "1 sept. 2016", "1ste januari 2024"
DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:ste|de|e)?\s+(?P<month>{_month_pattern()})\.?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})\b")
