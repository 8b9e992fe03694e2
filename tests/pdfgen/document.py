"""Text -> layout model: what a written question looks like before it is typeset.

The input is the devset/golden text format: an export header of ``key: value`` lines
(``title:``, ``thema:``, ``pdf link:``, ``thema link:``) followed by the document text as
a PDF text extractor gave it, one line per original PDF line. This module undoes that
extraction so that a producer can typeset the document afresh, with its own line breaks,
hyphenation, page headers and footers:

1. split off the export header (it is metadata, never rendered);
2. recognise the fixed lines of the two layouts the Flemish Parliament used
   (modern ``SCHRIFTELIJKE VRAAG`` forms, and bulletin-era ``Vraag nr. 87 van ...`` items);
3. rebuild paragraphs from the wrapped lines and find small numeric tables;
4. mark where the answer starts (modern answers start on a new page).

Nothing here is keyed on one document: the rules are the layout conventions described
in ``GOLD_FORMAT.md`` / ``PHENOMENA.md``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from itertools import pairwise
from pathlib import Path

from vpdocs.extract import line_break_joint, vocabulary

__all__ = [
    "Block",
    "Document",
    "Layout",
    "Line",
    "PageBreak",
    "Paragraph",
    "ParagraphKind",
    "Role",
    "Table",
    "TableRow",
    "find_font",
    "parse_document",
    "split_export_header",
]


# --------------------------------------------------------------------------- model


class Layout(StrEnum):
    """Which of the parliament's document layouts a text follows."""

    MODERN = "modern"  # SCHRIFTELIJKE VRAAG / nr. / van / datum: / aan ... ANTWOORD
    BULLETIN = "bulletin"  # minister on top, "Vraag nr. 87 van <date> van <NAME>", "Antwoord"
    PLAIN = "plain"  # neither: rendered as title + paragraphs


class Role(StrEnum):
    """The part a fixed (never re-wrapped) line plays in the document."""

    DOC_TYPE = "doc_type"  # SCHRIFTELIJKE VRAAG
    NUMBER = "number"  # nr. 352
    ASKER = "asker"  # van EMINE GÜL ISCI
    DATE = "date"  # datum: 15 maart 2024
    ADDRESSEE = "addressee"  # aan BEN WEYTS
    MINISTER_NAME = "minister_name"  # bulletin: minister's name above the item
    MINISTER_TITLE = "minister_title"  # the minister's portfolio in capitals
    REFERENCE = "reference"  # bulletin: Vraag nr. 87 van 14 februari 2006 van NAME
    SIGNATURE_NAME = "signature_name"  # minister's name under the question
    SIGNATURE_TITLE = "signature_title"  # minister's portfolio under the question
    ANSWER_HEADING = "answer_heading"  # ANTWOORD (modern) / Antwoord (bulletin)
    ANSWER_REFERENCE = "answer_reference"  # op vraag nr. 352 van 15 maart 2024
    ANSWER_ASKER = "answer_asker"  # van EMINE GÜL ISCI (under ANTWOORD)


class ParagraphKind(StrEnum):
    """How a rebuilt paragraph starts."""

    TEXT = "text"
    ITEM = "item"  # starts with a marker: "1.", "2 tot 4.", "a)", "Vraag 2:", ...
    HEADING = "heading"  # a one-line heading: "Antwoord op vraag 3", "Bijlage: ..."


@dataclass(frozen=True, slots=True)
class Line:
    """A line printed as it stands (header fields, capitals titles, signature)."""

    text: str
    role: Role


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text that the producer wraps, justifies and hyphenates."""

    text: str
    kind: ParagraphKind = ParagraphKind.TEXT


@dataclass(frozen=True, slots=True)
class TableRow:
    """One table row; ``source`` is the extracted line it came from."""

    cells: tuple[str, ...]
    source: str
    header: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """Consecutive numeric rows (plus an optional header): one PDF line per row.

    A row with fewer cells than the table has columns has its last cell spanning the
    remaining columns (header texts like ``Entiteit ritten unieke reizigers ...``).
    """

    rows: tuple[TableRow, ...]

    @property
    def ncols(self) -> int:
        return max(len(row.cells) for row in self.rows)


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A forced page break (modern answers start on a new page)."""

    reason: str = "answer"


