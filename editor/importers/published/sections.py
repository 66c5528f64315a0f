"""The report's six sections, found by their titles and the variants seen on real reports."""

from __future__ import annotations

from dataclasses import dataclass

from editor.domain.checks import Finding
from editor.domain.forms import FormDef
from editor.importers.labels import MATCH_THRESHOLD, label_score, normalise_label
from editor.importers.published.locate import LetterIndex

# Wordings of the section titles seen in real reports besides the official one (older formats).
TITLE_ALIASES: dict[str, tuple[str, ...]] = {
    "overview": ("概述", "总体情况"),
    "proactive": ("主动公开政府信息的情况", "主动公开政府信息情况"),
    "requests": ("收到和处理政府信息公开申请的情况", "依申请公开政府信息情况"),
    "appeals": (
        "因政府信息公开申请提起行政复议、行政诉讼的情况",
        "政府信息公开行政复议、行政诉讼的情况",
    ),
    "problems": ("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进措施"),
    "other": ("其他需要报告的事项",),
}
# The window after a "四、" in which a variant title is looked for.
_WINDOW = 40


@dataclass(frozen=True)
class Section:
    key: str
    title_start: int  # text positions
    body_start: int
    end: int  # where the next section (or the text) begins


def find_sections(
    index: LetterIndex, form: FormDef, start: int, findings: list[Finding]
) -> dict[str, Section]:
    """Sections in order; a title found only as a variant is reported as `label.variant`."""
    letters = index.letters
    cursor = index.letter_at(start)
    spans: list[tuple[str, int, int]] = []  # key, letter start, letter end
    for section in form.sections:
        needle = normalise_label(section.title)
        at = index.find(needle, cursor)
        if at >= 0:
            spans.append((section.key, at, at + len(needle)))
            cursor = at + len(needle)
            continue
        found = _variant(letters, cursor, section.title, TITLE_ALIASES.get(section.key, ()))
        if found is None:
            continue
        at, end, wording = found
        spans.append((section.key, at, end))
        cursor = end
        findings.append(
            Finding(
                "label.variant",
                f"标题“{wording}”与官方格式“{section.title}”不一致",
                expected=section.title,
                actual=wording,
            )
        )
    out: dict[str, Section] = {}
    for i, (key, at, end) in enumerate(spans):
        stop = index.pos(spans[i + 1][1]) if i + 1 < len(spans) else len(index.text)
        out[key] = Section(key, index.pos(at), index.end_pos(end), stop)
    return out


def _variant(
    letters: str, cursor: int, title: str, aliases: tuple[str, ...]
) -> tuple[int, int, str] | None:
    """The best "<numeral>、…" heading after `cursor` that reads as `title` or an alias."""
    numeral = normalise_label(title)[0]
    best: tuple[float, int, int] | None = None
    at = letters.find(numeral + "、", cursor)
    while at >= 0:
        window = letters[at : at + _WINDOW]
        for wording in (title, *(numeral + "、" + a for a in aliases)):
            size = len(normalise_label(wording))
            for length in range(max(3, size - 3), size + 4):
                score = label_score(wording, window[:length])
                if best is None or score > best[0]:
                    best = (score, at, at + length)
        at = letters.find(numeral + "、", at + 1)
    if best is None or best[0] < MATCH_THRESHOLD:
        return None
    _score, start, end = best
    return start, end, letters[start:end]
