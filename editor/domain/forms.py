"""The official form, described once: sections, tables, labels, stable keys and sum relations.

Every other module (grid, checks, Excel, PDF, importers) reads these definitions; none of them
hard-codes a label or a row. Wording is character for character that of
国办公开办函〔2021〕30号 (and 〔2019〕60号 for reading old reports), see docs/format-spec.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple


class FormVersion(StrEnum):
    V2021 = "2021"
    V2019 = "2019"


def form_version_for_year(year: int) -> FormVersion:
    """The format a report for `year` must use (2019 试行 format for 2019–2020)."""
    return FormVersion.V2021 if year >= 2021 else FormVersion.V2019


class CellRef(NamedTuple):
    """A cell by its stable keys; part of the file format."""

    table: str
    row: str
    column: str

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    @classmethod
    def parse(cls, key: str) -> CellRef:
        table, row, column = key.split(".")
        return cls(table, row, column)


class ValueKind(StrEnum):
    COUNT = "count"  # a whole number >= 0
    MONEY = "money"  # 万元 or 元, decimals allowed, >= 0
    SIGNED = "signed"  # 2019 本年增/减: a whole number, may be negative


# The small records below are NamedTuples, not frozen dataclasses: immutable, hashable and
# compared by value all the same, but a NamedTuple class is built without generating six methods
# through exec (~0.1 ms against ~0.8 ms per class, paid at every start). TableDef and FormDef stay
# dataclasses: they cache derived lookups (cached_property needs an instance __dict__).
class ColumnDef(NamedTuple):
    key: str
    label: str
    # Header labels from the top header row down to this column's own label; the layout merges
    # equal neighbours, so a shared parent ("申请人情况") becomes one spanning cell.
    header_path: tuple[str, ...]
    kind: ValueKind = ValueKind.COUNT


class RowDef(NamedTuple):
    key: str
    # Label cells from the outermost group to the row's own label ("三、本年度办理结果",
    # "（三）不予公开", "1.属于国家秘密"); the layout merges equal neighbours vertically.
    label_path: tuple[str, ...]
    short: str = ""  # a shorter name for messages, where the official label is a sentence

    @property
    def label(self) -> str:
        return self.label_path[-1]

    @property
    def display_name(self) -> str:
        """How messages name the row: group and item, e.g. "（三）不予公开 1.属于国家秘密"."""
        own = self.short or self.label
        if len(self.label_path) >= 3:
            return f"{self.label_path[-2]} {own}"
        return own


class BlockDef(NamedTuple):
    """One block of the 主动公开 table: a heading row, a header row, and its rows."""

    heading: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]


class TableShape(StrEnum):
    GRID = "grid"  # label columns × data columns (表三)
    BLOCKS = "blocks"  # stacked blocks with their own headers (表二)
    STRIP = "strip"  # every key cell in one printed row under a deep header (表四)


class SumRelation(NamedTuple):
    """`total` must equal the sum of `parts` (a total cell the user types, checked, fillable)."""

    rule: str
    total: CellRef
    parts: tuple[CellRef, ...]


class BalanceRelation(NamedTuple):
    """sum(left) must equal sum(right), e.g. 新收 + 结转 = 办理结果 + 结转下年."""

    rule: str
    left: tuple[CellRef, ...]
    right: tuple[CellRef, ...]


@dataclass(frozen=True)
class TableDef:
    key: str
    number: str  # "表二", for messages
    section: str  # key of the section that holds it
    shape: TableShape
    rows: tuple[RowDef, ...]
    columns: tuple[ColumnDef, ...]
    blocks: tuple[BlockDef, ...] = ()
    corner: str = ""  # the top-left header text of 表三
    label_columns: int = 1
    sums: tuple[SumRelation, ...] = ()
    balances: tuple[BalanceRelation, ...] = ()

    @cached_property
    def row_by_key(self) -> dict[str, RowDef]:
        return {r.key: r for r in self.rows}

    @cached_property
    def column_by_key(self) -> dict[str, ColumnDef]:
        return {c.key: c for c in self.columns}

    @cached_property
    def cells(self) -> tuple[CellRef, ...]:
        """Every cell that holds a value, in reading order."""
        if self.shape is TableShape.BLOCKS:
            return tuple(
                CellRef(self.key, r, c) for b in self.blocks for r in b.rows for c in b.columns
            )
        return tuple(CellRef(self.key, r.key, c.key) for r in self.rows for c in self.columns)

    @cached_property
    def cell_set(self) -> frozenset[CellRef]:
        return frozenset(self.cells)

    @cached_property
    def columns_of_row(self) -> dict[str, frozenset[str]]:
        """The column keys each row has a value in (表二's blocks differ row by row)."""
        out: dict[str, set[str]] = {}
        for ref in self.cells:
            out.setdefault(ref.row, set()).add(ref.column)
        return {row: frozenset(columns) for row, columns in out.items()}

    @cached_property
    def total_cells(self) -> frozenset[CellRef]:
        """Cells that are the total of a sum relation (drawn distinctly, fillable)."""
        return frozenset(s.total for s in self.sums)

    def kind_of(self, ref: CellRef) -> ValueKind:
        return self.column_by_key[ref.column].kind

    def cell_name(self, ref: CellRef) -> str:
        """A clerk-readable name: "（七）总计·自然人"."""
        row = self.row_by_key[ref.row]
        column = self.column_by_key[ref.column]
        return f"{row.display_name}·{column.label}"


class ProseField(NamedTuple):
    key: str
    heading: str  # printed heading; "" for a paragraph with no heading of its own


class SectionDef(NamedTuple):
    key: str
    title: str
    prose: tuple[ProseField, ...]
    table: str | None = None
    requires_text: bool = False  # an empty text is a `section.empty` finding

    @property
    def short_title(self) -> str:
        """The section's name where the official title does not fit (the editor's tabs)."""
        return SECTION_SHORT_TITLES.get(self.key, self.title)


@dataclass(frozen=True)
class FormDef:
    version: FormVersion
    document: str
    sections: tuple[SectionDef, ...]
    tables: tuple[TableDef, ...]
    opening: ProseField = field(default_factory=lambda: ProseField("opening", ""))

    @cached_property
    def table_by_key(self) -> dict[str, TableDef]:
        return {t.key: t for t in self.tables}

    @cached_property
    def section_by_key(self) -> dict[str, SectionDef]:
        return {s.key: s for s in self.sections}

    @cached_property
    def prose_fields(self) -> tuple[ProseField, ...]:
        return (self.opening, *(p for s in self.sections for p in s.prose))

    @cached_property
    def cells(self) -> tuple[CellRef, ...]:
        return tuple(c for t in self.tables for c in t.cells)

    @cached_property
    def prose_names(self) -> dict[str, str]:
        """Each paragraph's name for messages and undo: its heading, else its section's title."""
        names = {self.opening.key: "开头部分"}
        for section in self.sections:
            for prose in section.prose:
                names[prose.key] = prose.heading or section.title
        return names

    def table(self, key: str) -> TableDef:
        return self.table_by_key[key]

    def cell_name(self, ref: CellRef) -> str:
        table = self.table_by_key[ref.table]
        return f"{table.number} {table.cell_name(ref)}"


# ---------------------------------------------------------------- sections (both formats)

SECTION_TITLES: dict[str, str] = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

# Seven tabs (基本信息 and these) fit a 1024-pixel window without scroll arrows.
SECTION_SHORT_TITLES: dict[str, str] = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开",
    "requests": "三、依申请公开",
    "appeals": "四、复议诉讼",
    "problems": "五、问题改进",
    "other": "六、其他事项",
}

