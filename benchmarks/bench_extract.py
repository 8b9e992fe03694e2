"""PDF extraction cost: bare pdfplumber vs vpdocs end to end, on both backends, one run.

    python benchmarks/bench_extract.py [--rounds 3] [--pages-per-doc N]

Renders the annotated documents with both fixture producers (optionally made longer by
repeating their answers, to get multi-page documents), then times on the same files:
  bare    pdfplumber `extract_text()` of every page (pages closed), nothing else
  default vpdocs.parse(...) with the pdfplumber backend (all six stages)
  pdfium  vpdocs.parse(...) with the pypdfium2 backend
Targets: default <= 1.15 x bare; pdfium >= 10 x faster than default.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pdfgen import PRODUCERS  # noqa: E402

import vpdocs  # noqa: E402
from vpdocs import entities  # noqa: E402


def longer(text: str, times: int) -> str:
    """The document with its answer part repeated, for multi-page documents."""
    head, marker, answers = text.partition("\nANTWOORD\n")
    if not marker or times <= 1:
        return text
    body = answers.split("\n", 2)
    return head + marker + "\n".join(body[:2]) + "\n" + "\n".join([body[2]] * times)


def render(folder: Path, times: int) -> list[Path]:
    files = []
    for source in sorted((ROOT / "tests" / "devset").glob("*.txt")):
        text = longer(source.read_text(encoding="utf-8"), times)
        for name, producer in PRODUCERS.items():
            files.append(producer(text, folder / f"{source.stem}-{name}.pdf"))
    return files


def bare(files: list[Path]) -> int:
    pages = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                try:
                    page.extract_text()
                    pages += 1
                finally:
                    page.close()
    return pages


def timed(run: object, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--repeat-answers", type=int, default=1, help="repeat each answer part N times"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = render(Path(tmp), args.repeat_answers)
        pages = bare(files)
        entities.load_pipeline()
        for path in files[:2]:
            vpdocs.parse(path)
        t_bare = timed(lambda: bare(files), args.rounds)
        t_default = timed(
            lambda: [vpdocs.parse(p, settings={"backend": "pdfplumber"}) for p in files],
            args.rounds,
        )
        t_pdfium = timed(
            lambda: [vpdocs.parse(p, settings={"backend": "pdfium"}) for p in files], args.rounds
        )
    print(f"documents {len(files)}, pages {pages} (best of {args.rounds} rounds)")
    print(f"{'':24}{'seconds':>9}{'pages/s':>10}{'ms/page':>9}")
    for name, seconds in (
        ("bare pdfplumber", t_bare),
        ("vpdocs, pdfplumber", t_default),
        ("vpdocs, pdfium", t_pdfium),
    ):
        print(f"{name:<24}{seconds:>9.3f}{pages / seconds:>10.1f}{seconds / pages * 1000:>9.2f}")
    print(f"default / bare       {t_default / t_bare:.3f}   (target <= 1.15)")
    print(f"default / pdfium     {t_default / t_pdfium:.2f}    (target >= 10)")


if __name__ == "__main__":
    main()
