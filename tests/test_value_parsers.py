"""The pure value parsers behind the entity rules: `vpdocs._amounts` and `vpdocs._intervals`.

spaCy finds a span and names the rule that found it; these functions turn the span's text
into a value. They run without the pipeline, so each reading is pinned here on its own:
Dutch numbers and number words, money with the context a bare number borrows its unit
from (a range's other end, a table caption), and one interval per date rule id. Relative
mentions without the question's date are dropped, never guessed (GOLD_FORMAT.md).
"""

from __future__ import annotations

import datetime as dt
import doctest
from decimal import Decimal

import pytest

from vpdocs import _amounts, _intervals
from vpdocs._amounts import parse_money, parse_number, parse_number_words
from vpdocs._intervals import Interval, resolve
from vpdocs.entities import find_dates
from vpdocs.lexicon import Words, pipeline_path, words

REF = dt.date(2024, 3, 15)


# The parsers run with two copies of the word lists: models/rules/words.json (what people edit,
# `lexicon.words()`) and the copy serialised into the packaged pipeline (what `find_money` and
# `find_dates` use). They must read every text the same with either copy.
WORD_LISTS = {
    "rules": words,
    "pipeline": lambda: Words.load(pipeline_path() / "vpdocs_entities" / "words.json"),
}


@pytest.fixture(scope="module", params=sorted(WORD_LISTS))
def lexicon(request: pytest.FixtureRequest) -> Words:
    return WORD_LISTS[request.param]()


# --- _amounts.parse_number -----------------------------------------------------------------------

CASES_NUMBERS = [
    pytest.param("7.562.000", "7562000", id="thousands dots"),
    pytest.param("4.375,85", "4375.85", id="thousands dot and decimal comma"),
    pytest.param("7,5", "7.5", id="decimal comma"),
    pytest.param("0,4", "0.4", id="decimal comma below one"),
    pytest.param("64000", "64000", id="plain digits"),
    pytest.param("1.000", "1000", id="one thousands group is thousands, not a decimal"),
    pytest.param("250,-", "250", id="round amount 250,-"),
    pytest.param("1.250,--", "1250", id="round amount 1.250,--"),
    pytest.param("12 345,67", "12345.67", id="spaced thousands"),
    pytest.param("1.5", "1.5", id="decimal point (not a thousands group)"),
    pytest.param(" 20.055 ", "20055", id="surrounding spaces"),
]


@pytest.mark.parametrize(("text", "value"), CASES_NUMBERS)
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["abc", "1.2.3", "", "twaalf"])
def test_parse_number_rejects_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


# --- _amounts.parse_number_words -----------------------------------------------------------------

CASES_NUMBER_WORDS = [
    pytest.param("vijftigduizend", "50000", id="vijftigduizend"),
    pytest.param("anderhalf", "1.5", id="anderhalf"),
    pytest.param("een half", "0.5", id="een half"),
    pytest.param("half", "0.5", id="half"),
    pytest.param("tweeënhalf", "2.5", id="tweeënhalf (diaeresis)"),
    pytest.param("vijfenhalf", "5.5", id="vijfenhalf"),
    pytest.param("twee", "2", id="twee"),
    pytest.param("honderd", "100", id="honderd"),
    pytest.param("drieëntwintig", "23", id="drieëntwintig"),
    pytest.param("tweehonderdvijftigduizend", "250000", id="tweehonderdvijftigduizend"),
    pytest.param("Vijftigduizend", "50000", id="capitalised at a sentence start"),
]


@pytest.mark.parametrize(("text", "value"), CASES_NUMBER_WORDS)
def test_parse_number_words(text: str, value: str, lexicon: Words) -> None:
    assert parse_number_words(text, lexicon) == Decimal(value)


@pytest.mark.parametrize("text", ["leerlingen", "euro"])
def test_parse_number_words_rejects_other_words(text: str, lexicon: Words) -> None:
    with pytest.raises(ValueError):
        parse_number_words(text, lexicon)


# --- _amounts.parse_money, with and without context ----------------------------------------------