OVERVIEW_SUBHEADS: tuple[ProseField, ...] = (
    ProseField("overview", ""),
    ProseField("overview.proactive", "（一）主动公开"),
    ProseField("overview.requests", "（二）依申请公开"),
    ProseField("overview.management", "（三）政府信息管理"),
    ProseField("overview.platform", "（四）政府信息公开平台建设"),
    ProseField("overview.supervision", "（五）监督保障"),
)


def _sections() -> tuple[SectionDef, ...]:
    t = SECTION_TITLES
    return (
        SectionDef("overview", t["overview"], OVERVIEW_SUBHEADS, requires_text=True),
        SectionDef("proactive", t["proactive"], (ProseField("proactive", ""),), "proactive"),
        SectionDef("requests", t["requests"], (ProseField("requests", ""),), "requests"),
        SectionDef("appeals", t["appeals"], (ProseField("appeals", ""),), "appeals"),
        SectionDef("problems", t["problems"], (ProseField("problems", ""),), requires_text=True),
        SectionDef("other", t["other"], (ProseField("other", ""),), requires_text=True),
    )


# ---------------------------------------------------------------- 表三 requests

REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

_APPLICANT = "申请人情况"
_ORG = "法人或其他组织"
REQUESTS_COLUMNS: tuple[ColumnDef, ...] = (
    ColumnDef("natural", "自然人", (_APPLICANT, "自然人")),
    ColumnDef("business", "商业企业", (_APPLICANT, _ORG, "商业企业")),
    ColumnDef("research", "科研机构", (_APPLICANT, _ORG, "科研机构")),
    ColumnDef("social", "社会公益组织", (_APPLICANT, _ORG, "社会公益组织")),
    ColumnDef("legal", "法律服务机构", (_APPLICANT, _ORG, "法律服务机构")),
    ColumnDef("other_org", "其他", (_APPLICANT, _ORG, "其他")),
    ColumnDef("total", "总计", (_APPLICANT, "总计")),
)
REQUESTS_PART_COLUMNS = tuple(c.key for c in REQUESTS_COLUMNS if c.key != "total")

