"""Stage 5, align: which leaf questions each answer block answers, by number, never by position.

An answer marked `3.` answers every leaf of question 3 (3a, 3b); `3. a) en b)` answers
3a and 3b; an unnumbered answer answers every leaf. A leaf no block answers is unanswered,
and the record says so in a warning; so does a block that names a question never asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vpdocs.segment import AnswerSegment, QuestionSegment, Ref


@dataclass(frozen=True, slots=True)
class Alignment:
    labels: tuple[tuple[str, ...], ...]  # per answer block, the leaves it answers
    pairs: tuple[tuple[str, tuple[str, ...]], ...]  # per leaf, the labels answering it
    warnings: tuple[str, ...]


def leaf_labels(ref: Ref, leaves: dict[int, list[str]]) -> list[str]:
    """The leaf labels a printed reference stands for ([] when that question was never asked)."""
    labels = leaves.get(ref.number)
    if labels is None:
        return []
    if ref.letter is not None and f"{ref.number}{ref.letter}" in labels:
        return [f"{ref.number}{ref.letter}"]
    return list(labels)


def _leaves_by_number(questions: Sequence[QuestionSegment]) -> dict[int, list[str]]:
    leaves: dict[int, list[str]] = {}
    for question in questions:
        leaves.setdefault(question.number, []).append(question.label)
    return leaves


def _block_labels(
    answer: AnswerSegment, leaves: dict[int, list[str]], everything: list[str]
) -> tuple[tuple[str, ...], list[str]]:
    if not answer.refs:
        return tuple(everything), []
    labels: list[str] = []
    warnings: list[str] = []
    for ref in answer.refs:
        found = leaf_labels(ref, leaves)
        if not found:
            printed = f"{ref.number}{ref.letter or ''}"
            warnings.append(
                f"answer '{answer.heading}' covers question {printed}, which was never asked"
            )
        labels.extend(label for label in found if label not in labels)
    return tuple(labels), warnings


def align(questions: Sequence[QuestionSegment], answers: Sequence[AnswerSegment]) -> Alignment:
    """Pair every leaf question with the answer blocks that answer it."""
    leaves = _leaves_by_number(questions)
    everything = [question.label for question in questions]
    block_labels: list[tuple[str, ...]] = []
    warnings: list[str] = []
    for answer in answers:
        labels, problems = _block_labels(answer, leaves, everything)
        block_labels.append(labels)
        warnings.extend(problems)
    covered = [label for labels in block_labels for label in labels]
    pairs = []
    for label in everything:
        pairs.append((label, (label,) if label in covered else ()))
        if label not in covered:
            warnings.append(f"question {label} has no answer")
        elif covered.count(label) > 1:
            warnings.append(f"question {label} is answered by {covered.count(label)} blocks")
    return Alignment(tuple(block_labels), tuple(pairs), tuple(warnings))
