"""`vpdocs verify OUT.jsonl`: parse the inputs of an output again and list what moved.

Each line is compared with a fresh parse of the input it names, record against record
(their `provenance` aside). A differing line says why, from the provenance it carries:
the input's bytes changed (sha256), the rules changed (rules digest), vpdocs changed
(version), or none of these (the line was edited, or code changed without a version bump),
followed by a short field-level diff. Exit 0 when every line is the same, 1 when some differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from vpdocs import batch
from vpdocs._version import __version__
from vpdocs.cli._common import add_backend, settings_from

_MISSING = object()
_IGNORED = frozenset({"provenance"})  # how a record was made, not what it says


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify", help="parse the inputs of a batch output again and list the records that moved"
    )
    parser.add_argument("output", metavar="OUT", type=Path, help="OUT.jsonl or OUT.parquet/")
    parser.add_argument("--workers", type=int, metavar="N", help="processes (default: CPUs)")
    parser.add_argument(
        "--timeout", type=float, default=batch.DEFAULT_TIMEOUT, metavar="S",
        help="seconds per document (0: none)",
    )  # fmt: skip
    parser.add_argument(
        "--details", type=int, default=8, metavar="N", help="field differences shown per record"
    )
    add_backend(parser)  # for error lines, which do not say which backend made them
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.output / "records.jsonl" if args.output.is_dir() else args.output
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    lines = list(batch.read_lines(path))
    if not lines:
        print(f"error: {path}: no vpdocs lines in it", file=sys.stderr)
        return 2
    kinds: Counter[str] = Counter()
    for old, new in zip(lines, _reparse(lines, args), strict=True):
        differences = list(field_diff(old, new))
        if not differences:
            kinds["same"] += 1
            continue
        why = reasons(old, new)
        kinds[why[0].split(" (")[0]] += 1
        print(f"DIFFERS {batch.line_input(old)}: {'; '.join(why)}")
        for text in differences[: args.details]:
            print(f"    {text}")
        if len(differences) > args.details:
            print(f"    ... and {len(differences) - args.details} more")
    differ = len(lines) - kinds.pop("same", 0)
    detail = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    print(f"{len(lines) - differ} of {len(lines)} lines the same, {differ} differ"
          + (f" ({detail})" if detail else ""))  # fmt: skip
    return 1 if differ else 0


def _reparse(lines: list[dict[str, Any]], args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    """The fresh line of every old line, in order; one pool per PDF backend the lines used."""
    default = settings_from(args)
    groups: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        backend = (line.get("provenance") or {}).get("backend")
        groups.setdefault(backend if backend in ("pdfplumber", "pdfium") else default.backend,
                          []).append(index)  # fmt: skip
    fresh: dict[int, dict[str, Any]] = {}
    for backend, indexes in groups.items():
        sources = [batch.line_input(lines[index]) for index in indexes]
        results = batch.parse_many(
            sources, workers=args.workers, timeout=args.timeout or None,
            settings=default.model_copy(update={"backend": backend}),
        )  # fmt: skip
        for index, result in zip(indexes, results, strict=True):
            fresh[index] = json.loads(batch.result_line(result))
    return (fresh[index] for index in range(len(lines)))


def reasons(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Why a line moved, from the provenance it carries and the fresh one's."""
    found = []
    old_sha, new_sha = batch.line_sha256(old), batch.line_sha256(new)
    if old_sha != new_sha:
        found.append(f"input changed (sha256 {_short(old_sha)} -> {_short(new_sha)})")
    was, now = old.get("provenance") or {}, new.get("provenance") or _current()
    if was.get("rules_digest") and was["rules_digest"] != now["rules_digest"]:
        found.append(
            f"rules changed ({_short(was['rules_digest'])} -> {_short(now['rules_digest'])})"
        )
    if was.get("vpdocs_version") and was["vpdocs_version"] != now["vpdocs_version"]:
        found.append(f"vpdocs changed ({was['vpdocs_version']} -> {now['vpdocs_version']})")
    return found or [
        "unexplained (same input, rules and version: an edited line, or a code change)"
    ]


def _current() -> dict[str, str]:
    from vpdocs.entities import rules_digest

    return {"rules_digest": rules_digest(), "vpdocs_version": __version__}


def field_diff(old: Any, new: Any, path: str = "") -> Iterator[str]:
    """Short descriptions of where two JSON values differ, `provenance` aside.

    >>> list(field_diff({"a": [1, 2], "b": "x"}, {"a": [1], "b": "y"}))
    ['a[1]: removed 2', "b: 'x' -> 'y'"]
    """
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(key for key in new if key not in old)]:
            if path or key not in _IGNORED:
                inner = f"{path}.{key}" if path else key
                yield from field_diff(old.get(key, _MISSING), new.get(key, _MISSING), inner)
    elif isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            if index >= len(old):
                yield f"{path}[{index}]: added {_shown(new[index])}"
            elif index >= len(new):
                yield f"{path}[{index}]: removed {_shown(old[index])}"
            else:
                yield from field_diff(old[index], new[index], f"{path}[{index}]")
    elif old != new:
        yield f"{path}: {_shown(old)} -> {_shown(new)}"


def _shown(value: Any, width: int = 60) -> str:
    if value is _MISSING:
        return "(absent)"
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 3] + "..."


def _short(digest: str | None) -> str:
    return digest[:12] if digest else "none"
