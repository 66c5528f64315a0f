"""The property: a random consistent report, published in any variant and imported back, gives
back every cell as printed or flags it — never a wrong number, never an invented error.

CI runs a small deterministic budget; `NIANBAO_VARIANT_EXAMPLES=300 python3 -m pytest
tests/importers/test_published_variants_property.py` explores further with random examples.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.domain.checks import check_report
from editor.domain.forms import FormVersion
from tests.published_variants import (
    TITLES,
    Style,
    assumed_cells,
    available,
    check_cells,
    publish,
    sample_report,
)

EXAMPLES = int(os.environ.get("NIANBAO_VARIANT_EXAMPLES", "0"))


@st.composite
def variants(draw: st.DrawFn) -> tuple[FormVersion, int, dict[str, object], str, Style, bool]:
    version = draw(st.sampled_from([FormVersion.V2021, FormVersion.V2021, FormVersion.V2019]))
    seed = draw(st.integers(0, 10_000))
    shape = {
        "zero_share": draw(st.sampled_from([None, 0.3, 0.7, 0.9])),
        "high": draw(st.sampled_from([9, 99, 999])),
    }
    medium = draw(st.sampled_from(available()))
    zeros = "0" if medium == "crawl" else draw(st.sampled_from(["0", "", "/", "—"]))
    style = Style(
        zeros=zeros,
        full_width=draw(st.booleans()),
        stray_slash=draw(st.booleans()),
        other_as_one_row=version is FormVersion.V2021 and draw(st.booleans()),
        title=draw(st.integers(0, len(TITLES) - 1)),
        period=draw(st.booleans()),
    )
    broken = medium.startswith(("pdf", "layout")) and draw(st.booleans())
    return version, seed, shape, medium, style, broken


@settings(
    max_examples=EXAMPLES or 20,
    derandomize=not EXAMPLES,  # CI: the same examples every run
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(variants())
def test_import_published_any_variant_reads_right_or_flags(
    variant: tuple[FormVersion, int, dict[str, object], str, Style, bool],
) -> None:
    version, seed, shape, medium, style, broken = variant
    report = sample_report(version, seed, **shape)
    with tempfile.TemporaryDirectory() as folder:
        result, expected = publish(report, style, medium, Path(folder), broken_table=broken)
    check = check_cells(result, expected)
    assert check.wrong == [], check.wrong
    assert check.missing == [], check.missing
    assert result.report.meta.year == report.meta.year
    # Every cell imported blank and not left to the clerk is in the report as a blank kept.
    imported = result.report
    blanks = {r for r in imported.form.cells if imported.get(r) is None} - set(check.flagged)
    assert blanks <= assumed_cells(result)
    assert not [f.message for f in check_report(result.report) if f.is_error]