CASES_MONEY = [
    # (text, context, amount, currency, implied)
    pytest.param("64.000 euro", None, "64000", "EUR", False, id="amount and currency word"),
    pytest.param("7,5 miljoen euro", None, "7500000", "EUR", False, id="scale word"),
    pytest.param("1,2 miljard euro", None, "1200000000", "EUR", False, id="miljard"),
    pytest.param("€ 1,5 miljoen", None, "1500000", "EUR", False, id="sign, amount, scale"),
    pytest.param("EUR 12.345,67", None, "12345.67", "EUR", False, id="code before the amount"),
    pytest.param("3.000.000 EUR", None, "3000000", "EUR", False, id="code after the amount"),
    pytest.param("45 kEUR", None, "45000", "EUR", False, id="kEUR"),
    pytest.param("320 k€", None, "320000", "EUR", False, id="k€"),
    pytest.param("3 M€", None, "3000000", "EUR", False, id="M€"),
    pytest.param("vijftigduizend euro", None, "50000", "EUR", False, id="number word"),
    pytest.param("anderhalf miljoen euro", None, "1500000", "EUR", False, id="anderhalf miljoen"),
    pytest.param("1.000 BEF", None, "1000", "BEF", False, id="Belgian francs, code"),
    pytest.param("1.000 Belgische frank", None, "1000", "BEF", False, id="Belgische frank"),
    pytest.param("0,4 cent", None, "0.004", "EUR", False, id="cents are hundredths of a euro"),
    pytest.param("5 eurocent", None, "0.05", "EUR", False, id="eurocent"),
    pytest.param("250,- euro", None, "250", "EUR", False, id="round amount"),
    pytest.param("20.055", None, "20055", "EUR", True, id="implied: no currency, EUR by default"),
    pytest.param("2 miljoen", None, "2000000", "EUR", True, id="implied with a scale"),
    # a bare number borrows unit and multiplier from the other end of a range ...
    pytest.param("3", "4,1 miljard euro", "3000000000", "EUR", True, id="borrows miljard euro"),
    pytest.param("100", "150 miljoen euro", "100000000", "EUR", True, id="borrows miljoen euro"),
    pytest.param("2", "3 k€", "2000", "EUR", True, id="borrows k€"),
    pytest.param("3.000", "4.000 euro", "3000", "EUR", True, id="borrows euro"),
    # ... or from a table caption
    pytest.param("312", "duizend euro", "312000", "EUR", True, id="caption duizend euro"),
    pytest.param("312", "k€", "312000", "EUR", True, id="caption k€"),
    pytest.param("312.450", "euro", "312450", "EUR", True, id="caption euro"),
    # an explicit unit wins over the context
    pytest.param("45 euro", "miljoen euro", "45", "EUR", False, id="own unit beats context"),
]


@pytest.mark.parametrize(("text", "context", "amount", "currency", "implied"), CASES_MONEY)
def test_parse_money(
    text: str, context: str | None, amount: str, currency: str, implied: bool, lexicon: Words
) -> None:
    assert parse_money(text, lexicon, context=context) == (Decimal(amount), currency, implied)


def test_amounts_are_decimal_and_normalised(lexicon: Words) -> None:
    amount, _, _ = parse_money("7,5 miljoen euro", lexicon)
    assert isinstance(amount, Decimal)
    assert str(amount) == "7500000"  # no exponent, no float
    assert str(parse_money("186.342,50 euro", lexicon)[0]) == "186342.5"


@pytest.mark.parametrize("text", ["euro", "leerlingen"])
def test_parse_money_without_a_number_raises(text: str, lexicon: Words) -> None:
    with pytest.raises(ValueError):
        parse_money(text, lexicon)


# --- _intervals.resolve, one rule id at a time ---------------------------------------------------


def interval(start: str, end: str | None = None) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end or start)


