"""The year question of 新建空白报告 and 从上年报告开始: the chosen year, or None when cancelled,
in a dialog wide enough that a window manager need not cut its title."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from editor.domain.model import MAX_YEAR, MIN_YEAR
from editor.ui.year_prompt import ask_year
from tests.ui.conftest import answer_next_dialog


def test_year_prompt_returns_the_chosen_year_within_the_bounds(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def answer(box: QInputDialog) -> None:
        seen.update(value=box.intValue(), bounds=(box.intMinimum(), box.intMaximum()))
        seen.update(width=box.width(), title=box.windowTitle())
        box.setIntValue(2030)
        box.accept()

    answer_next_dialog(QInputDialog, answer)
    assert ask_year(parent, "从上年报告开始", "新报告的年度：", 2025) == 2030
    assert seen["value"] == 2025 and seen["bounds"] == (MIN_YEAR, MAX_YEAR)
    # The title as a window manager shows it ("… — 年报编辑器"), with room for the frame's buttons.
    shown = f"{seen['title']} — 年报编辑器"
    width = seen["width"]
    assert isinstance(width, int)
    assert width >= QFontMetrics(QApplication.font()).horizontalAdvance(shown) + 100


def test_year_prompt_cancelled_is_none(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answer_next_dialog(QInputDialog, lambda box: box.reject())
    assert ask_year(parent, "新建空白报告", "报告年度：", 2025) is None
