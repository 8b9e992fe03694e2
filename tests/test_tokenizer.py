"""The blank-Dutch tokenisation that the money and date patterns rely on.

Every pattern in `models/rules/*.jsonl` matches whole tokens, so a number form that the
tokenizer splits differently silently stops matching. These cases pin the tokens (and, for
number forms, the spaCy shapes the patterns test) of the packaged pipeline's tokenizer,
`vpdocs.entities.load_pipeline().make_doc(text)`, before any pattern runs
(after spaCy's own `tests/lang/nl/test_text.py`).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from vpdocs.entities import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The packaged pipeline, built once per test session."""
    return load_pipeline()


def tokens_of(nlp: Language, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]


# Number and date forms that must stay one token: the patterns read them whole.
CASES_ONE_TOKEN = [
    pytest.param("2016-2017", id="school year 2016-2017"),
    pytest.param("2019–2023", id="year span with an en dash 2019–2023"),
    pytest.param("2022-23", id="short school year 2022-23"),
    pytest.param("1/1/2024", id="numeric date 1/1/2024"),
    pytest.param("01.09.2023", id="dotted date 01.09.2023"),
    pytest.param("1-1-2025", id="hyphenated date 1-1-2025"),
    pytest.param("7.562.000", id="thousands dots 7.562.000"),
    pytest.param("12.345,67", id="decimal comma 12.345,67"),
    pytest.param("250,-", id="round amount 250,-"),
    pytest.param("1.250,--", id="round amount 1.250,--"),
    pytest.param("k€", id="scaled currency k€"),
    pytest.param("kEUR", id="scaled currency kEUR"),
    pytest.param("m²", id="square metre m²"),
    pytest.param("t.e.m.", id="range word t.e.m."),
    pytest.param("1ste", id="ordinal day 1ste"),
]

# Short texts and the tokens the patterns expect.
CASES_SPLIT = [
    pytest.param("320 k€.", ["320", "k€", "."], id="k€ then a full stop: 320 k€."),
    pytest.param("45 KEUR,", ["45", "KEUR", ","], id="KEUR then a comma: 45 KEUR,"),
    pytest.param(
        "Het kost 12 EUR.", ["Het", "kost", "12", "EUR", "."], id="EUR. at a sentence end"
    ),
    pytest.param("EUR.", ["EUR", "."], id="EUR. alone"),
    pytest.param("€1.250", ["€", "1.250"], id="euro sign glued to the amount: €1.250"),
    pytest.param("€ 250,- per", ["€", "250,-", "per"], id="€ 250,- per"),
    pytest.param("31/12/2023,", ["31/12/2023", ","], id="numeric date then a comma: 31/12/2023,"),
    pytest.param("2023-2024.", ["2023-2024", "."], id="school year then a full stop: 2023-2024."),
    pytest.param("vte’s", ["vte", "’s"], id="plural with a curly apostrophe: vte’s"),
    pytest.param("12,5 %", ["12,5", "%"], id="percentage with a space: 12,5 %"),
    pytest.param("artikel 81, 1°", ["artikel", "81", ",", "1", "°"], id="artikel 81, 1°"),
    pytest.param("nr. 352", ["nr.", "352"], id="nr. 352"),
    pytest.param("2019 - 2023", ["2019", "-", "2023"], id="spaced year span 2019 - 2023"),
    pytest.param("18 januari ll.", ["18", "januari", "ll."], id="past marker ll."),
    pytest.param("Q1 2024", ["Q1", "2024"], id="quarter code Q1 2024"),
    pytest.param("150kEUR", ["150", "kEUR"], id="kEUR glued to the amount: 150kEUR"),
    pytest.param(
        "150k€",
        ["150", "k€"],
        id="k€ glued to the amount: 150k€",
    ),
    pytest.param(
        "1 sept. 2016",
        ["1", "sept.", "2016"],
        id="month abbreviation with a dot: 1 sept. 2016",
    ),
    pytest.param(
        "15 april e.k.",
        ["15", "april", "e.k."],
        id="future marker e.k.",
    ),
    pytest.param(
        "2 mld. euro",
        ["2", "mld.", "euro"],
        id="scale abbreviation with a dot: 2 mld. euro",
    ),
]

# The spaCy shapes the number patterns are written against (`@amount_shapes`, `@years` ...).
CASES_SHAPES = [
    pytest.param("7.562.000", "d.ddd.ddd", id="shape of 7.562.000"),
    pytest.param("12.345,67", "dd.ddd,dd", id="shape of 12.345,67"),
    pytest.param("64000", "dddd", id="shape of 64000 (runs cut at four)"),
    pytest.param("250,-", "ddd,-", id="shape of 250,-"),
    pytest.param("2016-2017", "dddd-dddd", id="shape of 2016-2017"),
    pytest.param("2022-23", "dddd-dd", id="shape of 2022-23"),
    pytest.param("01.09.2023", "dd.dd.dddd", id="shape of 01.09.2023"),
    pytest.param("1/1/2024", "d/d/dddd", id="shape of 1/1/2024"),
    pytest.param("1-1-2025", "d-d-dddd", id="shape of 1-1-2025"),
]


@pytest.mark.parametrize("text", CASES_ONE_TOKEN)
def test_number_form_stays_one_token(nlp: Language, text: str) -> None:
    assert tokens_of(nlp, text) == [text]


@pytest.mark.parametrize(("text", "expected"), CASES_SPLIT)
def test_tokens(nlp: Language, text: str, expected: list[str]) -> None:
    assert tokens_of(nlp, text) == expected


@pytest.mark.parametrize(("text", "shape"), CASES_SHAPES)
def test_number_shape(nlp: Language, text: str, shape: str) -> None:
    (token,) = nlp.make_doc(text)
    assert token.shape_ == shape
