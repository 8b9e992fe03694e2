"""`vpdocs batch DIR_OR_LIST... -o OUT [--format jsonl|parquet] [--resume] [--workers N] ...`.

One output line per input, written whole as each document finishes into `.OUT.partial`,
which becomes OUT when the run completes (an existing OUT is replaced only then). A run
that is stopped (Ctrl-C, SIGKILL, a reboot) leaves that file valid, and the same command
with `--resume` continues it; `--resume` after a completed run continues OUT itself.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import time
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from vpdocs import batch
from vpdocs._parquet import write_parquet
from vpdocs.batch import BatchResult, JsonlWriter
from vpdocs.cli._common import add_backend, exit_code, expand_inputs, is_terminal, settings_from

JOURNAL = "records.jsonl"  # the JSONL lines inside a Parquet output folder


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "batch", help="parse many documents in parallel into one JSONL or Parquet output"
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="DIR_OR_LIST",
        help="folders (their .pdf/.txt files), files, ids, URLs, or @list.txt (one a line)",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT",
        help="OUT.jsonl (one line per input; '-' for stdout), or a folder OUT.parquet",
    )  # fmt: skip
    parser.add_argument(
        "--format", choices=["jsonl", "parquet"],
        help="default: parquet when OUT ends in .parquet, else jsonl",
    )  # fmt: skip
    parser.add_argument(
        "--resume", action="store_true",
        help="continue an interrupted run (or OUT): skip the inputs it already has",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, metavar="N", help="processes (default: CPUs)")
    parser.add_argument(
        "--timeout", type=float, default=batch.DEFAULT_TIMEOUT, metavar="S",
        help=f"seconds per document before its worker is stopped (default "
        f"{batch.DEFAULT_TIMEOUT:g}; 0: none)",
    )  # fmt: skip
    parser.add_argument(
        "--max-tasks", type=int, default=batch.DEFAULT_MAX_TASKS, metavar="N",
        help=f"documents per worker before it is replaced (default {batch.DEFAULT_MAX_TASKS})",
    )  # fmt: skip
    parser.add_argument(
        "--max-memory", type=int, default=batch.DEFAULT_MEMORY_MB, metavar="MB",
        help=f"address space per worker (default {batch.DEFAULT_MEMORY_MB}; 0: no cap)",
    )  # fmt: skip
    parser.add_argument(
        "--dask", metavar="SCHEDULER",
        help="run on Dask: a scheduler address (tcp://host:8786) or 'local'",
    )  # fmt: skip
    parser.add_argument("--chunk-size", type=int, default=16, metavar="N", help="docs per task")
    add_backend(parser)
    parser.set_defaults(run=run)


@dataclass
class Tally:
    """What a run produced, for the progress bar, the summary and the exit code."""

    records: int = 0
    warnings: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, result: BatchResult) -> None:
        if result.record is not None:
            self.records += 1
            self.warnings += len(result.record.warnings)
        elif result.error is not None:
            self.errors[result.error.type] += 1


def run(args: argparse.Namespace) -> int:
    inputs = list(dict.fromkeys(expand_inputs(args.inputs)))
    if not inputs:
        print("error: no inputs (no .pdf or .txt files there)", file=sys.stderr)
        return 2
    kind = args.format or ("parquet" if args.output.endswith(".parquet") else "jsonl")
    if args.output == "-" and (args.resume or kind == "parquet"):
        print("error: --resume and Parquet need an output file, not stdout", file=sys.stderr)
        return 2
    for wanted, module, extra in ((kind == "parquet", "pyarrow", "parquet"),
                                  (args.dask, "distributed", "dask")):  # fmt: skip
        if wanted and importlib.util.find_spec(module) is None:
            print(f"error: this needs {module}: pip install 'vpdocs[{extra}]'", file=sys.stderr)
            return 2
    plan = Plan.make(args.output, parquet=kind == "parquet", resume=args.resume)
    prepared = batch.Resumed(todo=inputs, done=0, failed=0, dropped=0)
    if plan.journal is not None and not plan.fresh:
        prepared = batch.resume(plan.journal, inputs)
    tally, started = Tally(), time.monotonic()
    interrupted = _run(args, prepared.todo, plan, tally)
    if not interrupted:
        plan.finish()
    print(_summary(args, prepared, tally, time.monotonic() - started, plan, interrupted),
          file=sys.stderr)  # fmt: skip
    if interrupted:
        return 130
    return exit_code(prepared.failed + sum(tally.errors.values()), len(inputs))


@dataclass(frozen=True)
class Plan:
    """Where lines go, and what becomes OUT at the end.

    A run writes into `.OUT.partial` (a file, or a folder for Parquet) and renames it to
    OUT when it completes, so an existing OUT is replaced only by a complete output. With
    --resume, an interrupted run's `.OUT.partial` is continued, else OUT itself.
    """

    journal: Path | None  # the JSONL lines are appended here (None: stdout)
    fresh: bool  # start the journal empty
    partial: Path | None = None  # renamed to `target` at the end
    target: Path | None = None
    parquet: bool = False

    @classmethod
    def make(cls, output: str, *, parquet: bool, resume: bool) -> Plan:
        if output == "-":
            return cls(journal=None, fresh=True)
        target = Path(output)
        partial = target.with_name(f".{target.name}.partial")

        def journal(place: Path) -> Path:
            return place / JOURNAL if parquet else place

        if resume and journal(partial).exists():
            return cls(journal(partial), False, partial, target, parquet)
        if resume and journal(target).exists():
            return cls(journal(target), False, None, target, parquet)
        if parquet:
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
        return cls(journal(partial), True, partial, target, parquet)

    def finish(self) -> None:
        """Write the Parquet tables, then put the output in place."""
        if self.journal is None or self.target is None:
            return
        if self.parquet:
            write_parquet(batch.read_lines(self.journal), self.journal.parent)
        if self.partial is None:
            return
        if self.partial.is_dir() and self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old")
            self.target.rename(old)
            self.partial.rename(self.target)
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink()
        else:
            self.partial.replace(self.target)


def _run(args: argparse.Namespace, todo: list[str], plan: Plan, tally: Tally) -> bool:
    """Parse `todo` into the journal; True when interrupted (Ctrl-C)."""
    bar = tqdm(
        total=len(todo), unit="doc", file=sys.stderr, disable=not is_terminal(sys.stderr),
        dynamic_ncols=True,
    )  # fmt: skip
    results = _results(args, todo)
    try:
        with bar, JsonlWriter(plan.journal, fresh=plan.fresh) as writer:
            for result in results:
                writer.write(result)
                tally.add(result)
                if result.error is not None:
                    bar.set_postfix_str(f"errors={sum(tally.errors.values())}", refresh=False)
                bar.update(1)
    except KeyboardInterrupt:
        return True
    finally:
        results.close()  # stops the workers at once when interrupted
    return False


def _results(args: argparse.Namespace, todo: Sequence[str]) -> Generator[BatchResult, None, None]:
    settings, timeout, memory = settings_from(args), args.timeout or None, args.max_memory or None
    if args.dask:
        from vpdocs import dask

        return dask.parse_many(
            todo, scheduler=args.dask, workers=args.workers, chunk_size=args.chunk_size,
            settings=settings, timeout=timeout, max_tasks=args.max_tasks, memory_mb=memory,
        )  # fmt: skip
    return batch.parse_many(
        todo, workers=args.workers, ordered=False, settings=settings, timeout=timeout,
        max_tasks=args.max_tasks, memory_mb=memory,
    )  # fmt: skip


def _summary(
    args: argparse.Namespace,
    prepared: batch.Resumed,
    tally: Tally,
    seconds: float,
    plan: Plan,
    stopped: bool,
) -> str:
    """One screen: what was parsed, how fast, and which errors how often."""
    parsed = tally.records + sum(tally.errors.values())
    rate = parsed / seconds if seconds > 0 else 0.0
    workers = args.workers or batch.default_workers()
    where = f"Dask {args.dask}" if args.dask else f"{workers} worker{'s' * (workers != 1)}"
    total = len(prepared.todo) + prepared.done
    lines = [
        f"vpdocs batch: {total} inputs -> {args.output}",
        f"  parsed   {parsed:>6} in {seconds:.1f} s ({rate:.1f} docs/s, {where}, "
        f"backend {settings_from(args).backend})",
        f"  records  {tally.records:>6}   with {tally.warnings} warnings",
        f"  errors   {sum(tally.errors.values()):>6}",
        *(f"    {kind:<22} {count:>6}" for kind, count in tally.errors.most_common()),
    ]
    if args.resume:
        lines.append(
            f"  resumed  {prepared.done:>6} inputs already in the output ({prepared.failed} "
            f"errors); {prepared.dropped} partial or stale lines removed"
        )
    if stopped:
        lines.append(
            f"  interrupted after {parsed} of {len(prepared.todo)}; the lines so far are in "
            f"{plan.journal}: run the same command with --resume to continue"
        )
    return "\n".join(lines)
