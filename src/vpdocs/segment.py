"""Stage 3, segment: clean lines in; header facts, preamble, questions and answers out.

The steps, in order:
  1. find the layout: modern (`SCHRIFTELIJKE VRAAG` ... `ANTWOORD`) or bulletin-era
     (`Vraag nr. 42 van 8 maart 2006 van NAME` ... `Antwoord`);
  2. read the header (number, asker, date, minister and title lines, document title);
  3. cut the question part from the answer part and drop the minister's signature;
  4. number the questions: the longest chain 1, 2, 3 ... of plausible line-start markers,
     then sub-items a), b) ... inside each;
  5. number the answers: line-start markers that name asked questions, in any order,
     skipping enumerations inside an answer; a closing `Bijlage:` caption is an annex.
Segmentation only reads markers as printed; which leaf an answer covers is `align`'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from vpdocs.blocks import EMPTY, Block, lines_block, normalise_space
from vpdocs.errors import NotAWrittenQuestionError
from vpdocs.extract import ExtractedDocument, Line, is_capitals
from vpdocs.lexicon import DAY_MONTH_YEAR, MONTHS, NUMERIC_DATE, words

# --- rules: header lines --------------------------------------------------------------------

MODERN_START = re.compile(r"^SCHRIFTELIJKE\s+VRAAG\b")
NUMBER_LINE = re.compile(r"^nr\.?\s*(?P<number>\d+)\b", re.IGNORECASE)
ASKER_LINE = re.compile(r"^van\s+(?P<name>[^\s].*?)\s*$")
DATE_LINE = re.compile(r"^datum\s*:?\s*(?P<date>.+?)\s*$", re.IGNORECASE)
MINISTER_LINE = re.compile(r"^aan\s+(?P<name>[^\s].*?)\s*$")
ANSWER_START = re.compile(r"^(?:ANTWOORD|Antwoord)\b\s*(?P<rest>(?:op\s+vraag\b.*)?)$")
ANSWER_REFERENCE_LINE = re.compile(
    r"^op\s+(?:de\s+)?vraag\s+nr\.?\s*(?P<number>\d+)(?:\s+van\s+(?P<date>.+?))?\s*$", re.IGNORECASE
)
BULLETIN_ITEM = re.compile(
    r"^Vraag\s+nr\.?\s*(?P<number>\d+)\s+van\s+(?P<date>\d{1,2}\s+\S+\s+\d{4}|[\d./-]{8,10})"
    r"(?:\s+van\s+(?P<name>.+?))?\s*$",
    re.IGNORECASE,
)
ANNEX_CAPTION = re.compile(r"^Bijlage[n]?\s*(?:\d+\s*)?(?:[:.–-]\s*\S|$)", re.IGNORECASE)
MINISTER_WORDS = re.compile(
    r"\b(?:minister|ministers|regering|viceminister-president)\b", re.IGNORECASE
)

# --- rules: question and answer markers -------------------------------------------------------

_NUM = r"\d{1,2}"
_CONJ = r"\s*(?:,|en|tot\s+en\s+met|t\.e\.m\.?|t/m|tot|-|–|&)\s*"
_LETTERS = rf"\(?[a-z]\)(?:{_CONJ}\(?[a-z]\))*"
_LETTER_DOTS = r"[a-z]\.(?=\s)"
_ITEM = rf"{_NUM}(?:\s*[.)]?\s*(?:{_LETTERS}|{_LETTER_DOTS}))?"
REFS = rf"{_ITEM}(?:{_CONJ}{_ITEM})*"
# "1.", "1)", "3. a)", "1 en 2.", "1-3.", "2 tot 4.", "3 a) en b)"
NUMBERED_MARKER = re.compile(rf"^(?P<refs>{REFS})\s*(?P<term>[.):](?!\d))?(?=\s|$)")
# "Vraag 1:", "Antwoord op vraag 3", "Antwoord op de vragen 1 en 2"
HEADING_MARKER = re.compile(
    rf"^(?:Antwoord(?:en)?\s+(?:op\s+)?(?:de\s+)?[Vv]ra(?:ag|gen)|Vra(?:ag|gen))\s+(?P<refs>{REFS})"
    rf"\s*(?P<term>[.):\-–](?!\d))?(?=\s|$)"
)
# "a)", "(b)", "a) en b)", "a."
LETTER_MARKER = re.compile(rf"^(?P<refs>{_LETTERS}|{_LETTER_DOTS})(?=\s|$)")
_REF_TOKEN = re.compile(
    r"(?P<num>\d{1,2})|(?P<range>tot\s+en\s+met|t\.e\.m\.?|t/m|tot|-|–)"
    r"|\(?(?P<letter>[a-z])(?:\)|\.(?=\s|$))"
)
REFERENCE = re.compile(
    r"\bvra(?:ag|gen)\s+(?:nr\.?|nummer|nrs\.?)\s*(?P<number>\d+)"
    r"(?:\s+van\s+(?P<date>\d{1,2}\s+[a-z]+\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{4}))?",
    re.IGNORECASE,
)
LIST_CONTINUES = (",", ";", ":")

Layout = Literal["modern", "bulletin"]


# --- values handed to the next stages -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ref:
    """A question reference as printed: number, and a sub-item letter or None."""

    number: int
    letter: str | None = None


@dataclass(frozen=True, slots=True)
class Header:
    layout: Layout
    number: int | None
    asked_by: str | None
    addressed_to: str | None
    minister_title: str | None
    date_asked: dt.date | None
    title: str | None
    theme: str | None


@dataclass(frozen=True, slots=True)
class QuestionSegment:
    label: str
    number: int
    letter: str | None
    text: Block
    context: Block | None
    line: int


@dataclass(frozen=True, slots=True)
class AnswerSegment:
    refs: tuple[Ref, ...]  # empty: an unnumbered answer (answers every question)
    heading: str | None
    text: Block
    line: int


@dataclass(frozen=True, slots=True)
class Segmentation:
    header: Header
    preamble: Block
    questions: tuple[QuestionSegment, ...]
    answer_intro: Block
    answers: tuple[AnswerSegment, ...]
    annexes: tuple[Block, ...]
    warnings: tuple[str, ...]
    lines: tuple[Line, ...] = field(repr=False, default=())


@dataclass(frozen=True, slots=True)
class _Marker:
    line: int
    column: int  # where the text after the marker starts
    refs: tuple[Ref, ...]
    style: str
    heading: str
    rest: str


# --- small named helpers --------------------------------------------------------------------


def parse_day(text: str) -> dt.date | None:
    """'15 maart 2024' or '15/03/2024' -> date; None when it is not a valid full date."""
    match = DAY_MONTH_YEAR.search(text)
    if match:
        month = MONTHS.get(match.group("month").lower().rstrip("."))
        numbers = (int(match.group("year")), month or 0, int(match.group("day")))
    elif match := NUMERIC_DATE.search(text):
        numbers = (int(match.group("year")), int(match.group("month")), int(match.group("day")))
    else:
        return None
    try:
        return dt.date(*numbers)
    except ValueError:
        return None


def parse_refs(text: str) -> tuple[Ref, ...]:
    """'1 en 2' -> 1, 2; '1-3' -> 1, 2, 3; '3. a) en b)' -> 3a, 3b; 'a) tot c)' -> a, b, c."""
    refs: list[Ref] = []
    in_range = False
    for token in _REF_TOKEN.finditer(text):
        if token.group("range"):
            in_range = bool(refs)
            continue
        if token.group("num"):
            number = int(token.group("num"))
            first = refs[-1].number + 1 if in_range and refs[-1].letter is None else number
            refs.extend(Ref(value) for value in range(first, number + 1))
        else:
            letter = token.group("letter")
            if refs and refs[-1].letter is None and refs[-1].number > 0:
                refs[-1] = Ref(refs[-1].number, letter)
                in_range = False
                continue
            parent = refs[-1].number if refs else 0
            start = (
                ord(refs[-1].letter) + 1 if in_range and refs and refs[-1].letter else ord(letter)
            )
            refs.extend(Ref(parent, chr(code)) for code in range(start, ord(letter) + 1))
        in_range = False
    return tuple(refs)


def _continues_list(text: str) -> bool:
    return text.rstrip().endswith(LIST_CONTINUES)


# --- 1-2: layout and header -----------------------------------------------------------------


@dataclass(slots=True)
class _Cursor:
    """Positions found while reading the header."""

    body_start: int = 0
    answer_line: int | None = None
    answer_body: int | None = None
    warnings: list[str] = field(default_factory=list)


def _find_answer_start(lines: Sequence[Line], after: int) -> int | None:
    for index in range(after, len(lines)):
        if ANSWER_START.match(lines[index].text):
            return index
    return None


def _minister_title(lines: Sequence[Line], start: int) -> tuple[str | None, int]:
    """Capital lines from `start` on: the minister's title, possibly wrapped."""
    end = start
    while (
        end < len(lines)
        and is_capitals(lines[end].text)
        and not MODERN_START.match(lines[end].text)
    ):
        end += 1
    if end == start:
        return None, start
    parts: list[str] = []
    for line in lines[start:end]:
        text = line.text.strip()
        if parts and parts[-1].endswith("-"):
            parts[-1] += text
        else:
            parts.append(text)
    return normalise_space(" ".join(parts)), end


