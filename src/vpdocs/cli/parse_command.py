"""`vpdocs parse FILE_OR_ID... [--format json|jsonl] [-o OUT]`."""

from __future__ import annotations

import argparse
import json
import sys

from vpdocs.cli._common import add_backend, exit_code, expand_inputs, output, settings_from
from vpdocs.errors import VpdocsError
from vpdocs.pipeline import parse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("parse", help="parse documents and print their records")
    parser.add_argument(
        "inputs", nargs="+", metavar="FILE_OR_ID", help="PDF/.txt files, folders, ids or URLs"
    )
    parser.add_argument("--format", choices=["json", "jsonl"], default="json")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    add_backend(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    inputs = expand_inputs(args.inputs)
    records = []
    failed = 0
    for source in inputs:
        try:
            records.append(parse(source, settings=settings).model_dump(mode="json"))
        except VpdocsError as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
    with output(args.output) as stream:
        if args.format == "jsonl":
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif records:
            payload = records[0] if len(inputs) == 1 else records
            stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return exit_code(failed, len(inputs))
