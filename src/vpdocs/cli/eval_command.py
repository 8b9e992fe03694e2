"""`vpdocs eval GOLD_DIR [-v] [--pdf [--pdf-dir DIR]] [--backend B]`: score against gold files."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from vpdocs import evaluate
from vpdocs.cli._common import add_backend, settings_from
from vpdocs.pipeline import parse
from vpdocs.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("eval", help="score vpdocs against gold files")
    parser.add_argument("gold_dir", metavar="GOLD_DIR", type=Path)
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="a table per file and every miss"
    )
    parser.add_argument(
        "--pdf", action="store_true",
        help="parse <stem>.pdf instead of <stem>.txt (beside the gold files, in --pdf-dir, "
        "or rendered by the test fixtures of a source checkout)",
    )  # fmt: skip
    parser.add_argument("--pdf-dir", type=Path, help="where the <stem>.pdf files are")
    parser.add_argument("--html", metavar="REPORT", help="also write an HTML report of every miss")
    add_backend(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.gold_dir
    if not evaluate.gold_files(folder):
        print(f"error: {folder}: no *.gold.json files", file=sys.stderr)
        return 2
    settings = settings_from(args)
    suffix, inputs = ".txt", folder
    if args.pdf:
        suffix = ".pdf"
        found = _pdf_folder(folder, args.pdf_dir, settings)
        if found is None:
            return 2
        inputs = found
    evaluation = evaluate.evaluate(
        folder, lambda path: parse(path, settings=settings), suffix=suffix, inputs=inputs
    )
    print(evaluate.format_report(evaluation, verbose=args.verbose))
    if args.html:
        from vpdocs.report import evaluation_html

        Path(args.html).write_text(evaluation_html(evaluation), encoding="utf-8")
        print(f"wrote {args.html}")
    return 1 if evaluation.errors else 0


def _pdf_folder(folder: Path, pdf_dir: Path | None, settings: Settings) -> Path | None:
    stems = [path.name.removesuffix(".gold.json") for path in evaluate.gold_files(folder)]
    for candidate in (pdf_dir, folder):
        if candidate is not None and all((candidate / f"{stem}.pdf").exists() for stem in stems):
            return candidate
    generator = _fixture_generator()
    if generator is None:
        print(
            f"error: {folder}: no <stem>.pdf beside the gold files; give --pdf-dir, or run from a "
            "source checkout whose tests/pdfgen can render them",
            file=sys.stderr,
        )
        return None
    digest = hashlib.sha256()
    for stem in stems:
        digest.update((folder / f"{stem}.txt").read_bytes())
    target = settings.cache_dir / "eval-pdf" / digest.hexdigest()[:16]
    if not all((target / f"{stem}.pdf").exists() for stem in stems):
        rendered = generator.render_tree(folder, target)
        print(f"rendered {len(rendered)} PDFs with tests/pdfgen into {target}", file=sys.stderr)
    return target


def _fixture_generator() -> ModuleType | None:
    """The test suite's PDF generator, when vpdocs runs from a source checkout."""
    root = Path(__file__).resolve().parents[3]
    init = root / "tests" / "pdfgen" / "__init__.py"
    if not init.exists():
        return None
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    spec = importlib.util.find_spec("tests.pdfgen")
    if spec is None:
        return None
    return importlib.import_module("tests.pdfgen")
