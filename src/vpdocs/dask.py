"""The batch stage on Dask distributed, for more than one machine (extra `vpdocs[dask]`).

Inputs travel in chunks of `chunk_size` documents (one Dask task per document costs more
in scheduling than pdfium takes to parse one). A task hands its chunk to a process pool
that lives in its Dask worker's process (`_local_pool`, one pool process per worker
thread, kept across tasks), so everything `vpdocs.parse_many` promises holds here too: the
per-document timeout is enforced inside the task, and a PDF that crashes kills a pool
process, never the Dask worker. Errors are results, not lost tasks.

- `parse_bag(paths)`: a `dask.bag.Bag` of `BatchResult`, one per input, for your graphs;
- `parse_many(sources, scheduler=...)`: the results as chunks finish (`vpdocs batch --dask`).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from vpdocs.batch import (
    DEFAULT_MAX_TASKS,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    BatchResult,
    ErrorInfo,
    Job,
    WorkerPool,
    default_workers,
    drive,
    make_job,
    unexpected,
)
from vpdocs.errors import WorkerCrashedError
from vpdocs.settings import Backend, Settings

__all__ = ["DEFAULT_CHUNK_SIZE", "close_pools", "parse_bag", "parse_many"]

DEFAULT_CHUNK_SIZE = 16

_pools: dict[tuple[str, Job], WorkerPool] = {}
_pools_lock = threading.Lock()


def parse_bag(
    paths: Iterable[str | Path],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    backend: Backend | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    settings: Settings | Mapping[str, Any] | None = None,
    max_tasks: int = DEFAULT_MAX_TASKS,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Any:
    """A dask.bag.Bag of BatchResult, one per path (or reference), in input order.

    The options mean what they mean for `vpdocs.parse_many`.
    """
    import dask.bag

    job = make_job(
        settings, backend=backend, timeout=timeout, max_tasks=max_tasks, memory_mb=memory_mb
    )
    sources = [str(path) for path in paths]
    bag = dask.bag.from_sequence(sources, partition_size=max(1, chunk_size))  # type: ignore[no-untyped-call]
    return bag.map_partitions(parse_chunk, job)


def parse_many(
    sources: Iterable[str | Path],
    *,
    scheduler: Any = "local",
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    ordered: bool = False,
    backend: Backend | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    settings: Settings | Mapping[str, Any] | None = None,
    max_tasks: int = DEFAULT_MAX_TASKS,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Generator[BatchResult, None, None]:
    """`vpdocs.parse_many` on a Dask cluster: one result per input, as chunks finish.

    `scheduler` is a scheduler address (`tcp://host:8786`), a `distributed.Client`, or
    "local" for a LocalCluster of `workers` single-thread worker processes started here.
    With `ordered=True` the results come in input order.
    """
    from distributed import as_completed

    job = make_job(
        settings, backend=backend, timeout=timeout, max_tasks=max_tasks, memory_mb=memory_mb
    )
    items = [str(source) for source in sources]
    size = max(1, chunk_size)
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    if not chunks:
        return
    with _client(scheduler, workers) as client:
        futures = client.map(parse_chunk, chunks, job=job, pure=False)
        chunk_of = {future.key: chunk for future, chunk in zip(futures, chunks, strict=True)}
        for future in futures if ordered else as_completed(futures):  # type: ignore[no-untyped-call]
            yield from _chunk_results(future, chunk_of[future.key])
            future.release()


def _chunk_results(future: Any, chunk: Sequence[str]) -> list[BatchResult]:
    """A finished chunk's results; a chunk whose task failed gives an error per input."""
    try:
        results: list[BatchResult] = future.result()
        return results
    except Exception as exc:  # the Dask worker died (KilledWorker) or the task could not run
        info = unexpected(exc)
        reason = f"the Dask task failed: {info.type}: {info.message}"
        return [BatchResult(s, error=ErrorInfo(WorkerCrashedError.__name__, reason)) for s in chunk]


@contextlib.contextmanager
def _client(scheduler: Any, workers: int | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if not isinstance(scheduler, str):
        yield scheduler  # a Client the caller owns
        return
    if scheduler != "local":
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # loopback only, no fixed port to collide on
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def parse_chunk(sources: Sequence[str], job: Job) -> list[BatchResult]:
    """Parse a chunk in this Dask worker's process pool: one result per source, in order."""
    pool = _local_pool(job)
    return [outcome.result for outcome in drive(pool, sources, ordered=True)]


def _local_pool(job: Job) -> WorkerPool:
    """The process pool of this Dask worker (of this process outside Dask), made once."""
    name, threads = _worker_identity()
    with _pools_lock:
        pool = _pools.get((name, job))
        if pool is None:
            _allow_children()
            pool = _pools[name, job] = WorkerPool(job, threads)
        return pool


def _worker_identity() -> tuple[str, int]:
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):  # not in a Dask worker: the threaded scheduler, say
        return "", default_workers()
    return str(worker.address), int(worker.state.nthreads)


def _allow_children() -> None:
    """Dask starts worker processes as daemons, and a daemon may not start processes.

    The flag only guards that rule inside this process; the pool's processes still die
    with it (see `vpdocs.batch.start_worker`).
    """
    process = multiprocessing.current_process()
    if process.daemon:
        process.daemon = False


@atexit.register
def close_pools() -> None:
    """End the process pools this process made for Dask tasks (they end at exit anyway)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close(finish=False)
