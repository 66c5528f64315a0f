"""Opening an untrusted Word document: zip limits, then what python-docx would multiply.

python-docx hands out one cell per grid column a cell spans (`gridSpan` 10^8 is a hundred million
of them) and follows vertical merges row by row; Word itself allows 63 columns. Spans, rows and
cells are counted in the XML before python-docx parses anything.
"""

from __future__ import annotations

import re

from editor.importers.zip_guard import PackageRefused, PartCounts, check_package

MAX_SPAN = 64  # Word's tables have at most 63 columns
MAX_TABLE_CELLS = 100_000
MAX_TABLE_ROWS = 20_000

_SPAN = re.compile(rb"<(?:\w+:)?(?:gridSpan|gridBefore|gridAfter)\b[^>]*?\bval=\"\s*([^\"]*)\"")
_CELL = re.compile(rb"<(?:\w+:)?tc[\s>]")
_ROW = re.compile(rb"<(?:\w+:)?tr[\s>]")


class _DocumentCounts(PartCounts):
    def __call__(self, part: str, tags: bytes) -> None:
        if not part.startswith("word/"):
            return
        for value in _SPAN.findall(tags):
            if not value.isdigit() or len(value) > 6 or int(value) > MAX_SPAN:
                shown = f"为 {int(value[:12])} " if value[:12].isdigit() else "无效"
                raise PackageRefused(
                    f"“{self.name}”中有表格单元格的跨列数{shown}（Word 最多 63 列），"
                    "可能是恶意构造的文件，已拒绝导入。"
                )
        self.add("cells", len(_CELL.findall(tags)), MAX_TABLE_CELLS, "表格单元格")
        self.add("rows", len(_ROW.findall(tags)), MAX_TABLE_ROWS, "表格行")


def check_docx(data: bytes, name: str) -> None:
    """Raises PackageRefused (in Chinese) unless `data` is a .docx within the limits."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PackageRefused(
            f"“{name}”不是 .docx 格式：它是旧版 Word（.doc）文件，或设置了打开密码的文档。"
            "请在 Word 或 WPS 中打开它（如有密码先取消），另存为 Word 文档（.docx）后再导入。"
        )
    if not data.startswith(b"PK"):
        raise PackageRefused(f"“{name}”不是 Word 文档（.docx），无法导入。")
    check_package(
        data, name, "Word 文档", required="[Content_Types].xml", scanner=_DocumentCounts(name)
    )