_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_REJECTED = "（五）不予处理"
_OTHER = "（六）其他处理"


def _requests_rows(version: FormVersion) -> tuple[RowDef, ...]:
    head = (
        RowDef("received", ("一、本年新收政府信息公开申请数量",)),
        RowDef("carried_in", ("二、上年结转政府信息公开申请数量",)),
        RowDef("disclosed", (_RESULTS, "（一）予以公开")),
        RowDef(
            "partly_disclosed",
            (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            short="（二）部分公开",
        ),
        RowDef("withheld_state_secret", (_RESULTS, _WITHHELD, "1.属于国家秘密")),
        RowDef("withheld_prohibited", (_RESULTS, _WITHHELD, "2.其他法律行政法规禁止公开")),
        RowDef("withheld_security", (_RESULTS, _WITHHELD, "3.危及“三安全一稳定”")),
        RowDef("withheld_third_party", (_RESULTS, _WITHHELD, "4.保护第三方合法权益")),
        RowDef("withheld_internal", (_RESULTS, _WITHHELD, "5.属于三类内部事务信息")),
        RowDef("withheld_process", (_RESULTS, _WITHHELD, "6.属于四类过程性信息")),
        RowDef("withheld_enforcement_file", (_RESULTS, _WITHHELD, "7.属于行政执法案卷")),
        RowDef("withheld_inquiry", (_RESULTS, _WITHHELD, "8.属于行政查询事项")),
        RowDef("unavailable_not_held", (_RESULTS, _UNAVAILABLE, "1.本机关不掌握相关政府信息")),
        RowDef(
            "unavailable_needs_creation", (_RESULTS, _UNAVAILABLE, "2.没有现成信息需要另行制作")
        ),
        RowDef("unavailable_unclear", (_RESULTS, _UNAVAILABLE, "3.补正后申请内容仍不明确")),
        RowDef("rejected_complaint", (_RESULTS, _REJECTED, "1.信访举报投诉类申请")),
        RowDef("rejected_duplicate", (_RESULTS, _REJECTED, "2.重复申请")),
        RowDef("rejected_publication", (_RESULTS, _REJECTED, "3.要求提供公开出版物")),
        RowDef("rejected_excessive", (_RESULTS, _REJECTED, "4.无正当理由大量反复申请")),
        RowDef(
            "rejected_confirmation",
            (_RESULTS, _REJECTED, "5.要求行政机关确认或重新出具已获取信息"),
        ),
    )
    if version is FormVersion.V2021:
        other: tuple[RowDef, ...] = (
            RowDef(
                "other_no_correction",
                (
                    _RESULTS,
                    _OTHER,
                    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                ),
                short="1.逾期不补正",
            ),
            RowDef(
                "other_no_fee",
                (
                    _RESULTS,
                    _OTHER,
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                ),
                short="2.逾期未缴纳费用",
            ),
            RowDef("other_misc", (_RESULTS, _OTHER, "3.其他")),
        )
    else:
        other = (RowDef("other_handling", (_RESULTS, _OTHER)),)
    tail = (
        RowDef("results_total", (_RESULTS, "（七）总计")),
        RowDef("carried_out", ("四、结转下年度继续办理",)),
    )
    return head + other + tail


def _requests_table(version: FormVersion) -> TableDef:
    rows = _requests_rows(version)
    result_rows = tuple(r.key for r in rows if r.label_path[0] == _RESULTS)
    parts_rows = tuple(k for k in result_rows if k != "results_total")
    t = "requests"
    sums = tuple(
        SumRelation(
            "requests.row_total",
            CellRef(t, r.key, "total"),
            tuple(CellRef(t, r.key, c) for c in REQUESTS_PART_COLUMNS),
        )
        for r in rows
    ) + tuple(
        SumRelation(
            "requests.results_sum",
            CellRef(t, "results_total", c.key),
            tuple(CellRef(t, r, c.key) for r in parts_rows),
        )
        for c in REQUESTS_COLUMNS
    )
    balances = tuple(
        BalanceRelation(
            "requests.balance",
            (CellRef(t, "received", c.key), CellRef(t, "carried_in", c.key)),
            (CellRef(t, "results_total", c.key), CellRef(t, "carried_out", c.key)),
        )
        for c in REQUESTS_COLUMNS
    )
    return TableDef(
        key=t,
        number="表三",
        section="requests",
        shape=TableShape.GRID,
        rows=rows,
        columns=REQUESTS_COLUMNS,
        corner=REQUESTS_CORNER,
        label_columns=3,
        sums=sums,
        balances=balances,
    )


# ---------------------------------------------------------------- 表四 appeals

_REVIEW = "行政复议"
_SUIT = "行政诉讼"
APPEALS_ROWS: tuple[RowDef, ...] = (
    RowDef("review", (_REVIEW,)),
    RowDef("suit_direct", (_SUIT, "未经复议直接起诉"), short="行政诉讼（未经复议直接起诉）"),
    RowDef("suit_after_review", (_SUIT, "复议后起诉"), short="行政诉讼（复议后起诉）"),
)
APPEALS_COLUMNS: tuple[ColumnDef, ...] = (
    ColumnDef("upheld", "结果维持", ("结果维持",)),
    ColumnDef("corrected", "结果纠正", ("结果纠正",)),
    ColumnDef("other", "其他结果", ("其他结果",)),
    ColumnDef("pending", "尚未审结", ("尚未审结",)),
    ColumnDef("total", "总计", ("总计",)),
)


def _appeals_table() -> TableDef:
    t = "appeals"
    parts = tuple(c.key for c in APPEALS_COLUMNS if c.key != "total")
    return TableDef(
        key=t,
        number="表四",
        section="appeals",
        shape=TableShape.STRIP,
        rows=APPEALS_ROWS,
        columns=APPEALS_COLUMNS,
        label_columns=0,
        sums=tuple(
            SumRelation(
                "appeals.total",
                CellRef(t, r.key, "total"),
                tuple(CellRef(t, r.key, c) for c in parts),
            )
            for r in APPEALS_ROWS
        ),
    )


# ---------------------------------------------------------------- 表二 proactive

_CONTENT = "信息内容"


def _proactive_2021() -> TableDef:
    columns = (
        ColumnDef("issued", "本年制发件数", (_CONTENT, "本年制发件数")),
        ColumnDef("repealed", "本年废止件数", (_CONTENT, "本年废止件数")),
        ColumnDef("in_force", "现行有效件数", (_CONTENT, "现行有效件数")),
        ColumnDef("decisions", "本年处理决定数量", (_CONTENT, "本年处理决定数量")),
        ColumnDef(
            "amount",
            "本年收费金额（单位：万元）",
            (_CONTENT, "本年收费金额（单位：万元）"),
            ValueKind.MONEY,
        ),
    )
    rows = (
        RowDef("rules", ("规章",)),
        RowDef("normative_docs", ("行政规范性文件",)),
        RowDef("licensing", ("行政许可",)),
        RowDef("penalty", ("行政处罚",)),
        RowDef("enforcement", ("行政强制",)),
        RowDef("fees", ("行政事业性收费",)),
    )
    blocks = (
        BlockDef(
            "第二十条第（一）项", ("rules", "normative_docs"), ("issued", "repealed", "in_force")
        ),
        BlockDef("第二十条第（五）项", ("licensing",), ("decisions",)),
        BlockDef("第二十条第（六）项", ("penalty", "enforcement"), ("decisions",)),
        BlockDef("第二十条第（八）项", ("fees",), ("amount",)),
    )
    return TableDef(
        key="proactive",
        number="表二",
        section="proactive",
        shape=TableShape.BLOCKS,
        rows=rows,
        columns=columns,
        blocks=blocks,
    )


def _proactive_2019() -> TableDef:
    columns = (
        ColumnDef("new_made", "本年新制作数量", (_CONTENT, "本年新制作数量")),
        ColumnDef("new_published", "本年新公开数量", (_CONTENT, "本年新公开数量")),
        ColumnDef("published_total", "对外公开总数量", (_CONTENT, "对外公开总数量")),
        ColumnDef("prev_count", "上一年项目数量", (_CONTENT, "上一年项目数量")),
        ColumnDef("change", "本年增/减", (_CONTENT, "本年增/减"), ValueKind.SIGNED),
        ColumnDef("decisions", "处理决定数量", (_CONTENT, "处理决定数量")),
        ColumnDef("projects", "采购项目数量", (_CONTENT, "采购项目数量")),
        ColumnDef("amount", "采购总金额", (_CONTENT, "采购总金额"), ValueKind.MONEY),
    )
    rows = (
        RowDef("rules", ("规章",)),
        RowDef("normative_docs", ("规范性文件",)),
        RowDef("licensing", ("行政许可",)),
        RowDef("other_services", ("其他对外管理服务事项",)),
        RowDef("penalty", ("行政处罚",)),
        RowDef("enforcement", ("行政强制",)),
        RowDef("fees", ("行政事业性收费",)),
        RowDef("procurement", ("政府集中采购",)),
    )
    item_columns = ("prev_count", "change", "decisions")
    blocks = (
        BlockDef(
            "第二十条第（一）项",
            ("rules", "normative_docs"),
            ("new_made", "new_published", "published_total"),
        ),
        BlockDef("第二十条第（五）项", ("licensing", "other_services"), item_columns),
        BlockDef("第二十条第（六）项", ("penalty", "enforcement"), item_columns),
        BlockDef("第二十条第（八）项", ("fees",), ("prev_count", "change")),
        BlockDef("第二十条第（九）项", ("procurement",), ("projects", "amount")),
    )
    return TableDef(
        key="proactive",
        number="表二",
        section="proactive",
        shape=TableShape.BLOCKS,
        rows=rows,
        columns=columns,
        blocks=blocks,
    )


FORM_2021 = FormDef(
    version=FormVersion.V2021,
    document="国办公开办函〔2021〕30号",
    sections=_sections(),
    tables=(_proactive_2021(), _requests_table(FormVersion.V2021), _appeals_table()),
)

FORM_2019 = FormDef(
    version=FormVersion.V2019,
    document="国办公开办函〔2019〕60号",
    sections=_sections(),
    tables=(_proactive_2019(), _requests_table(FormVersion.V2019), _appeals_table()),
)

FORMS: dict[FormVersion, FormDef] = {FORM_2021.version: FORM_2021, FORM_2019.version: FORM_2019}


def form_for(version: FormVersion | str) -> FormDef:
    return FORMS[FormVersion(version)]
