"""A folder of written questions to tables, and one question asked of them in SQL.

    python examples/batch_to_duckdb.py [FOLDER_OR_FILE ...]

Parses every .txt and .pdf (default: `seeds/` and, in a source checkout, `tests/devset/`),
builds three pandas DataFrames (documents, money, dates) and asks DuckDB for the money
mentioned per minister. Needs the dev dependencies `pandas` and `duckdb`.
Runs in CI (tests/test_examples.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pandas as pd

import vpdocs
from vpdocs.records import decimal_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT / "seeds", ROOT / "tests" / "devset"]

# Money per minister: a sum of mentions, not of budgets (an amount named twice counts twice),
# and rates ('250 euro per leerling') left out, as a sum of them means nothing.
PER_MINISTER = """
    SELECT d.addressed_to                         AS minister,
           m.currency,
           COUNT(DISTINCT d.doc)                  AS documents,
           COUNT(*)                               AS mentions,
           SUM(CAST(m.amount AS DECIMAL(38, 4)))  AS total
    FROM money AS m
    JOIN documents AS d USING (doc)
    WHERE m.per IS NULL
    GROUP BY ALL
    ORDER BY total DESC
"""


def input_files(values: list[str]) -> list[Path]:
    folders = [Path(value) for value in values] or [p for p in DEFAULT_INPUTS if p.is_dir()]
    files: list[Path] = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
        else:
            files.extend(sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".pdf"}))
    return files


DOCUMENT_COLUMNS = ["doc", "number", "asked_by", "addressed_to", "date_asked", "title",
                    "questions", "unanswered"]  # fmt: skip
MONEY_COLUMNS = ["doc", "block", "text", "amount", "currency", "implied", "per"]
DATE_COLUMNS = ["doc", "block", "text", "start", "end", "granularity"]


def tables(records: list[vpdocs.WrittenQuestion]) -> dict[str, pd.DataFrame]:
    """One row per document, per money mention and per date mention."""
    documents = [
        (r.source.path, r.number, r.asked_by, r.addressed_to, r.date_asked, r.title,
         len(r.questions), sum(not pair.answers for pair in r.pairs))
        for r in records
    ]  # fmt: skip
    money = [
        # the amount as exact text: DuckDB casts it to DECIMAL (a float would round it)
        (r.source.path, m.block, m.text, decimal_text(m.amount), m.currency, m.implied, m.per)
        for r in records
        for m in r.money
    ]
    dates = [
        (r.source.path, d.block, d.text, d.start, d.end, d.granularity)
        for r in records
        for d in r.dates
    ]
    return {
        "documents": pd.DataFrame(documents, columns=DOCUMENT_COLUMNS),
        "money": pd.DataFrame(money, columns=MONEY_COLUMNS),
        "dates": pd.DataFrame(dates, columns=DATE_COLUMNS),
    }


def main(argv: list[str]) -> int:
    files = input_files(argv)
    records = []
    for path in files:
        try:
            records.append(vpdocs.parse(path))
        except vpdocs.VpdocsError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
    frames = tables(records)
    # The same question as .txt and as .pdf (the seeds hold both) is one document.
    documents = frames["documents"]
    kept = documents.drop_duplicates(subset=["number", "date_asked", "asked_by"])
    frames = {name: frame[frame["doc"].isin(kept["doc"])] for name, frame in frames.items()}
    print(
        f"{len(files)} files, {len(records)} parsed, {len(kept)} documents, "
        f"{len(frames['money'])} money and {len(frames['dates'])} date mentions"
    )

    connection = duckdb.connect()
    for name, frame in frames.items():
        connection.register(name, frame)
    rows = connection.execute(PER_MINISTER).fetchall()
    print(f"\n{'minister':<28} {'cur':<4} {'docs':>4} {'mentions':>8} {'total':>18}")
    for minister, currency, count, mentions, total in rows:
        print(f"{minister or '?':<28} {currency:<4} {count:>4} {mentions:>8} {total:>18,.2f}")
    return 0 if records else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
