"""The Word export opened with python-docx: page, styles and fonts, tables with their merges and
repeated header rows, the page-number field, 落款, draft mark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import Report
from editor.domain.values import format_value
from editor.exporters.docx_export import export_docx, render_docx_bytes
from editor.exporters.draft import DRAFT_MARK
from editor.exporters.outline import DATE_BLANK
from tests.factories import consistent_report

REPORTS = ["sample", "filled-2021", "filled-2019"]


def _report(which: str, sample: Report) -> Report:
    if which == "sample":
        return sample
    return consistent_report(FormVersion.V2021 if which == "filled-2021" else FormVersion.V2019)


def _open(report: Report, tmp_path: Path, draft: bool | None = None) -> Any:
    path = tmp_path / "report.docx"
    export_docx(report, path, draft)
    return Document(str(path))


def _val(element: Any, tag: str, attr: str = "val") -> str | None:
    found = element.find(qn(f"w:{tag}"))
    return None if found is None else found.get(qn(f"w:{attr}"))


def _style(document: Any, style_id: str) -> Any:
    styles = document.styles.element
    return next(s for s in styles.iterchildren(qn("w:style")) if s.get(qn("w:styleId")) == style_id)


def _east_asia(style: Any) -> str | None:
    fonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_docx_page_is_a4_with_the_gbt_margins(sample_report: Report, tmp_path: Path) -> None:
    section = _open(sample_report, tmp_path).sections[0]
    measured = {
        "width": section.page_width.mm,
        "height": section.page_height.mm,
        "top": section.top_margin.mm,
        "left": section.left_margin.mm,
        "bottom": section.bottom_margin.mm,
        "right": section.right_margin.mm,
    }
    expected = {"width": 210, "height": 297, "top": 37, "left": 28, "bottom": 35, "right": 26}
    assert measured == pytest.approx(expected, abs=0.1)


def test_docx_styles_name_the_gbt_faces_and_sizes(sample_report: Report, tmp_path: Path) -> None:
    document = _open(sample_report, tmp_path)
    faces = {
        "Normal": ("仿宋", 16.0),
        "Title": ("方正小标宋简体", 22.0),
        "Heading1": ("黑体", 16.0),
        "Heading2": ("楷体", 16.0),
        "LeadHeading": ("黑体", 16.0),
        "LeadSubheading": ("楷体", 16.0),
    }
    for style_id, (face, size) in faces.items():
        style = _style(document, style_id)
        rpr = style.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == face, style_id
        assert fonts.get(qn("w:ascii")) == face, style_id
        # A theme font would win over the name: none may be left.
        assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a], style_id
        assert int(_val(rpr, "sz") or 0) == size * 2, style_id
    body = _style(document, "Normal").find(qn("w:pPr"))
    assert _val(body, "ind", "firstLineChars") == "200"  # two characters
    assert _val(body, "spacing", "lineRule") == "exact"
    assert _val(_style(document, "Heading1").find(qn("w:pPr")), "outlineLvl") == "0"
    # The built-in ids that Chinese Word and WPS show as 正文, 标题, 标题 1, 标题 2.
    names = {s.style_id: s.name for s in document.styles}
    assert names["Normal"] == "Normal" and names["Heading1"] == "Heading 1"
    assert names["Title"] == "Title" and names["Heading2"] == "Heading 2"


def test_docx_defaults_are_chinese_without_theme_fonts(
    sample_report: Report, tmp_path: Path
) -> None:
    document = _open(sample_report, tmp_path)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    assert _val(rpr, "lang", "eastAsia") == "zh-CN"
    assert _val(document.settings.element, "themeFontLang", "eastAsia") == "zh-CN"


def test_docx_font_table_gives_fallbacks_for_each_face(
    sample_report: Report, tmp_path: Path
) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    document = _open(sample_report, tmp_path)
    table = parse_xml(document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE).blob)
    fonts = {f.get(qn("w:name")): f for f in table.iterchildren(qn("w:font"))}
    expected_alternatives = {"仿宋": "FangSong", "黑体": "SimHei", "楷体": "KaiTi"}
    for face, english in expected_alternatives.items():
        entry = fonts[face]
        assert english in (_val(entry, "altName") or "").split(","), face
        assert _val(entry, "charset") == "86", face  # GB2312: a Chinese face replaces it
    assert "宋体" in (_val(fonts["方正小标宋简体"], "altName") or "").split(",")


def _body_paragraphs(document: Any) -> list[Any]:
    return [p for p in document.paragraphs if p.text.strip()]


def test_docx_text_uses_styles_not_direct_formatting(sample_report: Report, tmp_path: Path) -> None:
    document = _open(sample_report, tmp_path)
    for paragraph in document.paragraphs:
        assert paragraph._p.pPr is not None and paragraph._p.pPr.pStyle is not None
        for run in paragraph._p.r_lst:
            rpr = run.rPr
            # A run may name a character style, never a face or a size of its own.
            assert rpr is None or [child.tag for child in rpr] == [qn("w:rStyle")]
    paragraphs = _body_paragraphs(document)
    assert paragraphs[0].style.style_id == "Title"
    headings = [p.text for p in paragraphs if p.style.style_id == "Heading1"]
    assert headings == [s.title for s in sample_report.form.sections]
    subheadings = [p.text for p in paragraphs if p.style.style_id == "Heading2"]
    assert subheadings == [
        f.heading for s in sample_report.form.sections for f in s.prose if f.heading
    ]


def test_docx_paragraph_lead_takes_the_heading_face(tmp_path: Path) -> None:
    report = consistent_report()
    report.prose["problems"] = "一、力量不足。人员较少。\n（二）内容不全：部分领域未覆盖。"
    document = _open(report, tmp_path)
    runs = {
        p.runs[0].text: p.runs[0]._r.rPr.find(qn("w:rStyle")).get(qn("w:val"))
        for p in document.paragraphs
        if p.runs and p.runs[0]._r.rPr is not None
    }
    assert runs["一、力量不足。"] == "LeadHeading"
    assert runs["（二）内容不全："] == "LeadSubheading"


def test_docx_title_breaks_after_the_organ_only_when_too_long(tmp_path: Path) -> None:
    report = consistent_report()
    report.meta.organ = "某某市某某区人民政府办公室"
    assert _body_paragraphs(_open(report, tmp_path))[0].text == (
        "某某市某某区人民政府办公室\n2023年政府信息公开工作年度报告"
    )
    report.meta.organ = "某县政府"
    assert (
        _body_paragraphs(_open(report, tmp_path))[0].text
        == "某县政府2023年政府信息公开工作年度报告"
    )


def _tc_at(table: Table, row: int, column: int) -> Any:
    return table.rows[row]._tr.tc_at_grid_offset(column)


@pytest.mark.parametrize("which", REPORTS)
def test_docx_tables_hold_the_official_layout_with_merges(
    which: str, sample_report: Report, tmp_path: Path
) -> None:
    report = _report(which, sample_report)
    document = _open(report, tmp_path)
    assert len(document.tables) == len(report.form.tables)
    for table, definition in zip(document.tables, report.form.tables, strict=True):
        layout = table_layout(definition)
        assert len(table.rows) == layout.row_count, definition.number
        assert len(table._tbl.tblGrid.gridCol_lst) == layout.column_count
        for cell in layout.cells:
            tc = _tc_at(table, cell.row, cell.column)
            expected = format_value(report.get(cell.ref)) if cell.ref is not None else cell.text
            assert "".join(t.text or "" for t in tc.iter(qn("w:t"))) == expected
            assert tc.grid_span == cell.column_span, (definition.number, cell)
            if cell.row_span > 1:
                assert tc.vMerge == "restart"
                for below in range(cell.row + 1, cell.row + cell.row_span):
                    assert _tc_at(table, below, cell.column).vMerge == "continue"
            else:
                assert tc.vMerge is None


@pytest.mark.parametrize("which", REPORTS)
def test_docx_header_rows_repeat_and_no_row_breaks_across_pages(
    which: str, sample_report: Report, tmp_path: Path
) -> None:
    report = _report(which, sample_report)
    document = _open(report, tmp_path)
    for table, definition in zip(document.tables, report.form.tables, strict=True):
        head = table_layout(definition).header_row_count
        repeated = [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in table.rows]
        assert repeated == [i < head for i in range(len(table.rows))], definition.number
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        sides = {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders}
        assert sides == dict.fromkeys(
            ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
        )


def test_docx_table_two_keeps_each_block_on_one_page(sample_report: Report, tmp_path: Path) -> None:
    table = _open(sample_report, tmp_path).tables[0]
    layout = table_layout(sample_report.form.table("proactive"))
    for r, row in enumerate(table.rows):
        keeps = {c._tc.p_lst[0].pPr.keepNext is not None for c in row.cells}
        below = layout.anchor_at(r + 1, 0)
        next_is_block = below is not None and below.role is CellRole.BLOCK_HEADING
        last = r == layout.row_count - 1
        assert keeps == {not (next_is_block or last)}, r


def test_docx_numbers_are_right_aligned_labels_as_the_pdf(
    sample_report: Report, tmp_path: Path
) -> None:
    document = _open(sample_report, tmp_path)
    table = document.tables[1]  # 表三
    layout = table_layout(sample_report.form.table("requests"))
    jc_of_style = {
        style.get(qn("w:styleId")): _val(style.find(qn("w:pPr")), "jc")
        for style in document.styles.element.iterchildren(qn("w:style"))
        if style.find(qn("w:pPr")) is not None
    }
    alignments: dict[CellRole, set[str | None]] = {}
    for cell in layout.cells:
        paragraph = _tc_at(table, cell.row, cell.column).find(qn("w:p"))
        alignments.setdefault(cell.role, set()).add(jc_of_style[paragraph.pPr.pStyle.val])
    assert alignments[CellRole.VALUE] == {"right"}
    assert alignments[CellRole.HEADER] == {"center"}
    assert alignments[CellRole.LABEL] == {"left", "center"}  # leaves left, group names centred


def test_docx_footers_hold_the_page_field_outside(sample_report: Report, tmp_path: Path) -> None:
    document = _open(sample_report, tmp_path)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p
        kinds = [f.get(qn("w:fldCharType")) for f in xml.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [i.text.strip() for i in xml.iter(qn("w:instrText"))] == ["PAGE"]
        assert paragraph.text == "— 1 —"  # the dashes around the field's cached result
        jc = _val(_style(document, paragraph.style.style_id).find(qn("w:pPr")), "jc")
        assert jc == align


def test_docx_ends_with_the_closing_and_date(tmp_path: Path) -> None:
    report = consistent_report()
    report.meta.signer, report.meta.date = "测试县人民政府", "2024年1月20日"
    paragraphs = _body_paragraphs(_open(report, tmp_path))
    assert [(p.text, p.style.name) for p in paragraphs[-2:]] == [
        ("测试县人民政府", "落款"),
        ("2024年1月20日", "成文日期"),
    ]
    report.meta.signer = report.meta.date = ""
    paragraphs = _body_paragraphs(_open(report, tmp_path))
    assert [p.text for p in paragraphs[-2:]] == [report.meta.organ, DATE_BLANK]


def _header_text(document: Any) -> str:
    section = document.sections[0]
    parts = [section.header, section.even_page_header]
    return "".join(p.text for h in parts if not h.is_linked_to_previous for p in h.paragraphs)


def _watermarks(document: Any) -> int:
    section = document.sections[0]
    count = 0
    for header in (section.header, section.even_page_header):
        if not header.is_linked_to_previous:
            count += sum(1 for e in header._element.iter() if e.tag.endswith("}textpath"))
    return count


def test_docx_report_with_errors_is_marked_draft_on_every_page(
    sample_report: Report, tmp_path: Path
) -> None:
    assert DRAFT_MARK not in _header_text(_open(sample_report, tmp_path))
    sample_report.set(CellRef("requests", "received", "natural"), 30)
    document = _open(sample_report, tmp_path)
    assert _header_text(document) == DRAFT_MARK * 2  # odd and even pages
    assert _watermarks(document) == 4  # a shape type and a shape in each header
    assert DRAFT_MARK not in _header_text(_open(sample_report, tmp_path, draft=False))


def test_docx_metadata_names_the_report(sample_report: Report, tmp_path: Path) -> None:
    props = _open(sample_report, tmp_path).core_properties
    assert props.title == sample_report.title
    assert props.author == sample_report.meta.organ
    assert props.language == "zh-CN"


def test_docx_progress_reported_to_completion(sample_report: Report) -> None:
    seen: list[float] = []
    render_docx_bytes(sample_report, progress=lambda fraction, _text: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_docx_export_into_a_missing_folder_says_so_in_chinese(
    sample_report: Report, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="文件夹不存在"):
        export_docx(sample_report, tmp_path / "missing" / "out.docx")


def test_docx_drops_characters_a_document_cannot_hold(tmp_path: Path) -> None:
    # Pasted from elsewhere or from a damaged file: control characters, a lone surrogate.
    report = consistent_report()
    report.meta.organ = "测试\x01县"
    report.prose["problems"] = "第一\x07句\ud800。\x0b第二句\x00。"
    document = _open(report, tmp_path)
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("测试县") and "第一句。" in texts and "第二句。" in texts
    assert document.core_properties.author == "测试县"


def test_docx_package_carries_nothing_of_the_blank_template(
    sample_report: Report, tmp_path: Path
) -> None:
    import zipfile

    path = tmp_path / "report.docx"
    export_docx(sample_report, path)
    names = set(zipfile.ZipFile(path).namelist())
    # A stale second copy of the styles, the template's thumbnail, "Microsoft Macintosh Word".
    assert not names & {
        "word/stylesWithEffects.xml",
        "docProps/thumbnail.jpeg",
        "docProps/app.xml",
    }
    assert {"word/document.xml", "word/styles.xml", "word/fontTable.xml"} <= names
