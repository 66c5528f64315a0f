"""What each part of the report asks for, in the project's words (the F1 填写说明).

Written from the official format notice (国办公开办函〔2021〕30号, "一、报告内容" and the tables'
own notes) and docs/format-spec.md. The text is keyed by the stable keys of `forms.py`; titles,
row labels and column labels always come from the form definitions, and what a total adds up to
is read from the form's sum relations, so nothing here repeats a label and nothing can drift from
the form the editor draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.domain.forms import FormDef, RowDef, TableDef

OPENING_GUIDE = (
    "开头语可不填。常见写法：说明本报告依据《中华人民共和国政府信息公开条例》编制，由一至六部分"
    "组成；统计期限为本年 1 月 1 日至 12 月 31 日；报告的电子版可在哪个网站下载；对报告有疑问的"
    "联系地址和电话。每年都要把其中的年份改为本年。"
)

SECTION_GUIDE: dict[str, str] = {
    "overview": (
        "综述本机关一年来贯彻落实《条例》的总体情况，通常分五个小标题写：主动公开、依申请公开、"
        "政府信息管理、政府信息公开平台建设、监督保障。各级人民政府还要写工作考核、社会评议和"
        "责任追究结果情况。写本年实际做了什么、有什么变化；文中引用的数字要与后面三张表一致。"
    ),
    "proactive": (
        "按《条例》第二十条的有关项目，统计本机关主动公开的规章和行政规范性文件、行政许可、"
        "行政处罚、行政强制的处理决定和行政事业性收费。表前可写一段简短说明。没有发生的填 0，"
        "不要留空或填“/”。"
    ),
    "requests": (
        "统计本年收到和处理政府信息公开申请的情况：按申请人分列，按办理结果分行。每件申请只计入"
        "一种办理结果；部分公开（区分处理）的，只计入“部分公开”一项。表中列明的勾稽关系必须成立："
        "本年新收加上年结转，等于本年办理结果总计加结转下年度继续办理。"
    ),
    "appeals": (
        "统计本年因政府信息公开工作被申请行政复议、被提起行政诉讼的案件数及其结果。行政诉讼分"
        "“未经复议直接起诉”和“复议后起诉”两类分别统计。每类的总计等于各结果之和。"
    ),
    "problems": (
        "如实写本机关政府信息公开工作存在的主要问题和下一步改进措施，并说明上一年度报告所列问题"
        "的整改情况。只写“无”或与上年雷同，都是评议时常被指出的问题。"
    ),
    "other": (
        "说明本年依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：收取的金额，或写明"
        "未收取。各级人民政府还要写落实上级年度政务公开工作要点、人大代表建议和政协提案办理结果"
        "公开、年度政务公开工作创新等情况。"
    ),
}

# What a row counts, by (table key, row key). Rows without an entry show their label alone.
ROW_GUIDE: dict[tuple[str, str], str] = {
    (
        "proactive",
        "rules",
    ): "本机关制定的规章：本年新制发、本年废止的件数，以及年底现行有效的件数。",
    ("proactive", "normative_docs"): (
        "本机关制定的行政规范性文件：本年制发、本年废止的件数和年底现行有效的件数。"
        "现行有效件数一般等于上年现行有效件数加本年制发减本年废止；集中清理造成的差异应在正文说明。"
    ),
    ("proactive", "licensing"): "本年作出的行政许可处理决定数量。",
    ("proactive", "penalty"): "本年作出的行政处罚决定数量。",
    ("proactive", "enforcement"): "本年作出的行政强制决定数量。",
    ("proactive", "fees"): (
        "本机关本年依法收取的行政事业性收费金额，单位万元，可有小数。"
        "这不是第六部分的政府信息公开信息处理费。"
    ),
    ("proactive", "other_services"): "2019 年试行格式：其他对外管理服务事项的项目数量及增减。",
    ("proactive", "procurement"): "2019 年试行格式：政府集中采购的项目数量和采购总金额。",
    ("requests", "received"): "统计期内本机关新收到的政府信息公开申请件数，按申请人类别分列。",
    ("requests", "carried_in"): (
        "上一年度收到、结转到本年继续办理的申请件数，应与上年报告“四、结转下年度继续办理”一致。"
    ),
    ("requests", "disclosed"): "全部予以公开的申请件数。",
    ("requests", "partly_disclosed"): (
        "部分公开的件数。一件申请的内容有的公开、有的不公开（区分处理）时，只计入这一项。"
    ),
    ("requests", "withheld_state_secret"): "因属于国家秘密而不予公开的件数。",
    ("requests", "withheld_prohibited"): "因其他法律、行政法规禁止公开而不予公开的件数。",
    ("requests", "withheld_security"): (
        "因公开后可能危及国家安全、公共安全、经济安全、社会稳定（“三安全一稳定”）而不予公开的件数。"
    ),
    ("requests", "withheld_third_party"): (
        "因涉及商业秘密、个人隐私等，公开会损害第三方合法权益而不予公开的件数。"
    ),
    ("requests", "withheld_internal"): (
        "因属于人事管理、后勤管理、内部工作流程等内部事务信息而不予公开的件数。"
    ),
    ("requests", "withheld_process"): (
        "因属于讨论记录、过程稿、磋商信函、请示报告等过程性信息而不予公开的件数。"
    ),
    ("requests", "withheld_enforcement_file"): "因属于行政执法案卷信息而不予公开的件数。",
    ("requests", "withheld_inquiry"): (
        "申请查询的信息属于有专门查询途径的行政查询事项，告知按相应规定办理的件数。"
    ),
    ("requests", "unavailable_not_held"): "本机关不掌握申请的信息，无法提供的件数。",
    ("requests", "unavailable_needs_creation"): (
        "没有现成信息，需要另行制作、加工或分析才能提供，因而无法提供的件数。"
    ),
    ("requests", "unavailable_unclear"): "经告知补正后，申请内容仍不明确，无法提供的件数。",
    (
        "requests",
        "rejected_complaint",
    ): "以政府信息公开申请形式提出信访、举报、投诉等诉求，不予处理的件数。",
    ("requests", "rejected_duplicate"): "重复申请，不予重复处理的件数。",
    ("requests", "rejected_publication"): "要求提供公开出版物，不予处理的件数。",
    ("requests", "rejected_excessive"): "无正当理由大量、反复申请，不予处理的件数。",
    ("requests", "rejected_confirmation"): (
        "要求行政机关确认或者重新出具已获取的信息，不予处理的件数。"
    ),
    ("requests", "other_no_correction"): (
        "申请人无正当理由逾期不补正，行政机关不再处理其申请的件数。"
    ),
    ("requests", "other_no_fee"): (
        "申请人逾期未按收费通知缴纳信息处理费，行政机关不再处理其申请的件数。"
        "此项不为 0 时，第六部分应说明信息处理费的收取情况。"
    ),
    ("requests", "other_misc"): "以上各项都不属于的其他处理结果的件数。",
    ("requests", "other_handling"): "2019 年试行格式中“其他处理”的件数（不分小项）。",
    ("requests", "results_total"): "本年办理完毕的申请总数。",
    ("requests", "carried_out"): (
        "本年收到但到年底尚未办结、转入下一年度继续办理的件数；明年报告的“上年结转”应与它一致。"
    ),
    ("appeals", "review"): "本年因政府信息公开工作被申请行政复议的案件，按复议结果分列。",
    ("appeals", "suit_direct"): "未经行政复议、直接提起行政诉讼的案件，按诉讼结果分列。",
    ("appeals", "suit_after_review"): "经行政复议后又提起行政诉讼的案件，按诉讼结果分列。",
}

COLUMN_GUIDE: dict[tuple[str, str], str] = {
    ("appeals", "upheld"): "复议决定或判决维持本机关做法的件数。",
    ("appeals", "corrected"): "被撤销、确认违法、责令履行等，本机关做法被纠正的件数。",
    ("appeals", "other"): "驳回、撤回、终止等其他结果的件数。",
    ("appeals", "pending"): "到年底尚未审结的件数。",
}


@dataclass(frozen=True)
class RowGuide:
    table: str
    row: str
    label: str  # from the form definition
    text: str  # what the row counts ("" when the form's label says it all)
    adds_up: str  # for a total row: what it is the sum of, read from the form's sums


@dataclass(frozen=True)
class SectionGuide:
    key: str
    title: str  # from the form definition
    text: str
    table_number: str  # "表三", "" for a section without a table
    rows: tuple[RowGuide, ...]
    columns: tuple[tuple[str, str], ...]  # (column label, what it counts) where there is a note
    table_note: str  # e.g. "每行的“总计”等于……之和", from the form's sums


def _adds_up(table: TableDef, row: RowDef) -> str:
    """ "等于……之和" for a row whose cells are totals of other rows, from the form's sums."""
    for relation in table.sums:
        total = relation.total
        if total.row != row.key or {p.row for p in relation.parts} == {row.key}:
            continue  # not this row, or a total across the row's own columns
        labels = [table.row_by_key[r].label for r in dict.fromkeys(p.row for p in relation.parts)]
        if len(labels) > 4:
            return f"等于“{labels[0]}”至“{labels[-1]}”共 {len(labels)} 行之和。"
        return "等于" + "、".join(f"“{x}”" for x in labels) + "之和。"
    return ""


