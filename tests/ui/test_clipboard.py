"""Clipboard formats of Excel, WPS and web pages."""

from __future__ import annotations

from editor.ui.clipboard import parse_html_table, parse_tsv, to_html, to_tsv


def test_clipboard_tsv_round_trip_with_quotes() -> None:
    grid = [["1", "a\tb"], ['say "x"', ""]]
    assert parse_tsv(to_tsv(grid)) == grid


def test_clipboard_tsv_from_excel_windows_line_ends() -> None:
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]


def test_clipboard_html_excel_fragment_with_colspan() -> None:
    html = (
        "<html><body><!--StartFragment--><table><col width=64>"
        "<tr height=19><td class=xl65 colspan=2>1,234</td><td>5</td></tr>"
        "<tr><td>6<br>7</td><td>&nbsp;</td><td>８</td></tr></table><!--EndFragment--></body></html>"
    )
    assert parse_html_table(html) == [["1,234", "", "5"], ["6 7", "", "８"]]


def test_clipboard_html_without_table_is_none() -> None:
    assert parse_html_table("<p>12</p>") is None


def test_clipboard_html_written_with_spans_reads_back() -> None:
    html = to_html([["a", ""], ["1", "2"]], {(0, 0): (1, 2)})
    assert "colspan=2" in html
    assert parse_html_table(html) == [["a", ""], ["1", "2"]]
