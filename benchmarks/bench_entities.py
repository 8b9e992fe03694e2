"""Entity-stage throughput on the annotated documents: mentions and characters per second.

    python benchmarks/bench_entities.py [--rounds 20] [GOLD_DIR]

Runs stage 4 alone (the spaCy rule pipeline and the value functions) on the body blocks
of every document, on one core, after one warm-up round. Target: >= 200,000 chars/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from vpdocs import entities, extract, records, segment

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=ROOT / "tests" / "devset")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    documents = []
    for path in sorted(args.gold_dir.glob("*.txt")):
        segments = segment.segment(extract.from_text(path.read_text(encoding="utf-8")))
        documents.append((records.entity_blocks(segments), segments.header.date_asked))
    chars = sum(len(block.text) for blocks, _ in documents for _, block in blocks)
    entities.load_pipeline()
    mentions = sum(
        len(m.money) + len(m.dates)
        for blocks, reference in documents
        for m in entities.annotate(blocks, reference_date=reference)
    )
    start = time.perf_counter()
    for _ in range(args.rounds):
        for blocks, reference in documents:
            entities.annotate(blocks, reference_date=reference)
    seconds = (time.perf_counter() - start) / args.rounds
    print(f"documents            {len(documents)}")
    print(f"characters           {chars}")
    print(f"mentions             {mentions}")
    print(f"seconds per pass     {seconds:.4f}")
    print(f"characters/s         {chars / seconds:,.0f}   (target >= 200,000)")
    print(f"mentions/s           {mentions / seconds:,.0f}")


if __name__ == "__main__":
    main()
