"""A worksheet as text positions with merges resolved, and the searches label matching uses."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from openpyxl.worksheet.worksheet import Worksheet

from editor.importers.labels import MATCH_THRESHOLD, label_score

Box = tuple[int, int, int, int]  # top row, left column, bottom row, right column (1-based)
T = TypeVar("T")


@dataclass
class SheetGrid:
    title: str
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # string cells, stripped
    values: dict[tuple[int, int], object] = field(default_factory=dict)  # every non-empty cell
    _boxes: dict[tuple[int, int], Box] = field(default_factory=dict)

    @classmethod
    def of(cls, ws: Worksheet) -> SheetGrid:
        grid = cls(ws.title)
        for (r, c), cell in ws._cells.items():
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            grid.values[(r, c)] = value
            if isinstance(value, str):
                grid.texts[(r, c)] = value.strip()
        for rng in ws.merged_cells.ranges:
            box = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    grid._boxes[(r, c)] = box
        return grid

    def box(self, row: int, column: int) -> Box:
        """The merged range covering (row, column), or the cell alone."""
        return self._boxes.get((row, column), (row, column, row, column))

    def value_in(self, box: Box) -> tuple[object, list[object]]:
        """The value under a header spanning `box`'s columns: the anchor's, else the only one."""
        top, left, _, right = box
        anchor = self.box(top, left)
        first = self.values.get((anchor[0], anchor[1]))
        if first is not None:
            return first, [first]
        found = [v for c in range(left, right + 1) if (v := self.values.get((top, c))) is not None]
        return (found[0] if len(found) == 1 else None), found

    def matches(
        self, label: str, where: Callable[[int, int], bool] | None = None
    ) -> Iterator[tuple[int, int, float]]:
        """Text cells reading as `label`: (row, column, score) at or above the threshold."""
        for (r, c), text in self.texts.items():
            if where is not None and not where(r, c):
                continue
            score = label_score(label, text)
            if score >= MATCH_THRESHOLD:
                yield r, c, score


def best_chain(options: Sequence[Sequence[tuple[int, float, T]]]) -> list[T | None]:
    """At most one option per item, positions strictly increasing, the highest total score.

    Rows of a table appear in the form's order; taking them in that order is what tells "3.其他"
    under （六） apart from the other "3." rows and from the column "其他".
    """
    states: dict[int, tuple[float, list[T | None]]] = {-1: (0.0, [])}
    for opts in options:
        new: dict[int, tuple[float, list[T | None]]] = {
            p: (s, [*picks, None]) for p, (s, picks) in states.items()
        }
        for position, score, payload in opts:
            before = [v for p, v in states.items() if p < position]
            if not before:
                continue
            s, picks = max(before, key=lambda v: v[0])
            if position not in new or new[position][0] < s + score:
                new[position] = (s + score, [*picks, payload])
        states = new
    return max(states.values(), key=lambda v: v[0])[1]
