"""The window's non-blocking message boxes: complete before they are shown, closed by Escape
like any dialog, and the window goes on working afterwards.

A box whose buttons were changed after it was opened (导出完成: Close and two action buttons on a
box opened with OK) crashed the editor when closed with Escape and the 文件 menu opened next
(SIGSEGV in QAbstractButton::click, found in a clerk's walkthrough). A crash would end the test
run, so the keys are pressed in a child process and its exit status is what is checked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.domain.errors import UserError
from editor.ui.main_window import MainWindow
from tests.conftest import ROOT

ESCAPE_THEN_MENU = textwrap.dedent(
    """
    import sys, tempfile
    from pathlib import Path
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from editor.domain.errors import UserError
    from editor.importers.result import ImportResult
    from editor.ui.main_window import MainWindow
    from editor.ui.recovery import RecoveryStore

    app = QApplication(["nianbao"])
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, RecoveryStore(folder / "recovery"))
    assert window.open_path(Path(sys.argv[1]))
    window.show()
    QTest.qWaitForWindowExposed(window)
    boxes = {
        "导出完成": lambda: window.jobs.show_exported(folder / "r.xlsx"),
        "无法打开": lambda: window.show_error("无法打开", UserError("坏文件", technical="详情")),
        "导入结果": lambda: window.jobs._notes(ImportResult(window.document.report, "x.pdf")),
    }
    for title, show in boxes.items():
        show()
        box = window.messages[-1]
        QTest.qWaitForWindowExposed(box)
        QTest.keyClick(box, Qt.Key.Key_Escape)
        app.processEvents()
        assert not box.isVisible() and box not in window.messages, title
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # 文件 menu
        app.processEvents()
        QTest.keyClick(window, Qt.Key.Key_Escape)
        app.processEvents()
        print("closed", title, flush=True)
    window.document.undo_stack.setClean()
    window.close()
    """
)


def test_message_boxes_close_with_escape_and_the_window_goes_on(sample_copy: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", ESCAPE_THEN_MENU, str(sample_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split("\n")[:3] == ["closed 导出完成", "closed 无法打开", "closed 导入结果"]


def test_message_boxes_are_complete_when_shown(window: MainWindow, qtbot: QtBot) -> None:
    clicked: list[str] = []
    box = window.show_message(
        QMessageBox.Icon.Information,
        "导出完成",
        "已导出",
        details="细节",
        close_button=QMessageBox.StandardButton.Close,
        actions=(("打开文件", lambda: clicked.append("file")),),
    )
    qtbot.waitExposed(box)
    texts = [b.text() for b in box.buttons()]
    assert "打开文件" in texts and box.detailedText() == "细节"
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.Close)
    action = next(b for b in box.buttons() if b.text() == "打开文件")
    action.click()
    assert clicked == ["file"]
    qtbot.waitUntil(lambda: box not in window.messages)  # done with it, as with 关闭


def test_message_boxes_error_details_hold_the_library_words(window: MainWindow) -> None:
    box = window.show_error("无法打开", UserError("文件已损坏。", technical="BadZipFile: x"))
    assert box.text() == "文件已损坏。" and box.detailedText() == "BadZipFile: x"
    box.done(0)


def test_message_boxes_export_done_says_where_when_nothing_can_open_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    # The offscreen platform has no desktop services: like a desktop without a file manager.
    window.jobs.show_exported(tmp_path / "r.xlsx")
    box = window.messages[-1]
    folder = next(b for b in box.buttons() if b.text() == "打开所在文件夹")
    folder.click()
    qtbot.waitUntil(lambda: box not in window.messages)
    told = window.messages[-1]
    assert told.windowTitle() == "无法打开文件夹" and str(tmp_path) in told.text()
    told.done(0)


def test_message_boxes_over_any_widget_are_built_the_same(qtbot: QtBot) -> None:
    """批量检查 and the prose box use the same builder as the window: complete before shown."""
    from PySide6.QtWidgets import QWidget

    from editor.ui.messages import show_message

    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_message(
        parent,
        QMessageBox.Icon.Information,
        "汇总完成",
        "已汇总",
        details="明细",
        close_button=QMessageBox.StandardButton.Close,
        actions=[("打开汇总", lambda: None)],
    )
    assert box.parent() is parent and box.detailedText() == "明细"
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.Close)
    assert [b.text() for b in box.buttons() if b.text() == "打开汇总"] == ["打开汇总"]
    box.done(0)


def test_message_boxes_enter_closes_without_running_an_action(qtbot: QtBot) -> None:
    """导出完成 had 打开文件 as its default button: Enter, meant to dismiss, opened the file."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from editor.ui.messages import show_message

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    ran: list[str] = []
    box = show_message(
        parent,
        QMessageBox.Icon.Information,
        "导出完成",
        "已导出",
        close_button=QMessageBox.StandardButton.Close,
        actions=(
            ("打开文件", lambda: ran.append("file")),
            ("打开所在文件夹", lambda: ran.append("dir")),
        ),
    )
    qtbot.waitExposed(box)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Close)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert ran == []


def test_message_boxes_details_are_wide_enough_to_read_a_note_per_line(qtbot: QtBot) -> None:
    """导入结果's 显示详细信息 showed ~30 characters by 5 lines: every note wrapped two or three
    times. Now it takes a note per line, within two thirds of the screen."""
    from PySide6.QtWidgets import QTextEdit, QWidget

    from editor.ui.messages import DETAILS_SIZE, show_message

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    line = "［已读取］（读取上年报告）表{}：找到 25/25 行，读取 175 个数"
    notes = "\n".join(line.format(n) for n in "二三四")
    box = show_message(parent, QMessageBox.Icon.Information, "导入结果", "已导入", details=notes)
    text = box.findChild(QTextEdit)
    assert text is not None and text.toPlainText() == notes
    screen = box.screen().availableGeometry()
    assert text.minimumWidth() == min(DETAILS_SIZE[0], screen.width() * 2 // 3)
    longest = max(notes.splitlines(), key=len)
    assert text.fontMetrics().horizontalAdvance(longest) < text.minimumWidth()
    box.done(0)
