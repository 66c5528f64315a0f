"""Before export and print: asks when last year's content is still in the report.

Copied prose (`prose.last_year`) or a statistical period of another year (`text.period`) in a
report that goes out is what the superior offices mark down as 内容雷同. The question names each
place; 返回修改 (the default) goes to the first of them, 仍然… goes on.

The window's export and print entry points each carry one line, `@asks_about_last_year("导出
PDF")`, so the question is asked before anything else happens, whatever those functions become.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from PySide6.QtWidgets import QMessageBox

from editor.domain.checks import Finding
from editor.domain.forms import FormDef
from editor.ui.copied_prose import LEFTOVER_RULES

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

Method = TypeVar("Method", bound=Callable[..., Any])
GO_BACK = "返回修改"
_SHOWN = 8  # places listed; more are counted


def asks_about_last_year(action: str) -> Callable[[Method], Method]:
    """Decorates a method of an object with a `window` (MainWindow): the method runs only when
    nothing of last year's is left or the clerk chooses to go on."""

    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        def asked_first(self: Any, *args: Any, **kwargs: Any) -> Any:
            if _go_on(self.window, action):
                return method(self, *args, **kwargs)
            return None

        return cast(Method, asked_first)

    return decorate


def _go_on(window: MainWindow, action: str) -> bool:
    document = window.document
    if document is None:
        return True
    order = {field.key: i for i, field in enumerate(document.form.prose_fields)}
    leftovers = sorted(
        (f for f in document.findings if f.rule in LEFTOVER_RULES),
        key=lambda f: (order.get(f.span.prose, len(order)), f.span.start) if f.span else (0, 0),
    )
    if not leftovers:
        return True
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{action}：报告中仍有上年的内容")
    box.setText(
        f"报告中仍有 {len(leftovers)} 处上年的内容。上级评议会把与上年雷同的报告"
        "（内容雷同）或写错年份的报告指出来。"
    )
    box.setInformativeText(_places(document.form, leftovers) + f"\n\n建议先改写，再{action}。")
    back = box.addButton(GO_BACK, QMessageBox.ButtonRole.RejectRole)
    box.addButton(f"仍然{action}", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    if box.clickedButton() is back:
        window.go_to_finding(leftovers[0])
        return False
    return True


def _places(form: FormDef, findings: list[Finding]) -> str:
    lines = [f"· {_place(form, f)}：{_short(f)}" for f in findings[:_SHOWN]]
    if len(findings) > _SHOWN:
        lines.append(f"…另有 {len(findings) - _SHOWN} 处")
    return "\n".join(lines)


def _place(form: FormDef, finding: Finding) -> str:
    """The prose field in the clerk's words: "一、总体情况·（一）主动公开", "开头语"."""
    key = finding.span.prose if finding.span is not None else ""
    for section in form.sections:
        for field in section.prose:
            if field.key == key:
                return section.title + (f"·{field.heading}" if field.heading else "")
    return "开头语" if key == form.opening.key else "正文"


def _short(finding: Finding) -> str:
    if finding.rule == "text.period":
        what = "统计期限" if "统计期限" in finding.message else "报告年度"
        return f"{what}写的是 {finding.actual} 年，本报告为 {finding.expected} 年度"
    return f"与上年报告重复 {finding.actual}%"
