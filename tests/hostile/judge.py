"""What a run on a bad file must be: an exit code, no traceback, bounded time and memory, and
messages in Chinese (no English words, no exception class names, no inf/nan)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tests.hostile.cli_runner import RunResult

EXIT_CODES = frozenset({0, 1, 2})
MAX_SECONDS = 30.0
MAX_RSS_MB = 1024.0

# Latin words a Chinese message may contain: product and format names, units, options.
ALLOWED_WORDS = frozenset(
    w.lower()
    for w in (
        *["Excel", "WPS", "Word", "PDF", "MB", "KB", "XML", "DTD", "FIFO", "UTF", "GBK"],
        *["xlsx", "xls", "docx", "doc", "pdf", "txt", "text", "html", "htm", "nianbao"],
        *["force", "year", "draft", "verbose", "off", "on", "from"],
    )
)
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|‘[^’]*’|\"[^\"]*\"")
_RULE_ID = re.compile(r"\([a-z_0-9]+(?:\.[a-z_0-9]+)+\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_A_NUMBER = re.compile(r"(?<![A-Za-z])(?:inf|infinity|nan)(?![A-Za-z])", re.IGNORECASE)


def _without_names(text: str, names: Iterable[str]) -> str:
    # Only file names and paths: callers pass the whole argv, and removing "-o" or "2" from the
    # text cut a progress line's "…/run-one-char-900k.txt" into "run ne-char-900k.txt", whose
    # "ne char" then counted as English (a review test failed when that file finished last).
    for name in sorted(names, key=len, reverse=True):
        if name and ("/" in name or "." in name) and not name.startswith("-"):
            text = text.replace(name, " ")
    return text


def without_details(text: str) -> str:
    """The text as the clerk sees it without --verbose: "详情：" blocks (and what follows them in
    the same message) removed."""
    keep: list[str] = []
    skipping = False
    for line in text.splitlines():
        if line.startswith("详情："):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t", "Traceback")) or not _CJK.search(line)):
            continue
        skipping = False
        keep.append(line)
    return "\n".join(keep)


def foreign_words(text: str, names: Iterable[str] = ()) -> list[str]:
    """Latin words in `text` that are not allowed (file names and quoted input are removed)."""
    text = _without_names(text, names)
    text = _RULE_ID.sub(" ", _QUOTED.sub(" ", text))
    text = re.sub(r"[^\s：，。（）“”]*[\\/][^\s：，。（）“”]*", " ", text)  # paths, whole or cut
    text = re.sub(r"…\S*", " ", text)  # a name cut from the left to fit a progress line
    text = re.sub(r"--[a-z-]+", " ", text)
    text = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+", " ", text)  # e-mail, web
    return [w for w in _WORD.findall(text) if w.lower() not in ALLOWED_WORDS]


def problems(result: RunResult, names: Iterable[str] = ()) -> list[str]:
    """Everything wrong with one run; empty when it behaved."""
    names = list(names)
    found: list[str] = []
    if result.timed_out or result.seconds > MAX_SECONDS:
        found.append(f"took {result.seconds:.1f} s")
    if result.max_rss_mb > MAX_RSS_MB:
        found.append(f"used {result.max_rss_mb:.0f} MB")
    if result.code not in EXIT_CODES:
        found.append(f"exit code {result.code}")
    if "Traceback (most recent call last)" in result.stderr + result.stdout:
        found.append("traceback")
    if "MemoryError" in result.stderr:
        found.append("hit the memory safety cap")
    shown = without_details(result.stderr) + "\n" + without_details(result.stdout)
    if result.code == 2 and not _CJK.search(shown):  # batch commands report on stdout
        found.append("exit 2 without a Chinese message")
    if _NOT_A_NUMBER.search(_QUOTED.sub(" ", _without_names(shown, names))):  # quoted: the file's
        found.append("inf or nan in the message")
    words = foreign_words(shown, names)
    if words:
        found.append("English in the message: " + " ".join(sorted(set(words))[:8]))
    return found
