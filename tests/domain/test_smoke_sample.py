"""The shipped sample loads and is consistent."""

from editor.domain.checks import check_report


def test_sample_loads_and_has_no_findings(sample_report) -> None:  # type: ignore[no-untyped-def]
    assert check_report(sample_report) == []
