"""Chinese line-breaking rules (标点禁则) for reportlab's CJK wrapping.

A mark that closes or ends something may not begin a line (GB/T 15834-2011 标点符号用法:
句号、逗号、顿号、分号、冒号、问号、叹号、后引号、后括号、后书名号 and the ellipsis are not
placed at the start of a line). reportlab's CJK wrapping follows such a list (a character on it
that would start the next line hangs at the end of this one), but its list is the Japanese one:
it lacks the Chinese full-width comma, semicolon, colon, question and exclamation marks, the
closing quotes ” ’, the closing 》 〉 and the ellipsis, so printed reports had lines starting
with "，" and "”".

reportlab has no setting for the list: both of its CJK wrappers read it from a module global at
every wrap, so the missing marks are added to those globals once, before any layout.
"""

from __future__ import annotations

import reportlab.lib.textsplit as _textsplit
import reportlab.platypus.paragraph as _paragraph

# Closing and ending marks, full-width and ASCII, that may not begin a line.
CANNOT_START_LINE = "，。、；：！？）》〉」』】〕］｝”’…%‰℃,.;:!?)]}"


def install_chinese_line_breaking() -> None:
    """Adds the marks reportlab's list lacks to both of its wrappers (idempotent)."""
    for module in (_textsplit, _paragraph):
        known: str = getattr(module, "ALL_CANNOT_START")  # noqa: B009 - untyped library global
        missing = "".join(ch for ch in CANNOT_START_LINE if ch not in known)
        if missing:
            setattr(module, "ALL_CANNOT_START", known + missing)  # noqa: B010
