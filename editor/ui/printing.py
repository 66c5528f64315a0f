"""打印预览 and 打印: the exported PDF's own pages painted into the QPrinter, one layout engine.

Also the question asked before exporting or printing a report with errors, and the simple 字体
dialog. The GUI's menu actions call these functions; nothing here lays a page out itself.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdfium2 as pdfium
import shiboken6
from PySide6.QtCore import QRectF
from PySide6.QtGui import QAction, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.domain.errors import UserError
from editor.domain.model import Report
from editor.domain.progress import Progress, no_progress
from editor.exporters.fonts import ROLE_NAMES, FontRole, choose_faces, user_face
from editor.exporters.pdf import DRAFT_MARK, PdfOptions, error_count, render_pdf_bytes

# Pages are rendered at the printer's resolution, capped: 600 dpi is beyond what toner shows and
# an A4 page at 1200 dpi would need over half a gigabyte of memory.
PRINT_MAX_DPI = 600
PREVIEW_MAX_DPI = 300

MARK_DRAFT = "标为草稿并继续"
NO_MARK = "不标注，继续"


def ask_draft_choice(parent: QWidget | None, report: Report, action: str = "导出") -> bool | None:
    """Before export or print: for a report with errors, asks whether to mark the pages as draft.

    Returns True (mark), False (no mark) or None (the user cancelled). A report without
    errors is never marked and nothing is asked.
    """
    errors = error_count(report)
    if not errors:
        return False
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{action}未通过校验的报告")
    box.setText(f"报告仍有 {errors} 处错误，尚未通过校验。")
    box.setInformativeText(
        f"建议在各页标注“{DRAFT_MARK}”，以免被误当作定稿。改正错误后再{action}即可去掉标注。"
    )
    mark = box.addButton(MARK_DRAFT, QMessageBox.ButtonRole.AcceptRole)
    plain = box.addButton(NO_MARK, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(mark)
    box.exec()
    clicked = box.clickedButton()
    if clicked is mark:
        return True
    if clicked is plain:
        return False
    return None


def confirm_options(
    parent: QWidget | None, report: Report, options: PdfOptions, action: str = "导出"
) -> PdfOptions | None:
    """`options` with the draft choice made (asking if needed); None when the user cancelled."""
    if options.draft is not None:
        return options
    draft = ask_draft_choice(parent, report, action)
    return None if draft is None else dataclasses.replace(options, draft=draft)


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    # The PDF already holds the margins: paint on the whole sheet.
    printer.setFullPage(True)
    return printer


def paint_pdf(
    pdf: bytes,
    printer: QPrinter,
    *,
    max_dpi: int = PRINT_MAX_DPI,
    progress: Progress | None = None,
) -> int:
    """Paints every page of `pdf` onto `printer`, one sheet each; returns the page count."""
    progress = progress or no_progress
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise UserError("无法开始打印：打印机不可用或输出文件无法写入。")
        dpi = min(printer.resolution(), max_dpi)
        grayscale = printer.colorMode() is QPrinter.ColorMode.GrayScale
        sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
        count = len(document)
        for i in range(count):
            progress(i / count, f"打印第 {i + 1} 页，共 {count} 页")
            if i:
                printer.newPage()
            page = document[i]
            bitmap = page.render(scale=dpi / 72, grayscale=grayscale)
            image_format = (
                QImage.Format.Format_Grayscale8 if grayscale else QImage.Format.Format_BGR888
            )
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format
            ).copy()  # the bitmap's memory goes away with it
            painter.drawImage(_fit(sheet, image.width(), image.height()), image)
            bitmap.close()
            page.close()
        progress(1.0, "完成")
        return count
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def _fit(sheet: QRectF, width: int, height: int) -> QRectF:
    """The page scaled to the sheet, keeping its proportions (A4 on Letter is centred)."""
    scale = min(sheet.width() / width, sheet.height() / height)
    w, h = width * scale, height * scale
    return QRectF((sheet.width() - w) / 2, (sheet.height() - h) / 2, w, h)


def print_report_to(
    printer: QPrinter,
    report: Report,
    options: PdfOptions,
    *,
    max_dpi: int = PRINT_MAX_DPI,
    progress: Progress | None = None,
) -> int:
    """Prints the report's PDF pages on `printer` (already set up); returns the page count."""
    return paint_pdf(render_pdf_bytes(report, options), printer, max_dpi=max_dpi, progress=progress)


