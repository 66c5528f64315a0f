"""Turns a table definition into the printed grid: headers, merged spans, where each key sits.

The Qt grid, the Excel sheet and the PDF table all draw from this one layout, so the screen, the
workbook and the paper look the same.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property

from editor.domain.forms import CellRef, TableDef, TableShape


class CellRole(StrEnum):
    CORNER = "corner"  # 表三's top-left note on the 勾稽关系
    HEADER = "header"  # column headings
    BLOCK_HEADING = "block_heading"  # 表二's "第二十条第（一）项"
    LABEL = "label"  # row labels
    VALUE = "value"  # a number cell; `ref` says which
    EMPTY = "empty"  # part of a block row with no value (never produced by the official forms)


@dataclass(frozen=True)
class LayoutCell:
    row: int
    column: int
    row_span: int
    column_span: int
    text: str
    role: CellRole
    ref: CellRef | None = None


@dataclass(frozen=True)
class TableLayout:
    table: TableDef
    row_count: int
    column_count: int
    header_row_count: int  # rows to repeat when the table crosses a page
    label_column_count: int
    cells: tuple[LayoutCell, ...]

    @cached_property
    def _anchors(self) -> dict[tuple[int, int], LayoutCell]:
        return {(c.row, c.column): c for c in self.cells}

    @cached_property
    def _owners(self) -> dict[tuple[int, int], LayoutCell]:
        owners: dict[tuple[int, int], LayoutCell] = {}
        for c in self.cells:
            for r in range(c.row, c.row + c.row_span):
                for k in range(c.column, c.column + c.column_span):
                    owners[(r, k)] = c
        return owners

    @cached_property
    def _positions(self) -> dict[CellRef, tuple[int, int]]:
        return {c.ref: (c.row, c.column) for c in self.cells if c.ref}

    def cell_at(self, row: int, column: int) -> LayoutCell | None:
        """The cell covering (row, column), merged or not."""
        return self._owners.get((row, column))

    def anchor_at(self, row: int, column: int) -> LayoutCell | None:
        """The cell whose top-left corner is (row, column)."""
        return self._anchors.get((row, column))

    def ref_at(self, row: int, column: int) -> CellRef | None:
        cell = self.cell_at(row, column)
        return cell.ref if cell else None

    def position_of(self, ref: CellRef) -> tuple[int, int]:
        return self._positions[ref]

    @property
    def spans(self) -> tuple[LayoutCell, ...]:
        return tuple(c for c in self.cells if c.row_span > 1 or c.column_span > 1)


def _merge(placed: Iterable[tuple[int, int, Hashable, str]], role: CellRole) -> list[LayoutCell]:
    """Groups positions that share an identity into one cell spanning their bounding box."""
    boxes: dict[Hashable, list[int]] = {}
    texts: dict[Hashable, str] = {}
    for r, c, identity, text in placed:
        box = boxes.setdefault(identity, [r, c, r, c])
        box[0], box[1] = min(box[0], r), min(box[1], c)
        box[2], box[3] = max(box[2], r), max(box[3], c)
        texts[identity] = text
    return [
        LayoutCell(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1, texts[i], role)
        for i, b in boxes.items()
    ]


def _path_cells(
    paths: list[tuple[str, ...]], depth: int, *, across: bool, offset: int
) -> list[tuple[int, int, Hashable, str]]:
    """Places label paths: level d of path i at (d, i) when `across` (headers), else at (i, d).

    A path shorter than `depth` extends its last label to the end, and equal prefixes of
    neighbours share an identity, so merging yields the printed spans.
    """
    placed: list[tuple[int, int, Hashable, str]] = []
    for i, path in enumerate(paths):
        for d in range(depth):
            level = min(d, len(path) - 1)
            # Identity: the prefix, plus the position for the last label so that two leaves with
            # equal text in different places stay apart.
            identity: Hashable = (path[: level + 1], i if level == len(path) - 1 else None)
            pos = (d, offset + i) if across else (offset + i, d)
            placed.append((pos[0], pos[1], identity, path[level]))
    return placed


def _grid_layout(table: TableDef) -> TableLayout:
    depth = max(len(c.header_path) for c in table.columns)
    labels = table.label_columns
    cells: list[LayoutCell] = [LayoutCell(0, 0, depth, labels, table.corner, CellRole.CORNER)]
    cells += _merge(
        _path_cells([c.header_path for c in table.columns], depth, across=True, offset=labels),
        CellRole.HEADER,
    )
    # Leaves that share a label across rows must not merge, so identity includes the row index.
    cells += [
        LayoutCell(c.row + depth, c.column, c.row_span, c.column_span, c.text, c.role)
        for c in _merge(
            _path_cells([r.label_path for r in table.rows], labels, across=False, offset=0),
            CellRole.LABEL,
        )
    ]
    for i, row in enumerate(table.rows):
        for j, column in enumerate(table.columns):
            ref = CellRef(table.key, row.key, column.key)
            cells.append(LayoutCell(depth + i, labels + j, 1, 1, "", CellRole.VALUE, ref))
    return TableLayout(
        table, depth + len(table.rows), labels + len(table.columns), depth, labels, tuple(cells)
    )


def _strip_layout(table: TableDef) -> TableLayout:
    pairs = [(r, c) for r in table.rows for c in table.columns]
    paths = [r.label_path + c.header_path for r, c in pairs]
    depth = max(len(p) for p in paths)
    cells = _merge(_path_cells(paths, depth, across=True, offset=0), CellRole.HEADER)
    cells += [
        LayoutCell(depth, j, 1, 1, "", CellRole.VALUE, CellRef(table.key, r.key, c.key))
        for j, (r, c) in enumerate(pairs)
    ]
    return TableLayout(table, depth + 1, len(pairs), depth, 0, tuple(cells))


def _blocks_layout(table: TableDef) -> TableLayout:
    width = 1 + max(len(b.columns) for b in table.blocks)
    cells: list[LayoutCell] = []
    r = 0
    for block in table.blocks:
        cells.append(LayoutCell(r, 0, 1, width, block.heading, CellRole.BLOCK_HEADING))
        r += 1
        spans = _block_spans(len(block.columns), width - 1)
        cells.append(LayoutCell(r, 0, 1, 1, "信息内容", CellRole.HEADER))
        for (start, span), key in zip(spans, block.columns, strict=True):
            label = table.column_by_key[key].label
            cells.append(LayoutCell(r, 1 + start, 1, span, label, CellRole.HEADER))
        r += 1
        for row_key in block.rows:
            cells.append(LayoutCell(r, 0, 1, 1, table.row_by_key[row_key].label, CellRole.LABEL))
            for (start, span), key in zip(spans, block.columns, strict=True):
                ref = CellRef(table.key, row_key, key)
                cells.append(LayoutCell(r, 1 + start, 1, span, "", CellRole.VALUE, ref))
            r += 1
    return TableLayout(table, r, width, 0, 1, tuple(cells))


def _block_spans(count: int, width: int) -> list[tuple[int, int]]:
    """Columns of a block: one each, the last one stretched to fill the table's width."""
    spans = [(i, 1) for i in range(count)]
    last_start = spans[-1][0]
    spans[-1] = (last_start, width - last_start)
    return spans


@cache
def table_layout(table: TableDef) -> TableLayout:
    if table.shape is TableShape.GRID:
        return _grid_layout(table)
    if table.shape is TableShape.STRIP:
        return _strip_layout(table)
    return _blocks_layout(table)
