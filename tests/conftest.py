"""Shared test setup: Qt runs offscreen, and paths to the project's sample and shared samples."""

from __future__ import annotations

import os
from pathlib import Path

# Must be set before any PySide6 import, so tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"
# ../shared/samples beside the repository; NIANBAO_SAMPLES names it where the checkout lies
# elsewhere (a git worktree).
SHARED_SAMPLES = Path(os.environ.get("NIANBAO_SAMPLES") or ROOT.parent / "shared" / "samples")


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_report():  # type: ignore[no-untyped-def]
    from editor.domain.storage import load_report

    return load_report(SAMPLE)


@pytest.fixture(scope="session")
def pile(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A collecting office's folder of reports in every format (tests/batch/pile.py), made once."""
    from tests.batch.pile import make_pile

    return make_pile(tmp_path_factory.mktemp("pile") / "收集的年报")