def print_report(parent: QWidget | None, report: Report, options: PdfOptions) -> bool:
    """打印: asks about errors, shows the print dialog, prints. False when cancelled."""
    confirmed = confirm_options(parent, report, options, "打印")
    if confirmed is None:
        return False
    printer = a4_printer()
    dialog = QPrintDialog(printer, parent)
    try:
        dialog.setWindowTitle("打印")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        # The dialog keeps a pointer to the printer; as the window's child it would outlive it
        # (the printer goes when this function returns) and touch freed memory when closed.
        shiboken6.delete(dialog)
    print_report_to(printer, report, confirmed)
    return True


class PdfPreviewDialog(QPrintPreviewDialog):
    """A print preview of exactly these PDF pages (printing from it prints the same)."""

    def __init__(self, pdf: bytes, parent: QWidget | None = None) -> None:
        # The dialog does not own its printer: keep it alive as long as the dialog.
        self._printer = a4_printer()
        super().__init__(self._printer, parent)
        self._pdf = pdf
        self.setWindowTitle("打印预览")
        self.paintRequested.connect(self._paint)
        self._fit_to_screen(parent)
        # A page as wide as the window, readable, instead of Qt's 45 % in a 692×600 box. Through
        # the dialog's own 适合宽度 button, so its toolbar shows the mode that is on.
        fit_width = self.findChild(QAction, "fitWidthAction")
        if fit_width is not None:
            fit_width.trigger()
        preview = self.findChild(QPrintPreviewWidget)
        if preview is not None:
            preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        """Nearly as large as the window it previews for (or the screen), centred over it."""
        screen = (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        if parent is not None:
            area = parent.window().frameGeometry().intersected(area)
        width = max(int(area.width() * 0.92), min(800, screen.availableGeometry().width()))
        height = max(int(area.height() * 0.92), min(600, screen.availableGeometry().height()))
        self.resize(width, height)
        self.move(area.center().x() - width // 2, area.center().y() - height // 2)

    def _paint(self, printer: QPrinter) -> None:
        paint_pdf(self._pdf, printer, max_dpi=PREVIEW_MAX_DPI)


def preview_dialog(parent: QWidget | None, pdf: bytes) -> PdfPreviewDialog:
    return PdfPreviewDialog(pdf, parent)


def show_print_preview(parent: QWidget | None, report: Report, options: PdfOptions) -> None:
    """打印预览: asks about errors, then shows the PDF's pages as they will print."""
    confirmed = confirm_options(parent, report, options, "打印")
    if confirmed is not None:
        preview_dialog(parent, render_pdf_bytes(report, confirmed)).exec()


class FontsDialog(QDialog):
    """字体: shows which face serves each role and lets the user pick a font file per role."""

    def __init__(self, options: PdfOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("字体")
        self._fonts: dict[FontRole, Path] = dict(options.fonts)
        self._options = options
        self._labels: dict[FontRole, QLabel] = {}
        grid = QGridLayout()
        for row, role in enumerate(FontRole):
            grid.addWidget(QLabel(ROLE_NAMES[role]), row, 0)
            self._labels[role] = QLabel()
            grid.addWidget(self._labels[role], row, 1)
            pick = QPushButton("选择…")
            pick.clicked.connect(lambda _=False, r=role: self._pick(r))
            grid.addWidget(pick, row, 2)
        self.bundled_only = QCheckBox("只用内置字体（文泉驿微米黑）")
        self.bundled_only.setChecked(not options.system_fonts)
        self.bundled_only.toggled.connect(self._refresh)
        reset = QPushButton("恢复默认")
        reset.clicked.connect(self._reset)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("PDF 与打印使用的字体（均嵌入 PDF）："))
        layout.addLayout(grid)
        layout.addWidget(self.bundled_only)
        layout.addWidget(reset)
        layout.addWidget(buttons)
        self._refresh()

    def options(self) -> PdfOptions:
        return dataclasses.replace(
            self._options, fonts=dict(self._fonts), system_fonts=not self.bundled_only.isChecked()
        )

    def face_text(self, role: FontRole) -> str:
        return self._labels[role].text()

    def set_font_file(self, role: FontRole, path: Path) -> bool:
        """Uses `path` for `role` if reportlab can embed it; otherwise says why."""
        try:
            user_face(path)
        except UserError as e:
            QMessageBox.warning(self, "字体不能使用", str(e))
            return False
        self._fonts[role] = path
        self._refresh()
        return True

    def _pick(self, role: FontRole) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, f"选择{ROLE_NAMES[role]}字体", "", "TrueType 字体 (*.ttf *.ttc);;所有文件 (*)"
        )
        if name:
            self.set_font_file(role, Path(name))

    def _reset(self) -> None:
        self._fonts.clear()
        self.bundled_only.setChecked(False)
        self._refresh()

    def _refresh(self) -> None:
        faces = choose_faces(self._fonts, system=not self.bundled_only.isChecked())
        for role, label in self._labels.items():
            label.setText(faces[role].describe())