# (rule, text, reference, parts, context, start, end)
CASES_RESOLVE = [
    pytest.param("date-day-month-year", "15 maart 2024", None, (), None, "2024-03-15", None),
    pytest.param("date-day-month-year", "1ste januari 2024", None, (), None, "2024-01-01", None),
    pytest.param("date-numeric", "31/12/2023", None, (), None, "2023-12-31", None),
    pytest.param("date-numeric", "01.09.2023", None, (), None, "2023-09-01", None),
    pytest.param("date-numeric", "1-1-2025", None, (), None, "2025-01-01", None),
    pytest.param("date-day-month", "25 maart", None, (), "2024", "2024-03-25", None),
    pytest.param("date-day-month-past", "18 januari laatsleden", REF, (), None, "2024-01-18", None),
    pytest.param("date-day-month-past", "18 maart laatsleden", REF, (), None, "2023-03-18", None),
    pytest.param(
        "date-day-month-future", "18 januari aanstaande", REF, (), None, "2025-01-18", None
    ),
    pytest.param("date-month-year", "maart 2024", None, (), None, "2024-03-01", "2024-03-31"),
    pytest.param("date-month-year", "februari 2024", None, (), None, "2024-02-01", "2024-02-29"),
    pytest.param("date-month", "maart", None, (), "2024", "2024-03-01", "2024-03-31"),
    pytest.param("date-year", "2019", None, (), None, "2019-01-01", "2019-12-31"),
    pytest.param(
        "date-qualified-year", "begrotingsjaar 2024", None, (), None, "2024-01-01", "2024-12-31"
    ),
    pytest.param("date-edge-year", "eind 2023", None, (), None, "2023-01-01", "2023-12-31"),
    pytest.param("date-season", "najaar van 2022", None, (), None, "2022-01-01", "2022-12-31"),
    pytest.param("date-year-span", "2019-2023", None, (), None, "2019-01-01", "2023-12-31"),
    pytest.param(
        "date-year-span-spaced", "2019 - 2023", None, (), None, "2019-01-01", "2023-12-31"
    ),
    pytest.param("date-school-year", "2022-2023", None, (), None, "2022-09-01", "2023-08-31"),
    pytest.param("date-school-year", "2022-23", None, (), None, "2022-09-01", "2023-08-31"),
    pytest.param(
        "date-qualified-year-span",
        "schooljaar 2023-2024",
        None,
        (),
        None,
        "2023-09-01",
        "2024-08-31",
    ),
    pytest.param(
        "date-qualified-year-span",
        "academiejaar 2022-2023",
        None,
        (),
        None,
        "2022-09-01",
        "2023-08-31",
    ),
    pytest.param("date-edge-month", "eind juni 2024", None, (), None, "2024-06-01", "2024-06-30"),
    pytest.param(
        "date-part-of-year",
        "eerste kwartaal van 2023",
        None,
        (),
        None,
        "2023-01-01",
        "2023-03-31",
    ),
    pytest.param(
        "date-part-of-year",
        "laatste kwartaal van 2023",
        None,
        (),
        None,
        "2023-10-01",
        "2023-12-31",
    ),
    pytest.param("date-quarter-code", "Q3 2023", None, (), None, "2023-07-01", "2023-09-30"),
    pytest.param("date-relative", "vorig jaar", REF, (), None, "2023-01-01", "2023-12-31"),
    pytest.param("date-relative", "dit jaar", REF, (), None, "2024-01-01", "2024-12-31"),
    pytest.param("date-relative", "vorige maand", REF, (), None, "2024-02-01", "2024-02-29"),
    pytest.param("date-relative", "vorig kwartaal", REF, (), None, "2023-10-01", "2023-12-31"),
    pytest.param("date-relative", "dit schooljaar", REF, (), None, "2023-09-01", "2024-08-31"),
    pytest.param(
        "date-edge-relative", "eind vorig jaar", REF, (), None, "2023-01-01", "2023-12-31"
    ),
    pytest.param(
        "date-range",
        "1 januari 2024 tot en met 31 augustus 2025",
        None,
        (("date-day-month-year", "1 januari 2024"), ("date-day-month-year", "31 augustus 2025")),
        None,
        "2024-01-01",
        "2025-08-31",
    ),
    pytest.param(
        "date-range",
        "1 april tot 30 juni 2024",
        None,
        (("date-day-month", "1 april"), ("date-day-month-year", "30 juni 2024")),
        None,
        "2024-04-01",
        "2024-06-30",
        id="date-range: the first day inherits the year of the last",
    ),
    pytest.param(
        "date-range",
        "15 december tot 10 januari 2024",
        None,
        (("date-day-month", "15 december"), ("date-day-month-year", "10 januari 2024")),
        None,
        "2023-12-15",
        "2024-01-10",
        id="date-range: an inherited year steps back over new year",
    ),
    pytest.param(
        "date-range-from-month",
        "september tot en met december 2023",
        None,
        (("date-month", "september"), ("date-month-year", "december 2023")),
        None,
        "2023-09-01",
        "2023-12-31",
    ),
    pytest.param(
        "date-range-from-day",
        "1 tot en met 15 maart 2024",
        None,
        (("date-day", "1"), ("date-day-month-year", "15 maart 2024")),
        None,
        "2024-03-01",
        "2024-03-15",
    ),
    pytest.param(
        "date-range-between",
        "2016 en 2020",
        None,
        (("date-year", "2016"), ("date-year", "2020")),
        None,
        "2016-01-01",
        "2020-12-31",
    ),
    pytest.param(
        "date-qualified-year-span-spaced",
        "schooljaar 2023 - 2024",
        None,
        (),
        None,
        "2023-09-01",
        "2024-08-31",
    ),
    pytest.param(
        "date-range-between-days",
        "1 en 15 maart 2024",
        None,
        (("date-day", "1"), ("date-day-month-year", "15 maart 2024")),
        None,
        "2024-03-01",
        "2024-03-15",
    ),
    pytest.param(
        "date-range-between-months",
        "januari en maart 2024",
        None,
        (("date-month", "januari"), ("date-month-year", "maart 2024")),
        None,
        "2024-01-01",
        "2024-03-31",
    ),
    pytest.param(
        "date-range-until-now",
        "2016 tot op heden",
        REF,
        (("date-year", "2016"),),
        None,
        "2016-01-01",
        "2024-03-15",
    ),
    pytest.param(
        "date-range-plural-period",
        "schooljaren 2020-2021 en 2022-2023",
        None,
        (("date-year-span", "2020-2021"), ("date-year-span", "2022-2023")),
        None,
        "2020-09-01",
        "2023-08-31",
        id="date-range-plural-period: school years from the plural qualifier",
    ),
    pytest.param(
        "date-range-plural-period",
        "begrotingsjaren 2023 en 2024",
        None,
        (("date-year", "2023"), ("date-year", "2024")),
        None,
        "2023-01-01",
        "2024-12-31",
    ),
    pytest.param(
        "date-list-day",
        "11",
        None,
        (("date-day-month-year", "25 februari 2024"),),
        None,
        "2024-02-11",
        None,
    ),
    pytest.param(
        "date-list-month",
        "januari",
        None,
        (("date-month-year", "februari 2024"),),
        None,
        "2024-01-01",
        "2024-01-31",
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "reference", "parts", "context", "start", "end"),
    [
        p if p.id else pytest.param(*p.values, id=f"{p.values[0]}: {p.values[1]}")
        for p in CASES_RESOLVE
    ],
)
def test_resolve(
    rule: str,
    text: str,
    reference: dt.date | None,
    parts: tuple[tuple[str, str], ...],
    context: str | None,
    start: str,
    end: str | None,
    lexicon: Words,
) -> None:
    found = resolve(text, rule, lexicon, reference=reference, parts=parts, context=context)
    assert found is not None
    assert (found.start, found.end) == interval(start, end)


