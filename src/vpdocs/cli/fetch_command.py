"""`vpdocs fetch ID_OR_URL... [-o DIR]`: download written questions into the cache (and DIR)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from vpdocs.cli._common import exit_code, expand_inputs, is_terminal
from vpdocs.fetch import FetchResult, fetch_many
from vpdocs.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("fetch", help="download documents by id or URL")
    parser.add_argument(
        "refs", nargs="+", metavar="ID_OR_URL", help="pfile ids, schv:ID, URLs, or @list.txt"
    )
    parser.add_argument("-o", "--output-dir", type=Path, help="also copy each PDF here as <id>.pdf")
    parser.add_argument(
        "--cache-dir", type=Path, help="the download cache (default: VPDOCS_CACHE_DIR)"
    )
    parser.add_argument(
        "--ignore-robots", action="store_true", help="fetch even where robots.txt disallows it"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    refs = expand_inputs(args.refs)
    settings = Settings.resolve(
        None, cache_dir=args.cache_dir, ignore_robots=args.ignore_robots or None
    )
    if settings.ignore_robots:
        print("warning: ignoring robots.txt", file=sys.stderr)
    bar = tqdm(total=len(refs), unit="doc", disable=not is_terminal(sys.stderr), file=sys.stderr)
    failed = 0

    def report(result: FetchResult) -> None:
        nonlocal failed
        bar.update(1)
        if result.error is not None:
            failed += 1
            bar.write(f"error: {result.error}", file=sys.stderr)
        elif result.fetched is not None:
            bar.write(f"{result.ref}\t{result.fetched.path}", file=sys.stdout)

    with bar:
        fetch_many(refs, settings=settings, out_dir=args.output_dir, on_result=report)
    return exit_code(failed, len(refs))
