"""Checks the workbook `nianbao review` wrote in the smoke test: one row per file, each read.

    python3 packaging/smoke_review_rows.py REVIEW.xlsx FOLDER SAMPLE.nianbao

Every file in FOLDER must have its row on the first sheet, naming the sample's organ (so the file
was read, not just listed) with no error. Prints a one-line summary; exits 1 with the reason if not.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl


def main(review: Path, folder: Path, sample: Path) -> int:
    organ = json.loads(sample.read_text(encoding="utf-8"))["meta"]["organ"]
    sheet = openpyxl.load_workbook(review, read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next((i for i, row in enumerate(rows) if "文件" in row and "机关" in row), None)
    if header is None:
        print(f"no header row with 文件 and 机关 in {review.name}")
        return 1
    columns = {name: rows[header].index(name) for name in ("文件", "机关", "错误")}
    by_file = {row[columns["文件"]]: row for row in rows[header + 1 :] if row[columns["文件"]]}
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    problems = []
    for name in files:
        row = by_file.get(name)
        if row is None:
            problems.append(f"{name}: no row")
        elif (row[columns["机关"]], row[columns["错误"]]) != (organ, 0):
            problems.append(
                f"{name}: organ {row[columns['机关']]!r}, errors {row[columns['错误']]!r}"
            )
    if problems:
        print("; ".join(problems))
        return 1
    print(f"{len(files)} files, each a row naming {organ} with no error")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(Path(arg) for arg in sys.argv[1:4])))
