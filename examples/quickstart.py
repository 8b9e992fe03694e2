"""Parse the bundled written question and print each question with its answer and amounts.

    python examples/quickstart.py [FILE_OR_ID]

Runs in CI (tests/test_examples.py); the default input is the seed, nr. 352.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import vpdocs

SEED = Path(__file__).resolve().parents[1] / "seeds" / "sv-352-schooluitval.txt"


def main(argv: list[str]) -> int:
    record = vpdocs.parse(argv[0] if argv else SEED)
    print(f"nr. {record.number}: {record.title}")
    print(f"asked by {record.asked_by} on {record.date_asked}, addressed to {record.addressed_to}")
    for warning in record.warnings:
        print(f"warning: {warning}")

    # Each leaf question with the answer blocks that answer it (a grouped answer, printed
    # once as '3.' or '1 en 2.', lists every leaf it answers in `labels`).
    questions = {question.label: question for question in record.questions}
    for pair in record.pairs:
        print(f"\nQ{pair.question}: {short(questions[pair.question].text)}")
        if not pair.answers:
            print("   -> no answer")
        for answer in (a for a in record.answers if pair.question in a.labels):
            print(f"   -> answer {'+'.join(answer.labels)}: {short(answer.text)}")
            for money in answer.money:
                print(f"      {money.text!r} = {money.amount} {money.currency}")

    # Every amount of the body, with where it stands.
    print("\namounts:")
    for money in record.money:
        implied = " (currency implied)" if money.implied else ""
        print(f"  {money.amount:>12} {money.currency}  {money.text!r} in {money.block}{implied}")
    return 0


def short(text: str, width: int = 90) -> str:
    return textwrap.shorten(text, width=width, placeholder=" ...")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