def _read_title(
    lines: Sequence[Line], start: int, limit: int, export_title: str | None
) -> tuple[str | None, int]:
    """The document title printed at `start`; returns it and the first line after it."""
    if start >= limit:
        return export_title, start
    if export_title:
        wanted = _squash(export_title)
        seen = ""
        for end in range(start, min(limit, start + 4)):
            seen += _squash(lines[end].text)
            if seen == wanted:
                return normalise_space(export_title), end + 1
            if not wanted.startswith(seen):
                break
        return normalise_space(export_title), start + 1
    end = start + 1
    if any(line.gap_before for line in lines):
        while end < limit and not lines[end].gap_before:
            end += 1
    title = normalise_space(" ".join(line.text for line in lines[start:end]))
    return title, end


def _squash(text: str) -> str:
    return re.sub(r"[\s\-–—]+", "", text).lower()


def _modern_header(
    lines: Sequence[Line], start: int, document: ExtractedDocument, cursor: _Cursor
) -> Header:
    number = asked_by = addressed_to = None
    date_asked: dt.date | None = None
    same_line = re.search(r"\bnr\.?\s*(\d+)", lines[start].text, re.IGNORECASE)
    if same_line:
        number = int(same_line.group(1))
    index = start + 1
    while index < min(len(lines), start + 8) and addressed_to is None:
        text = lines[index].text.strip()
        if (match := NUMBER_LINE.match(text)) and number is None:
            number = int(match.group("number"))
        elif (match := DATE_LINE.match(text)) and date_asked is None:
            date_asked = parse_day(match.group("date"))
        elif (match := ASKER_LINE.match(text)) and asked_by is None:
            asked_by = normalise_space(match.group("name"))
        elif match := MINISTER_LINE.match(text):
            addressed_to = normalise_space(match.group("name"))
        else:
            break
        index += 1
    minister_title, after_title = _minister_title(lines, index)
    cursor.answer_line = _find_answer_start(lines, after_title)
    limit = cursor.answer_line if cursor.answer_line is not None else len(lines)
    title, cursor.body_start = _read_title(lines, after_title, limit, document.export.title)
    header = Header(
        "modern",
        number,
        asked_by,
        addressed_to,
        minister_title,
        date_asked,
        title,
        document.export.theme,
    )
    return _fill_from_answer_header(lines, header, cursor)


