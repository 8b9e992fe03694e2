"""Date mention text -> an interval of days: pure functions over the word lists.

spaCy finds the span and names the rule that found it; the rule says how to read it.
dateparser reads what it reads well (day dates, month names, 'vorig jaar'), with every
setting pinned and the question's date as the base of relative expressions; school years,
quarters and ranges are calendar arithmetic.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateparser.date import DateDataParser

from vpdocs.lexicon import Words

Part = tuple[str, str]  # (rule id, text) of an atom inside a range or list

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b")
_DAY = re.compile(r"^(\d{1,2})(?:ste|de|e)?$")
_FALLBACK_REFERENCE = dt.date(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class Interval:
    start: dt.date
    end: dt.date
    granularity: str  # day, month, quarter, year, school_year, range
    relative: bool = False


# --- calendar arithmetic ---------------------------------------------------------------------


def year_interval(year: int) -> Interval:
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def month_interval(year: int, month: int) -> Interval:
    last = calendar.monthrange(year, month)[1]
    return Interval(dt.date(year, month, 1), dt.date(year, month, last), "month")


def months_interval(year: int, first: int, count: int, granularity: str) -> Interval:
    last_month = first + count - 1
    last = calendar.monthrange(year, last_month)[1]
    return Interval(dt.date(year, first, 1), dt.date(year, last_month, last), granularity)


def school_year(first_year: int, last_year: int | None = None) -> Interval:
    """A school or academic year runs from 1 September to 31 August."""
    end_year = last_year if last_year is not None else first_year + 1
    return Interval(dt.date(first_year, 9, 1), dt.date(end_year, 8, 31), "school_year")


def day_interval(day: dt.date, *, relative: bool = False) -> Interval:
    return Interval(day, day, "day", relative)


def span(first: Interval, last: Interval, *, relative: bool = False) -> Interval:
    return Interval(first.start, last.end, "range", relative or first.relative or last.relative)


# --- dateparser, pinned ----------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _parser(reference: dt.date, prefer: str) -> DateDataParser:
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": dt.datetime.combine(reference, dt.time()),
        "RETURN_TIME_AS_PERIOD": False,
    }
    return DateDataParser(languages=["nl"], settings=settings)


@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(
    text: str, reference: dt.date, prefer: str = "past"
) -> tuple[dt.date, str] | None:
    """(date, period) for a span the rules found; period is 'day', 'month' or 'year'."""
    data = _parser(reference, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period)


def _canonical(text: str, words: Words) -> str:
    """Lower case, full month names, no ordinal suffixes: what dateparser reads best."""
    months: dict[str, int] = words["months"]
    out = []
    for token in text.lower().split():
        if token in months:
            out.append(_full_month_name(months[token], words))
        elif match := _DAY.match(token):
            out.append(match.group(1))
        elif token not in words["past_markers"] and token not in words["future_markers"]:
            out.append(token)
    return " ".join(out)


def _full_month_name(number: int, words: Words) -> str:
    """The longest name of month `number` ('september' for 9)."""
    months: dict[str, int] = words["months"]
    names = [name for name, n in months.items() if n == number and not name.endswith(".")]
    return max(names, key=len)


def _month_number(text: str, words: Words) -> int | None:
    months: dict[str, int] = words["months"]
    for token in text.lower().split():
        if token in months:
            return months[token]
    return None


def _years(text: str) -> list[int]:
    return [int(year) for year in _YEAR.findall(text)]


# --- atoms -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Request:
    text: str
    rule: str
    reference: dt.date
    context: str | None
    words: Words
    reference_known: bool


def _day(request: _Request, *, year: int | None = None) -> Interval | None:
    text = _canonical(request.text, request.words)
    relative = False
    if (
        year is None
        and not _years(text)
        and "/" not in text
        and "." not in text
        and "-" not in text
    ):
        if not request.reference_known:
            return None  # never guess the year of '18 januari' without the question's date
        relative = True
        prefer = "future" if request.rule.endswith("-future") else "past"
        found = parse_with_dateparser(text, request.reference, prefer)
    else:
        found = parse_with_dateparser(f"{text} {year}" if year else text, request.reference)
    if found is None:
        return None
    return day_interval(found[0], relative=relative)


def _month(request: _Request) -> Interval | None:
    found = parse_with_dateparser(_canonical(request.text, request.words), request.reference)
    if found is None:
        return None
    return month_interval(found[0].year, found[0].month)


def _year_span(request: _Request) -> Interval | None:
    match = _YEAR_SPAN.search(request.text)
    if match is None:
        return None
    first, second = int(match.group(1)), match.group(2)
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last < first:
        return None
    school = request.rule == "date-school-year" or _has_school_qualifier(
        request.text, request.words
    )
    if school:
        return school_year(first, last)
    return Interval(dt.date(first, 1, 1), dt.date(last, 12, 31), "range")


def _has_school_qualifier(text: str, words: Words) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words["school_year_qualifiers"])


def _edge_month(request: _Request) -> Interval | None:
    month = _month_number(request.text, request.words)
    if month is None:
        return None
    years = _years(request.text) or _years(request.context or "")
    if years:
        return month_interval(years[0], month)
    if not request.reference_known:
        return None  # 'eind juni' without the question's date: the year is unknown
    found = month_interval(request.reference.year, month)
    return Interval(found.start, found.end, "month", relative=True)


def _part_of_year(request: _Request) -> Interval | None:
    tokens = request.text.lower().split()
    ordinals: dict[str, int] = request.words["part_ordinals"]
    units: dict[str, int] = request.words["part_units"]
    ordinal = next((ordinals[t] for t in tokens if t in ordinals), None)
    length = next((units[t] for t in tokens if t in units), None)
    years = _years(request.text)
    if ordinal is None or length is None or not years:
        return None
    parts = 12 // length
    index = parts if ordinal == -1 else ordinal
    if not 1 <= index <= parts:
        return None
    return months_interval(years[0], (index - 1) * length + 1, length, "quarter")


def _quarter_code(request: _Request) -> Interval | None:
    match = re.search(r"[Qq]([1-4])", request.text)
    years = _years(request.text)
    if match is None or not years:
        return None
    return months_interval(years[0], (int(match.group(1)) - 1) * 3 + 1, 3, "quarter")


def _relative(request: _Request) -> Interval | None:
    tokens = request.text.lower().split()
    offsets: dict[str, int] = request.words["relative_words"]
    units: dict[str, str] = request.words["relative_units"]
    offset = next((offsets[t] for t in tokens if t in offsets), None)
    unit = next((units[t] for t in tokens if t in units), None)
    if offset is None or unit is None or not request.reference_known:
        return None
    base = request.reference
    known = True
    if unit == "year":
        year = base.year + offset
        return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", known)
    if unit == "month":
        index = base.year * 12 + base.month - 1 + offset
        found = month_interval(index // 12, index % 12 + 1)
        return Interval(found.start, found.end, "month", known)
    if unit == "quarter":
        index = base.year * 4 + (base.month - 1) // 3 + offset
        found = months_interval(index // 4, (index % 4) * 3 + 1, 3, "quarter")
        return Interval(found.start, found.end, "quarter", known)
    first = (base.year if base.month >= 9 else base.year - 1) + offset
    found = school_year(first)
    return Interval(found.start, found.end, "school_year", known)


def _relative_with_dateparser(request: _Request) -> Interval | None:
    """'vorig jaar', 'dit jaar', 'vorige maand': dateparser knows these; the rest is ours."""
    text = _canonical(request.text, request.words)
    words = text.split()
    if len(words) == 2 and words[1] in {"jaar", "maand"} and request.reference_known:
        found = parse_with_dateparser(text, request.reference)
        if found is not None:
            day, period = found
            interval = (
                year_interval(day.year) if period == "year" else month_interval(day.year, day.month)
            )
            return Interval(
                interval.start, interval.end, interval.granularity, request.reference_known
            )
    return _relative(request)


def _year_of_text(request: _Request) -> Interval | None:
    years = _years(request.text)
    return year_interval(years[0]) if years else None


_ATOMS = {
    "date-day-month-year": _day,
    "date-numeric": _day,
    "date-day-month-past": _day,
    "date-day-month-future": _day,
    "date-month-year": _month,
    "date-year": _year_of_text,
    "date-qualified-year": _year_of_text,
    "date-edge-year": _year_of_text,
    "date-season": _year_of_text,
    "date-year-span": _year_span,
    "date-year-span-spaced": _year_span,
    "date-school-year": _year_span,
    "date-qualified-year-span": _year_span,
    "date-qualified-year-span-spaced": _year_span,
    "date-edge-month": _edge_month,
    "date-part-of-year": _part_of_year,
    "date-quarter-code": _quarter_code,
    "date-relative": _relative_with_dateparser,
    "date-edge-relative": _relative,
}


def _atom(request: _Request) -> Interval | None:
    if request.rule == "date-day-month":
        years = _years(request.context or "")
        return _day(request, year=years[-1]) if years else _day(request)
    if request.rule == "date-month":
        month = _month_number(request.text, request.words)
        years = _years(request.context or "")
        return month_interval(years[-1], month) if month and years else None
    resolver = _ATOMS.get(request.rule)
    return resolver(request) if resolver else None


# --- ranges and lists ------------------------------------------------------------------------


def _first_of_range(first: _Request, last: Interval) -> Interval | None:
    """The start of a range whose first part may lack the year (or month) of its end."""
    if first.rule in {"date-day-month", "date-month", "date-day"} or not _years(first.text):
        year = last.end.year
        if first.rule == "date-day":
            match = _DAY.match(first.text.strip())
            if match is None:
                return None
            try:
                day = dt.date(year, last.end.month, int(match.group(1)))
            except ValueError:
                return None
            return day_interval(day)
        if first.rule == "date-month":
            month = _month_number(first.text, first.words)
            if month is None:
                return None
            found = month_interval(year, month)
        else:
            found_day = _day(first, year=year)
            if found_day is None:
                return None
            found = found_day
        if found.start > last.end:
            return _shift_year(found, -1)
        return found
    return _atom(first)


def _shift_year(interval: Interval, years: int) -> Interval:
    start = interval.start.replace(year=interval.start.year + years)
    end_year = interval.end.year + years
    end_day = min(interval.end.day, calendar.monthrange(end_year, interval.end.month)[1])
    return Interval(start, interval.end.replace(year=end_year, day=end_day), interval.granularity)


def _range(request: _Request, parts: Sequence[Part]) -> Interval | None:
    if not parts:
        return None
    school = _has_school_qualifier(request.text, request.words)
    requests = [
        _Request(text, "date-school-year" if school and _YEAR_SPAN.search(text) else rule,
                 request.reference, request.context, request.words, request.reference_known)
        for rule, text in parts
    ]  # fmt: skip
    if request.rule == "date-range-until-now":
        first = _atom(requests[0])
        if first is None or not request.reference_known:
            return None
        return Interval(first.start, request.reference, "range", True)
    last = _atom(requests[-1])
    if last is None:
        return None
    first = _first_of_range(requests[0], last) if len(requests) > 1 else last
    if first is None or first.start > last.end:
        return None
    return span(first, last)


def _list_item(request: _Request, parts: Sequence[Part]) -> Interval | None:
    """'11' in '11 en 25 februari 2024': the day (or month) borrows the rest from its partner."""
    if not parts:
        return None
    partner_rule, partner_text = parts[-1]
    partner = _atom(_Request(partner_text, partner_rule, request.reference, request.context,
                             request.words, request.reference_known))  # fmt: skip
    if partner is None:
        return None
    if request.rule == "date-list-month":
        month = _month_number(request.text, request.words)
        return month_interval(partner.start.year, month) if month else None
    match = _DAY.match(request.text.strip())
    if match is None:
        return None
    try:
        day = partner.start.replace(day=int(match.group(1)))
    except ValueError:
        return None
    return day_interval(day, relative=partner.relative)


def resolve(
    text: str,
    rule: str,
    words: Words,
    *,
    reference: dt.date | None,
    parts: Sequence[Part] = (),
    context: str | None = None,
) -> Interval | None:
    """The interval a date mention stands for; None when the text does not read as a date.

    >>> from vpdocs.lexicon import words
    >>> found = resolve("schooljaar 2023-2024", "date-qualified-year-span", words(), reference=None)
    >>> found.start.isoformat(), found.end.isoformat(), found.granularity
    ('2023-09-01', '2024-08-31', 'school_year')
    """
    request = _Request(
        text, rule, reference or _FALLBACK_REFERENCE, context, words, reference is not None
    )
    if rule.startswith("date-range"):
        return _range(request, parts)
    if rule.startswith("date-list"):
        return _list_item(request, parts)
    return _atom(request)
