"""Parquet output of a batch: the JSONL lines as flat tables joined by `doc_key`.

One file per table in a folder, each written whole or not at all (needs pyarrow, the
`vpdocs[parquet]` extra): documents, questions, answers, references, pairs, money, dates,
errors. Money amounts are decimal(38,10), never float.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from vpdocs.batch import doc_key, line_input

# --- 4. Parquet: flat tables joined by doc_key ---------------------------------------------

TABLES = ("documents", "questions", "answers", "references", "pairs", "money", "dates", "errors")


def write_parquet(
    lines: Iterable[Mapping[str, Any]], folder: Path, *, batch: int = 1000
) -> dict[str, int]:
    """Write JSONL lines as `folder/<table>.parquet` files (see `TABLES`); rows per table.

    Every table has `doc_key`; each file appears complete or not at all.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ImportError("Parquet output needs pyarrow: pip install 'vpdocs[parquet]'") from exc
    folder.mkdir(parents=True, exist_ok=True)
    schemas = _schemas(pa)
    parts = {name: folder / f".{name}.parquet.partial" for name in TABLES}
    writers = {name: pq.ParquetWriter(parts[name], schemas[name]) for name in TABLES}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    counts = dict.fromkeys(TABLES, 0)

    def flush() -> None:
        for name, pending in rows.items():
            writers[name].write_table(pa.Table.from_pylist(pending, schema=schemas[name]))
            counts[name] += len(pending)
            pending.clear()

    try:
        for number, line in enumerate(lines, start=1):
            for table, row in _rows(line):
                rows[table].append(row)
            if number % batch == 0:
                flush()
        flush()
    finally:
        for writer in writers.values():
            writer.close()
    for name in TABLES:
        parts[name].replace(folder / f"{name}.parquet")
    return counts


def _schemas(pa: Any) -> dict[str, Any]:
    text, key, integer, real = pa.string(), pa.string(), pa.int64(), pa.float64()
    box = [("page", integer), ("x0", real), ("top", real), ("x1", real), ("bottom", real)]
    span = [("char_start", integer), ("char_end", integer), ("rule", text)]
    return {
        "documents": pa.schema([
            ("doc_key", key), ("source", text), ("path", text), ("url", text),
            ("sha256", text), ("pages", integer), ("pdf_url", text), ("page_url", text),
            ("opendata_id", text), ("answered_on", pa.date32()), ("number", integer),
            ("asked_by", text), ("addressed_to", text), ("minister_title", text),
            ("date_asked", pa.date32()), ("title", text), ("theme", text), ("layout", text),
            ("preamble", text), ("answer_intro", text), ("annexes", pa.list_(text)),
            ("warnings", pa.list_(text)), ("questions", integer), ("answers", integer),
            ("vpdocs_version", text), ("rules_digest", text), ("backend", text),
        ]),
        "questions": pa.schema([
            ("doc_key", key), ("position", integer), ("label", text), ("text", text),
            ("context", text), *box,
        ]),
        "answers": pa.schema([
            ("doc_key", key), ("answer", integer), ("labels", pa.list_(text)),
            ("heading", text), ("text", text), *box,
        ]),
        "references": pa.schema([
            ("doc_key", key), ("answer", integer), ("number", integer),
            ("date", pa.date32()), ("text", text),
        ]),
        "pairs": pa.schema([
            ("doc_key", key), ("question", text), ("label", text), ("answer", integer),
        ]),
        "money": pa.schema([
            ("doc_key", key), ("block", text), ("text", text),
            ("amount", pa.decimal128(38, 10)), ("currency", text), ("implied", pa.bool_()),
            ("per", text), *span, *box,
        ]),
        "dates": pa.schema([
            ("doc_key", key), ("block", text), ("text", text), ("start", pa.date32()),
            ("end", pa.date32()), ("granularity", text), ("relative", pa.bool_()),
            *span, *box,
        ]),
        "errors": pa.schema([
            ("doc_key", key), ("source", text), ("sha256", text), ("type", text),
            ("message", text),
        ]),
    }  # fmt: skip


