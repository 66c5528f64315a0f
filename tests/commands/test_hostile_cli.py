"""Every hand-made hostile file (tests/hostile/files.py: one per cause in the issue) through the
real command line, each run in a child process measured for time and memory: exit 0/1/2, no
traceback, under 30 s and 1 GB, messages in Chinese; what an import writes, the loader opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.domain.storage import load_report
from tests.hostile.cli_runner import RunnerClient
from tests.hostile.commands import commands_for
from tests.hostile.files import CASES, GBK_NAME
from tests.hostile.judge import problems

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="forks")

# What each case must come to, where the guards decide it: read (what could not be taken left
# for the clerk), or refused. The others depend on what the parser of published reports makes
# of a damaged text; for them the bounds and the message are what is tested.
READ = {
    f"{GBK_NAME}.nianbao",
    f"{GBK_NAME}.xlsx",
    "control-chars.nianbao",
    "surrogates.nianbao",
    "prose-numerals.nianbao",
    "marker-flagged-bad.xlsx",
    "marker-garbage.xlsx",
    "marker-previous-nan.xlsx",
    "name-whole-sheet.xlsx",
    "title-1999.xlsx",
    "negative-cell.docx",
    "gridspan-63-everywhere.docx",
    "rows-45k.txt",
    "text-900k-chars.txt",
}
PARSER_DECIDES = {
    "charset-bogus.html",
    "organ-huge.txt",
    "utf16-odd.txt",
    "year-header-huge.txt",
    "run-spaces-900k.txt",
    "run-one-char-900k.txt",
    "run-dots-500k.txt",
    "run-numbering-300k.txt",
    "vmerge-chain.docx",
    "folder.nianbao",  # `check FOLDER` checks the reports in it: none
}
# The PDF of three paragraphs at the length limit takes seconds to lay out; the campaign
# (scripts/hostile_campaign.py) measures it, the suite does not wait for it.
CAMPAIGN_ONLY = {("prose-numerals.nianbao", ".pdf"), ("prose-numerals.nianbao", ".docx")}


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunnerClient]:
    client = RunnerClient(tmp_path_factory.mktemp("runner"))
    yield client
    client.close()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.encode("utf-8", "replace").decode())
def test_hostile_cli_each_cause_gets_a_message_within_bounds(
    case,  # type: ignore[no-untyped-def]
    runner: RunnerClient,
    hostile_file,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = hostile_file(case.name)
    # Reading is what the guards bound: import, or check for a report file (`new --from` reads
    # through the same entry points). A report the loader accepts is exported too.
    commands = commands_for(path, tmp_path)
    if case.name in READ and path.suffix == ".nianbao":
        commands = commands[:5]
    for argv in commands[:1] if case.name not in READ else commands[:5]:
        if (case.name, Path(argv[-1]).suffix) in CAMPAIGN_ONLY:
            continue
        result = runner.run(argv, tmp_path)
        assert problems(result, names=[str(path), case.name, *argv]) == [], (
            argv,
            result.code,
            result.stderr[-2000:],
        )
        command = argv[1]
        if command in ("import", "check") and case.name not in PARSER_DECIDES:
            expected = (0, 1) if case.name in READ else (2,)
            assert result.code in expected, (case.cause, result.stderr[-500:])
        if command == "import" and result.code == 0:
            load_report(Path(argv[-1]))  # the importer never writes what the loader refuses


def test_hostile_cli_one_review_of_every_hostile_file_at_once(
    runner: RunnerClient,
    hostile_file,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """What a collecting office does with a folder of mailed files: every file a row, one run."""
    paths = [hostile_file(case.name) for case in CASES]
    out = tmp_path / "审核结果.xlsx"
    argv = ["review", *map(str, paths), "-o", str(out), "-j", "2"]
    result = runner.run(argv, tmp_path, timeout=600)
    found = [p for p in problems(result, names=argv) if not p.startswith("took")]
    assert found == [], result.stdout[-3000:] + result.stderr[-3000:]
    assert result.code == 2  # some files cannot be read; the review still completes
    assert out.exists()
