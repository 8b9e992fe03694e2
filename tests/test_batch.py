"""The batch stage: real worker processes over real PDFs rendered by tests/pdfgen.

Every input must end up as one line (a record, or an error that says why), whatever the
input does to its worker: hang (VPDOCS_TEST_HANG_ON), die (VPDOCS_TEST_CRASH_ON), or be
no PDF at all; and a run killed half-way must continue without duplicates or loss.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psutil
import pytest

import tests.pdfgen as pdfgen
from vpdocs import batch
from vpdocs._parquet import TABLES
from vpdocs.cli import main
from vpdocs.records import decimal_text

Corpus = tuple[list[Path], dict[str, Path]]  # good PDFs, and one file per broken kind

# file name prefix -> (maker, the error vpdocs must give)
BROKEN: dict[str, tuple[Any, str]] = {
    "truncated": (pdfgen.make_truncated_pdf, "CorruptPDFError"),
    "encrypted": (pdfgen.make_encrypted_pdf, "EncryptedPDFError"),
    "html": (pdfgen.make_html_as_pdf, "NotAPDFError"),
    "empty": (pdfgen.make_empty_pdf, "EmptyDocumentError"),
    "scan": (pdfgen.make_image_only_pdf, "NoTextLayerError"),
}


# --- fixtures: rendered once per session, copied per test ----------------------------------


def make_corpus(rendered: dict[str, Path], folder: Path) -> Corpus:
    """The conftest's renderings by both producers, and one file per broken kind."""
    good = sorted(pdf for rendering in rendered.values() for pdf in rendering.glob("*.pdf"))
    broken = {kind: make(folder / f"{kind}.pdf") for kind, (make, _) in BROKEN.items()}
    return good, broken


def build_folder(corpus: Corpus, target: Path, *, good: int, broken: int = 1) -> Path:
    """`good` copies of the rendered PDFs (cycled) and `broken` copies of each broken kind."""
    target.mkdir(parents=True, exist_ok=True)
    rendered, bad = corpus
    for number in range(good):
        source = rendered[number % len(rendered)]
        shutil.copyfile(source, target / f"good-{number:04d}-{source.name}")
    for kind, source in bad.items():
        for number in range(broken):
            shutil.copyfile(source, target / f"{kind}-{number:02d}.pdf")
    return target


@pytest.fixture(scope="session")
def corpus(rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return make_corpus(rendered, tmp_path_factory.mktemp("broken"))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def expected_error(path: str) -> str | None:
    kind = Path(path).name.split("-")[0]
    return BROKEN[kind][1] if kind in BROKEN else None


def run_cli(*args: str | Path) -> int:
    return main([str(arg) for arg in args])


# --- the whole command on a big mixed folder ------------------------------------------------


def test_batch_of_200_pdfs_with_broken_files(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=200, broken=3)
    out = tmp_path / "out.jsonl"
    code = run_cli("batch", folder, "-o", out, "--backend", "pdfium", "--workers", "2")
    assert code == 1  # some failed
    lines = read_jsonl(out)
    inputs = sorted(str(path) for path in folder.iterdir())
    assert sorted(batch.line_input(line) for line in lines) == inputs  # one line per input
    for line in lines:
        wanted = expected_error(batch.line_input(line))
        if wanted is None:
            assert "error" not in line, line.get("error")
            assert line["provenance"]["backend"] == "pdfium"
            assert line["source"]["sha256"] == line["provenance"]["input_sha256"]
        else:
            assert line["error"]["type"] == wanted
            assert line["error"]["message"]
    summary = capsys.readouterr().err
    assert re.search(r"records +200\b", summary)
    for _, name in BROKEN.values():
        assert f"{name}" in summary


def test_exit_code_two_when_every_input_fails(corpus: Corpus, tmp_path: Path) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=0)
    assert run_cli("batch", folder, "-o", tmp_path / "out.jsonl", "--backend", "pdfium") == 2


def test_exit_code_zero_when_none_fails(corpus: Corpus, tmp_path: Path) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=4, broken=0)
    assert run_cli("batch", folder, "-o", tmp_path / "out.jsonl", "--backend", "pdfium") == 0


# --- hung and crashing workers --------------------------------------------------------------


def test_a_hanging_document_times_out_and_the_rest_complete(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=12, broken=0)
    victim = folder / "good-0005-hang-me.pdf"
    shutil.copyfile(corpus[0][0], victim)
    monkeypatch.setenv("VPDOCS_TEST_HANG_ON", "hang-me")
    sources = sorted(str(path) for path in folder.iterdir())
    started = time.monotonic()
    results = list(batch.parse_many(sources, workers=2, backend="pdfium", timeout=2))
    assert time.monotonic() - started < 30
    assert [result.source for result in results] == sources  # input order
    failed = {result.source: result.error for result in results if result.error}
    assert list(failed) == [str(victim)]
    assert failed[str(victim)] == batch.ErrorInfo(
        "ExtractionTimeoutError", "parsing took longer than 2 s"
    )
    assert all(result.record is not None for result in results if result.source != str(victim))