def _rows(line: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    key = doc_key(line)
    if "error" in line:
        error = line["error"]
        yield "errors", {"doc_key": key, "source": line["source"], "sha256": line.get("sha256"),
                         "type": error.get("type"), "message": error.get("message")}  # fmt: skip
        return
    yield "documents", _document_row(key, line)
    for position, question in enumerate(line["questions"], start=1):
        yield "questions", {"doc_key": key, "position": position, "label": question["label"],
                            "text": question["text"], "context": question.get("context"),
                            **_box(question.get("bbox"))}  # fmt: skip
    blocks: dict[str, list[int]] = {}
    for number, answer in enumerate(line["answers"], start=1):
        for label in answer["labels"]:
            blocks.setdefault(label, []).append(number)
        yield "answers", {"doc_key": key, "answer": number, "labels": answer["labels"],
                          "heading": answer.get("heading"), "text": answer["text"],
                          **_box(answer.get("bbox"))}  # fmt: skip
        for ref in answer.get("references", []):
            yield "references", {"doc_key": key, "answer": number, "number": ref["number"],
                                 "date": _date(ref.get("date")), "text": ref["text"]}  # fmt: skip
    for pair in line["pairs"]:
        for label, block in _pair_answers(pair["answers"], blocks):
            yield "pairs", {"doc_key": key, "question": pair["question"], "label": label,
                            "answer": block}  # fmt: skip
    for money in line["money"]:
        yield "money", {"doc_key": key, **_mention(money), "amount": _amount(money["amount"]),
                        "currency": money["currency"], "implied": money.get("implied", False),
                        "per": money.get("per")}  # fmt: skip
    for date in line["dates"]:
        yield "dates", {"doc_key": key, **_mention(date), "start": _date(date["start"]),
                        "end": _date(date["end"]), "granularity": date["granularity"],
                        "relative": date.get("relative", False)}  # fmt: skip


def _pair_answers(
    labels: list[str], blocks: Mapping[str, list[int]]
) -> Iterator[tuple[str | None, int | None]]:
    """(label, answer block number) per answer of a pair; one (None, None) when unanswered."""
    if not labels:
        yield None, None
    for label in labels:
        numbers: list[int | None] = [*blocks.get(label, [])] or [None]
        for number in numbers:
            yield label, number


def _document_row(key: str, line: Mapping[str, Any]) -> dict[str, Any]:
    source, provenance = line["source"], line["provenance"]
    names = ("number", "asked_by", "addressed_to", "minister_title", "title", "theme", "layout",
             "preamble", "answer_intro", "annexes", "warnings")  # fmt: skip
    return {
        "doc_key": key,
        "source": line_input(line),
        **{name: source.get(name) for name in ("path", "url", "sha256", "pages", "pdf_url")},
        **{name: source.get(name) for name in ("page_url", "opendata_id")},
        "answered_on": _date(source.get("answered_on")),
        "date_asked": _date(line.get("date_asked")),
        **{name: line.get(name) for name in names},
        "questions": len(line["questions"]),
        "answers": len(line["answers"]),
        **{name: provenance[name] for name in ("vpdocs_version", "rules_digest", "backend")},
    }


def _mention(item: Mapping[str, Any]) -> dict[str, Any]:
    names = ("block", "text", "char_start", "char_end", "rule")
    return {**{name: item.get(name) for name in names}, **_box(item.get("bbox"))}


def _box(box: Mapping[str, Any] | None) -> dict[str, Any]:
    names = ("page", "x0", "top", "x1", "bottom")
    return {name: (box or {}).get(name) for name in names}


def _date(value: str | None) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(value) if value else None


def _amount(value: str) -> Any:
    from decimal import Decimal

    return Decimal(value).quantize(Decimal("1e-10"))
