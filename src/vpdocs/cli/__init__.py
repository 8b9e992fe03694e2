"""The `vpdocs` command: thin subcommands over the library functions Python users call too.

Each subcommand lives in its own module with `register(subparsers)`; `main(argv) -> int`
returns the exit code (0 all fine, 1 some inputs failed, 2 all failed or bad usage).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from vpdocs._version import __version__

# The order of `vpdocs --help`; any other `*_command` module is listed after these.
ORDER = ("parse", "batch", "fetch", "eval", "verify", "report", "schema")


def commands() -> list[str]:
    found = {
        module.name.removesuffix("_command")
        for module in pkgutil.iter_modules(__path__)
        if module.name.endswith("_command")
    }
    return [name for name in ORDER if name in found] + sorted(found - set(ORDER))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vpdocs",
        description="The Flemish Parliament's written questions as clean, validated records.",
    )
    parser.add_argument("--version", action="version", version=f"vpdocs {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in commands():
        module = importlib.import_module(f"vpdocs.cli.{name}_command")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
