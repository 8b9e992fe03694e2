"""Stage 4, entities: money and dates in the body, found by rules and normalised.

The spaCy pipeline in `models/vpdocs_nl` (built from `models/rules/` by
`scripts/build_model.py`) works in three steps:
  1. `atoms`, a SpanRuler: amounts with a currency, implied amounts after a trigger
     ('een ondersteuning van 20.055'), day / month / year / school-year / relative dates,
     and BLOCK spans for numbers that are neither ('nr. 352', a postal code);
  2. `ranges`, a SpanRuler over the atoms: 'X tot en met Y', 'tussen X en Y',
     'de schooljaren X en Y', lists ('11 en 25 februari') and shared units
     ('van 3 naar 4,1 miljard euro');
  3. `vpdocs_entities`, this module's component: keeps one reading per stretch of text,
     adds the cells of money tables, and turns each span into a value with the pure
     functions of `vpdocs._amounts` and `vpdocs._intervals`.
`find_money` and `find_dates` run it on any text, so users can unit-test a rule alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from vpdocs import _amounts, _intervals
from vpdocs.blocks import Block
from vpdocs.lexicon import Words, pipeline_path
from vpdocs.lexicon import rules_digest as _rules_digest
from vpdocs.records import DateMention, Money

MENTIONS = "vpdocs_mentions"
ATOMS = "vpdocs_atoms"
RANGES = "vpdocs_ranges"
LINE_STARTS = "vpdocs_line_starts"
REFERENCE_DATE = "vpdocs_reference_date"

# Token checks inside the component (the patterns use native attributes: see `_shape_macros`).
_AMOUNT_RE = r"^\d{1,3}(?:\.\d{3})+(?:,(?:\d+|-{1,2}))?$|^\d+(?:,(?:\d+|-{1,2}))?$"
_AMOUNT = re.compile(_AMOUNT_RE)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d[-–/](?:(?:19|20)\d\d|\d\d)$")
_SENTENCE_END = re.compile(r"[.?!](?:\s|$)")

for _name in ("amount", "currency", "implied", "per", "interval", "parts", "context"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


# --- building the pipeline from models/rules ------------------------------------------------


def _list_macros(words: Words) -> dict[str, list[str]]:
    keys = (
        "months", "currencies", "scaled_currencies", "scales", "past_markers", "future_markers",
        "relative_words", "relative_units", "edges", "seasons", "part_ordinals", "part_units",
        "until_now", "reference_words", "period_words", "period_words_plural",
        "money_trigger_links", "amount_adverbs", "count_nouns",
    )  # fmt: skip
    macros = {f"@{key}": sorted(words[key]) for key in keys}
    macros["@currency_prefixes"] = list(words["currency_prefixes"])
    symbols = {prefix.lower() for prefix in words["currency_prefixes"]}
    macros["@currency_words"] = sorted(set(words["currencies"]) - symbols)
    macros["@range_connectors"] = [c for c in words["range_connectors"] if " " not in c]
    macros["@number_words_spelled"] = spelled_numbers(words)
    return {**macros, **_shape_macros()}


def _shape_macros() -> dict[str, list[str]]:
    """Numbers as spaCy shapes and exact strings: native checks, no regex per token.

    A shape keeps at most four characters of a kind: '7.562.000' -> 'd.ddd.ddd',
    '64000' -> 'dddd'. Values a shape cannot tell apart are checked when the span is read.
    """
    whole = ["d", "dd", "ddd", "dddd"]
    for groups in range(1, 5):
        whole += [lead + ".ddd" * groups for lead in ("d", "dd", "ddd")]
    decimals = ["", ",d", ",dd", ",ddd", ",dddd", ",-", ",--"]
    return {
        "@amount_shapes": [w + d for w in whole for d in decimals],
        "@years": [str(year) for year in range(1800, 2100)],
        "@days": [
            f"{prefix}{day}{suffix}"
            for day in range(1, 32)
            for prefix in (("", "0") if day < 10 else ("",))
            for suffix in ("", "e", "ste", "de")
        ],
        "@year_span_shapes": ["dddd-dddd", "dddd–dddd", "dddd/dddd", "dddd-dd", "dddd/dd"],
        "@numeric_date_shapes": [
            f"{d}{sep}{m}{sep}dddd" for d in ("d", "dd") for m in ("d", "dd") for sep in "./-"
        ],
    }


_UNITS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TENS = [
    "",
    "tien",
    "twintig",
    "dertig",
    "veertig",
    "vijftig",
    "zestig",
    "zeventig",
    "tachtig",
    "negentig",
]
_TEENS = [
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
]


def _spell_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    head = "" if hundreds == 0 else ("honderd" if hundreds == 1 else _UNITS[hundreds] + "honderd")
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = _UNITS[rest]
    elif rest < 20:
        tail = _TEENS[rest - 10]
    else:
        tens, unit = divmod(rest, 10)
        joiner = "ën" if _UNITS[unit].endswith("e") else "en"
        tail = _TENS[tens] if unit == 0 else _UNITS[unit] + joiner + _TENS[tens]
    return head + tail


def spelled_numbers(words: Words) -> list[str]:
    """Dutch number words 1-999 and their thousands ('tweehonderdvijftigduizend').

    Spelled by the Taalunie's rules (one word, 'ën' after a vowel: 'tweeëntwintig');
    text2num reads them back. Fractions ('anderhalf', 'tweeënhalf') come from the word list.
    """
    below = [_spell_below_thousand(n) for n in range(1, 1000)]
    thousands = ["duizend"] + [word + "duizend" for word in below[1:]]
    halves = [word + ("ënhalf" if word.endswith("e") else "enhalf") for word in below[:20]]
    stressed = ["één", "éénhalf"]  # 'één euro': the stressed spelling of 'een'
    return sorted({*below, *thousands, *halves, *stressed, *words["fractions"]})


def expand_pattern(value: Any, lists: dict[str, list[str]]) -> Any:
    """Replace "@name" references in a pattern with the word list they name."""
    if isinstance(value, dict):
        return {key: expand_pattern(item, lists) for key, item in value.items()}
    if isinstance(value, list):
        return [expand_pattern(item, lists) for item in value]
    if isinstance(value, str) and value.startswith("@"):
        if value not in lists:
            raise KeyError(f"unknown pattern macro {value}")
        return lists[value]
    return value


def read_patterns(path: Path, words: Words) -> list[dict[str, Any]]:
    lists = _list_macros(words)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [expand_pattern(json.loads(line), lists) for line in lines if line.strip()]


def _customise_tokenizer(nlp: Language, words: Words) -> None:
    """Keep listed abbreviations whole ('sept.', 'mld.', 'e.k.'), split 'k€.' / 'EUR.' at a
    sentence end and '150k€' after the digits."""
    tokenizer: Tokenizer = nlp.tokenizer
    abbreviations = {
        word
        for key in ("months", "scales", "currencies", "past_markers", "future_markers")
        for word in words[key]
        if word.endswith(".") and len(word) > 2
    }
    for word in sorted(abbreviations):
        for form in {word, word.capitalize()}:
            tokenizer.add_special_case(form, [{"ORTH": form}])
    for unit in ("k€", "K€", "M€", "kEUR", "KEUR", "MEUR", "EUR", "BEF"):
        for mark in (".", ",", ";", ":"):
            tokenizer.add_special_case(f"{unit}{mark}", [{"ORTH": unit}, {"ORTH": mark}])
    infixes = [
        *(nlp.Defaults.infixes or ()),
        r"(?<=[0-9])(?=(?:k€|K€|M€|kEUR|KEUR|MEUR)(?![A-Za-z]))",
        r"(?<=[A-Za-z€0-9])/(?=[A-Za-z])",  # '250 euro/maand', '€250/jaar'
    ]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def build_pipeline(rules: Path) -> Language:
    """spacy.blank('nl') + the rule components, from the data in `rules`."""
    words = Words.load(rules / "words.json")
    nlp = spacy.blank("nl")
    _customise_tokenizer(nlp, words)
    atoms_config = {
        "spans_key": ATOMS, "annotate_ents": True, "validate": True, "overwrite": True,
        "ents_filter": {"@misc": "vpdocs.atom_filter.v1"},
    }  # fmt: skip
    atoms = cast(SpanRuler, nlp.add_pipe("span_ruler", name="atoms", config=atoms_config))
    atoms.add_patterns(read_patterns(rules / "atoms.jsonl", words))
    ranges_config = {
        "spans_key": RANGES,
        "annotate_ents": False,
        "validate": True,
        "spans_filter": None,
    }
    ranges = cast(SpanRuler, nlp.add_pipe("span_ruler", name="ranges", config=ranges_config))
    ranges.add_patterns(read_patterns(rules / "ranges.jsonl", words))
    resolver = cast(EntityResolver, nlp.add_pipe("vpdocs_entities"))
    resolver.words = words
    return nlp


@registry.misc("vpdocs.atom_filter.v1")  # type: ignore[untyped-decorator]
def make_atom_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    """doc.ents: the longest reading wins. Implied amounts stay out: they overlap dates
    ('bedroeg in 2023 45.300') and are chosen by the component from the atoms group."""

    def filter_atoms(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
        return filter_spans([s for s in [*entities, *spans] if s.label_ != "MONEY_IMPLIED"])

    return filter_atoms


# --- the component --------------------------------------------------------------------------


@dataclass
class _Found:
    """A mention being assembled: tokens [start, end), its rule, what it borrows."""

    start: int
    end: int
    label: str
    rule: str
    parts: list[tuple[str, str]] = field(default_factory=list)
    context: str | None = None


# Ranges whose first part is a bare month or day outside any atom ('september tot ...')
LEADING_PART_RANGES = frozenset(
    {
        "date-range-from-month",
        "date-range-from-day",
        "date-range-between-months",
        "date-range-between-days",
    }
)
# What the last item of a list must name for the items before it to borrow from it
DAY_PARTNERS = frozenset(
    {"date-day-month-year", "date-day-month", "date-day-month-past", "date-day-month-future"}
)
MONTH_PARTNERS = frozenset({"date-month-year", "date-edge-month"})


@Language.factory("vpdocs_entities")
def make_entity_component(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(name)


class EntityResolver:
    """Chooses one reading per stretch of text and gives every mention its value."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.words: Words = Words({})

    # spaCy serialisation: the word lists travel with the pipeline
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.words.data, ensure_ascii=False, indent=1, sort_keys=True)
        (folder / "words.json").write_text(text + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityResolver:
        self.words = Words.load(Path(path) / "words.json")
        self.__dict__.pop("_triggers", None)
        self.__dict__.pop("_caption_re", None)
        return self

    def __call__(self, doc: Doc) -> Doc:
        found = self._choose(doc)
        found.extend(self._table_cells(doc, found))
        found.sort(key=lambda item: item.start)
        self._add_years_for_days(doc, found)
        doc.spans[MENTIONS] = [
            span for item in found if (span := self._valued(doc, item)) is not None
        ]
        return doc

    # 1. one reading per stretch: ranges first, then the atoms they leave
    def _choose(self, doc: Doc) -> list[_Found]:
        atoms = [span for span in doc.ents if span.label_ in {"MONEY", "DATE"}]
        taken = [False] * len(doc)
        found: list[_Found] = []
        for wide in filter_spans(list(doc.spans.get(RANGES, []))):
            inner = [a for a in atoms if a.start >= wide.start and a.end <= wide.end]
            for item in self._from_range(doc, wide, inner):
                found.append(item)
                for index in range(item.start, item.end):
                    taken[index] = True
        for atom in atoms:
            if any(taken[atom.start : atom.end]):
                continue
            found.append(self._from_atom(doc, atom, found))
            for index in range(atom.start, atom.end):
                taken[index] = True
        implied = [s for s in doc.spans.get(ATOMS, []) if s.label_ == "MONEY_IMPLIED"]
        for candidate in filter_spans(implied):
            chosen = self._implied(doc, candidate)
            if chosen is not None and not any(taken[chosen.start : chosen.end]):
                found.append(chosen)
        return found

    def _from_range(self, doc: Doc, wide: Span, inner: list[Span]) -> list[_Found]:
        if not inner or (
            len(inner) == 1 and (inner[0].start, inner[0].end) == (wide.start, wide.end)
        ):
            return []
        if wide.label_ == "DATE_LIST":
            return self._list_items(doc, wide, inner[-1])
        if wide.label_ == "MONEY_LIST":
            # 'van 3 naar 4,1 miljard euro': the bare number borrows the unit of the amount
            partner = next((a for a in reversed(inner) if a.label_ == "MONEY"), None)
            if partner is None:
                return []
            first = next(t.i for t in doc[wide.start : partner.start] if _AMOUNT.match(t.text))
            return [
                _Found(first, first + 1, "MONEY", "money-range-shared-unit", context=partner.text)
            ]
        start = self._trim_leading(doc, wide.start, wide.end)
        parts = [(a.id_, a.text) for a in inner]
        if wide.id_ in LEADING_PART_RANGES:
            lead = doc[start].text
            parts.insert(0, ("date-day" if lead[:1].isdigit() else "date-month", lead))
        return [_Found(start, wide.end, "DATE", wide.id_, parts)]

    def _list_items(self, doc: Doc, wide: Span, partner: Span) -> list[_Found]:
        """'3, 10 en 17 mei 2024': each bare day (or month) before the last item is a mention
        that borrows the month and year of that item; the item itself stays an atom."""
        by_month = wide.id_.endswith("month")
        if partner.id_ not in (MONTH_PARTNERS if by_month else DAY_PARTNERS):
            return []
        rule = "date-list-month" if by_month else "date-list-day"
        items = [t for t in doc[wide.start : partner.start] if t.text not in {",", "en"}]
        return [_Found(t.i, t.i + 1, "DATE", rule, [(partner.id_, partner.text)]) for t in items]

    def _from_atom(self, doc: Doc, atom: Span, found: list[_Found]) -> _Found:
        rule = atom.id_
        if rule in {"date-year-span", "date-year-span-spaced"} and self._school_year(
            doc, atom, found
        ):
            rule = "date-school-year"
        return _Found(atom.start, atom.end, atom.label_, rule)

    def _trim_leading(self, doc: Doc, start: int, end: int) -> int:
        leading = set(self.words["leading_words"])
        while start < end - 1 and doc[start].lower_ in leading:
            start += 1
        return start

    def _implied(self, doc: Doc, atom: Span) -> _Found | None:
        """'een ondersteuning (verleend) van 20.055 in afwachting': a money word before the
        link word, and after the amount nothing that makes it a count ('van 20 leerlingen')."""
        amount = next((t.i for t in reversed(atom) if _AMOUNT.match(t.text)), None)
        if amount is None or (_YEAR.match(doc[amount].text) and atom.end == amount + 1):
            return None
        if atom.id_ == "money-implied-trigger" and not self._trigger_before(doc, atom.start):
            return None
        if atom.end < len(doc):
            follower = doc[atom.end]
            fine = (
                follower.lower_ in self.words["money_followers"]
                or follower.lower_ in self.words["money_verbs"]
                or follower.is_stop
            )
            if follower.is_punct:
                fine = follower.text not in {"%", "°"}
            if not fine:
                return None
        return _Found(amount, atom.end, "MONEY", "money-implied-" + atom.id_.rsplit("-", 1)[-1])

    def _trigger_before(self, doc: Doc, link: int) -> bool:
        """A money word ('ondersteuning', 'werkingssubsidie') just before the link word,
        with at most two words between ('ondersteuning verleend van')."""
        index = link - 1
        for _ in range(3):
            if index < 0:
                return False
            token = doc[index]
            if self._triggers.search(token.lower_):
                return True
            if not token.is_alpha or token.is_stop:
                return False
            index -= 1
        return False

    @functools.cached_property
    def _triggers(self) -> re.Pattern[str]:
        names = "|".join(sorted(self.words["money_triggers"], key=len, reverse=True))
        return re.compile(rf"(?:{names})$")

    def _school_year(self, doc: Doc, atom: Span, found: list[_Found]) -> bool:
        """A bare '2022-2023' is a school year after one, or among school words."""
        match = _YEAR_RANGE.match(atom.text.replace(" ", ""))
        text = atom.text.replace(" ", "")
        years = re.findall(r"\d+", text)
        if match is None and len(years) != 2:
            return False
        first, second = int(years[0]), int(years[-1])
        consecutive = second == first + 1 or (len(years[-1]) == 2 and second == (first + 1) % 100)
        if not consecutive:
            return False
        if "/" in text or len(years[-1]) == 2:
            return True
        qualifiers = self.words["school_year_qualifiers"]
        earlier = [f for f in found if f.end <= atom.start]
        if any(any(q in doc[f.start : f.end].text.lower() for q in qualifiers) for f in earlier):
            return True
        sentence = _sentence_of(doc, atom).lower()
        return any(stem in sentence for stem in self.words["school_context"])

    # 2. money tables: every amount cell under a caption such as '(bedrag in euro)'
    def _table_cells(self, doc: Doc, found: list[_Found]) -> list[_Found]:
        """Amount cells of the table under a caption such as '(bedrag in euro)': every numeric
        column, or only the columns whose header names money ('bedrag', 'subsidie')."""
        if self._caption_re.search(doc.text.lower()) is None:
            return []
        taken = {i for item in found for i in range(item.start, item.end)}
        lines = list(_lines(doc))
        cells: list[_Found] = []
        index = 0
        while index < len(lines):
            caption = self._caption(lines[index])
            if caption is None:
                index += 1
                continue
            header, row = lines[index], index + 1
            if row < len(lines) and not self._is_data_row(lines[row]):
                header, row = lines[row], row + 1  # the column header under a caption line
            while row < len(lines) and self._is_data_row(lines[row]):
                numbers = [t for t in lines[row] if _AMOUNT.match(t.text)]
                columns = self._money_columns(header, len(numbers))
                cells.extend(
                    _Found(t.i, t.i + 1, "MONEY", "money-table-cell", context=caption)
                    for column, t in enumerate(numbers)
                    if t.i not in taken and (columns is None or column in columns)
                )
                row += 1
            index = row
        return cells

    def _money_columns(self, header: Span, count: int) -> set[int] | None:
        """Which of `count` numeric columns hold money, read from the column header; None
        when the header does not tell them apart (then the caption covers them all)."""
        labels = re.sub(r"\([^()]*\)", " ", header.text).split()
        if len(labels) == count + 1:
            labels = labels[1:]  # the first column names the rows
        if len(labels) != count:
            return None
        money = {
            n for n, label in enumerate(labels)
            if self._triggers.search(label.lower()) or label.lower() in self.words["currencies"]
        }  # fmt: skip
        return money or None

    def _caption(self, line: Span) -> str | None:
        """'(bedrag in euro)', '(in duizend euro)', 'bedragen in k€': the unit of the cells."""
        match = self._caption_re.search(line.text.lower())
        return None if match is None else match.group("a") or match.group("b")

    @functools.cached_property
    def _caption_re(self) -> re.Pattern[str]:
        units = "|".join(
            re.escape(u) for u in sorted(self.words["table_captions"], key=len, reverse=True)
        )
        return re.compile(
            rf"\((?:[^()]*?\s)?(?P<a>{units})\s*\)|\bbedrag(?:en)?\s+in\s+(?P<b>{units})"
        )

    @staticmethod
    def _is_data_row(line: Span) -> bool:
        numbers = [t for t in line if _AMOUNT.match(t.text) and not _YEAR.match(t.text)]
        words = [t for t in line if t.is_alpha]
        return (
            bool(numbers) and len(words) <= 6 and not line.text.rstrip().endswith((".", ":", "?"))
        )

    # 3. day dates without a year take the year of the date before them
    def _add_years_for_days(self, doc: Doc, found: list[_Found]) -> None:
        last_year: str | None = None
        for item in found:
            if item.label != "DATE":
                continue
            text = doc[item.start : item.end].text
            if item.rule == "date-day-month" and last_year is not None:
                item.context = last_year
            years = re.findall(r"\b(?:1[89]|20)\d\d\b", text)
            if years:
                last_year = years[-1]

    # 4. values
    def _valued(self, doc: Doc, item: _Found) -> Span | None:
        span = Span(doc, item.start, item.end, label=item.label, span_id=item.rule)
        try:
            if item.label == "MONEY":
                amount, currency, implied = _amounts.parse_money(
                    span.text, self.words, context=item.context
                )
                span._.amount, span._.currency = amount, currency
                span._.implied = implied or item.rule.startswith("money-implied")
                span._.per = _per(doc, item.end)
            else:
                reference = doc.user_data.get(REFERENCE_DATE)
                interval = _intervals.resolve(
                    span.text,
                    item.rule,
                    self.words,
                    reference=reference,
                    parts=item.parts,
                    context=item.context,
                )
                if interval is None:
                    return None
                span._.interval = interval
        except (ValueError, ArithmeticError):
            return None
        span._.parts, span._.context = item.parts or None, item.context
        return span


def _lines(doc: Doc) -> Iterator[Span]:
    starts = doc.user_data.get(LINE_STARTS) or [0]
    bounds = [*starts[1:], len(doc.text)]
    for first, last in zip(starts, bounds, strict=True):
        line = doc.char_span(first, last, alignment_mode="contract")
        if line is not None and len(line):
            yield line


def _sentence_of(doc: Doc, span: Span) -> str:
    text = doc.text
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, span.start_char)]
    start = starts[-1] if starts else 0
    end_match = _SENTENCE_END.search(text, span.end_char)
    return text[start : end_match.start() if end_match else len(text)]


