"""The 基本信息 tab: organ, year, form version, 落款, 成文日期 and contact lines."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.domain.model import MAX_YEAR, MIN_YEAR
from editor.domain.validity import MAX_CONTACT_CHARS, MAX_META_CHARS
from editor.ui.date_field import DateField
from editor.ui.document import ReportDocument
from editor.ui.prose_text import ProseTextEdit
from editor.ui.shortcuts import UndoKeysToWindow

# field → (label, placeholder); one place for the wording.
_LINE_FIELDS = {
    "organ": ("机关全称", "如：龙亭区人民政府办公室"),
    "signer": ("落款", "报告末尾署名的机关名称"),
}


class MetaTab(QWidget):
    """Edits `report.meta`; a run of typing in one field is one undo step, as in the prose.

    Every keystroke goes to the document at once, so 撤销 (Ctrl+Z, wherever the focus is) always
    has the latest text to take back: there is no half-typed text outside the undo stack.
    """

    def __init__(self, document: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._undo_keys = UndoKeysToWindow(self)
        outer = QVBoxLayout(self)
        heading = QLabel(document.report.title or "基本信息")
        heading.setStyleSheet("font-size: 16px; font-weight: bold; padding: 6px 0;")
        self.heading = heading
        outer.addWidget(heading)
        form = QFormLayout()
        outer.addLayout(form)
        self.lines: dict[str, QLineEdit] = {}
        for field, (label, placeholder) in _LINE_FIELDS.items():
            edit = QLineEdit()
            edit.setMaxLength(MAX_META_CHARS)  # what the file may hold (validity)
            edit.setPlaceholderText(placeholder)
            edit.installEventFilter(self._undo_keys)
            edit.textEdited.connect(lambda text, f=field, t=label: self._typed(f, text, t))
            edit.editingFinished.connect(lambda f=field, e=edit, t=label: self._finished(f, e, t))
            self.lines[field] = edit
        self.date = DateField()
        self.date.edit.installEventFilter(self._undo_keys)
        self.date.edited.connect(self._commit_date)
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setSuffix(" 年")
        self.year.installEventFilter(self._undo_keys)
        self.year.editingFinished.connect(self._commit_year)
        self.version = QLabel()
        self.contact = ProseTextEdit(lambda: MAX_CONTACT_CHARS - len(self.contact.toPlainText()))
        self.contact.setUndoRedoEnabled(False)
        self.contact.installEventFilter(self._undo_keys)
        self.contact.setPlaceholderText("每行一项，如：地址：……　电话：……　邮箱：……")
        self.contact.setMaximumHeight(110)
        self.contact.focus_left.connect(self._commit_contact)
        form.addRow("机关全称：", self.lines["organ"])
        form.addRow("报告年度：", self.year)
        form.addRow("表格格式：", self.version)
        form.addRow("落款：", self.lines["signer"])
        form.addRow("成文日期：", self.date)
        form.addRow("联系方式：", self.contact)
        outer.addStretch(1)
        self._load()
        document.meta_changed.connect(lambda _f: self._load())

    def _load(self) -> None:
        meta = self.document.report.meta
        for field, edit in self.lines.items():
            if edit.text() != getattr(meta, field):
                edit.setText(getattr(meta, field))
        self.year.blockSignals(True)
        self.year.setValue(meta.year)
        self.year.blockSignals(False)
        form = self.document.form
        self.version.setText(f"{form.version.value} 年格式（{form.document}）")
        if self.date.text() != meta.date:
            self.date.set_text(meta.date)
        contact = "\n".join(meta.contact)
        if self.contact.toPlainText() != contact:
            self.contact.setPlainText(contact)
        self.heading.setText(self.document.report.title)

    def _typed(self, field: str, text: str, title: str) -> None:
        self.document.push_meta(field, text, title, typing=True)

    def _finished(self, field: str, edit: QLineEdit, title: str) -> None:
        # Spaces the clerk left at either end go, as part of the same undo step.
        self.document.push_meta(field, edit.text().strip(), title, typing=True)
        self.document.end_prose_typing()

    def _commit_date(self, text: str, stepping: bool) -> None:
        self.document.push_meta("date", text, "成文日期", typing=stepping)

    def _commit_year(self) -> None:
        self.document.push_meta("year", self.year.value(), "报告年度")

    def _commit_contact(self) -> None:
        lines = [line.strip() for line in self.contact.toPlainText().splitlines() if line.strip()]
        self.document.push_meta("contact", lines, "联系方式")
