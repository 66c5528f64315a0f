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


@pytest.fixture(scope="session")
def hostile_seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Sound files of every format, for the hostile-file tests to start from (tests/hostile)."""
    from tests.hostile.seeds import build_seeds

    return build_seeds(tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def _hostile_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture
def hostile_file(hostile_seeds: dict[str, Path], _hostile_cache: Path):  # type: ignore[no-untyped-def]
    """The hand-made hostile file of that name (tests/hostile/files.py), built once a session;
    tests only read it."""
    from tests.hostile.files import CASES

    def build(name: str) -> Path:
        path = _hostile_cache / name
        if not (path.exists() or path.is_symlink()):
            case = next(c for c in CASES if c.name == name)
            case.build(path, hostile_seeds)
        return path

    return build
