"""``python -m tests.pdfgen SRC... -o OUT_DIR [--producer reportlab|fpdf2]``.

SRC is a folder of devset ``*.txt`` files or individual ``.txt`` files; each becomes
``OUT_DIR/<stem>.pdf``. Prints one line per PDF; exits 0 if all rendered, 1 if some
failed, 2 if all failed (or none were given).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import PRODUCERS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.pdfgen", description=__doc__)
    parser.add_argument("sources", nargs="+", type=Path, help="folders or .txt files")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument("--producer", choices=sorted(PRODUCERS), default="reportlab")
    parser.add_argument("--footnote", default=None, help="footnote for the first answer page")
    return parser


def _texts(sources: Sequence[Path]) -> Iterator[Path]:
    for source in sources:
        yield from sorted(source.glob("*.txt")) if source.is_dir() else [source]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    render = PRODUCERS[args.producer]
    done = failed = 0
    for source in _texts(args.sources):
        target = args.out / f"{source.stem}.pdf"
        try:
            render(source.read_text(encoding="utf-8"), target, footnote=args.footnote)
        except (OSError, ValueError) as exc:
            failed += 1
            print(f"FAILED {source}: {exc}", file=sys.stderr)
            continue
        done += 1
        print(target)
    if not done:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