Block = Line | Paragraph | Table | PageBreak


@dataclass(frozen=True, slots=True)
class Document:
    """A written question ready to typeset: header lines, title, then body blocks."""

    layout: Layout
    header: tuple[Line, ...]
    title: str
    body: tuple[Block, ...]
    number: str | None = None
    date: str | None = None
    export: Mapping[str, str] = field(default_factory=dict)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(block for block in self.body if isinstance(block, Table))

    @property
    def has_answer(self) -> bool:
        return any(isinstance(b, Line) and b.role is Role.ANSWER_HEADING for b in self.body)


# --------------------------------------------------------------------------- patterns

_EXPORT_KEYS = frozenset({"title", "thema", "pdf link", "thema link"})
_EXPORT_LINE = re.compile(r"^(?P<key>[a-z][a-z ]*?)\s*:\s?(?P<value>.*)$")

_DOC_TYPE = re.compile(r"^SCHRIFTELIJKE\s+VRAAG$", re.IGNORECASE)
_NUMBER = re.compile(r"^nr\.\s*(?P<number>\d+)\b")
_ASKER = re.compile(r"^van\s+\S")
_DATE = re.compile(r"^datum\s*:\s*(?P<date>.+)$")
_ADDRESSEE = re.compile(r"^aan\s+\S")
_ANSWER_MODERN = re.compile(r"^ANTWOORD$")
_ANSWER_REFERENCE = re.compile(r"^op\s+vraag\s+nr\.", re.IGNORECASE)
_BULLETIN_REFERENCE = re.compile(
    r"^Vraag\s+nr\.\s*(?P<number>\d+)\s+van\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})\b"
)
_ANSWER_BULLETIN = re.compile(r"^Antwoord$")

_ITEM_START = re.compile(
    r"^(?:\d{1,2}[.)](?:\s|$)"  # 1.  1)
    r"|\d{1,2}\s+(?:en|tot en met|tot)\s+\d{1,2}[.)]"  # 1 en 2.  1 tot en met 3.
    r"|\d{1,2}-\d{1,2}[.)]"  # 1-3.
    r"|[a-z]\)"  # a)
    r"|Vraag\s+\d"  # Vraag 1:
    r"|Antwoord\b"  # Antwoord op vraag 3
    r"|Bijlage\b)"  # Bijlage: overzicht per provincie
)
_HEADING = re.compile(r"^(?:Antwoord|Vraag\s+\d|Bijlage)\b")
_SENTENCE_END = re.compile(r"[.?!:;][\"”’'»)]*$")
_ABBREVIATION_END = re.compile(
    r"(?:^|\s)(?:nr|art|bv|bijv|o\.a|e\.a|resp|ca|m\.b\.t|i\.v\.m|d\.w\.z|t\.e\.m|vs|dhr|mevr)\.$",
    re.IGNORECASE,
)

_NUMBER_CELL = re.compile(
    r"^(?:€\s?|EUR\s)?[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?:\s?[%‰])?$"  # € 1.250  8,4 %
    r"|^\d{4}-\d{2,4}$"  # 2022-2023 (a school year in a header)
)
_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}(?:-(?:19|20)?\d{2})?$")
_PLACEHOLDER_CELL = re.compile(r"^(?:-|–|—|/|n\.v\.t\.|nvt)$")
_UNIT_AFTER = frozenset({"%", "‰"})
_UNIT_BEFORE = frozenset({"€", "EUR"})
_MAX_LABEL_WORDS = 6


# --------------------------------------------------------------------------- export header


