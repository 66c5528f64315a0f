"""What a first start shows instead of a blank report: the three ways in, and recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

_PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    """从上年报告开始 (the usual January start), 打开, 新建空白, and the recent files."""

    start_from_last_year = Signal()
    open_requested = Signal()
    new_blank = Signal()
    recent_chosen = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("政府信息公开工作年度报告")
        heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        intro = QLabel(
            "按国办公开办函〔2021〕30号的格式填写、核对勾稽关系，导出 Excel、PDF 或直接打印。"
            "按 F1 可随时查看每一部分、每一行要填什么。"
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #444;")
        self.last_year_button = QCommandLinkButton(
            "从上年报告开始…",
            "选上年的年报文件、Excel、PDF、Word、网页或文本：带入机关名称、落款、联系方式、"
            "上年数和上年结转，正文标为“上年内容，待更新”。",
        )
        self.open_button = QCommandLinkButton("打开年报文件…", "继续填写已保存的 .nianbao 文件。")
        self.blank_button = QCommandLinkButton(
            "新建空白报告…", "从空白表格开始，只需选择报告年度。"
        )
        self.last_year_button.clicked.connect(self.start_from_last_year)
        self.open_button.clicked.connect(self.open_requested)
        self.blank_button.clicked.connect(self.new_blank)
        self.recent_title = QLabel("最近打开")
        self.recent_title.setStyleSheet("font-weight: bold; margin-top: 10px;")
        self.recent = QListWidget()
        self.recent.setMinimumHeight(90)
        self.recent.itemActivated.connect(self._activated)
        self.no_recent = QLabel("还没有打开过的文件。")
        self.no_recent.setStyleSheet("color: #666;")
        column = QVBoxLayout()
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(8)
        for button in (self.last_year_button, self.open_button, self.blank_button):
            column.addWidget(button)
        column.addWidget(self.recent_title)
        column.addWidget(self.recent, 1)
        column.addWidget(self.no_recent)
        column.addStretch(0)
        # A readable column in the middle of a wide window, the whole width of a small one; on a
        # small screen at 150 % the page scrolls rather than forcing the window taller.
        body = QWidget()
        row = QHBoxLayout(body)
        row.addStretch(1)
        row.addLayout(column, 6)
        row.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def show_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for name in files:
            path = Path(name)
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(_PATH_ROLE, name)
            item.setToolTip(name)
            self.recent.addItem(item)
        self.recent.setVisible(bool(files))
        self.no_recent.setVisible(not files)

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(item.data(_PATH_ROLE)))
