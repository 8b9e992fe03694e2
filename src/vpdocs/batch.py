"""Many documents at once: every input ends up as a record or as an error that says why.

1. `parse_many` hands each input to a process pool (pebble). A worker loads the spaCy
   pipeline once (`start_worker`), caps its own memory, parses one document per task with
   `pipeline.parse` (`work`) and is replaced after `max_tasks` documents.
2. Every input gives one `BatchResult`: a record, or an `ErrorInfo` naming the exception.
   A document that outlives `timeout` has its worker killed (ExtractionTimeoutError); a
   worker that dies takes only its own document with it (WorkerCrashedError); a pool that
   breaks down is replaced and its unfinished documents are retried (`WorkerPool`, `drive`).
3. `JsonlWriter` appends one line per result with a single write, so a run killed at any
   moment leaves only whole lines; `resume` reads them back and returns what is left to do.
4. `vpdocs._parquet.write_parquet` turns the lines into flat tables joined by `doc_key`.

Test-only hooks: with `VPDOCS_TEST_HANG_ON=<text>` (or `VPDOCS_TEST_CRASH_ON=<text>`) in the
environment of the process that calls `parse_many`, a worker hangs (or kills itself) on
every input whose name contains <text>. They are read once per batch, never per document.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from pebble import ProcessExpired, ProcessPool

from vpdocs.errors import ExtractionTimeoutError, VpdocsError, WorkerCrashedError
from vpdocs.pipeline import parse
from vpdocs.records import WrittenQuestion
from vpdocs.settings import Backend, Settings

__all__ = [
    "DEFAULT_MAX_TASKS",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "BatchResult",
    "ErrorInfo",
    "JsonlWriter",
    "Resumed",
    "doc_key",
    "line_input",
    "parse_many",
    "read_lines",
    "resume",
]

DEFAULT_TIMEOUT = 120.0  # seconds per document
DEFAULT_MAX_TASKS = 500  # documents per worker process before it is replaced
DEFAULT_MEMORY_MB = 2048  # address space per worker process
_ATTEMPTS = 3  # times a document is sent to a fresh pool after the pool broke down under it
_BREAKDOWNS = 3  # pools in a row that break down before any document is parsed: give up


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Why an input gave no record: the exception's class name and its reason."""

    type: str
    message: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One input of a batch, as given (a path or a reference): its record, or why not."""

    source: str
    record: WrittenQuestion | None = None
    error: ErrorInfo | None = None


# --- 1. the worker side ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs: settings, limits, and the test-only hooks."""

    settings: Settings
    timeout: float | None = DEFAULT_TIMEOUT
    max_tasks: int = DEFAULT_MAX_TASKS
    memory_mb: int | None = DEFAULT_MEMORY_MB
    hang_on: str | None = None
    crash_on: str | None = None


