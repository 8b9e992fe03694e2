"""What the money and date case tables share: case ids, pattern ids, coverage checks.

A case id reads 'rule[, not|, edge]: text'; the checks here make sure every pattern of
models/rules has its positive, negative and boundary case, and no case names a rule
that does not exist.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from vpdocs.lexicon import rules_dir

KINDS = {"pos": "", "neg": ", not", "edge": ", edge"}


def case_id(rule: str, kind: str, shown: str) -> str:
    return f"{rule}{KINDS[kind]}: {shown}"


def rule_of(case_id: str) -> str:
    return case_id.split(":")[0].split(",")[0]


def pattern_labels() -> dict[str, str]:
    """Pattern id -> label, from the rule files people edit."""
    labels: dict[str, str] = {}
    for name in ("atoms.jsonl", "ranges.jsonl"):
        for line in (rules_dir() / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                pattern = json.loads(line)
                labels[pattern["id"]] = pattern["label"]
    return labels


def missing_kinds(rules: Iterable[str], cases: Iterable[Any]) -> dict[str, list[str]]:
    """Rules that lack a positive, negative or boundary case, with what they lack."""
    kinds: dict[str, set[str]] = {}
    for param in cases:
        (row,) = param.values
        kinds.setdefault(row.rule, set()).add(row.kind)
    gaps = {rule: sorted(set(KINDS) - kinds.get(rule, set())) for rule in rules}
    return {rule: gap for rule, gap in gaps.items() if gap}


def unknown_rules(cases: Sequence[Any], known: set[str]) -> list[str]:
    """Case ids that name no known rule; also asserts the ids are unique."""
    ids = [param.id for param in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return [i for i in ids if rule_of(i) not in known]


def xfailed(param: Any) -> bool:
    return any(mark.name == "xfail" for mark in param.marks)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