def _row_total_note(table: TableDef) -> str:
    """The note for a table whose last column totals the others (表三, 表四)."""
    for relation in table.sums:
        if {p.row for p in relation.parts} == {relation.total.row}:
            total = table.column_by_key[relation.total.column].label
            parts = [table.column_by_key[p.column].label for p in relation.parts]
            return f"每行的“{total}”等于" + "、".join(parts) + "之和。"
    return ""


def section_guides(form: FormDef) -> list[SectionGuide]:
    """The 填写说明 of every section of `form`, in the order of the report."""
    out: list[SectionGuide] = []
    for section in form.sections:
        rows: list[RowGuide] = []
        columns: list[tuple[str, str]] = []
        number = ""
        if section.table is not None:
            table = form.table(section.table)
            number = table.number
            for row in table.rows:
                rows.append(
                    RowGuide(
                        table.key,
                        row.key,
                        row.label,
                        ROW_GUIDE.get((table.key, row.key), ""),
                        _adds_up(table, row),
                    )
                )
            columns = [
                (c.label, COLUMN_GUIDE[(table.key, c.key)])
                for c in table.columns
                if (table.key, c.key) in COLUMN_GUIDE
            ]
        out.append(
            SectionGuide(
                section.key,
                section.title,
                SECTION_GUIDE.get(section.key, ""),
                number,
                tuple(rows),
                tuple(columns),
                _row_total_note(form.table(section.table)) if section.table else "",
            )
        )
    return out
