"""汇总 from the 批量检查 dialog: organ and year asked once, the file chosen, written off the UI
thread by the same code as `nianbao sum`, and what it summed shown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from editor.batch.review import ReviewedFile
from editor.domain.checks import summary_text
from editor.domain.model import MAX_YEAR, MIN_YEAR
from editor.domain.summing import ReportSum
from editor.ui import file_dialogs
from editor.ui.messages import show_message
from editor.ui.tasks import run_task

SUM_FILTERS = (file_dialogs.REPORT_FILTER, file_dialogs.XLSX_FILTER)
ORGAN_KEY = "batch/sum_organ"


class SumOptionsDialog(QDialog):
    """The 汇总's organ and year."""

    def __init__(self, parent: QWidget, organ: str, year: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("汇总")
        self.organ = QLineEdit(organ)
        self.organ.setPlaceholderText("如：某某县人民政府办公室")
        self.organ.setMinimumWidth(self.fontMetrics().horizontalAdvance("某" * 22))
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(year)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("选择保存位置…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("汇总机关：", self.organ)
        form.addRow("报告年度：", self.year)
        form.addRow(buttons)

    def _accept_if_named(self) -> None:
        if self.organ.text().strip():
            self.accept()
        else:
            self.organ.setFocus()
            self.organ.setPlaceholderText("请填写汇总报告的机关名称")


def likely_year(files: Sequence[ReviewedFile]) -> int:
    """The year most of the reports are for (the 汇总's year, usually)."""
    years = Counter(f.year for f in files if f.year is not None)
    return years.most_common(1)[0][0] if years else date.today().year - 1


def sum_dialog(
    parent: QWidget,
    files: Sequence[ReviewedFile],
    settings: QSettings,
    folder: Path,
    open_report: Callable[[Path], object],
) -> None:
    """Asks for organ, year and file (offered in `folder`), then writes the 汇总 of `files`;
    `open_report` opens it in the window if the clerk wants. Reports that cannot be summed
    (unreadable, another year or form) are said before anything is asked."""
    year = likely_year(files)
    refusal = sum_refusal(files, year)
    if refusal:
        show_message(parent, QMessageBox.Icon.Warning, "无法汇总", refusal)
        return
    options = SumOptionsDialog(parent, str(settings.value(ORGAN_KEY, "") or ""), year)
    if options.exec() != QDialog.DialogCode.Accepted:
        return
    organ, year = options.organ.text().strip(), options.year.value()
    settings.setValue(ORGAN_KEY, organ)
    suggested = folder / f"{year}年汇总.nianbao"
    target = file_dialogs.choose(parent, "保存汇总", suggested, SUM_FILTERS, save=True)
    if target is None:
        return
    if target.suffix.lower() not in (".nianbao", ".xlsx"):
        target = target.with_name(target.name + ".nianbao")
    write_sum_in_background(parent, list(files), organ, year, target, open_report)


def sum_refusal(files: Sequence[ReviewedFile], year: int) -> str:
    """Why `files` cannot be summed for `year` (the same checks as the 汇总), or ""."""
    from editor.batch.sum_files import check_summable
    from editor.domain.errors import UserError

    try:
        check_summable(files, year)
    except UserError as e:
        return str(e)
    return ""


def write_sum_in_background(
    parent: QWidget,
    files: list[ReviewedFile],
    organ: str,
    year: int,
    target: Path,
    open_report: Callable[[Path], object],
) -> None:
    """The same as `nianbao sum`, on a worker thread; a refusal is shown as a message."""
    from editor.batch.sum_files import sum_reviewed, write_sum

    def job(_progress: object) -> ReportSum:
        result = sum_reviewed(files, organ, year)
        write_sum(result, target)
        return result

    def done(result: ReportSum) -> None:
        show_sum_result(parent, files, result, target, open_report)

    run_task(parent, "正在汇总", job, done)


def show_sum_result(
    parent: QWidget,
    files: Sequence[ReviewedFile],
    result: ReportSum,
    target: Path,
    open_report: Callable[[Path], object],
) -> QMessageBox:
    """What was summed and how the 汇总 checks; for a report file, a button to open it."""
    from editor.batch.sum_files import sum_findings, sum_notes

    findings = sum_findings(result)
    opens = target.suffix.lower() == ".nianbao"
    return show_message(
        parent,
        QMessageBox.Icon.Information,
        "汇总完成",
        f"已汇总 {len(result.sources)} 份报告，保存到：\n{target}\n\n"
        f"检查汇总：{summary_text(findings)}{_caveats(files, result)}",
        details="\n".join(sum_notes(files, result) + [f.message for f in findings]),
        close_button=QMessageBox.StandardButton.Close,
        actions=[("打开汇总", lambda: open_report(target))] if opens else [],
    )


def _caveats(files: Sequence[ReviewedFile], result: ReportSum) -> str:
    lines = []
    with_errors = sum(1 for f in files if f.errors)
    if with_errors:
        lines.append(f"其中 {with_errors} 份报告本身有错误，汇总数也含这些错误。")
    if result.report.flagged_cells:
        lines.append(f"{len(result.report.flagged_cells)} 个单元格待确认（有报告留空或待确认）。")
    return "".join(f"\n{line}" for line in lines) + ("\n详见“显示详情”。" if lines else "")