def test_resolve_covers_every_date_rule_id(lexicon: Words) -> None:
    """Each DATE / DATE_LIST pattern id, and the rules the component gives, has a case here."""
    from tests.rule_tables import pattern_labels

    rules = {rule for rule, label in pattern_labels().items() if label in {"DATE", "DATE_LIST"}}
    rules |= {"date-school-year", "date-day-month", "date-month"}
    covered = {p.values[0] for p in CASES_RESOLVE}
    assert sorted(rules - covered) == []


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        pytest.param("date-day-month-year", "31 februari 2024", id="no 31 February"),
        pytest.param("date-numeric", "29/02/2023", id="no 29 February 2023"),
        pytest.param("date-year-span", "2023-2019", id="a span that runs backwards"),
        pytest.param("date-quarter-code", "Q 2023", id="no quarter number"),
        pytest.param("date-part-of-year", "vijfde kwartaal van 2023", id="no fifth quarter"),
        pytest.param("date-unknown-rule", "15 maart 2024", id="a rule resolve does not know"),
    ],
)
def test_resolve_returns_none_for_what_is_not_a_date(rule: str, text: str, lexicon: Words) -> None:
    assert resolve(text, rule, lexicon, reference=REF) is None


def test_relative_mentions_are_marked_relative(lexicon: Words) -> None:
    found = resolve("vorig jaar", "date-relative", lexicon, reference=REF)
    assert found == Interval(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year", relative=True)
    absolute = resolve("15 maart 2024", "date-day-month-year", lexicon, reference=REF)
    assert absolute is not None and not absolute.relative


# --- relative mentions without the question's date: dropped, never guessed --------------------

CASES_NEED_A_REFERENCE = [
    pytest.param("date-relative", "vorig jaar", (), id="vorig jaar"),
    pytest.param("date-relative", "vorige maand", (), id="vorige maand"),
    pytest.param("date-relative", "dit schooljaar", (), id="dit schooljaar"),
    pytest.param("date-edge-relative", "eind vorig jaar", (), id="eind vorig jaar"),
    pytest.param("date-day-month-past", "18 januari laatsleden", (), id="18 januari laatsleden"),
    pytest.param("date-day-month-future", "18 januari aanstaande", (), id="18 januari aanstaande"),
    pytest.param("date-day-month", "25 maart", (), id="a day without a year"),
    pytest.param("date-month", "maart", (), id="a month without a year"),
    pytest.param(
        "date-range-until-now", "2016 tot op heden", (("date-year", "2016"),), id="tot op heden"
    ),
    pytest.param(
        "date-edge-month",
        "eind juni",
        (),
        id="eind juni",
    ),
    pytest.param(
        "date-range",
        "1 april tot 30 september",
        (("date-day-month", "1 april"), ("date-day-month", "30 september")),
        id="a range of days without a year",
    ),
]


@pytest.mark.parametrize(("rule", "text", "parts"), CASES_NEED_A_REFERENCE)
def test_resolve_without_a_reference_date_gives_none(
    rule: str, text: str, parts: tuple[tuple[str, str], ...], lexicon: Words
) -> None:
    assert resolve(text, rule, lexicon, reference=None, parts=parts) is None


# Every month, resolved through dateparser: '20 <month> aanstaande' asked on 2024-03-15.
# Bug caught: the pipeline's copy of words.json is written with sorted keys ('jun.' before
# 'juni'), and the canonical month name once came out as 'jun.', whose '.' made a day look
# numeric. Both word lists must give the same result for every month.
MONTH_NAMES = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"]  # fmt: skip


def _month_cases() -> list[object]:
    cases = []
    for number, name in enumerate(MONTH_NAMES, start=1):
        for copy in sorted(WORD_LISTS):
            cases.append(pytest.param(copy, number, name, id=f"{name}, {copy} words"))
    return cases


@pytest.mark.parametrize(("copy", "number", "name"), _month_cases())
def test_every_month_name_resolves_the_same_with_either_word_list(
    copy: str, number: int, name: str
) -> None:
    lexicon = WORD_LISTS[copy]()
    future = resolve(f"20 {name} aanstaande", "date-day-month-future", lexicon, reference=REF)
    year = 2025 if number < 3 else 2024
    assert future == Interval(dt.date(year, number, 20), dt.date(year, number, 20), "day", True)
    assert resolve(f"20 {name}", "date-day-month", lexicon, reference=None) is None


@pytest.mark.parametrize(
    "text",
    [
        "vorig jaar",
        "18 januari laatsleden",
        "Sinds 2016 tot op heden",
        "eind vorige maand",
        "op 11 en 25 februari",
    ],
)
def test_find_dates_drops_relative_mentions_without_a_reference_date(text: str) -> None:
    assert find_dates(text) == []
    assert find_dates(text, reference_date=REF) != []


# --- the doctests of the value parsers -----------------------------------------------------------


@pytest.mark.parametrize("module", [_amounts, _intervals], ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
    assert result.attempted > 0
