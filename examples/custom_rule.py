"""Add a money rule to a copy of vpdocs' spaCy pipeline, and unit-test it.

    python examples/custom_rule.py        # or: python -m pytest examples/custom_rule.py

The packaged rules read '250 euro', '250 EUR' and '€ 250', but not a lower-case '250 eur'.
This adds one SpanRuler pattern to the `atoms` ruler of a *copy* of the pipeline (and,
because the tokenizer keeps 'eur.' at a sentence end as one token, one tokenizer special
case); the `vpdocs_entities` component after it turns the new span into a value as usual
(the word 'eur' is already in the currency list of models/rules/words.json).
To make such a rule permanent, add its line to models/rules/atoms.jsonl (where patterns may
use the word-list macros such as "@amount_shapes") and run `python scripts/build_model.py`.
Runs in CI (tests/test_examples.py).
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

import vpdocs.entities
import vpdocs.lexicon

RULE = {
    "id": "money-amount-eur-lowercase",
    "label": "MONEY",
    # A number written with digits ('een' is LIKE_NUM too, hence IS_ALPHA), then 'eur'.
    "pattern": [{"LIKE_NUM": True, "IS_ALPHA": False}, {"LOWER": "eur"}],
}

# (text, the money mentions the rule should give: text, amount, currency, per)
CASES_NEW_FORM = [
    ("De deelnemers betalen 250 eur per dag.", [("250 eur", "250", "EUR", "dag")]),
    ("een forfait van 1.250 eur", [("1.250 eur", "1250", "EUR", None)]),
    ("Dat kost 12.345,67 eur.", [("12.345,67 eur", "12345.67", "EUR", None)]),
]
CASES_UNCHANGED = [
    ("een werkingssubsidie van 64.000 euro", [("64.000 euro", "64000", "EUR", None)]),
    ("250 deelnemers uit de eurozone", []),
]


@functools.cache
def pipeline_with_rule() -> Language:
    """A fresh copy of the packaged pipeline with the new pattern in its `atoms` ruler.

    `vpdocs.entities.load_pipeline()` is the one pipeline vpdocs itself uses (loaded once,
    shared by every parse): leave it alone and load a copy from the same folder.
    """
    nlp = spacy.load(vpdocs.lexicon.pipeline_path())
    nlp.tokenizer.add_special_case("eur.", [{"ORTH": "eur"}, {"ORTH": "."}])
    nlp.get_pipe("atoms").add_patterns([RULE])  # validated: a typo in a key fails here
    return nlp


def find_money(nlp: Language, text: str) -> list[tuple[str, str, str, str | None]]:
    """What `vpdocs.entities.find_money` gives, read from any pipeline's Doc."""
    doc = nlp(text)
    return [
        (span.text, str(span._.amount), span._.currency, span._.per)
        for span in doc.spans[vpdocs.entities.MENTIONS]
        if span.label_ == "MONEY"
    ]


def test_the_tokenisation_the_pattern_relies_on() -> None:
    """Pin the tokens before trusting a pattern over them."""
    packaged = vpdocs.entities.load_pipeline()
    assert [t.text for t in packaged.make_doc("kost 12.345,67 eur.")][-1] == "eur."
    copy = pipeline_with_rule()
    assert [t.text for t in copy.make_doc("kost 12.345,67 eur.")] == [
        "kost", "12.345,67", "eur", ".",
    ]  # fmt: skip


def test_the_packaged_rules_miss_the_new_form() -> None:
    for text, _ in CASES_NEW_FORM:
        assert vpdocs.entities.find_money(text) == [], text


def test_the_new_rule_reads_the_new_form() -> None:
    for text, expected in CASES_NEW_FORM:
        assert find_money(pipeline_with_rule(), text) == expected, text


def test_the_new_rule_changes_nothing_else() -> None:
    for text, expected in CASES_UNCHANGED:
        assert find_money(pipeline_with_rule(), text) == expected, text


def test_the_packaged_pipeline_is_untouched() -> None:
    nlp = pipeline_with_rule()
    assert nlp is not vpdocs.entities.load_pipeline()
    assert [m.text for m in vpdocs.entities.find_money("250 eur")] == []


def main() -> int:
    nlp = pipeline_with_rule()
    print(f"pipeline: {' -> '.join(nlp.pipe_names)}; added pattern {RULE['id']!r}")
    for text, _ in CASES_NEW_FORM + CASES_UNCHANGED:
        print(f"  {text!r}: {find_money(nlp, text)}")
    tests = [value for name, value in globals().items() if name.startswith("test_")]
    for test in tests:
        test()
    print(f"{len(tests)} tests passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