def make_job(
    settings: Settings | Mapping[str, Any] | None = None,
    *,
    backend: Backend | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_tasks: int = DEFAULT_MAX_TASKS,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Job:
    """A Job from the caller's options; the test hooks come from this process's environment."""
    return Job(
        settings=Settings.resolve(settings, backend=backend),
        timeout=timeout or None,
        max_tasks=max(0, max_tasks),
        memory_mb=memory_mb or None,
        hang_on=os.environ.get("VPDOCS_TEST_HANG_ON") or None,
        crash_on=os.environ.get("VPDOCS_TEST_CRASH_ON") or None,
    )


class Outcome(NamedTuple):
    """A worker's answer: the result, and the worker's pid and peak RSS (for benchmarks)."""

    result: BatchResult
    pid: int
    max_rss_kb: int


_start_problem: ErrorInfo | None = None  # set in a worker whose start failed


def start_worker(job: Job) -> None:
    """Pool initializer: die with the parent, cap memory, load the pipeline once."""
    global _start_problem
    _die_with_parent()
    try:
        from vpdocs import entities

        if job.settings.backend == "pdfium":
            import pypdfium2  # noqa: F401  (imported here once, not in the first task)
        else:
            import pdfplumber  # noqa: F401
        entities.load_pipeline()
        if job.memory_mb:
            _cap_memory(job.memory_mb)
    except Exception as exc:  # every document of this worker says so, instead of a dead pool
        _start_problem = ErrorInfo(type(exc).__name__, f"the worker could not start: {exc}")


def work(source: str, job: Job) -> Outcome:
    """Parse one input in a worker; any exception becomes the result's error."""
    if job.hang_on is not None or job.crash_on is not None:
        _test_hooks(source, job)
    return Outcome(_parse_one(source, job), os.getpid(), _max_rss_kb())


def _parse_one(source: str, job: Job) -> BatchResult:
    if _start_problem is not None:
        return BatchResult(source, error=_start_problem)
    try:
        return BatchResult(source, record=parse(source, settings=job.settings))
    except VpdocsError as exc:
        return BatchResult(source, error=ErrorInfo(type(exc).__name__, exc.reason))
    except MemoryError:
        reason = f"parsing needed more than the worker's {job.memory_mb} MB of memory"
        return BatchResult(source, error=ErrorInfo("MemoryError", reason))
    except Exception as exc:  # a bug here or in a library: one document never stops a batch
        return BatchResult(source, error=unexpected(exc))


def unexpected(exc: BaseException) -> ErrorInfo:
    """An exception vpdocs did not raise on purpose, with where it happened."""
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    where = ""
    if frame is not None:
        where = f" (at {Path(frame.tb_frame.f_code.co_filename).name}:{frame.tb_lineno})"
    return ErrorInfo(type(exc).__name__, f"unexpected error: {exc}{where}")


def _test_hooks(source: str, job: Job) -> None:
    """Test-only: hang or die on chosen inputs (see the module docstring)."""
    if job.crash_on and job.crash_on in source:
        os.kill(os.getpid(), signal.SIGKILL)
    if job.hang_on and job.hang_on in source:
        threading.Event().wait()


def _die_with_parent() -> None:
    """On Linux, the kernel kills a worker whose parent died (a SIGKILLed batch, say)."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(AttributeError, OSError):  # no prctl: a worker ends with its pipe
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _cap_memory(megabytes: int) -> None:
    if sys.platform == "win32":
        return
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _max_rss_kb() -> int:
    if sys.platform == "win32":
        return 0
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


# --- 2. the pool ----------------------------------------------------------------------------

# Workers fork from a clean single-threaded server process that has vpdocs imported, never
# from a parent running threads (tqdm's, pebble's, Dask's).
_CONTEXT = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
_PRELOAD = ["__main__", "vpdocs.batch"]  # the default, and what saves a worker 1 s of imports


class WorkerPool:
    """A pebble process pool that parses documents, and replaces itself when it breaks."""

    def __init__(self, job: Job, workers: int) -> None:
        self.job = job
        self.workers = workers
        self.generation = 0
        self.breakdowns = 0  # since the last document a worker finished
        self._lock = threading.Lock()
        self._pool = self._new()

    def _new(self) -> ProcessPool:
        if _CONTEXT.get_start_method() == "forkserver":
            _CONTEXT.set_forkserver_preload(_PRELOAD)  # used when the server starts
        return ProcessPool(
            max_workers=self.workers,
            max_tasks=self.job.max_tasks,
            initializer=start_worker,
            initargs=(self.job,),
            context=_CONTEXT,
        )

    def submit(self, source: str) -> tuple[Future[Outcome], int]:
        """Schedule one input; returns its future and the pool generation it runs in."""
        with self._lock:
            if not self._pool.active:
                self._replace()
            future = self._pool.schedule(work, args=(source, self.job), timeout=self.job.timeout)
            return future, self.generation

    def renew(self, generation: int) -> None:
        """Replace a broken pool, once however many of its futures report it."""
        with self._lock:
            if generation != self.generation:
                return
            self.breakdowns += 1
            if self.breakdowns >= _BREAKDOWNS:
                raise RuntimeError(
                    "vpdocs: the worker processes keep dying before they parse anything. "
                    "A script that calls parse_many must do so under "
                    "`if __name__ == '__main__':` (the workers import the main module)."
                )
            self._replace()

    def _replace(self) -> None:
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()
        self._pool = self._new()
        self.generation += 1

    def close(self, *, finish: bool = True) -> None:
        """Finish the scheduled work (or stop it at once) and end the workers."""
        with self._lock:
            if finish:
                self._pool.close()  # type: ignore[no-untyped-call]
            else:
                self._pool.stop()  # type: ignore[no-untyped-call]
            self._pool.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(finish=kind is None)


@dataclass(slots=True)
class _Task:
    index: int
    source: str
    generation: int = 0
    attempts: int = 0


def drive(pool: WorkerPool, sources: Iterable[str], *, ordered: bool) -> Iterator[Outcome]:
    """Run `sources` through `pool`, a bounded number at a time; one outcome per source."""
    window = max(16, 8 * pool.workers)
    todo = enumerate(sources)
    running: dict[Future[Outcome], _Task] = {}
    ready: dict[int, Outcome] = {}
    head = 0
    while True:
        while len(running) + len(ready) < window and (item := next(todo, None)) is not None:
            _submit(pool, running, _Task(*item))
        if not running:
            return
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            task = running.pop(future)
            outcome = _settle(future, task, pool)
            if outcome is None:
                _submit(pool, running, task)
            elif ordered:
                ready[task.index] = outcome
            else:
                yield outcome
        while head in ready:
            yield ready.pop(head)
            head += 1


def _submit(pool: WorkerPool, running: dict[Future[Outcome], _Task], task: _Task) -> None:
    future, task.generation = pool.submit(task.source)
    running[future] = task


def _settle(future: Future[Outcome], task: _Task, pool: WorkerPool) -> Outcome | None:
    """The outcome of a finished future; None when the task must run again in a new pool."""
    try:
        outcome = future.result()
        pool.breakdowns = 0
        return outcome
    except TimeoutError:
        timeout = f"{pool.job.timeout:g}"
        return _failed(task, ExtractionTimeoutError, f"parsing took longer than {timeout} s")
    except ProcessExpired as exc:
        reason = f"the worker process died while parsing it ({_death(exc.exitcode)})"
        return _failed(task, WorkerCrashedError, reason)
    except BrokenProcessPool:
        pool.renew(task.generation)
        task.attempts += 1
        if task.attempts < _ATTEMPTS:
            return None
        return _failed(task, WorkerCrashedError, "the worker pool broke down each time")
    except (Exception, SystemExit) as exc:  # e.g. a result that could not be pickled
        return Outcome(BatchResult(task.source, error=unexpected(exc)), 0, 0)


def _failed(task: _Task, kind: type[VpdocsError], reason: str) -> Outcome:
    return Outcome(BatchResult(task.source, error=ErrorInfo(kind.__name__, reason)), 0, 0)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def default_workers() -> int:
    """The CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parse_many(
    sources: Iterable[str | Path],
    *,
    workers: int | None = None,
    backend: Backend | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    ordered: bool = True,
    settings: Settings | Mapping[str, Any] | None = None,
    max_tasks: int = DEFAULT_MAX_TASKS,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Generator[BatchResult, None, None]:
    """Parse many inputs (paths, ids, URLs) in worker processes; one result per input.

    Results come in input order, or as they complete with `ordered=False`. A document
    that takes longer than `timeout` seconds (None: no limit) gives an
    ExtractionTimeoutError result, one whose worker dies a WorkerCrashedError result; the
    other documents go on. `workers` defaults to the CPUs available, `max_tasks` documents
    are parsed by a worker before it is replaced (0: never) and `memory_mb` caps the
    address space of each worker (None: no cap; running out gives a MemoryError result).
    In input order, a slow document holds back the results after it (a few per worker are
    buffered); as completed, nothing waits. Stopping the iteration early stops the workers.

    The workers import the main module, so a script calls this under
    `if __name__ == "__main__":`.
    """
    job = make_job(
        settings, backend=backend, timeout=timeout, max_tasks=max_tasks, memory_mb=memory_mb
    )
    for outcome in outcomes(sources, job, workers=workers, ordered=ordered):
        yield outcome.result


def outcomes(
    sources: Iterable[str | Path], job: Job, *, workers: int | None, ordered: bool
) -> Generator[Outcome, None, None]:
    """`parse_many` with the workers' pid and peak RSS beside each result."""
    if isinstance(sources, str | Path):
        raise TypeError("parse_many takes a list (or any iterable) of sources, not one")
    items: Iterable[str] = (str(source) for source in sources)
    count = workers or default_workers()
    if isinstance(sources, Sequence):
        if not sources:
            return
        count = min(count, len(sources))
    with WorkerPool(job, count) as pool:
        yield from drive(pool, items, ordered=ordered)


# --- 3. JSONL lines, written whole and read back ---------------------------------------------


def file_sha256(source: str) -> str | None:
    """The sha256 of a local file's bytes; None for a reference or a file that is gone."""
    try:
        with open(source, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def result_line(result: BatchResult) -> str:
    """The JSONL line of a result (no newline): the record, or the input and its error."""
    if result.record is not None:
        return result.record.model_dump_json()
    error = result.error or ErrorInfo("VpdocsError", "no record and no error")
    line = {
        "source": result.source,
        "sha256": file_sha256(result.source),
        "error": {"type": error.type, "message": error.message},
    }
    return json.dumps(line, ensure_ascii=False)


class JsonlWriter:
    """Appends one line per result, each with a single write, so every line on disk is whole.

    The file is opened for appending (`fresh=True` empties it first); `None` writes stdout.
    """

    def __init__(self, path: Path | None, *, fresh: bool = False) -> None:
        self._stream: IO[str] | None = None
        self._fd = -1
        if path is None:
            self._stream = sys.stdout
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if fresh else 0)
        self._fd = os.open(path, flags, 0o644)

    def write(self, result: BatchResult) -> None:
        text = result_line(result) + "\n"
        if self._stream is not None:
            self._stream.write(text)
            self._stream.flush()
            return
        data = memoryview(text.encode("utf-8"))
        while data:  # os.write writes it all at once on a local disk; loop for the rare rest
            data = data[os.write(self._fd, data) :]

    def close(self) -> None:
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The whole, valid lines of a JSONL output (a partial last line is skipped)."""
    with path.open("rb") as handle:
        for raw in handle:
            line = _load(raw)
            if line is not None:
                yield line


def _load(raw: bytes) -> dict[str, Any] | None:
    if not raw.endswith(b"\n"):
        return None
    try:
        line = json.loads(raw)
    except ValueError:
        return None
    return line if isinstance(line, dict) and "source" in line else None


def line_input(line: Mapping[str, Any]) -> str:
    """The input a line answers for: the path, else the reference the document came from."""
    source = line["source"]
    if isinstance(source, str):
        return source  # an error line names the input as given
    if source.get("path"):
        return str(source["path"])
    if source.get("opendata_id"):
        return f"schv:{source['opendata_id']}"
    return str(source.get("url") or "")


def line_sha256(line: Mapping[str, Any]) -> str | None:
    """The sha256 of the input bytes a line was made from (None: unknown)."""
    source = line["source"]
    value = line.get("sha256") if isinstance(source, str) else source.get("sha256")
    return value if isinstance(value, str) else None


def doc_key(line: Mapping[str, Any]) -> str:
    """The key that joins a document's rows in the Parquet tables: a hash of its input."""
    return hashlib.sha256(line_input(line).encode("utf-8")).hexdigest()[:16]


def _ref_key(value: str) -> str:
    """One spelling of an input: the real path of a file, a pfile id without leading zeros."""
    if os.path.isfile(value):
        return os.path.realpath(value)
    text = value.strip()
    return text.lstrip("0") or "0" if text.isdigit() else text


def _aliases(line: Mapping[str, Any]) -> set[str]:
    """Every input spelling a line can answer for (a record of a fetched id has its URL)."""
    names = {_ref_key(line_input(line))}
    source = line["source"]
    if isinstance(source, Mapping) and source.get("url"):
        url = str(source["url"])
        names.add(url)
        ids = parse_qs(urlsplit(url).query).get("id", [])
        if len(ids) == 1 and ids[0].isdigit():
            names.add(_ref_key(ids[0]))
    return names


@dataclass(frozen=True, slots=True)
class Resumed:
    """What `resume` found: the inputs left to do, and the earlier lines about the others."""

    todo: list[str]
    done: int  # inputs with a line already
    failed: int  # of those, inputs whose line is an error
    dropped: int  # lines removed: a partial last line, unreadable, stale or duplicate lines


def resume(path: Path, inputs: Sequence[str]) -> Resumed:
    """Prepare an output to be continued, and say which inputs still need a line.

    A line counts for an input when it names the same path (or reference) and, for a local
    file, the same sha256 of its bytes. The file keeps every whole line except stale ones
    (the file changed since) and repeats; a partial last line (a killed run) is cut off.
    """
    wanted = {_ref_key(source): source for source in inputs}
    done: dict[str, bool] = {}
    drop: set[int] = set()
    whole_bytes = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle):
            if not raw.endswith(b"\n"):
                break  # the partial last line of a killed run
            whole_bytes += len(raw)
            line = _load(raw)
            found = None
            if line is not None:
                found = next((wanted[name] for name in _aliases(line) if name in wanted), None)
            if line is None or (found is not None and (found in done or _stale(found, line))):
                drop.add(number)
            elif found is not None:
                done[found] = "error" not in line
    tail = path.stat().st_size > whole_bytes
    if drop:
        _copy_without(path, drop)
    elif tail:
        os.truncate(path, whole_bytes)
    todo = [source for source in dict.fromkeys(inputs) if source not in done]
    failed = sum(not ok for ok in done.values())
    return Resumed(todo=todo, done=len(done), failed=failed, dropped=len(drop) + tail)


def _stale(source: str, line: Mapping[str, Any]) -> bool:
    """A local file whose bytes are not those the line was made from."""
    return Path(source).exists() and file_sha256(source) != line_sha256(line)


def _copy_without(path: Path, drop: set[int]) -> None:
    """Rewrite `path` without the dropped lines and a partial last line; then rename."""
    partial = path.with_name(f".{path.name}.resume")
    with path.open("rb") as source, partial.open("wb") as target:
        for number, raw in enumerate(source):
            if number not in drop and raw.endswith(b"\n"):
                target.write(raw)
        target.flush()
        os.fsync(target.fileno())
    partial.replace(path)
