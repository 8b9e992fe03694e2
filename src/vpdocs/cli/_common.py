"""What several subcommands share: input expansion, settings, output files, exit codes."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from vpdocs.settings import Settings

INPUT_SUFFIXES = (".pdf", ".txt")


def add_backend(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backend",
        choices=["pdfplumber", "pdfium"],
        default=None,
        help="PDF text backend (default pdfplumber; pdfium is much faster)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.resolve(None, backend=getattr(args, "backend", None))


def expand_inputs(values: Sequence[str]) -> list[str]:
    """Files as given, folders as their .pdf/.txt files (sorted), ids and URLs as given.

    A list file (`@list.txt`) gives one input per line.
    """
    found: list[str] = []
    for value in values:
        if value.startswith("@"):
            lines = Path(value[1:]).read_text(encoding="utf-8").splitlines()
            found.extend(expand_inputs([line.strip() for line in lines if line.strip()]))
            continue
        path = Path(value)
        if path.is_dir():
            found.extend(
                str(item)
                for item in sorted(path.rglob("*"))
                if item.is_file() and item.suffix.lower() in INPUT_SUFFIXES
            )
        else:
            found.append(value)
    return found


def exit_code(failed: int, total: int) -> int:
    """0 when nothing failed, 2 when everything did, 1 in between."""
    if failed == 0:
        return 0
    return 2 if failed >= total else 1


@contextlib.contextmanager
def output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file written next to its final name and renamed when complete."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with partial.open("w", encoding="utf-8") as handle:
        yield handle
    partial.replace(target)


def is_terminal(stream: IO[str]) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()