def _fill_from_answer_header(lines: Sequence[Line], header: Header, cursor: _Cursor) -> Header:
    """Read `ANTWOORD / op vraag nr. N van D / van NAME`; fill what the question header lacked."""
    if cursor.answer_line is None:
        return header
    first = ANSWER_START.match(lines[cursor.answer_line].text)
    texts = [(first.group("rest") if first else "", cursor.answer_line)]
    texts += [
        (lines[i].text.strip(), i)
        for i in range(cursor.answer_line + 1, min(len(lines), cursor.answer_line + 3))
    ]
    number, date_asked, asked_by = header.number, header.date_asked, header.asked_by
    cursor.answer_body = cursor.answer_line + 1
    for text, index in texts:
        if not text:
            continue
        if match := ANSWER_REFERENCE_LINE.match(text):
            number = number or int(match.group("number"))
            date_asked = date_asked or parse_day(match.group("date") or "")
        elif (match := ASKER_LINE.match(text)) and _is_asker(match.group("name"), header.asked_by):
            asked_by = asked_by or normalise_space(match.group("name"))
        else:
            break
        cursor.answer_body = index + 1
    return Header(
        header.layout, number, asked_by, header.addressed_to, header.minister_title,
        date_asked, header.title, header.theme,
    )  # fmt: skip


