"""Batch throughput and worker memory, on one generated folder of rendered PDFs.

    python benchmarks/bench_batch.py [--docs 100] [--rss-docs 1000] [--backends pdfplumber pdfium]

Prints, as small tables:
1. documents/s of the process pool with 1 and 2 workers, per backend, and of a Dask
   LocalCluster of 2 single-thread workers (chunks of --chunk-size documents); each after a
   warm-up, so worker start-up (shown apart) does not count; plus the same documents parsed
   by one plain process, and by two plain processes side by side (what the machine allows);
   each row is the best of --repeat runs, as other load on the machine only slows it;
2. peak RSS of each worker process (ru_maxrss, reported by the worker itself with every
   result) after its first 100 documents and after --rss-docs documents, no recycling.

The folder holds copies of the devset and golden texts rendered by both fixture producers.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vpdocs import batch  # noqa: E402

TEXTS = ("tests/devset", "tests/golden", "seeds")


def make_folder(target: Path, count: int) -> list[str]:
    """`count` PDFs: the fixture texts rendered by both producers, copied round."""
    from tests.pdfgen import PRODUCERS

    rendered = target / "rendered"
    texts = sorted({p.name: p for folder in TEXTS for p in (ROOT / folder).glob("*.txt")}.items())
    pdfs = [
        render(path.read_text(encoding="utf-8"), rendered / f"{path.stem}-{name}.pdf")
        for _, path in texts
        for name, render in PRODUCERS.items()
    ]
    folder = target / f"docs-{count}"
    folder.mkdir(exist_ok=True)
    sources = []
    for number in range(count):
        copy = folder / f"{number:05d}-{pdfs[number % len(pdfs)].name}"
        if not copy.exists():
            shutil.copyfile(pdfs[number % len(pdfs)], copy)
        sources.append(str(copy))
    return sources


REPEAT = 3  # timed runs per row; the best counts (other load on the machine only slows)


def timed(run: Callable[[Sequence[str]], Iterable[object]], warm: Sequence[str],
          sources: Sequence[str], repeat: int = REPEAT) -> tuple[float, float]:  # fmt: skip
    """(seconds to start and parse `warm`, best documents per second over `sources` then)."""
    started = time.perf_counter()
    for _ in run(warm):
        pass
    startup = time.perf_counter() - started
    rates = []
    for _ in range(repeat):
        started = time.perf_counter()
        count = sum(1 for _ in run(sources))
        rates.append(count / (time.perf_counter() - started))
    return startup, max(rates)


def pool_rate(
    sources: Sequence[str], backend: str, workers: int, repeat: int = REPEAT
) -> tuple[float, float]:
    job = batch.make_job(backend=backend, max_tasks=0)  # type: ignore[arg-type]
    with batch.WorkerPool(job, workers) as pool:
        return timed(
            lambda items: batch.drive(pool, items, ordered=False),
            sources[: 2 * workers],
            sources,
            repeat,
        )


def dask_rate(
    sources: Sequence[str], backend: str, workers: int, chunk: int, repeat: int = REPEAT
) -> tuple[float, float]:
    from distributed import Client, LocalCluster

    from vpdocs import dask as vdask

    started = time.perf_counter()
    cluster_options = {"threads_per_worker": 1, "processes": True, "silence_logs": logging.ERROR}
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, dashboard_address="127.0.0.1:0", **cluster_options
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        cluster_start = time.perf_counter() - started

        def run(items: Sequence[str]) -> Iterable[object]:
            options = {"chunk_size": chunk, "backend": backend, "max_tasks": 0}
            return vdask.parse_many(items, scheduler=client, **options)  # type: ignore[arg-type]

        startup, rate = timed(run, sources[: 2 * workers * chunk], sources, repeat)
    return cluster_start + startup, rate


_PLAIN = """
import json, sys, time
import vpdocs
from vpdocs import entities
entities.load_pipeline()
settings = vpdocs.Settings.resolve(None, backend=sys.argv[1])
paths = json.loads(sys.stdin.read())
vpdocs.parse(paths[0], settings=settings)
started = time.perf_counter()
for path in paths:
    try:
        vpdocs.parse(path, settings=settings)
    except vpdocs.VpdocsError:
        pass
