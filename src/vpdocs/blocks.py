"""Blocks: runs of document text that keep the way back to the lines they came from.

Segmentation cuts the document into blocks (the preamble, each question, each answer);
the entity stage finds amounts in a block's text; the record stage asks the block where a
span was printed. A block's `text` joins its lines with "\\n" (or nothing, where a word was
broken at the line end) and single spaces inside lines, so tables keep one row per line;
`flat` is the same text with single spaces only, at the same offsets.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vpdocs.extract import Line

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A word of the block: its offset in the block and where it stands in a line."""

    start: int
    line: int
    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class Slice:
    """Characters [start, end) of document line `line`."""

    line: int
    start: int = 0
    end: int | None = None


@dataclass(frozen=True)
class Block:
    """Text of one segment, with the origin of every word."""

    text: str
    pieces: tuple[Piece, ...] = ()

    @property
    def flat(self) -> str:
        """The text with single spaces only (what the record shows)."""
        return self.text.replace("\n", " ")

    def runs(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(line index, first char, end char) of the text in [start, end), one run per line."""
        found: list[tuple[int, int, int]] = []
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        for piece in self.pieces[first:]:
            if piece.start >= end:
                break
            lo, hi = max(start, piece.start), min(end, piece.start + piece.length)
            if lo >= hi:
                continue
            begin, stop = piece.offset + lo - piece.start, piece.offset + hi - piece.start
            if found and found[-1][0] == piece.line:
                found[-1] = (piece.line, found[-1][1], stop)
            else:
                found.append((piece.line, begin, stop))
        return found

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [piece.start for piece in self.pieces]

    def __bool__(self) -> bool:
        return bool(self.text)


EMPTY = Block("")


def make_block(lines: Sequence[Line], slices: Sequence[Slice]) -> Block:
    """Join parts of lines into a block, single-spacing words and honouring line joiners."""
    parts: list[str] = []
    pieces: list[Piece] = []
    size = 0
    pending = ""
    for part in slices:
        line = lines[part.line]
        end = len(line.text) if part.end is None else part.end
        for word in _WORD.finditer(line.text, part.start, end):
            if parts:
                parts.append(pending)
                size += len(pending)
            parts.append(word.group())
            pieces.append(Piece(size, part.line, word.start(), len(word.group())))
            size += len(word.group())
            pending = " "
        if parts:
            pending = line.joiner if end >= len(line.text) else " "
    return Block("".join(parts), tuple(pieces))


def lines_block(lines: Sequence[Line], start: int, end: int, first_column: int = 0) -> Block:
    """Lines [start, end) as a block, the first one from `first_column` on."""
    slices = [Slice(index, first_column if index == start else 0) for index in range(start, end)]
    return make_block(lines, slices)


def normalise_space(text: str) -> str:
    """Single spaces, no leading or trailing whitespace."""
    return " ".join(text.split())