def _is_asker(name: str, known: str | None) -> bool:
    """'van NAME' under ANTWOORD: the asker in capitals, or as the header printed them."""
    if known is not None and normalise_space(name).casefold() == known.casefold():
        return True
    return is_capitals(name)


def _bulletin_header(
    lines: Sequence[Line], item: int, document: ExtractedDocument, cursor: _Cursor
) -> Header:
    match = BULLETIN_ITEM.match(lines[item].text.strip())
    assert match is not None
    first = item
    while first > 0 and is_capitals(lines[first - 1].text):
        first -= 1
    addressed_to: str | None = None
    minister_title: str | None = None
    if first < item:
        name = normalise_space(lines[first].text)
        if "MINISTER" not in name:
            addressed_to = name
            minister_title, _ = _minister_title(lines, first + 1)
        else:
            minister_title, _ = _minister_title(lines, first)
    cursor.answer_line = _find_answer_start(lines, item + 1)
    limit = cursor.answer_line if cursor.answer_line is not None else len(lines)
    title, cursor.body_start = _read_title(lines, item + 1, limit, document.export.title)
    if cursor.answer_line is not None:
        cursor.answer_body = cursor.answer_line + 1
    asked_by = normalise_space(match.group("name")) if match.group("name") else None
    return Header(
        "bulletin", int(match.group("number")), asked_by, addressed_to, minister_title,
        parse_day(match.group("date")), title, document.export.theme,
    )  # fmt: skip


def read_header(document: ExtractedDocument) -> tuple[Header, _Cursor]:
    """Steps 1-2: the layout and the header facts."""
    lines = document.lines
    cursor = _Cursor()
    for index, line in enumerate(lines[:40]):
        if MODERN_START.match(line.text.strip()):
            return _modern_header(lines, index, document, cursor), cursor
    for index, line in enumerate(lines[:60]):
        if BULLETIN_ITEM.match(line.text.strip()):
            return _bulletin_header(lines, index, document, cursor), cursor
    name = document.path or "<text>"
    raise NotAWrittenQuestionError(
        name,
        "not a written question: no 'SCHRIFTELIJKE VRAAG' heading and no "
        "'Vraag nr. N van <date>' line near the top",
    )


# --- 3: the question part and the signature -------------------------------------------------


def _signature_start(
    lines: Sequence[Line], start: int, end: int, name: str | None, *, capitals: bool
) -> int:
    """Where the minister's name (and title) repeated at the end of a part begin.

    The name line decides when it stands among the last lines and only title lines
    (capitals, or naming a minister) follow it; with `capitals`, a trailing run of
    capital lines counts as a signature too.
    """
    if name:
        wanted = normalise_space(name).casefold()
        for index in range(end - 1, max(start, end - 8) - 1, -1):
            if normalise_space(lines[index].text).casefold() == wanted:
                if all(_is_title_line(line.text) for line in lines[index + 1 : end]):
                    return index
                break
    cut = end
    if capitals:
        while cut > start and is_capitals(lines[cut - 1].text):
            cut -= 1
    return cut


def _is_title_line(text: str) -> bool:
    """A line of a minister's title: in capitals, or naming the office."""
    return is_capitals(text) or bool(MINISTER_WORDS.search(text))


# --- 4: questions ---------------------------------------------------------------------------