print(len(paths) / (time.perf_counter() - started))
"""


def plain_rate(sources: Sequence[str], backend: str, processes: int, repeat: int = REPEAT) -> float:
    """Docs/s of `processes` plain Python processes side by side, each parsing `sources`."""
    return max(_plain_rate(sources, backend, processes) for _ in range(repeat))


def _plain_rate(sources: Sequence[str], backend: str, processes: int) -> float:
    command = [sys.executable, "-c", _PLAIN, backend]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True}
    runs = [subprocess.Popen(command, **pipes) for _ in range(processes)]  # type: ignore[call-overload]
    for run in runs:
        run.stdin.write(json.dumps(list(sources)))
        run.stdin.close()
    rates = [float(run.stdout.read()) for run in runs]
    for run in runs:
        run.wait()
    return sum(rates)


def rss_growth(sources: Sequence[str], backend: str, workers: int) -> list[tuple[int, int, int]]:
    """Per worker: (documents parsed, peak RSS kB after its 100th, peak RSS kB at the end)."""
    job = batch.make_job(backend=backend, max_tasks=0)  # type: ignore[arg-type]
    seen: dict[int, list[int]] = defaultdict(list)
    for outcome in batch.outcomes(sources, job, workers=workers, ordered=False):
        seen[outcome.pid].append(outcome.max_rss_kb)
    return [(len(rss), rss[min(99, len(rss) - 1)], rss[-1]) for rss in seen.values()]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100, help="documents per throughput run")
    parser.add_argument("--rss-docs", type=int, default=1000, help="documents per worker")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=16)
    parser.add_argument("--backends", nargs="+", default=["pdfplumber", "pdfium"])
    parser.add_argument("--repeat", type=int, default=REPEAT, help="timed runs; the best counts")
    parser.add_argument("--skip-rss", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vpdocs-bench-") as scratch:
        sources = make_folder(Path(scratch), max(args.docs, args.rss_docs * args.workers))
        throughput(sources[: args.docs], args)
        if not args.skip_rss:
            memory(sources[: args.rss_docs * args.workers], args)


def throughput(sources: Sequence[str], args: argparse.Namespace) -> None:
    n, repeat = args.workers, max(1, args.repeat)
    print(f"\nthroughput, {len(sources)} PDFs, after warm-up (start-up shown apart)")
    print(f"{'backend':<11} {'run':<34} {'start s':>8} {'docs/s':>8} {'vs 1 worker':>12}")
    for backend in args.backends:
        start_1, one = pool_rate(sources, backend, 1, repeat)
        start_n, many = pool_rate(sources, backend, n, repeat)
        start_d, on_dask = dask_rate(sources, backend, n, args.chunk_size, repeat)
        plain_1 = plain_rate(sources, backend, 1, repeat)
        plain_n = plain_rate(sources, backend, n, repeat)
        rows = [
            ("process pool, 1 worker", start_1, one),
            (f"process pool, {n} workers", start_n, many),
            (f"Dask LocalCluster, {n} workers", start_d, on_dask),
            ("1 plain process (no pool)", None, plain_1),
            (f"{n} plain processes side by side", None, plain_n),
        ]
        for name, start, rate in rows:
            shown = "" if start is None else f"{start:8.1f}"
            print(f"{backend:<11} {name:<34} {shown:>8} {rate:8.1f} {rate / one:11.2f}x")
        print(f"{'':<11} Dask vs pool, {n} workers: {100 * (on_dask / many - 1):+.0f} %")


def memory(sources: Sequence[str], args: argparse.Namespace) -> None:
    print(f"\npeak RSS per worker, {len(sources)} PDFs over {args.workers} workers, no recycling")
    header = ("backend", "worker", "docs", "after 100", "at end", "growth")
    print("{:<11} {:>6} {:>6} {:>10} {:>10} {:>8}".format(*header))
    for backend in args.backends:
        for number, (docs, first, last) in enumerate(rss_growth(sources, backend, args.workers)):
            growth = 100 * (last / first - 1)
            print(f"{backend:<11} {number + 1:>6} {docs:>6} {first / 1024:>7.0f} MB "
                  f"{last / 1024:>7.0f} MB {growth:>+7.1f}%")  # fmt: skip


if __name__ == "__main__":
    main()