def _per(doc: Doc, end: int) -> str | None:
    """'per plaats per jaar' after an amount -> 'plaats per jaar'."""
    units: list[str] = []
    index = end
    while index + 1 < len(doc) and doc[index].lower_ == "per" and not doc[index + 1].is_punct:
        units.append(doc[index + 1].text)
        index += 2
    return " per ".join(units) or None


# --- running it -----------------------------------------------------------------------------


@functools.cache
def load_pipeline() -> Language:
    """The packaged pipeline, loaded once per process."""
    return spacy.load(pipeline_path())


def rules_digest() -> str:
    return _rules_digest()


def _prepare(nlp: Language, text: str, reference_date: dt.date | None) -> Doc:
    """A Doc of `text` with line breaks as spaces; where lines start is kept for tables."""
    flat = text.replace("\n", " ")
    doc = nlp.make_doc(flat)
    doc.user_data[LINE_STARTS] = [0, *(m.end() for m in re.finditer("\n", text))]
    doc.user_data[REFERENCE_DATE] = reference_date
    return doc


def analyse(texts: Sequence[str], *, reference_date: dt.date | None) -> list[Doc]:
    """Run the pipeline on several texts (a document's blocks) in one go."""
    nlp = load_pipeline()
    docs = [_prepare(nlp, text, reference_date) for text in texts]
    return list(nlp.pipe(docs))