def _marker_at(line: Line, index: int, *, headings: bool) -> _Marker | None:
    text = line.text
    match = HEADING_MARKER.match(text) if headings else None
    style = "heading"
    if match is None:
        match = NUMBERED_MARKER.match(text)
        style = "numbered"
        if match and match.group("term") is None and not match.group("refs").endswith((")", ".")):
            return None  # '2 en 3 projecten': a number without a mark is no marker
    if match is None:
        match = LETTER_MARKER.match(text)
        style = "letter"
    if match is None:
        return None
    refs = parse_refs(match.group("refs"))
    if not refs:
        return None
    if style == "numbered":
        style = _numbering_style(match.group("refs"), match.group("term"))
    column = match.end()
    return _Marker(index, column, refs, style, text[: match.end()].strip(), text[column:].strip())


def _numbering_style(refs: str, term: str | None) -> str:
    """'dot' for '1.' and '3. a)', 'paren' for '1)', 'any' for '3 a)' (no mark after the number)."""
    after_number = re.match(r"\d{1,2}\s*([.)])", refs)
    if after_number:
        return "paren" if after_number.group(1) == ")" else "dot"
    if term:
        return "paren" if term == ")" else "dot"
    return "any"


def _same_style(a: str, b: str) -> bool:
    return a == b or "any" in (a, b)


def _question_markers(lines: Sequence[Line], start: int, end: int) -> list[_Marker]:
    found = []
    for index in range(start, end):
        marker = _marker_at(lines[index], index, headings=True)
        if marker is not None and not (marker.style == "heading" and len(marker.refs) > 1):
            found.append(marker)
    return found


def _plausible_start(lines: Sequence[Line], marker: _Marker, start: int) -> bool:
    """A new item: no list goes on before it, and no sentence runs on into it."""
    if marker.line <= start or lines[marker.line].gap_before or marker.style == "heading":
        return True
    previous = lines[marker.line - 1].text
    if _continues_list(previous) or _runs_on(previous):
        return False
    return not marker.rest[:1].islower()


def _runs_on(text: str) -> bool:
    """The line ends in a word no sentence ends with ('... steeg van 14 naar')."""
    last = text.rstrip().rsplit(" ", 1)[-1].lower()
    return last in CONTINUATION_WORDS


CONTINUATION_WORDS = frozenset(words()["continuation_words"])


def _question_chain(lines: Sequence[Line], markers: list[_Marker], start: int) -> list[_Marker]:
    """The longest run 1, 2, 3, ... of same-style numbered markers; later start wins a tie."""
    best: list[_Marker] = []
    for first_index, first in enumerate(markers):
        if first.style == "letter" or first.refs[0].number != 1:
            continue
        if len({ref.number for ref in first.refs}) > 1:
            continue
        chain = [first]
        for candidate in markers[first_index + 1 :]:
            numbers = {ref.number for ref in candidate.refs}
            if (
                _same_style(candidate.style, first.style)
                and numbers == {chain[-1].refs[0].number + 1}
                and _plausible_start(lines, candidate, start)
            ):
                chain.append(candidate)
        if len(chain) >= len(best):
            best = chain
    return best


def _leaf_markers(lines: Sequence[Line], start: int, end: int, after: str = "") -> list[_Marker]:
    """Sub-items a), b), c) ... in lines [start, end), in unbroken letter order
    (from the letter after `after` when the first one stood on the question's line)."""
    found: list[_Marker] = []
    for index in range(start, end):
        marker = _marker_at(lines[index], index, headings=False)
        if marker is None or marker.style != "letter" or len(marker.refs) != 1:
            continue
        previous = found[-1].refs[0].letter if found else after
        expected = chr(ord(previous) + 1) if previous else "a"
        if marker.refs[0].letter == expected:  # the letter sequence is evidence enough
            found.append(marker)
    return found


def _questions(
    lines: Sequence[Line], start: int, end: int
) -> tuple[Block, list[QuestionSegment], bool]:
    """Step 4: preamble and leaf questions of lines [start, end); and whether they are numbered."""
    chain = _question_chain(lines, _question_markers(lines, start, end), start)
    if not chain:
        whole = lines_block(lines, start, end)
        return EMPTY, [QuestionSegment("1", 1, None, whole, None, start)] if whole else [], False
    preamble = lines_block(lines, start, chain[0].line)
    questions: list[QuestionSegment] = []
    bounds = [marker.line for marker in chain[1:]] + [end]
    for marker, stop in zip(chain, bounds, strict=True):
        questions.extend(_leaves(lines, marker, stop))
    return preamble, questions, True