def test_a_worker_that_dies_fails_only_its_document(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=12, broken=0)
    shutil.copyfile(corpus[0][0], folder / "good-0003-crash-me.pdf")
    shutil.copyfile(corpus[0][0], folder / "good-0007-crash-me.pdf")
    monkeypatch.setenv("VPDOCS_TEST_CRASH_ON", "crash-me")
    out = tmp_path / "out.jsonl"
    assert run_cli("batch", folder, "-o", out, "--backend", "pdfium", "--workers", "2") == 1
    lines = read_jsonl(out)
    assert len(lines) == 14
    errors = {batch.line_input(line): line["error"] for line in lines if "error" in line}
    assert sorted(Path(source).name for source in errors) == [
        "good-0003-crash-me.pdf",
        "good-0007-crash-me.pdf",
    ]
    for error in errors.values():
        assert error["type"] == "WorkerCrashedError"
        assert "killed by SIGKILL" in error["message"]


def test_workers_are_replaced_after_max_tasks(corpus: Corpus, tmp_path: Path) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=12, broken=0)
    job = batch.make_job(backend="pdfium", max_tasks=4)
    sources = sorted(str(path) for path in folder.iterdir())
    outcomes = list(batch.outcomes(sources, job, workers=2, ordered=True))
    assert all(outcome.result.record is not None for outcome in outcomes)
    assert len({outcome.pid for outcome in outcomes}) >= 3


