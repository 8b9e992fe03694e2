"""`vpdocs schema`: the JSON Schema of the record."""

from __future__ import annotations

import argparse
import json

from vpdocs.records import WrittenQuestion


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of the record")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    schema = WrittenQuestion.model_json_schema(mode="serialization")
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0
