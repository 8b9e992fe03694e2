"""Segmentation rules one by one, then small whole documents for each numbering phenomenon.

The first half pins the named rules of `vpdocs.segment` and `vpdocs.extract` on short strings:
question references ('1 en 2', '3. a) en b)'), the marker regexes, capitals lines, header
dates, annex captions, references to other questions, line-end hyphens and character
clean-up. The second half builds short documents in the modern format inline and checks what
`vpdocs.parse_text` makes of each numbering phenomenon of PHENOMENA.md (P5-P14), with the
expected labels and texts written from the rules of GOLD_FORMAT.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest

import vpdocs
from vpdocs import extract, segment
from vpdocs.records import WrittenQuestion
from vpdocs.segment import Ref

# --- segment.parse_refs ---------------------------------------------------------------------------

CASES_REFS = [
    pytest.param("1 en 2", [(1, None), (2, None)], id="1 en 2"),
    pytest.param("1-3", [(1, None), (2, None), (3, None)], id="1-3"),
    pytest.param("1 tot en met 3", [(1, None), (2, None), (3, None)], id="1 tot en met 3"),
    pytest.param("2 tot 4", [(2, None), (3, None), (4, None)], id="2 tot 4"),
    pytest.param("3. a) en b)", [(3, "a"), (3, "b")], id="3. a) en b)"),
    pytest.param("3 a) en b)", [(3, "a"), (3, "b")], id="3 a) en b)"),
    pytest.param("a) tot c)", [(0, "a"), (0, "b"), (0, "c")], id="a) tot c) (parent unknown: 0)"),
    pytest.param("1, 2 en 3", [(1, None), (2, None), (3, None)], id="1, 2 en 3"),
    pytest.param("1 t.e.m. 3", [(1, None), (2, None), (3, None)], id="1 t.e.m. 3"),
    pytest.param("1 t/m 3", [(1, None), (2, None), (3, None)], id="1 t/m 3"),
    pytest.param("1 – 3", [(1, None), (2, None), (3, None)], id="1 – 3 (en dash)"),
    pytest.param("2 en 4", [(2, None), (4, None)], id="2 en 4 (no range)"),
    pytest.param("1-3 en 5", [(1, None), (2, None), (3, None), (5, None)], id="1-3 en 5"),
    pytest.param("4. a) tot c)", [(4, "a"), (4, "b"), (4, "c")], id="4. a) tot c)"),
    pytest.param("3a)", [(3, "a")], id="3a)"),
    pytest.param("(b)", [(0, "b")], id="(b)"),
    pytest.param("12", [(12, None)], id="12"),
]


@pytest.mark.parametrize(("text", "expected"), CASES_REFS)
def test_parse_refs(text: str, expected: list[tuple[int, str | None]]) -> None:
    assert segment.parse_refs(text) == tuple(Ref(number, letter) for number, letter in expected)


# --- the marker regexes ------------------------------------------------------------------------


def numbered_marker(text: str) -> str | None:
    """The refs of a numbered marker at the start of `text`, as segmentation accepts it.

    NUMBERED_MARKER also matches a bare leading number ('31' of '31 augustus 2025.'); a
    marker needs its terminator ('.', ')', ':') or a closing ')' of a letter ('3 a)').
    """
    match = segment.NUMBERED_MARKER.match(text)
    if match is None or (match.group("term") is None and not match.group("refs").endswith(")")):
        return None
    return match.group("refs")


CASES_NUMBERED = [
    pytest.param("1. Graag een overzicht", "1", id="1. Graag"),
    pytest.param("12. Hoeveel", "12", id="12. Hoeveel"),
    pytest.param("1) Hoeveel", "1", id="1) Hoeveel"),
    pytest.param("1: Hoeveel", "1", id="1: Hoeveel"),
    pytest.param("3. a) Wat is", "3. a)", id="3. a) Wat is"),
    pytest.param("3 a) en b) De", "3 a) en b)", id="3 a) en b) De"),
    pytest.param("1 en 2. De", "1 en 2", id="1 en 2. De"),
    pytest.param("1-3. Het", "1-3", id="1-3. Het"),
    pytest.param("1 tot en met 3. Het", "1 tot en met 3", id="1 tot en met 3. Het"),
    pytest.param("2 tot 4. Het", "2 tot 4", id="2 tot 4. Het"),
    pytest.param("21. Daarmee", "21", id="21. Daarmee (the regex matches; the chain decides)"),
    pytest.param("1.", "1", id="1. alone on its line"),
]

CASES_NOT_NUMBERED = [
    pytest.param("7.562.000 euro werd toegekend", id="7.562.000 euro"),
    pytest.param("31 augustus 2025.", id="31 augustus 2025."),
    pytest.param("2023 was een recordjaar", id="2023 was een recordjaar"),
    pytest.param("1.200 plaatsen", id="1.200 plaatsen"),
    pytest.param("2 en 3 projecten per provincie", id="2 en 3 projecten"),
    pytest.param("1.5 miljoen", id="1.5 miljoen"),
    pytest.param("2023.", id="2023."),
    pytest.param("5.000 euro", id="5.000 euro"),
    pytest.param("14 taalcoaches", id="14 taalcoaches"),
    pytest.param("Graag een overzicht", id="no number at all"),
]


@pytest.mark.parametrize(("text", "refs"), CASES_NUMBERED)
def test_numbered_marker(text: str, refs: str) -> None:
    assert numbered_marker(text) == refs


@pytest.mark.parametrize("text", CASES_NOT_NUMBERED)
def test_not_a_numbered_marker(text: str) -> None:
    assert numbered_marker(text) is None


CASES_HEADING = [
    pytest.param("Vraag 1:", "1", id="Vraag 1:"),
    pytest.param("Vraag 2: Hoeveel deelnemers", "2", id="Vraag 2: Hoeveel"),
    pytest.param("Antwoord op vraag 3", "3", id="Antwoord op vraag 3"),
    pytest.param("Antwoord op vraag 3.", "3", id="Antwoord op vraag 3."),
    pytest.param("Antwoord op de vragen 1 en 2", "1 en 2", id="Antwoord op de vragen 1 en 2"),
    pytest.param("Antwoord op vraag 3 a)", "3 a)", id="Antwoord op vraag 3 a)"),
    pytest.param("Vragen 1 tot en met 3", "1 tot en met 3", id="Vragen 1 tot en met 3"),
    pytest.param("Vraag 12 - ", "12", id="Vraag 12 -"),
    pytest.param("Antwoorden op de vragen 1 en 2", "1 en 2", id="Antwoorden op de vragen"),
]

CASES_NOT_HEADING = [
    pytest.param("Vraag nr. 42 van 8 maart 2006 van JAN LOONES", id="a bulletin item line"),
    pytest.param("Antwoord", id="Antwoord alone"),
    pytest.param("ANTWOORD", id="ANTWOORD alone"),
    pytest.param("vraag 1: in een zin", id="lower case vraag"),
    pytest.param("Vraagstelling 1: x", id="Vraagstelling"),
    pytest.param("Vragen over 2023", id="Vragen over 2023"),
]


@pytest.mark.parametrize(("text", "refs"), CASES_HEADING)
def test_heading_marker(text: str, refs: str) -> None:
    match = segment.HEADING_MARKER.match(text)
    assert match is not None
    assert match.group("refs") == refs


@pytest.mark.parametrize("text", CASES_NOT_HEADING)
def test_not_a_heading_marker(text: str) -> None:
    assert segment.HEADING_MARKER.match(text) is None


CASES_LETTER = [
    pytest.param("a) Wat is de opdracht?", "a)", id="a) Wat"),
    pytest.param("(b) Hoe", "(b)", id="(b) Hoe"),
    pytest.param("a) en b) De functies", "a) en b)", id="a) en b) De"),
    pytest.param("c) tot e) Zie boven.", "c) tot e)", id="c) tot e)"),
    pytest.param("b)", "b)", id="b) alone"),
    pytest.param("a. Wat is de opdracht?", "a.", id="a. (dot style)"),
]

CASES_NOT_LETTER = [
    pytest.param("ab) x", id="two letters"),
    pytest.param("A) Wat", id="capital A)"),
    pytest.param("a)Wat", id="no space after the marker"),
    pytest.param("aan de minister", id="a word starting with a"),
]


@pytest.mark.parametrize(("text", "refs"), CASES_LETTER)
def test_letter_marker(text: str, refs: str) -> None:
    match = segment.LETTER_MARKER.match(text)
    assert match is not None
    assert match.group("refs") == refs


@pytest.mark.parametrize("text", CASES_NOT_LETTER)
def test_not_a_letter_marker(text: str) -> None:
    assert segment.LETTER_MARKER.match(text) is None


# --- capitals lines, header dates, annex captions, references -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("VLAAMS MINISTER VAN ONDERWIJS", True, id="minister title"),
        pytest.param("BEN WEYTS", True, id="minister name"),
        pytest.param("EMINE GÜL ISCI", True, id="name with a diacritic"),
        pytest.param(
            "VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING,", True, id="title with punctuation"
        ),
        pytest.param("ANTWOORD", True, id="ANTWOORD"),
        pytest.param("Ben Weyts", False, id="title case"),
        pytest.param("Provinciale netwerken Samen tegen Schooluitval", False, id="a title line"),
        pytest.param("A", False, id="a single letter"),
        pytest.param("ICS) en", False, id="capitals then lower case"),
        pytest.param("2024", False, id="no letters"),
    ],
)
def test_is_capitals(text: str, expected: bool) -> None:
    assert segment.is_capitals(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("15 maart 2024", dt.date(2024, 3, 15), id="15 maart 2024"),
        pytest.param("datum: 15 maart 2024", dt.date(2024, 3, 15), id="in a datum line"),
        pytest.param("15 MAART 2024", dt.date(2024, 3, 15), id="month in capitals"),
        pytest.param("1ste januari 2024", dt.date(2024, 1, 1), id="ordinal day"),
        pytest.param("1 sept. 2016", dt.date(2016, 9, 1), id="abbreviated month"),
        pytest.param("1 febr. 2024", dt.date(2024, 2, 1), id="febr."),
        pytest.param("15/03/2024", dt.date(2024, 3, 15), id="15/03/2024"),
        pytest.param("15.03.2024", dt.date(2024, 3, 15), id="15.03.2024"),
        pytest.param("15-3-2024", dt.date(2024, 3, 15), id="15-3-2024"),
        pytest.param("31 februari 2024", None, id="no 31 February"),
        pytest.param("32 maart 2024", None, id="no 32nd day"),
        pytest.param("maart 2024", None, id="a month is not a day"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_day(text: str, expected: dt.date | None) -> None:
    assert segment.parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Bijlage: overzicht per provincie", True, id="Bijlage: caption"),
        pytest.param("Bijlage 1: tabel", True, id="Bijlage 1:"),
        pytest.param("Bijlagen: tabellen", True, id="Bijlagen:"),
        pytest.param("Bijlage – tabel per provincie", True, id="Bijlage –"),
        pytest.param("Bijlage 2 - overzicht", True, id="Bijlage 2 -"),
        pytest.param("Bijlage. overzicht", True, id="Bijlage."),
        pytest.param("bijlage: overzicht", True, id="lower case"),
        pytest.param("Bijlage", True, id="the word alone on its line"),
        pytest.param("Zie bijlage.", False, id="Zie bijlage. (an answer)"),
        pytest.param("Bijlage:", False, id="no caption text"),
        pytest.param("De bijlage: toont", False, id="not at the line start"),
    ],
)
def test_annex_caption(text: str, expected: bool) -> None:
    assert bool(segment.ANNEX_CAPTION.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ik verwijs naar mijn antwoord op schriftelijke vraag nr. 350 van 12 maart 2024.",
            [(350, dt.date(2024, 3, 12), "vraag nr. 350 van 12 maart 2024")],
            id="P12 reference with its date",
        ),
        pytest.param(
            "zie vraag nr. 97 van 14 oktober 2025 en vraag nr. 12",
            [
                (97, dt.date(2025, 10, 14), "vraag nr. 97 van 14 oktober 2025"),
                (12, None, "vraag nr. 12"),
            ],
            id="two references, one without a date",
        ),
        pytest.param(
            "vraag nummer 45 van 3/4/2024",
            [(45, dt.date(2024, 4, 3), "vraag nummer 45 van 3/4/2024")],
            id="nummer and a numeric date",
        ),
        pytest.param(
            "Schriftelijke Vraag nr. 7",
            [(7, None, "Vraag nr. 7")],
            id="capitalised",
        ),
        pytest.param("artikel nr. 5", [], id="not a question"),
        pytest.param("nr. 352", [], id="a number alone"),
        pytest.param("Zie de vraag van collega Peeters.", [], id="no number"),
    ],
)
def test_find_references(text: str, expected: list[tuple[int, dt.date | None, str]]) -> None:
    assert segment.find_references(text) == expected


# --- line-end hyphens and character clean-up ---------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "document", "joint"),
    [
        pytest.param("onder", "steuning", [], "join", id="join onder- steuning"),
        pytest.param(
            "onder", "steuning", ["de ondersteuning"], "join", id="join: the document agrees"
        ),
        pytest.param(
            "schooluitval",
            "onderwijsloopbaanbegeleiding",
            ["de ankerfiguren schooluitval-onderwijsloopbaanbegeleiding worden"],
            "keep",
            id="keep schooluitval- onderwijsloopbaanbegeleiding (spelled so elsewhere)",
        ),
        pytest.param(
            "kandidaat",
            "huurders",
            ["182.415 kandidaat-huurders"],
            "keep",
            id="keep kandidaat- huurders (spelled so elsewhere)",
        ),
        pytest.param("CLB", "medewerkers", [], "keep", id="keep CLB- medewerkers (capitals)"),
        pytest.param("Oost", "Vlaanderen", [], "keep", id="keep Oost- Vlaanderen (capital)"),
        pytest.param("jeugd", "en", [], "space", id="space jeugd- en kinderrechtenbeleid"),
        pytest.param("Land", "en", [], "space", id="space Land- en tuinbouwers"),
        pytest.param("woon", "of", [], "space", id="space woon- of zorgcentra"),
    ],
)
def test_line_break_joint(left: str, right: str, document: list[str], joint: str) -> None:
    assert extract.line_break_joint(left, right, extract.vocabulary(document)) == joint


def test_vocabulary_keeps_hyphenated_compounds_whole() -> None:
    words = extract.vocabulary(["De CLB-medewerkers en de CLB-medewerkers.", "Oost-Vlaanderen"])
    assert words == Counter({"de": 2, "clb-medewerkers": 2, "en": 1, "oost-vlaanderen": 1})


def test_dehyphenated_lines_in_a_document() -> None:
    """The four joints, as `extract.from_text` applies them to the lines of one document."""
    document = extract.from_text(
        "SCHRIFTELIJKE VRAAG\n"
        "De financiële onder-\n"
        "steuning van de ankerfiguren schooluitval-\n"
        "onderwijsloopbaanbegeleiding en de schooluitval-onderwijsloopbaanbegeleiding, de CLB-\n"
        "medewerkers in Oost-\n"
        "Vlaanderen en het jeugd-\n"
        "en kinderrechtenbeleid"
    )
    joined = "".join(line.text + line.joiner for line in document.lines)
    assert "financiële ondersteuning van" in joined
    assert "ankerfiguren schooluitval-onderwijsloopbaanbegeleiding en" in joined
    assert "de CLB-medewerkers in Oost-Vlaanderen en" in joined
    assert "het jeugd-\nen kinderrechtenbeleid" in joined


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ﬁnanciële", "financiële", id="fi ligature"),
        pytest.param("ﬂexibel", "flexibel", id="fl ligature"),
        pytest.param("ﬀ ﬃ ﬄ ﬅ ﬆ", "ff ffi ffl ft st", id="other ligatures"),
        pytest.param("€\u00a01.234", "€ 1.234", id="no-break space"),
        pytest.param("250\u202feuro", "250 euro", id="narrow no-break space"),
        pytest.param("onder\u00adsteuning", "ondersteuning", id="soft hyphen"),
        pytest.param("onder\u200bsteuning", "ondersteuning", id="zero-width space"),
        pytest.param("250 euro per m²", "250 euro per m²", id="m² survives (no NFKC)"),
        pytest.param("157.953 m³", "157.953 m³", id="m³ survives"),
        pytest.param("CLB’s", "CLB’s", id="curly apostrophe survives"),
    ],
)
def test_clean_characters(text: str, expected: str) -> None:
    assert extract.clean_characters(text) == expected


# --- whole documents, one numbering phenomenon at a time (PHENOMENA.md P5-P14) ------------------

HEADER = [
    "SCHRIFTELIJKE VRAAG",
    "nr. 352",
    "van EMINE GÜL ISCI",
    "datum: 15 maart 2024",
    "aan BEN WEYTS",
    "VLAAMS MINISTER VAN ONDERWIJS",
    "Samen tegen schooluitval",
]
ANSWER_HEADER = [
    "BEN WEYTS",
    "VLAAMS MINISTER VAN ONDERWIJS",
    "ANTWOORD",
    "op vraag nr. 352 van 15 maart 2024",
    "van EMINE GÜL ISCI",
]


def parse(questions: str, answers: str, *, preamble: str = "") -> WrittenQuestion:
    """A modern-format document (P1) with these body parts, through `vpdocs.parse_text`."""
    body = [preamble] if preamble else []
    text = "\n".join([*HEADER, *body, questions, *ANSWER_HEADER, answers])
    record = vpdocs.parse_text(text)
    assert record.number == 352 and record.date_asked == dt.date(2024, 3, 15)
    return record


def questions_of(record: WrittenQuestion) -> list[tuple[str, str]]:
    return [(q.label, q.text) for q in record.questions]


def answers_of(record: WrittenQuestion) -> list[tuple[list[str], str]]:
    return [(a.labels, a.text) for a in record.answers]


def pairs_of(record: WrittenQuestion) -> dict[str, list[str]]:
    return {pair.question: pair.answers for pair in record.pairs}


def test_p5_sub_items_with_a_lead_in() -> None:
    record = parse(
        "1. Hoeveel scholen zijn er?\n"
        "2. Er zijn zes regionale leergemeenschappen.\n"
        "a) Wat is hun opdracht?\n"
        "b) Hoeveel middelen krijgen ze?",
        "1. Er zijn twaalf scholen.\n2. a) Ze begeleiden scholen.\nb) Ze krijgen 64.000 euro.",
    )
    assert questions_of(record) == [
        ("1", "Hoeveel scholen zijn er?"),
        ("2a", "Wat is hun opdracht?"),
        ("2b", "Hoeveel middelen krijgen ze?"),
    ]
    assert [q.context for q in record.questions] == [
        None,
        "Er zijn zes regionale leergemeenschappen.",
        "Er zijn zes regionale leergemeenschappen.",
    ]
    assert answers_of(record) == [
        (["1"], "Er zijn twaalf scholen."),
        (["2a"], "Ze begeleiden scholen."),
        (["2b"], "Ze krijgen 64.000 euro."),
    ]
    assert [(m.text, m.block) for m in record.money] == [("64.000 euro", "answer 3")]


def test_p5_a_whole_answer_to_a_question_with_sub_items() -> None:
    record = parse(
        "1. Hoeveel?\n2. Er is meer.\na) Wat?\nb) Hoe?",
        "1. Twaalf.\n2. Samen voor a en b.",
    )
    assert answers_of(record) == [(["1"], "Twaalf."), (["2a", "2b"], "Samen voor a en b.")]
    assert pairs_of(record) == {"1": ["1"], "2a": ["2a"], "2b": ["2b"]}


def test_p5_number_and_first_letter_on_one_line_in_answers() -> None:
    record = parse(
        "1. Hoeveel?\n2. Er is meer.\na) Wat?\nb) Hoe?\nc) Waarom?",
        "1. Twaalf.\n2. a) en b) Samen beantwoord.\nc) Apart.",
    )
    assert answers_of(record) == [
        (["1"], "Twaalf."),
        (["2a", "2b"], "Samen beantwoord."),
        (["2c"], "Apart."),
    ]
    assert record.answers[1].heading == "2. a) en b)"


def test_p5_number_and_first_letter_on_one_line_in_questions() -> None:
    record = parse(
        "1. Hoeveel scholen zijn er?\n2. a) Wat is de opdracht?\nb) Wie stuurt ze aan?",
        "1. Twaalf.\n2. a) Begeleiden.\nb) De minister.",
    )
    assert questions_of(record) == [
        ("1", "Hoeveel scholen zijn er?"),
        ("2a", "Wat is de opdracht?"),
        ("2b", "Wie stuurt ze aan?"),
    ]
    assert answers_of(record) == [
        (["1"], "Twaalf."),
        (["2a"], "Begeleiden."),
        (["2b"], "De minister."),
    ]


def test_p6_parenthesis_numbering() -> None:
    record = parse("1) Hoeveel scholen?\n2) Hoeveel leerlingen?", "1) Twaalf.\n2) Duizend.")
    assert questions_of(record) == [("1", "Hoeveel scholen?"), ("2", "Hoeveel leerlingen?")]
    assert answers_of(record) == [(["1"], "Twaalf."), (["2"], "Duizend.")]


def test_p6_vraag_headings_and_antwoord_op_vraag() -> None:
    record = parse(
        "Vraag 1: Hoeveel scholen?\nVraag 2: Hoeveel leerlingen?\nVraag 3: Wanneer?",
        "Antwoord op de vragen 1 en 2\n"
        "Twaalf scholen met duizend leerlingen.\n"
        "Antwoord op vraag 3\n"
        "In 2025.",
    )
    assert questions_of(record) == [
        ("1", "Hoeveel scholen?"),
        ("2", "Hoeveel leerlingen?"),
        ("3", "Wanneer?"),
    ]
    assert answers_of(record) == [
        (["1", "2"], "Twaalf scholen met duizend leerlingen."),
        (["3"], "In 2025."),
    ]
    assert [a.heading for a in record.answers] == [
        "Antwoord op de vragen 1 en 2",
        "Antwoord op vraag 3",
    ]


def test_p6_vraag_headings_on_their_own_line_in_the_answer() -> None:
    record = parse("Vraag 1: Hoeveel?\nVraag 2: Wanneer?", "Vraag 1\nTwaalf.\nVraag 2\nIn 2025.")
    assert answers_of(record) == [(["1"], "Twaalf."), (["2"], "In 2025.")]


def test_p7_unnumbered_question_and_answer() -> None:
    record = parse(
        "Hoeveel scholen zijn er in Vlaanderen?\nGraag een overzicht per provincie.",
        "Er zijn twaalf scholen.\nZe kregen samen 64.000 euro.",
    )
    assert record.preamble == ""
    assert questions_of(record) == [
        ("1", "Hoeveel scholen zijn er in Vlaanderen? Graag een overzicht per provincie.")
    ]
    assert answers_of(record) == [(["1"], "Er zijn twaalf scholen. Ze kregen samen 64.000 euro.")]
    assert pairs_of(record) == {"1": ["1"]}


def test_p8_numbered_questions_one_combined_answer() -> None:
    record = parse(
        "1. Hoeveel?\n2. Wanneer?\n3. Er is meer.\na) Wat?\nb) Hoe?",
        "Ik beantwoord de vragen samen.\nEr zijn er twaalf sinds 2016.",
    )
    assert answers_of(record) == [
        (["1", "2", "3a", "3b"], "Ik beantwoord de vragen samen. Er zijn er twaalf sinds 2016.")
    ]
    assert pairs_of(record) == {"1": ["1"], "2": ["2"], "3a": ["3a"], "3b": ["3b"]}


FOUR_QUESTIONS = "1. Vraag een?\n2. Vraag twee?\n3. Vraag drie?\n4. Vraag vier?"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(
            "1 en 2. Samen.\n3. Drie.\n4. Vier.",
            [(["1", "2"], "Samen."), (["3"], "Drie."), (["4"], "Vier.")],
            id="1 en 2.",
        ),
        pytest.param(
            "1 tot en met 3. Samen.\n4. Vier.",
            [(["1", "2", "3"], "Samen."), (["4"], "Vier.")],
            id="1 tot en met 3.",
        ),
        pytest.param(
            "1-3. Samen.\n4. Vier.",
            [(["1", "2", "3"], "Samen."), (["4"], "Vier.")],
            id="1-3.",
        ),
        pytest.param(
            "1. Een.\n2 tot 4. Samen.",
            [(["1"], "Een."), (["2", "3", "4"], "Samen.")],
            id="2 tot 4.",
        ),
        pytest.param(
            "Antwoord op de vragen 1 en 2\nSamen.\nAntwoord op de vragen 3 en 4\nOok samen.",
            [(["1", "2"], "Samen."), (["3", "4"], "Ook samen.")],
            id="Antwoord op de vragen 1 en 2",
        ),
    ],
)
def test_p9_grouped_answers(answers: str, expected: list[tuple[list[str], str]]) -> None:
    record = parse(FOUR_QUESTIONS, answers)
    assert answers_of(record) == expected
    assert pairs_of(record) == {"1": ["1"], "2": ["2"], "3": ["3"], "4": ["4"]}


def test_p9_grouped_sub_items_3_a_en_b() -> None:
    record = parse(
        "1. Eerst?\n2. Er is een lead-in.\na) Wat?\nb) Hoe?",
        "1. Zo.\n2 a) en b) Samen beantwoord.",
    )
    assert answers_of(record) == [(["1"], "Zo."), (["2a", "2b"], "Samen beantwoord.")]


def test_p10_a_skipped_question_has_no_answer() -> None:
    record = parse(
        FOUR_QUESTIONS + "\n5. Vraag vijf?",
        "1. Een.\n2. Twee.\n3. Drie.\n5. Vijf.",
    )
    assert answers_of(record) == [
        (["1"], "Een."),
        (["2"], "Twee."),
        (["3"], "Drie."),
        (["5"], "Vijf."),
    ]
    assert pairs_of(record)["4"] == []
    assert "question 4 has no answer" in record.warnings


def test_p10_answers_in_another_order() -> None:
    record = parse(
        FOUR_QUESTIONS + "\n5. Vraag vijf?",
        "1. Een.\n2. Twee.\n3. Drie.\n5. Vijf.\n4. Vier.",
    )
    assert [a.labels for a in record.answers] == [["1"], ["2"], ["3"], ["5"], ["4"]]
    assert pairs_of(record) == {label: [label] for label in ["1", "2", "3", "4", "5"]}


def test_p11_a_nested_list_after_a_colon_stays_in_its_answer() -> None:
    record = parse(
        FOUR_QUESTIONS,
        "1. Een.\n2. Twee.\n"
        "3. De criteria zijn:\n"
        "1. het aantal leerlingen;\n"
        "2. de ligging van de school;\n"
        "3. de leeftijd van het gebouw;\n"
        "4. de kostprijs.\n"
        "4. Vier.",
    )
    assert answers_of(record) == [
        (["1"], "Een."),
        (["2"], "Twee."),
        (
            ["3"],
            "De criteria zijn: 1. het aantal leerlingen; 2. de ligging van de school; "
            "3. de leeftijd van het gebouw; 4. de kostprijs.",
        ),
        (["4"], "Vier."),
    ]


def test_p11_a_nested_list_inside_the_first_answer() -> None:
    record = parse(
        "1. Welke criteria?\n2. Hoeveel?\n3. Wanneer?",
        "1. De criteria zijn:\n"
        "1. het aantal leerlingen;\n"
        "2. de ligging van de school.\n"
        "2. Twaalf.\n"
        "3. In 2025.",
    )
    assert answers_of(record) == [
        (["1"], "De criteria zijn: 1. het aantal leerlingen; 2. de ligging van de school."),
        (["2"], "Twaalf."),
        (["3"], "In 2025."),
    ]


def test_p11_a_nested_list_of_sentences_inside_the_first_answer() -> None:
    record = parse(
        "1. Welke criteria?\n2. Hoeveel?",
        "1. De criteria zijn de volgende:\n1. Het aantal leerlingen.\n2. De ligging.\n2. Twaalf.",
    )
    assert answers_of(record) == [
        (["1"], "De criteria zijn de volgende: 1. Het aantal leerlingen. 2. De ligging."),
        (["2"], "Twaalf."),
    ]


@pytest.mark.parametrize(
    ("criteria", "text"),
    [
        pytest.param(
            "2) De criteria zijn: 1) het aantal leerlingen, 2) de ligging.",
            "De criteria zijn: 1) het aantal leerlingen, 2) de ligging.",
            id="inline 1) 2)",
        ),
        pytest.param(
            "2) Die houdt rekening met drie criteria: 1) de functie, 2) de\n"
            "ligging en\n"
            "3) het energieconcept. Elk criterium telt even zwaar.",
            "Die houdt rekening met drie criteria: 1) de functie, 2) de ligging en "
            "3) het energieconcept. Elk criterium telt even zwaar.",
            id="an item at a line start (as in dev-07)",
        ),
        pytest.param(
            "2) De criteria zijn:\n"
            "1) het aantal leerlingen,\n"
            "2) de ligging.\n"
            "Elk criterium telt even zwaar.",
            "De criteria zijn: 1) het aantal leerlingen, 2) de ligging. "
            "Elk criterium telt even zwaar.",
            id="items at line starts, then a closing sentence",
        ),
    ],
)
def test_p11_an_enumeration_in_the_answer_numbering_style(criteria: str, text: str) -> None:
    """The enumeration stays in answer 2, and the real '3)' after it still starts answer 3."""
    record = parse(
        "1) Hoeveel?\n2) Welke criteria?\n3) Wanneer?",
        f"1) Twaalf.\n{criteria}\n3) In 2025.",
    )
    assert answers_of(record) == [(["1"], "Twaalf."), (["2"], text), (["3"], "In 2025.")]


def test_p11_amounts_dates_and_counts_at_a_line_start() -> None:
    record = parse(
        FOUR_QUESTIONS,
        "1. Het totale budget bedraagt\n"
        "7.562.000 euro voor de hele periode.\n"
        "2. De start is gepland op\n"
        "31 augustus 2025.\n"
        "Daarna volgt de evaluatie.\n"
        "3. Het gaat om 12 projecten, verdeeld over\n"
        "2 en 3 projecten per provincie.\n"
        "4. In totaal komen er\n"
        "1.200 plaatsen bij.",
    )
    assert answers_of(record) == [
        (["1"], "Het totale budget bedraagt 7.562.000 euro voor de hele periode."),
        (["2"], "De start is gepland op 31 augustus 2025. Daarna volgt de evaluatie."),
        (["3"], "Het gaat om 12 projecten, verdeeld over 2 en 3 projecten per provincie."),
        (["4"], "In totaal komen er 1.200 plaatsen bij."),
    ]
    assert [m.text for m in record.money] == ["7.562.000 euro"]
    assert [d.text for d in record.dates] == ["31 augustus 2025"]


def test_p12_a_reference_is_the_answer() -> None:
    sentence = "Ik verwijs naar mijn antwoord op schriftelijke vraag nr. 350 van 12 maart 2024."
    record = parse("1. Hoeveel?\n2. Wanneer?", f"1. {sentence}\n2. In 2025.")
    assert answers_of(record) == [(["1"], sentence), (["2"], "In 2025.")]
    assert [(r.number, r.date) for r in record.answers[0].references] == [
        (350, dt.date(2024, 3, 12))
    ]
    assert [d.text for d in record.answers[0].dates] == ["12 maart 2024"]
    assert record.money == []


def test_p13_an_annex_caption_belongs_to_no_answer() -> None:
    record = parse(
        "1. Hoeveel?\n2. Wanneer?",
        "1. Zie bijlage.\n2. In 2025.\nBijlage: overzicht per provincie",
    )
    assert answers_of(record) == [(["1"], "Zie bijlage."), (["2"], "In 2025.")]
    assert record.annexes == ["Bijlage: overzicht per provincie"]


def test_p13_a_table_stays_in_its_answer() -> None:
    record = parse(
        "1. Hoeveel?\n2. Wanneer?",
        "1. De leningen staan in de tabel.\n"
        "Leningen per provincie (bedrag in euro)\n"
        "Provincie 2022 2023\n"
        "Antwerpen 312.450 298.120\n"
        "2. In 2025.",
    )
    assert answers_of(record) == [
        (
            ["1"],
            "De leningen staan in de tabel. Leningen per provincie (bedrag in euro) "
            "Provincie 2022 2023 Antwerpen 312.450 298.120",
        ),
        (["2"], "In 2025."),
    ]
    assert [(m.text, str(m.amount)) for m in record.money] == [
        ("312.450", "312450"),
        ("298.120", "298120"),
    ]
    assert [d.text for d in record.dates] == ["2022", "2023", "2025"]


def test_p14_numbers_and_years_at_line_starts_in_the_preamble() -> None:
    record = parse(
        "1. Hoeveel?\n2. Wanneer?",
        "1. Twaalf.\n2. In 2025.",
        preamble="Het aantal projecten steeg sterk.\n"
        "2023 was een recordjaar voor de scholen. In totaal kwamen er\n"
        "21. Daarmee is het record gebroken.\n"
        "1.200 plaatsen werden gecreëerd.",
    )
    assert record.preamble == (
        "Het aantal projecten steeg sterk. 2023 was een recordjaar voor de scholen. In totaal "
        "kwamen er 21. Daarmee is het record gebroken. 1.200 plaatsen werden gecreëerd."
    )
    assert questions_of(record) == [("1", "Hoeveel?"), ("2", "Wanneer?")]
    assert [(d.text, d.block) for d in record.dates] == [("2023", "preamble"), ("2025", "answer 2")]


def test_markers_are_not_part_of_the_texts() -> None:
    """GOLD_FORMAT: texts are without their leading number or letter marker."""
    record = parse(
        "1. Hoeveel?\n2. Er is meer.\na) Wat?\nb) Hoe?", "1. Twaalf.\n2. a) Zo.\nb) Zo ook."
    )
    texts: list[Any] = [q.text for q in record.questions] + [a.text for a in record.answers]
    assert not any(text[:2] in {"1.", "2.", "a)", "b)"} for text in texts)


# --- bugs caught: one fixture per bug, named after it ---------------------------------------


def test_sub_items_after_a_colon_and_with_semicolons_are_leaves() -> None:
    """'... de volgende gegevens:' / 'a) hoeveel ...;' / 'b) wanneer?': still sub-questions."""
    record = parse(
        "1. Hoeveel scholen?\n2. Graag de volgende gegevens:\na) hoeveel leerlingen;\nb) wanneer?",
        "1. Twaalf.\n2. a) Duizend.\nb) Volgend jaar.",
    )
    assert questions_of(record) == [
        ("1", "Hoeveel scholen?"),
        ("2a", "hoeveel leerlingen;"),
        ("2b", "wanneer?"),
    ]
    assert record.questions[1].context == "Graag de volgende gegevens:"
    assert answers_of(record) == [
        (["1"], "Twaalf."),
        (["2a"], "Duizend."),
        (["2b"], "Volgend jaar."),
    ]


def test_sub_items_marked_with_a_letter_and_a_dot() -> None:
    record = parse(
        "1. Hoeveel scholen?\n2. Twee delen.\na. Hoeveel?\nb. Wanneer?",
        "1. Twaalf.\n2. a. Duizend.\nb. Volgend jaar.",
    )
    assert questions_of(record) == [
        ("1", "Hoeveel scholen?"),
        ("2a", "Hoeveel?"),
        ("2b", "Wanneer?"),
    ]
    assert answers_of(record) == [
        (["1"], "Twaalf."),
        (["2a"], "Duizend."),
        (["2b"], "Volgend jaar."),
    ]


def test_a_letter_with_a_dot_inside_an_answer_without_sub_items_is_text() -> None:
    record = parse(
        "1. Hoeveel scholen?\n2. Hoeveel leerlingen?",
        "1. Twaalf, namelijk:\na. zes in Gent;\nb. zes in Brugge.\n2. Duizend.",
    )
    assert answers_of(record) == [
        (["1"], "Twaalf, namelijk: a. zes in Gent; b. zes in Brugge."),
        (["2"], "Duizend."),
    ]
