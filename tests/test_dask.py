"""The batch stage on Dask: the same results as the process pool, errors included.

The cluster runs in this process (processes=False, two single-thread workers) except in
the command-line test, which starts a real LocalCluster of two worker processes.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_batch import Corpus, build_folder, expected_error, make_corpus, read_jsonl
from vpdocs import batch
from vpdocs.cli import main

distributed = pytest.importorskip("distributed")
vdask = pytest.importorskip("vpdocs.dask")


@pytest.fixture(scope="module")
def corpus(rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return make_corpus(rendered, tmp_path_factory.mktemp("broken"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):  # fmt: skip
        yield client
    vdask.close_pools()


def comparable(result: batch.BatchResult) -> tuple[str, Any]:
    if result.record is not None:
        return result.source, result.record.model_dump(mode="json")
    return result.source, result.error


def test_parse_bag_gives_what_the_process_pool_gives(
    corpus: Corpus, tmp_path: Path, client: Any
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=20, broken=1)
    sources = sorted(str(path) for path in folder.iterdir())
    on_dask = vdask.parse_bag(sources, chunk_size=4, backend="pdfium").compute()
    in_pool = list(batch.parse_many(sources, backend="pdfium", workers=2))
    assert [comparable(result) for result in on_dask] == [comparable(r) for r in in_pool]
    errors = {r.source: r.error.type for r in on_dask if r.error is not None}
    assert errors == {
        source: expected_error(source) for source in sources if expected_error(source)
    }


HOOKS = [
    ("VPDOCS_TEST_HANG_ON", "ExtractionTimeoutError"),
    ("VPDOCS_TEST_CRASH_ON", "WorkerCrashedError"),
]


@pytest.mark.parametrize(("hook", "error"), HOOKS)
def test_a_hanging_or_dying_document_is_an_error_result_on_dask(
    corpus: Corpus,
    tmp_path: Path,
    client: Any,
    monkeypatch: pytest.MonkeyPatch,
    hook: str,
    error: str,
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=8, broken=0)
    shutil.copyfile(corpus[0][0], folder / "good-0004-victim.pdf")
    monkeypatch.setenv(hook, "victim")
    sources = sorted(str(path) for path in folder.iterdir())
    results = list(vdask.parse_many(sources, scheduler=client, chunk_size=3, timeout=2,
                                    backend="pdfium", ordered=True))  # fmt: skip
    assert [result.source for result in results] == sources
    failed = {Path(r.source).name: r.error.type for r in results if r.error is not None}
    assert failed == {"good-0004-victim.pdf": error}


def test_batch_command_on_a_local_dask_cluster(corpus: Corpus, tmp_path: Path) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=24, broken=1)
    on_dask, in_pool = tmp_path / "dask.jsonl", tmp_path / "pool.jsonl"
    options = ["--backend", "pdfium", "--workers", "2"]
    assert main(["batch", str(folder), "-o", str(on_dask), "--dask", "local", *options]) == 1
    assert main(["batch", str(folder), "-o", str(in_pool), *options]) == 1
    assert _by_input(read_jsonl(on_dask)) == _by_input(read_jsonl(in_pool))


def _by_input(lines: list[dict[str, Any]]) -> dict[str, str]:
    found = {batch.line_input(line): json.dumps(line, sort_keys=True) for line in lines}
    assert len(found) == len(lines)
    return found
