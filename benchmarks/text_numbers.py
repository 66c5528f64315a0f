"""How fast `text.numbers` is, against the rest of `check_report` measured in the same run.

Three cases per report: tables edited (prose unchanged: parses come from the cache), a
keystroke in the longest prose field the rule reads (one sentence of it is reparsed), and a
cold start (every field reparsed). Reports: the longting sample, and huaian 2024 (the longest
section 一 of the samples) built as in tests/domain/test_text_numbers_samples.py.
Run: python benchmarks/text_numbers.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.domain.checks import check_report  # noqa: E402
from editor.domain.checks.text.claims import _sentence_claims, read_claims  # noqa: E402
from editor.domain.checks.text_numbers import check_text_numbers, prose_keys  # noqa: E402
from editor.domain.model import Report  # noqa: E402
from editor.domain.storage import load_report  # noqa: E402

RUNS = 2000


def _median_us(fn: Callable[[], object], setup: Callable[[], object] | None = None) -> float:
    runs = []
    for _ in range(RUNS):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1e6


def _reports() -> dict[str, Report]:
    reports = {"longting-2023": load_report(ROOT / "resources/examples/longting-2023.nianbao")}
    try:
        from tests.domain.test_text_numbers_samples import build_sample

        reports["huaian-2024"] = build_sample("huaian-2024")
    except (ImportError, OSError) as e:  # the shared samples are not on every machine
        print(f"(huaian-2024 skipped: {e})")
    return reports


def measure(name: str, report: Report) -> None:
    form = report.form
    read = {key for key, _ in prose_keys(form)}
    longest = max(read & set(report.prose), key=lambda k: len(report.prose[k]))
    original = report.prose[longest]
    chars = sum(len(t) for t in report.prose.values())

    def rule() -> None:
        list(check_text_numbers(report, form))

    whole = _median_us(lambda: check_report(report))
    warm = _median_us(rule)
    rest = whole - warm

    counter = [0]

    def keystroke() -> None:
        # A new character in the longest field: a text the cache has not seen.
        counter[0] += 1
        pos = counter[0] % len(original)
        report.prose[longest] = (
            original[:pos] + "字" * (1 + counter[0] // len(original)) + (original[pos:])
        )

    typed = _median_us(rule, keystroke)
    report.prose[longest] = original

    def forget() -> None:
        read_claims.cache_clear()
        _sentence_claims.cache_clear()

    cold = _median_us(rule, forget)
    print(
        f"{name} ({chars} prose characters, longest field '{longest}' {len(original)}):\n"
        f"  check_report without text.numbers: {rest:7.0f} µs (baseline)\n"
        f"  text.numbers, tables edited:        {warm:7.0f} µs  ratio {warm / rest:5.2f}×\n"
        f"  text.numbers, keystroke in prose:   {typed:7.0f} µs  ratio {typed / rest:5.2f}×\n"
        f"  text.numbers, cold (no cache):      {cold:7.0f} µs  ratio {cold / rest:5.2f}×"
    )


if __name__ == "__main__":
    for name, report in _reports().items():
        measure(name, report)
