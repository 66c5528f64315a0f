"""The choices asked before 导出 PDF, 打印预览 and 打印: 签字栏, 草稿标记, 页码, 字体.

Until now the signature block and the fonts were reachable only from the command line; here they
are one dialog, remembered between runs (except the draft mark, which follows the checks unless
the clerk says otherwise for this one output).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.domain.checks import check_report
from editor.domain.model import Report
from editor.exporters.fonts import ROLE_NAMES, FontRole
from editor.exporters.pdf.options import DRAFT_MARK, PageNumberPlace, PdfOptions

_DRAFT_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("按检查结果：有错误时标注", None),
    (f"标注“{DRAFT_MARK}”", True),
    ("不标注", False),
)
_PAGE_NUMBERS = (
    ("单页在右、双页在左（双面印制，公文格式）", PageNumberPlace.OUTSIDE),
    ("居中（单面打印）", PageNumberPlace.CENTRE),
)
_KEY = "output/"


def saved_options(settings: QSettings) -> PdfOptions:
    """The clerk's last choices (signature, page numbers, fonts); the draft mark is not kept."""
    fonts: dict[FontRole, Path] = {}
    raw = settings.value(_KEY + "fonts", "")
    try:
        stored = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        stored = {}
    if isinstance(stored, dict):
        for role in FontRole:
            name = stored.get(role.value)
            if isinstance(name, str) and Path(name).is_file():
                fonts[role] = Path(name)
    place = settings.value(_KEY + "page_numbers", PageNumberPlace.OUTSIDE.value)
    try:
        page_numbers = PageNumberPlace(str(place))
    except ValueError:
        page_numbers = PageNumberPlace.OUTSIDE
    return PdfOptions(
        signature=settings.value(_KEY + "signature", "false") in ("true", True),
        fonts=fonts,
        system_fonts=settings.value(_KEY + "system_fonts", "true") in ("true", True),
        page_numbers=page_numbers,
    )


def remember_options(settings: QSettings, options: PdfOptions) -> None:
    settings.setValue(_KEY + "signature", "true" if options.signature else "false")
    settings.setValue(_KEY + "system_fonts", "true" if options.system_fonts else "false")
    settings.setValue(_KEY + "page_numbers", options.page_numbers.value)
    fonts = {role.value: str(path) for role, path in options.fonts.items()}
    settings.setValue(_KEY + "fonts", json.dumps(fonts, ensure_ascii=False))


class OutputOptionsDialog(QDialog):
    """签字栏, 草稿标记, 页码 and 字体 for one PDF export, preview or print."""

    def __init__(
        self, report: Report, options: PdfOptions, action: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{action}选项")
        self._options = options
        errors = sum(1 for f in check_report(report) if f.is_error)
        self.signature = QCheckBox("加签字栏（单位负责人签字、审核人、日期，并留出盖章位置）")
        self.signature.setChecked(options.signature)
        self.draft = QComboBox()
        for text, _value in _DRAFT_CHOICES:
            self.draft.addItem(text)
        chosen = [value for _t, value in _DRAFT_CHOICES].index(options.draft)
        self.draft.setCurrentIndex(chosen)
        self.errors = QLabel(
            f"报告现有 {errors} 处错误，按检查结果将在各页标注“{DRAFT_MARK}”。"
            if errors
            else "检查未发现错误，按检查结果不标注。"
        )
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;" if errors else "color: #2e6b2e;")
        self.page_numbers = QComboBox()
        for text, _place in _PAGE_NUMBERS:
            self.page_numbers.addItem(text)
        self.page_numbers.setCurrentIndex(
            [p for _t, p in _PAGE_NUMBERS].index(options.page_numbers)
        )
        self.fonts_summary = QLabel()
        self.fonts_summary.setWordWrap(True)
        self.fonts_button = QPushButton("字体…")
        self.fonts_button.setAutoDefault(False)  # Enter means the dialog's own button
        self.fonts_button.clicked.connect(self.choose_fonts)
        fonts_row = QHBoxLayout()
        fonts_row.addWidget(self.fonts_summary, 1)
        fonts_row.addWidget(self.fonts_button)
        form = QFormLayout()
        form.addRow("签字栏：", self.signature)
        form.addRow("草稿标记：", self.draft)
        form.addRow("", self.errors)
        form.addRow("页码：", self.page_numbers)
        form.addRow("字体：", fonts_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_fonts()
        self.ok_button.setFocus()

    def _show_fonts(self) -> None:
        faces = self._options.faces()
        lines = [f"{ROLE_NAMES[role]}：{faces[role].describe()}" for role in FontRole]
        self.fonts_summary.setText("\n".join(lines))

    def choose_fonts(self) -> None:
        from editor.ui.printing import FontsDialog

        dialog = FontsDialog(self._options, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._options = dialog.options()
            self._show_fonts()

    def options(self) -> PdfOptions:
        return dataclasses.replace(
            self._options,
            signature=self.signature.isChecked(),
            draft=_DRAFT_CHOICES[self.draft.currentIndex()][1],
            page_numbers=_PAGE_NUMBERS[self.page_numbers.currentIndex()][1],
        )


def ask_output_options(
    parent: QWidget | None, report: Report, settings: QSettings, action: str
) -> PdfOptions | None:
    """Shows the dialog; the options with the draft mark decided, or None when cancelled."""
    dialog = OutputOptionsDialog(report, saved_options(settings), action, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options = dialog.options()
    finally:
        dialog.deleteLater()
    remember_options(settings, options)
    if options.draft is None:
        # Decided here, on the report as shown, so nothing asks a second time.
        errors = any(f.is_error for f in check_report(report))
        options = dataclasses.replace(options, draft=errors)
    return options
