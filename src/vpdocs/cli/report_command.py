"""`vpdocs report FILE_OR_ID [-o report.html] [--backend B]`: one record as an HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vpdocs.cli._common import add_backend, output, settings_from
from vpdocs.errors import VpdocsError
from vpdocs.pipeline import parse
from vpdocs.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report", help="an HTML page of one record: pairs, highlighted amounts, page images"
    )
    parser.add_argument("input", metavar="FILE_OR_ID", help="a PDF or .txt file, an id or a URL")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the page here (default: stdout)"
    )
    add_backend(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vpdocs.report import report

    settings = settings_from(args)
    try:
        pdf = _remote_pdf(args.input, settings)
        page = report(parse(args.input, settings=settings), pdf=pdf)
    except VpdocsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with output(args.output) as stream:
        stream.write(page)
    if args.output and args.output != "-":
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _remote_pdf(source: str, settings: Settings) -> Path | None:
    """The cached PDF of an id or URL (parse then reads it from the cache, not the network)."""
    if Path(source).exists():
        return None
    from vpdocs.fetch import fetch_document, is_remote_ref

    if not is_remote_ref(source):
        return None
    return fetch_document(source, settings).path
