"""The progress callback of long operations (import, export); the UI shows it, the CLI not."""

from __future__ import annotations

from collections.abc import Callable

# progress(fraction_done 0.0–1.0, what is being done now in Chinese)
Progress = Callable[[float, str], None]


def no_progress(_fraction: float, _what: str) -> None:
    """The default: report nothing."""