def test_a_memory_error_becomes_an_error_result(monkeypatch: pytest.MonkeyPatch) -> None:
    def greedy(source: str, **_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(batch, "parse", greedy)
    outcome = batch.work("big.pdf", batch.make_job(memory_mb=512))
    assert outcome.result.error == batch.ErrorInfo(
        "MemoryError", "parsing needed more than the worker's 512 MB of memory"
    )


def test_an_unexpected_exception_becomes_an_error_result(monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy(source: str, **_: object) -> None:
        raise KeyError("label")

    monkeypatch.setattr(batch, "parse", buggy)
    error = batch.work("x.pdf", batch.make_job()).result.error
    assert error is not None and error.type == "KeyError"
    assert error.message.startswith("unexpected error: 'label' (at test_batch.py:")


def test_a_script_without_main_guard_gets_a_clear_error(corpus: Corpus, tmp_path: Path) -> None:
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(f"""
            import vpdocs.batch
            list(vpdocs.batch.parse_many([{str(corpus[0][0])!r}] * 4, workers=2))
        """),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode != 0
    assert "if __name__ == '__main__':" in done.stderr.splitlines()[-1]


# --- stopped runs continue ------------------------------------------------------------------

_CLI = "import sys; from vpdocs.cli import main; sys.exit(main(sys.argv[1:]))"


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_killed_run_resumes_without_duplicates_or_loss(
    corpus: Corpus, tmp_path: Path, stop: signal.Signals
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=60, broken=1)
    out, partial = tmp_path / "out.jsonl", tmp_path / ".out.jsonl.partial"
    out.write_text("the output of an earlier run\n", encoding="utf-8")
    command = [sys.executable, "-c", _CLI, "batch", str(folder), "-o", str(out), "--workers", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_lines(partial, 12, process)
        family = psutil.Process(process.pid).children(recursive=True)
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == (-signal.SIGKILL if stop == signal.SIGKILL else 130)
    if stop == signal.SIGINT:
        assert f"the lines so far are in {partial}" in stderr
    _, alive = psutil.wait_procs(family, timeout=15)
    assert not alive, "worker processes outlived the batch"
    assert out.read_text(encoding="utf-8") == "the output of an earlier run\n"  # kept, so far
    before = read_jsonl(partial)
    assert 12 <= len(before) < 65

    assert run_cli("batch", folder, "-o", out, "--resume", "--workers", "2") == 1
    assert not partial.exists()
    after = read_jsonl(out)
    inputs = sorted(str(path) for path in folder.iterdir())
    assert sorted(batch.line_input(line) for line in after) == inputs
    assert after[: len(before)] == before  # earlier lines kept as they were


def _wait_for_lines(path: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the batch ended before it could be stopped"
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"no {count} lines in {path} after 120 s")


def test_resume_cuts_a_partial_last_line_and_redoes_changed_files(
    corpus: Corpus, tmp_path: Path
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=6, broken=1)
    out = tmp_path / "out.jsonl"
    run_cli("batch", folder, "-o", out, "--backend", "pdfium")
    lines = out.read_bytes().splitlines(keepends=True)
    changed = next(line for line in lines if b"good-0002" in line)
    out.write_bytes(b"".join(line for line in lines if b"good-0004" not in line) + b'{"sourc')
    shutil.copyfile(corpus[0][1], next(folder.glob("good-0002-*")))  # other bytes, same name

    inputs = sorted(str(path) for path in folder.iterdir())
    resumed = batch.resume(out, inputs)
    assert sorted(Path(source).name[:9] for source in resumed.todo) == ["good-0002", "good-0004"]
    assert resumed.dropped == 2  # the partial line and the stale one
    assert changed not in out.read_bytes() and out.read_bytes().endswith(b"}\n")

    assert run_cli("batch", folder, "-o", out, "--resume", "--backend", "pdfium") == 1
    assert sorted(batch.line_input(line) for line in read_jsonl(out)) == inputs


def test_a_completed_run_replaces_the_output_and_resume_continues_it(
    corpus: Corpus, tmp_path: Path
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=2, broken=0)
    out = tmp_path / "out.jsonl"
    out.write_text("the output of an earlier run\n", encoding="utf-8")
    assert run_cli("batch", folder, "-o", out, "--backend", "pdfium") == 0
    assert len(read_jsonl(out)) == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out.jsonl"]

    build_folder(corpus, folder, good=3, broken=0)  # one more input
    assert run_cli("batch", folder, "-o", out, "--backend", "pdfium", "--resume") == 0
    assert len(read_jsonl(out)) == 3


# --- Parquet --------------------------------------------------------------------------------


def test_parquet_tables_have_a_row_per_item(corpus: Corpus, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    folder = build_folder(corpus, tmp_path / "in", good=10, broken=1)
    out = tmp_path / "out.parquet"
    assert run_cli("batch", folder, "-o", out, "--backend", "pdfium") == 1
    lines = read_jsonl(out / "records.jsonl")
    records = [line for line in lines if "error" not in line]
    tables = {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}
    expected = {
        "documents": len(records),
        "errors": len(BROKEN),
        "questions": sum(len(r["questions"]) for r in records),
        "answers": sum(len(r["answers"]) for r in records),
        "references": sum(len(a["references"]) for r in records for a in r["answers"]),
        "pairs": sum(len(p["answers"]) or 1 for r in records for p in r["pairs"]),
        "money": sum(len(r["money"]) for r in records),
        "dates": sum(len(r["dates"]) for r in records),
    }
    assert {name: table.num_rows for name, table in tables.items()} == expected
    keys = set(tables["documents"].column("doc_key").to_pylist())
    assert len(keys) == len(records)  # copies of one PDF are still different documents
    for name in ("questions", "answers", "money", "dates"):
        assert set(tables[name].column("doc_key").to_pylist()) <= keys
    money = tables["money"].to_pylist()[0]
    assert decimal_text(money["amount"]) in {m["amount"] for r in records for m in r["money"]}


# --- verify ---------------------------------------------------------------------------------


def test_verify_an_unchanged_output_and_a_hand_edited_line(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=5, broken=1)
    out = tmp_path / "out.jsonl"
    run_cli("batch", folder, "-o", out, "--backend", "pdfium")
    capsys.readouterr()
    assert run_cli("verify", out) == 0
    assert "10 of 10 lines the same, 0 differ" in capsys.readouterr().out

    lines = read_jsonl(out)
    edited = next(index for index, line in enumerate(lines) if "error" not in line)
    lines[edited]["questions"][0]["text"] = "Een vraag die nooit gesteld werd?"
    out.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert run_cli("verify", out) == 1
    report = capsys.readouterr().out
    assert f"DIFFERS {batch.line_input(lines[edited])}: unexplained" in report
    assert "questions[0].text: 'Een vraag die nooit gesteld werd?' -> " in report
    assert "9 of 10 lines the same, 1 differ" in report


def test_verify_says_when_the_input_changed(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = build_folder(corpus, tmp_path / "in", good=2, broken=0)
    out = tmp_path / "out.jsonl"
    run_cli("batch", folder, "-o", out, "--backend", "pdfium")
    target = sorted(folder.iterdir())[0]
    shutil.copyfile(corpus[0][-1], target)  # another document under the same name
    capsys.readouterr()
    assert run_cli("verify", out) == 1
    assert f"DIFFERS {target}: input changed (sha256 " in capsys.readouterr().out


def test_error_lines_name_the_input_its_hash_and_the_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = batch.BatchResult(str(empty), error=batch.ErrorInfo("EmptyDocumentError", "empty"))
    line = json.loads(batch.result_line(result))
    assert line == {
        "source": str(empty),
        "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "error": {"type": "EmptyDocumentError", "message": "empty"},
    }
    assert batch.line_input(line) == str(empty)
    assert Counter(batch.doc_key(line) for _ in range(2)) == {batch.doc_key(line): 2}
