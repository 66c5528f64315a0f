"""A table row's cells as the text prints them: TAB-separated fields, or numbers in a line.

Two kinds of source print a row differently. A web page copied to text, and every table the
extractor reads with its ruling lines, keep each cell apart with a TAB: an empty field between two
TABs is an empty cell (web pages often leave zero cells empty). Text laid out with spaces
(`pdftotext -layout`, a PDF table without ruling lines, a crawl that ran the cells together)
prints only the numbers: an empty cell leaves no trace, and digits may have run together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# A number as printed: full-width digits and separators included ("１２", "1,234", "3．5").
_NUMBER = r"[-－−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:[.．]\d+)?"
# Marks of a cell printed empty: a slash, or dashes standing alone (not "3-5", not "行/列").
_GLYPH = r"(?<![\u4e00-\u9fff])[/／](?![\u4e00-\u9fff])|(?<![\d\-－])[-－—–―]+(?!\d)"
_TOKEN = re.compile(rf"{_NUMBER}|{_GLYPH}")
_NUMBER_ONLY = re.compile(rf"{_NUMBER}")
_GLYPH_ONLY = re.compile(r"[/／\-－—–―\\＼]+")
_HSPACE = re.compile(r"[^\S\n]*")


class PieceKind(StrEnum):
    NUMBER = "number"
    BLANK = "blank"  # an empty field, or a printed blank mark ("/", "—")
    TEXT = "text"  # words where a number was expected: not readable as a value


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    text: str  # as printed, without surrounding space
    start: int  # text positions; start == end for an empty field
    end: int

    @property
    def empty(self) -> bool:
        return self.kind is PieceKind.BLANK and not self.text

    @property
    def glyph(self) -> bool:
        return self.kind is PieceKind.BLANK and bool(self.text)

    def number(self) -> int | float | None:
        """The value printed, read leniently (the source's own "07" is 7)."""
        if self.kind is not PieceKind.NUMBER:
            return None
        plain = unicodedata.normalize("NFKC", self.text).replace(",", "").replace("−", "-")
        try:
            value = float(plain)
        except ValueError:
            return None
        return value if "." in plain else int(value)

    def digits(self) -> str:
        """The token in ASCII, for splitting a run of digits."""
        return unicodedata.normalize("NFKC", self.text).replace(",", "").replace("−", "-")


@dataclass(frozen=True)
class RowText:
    pieces: tuple[Piece, ...]
    fields: bool  # True: one piece a cell (TAB-separated); False: only what was printed
    lead: bool = False  # the first piece was in the label's own field ("（七）总计 /⇥21⇥…")
    # Empty fields may stand before the first cell (a label merged over columns copies as one
    # field and empty ones); not so for a line of cells with no label (表四's numbers).
    padded: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0].start if self.pieces else -1

    @property
    def end(self) -> int:
        return self.pieces[-1].end if self.pieces else -1


def classify(text: str, start: int) -> Piece:
    """One TAB-separated field as a piece."""
    stripped = text.strip()
    at = start + (text.find(stripped) if stripped else 0)
    end = at + len(stripped)
    if not stripped:
        return Piece(PieceKind.BLANK, "", at, at)
    if _NUMBER_ONLY.fullmatch(stripped):
        return Piece(PieceKind.NUMBER, stripped, at, end)
    if _GLYPH_ONLY.fullmatch(stripped):
        return Piece(PieceKind.BLANK, stripped, at, end)
    return Piece(PieceKind.TEXT, stripped, at, end)


def tab_fields(text: str, start: int, end: int) -> tuple[Piece, ...]:
    """The TAB-separated fields of text[start:end], one piece each."""
    pieces: list[Piece] = []
    at = start
    for field in text[start:end].split("\t"):
        pieces.append(classify(field, at))
        at += len(field) + 1
    return tuple(pieces)


def first_stretch(text: str, start: int, end: int) -> tuple[Piece, ...]:
    """The numbers (and blank marks) of the first run of them in text[start:end], up to a line
    break or a letter."""
    pieces: list[Piece] = []
    pos = start
    for m in _TOKEN.finditer(text, start, end):
        if pieces and _HSPACE.fullmatch(text, pos, m.start()) is None:
            break
        kind = PieceKind.NUMBER if any(ch.isdigit() for ch in m[0]) else PieceKind.BLANK
        pieces.append(Piece(kind, m[0], m.start(), m.end()))
        pos = m.end()
    return tuple(pieces)


def before_numbering(text: str, stop: int, next_label: str) -> int:
    """`stop` moved before the "2." of the next row's label, which a crawl glues to this row's
    digits ("…00000002.其他法律…")."""
    m = re.match(r"\s*(\d+)\s*[.、,]", unicodedata.normalize("NFKC", next_label))
    if not m:
        return stop
    window = text[max(0, stop - 12) : stop]
    folded = "".join(_fold(ch) for ch in window)
    found = re.search(rf"{m[1]}\s*[.、,]\s*$", folded)
    return stop - len(window) + found.start() if found else stop


def _fold(ch: str) -> str:
    """One character half-width, still one character (so positions stay put)."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def stretches(text: str, start: int, end: int) -> list[tuple[Piece, ...]]:
    """Every stretch of numbers in text[start:end]."""
    out: list[tuple[Piece, ...]] = []
    pos = start
    while pos < end:
        found = first_stretch(text, pos, end)
        if not found:
            break
        out.append(found)
        pos = found[-1].end
    return out


def _line_bounds(text: str, pos: int, stop: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0 or line_end > stop:
        line_end = stop
    return line_start, line_end


def row_text(text: str, label_start: int, label_end: int, stop: int) -> RowText:
    """The cells printed for the row whose label spans [label_start, label_end), before `stop`
    (the next row's label). A label with a TAB after it on its line is followed by its fields;
    otherwise the row's numbers are the first stretch of numbers from the label on (pdftotext
    prints them in the middle of a label wrapped over lines)."""
    _line_start, line_end = _line_bounds(text, label_end, stop)
    tab = text.find("\t", label_end, line_end)
    if tab >= 0:
        lead = classify(text[label_end:tab], label_end)
        fields = tab_fields(text, tab + 1, line_end)
        if lead.kind is PieceKind.NUMBER or lead.glyph:  # "（七）总计 /⇥21⇥…"
            return RowText((lead, *fields), True, lead=True)
        return RowText(fields, True)
    # Spaced text: the numbers printed on the label's lines (in the middle of a label wrapped
    # over lines, in pdftotext's layout). Numbers on lines between two labels: see orphans.py.
    return numbers_after(text, label_start, line_end)


def numbers_after(text: str, start: int, stop: int) -> RowText:
    """The first stretch of numbers after `start`; when its line is TAB-separated (a row with no
    label of its own, such as 表四's), that line's fields."""
    tokens = first_stretch(text, start, stop)
    if not tokens:
        return RowText((), False)
    line_start, line_end = _line_bounds(text, tokens[0].start, stop)
    if "\t" in text[line_start:line_end]:
        begin = max(line_start, start)
        return RowText(tab_fields(text, begin, line_end), True, padded=begin > line_start)
    return RowText(tokens, False)