def split_export_header(text: str) -> tuple[dict[str, str], list[str]]:
    """Split the export header (``title:`` ... ``thema link:``) from the document lines.

    Returns the header as a dict and the document lines (right-stripped, blank lines
    dropped). The header ends at the first line that is not a known export key.
    """
    lines = [line.rstrip() for line in text.splitlines()]
    export: dict[str, str] = {}
    index = 0
    while index < len(lines):
        match = _EXPORT_LINE.match(lines[index])
        if not lines[index].strip():
            index += 1
            continue
        if match is None or match["key"] not in _EXPORT_KEYS:
            break
        export[match["key"]] = match["value"].strip()
        index += 1
    return export, [line for line in lines[index:] if line.strip()]


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to one space (as the gold format does)."""
    return " ".join(text.split())


# --------------------------------------------------------------------------- parsing


def parse_document(text: str) -> Document:
    """Parse devset text into the layout model (the one public entry point)."""
    export, lines = split_export_header(text)
    lines = resolve_line_end_hyphens(lines)
    title_hint = export.get("title")
    if any(_BULLETIN_REFERENCE.match(line) for line in lines[:12]) and not (
        lines and _DOC_TYPE.match(lines[0].strip())
    ):
        return _parse_bulletin(lines, title_hint, export)
    if (lines and _DOC_TYPE.match(lines[0].strip())) or any(
        _ANSWER_MODERN.match(line.strip()) for line in lines
    ):
        return _parse_modern(lines, title_hint, export)
    return _parse_plain(lines, title_hint, export)


def _parse_modern(lines: list[str], title_hint: str | None, export: dict[str, str]) -> Document:
    """``SCHRIFTELIJKE VRAAG`` form: header fields, capitals title, title, Q, signature, A."""
    header, index = _modern_header(lines)
    title, index = _take_title(lines, index, title_hint)
    answer_at = _find(lines, index, _ANSWER_MODERN)
    question = lines[index:answer_at]
    question, signature = _split_signature(question)
    body: list[Block] = [*_blocks(question), *signature]
    if answer_at < len(lines):
        body.append(PageBreak())
        body.extend(_modern_answer(lines[answer_at:]))
    return Document(
        layout=Layout.MODERN,
        header=tuple(header),
        title=title,
        body=tuple(body),
        number=_field(header, Role.NUMBER, _NUMBER, "number"),
        date=_field(header, Role.DATE, _DATE, "date"),
        export=export,
    )


def _modern_header(lines: list[str]) -> tuple[list[Line], int]:
    """Read ``SCHRIFTELIJKE VRAAG`` / nr. / van / datum: / aan and the capitals title."""
    expected = (
        (_DOC_TYPE, Role.DOC_TYPE),
        (_NUMBER, Role.NUMBER),
        (_ASKER, Role.ASKER),
        (_DATE, Role.DATE),
        (_ADDRESSEE, Role.ADDRESSEE),
    )
    header: list[Line] = []
    index = 0
    for pattern, role in expected:
        if index < len(lines) and pattern.match(lines[index].strip()):
            header.append(Line(normalize_space(lines[index]), role))
            index += 1
    while index < len(lines) and _is_capitals(lines[index]):
        header.append(Line(normalize_space(lines[index]), Role.MINISTER_TITLE))
        index += 1
    return header, index


def _modern_answer(lines: list[str]) -> list[Block]:
    """``ANTWOORD`` / ``op vraag nr. N van D`` / ``van NAME`` then the answer body."""
    out: list[Block] = [Line(normalize_space(lines[0]), Role.ANSWER_HEADING)]
    index = 1
    if index < len(lines) and _ANSWER_REFERENCE.match(lines[index].strip()):
        out.append(Line(normalize_space(lines[index]), Role.ANSWER_REFERENCE))
        index += 1
        if index < len(lines) and _ASKER.match(lines[index].strip()):
            out.append(Line(normalize_space(lines[index]), Role.ANSWER_ASKER))
            index += 1
    out.extend(_blocks(lines[index:]))
    return out


def _parse_bulletin(lines: list[str], title_hint: str | None, export: dict[str, str]) -> Document:
    """Bulletin item: minister on top, ``Vraag nr. ...`` line, title, text, ``Antwoord``."""
    ref_at = _find(lines, 0, _BULLETIN_REFERENCE)
    header = [
        Line(normalize_space(line), Role.MINISTER_NAME if i == 0 else Role.MINISTER_TITLE)
        for i, line in enumerate(lines[:ref_at])
    ]
    header.append(Line(normalize_space(lines[ref_at]), Role.REFERENCE))
    title, index = _take_title(lines, ref_at + 1, title_hint)
    answer_at = _find(lines, index, _ANSWER_BULLETIN)
    body: list[Block] = list(_blocks(lines[index:answer_at]))
    if answer_at < len(lines):
        body.append(Line(normalize_space(lines[answer_at]), Role.ANSWER_HEADING))
        body.extend(_blocks(lines[answer_at + 1 :]))
    reference = _BULLETIN_REFERENCE.match(lines[ref_at].strip())
    return Document(
        layout=Layout.BULLETIN,
        header=tuple(header),
        title=title,
        body=tuple(body),
        number=reference["number"] if reference else None,
        date=reference["date"] if reference else None,
        export=export,
    )


def _parse_plain(lines: list[str], title_hint: str | None, export: dict[str, str]) -> Document:
    """Fallback for text in neither layout: an optional title, then paragraphs."""
    title, index = "", 0
    if title_hint and lines and _is_title_prefix(lines[0], title_hint):
        title, index = _take_title(lines, 0, title_hint)
    return Document(Layout.PLAIN, (), title, tuple(_blocks(lines[index:])), export=export)


def _find(lines: Sequence[str], start: int, pattern: re.Pattern[str]) -> int:
    """Index of the first line from ``start`` matching ``pattern`` (or ``len(lines)``)."""
    for index in range(start, len(lines)):
        if pattern.match(lines[index].strip()):
            return index
    return len(lines)


def _field(header: Iterable[Line], role: Role, pattern: re.Pattern[str], group: str) -> str | None:
    for line in header:
        if line.role is role and (match := pattern.match(line.text)):
            return match[group].strip()
    return None


def _is_capitals(line: str) -> bool:
    """A line in capitals (minister's name/title): letters, none lower-case."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and not any(ch.islower() for ch in letters)


def _is_title_prefix(line: str, title_hint: str) -> bool:
    return normalize_space(title_hint).startswith(normalize_space(line))


def _take_title(lines: list[str], index: int, title_hint: str | None) -> tuple[str, int]:
    """Take the title: as many lines as the export ``title:`` covers, else one line."""
    if index >= len(lines):
        return "", index
    if not title_hint or not _is_title_prefix(lines[index], title_hint):
        return normalize_space(lines[index]), index + 1
    wanted = normalize_space(title_hint)
    taken = normalize_space(lines[index])
    index += 1
    while taken != wanted and index < len(lines):
        candidate = normalize_space(f"{taken} {lines[index]}")
        if not wanted.startswith(candidate):
            break
        taken, index = candidate, index + 1
    return taken, index


def _split_signature(lines: list[str]) -> tuple[list[str], list[Line]]:
    """Split the trailing minister's name + capitals title off the question text."""
    start = len(lines)
    while start > 0 and _is_capitals(lines[start - 1]):
        start -= 1
    signature = [
        Line(normalize_space(line), Role.SIGNATURE_NAME if i == 0 else Role.SIGNATURE_TITLE)
        for i, line in enumerate(lines[start:])
    ]
    return lines[:start], signature


# --------------------------------------------------------------------------- body blocks


def _blocks(lines: Sequence[str]) -> list[Block]:
    """Turn body lines into paragraphs and tables, in order."""
    runs = _table_runs(lines)
    blocks: list[Block] = []
    pending: list[str] = []
    index = 0
    while index < len(lines):
        run = runs.get(index)
        if run is None:
            pending.append(lines[index])
            index += 1
            continue
        blocks.extend(_paragraphs(pending))
        pending = []
        table, index = run
        blocks.append(table)
    blocks.extend(_paragraphs(pending))
    return blocks


def _paragraphs(lines: Sequence[str]) -> list[Paragraph]:
    """Rebuild paragraphs: a line continues the previous one unless a rule breaks it."""
    groups: list[list[str]] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        if previous is None or _starts_paragraph(previous, line):
            groups.append([line])
        else:
            groups[-1].append(line)
    return [Paragraph(_join(group), _kind(group)) for group in groups]


def _starts_paragraph(previous: str, line: str) -> bool:
    """The paragraph-boundary rule between two consecutive extracted lines."""
    return (
        _ends_sentence(previous)
        or bool(_ITEM_START.match(line.strip()))
        or _is_standalone_heading(previous, line)
    )


def _ends_sentence(line: str) -> bool:
    """Ends with . ? ! : ; (or a closing quote after one), and not on ``nr.``-like words."""
    text = line.strip()
    return bool(_SENTENCE_END.search(text)) and not _ABBREVIATION_END.search(text)


def _is_standalone_heading(previous: str, line: str) -> bool:
    """``Antwoord op vraag 3`` followed by a capitalised line is a heading on its own."""
    first = line.strip()[:1]
    return bool(_HEADING.match(previous.strip())) and (first.isupper() or first.isdigit())


def _kind(group: Sequence[str]) -> ParagraphKind:
    first = group[0].strip()
    if len(group) == 1 and _HEADING.match(first) and not _ends_sentence(first):
        return ParagraphKind.HEADING
    return ParagraphKind.ITEM if _ITEM_START.match(first) else ParagraphKind.TEXT


def _join(group: Sequence[str]) -> str:
    """Join wrapped lines (broken words were mended by `resolve_line_end_hyphens`)."""
    return " ".join(normalize_space(line) for line in group)


def resolve_line_end_hyphens(lines: list[str]) -> list[str]:
    """Mend words the source text broke at a line end, as the gold files read them.

    GOLD_FORMAT: texts occur in the document 'with hyphenation removed', and a real
    compound keeps its hyphen; vpdocs.extract.line_break_joint is that convention, so the
    rendered PDF prints the words the gold file expects (and re-hyphenates them itself).
    """
    words = vocabulary(lines)
    mended = list(lines)
    for index in range(len(mended) - 1):
        current, following = mended[index].rstrip(), mended[index + 1].lstrip()
        broken = re.search(r"(\S*[^\W\d_])-$", current)
        first = re.match(r"([^\W\d_][\w-]*)", following)
        if broken is None or first is None:
            continue
        joint = line_break_joint(broken.group(1).split("-")[-1], first.group(1), words)
        if joint == "space":
            continue
        fragment = broken.group(1) + ("-" if joint == "keep" else "")
        mended[index] = current[: broken.start()].rstrip()
        mended[index + 1] = fragment + following
    return [line for line in mended if line.strip()]


# --------------------------------------------------------------------------- tables


def _table_runs(lines: Sequence[str]) -> dict[int, tuple[Table, int]]:
    """Find tables: >= 2 consecutive numeric rows, plus a text header line above them.

    Returns ``{first line index: (table, index after the table)}``.
    """
    parsed = [_row_cells(line) for line in lines]
    runs: dict[int, tuple[Table, int]] = {}
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and parsed[end] is not None:
            end += 1
        if end - index >= 2:
            start, rows = _with_header(lines, parsed, index, end)
            runs[start] = (Table(tuple(rows)), end)
        index = max(end, index + 1)
    return runs


def _with_header(
    lines: Sequence[str], parsed: Sequence[tuple[str, ...] | None], start: int, end: int
) -> tuple[int, list[TableRow]]:
    """Build the rows of a run, taking the line above as header when it looks like one."""
    data = [parsed[i] for i in range(start, end)]
    cells = [c for c in data if c is not None]
    ncols = max(len(c) for c in cells)
    rows = [
        TableRow(c, normalize_space(lines[start + i]), header=i == 0 and _is_year_header(c))
        for i, c in enumerate(cells)
    ]
    above = start - 1
    if rows[0].header or above < 0 or not _is_header_text(lines, above):
        return start, rows
    header = TableRow(_split_header(lines[above], ncols), normalize_space(lines[above]), True)
    return above, [header, *rows]


def _is_header_text(lines: Sequence[str], index: int) -> bool:
    """A header line: no sentence punctuation, and not the tail of a running paragraph."""
    text = lines[index].strip()
    if _ends_sentence(text) or re.search(r"[.?!;]\s", text) or _ITEM_START.match(text):
        return False
    return index == 0 or _ends_sentence(lines[index - 1])


def _split_header(line: str, ncols: int) -> tuple[str, ...]:
    """Header cells: the first word labels the first column, the rest is spread evenly.

    ``Jaar aantal opgeleverde woningen`` over two columns gives ``Jaar`` and
    ``aantal opgeleverde woningen``; over more columns the remaining words are cut into
    contiguous groups whose longest is as short as possible (a word processor would let
    the header cells wrap; here every row must stay one line).
    """
    words = line.split()
    if len(words) <= ncols:
        return tuple(words)
    return (words[0], *_balanced_groups(words[1:], ncols - 1))


def _balanced_groups(words: Sequence[str], groups: int) -> list[str]:
    """Split ``words`` into ``groups`` contiguous runs minimising the longest run."""

    @cache
    def best(start: int, left: int) -> tuple[int, tuple[int, ...]]:
        if left == 1:
            return len(" ".join(words[start:])), ()
        options = []
        for cut in range(start + 1, len(words) - left + 2):
            rest, cuts = best(cut, left - 1)
            options.append((max(len(" ".join(words[start:cut])), rest), (cut, *cuts)))
        return min(options)

    bounds = (0, *best(0, groups)[1], len(words))
    return [" ".join(words[a:b]) for a, b in pairwise(bounds)]


def _is_year_header(cells: tuple[str, ...]) -> bool:
    """``Provincie 2022 2023 2024``: the numeric cells are all years."""
    numeric = [c for c in cells if _NUMBER_CELL.match(c)]
    return len(numeric) >= 2 and all(_YEAR_CELL.match(c) for c in numeric)


def _row_cells(line: str) -> tuple[str, ...] | None:
    """Split a table-row line into cells, or None if it is not a table row.

    A row is a short label followed only by numeric cells (at least two of them).
    The label is everything before the first numeric cell and may be several words.
    """
    tokens = _cell_tokens(line)
    cut = len(tokens)
    while cut > 0 and (
        _NUMBER_CELL.match(tokens[cut - 1]) or _PLACEHOLDER_CELL.match(tokens[cut - 1])
    ):
        cut -= 1
    while cut < len(tokens) and _PLACEHOLDER_CELL.match(tokens[cut]):
        cut += 1
    values = tokens[cut:]
    if sum(1 for v in values if _NUMBER_CELL.match(v)) < 2:
        return None
    label = " ".join(tokens[:cut])
    if len(tokens[:cut]) > _MAX_LABEL_WORDS or _ends_sentence(label) or "," in label:
        return None
    return (label, *values) if label else tuple(values)


def _cell_tokens(line: str) -> list[str]:
    """Whitespace tokens, with ``%`` glued to the number before and ``€`` to the one after."""
    tokens: list[str] = []
    for token in line.split():
        if (token in _UNIT_AFTER and tokens and _NUMBER_CELL.match(tokens[-1])) or (
            tokens and tokens[-1] in _UNIT_BEFORE and _NUMBER_CELL.match(token)
        ):
            tokens[-1] = f"{tokens[-1]} {token}"
        else:
            tokens.append(token)
    return tokens


# --------------------------------------------------------------------------- fonts

_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
    str(Path.home() / ".fonts"),
    str(Path.home() / ".local/share/fonts"),
)


@cache
def find_font(*file_names: str) -> Path | None:
    """Find the first of ``file_names`` (e.g. ``DejaVuSans.ttf``) on this system.

    Looks in the usual font folders, in matplotlib's bundled fonts, then asks
    ``fc-match``. Shared by both producers, whose core fonts lack characters such as
    ``ş`` (Helvetica/WinAnsi) or ``€``/``’`` (fpdf2's latin-1 core fonts).
    """
    for name in file_names:
        for folder in (*_FONT_DIRS, *_matplotlib_font_dirs()):
            root = Path(folder)
            if root.is_dir():
                hit = next(root.rglob(name), None)
                if hit is not None:
                    return hit
    return _fc_list(file_names)


def _matplotlib_font_dirs() -> tuple[str, ...]:
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return ()
    return tuple(f"{loc}/mpl-data/fonts/ttf" for loc in spec.submodule_search_locations)


def _fc_list(file_names: Sequence[str]) -> Path | None:
    if shutil.which("fc-list") is None:
        return None
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = {Path(line).name: Path(line) for line in listing.splitlines() if line}
    return next((files[name] for name in file_names if name in files), None)