def _leaves(lines: Sequence[Line], marker: _Marker, stop: int) -> list[QuestionSegment]:
    number = marker.refs[0].number
    inline_letter = marker.refs[0].letter
    subs = _leaf_markers(lines, marker.line + 1, stop)
    if inline_letter == "a":
        first = _Marker(marker.line, marker.column, (Ref(number, "a"),), "letter", "", marker.rest)
        subs = [first, *_leaf_markers(lines, marker.line + 1, stop, after="a")]
    elif not subs:
        text = lines_block(lines, marker.line, stop, marker.column)
        return [QuestionSegment(str(number), number, None, text, None, marker.line)]
    context = (
        lines_block(lines, marker.line, subs[0].line, marker.column)
        if subs[0].line > marker.line
        else None
    )
    leaves = []
    bounds = [sub.line for sub in subs[1:]] + [stop]
    for sub, sub_stop in zip(subs, bounds, strict=True):
        letter = sub.refs[0].letter or ""
        text = lines_block(lines, sub.line, sub_stop, sub.column)
        leaves.append(
            QuestionSegment(f"{number}{letter}", number, letter, text, context or None, sub.line)
        )
    return leaves


# --- 5: answers -----------------------------------------------------------------------------


@dataclass(slots=True)
class _AnswerState:
    leaves: dict[int, list[str]]  # question number -> its letters ([] when it has no sub-items)
    answered: set[tuple[int, str | None]] = field(default_factory=set)
    parent: int | None = None


def _covered(refs: Sequence[Ref], leaves: dict[int, list[str]]) -> set[tuple[int, str | None]]:
    covered: set[tuple[int, str | None]] = set()
    for ref in refs:
        letters = leaves.get(ref.number, [])
        if ref.letter is not None and ref.letter in letters:
            covered.add((ref.number, ref.letter))
        else:
            options: list[str | None] = [*letters] or [None]
            covered.update((ref.number, letter) for letter in options)
    return covered


def _accept_answer_marker(
    lines: Sequence[Line], marker: _Marker, state: _AnswerState, start: int
) -> tuple[Ref, ...] | None:
    """The refs a line-start marker stands for, or None when it is not an answer marker."""
    refs = marker.refs
    if marker.style == "letter":
        if state.parent is None or not state.leaves.get(state.parent):
            return None
        refs = tuple(Ref(state.parent, ref.letter) for ref in refs)
        if any(ref.letter not in state.leaves[state.parent] for ref in refs):
            return None
    if any(ref.number not in state.leaves for ref in refs):
        return None
    if marker.style != "heading":
        if not _plausible_start(lines, marker, start):
            return None
        if _covered(refs, state.leaves) <= state.answered:
            return None
    return refs


def _continues_enumeration(marker: _Marker, enumeration: tuple[str, int] | None) -> bool:
    """'2.' after a rejected '1.' of the same style is the same list, not answer 2."""
    if enumeration is None or marker.style == "heading" or len(marker.refs) != 1:
        return False
    style, expected = enumeration
    return (
        _same_style(marker.style, style)
        and marker.refs[0].number == expected
        and marker.refs[0].letter is None
    )


def _starts_sentence(lines: Sequence[Line], index: int) -> bool:
    """A line that opens a new sentence: a capital after a line that ended one."""
    if index == 0 or not lines[index].text[:1].isupper():
        return False
    return lines[index - 1].text.rstrip().endswith((".", "?", "!"))


