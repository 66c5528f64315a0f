"""Qt's own dialog strings that its Chinese catalogue misses.

Qt 6 changed a few source texts (a mnemonic was added: "Look in:" became "&Look in:") and the
shipped qtbase_zh_CN.qm still has only the old ones, so Qt's file dialog showed "Look in:" and
"Files of type:" in English beside Chinese, and its print dialog "Page Set:". Installed after
Qt's catalogue, this one is asked first; for anything else it has no answer and Qt asks the next.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# (context, source text) -> Chinese, with the mnemonic kept, in Qt's zh_CN style.
GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QPrintSettingsOutput", "Page &Set:"): "页面集(&S)：",
    # The file dialog's 类型 column: Qt 6 moved these to a new context the catalogue lacks, so
    # the Linux bundle's dialog said "Folder" beside Chinese file types.
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
}


class QtCatalogueGaps(QTranslator):
    # None, not "": Qt takes an empty string for a translation (every other text of Qt's
    # dialogs went blank, and QPrinter lost its paper names); None is "not mine, ask the next".
    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        return GAPS.get((context, source_text))

    def isEmpty(self) -> bool:  # Qt asks this before translate(): not empty
        return False
