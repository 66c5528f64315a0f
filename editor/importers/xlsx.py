"""Excel import: our own workbook exactly (hidden marker), any other one by the tables' labels."""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from editor.domain.errors import UserError
from editor.domain.forms import CellRef
from editor.domain.model import Report
from editor.domain.progress import Progress, no_progress
from editor.domain.userfiles import read_user_file
from editor.importers.intake import finished, reading
from editor.importers.result import ImportNote, ImportResult, NoteKind
from editor.importers.xlsx_foreign import read_foreign
from editor.importers.xlsx_own import MarkerError, is_own_workbook, read_own
from editor.importers.xlsx_safety import MAX_FILE_BYTES, WorkbookFileError, open_workbook


def import_xlsx(path: Path, progress: Progress | None = None) -> ImportResult:
    """Reads the workbook at `path`. Raises UserError (in Chinese) for anything it cannot read."""
    progress = progress or no_progress
    path = Path(path)
    if path.suffix.lower() == ".xls":
        raise UserError(
            f"“{path.name}”是旧版 Excel 文件（.xls）。请在 Excel 或 WPS 中打开它，"
            "“另存为” Excel 工作簿（.xlsx）后再导入。"
        )
    progress(0.0, "正在打开工作簿")
    with reading(path, "Excel 工作簿"):
        data = read_user_file(
            path, max_bytes=MAX_FILE_BYTES, what="Excel 工作簿", error=WorkbookFileError
        )
        wb = open_workbook(data, path.name)
        progress(0.4, "正在读取表格")
        try:
            result = _read(wb, path.name)
        finally:
            wb.close()
        result = finished(result)
    progress(1.0, "导入完成")
    return result


def _read(wb: Workbook, name: str) -> ImportResult:
    if not is_own_workbook(wb):
        return read_foreign(wb, name)
    try:
        return read_own(wb, name)
    except MarkerError:
        result = read_foreign(wb, name)
        result.notes.insert(
            0, ImportNote(NoteKind.ASSUMED, "工作簿的隐藏标记已损坏，改为按表格标签读取")
        )
        return result


def value_changes(target: Report, result: ImportResult) -> dict[CellRef, int | float | None]:
    """What importing `result` into the open `target` changes, for one `set_values` undo step.

    Every cell of each table the import read is taken (blank stays blank); tables it did not
    find are left alone. Refused when the two reports follow different formats.
    """
    imported = result.report
    if imported.meta.form_version != target.meta.form_version:
        raise UserError(
            f"导入的表格是 {imported.meta.form_version.value} 年格式，当前报告是 "
            f"{target.meta.form_version.value} 年格式，不能导入到当前报告；请导入为新报告。"
        )
    changes: dict[CellRef, int | float | None] = {}
    for table in target.form.tables:
        if table.key not in imported.tables:
            continue
        for ref in table.cells:
            new = imported.get(ref)
            if new != target.get(ref) or type(new) is not type(target.get(ref)):
                changes[ref] = new
    return changes
