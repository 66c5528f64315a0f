"""How fast the checks are: one report in-process (and one started from last year, which runs the
rules against last year too), the first check of reports with long prose against last year's,
a recheck after one keystroke, and `nianbao check` over 1,000 files.

Baselines, measured in the same run: `json.load` of the same files (in-process and as a process);
for a check against last year, the same report checked without last year (every text cache
emptied before each run of either): the check without the rules against last year (text.period,
which needs no last year, runs in both). The first-check cases: the 平潭 chain
(../shared/samples, or NIANBAO_SAMPLES; each year imported and checked against the year before)
and generated reports of 5 and 10 KB of prose per section, rewritten, copied (numbers changed) or
partly copied (some sentences kept, some with a word changed, the rest new).
Run: python benchmarks/check_speed.py
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from editor.cli import main as cli_main
from editor.domain.checks import check_report
from editor.domain.forms import CellRef
from editor.domain.model import Report
from editor.domain.storage import load_report, save_report
from editor.importers.last_year import new_from_last_year

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"
FILES = 1000
# ../shared/samples beside the clone or a worktree, or NIANBAO_SAMPLES (as for the tests).
SAMPLES = (
    Path(os.environ["NIANBAO_SAMPLES"])
    if os.environ.get("NIANBAO_SAMPLES")
    else next(
        (
            p / "shared" / "samples"
            for p in (ROOT.parent, ROOT.parent.parent)
            if (p / "shared" / "samples").is_dir()
        ),
        ROOT.parent / "shared" / "samples",
    )
)


def _best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def one_report() -> None:
    report = load_report(SAMPLE)
    runs = []
    for _ in range(2000):
        start = time.perf_counter()
        check_report(report)
        runs.append(time.perf_counter() - start)
    print(
        f"check_report, one report: median {statistics.median(runs) * 1e6:.0f} µs, "
        f"min {min(runs) * 1e6:.0f} µs (goal < 1000 µs)"
    )


def started_from_last_year() -> None:
    """A report started from the sample (last year's prose and values kept, so every rule against
    last year runs), with a claim of change in its prose: as rechecked after each keystroke (the
    text caches warm) and as checked the first time (every cache emptied before each run)."""
    report = new_from_last_year(SAMPLE, 2024).report
    report.set_values({ref: value for ref, value in load_report(SAMPLE).filled_cells()})
    report.prose["overview.requests"] = "本年度共收到政府信息公开申请27件，同比增长50%。"
    rules = {f.rule for f in check_report(report)}
    assert {"prose.last_year", "text.change"} <= rules, rules
    warm, cold = [], []
    for _ in range(500):
        start = time.perf_counter()
        check_report(report)
        warm.append(time.perf_counter() - start)
    for _ in range(100):
        _clear_text_caches()
        start = time.perf_counter()
        check_report(report)
        cold.append(time.perf_counter() - start)
    print(
        f"check_report, report started from last year: rechecked median "
        f"{statistics.median(warm) * 1e6:.0f} µs (min {min(warm) * 1e6:.0f}); first check "
        f"(caches empty) median {statistics.median(cold) * 1e6:.0f} µs "
        f"(min {min(cold) * 1e6:.0f}) (goal < 2000 µs)"
    )


def _clear_text_caches() -> None:
    """Empty every cache the text rules keep (every lru_cache of their modules), as when a report
    is checked for the first time."""
    from editor.domain.checks import text_period
    from editor.domain.checks.text import changes, claims, similarity

    for module in (claims, changes, similarity, text_period):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _first_check(report: Report, previous: Report | None = None, runs: int = 60) -> list[float]:
    times = []
    for _ in range(runs):
        _clear_text_caches()
        start = time.perf_counter()
        check_report(report, previous)
        times.append(time.perf_counter() - start)
    return times


def _without_last_year(report: Report) -> Report:
    bare = copy.deepcopy(report)
    bare.previous, bare.previous_form, bare.previous_prose = None, None, {}
    return bare


def _line(label: str, ours: list[float], base: list[float], chars: int) -> None:
    med, base_med = statistics.median(ours), statistics.median(base)
    print(
        f"  {label:<28} {chars:>6} chars: first check median {med * 1e3:5.2f} ms "
        f"(min {min(ours) * 1e3:5.2f}), without last year {base_med * 1e3:5.2f} ms, "
        f"ratio {med / base_med:.1f}× (goal < 2 ms)"
    )


def pingtan_chain() -> None:
    """Each year of the 平潭 chain checked the first time against the year before."""
    if not (SAMPLES / "pingtan-2019.txt").is_file():
        print(f"平潭 chain: {SAMPLES} has no pingtan-*.txt, skipped")
        return
    from editor.importers.published import import_published

    years = {y: import_published(SAMPLES / f"pingtan-{y}.txt").report for y in range(2019, 2026)}
    print("first check against last year, the 平潭 chain (check --previous):")
    for year in range(2020, 2026):
        report, previous = years[year], years[year - 1]
        base, ours = [], []
        for _ in range(3):  # interleaved, so a change in the machine's load hits both alike
            base += _first_check(report, None, 20)
            ours += _first_check(report, previous, 20)
        _line(f"{year} against {year - 1}", ours, base, _prose_chars(report))


# Words of the reports' prose, from which sentences are made: each report alike in vocabulary,
# the hardest case for telling a rewritten sentence from a copied one.
_WORDS = (  # noqa: SIM905 (120 words read better as text than as a list)
    "政府信息公开 主动公开 依申请公开 政策解读 政务公开 办理答复 规范化 标准化 门户网站 "
    "政务新媒体 信息发布 审核机制 保密审查 工作人员 业务培训 考核评估 社会关切 回应 群众 企业 "
    "营商环境 重点领域 财政预决算 行政许可 行政处罚 公共资源配置 重大建设项目 社会公益事业 "
    "民生 专栏 目录 制度 机制 平台 建设 管理 监督 保障 落实 推进 加强 完善 健全 开展 持续 "
    "进一步 深化 优化 提升 全面 及时 准确 规范 有效 依法 全年 我区 区政府 各部门 各乡镇 街道 "
    "政府办 领导小组 年度报告 意见建议 答复期限 公开指南 政策文件 解读材料 图解 视频 访谈 "
    "新闻发布会 热线 留言 办件 网上办 一网通办 数据开放 政府数据 档案 公文 规范性文件 清理 "
    "动态更新 栏目 浏览量 满意度 问题 不足 短板 差距 整改 改进 措施 下一步 工作要求 条例 实施 "
    "宣传 培训班 乡村振兴 疫情防控 安全生产 生态环境 教育 医疗 养老 就业 社会保障 住房 交通 "
    "水利 农业农村 应急管理"
).split()
_COUNTS = (
    "共收到申请{}件",
    "发布信息{}条",
    "组织培训{}次",
    "参训{}人次",
    "办结{}件",
    "更新{}个栏目",
)


def _sentence(rng: random.Random) -> str:
    clauses = []
    for _ in range(rng.randint(2, 4)):
        clause = "".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.3:
            clause += rng.choice(_COUNTS).format(rng.randint(2, 900))
        clauses.append(clause)
    return "，".join(clauses) + "。"


def _renumbered(sentence: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randint(2, 900)), sentence)


def _one_word_changed(sentence: str, rng: random.Random) -> str:
    words = [w for w in _WORDS if w in sentence]
    return sentence.replace(rng.choice(words), rng.choice(_WORDS), 1) if words else sentence


def _section_sentences(rng: random.Random, kb: int, kind: str) -> tuple[list[str], list[str]]:
    """(this year, last year) of one section, as sentences, each about `kb` KB (UTF-8)."""
    last: list[str] = []
    this: list[str] = []
    while len("".join(last).encode()) < kb * 1024:
        sentence = _sentence(rng)
        last.append(sentence)
        draw = rng.random()
        if kind == "copied" or (kind == "partly copied" and draw < 0.4):
            this.append(_renumbered(sentence, rng))
        elif kind == "partly copied" and draw < 0.6:
            this.append(_renumbered(_one_word_changed(sentence, rng), rng))
        else:
            this.append(_sentence(rng))
    return this, last


def long_report(kb: int, kind: str, seed: int = 1) -> Report:
    """The sample with generated prose: `kb` KB in each of the form's six sections (section 一's
    spread over its fields, whole sentences each), last year's kept as a report started from
    last year keeps it."""
    rng = random.Random(seed)
    report = load_report(SAMPLE)
    report.meta.year = 2024
    report.previous = load_report(SAMPLE).tables
    report.prose, report.previous_prose = {}, {}
    for section in report.form.sections:
        fields = [f.key for f in section.prose]
        this, last = _section_sentences(rng, kb, kind)
        for i, key in enumerate(fields):  # section 一: one share of the sentences per field
            report.prose[key] = "".join(this[i :: len(fields)])
            report.previous_prose[key] = "".join(last[i :: len(fields)])
    return report


def long_reports() -> None:
    print("first check against last year, generated long prose (report started from last year):")
    for kb in (5, 10):
        for kind in ("rewritten", "copied", "partly copied"):
            report = long_report(kb, kind)
            bare = _without_last_year(report)
            base, ours = [], []
            for _ in range(3):
                base += _first_check(bare, None, 10)
                ours += _first_check(report, None, 10)
            _line(f"{kb} KB/section, {kind}", ours, base, _prose_chars(report))


def keystroke() -> None:
    """The window rechecks after each keystroke: one character typed into the middle of the
    longest prose field, checked warm (as the window does), each run a new text. Baseline: the
    same report rechecked right after, nothing changed."""
    print("recheck after one keystroke in the longest prose field:")
    cases = [
        (f"{kb} KB/section, {kind}", long_report(kb, kind))
        for kb, kind in ((10, "rewritten"), (10, "partly copied"))
    ]
    if (SAMPLES / "pingtan-2019.txt").is_file():
        from editor.importers.published import import_published

        # As in the window: 2020's report started from 2019's, then written as published.
        started = new_from_last_year(SAMPLES / "pingtan-2019.txt", 2020).report
        started.prose = dict(import_published(SAMPLES / "pingtan-2020.txt").report.prose)
        cases.insert(0, ("平潭 2020 started from 2019", started))
    for label, report in cases:
        key = max(report.prose, key=lambda k: len(report.prose[k]))
        text = report.prose[key]
        check_report(report)
        typed, unchanged = [], []
        for i in range(200):
            at = len(text) // 4 + i * 7
            report.prose[key] = text[:at] + "改" + text[at:]
            start = time.perf_counter()
            check_report(report)
            typed.append(time.perf_counter() - start)
            start = time.perf_counter()
            check_report(report)
            unchanged.append(time.perf_counter() - start)
        report.prose[key] = text
        print(
            f"  {label}, field of {len(text)} chars: recheck median "
            f"{statistics.median(typed) * 1e3:.2f} ms (max {max(typed) * 1e3:.2f}); "
            f"nothing changed {statistics.median(unchanged) * 1e3:.2f} ms"
        )


def _prose_chars(report: Report) -> int:
    return sum(len(t) for t in report.prose.values())


def many_files(folder: Path) -> None:
    report = load_report(SAMPLE)
    for i in range(FILES):
        # Vary a value so files differ; every tenth one has a broken total.
        report.set(CellRef("requests", "received", "natural"), 27 + (i % 10 == 0))
        save_report(report, folder / f"dept{i:04d}.nianbao")
    files = sorted(folder.glob("*.nianbao"))

    def bare_json() -> None:
        for f in files:
            with f.open(encoding="utf-8") as fh:
                json.load(fh)

    def nianbao_check() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            cli_main(["check", str(folder)])

    base = _best(bare_json, 5)
    ours = _best(nianbao_check, 5)
    print(
        f"in-process, {FILES} files: json.load {base * 1e3:.0f} ms, nianbao check "
        f"{ours * 1e3:.0f} ms, ratio {ours / base:.1f}×"
    )

    script = (
        "import json,sys,pathlib\n"
        "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.nianbao')):\n"
        "    json.load(open(f, encoding='utf-8'))\n"
    )
    base_cmd = [sys.executable, "-c", script, str(folder)]
    ours_cmd = [sys.executable, "-m", "editor.cli", "check", str(folder)]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)

    base_p = _best(lambda: run(base_cmd), 3)
    ours_p = _best(lambda: run(ours_cmd), 3)
    print(
        f"as processes, {FILES} files: python json.load {base_p * 1e3:.0f} ms, "
        f"nianbao check {ours_p * 1e3:.0f} ms, ratio {ours_p / base_p:.1f}× (goal ≤ 3×)"
    )


def all_files() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        many_files(Path(tmp))


PARTS = {
    "one": one_report,
    "started": started_from_last_year,
    "pingtan": pingtan_chain,
    "long": long_reports,
    "keystroke": keystroke,
    "files": all_files,
}

if __name__ == "__main__":
    # python benchmarks/check_speed.py [part …]: only those parts (names above); all by default.
    for name in sys.argv[1:] or PARTS:
        PARTS[name]()