def _answers(
    lines: Sequence[Line], start: int, end: int, leaves: dict[int, list[str]], numbered: bool
) -> tuple[Block, list[AnswerSegment], int]:
    """Step 5: answer blocks of lines [start, end); returns intro, blocks and where they end."""
    state = _AnswerState(leaves)
    accepted: list[tuple[_Marker, tuple[Ref, ...]]] = []
    enumeration: tuple[str, int] | None = None  # a list inside an answer: its style, next number
    for index in range(start, end if numbered else start):
        marker = _marker_at(lines[index], index, headings=True)
        if marker is None:
            if enumeration is not None and _starts_sentence(lines, index):
                enumeration = None  # prose after the list: the list is over
            continue
        if _continues_enumeration(marker, enumeration):
            enumeration = (marker.style, marker.refs[0].number + 1)
            continue
        refs = _accept_answer_marker(lines, marker, state, start)
        if refs is None:
            if marker.style in {"dot", "paren", "any"} and len(marker.refs) == 1:
                enumeration = (marker.style, marker.refs[0].number + 1)
            continue
        enumeration = None
        accepted.append((marker, refs))
        state.answered |= _covered(refs, leaves)
        state.parent = refs[-1].number
    end = _annex_start(lines, accepted[-1][0].line + 1 if accepted else start, end)
    if not accepted:
        whole = lines_block(lines, start, end)
        return EMPTY, [AnswerSegment((), None, whole, start)] if whole else [], end
    intro = lines_block(lines, start, accepted[0][0].line)
    blocks = []
    bounds = [marker.line for marker, _ in accepted[1:]] + [end]
    for (marker, refs), stop in zip(accepted, bounds, strict=True):
        text = lines_block(lines, marker.line, stop, marker.column)
        if text or stop == end:
            blocks.append(AnswerSegment(refs, marker.heading, text, marker.line))
    return intro, blocks, end


def _annex_start(lines: Sequence[Line], start: int, end: int) -> int:
    for index in range(start, end):
        if ANNEX_CAPTION.match(lines[index].text.strip()):
            return index
    return end


def _annexes(lines: Sequence[Line], start: int, end: int) -> tuple[Block, ...]:
    """Each `Bijlage: ...` caption from `start` on, with the lines that follow it."""
    starts = [i for i in range(start, end) if ANNEX_CAPTION.match(lines[i].text.strip())]
    bounds = [*starts[1:], end] if starts else []
    return tuple(
        lines_block(lines, first, stop) for first, stop in zip(starts, bounds, strict=True)
    )


def find_references(text: str) -> list[tuple[int, dt.date | None, str]]:
    """Written questions an answer points to: (number, date, the words as printed)."""
    found = []
    for match in REFERENCE.finditer(text):
        found.append(
            (int(match.group("number")), parse_day(match.group("date") or ""), match.group())
        )
    return found


# --- the stage ------------------------------------------------------------------------------


def segment(document: ExtractedDocument) -> Segmentation:
    """Cut a document into header, preamble, leaf questions, answer blocks and annexes."""
    header, cursor = read_header(document)
    lines = document.lines
    warnings = cursor.warnings
    question_end = cursor.answer_line if cursor.answer_line is not None else len(lines)
    question_end = _signature_start(
        lines, cursor.body_start, question_end, header.addressed_to, capitals=True
    )
    preamble, questions, numbered = _questions(lines, cursor.body_start, question_end)
    leaves: dict[int, list[str]] = {}
    for question in questions:
        leaves.setdefault(question.number, [])
        if question.letter:
            leaves[question.number].append(question.letter)
    intro, annex_start = EMPTY, len(lines)
    answers: list[AnswerSegment] = []
    if cursor.answer_body is not None:
        answer_end = _signature_start(
            lines, cursor.answer_body, len(lines), header.addressed_to, capitals=False
        )
        intro, answers, annex_start = _answers(
            lines, cursor.answer_body, answer_end, leaves, numbered
        )
    else:
        warnings.append("the document has no answer (no ANTWOORD / Antwoord line)")
    return Segmentation(
        header=header,
        preamble=preamble,
        questions=tuple(questions),
        answer_intro=intro,
        answers=tuple(answers),
        annexes=_annexes(lines, annex_start, len(lines)),
        warnings=tuple(warnings) + _header_warnings(header),
        lines=tuple(lines),
    )


def _header_warnings(header: Header) -> tuple[str, ...]:
    missing = [
        name
        for name in ("number", "asked_by", "addressed_to", "date_asked", "title")
        if getattr(header, name) is None
    ]
    return tuple(f"header: could not read {name}" for name in missing)


__all__ = [
    "AnswerSegment",
    "Header",
    "QuestionSegment",
    "Ref",
    "Segmentation",
    "find_references",
    "is_capitals",
    "parse_day",
    "parse_refs",
    "segment",
]
