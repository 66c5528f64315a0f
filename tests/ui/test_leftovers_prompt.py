"""Export and print ask when last year's content remains: copied prose or last year's period."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from editor.importers.last_year import new_from_last_year
from editor.ui.leftovers_prompt import GO_BACK
from editor.ui.main_window import MainWindow
from tests.conftest import SAMPLE

ENTRIES = [
    ("导出 Excel", "export_xlsx_dialog"),
    ("导出 PDF", "export_pdf_dialog"),
    ("打印预览", "print_preview"),
    ("打印(", "print_report"),
    ("导出 Word", "export_docx_dialog"),
    ("复制为网页", "copy_as_web_page"),
]


def _answer(button_text: str, seen: list[str]) -> None:
    """Clicks `button_text` in the next message box, noting what the box said."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return

    QTimer.singleShot(0, click)


def _record_next_steps(monkeypatch: pytest.MonkeyPatch, reached: list[str]) -> None:
    """What follows the question (the file dialog, the print options, the Word and web
    exports) only notes that it was reached, and goes no further."""
    monkeypatch.setattr(
        "editor.ui.file_dialogs.choose", lambda *a, **k: reached.append("x") or None
    )
    monkeypatch.setattr(
        "editor.ui.output_options.ask_output_options", lambda *a: reached.append("p") or None
    )
    monkeypatch.setattr("editor.ui.publish.export_docx_dialog", lambda *a: reached.append("w"))
    monkeypatch.setattr("editor.ui.publish.copy_as_web_page", lambda *a: reached.append("h"))


def _file_action(window: MainWindow, prefix: str) -> object:
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "文件(&F)")
    return next(a for a in menu.actions() if a.text().startswith(prefix))


@pytest.fixture
def started(window: MainWindow) -> MainWindow:
    window.open_unsaved(new_from_last_year(SAMPLE, 2024).report, None)
    return window


@pytest.mark.parametrize(("menu_text", "method"), ENTRIES)
def test_leftovers_prompt_go_back_stops_and_shows_the_place(
    qtbot: QtBot,
    started: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    menu_text: str,
    method: str,
) -> None:
    reached: list[str] = []
    _record_next_steps(monkeypatch, reached)
    seen: list[str] = []
    _answer(GO_BACK, seen)
    _file_action(started, menu_text).trigger()  # type: ignore[attr-defined]
    assert reached == []  # nothing was exported or printed
    assert len(seen) == 1
    said = seen[0]
    assert "仍有上年的内容" in said and "与上年报告重复 100%" in said
    assert "一、总体情况·（一）主动公开" in said
    # The first place is shown.
    tab = started.tabs.currentWidget()
    assert tab in started.section_tabs and tab.section.key == "overview"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("menu_text", "method"), ENTRIES)
def test_leftovers_prompt_go_on_continues(
    qtbot: QtBot,
    started: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    menu_text: str,
    method: str,
) -> None:
    reached: list[str] = []
    _record_next_steps(monkeypatch, reached)
    seen: list[str] = []
    action = menu_text.rstrip("(")
    _answer(f"仍然{action}", seen)
    getattr(started.jobs, method)()
    assert len(seen) == 1 and reached, method


def test_leftovers_prompt_statistical_period_of_last_year(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = window.document
    assert doc is not None
    doc.push_prose("opening", "本报告所列数据统计期限为2022年1月1日至2022年12月31日。")
    reached: list[str] = []
    _record_next_steps(monkeypatch, reached)
    seen: list[str] = []
    _answer(GO_BACK, seen)
    window.jobs.export_xlsx_dialog()
    assert reached == [] and len(seen) == 1
    assert "开头语：统计期限写的是 2022 年，本报告为 2023 年度" in seen[0]


def test_leftovers_prompt_not_asked_for_a_report_of_its_own(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The sample has nothing of last year's: no box (had one appeared, exec() would not return).
    asked: list[str] = []
    _record_next_steps(monkeypatch, asked)
    window.jobs.export_xlsx_dialog()
    assert asked == ["x"]