def _money(span: Span, block: str) -> Money:
    return Money(
        text=span.text,
        amount=span._.amount,
        currency=span._.currency,
        implied=bool(span._.implied),
        per=span._.per,
        block=block,
        char_start=span.start_char,
        char_end=span.end_char,
        rule=span.id_,
    )


def _date(span: Span, block: str) -> DateMention:
    interval: _intervals.Interval = span._.interval
    return DateMention(
        text=span.text, start=interval.start, end=interval.end, granularity=interval.granularity,
        relative=interval.relative, block=block, char_start=span.start_char, char_end=span.end_char,
        rule=span.id_,
    )  # fmt: skip


def find_money(text: str, *, block: str = "text") -> list[Money]:
    """Every money mention in `text` (line breaks matter for tables), in order.

    >>> [m.amount for m in find_money("een ondersteuning van 20.055 in afwachting")]
    [Decimal('20055')]
    """
    (doc,) = analyse([text], reference_date=None)
    return [_money(span, block) for span in doc.spans[MENTIONS] if span.label_ == "MONEY"]


def find_dates(
    text: str, *, reference_date: dt.date | None = None, block: str = "text"
) -> list[DateMention]:
    """Every date mention in `text`, relative ones resolved against `reference_date`.

    >>> [(d.text, d.start.isoformat()) for d in find_dates("op 18 januari laatsleden",
    ...                                                   reference_date=dt.date(2024, 3, 15))]
    [('18 januari laatsleden', '2024-01-18')]
    """
    (doc,) = analyse([text], reference_date=reference_date)
    return [_date(span, block) for span in doc.spans[MENTIONS] if span.label_ == "DATE"]


@dataclass(frozen=True, slots=True)
class Mentions:
    """The money and date mentions of one block."""

    money: list[Money] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)


def annotate(
    blocks: Sequence[tuple[str, Block]], *, reference_date: dt.date | None
) -> list[Mentions]:
    """Stage 4: the mentions of every named block, in block order."""
    docs = analyse([block.text for _, block in blocks], reference_date=reference_date)
    result = []
    for (name, _), doc in zip(blocks, docs, strict=True):
        spans = doc.spans[MENTIONS]
        result.append(
            Mentions(
                money=[_money(s, name) for s in spans if s.label_ == "MONEY"],
                dates=[_date(s, name) for s in spans if s.label_ == "DATE"],
            )
        )
    return result
