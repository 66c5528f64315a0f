"""查找/替换 across every prose field of the report (Ctrl+F, Ctrl+H).

The January job it exists for: last year's text says "2024年" everywhere and must say "2025年".
全部替换 changes every field at once as one undo step; 查找下一个 walks through the fields in
the order the report prints them, switching tabs and scrolling to each match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui.document import ReportDocument


@dataclass(frozen=True)
class Match:
    key: str  # the prose field
    start: int
    end: int


def find_all(fields: Sequence[tuple[str, str]], needle: str) -> list[Match]:
    """Every occurrence of `needle` in the (key, text) fields, in order, not overlapping."""
    if not needle:
        return []
    found: list[Match] = []
    for key, text in fields:
        at = text.find(needle)
        while at >= 0:
            found.append(Match(key, at, at + len(needle)))
            at = text.find(needle, at + len(needle))
    return found


def replaced_texts(
    fields: Sequence[tuple[str, str]], needle: str, replacement: str
) -> tuple[dict[str, str], int]:
    """New texts of the fields that hold `needle`, and how many places changed."""
    texts: dict[str, str] = {}
    count = 0
    for key, text in fields:
        n = text.count(needle) if needle else 0
        if n:
            texts[key] = text.replace(needle, replacement)
            count += n
    return texts, count


class FindReplaceDialog(QDialog):
    """A non-modal dialog over the window; `reveal(key, start, end)` shows a match there."""

    def __init__(
        self,
        document: ReportDocument,
        field_order: Callable[[], list[str]],
        reveal: Callable[[str, int, int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("查找和替换")
        self.document = document
        self._field_order = field_order
        self._reveal = reveal
        self.current: Match | None = None
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("如：2024年")
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("如：2025年")
        self.replace_label = QLabel("替换为：")
        form = QFormLayout()
        form.addRow("查找内容：", self.find_edit)
        form.addRow(self.replace_label, self.replace_edit)
        self.next_button = QPushButton("查找下一个")
        self.next_button.setDefault(True)
        self.previous_button = QPushButton("查找上一个")
        self.replace_button = QPushButton("替换")
        self.replace_all_button = QPushButton("全部替换")
        close = QPushButton("关闭")
        self.next_button.clicked.connect(lambda: self.find_next(forward=True))
        self.previous_button.clicked.connect(lambda: self.find_next(forward=False))
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (
            self.next_button,
            self.previous_button,
            self.replace_button,
            self.replace_all_button,
            close,
        ):
            buttons.addWidget(button)
        self.status = QLabel("在全部正文中查找（开头语、一至六各部分的文字）。")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #444;")
        # Two lines kept for it, so a longer message never squeezes the fields above.
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 2 + 4)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.find_edit.textChanged.connect(self._needle_changed)

    # ------------------------------------------------------------------ opening

    def open_for(self, *, replace: bool, seed: str = "") -> None:
        """Ctrl+F (replace False) or Ctrl+H; `seed`: the text selected in the prose, if any."""
        self.setWindowTitle("替换" if replace else "查找")
        for widget in (self.replace_label, self.replace_edit, self.replace_button):
            widget.setVisible(replace)
        self.replace_all_button.setVisible(replace)
        if seed and "\n" not in seed:
            self.find_edit.setText(seed)
        if not self.isVisible():
            self._place()
        self.show()
        self.raise_()
        self.activateWindow()
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    def _place(self) -> None:
        """Top right of the window, off the text it finds, as office editors put it."""
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        frame = parent.window().geometry()
        self.move(frame.right() - self.width() - 24, frame.top() + 110)

    # ------------------------------------------------------------------ finding

    def _fields(self) -> list[tuple[str, str]]:
        prose = self.document.report.prose
        return [(key, prose.get(key, "")) for key in self._field_order()]

    def _needle_changed(self, _text: str) -> None:
        self.current = None
        self._count()

    def _count(self) -> int:
        needle = self.find_edit.text()
        matches = find_all(self._fields(), needle)
        if not needle:
            self.status.setText("在全部正文中查找（开头语、一至六各部分的文字）。")
        elif matches:
            fields = len({m.key for m in matches})
            self.status.setText(f"正文中共有 {len(matches)} 处“{needle}”（{fields} 段）。")
        else:
            self.status.setText(f"正文中找不到“{needle}”。")
        return len(matches)

    def find_next(self, *, forward: bool = True) -> Match | None:
        """Goes to the next (previous) match after the current one, wrapping around."""
        matches = find_all(self._fields(), self.find_edit.text())
        if not matches:
            self._count()
            return None
        order = {key: i for i, key in enumerate(self._field_order())}

        def place(m: Match) -> tuple[int, int]:
            return order[m.key], m.start

        if self.current is None:
            chosen = matches[0] if forward else matches[-1]
        elif forward:
            later = [m for m in matches if place(m) > place(self.current)]
            chosen = later[0] if later else matches[0]
        else:
            earlier = [m for m in matches if place(m) < place(self.current)]
            chosen = earlier[-1] if earlier else matches[-1]
        self.current = chosen
        index = matches.index(chosen) + 1
        self.status.setText(f"第 {index} 处，共 {len(matches)} 处“{self.find_edit.text()}”。")
        self._reveal(chosen.key, chosen.start, chosen.end)
        return chosen

    # ------------------------------------------------------------------ replacing

    def replace_current(self) -> bool:
        """Replaces the match shown (one undo step) and goes on to the next one."""
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        current = self.current
        text = self.document.report.prose.get(current.key, "") if current else ""
        if current is None or text[current.start : current.end] != needle:
            self.find_next()
            return False
        new = text[: current.start] + replacement + text[current.end :]
        self.document.replace_prose({current.key: new}, f"替换“{needle}”为“{replacement}”")
        # Go on from just after the replacement, so the new text is not found again.
        self.current = Match(current.key, current.start, current.start + len(replacement))
        if self.find_next() is None:
            self.status.setText("已替换。正文中已没有要查找的内容。")
        return True

    def replace_all(self) -> int:
        """Every match in every field, as one undo step; says how many."""
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        texts, count = replaced_texts(self._fields(), needle, replacement)
        if not count:
            self.status.setText(
                f"正文中找不到“{needle}”，没有替换。" if needle else "请输入要查找的内容。"
            )
            return 0
        self.document.replace_prose(texts, f"全部替换“{needle}”为“{replacement}”（{count} 处）")
        self.current = None
        self.status.setText(
            f"已在 {len(texts)} 段正文中替换 {count} 处“{needle}”为“{replacement}”。"
            "可用“撤销”（Ctrl+Z）一步恢复。"
        )
        return count
