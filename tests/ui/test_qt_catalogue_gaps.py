"""Qt's own dialogs, as the editor shows them, have no English left in their labels."""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QGroupBox, QLabel

from editor.app import create_application

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# Names, not words to translate: the PDF format, and the print dialog's printer name.
NOT_WORDS = re.compile(r"PDF|CUPS")


def _english_labels(dialog: QDialog) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.title() for w in dialog.findChildren(QGroupBox)]
    return [t for t in texts if ENGLISH_WORD.search(NOT_WORDS.sub("", t))]


def test_file_and_print_dialogs_are_all_chinese(qtbot) -> None:  # type: ignore[no-untyped-def]
    create_application(["nianbao"])  # installs the translations on the test's application
    files = QFileDialog(None, "打开")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog Linux desktops get
    qtbot.addWidget(files)
    printer = QPrinter()
    printing = QPrintDialog(printer)
    try:
        for dialog in (files, printing):
            dialog.show()
            qtbot.waitExposed(dialog)
            assert _english_labels(dialog) == []
    finally:
        shiboken6.delete(printing)  # before its printer: it keeps a pointer to it
    # Qt 6.11 has mnemonics (&L, &T) that its catalogue lacks; 6.9 has the old texts.
    labels = [w.text() for w in files.findChildren(QLabel)]
    assert {"查找范围(&L)：", "查找范围："} & set(labels)
    assert {"文件类型(&T)：", "文件类型："} & set(labels)
    # The rest still comes from Qt's catalogue, and what no catalogue has stays as written.
    assert "文件名称(&N)：" in labels
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："
    assert QCoreApplication.translate("nianbao", "A4") == "A4"
