"""Score vpdocs against gold files (`<stem>.gold.json` beside `<stem>.txt` / `<stem>.pdf`).

Metrics, each as precision / recall / F1 over the whole set:
  metadata   number, asked_by, addressed_to, date_asked, title: exactly right
  questions  leaf questions with the right label and text
  answers    answer blocks with the right labels and text
  alignment  leaf questions whose answering labels are right
  money      mentions with the right text, amount and currency (strict)
  dates      mentions with the right text, start and end (strict)
Texts are compared whitespace-normalised.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from vpdocs.blocks import normalise_space
from vpdocs.records import WrittenQuestion

METRICS = ("metadata", "questions", "answers", "alignment", "money", "dates")
METADATA_FIELDS = ("number", "asked_by", "addressed_to", "date_asked", "title")


class _Gold(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldQuestion(_Gold):
    label: str
    text: str


class GoldAnswer(_Gold):
    labels: list[str]
    text: str


class GoldMoney(_Gold):
    text: str
    amount: Decimal
    currency: str


class GoldDate(_Gold):
    text: str
    start: dt.date
    end: dt.date


class GoldDocument(_Gold):
    """One gold file, as written down in GOLD_FORMAT.md."""

    number: int | None = None
    asked_by: str | None = None
    addressed_to: str | None = None
    date_asked: dt.date | None = None
    title: str | None = None
    questions: list[GoldQuestion] = []
    answers: list[GoldAnswer] = []
    pairs: dict[str, list[str]] = {}
    money: list[GoldMoney] = []
    dates: list[GoldDate] = []
    notes: str = ""


@dataclass(slots=True)
class Count:
    """Matched, found and expected items of one metric."""

    matched: int = 0
    found: int = 0
    expected: int = 0

    def add(self, other: Count) -> None:
        self.matched += other.matched
        self.found += other.found
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """One difference from gold: missed, spurious, or found with a wrong value."""

    metric: str
    kind: str  # "missed", "spurious", "wrong"
    gold: str | None
    found: str | None


@dataclass(slots=True)
class DocumentScore:
    name: str
    counts: dict[str, Count] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class Evaluation:
    documents: list[DocumentScore]

    def total(self, metric: str) -> Count:
        count = Count()
        for document in self.documents:
            count.add(document.counts.get(metric, Count()))
        return count

    @property
    def errors(self) -> list[DocumentScore]:
        return [document for document in self.documents if document.error]


def load_gold(path: Path) -> GoldDocument:
    return GoldDocument.model_validate_json(path.read_bytes())


# --- matching -------------------------------------------------------------------------------


def _match(
    metric: str,
    gold: Sequence[tuple[Hashable, str]],
    found: Sequence[tuple[Hashable, str]],
    text_of: Callable[[Hashable], str] = str,
) -> tuple[Count, list[Miss]]:
    """Multiset match of (key, shown) items; an unmatched pair with equal text is 'wrong'."""
    want = Counter(key for key, _ in gold)
    have = Counter(key for key, _ in found)
    matched = sum((want & have).values())
    missed = _unmatched(gold, want - have)
    spurious = _unmatched(found, have - want)
    misses: list[Miss] = []
    for key, shown in missed:
        partner = next((item for item in spurious if text_of(item[0]) == text_of(key)), None)
        if partner is not None:
            spurious.remove(partner)
            misses.append(Miss(metric, "wrong", shown, partner[1]))
        else:
            misses.append(Miss(metric, "missed", shown, None))
    misses.extend(Miss(metric, "spurious", None, shown) for _, shown in spurious)
    return Count(matched, len(found), len(gold)), misses


def _unmatched(
    items: Iterable[tuple[Hashable, str]], left: Counter[Hashable]
) -> list[tuple[Hashable, str]]:
    remaining = Counter(left)
    result = []
    for key, shown in items:
        if remaining[key] > 0:
            remaining[key] -= 1
            result.append((key, shown))
    return result


def _first(key: Hashable) -> str:
    return str(key[0]) if isinstance(key, tuple) else str(key)


def score_document(name: str, record: WrittenQuestion, gold: GoldDocument) -> DocumentScore:
    """Compare one record with its gold file."""
    score = DocumentScore(name)
    metadata = [(f, (f, str(getattr(gold, f)))) for f in METADATA_FIELDS]
    found_meta = [(f, (f, str(getattr(record, f)))) for f in METADATA_FIELDS]
    items: dict[str, tuple[list[tuple[Hashable, str]], list[tuple[Hashable, str]]]] = {
        "metadata": (
            [(key, f"{key[0]}={key[1]}") for _, key in metadata],
            [(key, f"{key[0]}={key[1]}") for _, key in found_meta],
        ),
        "questions": (
            [((q.label, normalise_space(q.text)), f"{q.label}: {q.text}") for q in gold.questions],
            [
                ((q.label, normalise_space(q.text)), f"{q.label}: {q.text}")
                for q in record.questions
            ],
        ),
        "answers": (
            [
                ((tuple(a.labels), normalise_space(a.text)), f"{a.labels}: {a.text}")
                for a in gold.answers
            ],
            [
                ((tuple(a.labels), normalise_space(a.text)), f"{a.labels}: {a.text}")
                for a in record.answers
            ],
        ),
        "alignment": (
            [((label, tuple(found)), f"{label} -> {found}") for label, found in gold.pairs.items()],
            [
                ((p.question, tuple(p.answers)), f"{p.question} -> {p.answers}")
                for p in record.pairs
            ],
        ),
        "money": (
            [
                ((m.text, m.amount, m.currency), f"{m.text} = {m.amount} {m.currency}")
                for m in gold.money
            ],
            [
                ((m.text, m.amount, m.currency), f"{m.text} = {m.amount} {m.currency}")
                for m in record.money
            ],
        ),
        "dates": (
            [((d.text, d.start, d.end), f"{d.text} = {d.start}..{d.end}") for d in gold.dates],
            [((d.text, d.start, d.end), f"{d.text} = {d.start}..{d.end}") for d in record.dates],
        ),
    }
    for metric, (want, have) in items.items():
        count, misses = _match(metric, want, have, _first)
        score.counts[metric] = count
        score.misses.extend(misses)
    return score


# --- a gold folder --------------------------------------------------------------------------


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.gold.json"))


def evaluate(
    folder: Path,
    parse: Callable[[Path], WrittenQuestion],
    *,
    suffix: str = ".txt",
    inputs: Path | None = None,
) -> Evaluation:
    """Parse `<stem><suffix>` (in `inputs`, default the gold folder) for every gold file."""
    scores = []
    for gold_path in gold_files(folder):
        stem = gold_path.name.removesuffix(".gold.json")
        source = (inputs or folder) / f"{stem}{suffix}"
        try:
            record = parse(source)
        except Exception as exc:  # a crash is a result of the evaluation, not its end
            scores.append(DocumentScore(stem, error=f"{type(exc).__name__}: {exc}"))
            continue
        scores.append(score_document(stem, record, load_gold(gold_path)))
    return Evaluation(scores)


def format_report(evaluation: Evaluation, *, verbose: bool = False) -> str:
    """The summary table (and with `verbose`, one row per document and every miss)."""
    lines = []
    if verbose:
        lines.append(f"{'document':<34}" + "".join(f"{m[:9]:>10}" for m in METRICS))
        for document in evaluation.documents:
            if document.error:
                lines.append(f"{document.name:<34} ERROR {document.error}")
                continue
            cells = "".join(f"{document.counts[m].f1:>10.3f}" for m in METRICS)
            lines.append(f"{document.name:<34}{cells}")
            lines.extend(
                f"    {m.metric:<9} {m.kind:<8} gold: {m.gold!s:.90}  found: {m.found!s:.90}"
                for m in document.misses
            )
        lines.append("")
    lines.append(
        f"{'metric':<10}{'precision':>10}{'recall':>10}{'f1':>10}{'matched':>9}{'found':>7}{'gold':>7}"
    )
    for metric in METRICS:
        c = evaluation.total(metric)
        lines.append(
            f"{metric:<10}{c.precision:>10.3f}{c.recall:>10.3f}{c.f1:>10.3f}{c.matched:>9}{c.found:>7}{c.expected:>7}"
        )
    lines.append(f"documents: {len(evaluation.documents)}, crashed: {len(evaluation.errors)}")
    lines.extend(f"  {d.name}: {d.error}" for d in evaluation.errors)
    return "\n".join(lines)
