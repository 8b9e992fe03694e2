"""Money mention text -> (amount, currency): pure functions over the word lists.

spaCy finds the span; these functions only read it. Amounts are Decimal, never float.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from vpdocs.lexicon import Words

_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_SPACED = re.compile(r"^\d{1,3}(?: \d{3})+(?:,\d+)?$")
_NUMBER_TOKEN = re.compile(r"^\d[\d.,]*-{0,2}$")


def parse_number(text: str) -> Decimal:
    """A Dutch written number: '12.345,67' -> 12345.67, '7,5' -> 7.5, '250,-' -> 250.

    >>> parse_number("7.562.000")
    Decimal('7562000')
    >>> parse_number("4.375,85")
    Decimal('4375.85')
    >>> parse_number("1.5")
    Decimal('1.5')
    """
    text = text.strip().rstrip("-").rstrip(",")
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    elif _SPACED.match(text):
        text = text.replace(" ", "")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def parse_number_words(text: str, words: Words) -> Decimal:
    """'vijftigduizend' -> 50000, 'anderhalf' -> 1.5, 'tweeënhalf' -> 2.5, 'een half' -> 0.5."""
    joined = "".join(text.lower().split()).replace("één", "een")
    fractions: dict[str, float] = words["fractions"]
    if joined in fractions:
        return Decimal(str(fractions[joined]))
    if joined.endswith("half"):
        whole = joined.removesuffix("half")
        if whole in {"", "een"}:
            return Decimal("0.5")
        return Decimal(text2num(whole.removesuffix("en").removesuffix("ën"), "nl")) + Decimal("0.5")
    return Decimal(text2num(joined, "nl"))


def normalise(amount: Decimal) -> Decimal:
    """7.5E+6 -> 7500000; 186342.50 -> 186342.5."""
    value = amount.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def parse_money(
    text: str, words: Words, *, context: str | None = None
) -> tuple[Decimal, str, bool]:
    """Read a money mention: its amount in units of the currency, the ISO code, implied or not.

    `context` is the text a bare number borrows its unit from: the other end of a range
    ('4,1 miljard euro' for the '3' of 'van 3 naar 4,1 miljard euro') or a table caption.

    >>> from vpdocs.lexicon import words
    >>> parse_money("7,5 miljoen euro", words())
    (Decimal('7500000'), 'EUR', False)
    >>> parse_money("45 kEUR", words())
    (Decimal('45000'), 'EUR', False)
    >>> parse_money("3", words(), context="4,1 miljard euro")
    (Decimal('3000000000'), 'EUR', True)
    """
    currency, factor, number_parts = read_unit(_spaced(text).split(), words)
    number_text = " ".join(number_parts)
    if number_parts and _NUMBER_TOKEN.match(number_parts[0]):
        value = parse_number(number_text)
    else:
        value = parse_number_words(number_text, words)
    implied = currency is None
    if implied and context:
        borrowed, borrowed_factor, _ = read_unit(context.split(), words)
        currency, factor = borrowed, factor * borrowed_factor
    if currency == "EUR-cent":
        currency, factor = "EUR", factor / 100
    return normalise(value * factor), currency or "EUR", implied


_GLUED = re.compile(r"(?<=\d)(?=[^\d\s.,\-])|(?<=€)(?=\d)")


def _spaced(text: str) -> str:
    """'150kEUR' -> '150 kEUR', '€1.250' -> '€ 1.250': a unit glued to its number."""
    return _GLUED.sub(" ", text)


def read_unit(tokens: list[str], words: Words) -> tuple[str | None, Decimal, list[str]]:
    """Split tokens into (currency, multiplier from scale words, the number's own tokens)."""
    currencies: dict[str, str] = words["currencies"]
    scaled: dict[str, list[object]] = words["scaled_currencies"]
    scales: dict[str, int] = words["scales"]
    prefixes = {prefix.lower(): prefix for prefix in words["currency_prefixes"]}
    currency: str | None = None
    factor = Decimal(1)
    number: list[str] = []
    for token in tokens:
        lower = token.lower().strip("()")
        if lower in scaled:
            code, multiple = scaled[lower]
            currency, factor = str(code), factor * Decimal(str(multiple))
        elif lower in currencies:
            currency = currencies[lower]
        elif lower in prefixes:
            currency = "BEF" if lower in {"bef", "fb"} else "EUR"
        elif lower in scales:
            factor *= Decimal(scales[lower])
        elif (
            _NUMBER_TOKEN.match(lower)
            or lower in words["number_words"]
            or _is_number_word(lower, words)
        ):
            number.append(token)
    return currency, factor, number


def _is_number_word(token: str, words: Words) -> bool:
    try:
        parse_number_words(token, words)
    except ValueError:
        return False
    return True
