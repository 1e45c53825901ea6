"""Defects of group structure (see defects/__init__.py): the six parts, the title, the three tables'
shape and labels, the 统计期限 sentence — the template departures reviewers find (domain.md E9–E11, E16)."""

from __future__ import annotations

import random
import re

from extractor import template

from ..corpus import render_options
from ..spec import Issue, ReportSpec, Section
from . import single

NUMERALS = "一二三四五六七八九十"
TABLES = {"t2": "表二（主动公开政府信息情况）", "t3": "表三（收到和处理政府信息公开申请情况）",
          "t4": "表四（政府信息公开行政复议、行政诉讼情况）"}


def _section(spec: ReportSpec, n: int) -> Section | None:
    return next((s for s in spec.sections if s.number == n), None)


def _heading_text(s: Section) -> str:
    """The heading without its numeral: 五、存在的主要问题及改进情况 → 存在的主要问题及改进情况."""
    return re.sub(rf"^[{NUMERALS}]+\s*[、.．]\s*", "", s.title)


def _blank_table(spec: ReportSpec, table: str, rows: list[str] | None = None) -> None:
    """Cells that are no longer printed: their truth is no value (gold `null`)."""
    prefixes = tuple(f"{table}.{r}." for r in rows) if rows is not None else (f"{table}.",)
    for k in list(spec.values):
        if k.startswith(prefixes):
            spec.values[k] = None
            spec.cell_text.pop(k, None)


# ------------------------------------------------------------------ S101 a part left out


def _section_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    # the parts a clerk leaves out: 复议诉讼 when there were none, 问题及改进, 其他事项 (E9)
    n = rng.choice((4, 5, 6))
    sec = _section(spec, n)
    if sec is None:
        return None
    spec.sections.remove(sec)
    spec.claims = [c for c in spec.claims if c.section != n]
    if sec.table:
        _blank_table(spec, sec.table)
    if n < 6 and rng.random() < 0.5:  # the later parts renumbered to close the gap
        for s in spec.sections:
            if s.number > n:
                s.title = f"{NUMERALS[s.number - 2]}、{_heading_text(s)}"
    what = f"及其{TABLES[sec.table][:2]}" if sec.table else ""
    return Issue(kind="structure", severity="error",
                 description=f"报告缺少第{NUMERALS[n - 1]}部分“{_heading_text(sec)}”{what}，模板规定的六个部分不全。")


single("section_missing", "S101", "六个部分缺少一个（如整段漏掉行政复议、行政诉讼情况）。", _section_missing)


# ------------------------------------------------------------------ S102 a heading misnumbered


def _section_misnumbered(spec: ReportSpec, rng: random.Random) -> Issue | None:
    n = rng.randint(2, 6)
    sec = _section(spec, n)
    if sec is None:
        return None
    head = _heading_text(sec)
    # a malformed separator only where prose ends before the heading: after a table (parts 三 to 五)
    # a page scraped onto one line glues the heading to the last figure, and no reader sees a heading
    modes = ["repeat", "skip"] + (["separator"] if n in (2, 6) else [])
    mode = rng.choice(modes)
    if mode == "repeat":  # the numeral of the part before, copied with its heading
        sec.title = f"{NUMERALS[n - 2]}、{head}"
        what = f"第{NUMERALS[n - 1]}部分“{head}”的编号印作“{NUMERALS[n - 2]}、”，与上一部分重号"
    elif mode == "skip":  # one numeral skipped, the rest follow on
        for s in spec.sections:
            if s.number >= n:
                s.title = f"{NUMERALS[s.number]}、{_heading_text(s)}"
        what = f"第{NUMERALS[n - 1]}部分起各部分的编号依次印作“{NUMERALS[n]}、”起，跳过了“{NUMERALS[n - 1]}、”"
    else:
        sep = rng.choice(("，", " ", "：", ","))
        sec.title = f"{NUMERALS[n - 1]}{sep}{head}"
        what = f"第{NUMERALS[n - 1]}部分的标题写作“{sec.title}”，编号后缺少顿号"
    return Issue(kind="structure", severity="warning", description=f"{what}，与模板的顺序和格式不符。")


single("section_misnumbered", "S102", "某一部分的标题编号印错（重号、跳号）或编号格式不规范。", _section_misnumbered)


# ------------------------------------------------------------------ S103 the list of parts in the preamble

_PARTS = re.compile(r"由(?P<list>[^。；]+?)(?P<n>[一二三四五六七八九])个?部分组成")


def _parts_list(spec: ReportSpec, rng: random.Random) -> Issue | None:
    for i, p in enumerate(spec.preamble):
        m = _PARTS.search(p)
        if m is None:
            continue
        items = m.group("list").split("、")
        if len(items) != 6 or m.group("n") != "六":
            return None
        mode = rng.choice(("drop", "count", "fee"))
        review = next((j for j, it in enumerate(items) if "复议" in it), None)
        if mode == "drop" and review is not None:  # 复议诉讼 left out of the list, still “六个部分” (E9)
            dropped = items.pop(review)
            n = "六"
            what = f"开头称报告由“六个部分”组成，所列却只有五项，漏列“{dropped}”"
        elif mode == "fee":  # 信息处理费 listed as a part in place of 其他需要报告的事项
            old = items[-1]
            items[-1] = rng.choice(("信息处理费收取情况", "政府信息公开收费情况"))
            n = "六"
            what = f"开头所列各部分把“{old}”写作“{items[-1]}”"
        else:
            n = rng.choice(("五", "七"))
            what = f"开头所列六项，却称报告由“{n}个部分”组成"
        sep = "个部分" if "个部分" in m.group(0) else "部分"
        spec.preamble[i] = p[: m.start()] + "由" + "、".join(items) + n + sep + "组成" + p[m.end():]
        return Issue(kind="structure", severity="warning", description=f"{what}，与模板的六个部分不一致。")
    return None


single("parts_list_mismatch", "S103", "开头“本报告由……六部分组成”所列部分与模板不符（漏列、错列或数目不对）。", _parts_list)


# ------------------------------------------------------------------ S104 / S105 the title


def _title_no_year(spec: ReportSpec, rng: random.Random) -> Issue | None:
    spec.title = rng.choice((f"{spec.body}政府信息公开工作年度报告", f"{spec.body}政府信息公开年度报告"))
    return Issue(kind="structure", severity="error", description=f"标题“{spec.title}”未写明报告年度。")


single("title_no_year", "S104", "标题缺少报告年度。", _title_no_year)


def _title_no_body(spec: ReportSpec, rng: random.Random) -> Issue | None:
    spec.title = rng.choice((f"{spec.year}年政府信息公开工作年度报告", f"{spec.year}年度政府信息公开工作年度报告"))
    return Issue(kind="structure", severity="error", description=f"标题“{spec.title}”未写明报告机关。")


single("title_no_body", "S104", "标题缺少报告机关。", _title_no_body)


def _title_wording(spec: ReportSpec, rng: random.Random) -> Issue | None:
    year = rng.choice((f"{spec.year}年", f"{spec.year}年度"))
    kind = rng.choice(("工作报告", "工作报告", "工作总结", "工作情况报告"))
    about = rng.choice(("", "关于")) if kind != "工作总结" else ""
    spec.title = f"{spec.body}{about}{year}政府信息公开{kind}"
    return Issue(kind="structure", severity="warning",
                 description=f"标题“{spec.title}”把文种写作“{kind}”，应为“政府信息公开工作年度报告”。")


single("title_wording", "S105", "标题文种写作“工作报告”“工作总结”等，而非“工作年度报告”。", _title_wording)


# ------------------------------------------------------------------ S107 / S108 tables and rows left out


def _table_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    kind = rng.choice(("t2", "t3", "t4", "t4"))  # 表四 most often: “本年度无复议诉讼” and no table
    sec = next((s for s in spec.sections if s.table == kind), None)
    if sec is None:
        return None
    sec.table = None
    _blank_table(spec, kind)
    if kind == "t4" and not sec.paragraphs and rng.random() < 0.7:
        # the part says there were none and leaves the table out
        sec.paragraphs.append(rng.choice((
            "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼。",
            "本年度无政府信息公开行政复议、行政诉讼情况。",
        )))
    return Issue(kind="structure", severity="error",
                 description=f"第{NUMERALS[sec.number - 1]}部分没有{TABLES[kind]}，模板规定的三张统计表不全。")


single("table_missing", "S107", "三张统计表缺少一张（正文只有文字说明，表格整张漏掉）。", _table_missing)


def _all_zero(spec: ReportSpec, prefix: str) -> bool:
    keys = [k for k in spec.values if k.startswith(prefix)]
    return bool(keys) and all(spec.value(k) == 0 for k in keys)


def _rows_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    tpl = template.get(spec.version)
    # rows a clerk deletes because nothing happened: 规章 (a county cannot make them), 行政强制,
    # 表三's rarely used numbered sub-rows; never a block's only row, never （六）
    t2 = [r.key for b in tpl.t2_blocks if len(b.rows) > 1 for r in b.rows
          if r.key in ("regulations", "coercion") and _all_zero(spec, f"t2.{r.key}.")]
    t3 = [r.key for r in tpl.t3_rows
          if r.key.split(".")[0] in ("denied", "unavailable", "not_processed") and _all_zero(spec, f"t3.{r.key}.")]
    choices = [("t2", [k]) for k in t2]
    if t3:
        choices.append(("t3", sorted(rng.sample(t3, min(len(t3), rng.randint(1, 3))), key=t3.index)))
    if not choices:
        return None
    table, rows = rng.choice(choices)
    spec.omitted_rows.extend(f"{table}.{r}" for r in rows)
    _blank_table(spec, table, rows)
    labels = "、".join(f"“{tpl.row(table, r).label}”" for r in rows)  # type: ignore[union-attr]
    return Issue(kind="structure", severity="warning",
                 fields=[k for k in spec.values if k.startswith(tuple(f"{table}.{r}." for r in rows))],
                 description=f"{TABLES[table]}删去了模板规定的{len(rows)}行：{labels}（数值为0也应照表填报）。")


def _t2_heading_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    tpl = template.get(spec.version)
    # a block with a figure printed (a block of blank cells gives its place in a scraped page no anchor)
    blocks = [b for b in tpl.t2_blocks if any(f"t2.{r.key}" not in spec.omitted_rows and spec.values.get(f"t2.{r.key}.{c.key}")
                                              is not None for r in b.rows for c in b.columns)]
    if not blocks:
        return None
    b = rng.choice(blocks)
    # the first block without both lines cannot be read at all (no header before its first row): the
    # reader leaves its rows unread and S108 says they are missing, so that case is not injected
    what = rng.choice(("caption", "header") if b is tpl.t2_blocks[0] else ("caption", "header", "both"))
    dropped = {"caption": [b.caption], "header": [f"{b.caption}/header"], "both": [b.caption, f"{b.caption}/header"]}[what]
    spec.omitted_headings.extend(dropped)
    said = {"caption": f"标题行“{b.caption}”", "header": "表头行“信息内容……”", "both": f"标题行“{b.caption}”和表头行"}[what]
    rows = [r.key for r in b.rows if f"t2.{r.key}" not in spec.omitted_rows]
    return Issue(kind="structure", severity="warning",
                 fields=[k for k in spec.values if k.startswith(tuple(f"t2.{r}." for r in rows))],
                 description=f"表二删去了{said}（{b.caption}部分的数据行之前）。")


single("t2_heading_missing", "S118", "表二某一部分删去了模板规定的标题行（第二十条第（X）项）或表头行（信息内容……）。",
       _t2_heading_missing)


single("rows_missing", "S108", "表格删去了数值为0的行（如表二“规章”行、表三不予公开的若干子项）。", _rows_missing)


# ------------------------------------------------------------------ S109 / S113 / S114 labels and columns


def _row_label_variant(spec: ReportSpec, rng: random.Random) -> Issue | None:
    choices = [("t3", "denied.enforcement_file", rng.choice(("7.属于行政执法案件", "7.行政执法案件")))]
    if spec.version == "2021":  # 60号格式's wording, kept after 30号 renamed the row
        choices.append(("t2", "normative_docs", "规范性文件"))
    table, row, label = rng.choice(choices)
    spec.row_labels[f"{table}.{row}"] = label
    official = template.get(spec.version).row(table, row).label  # type: ignore[union-attr]
    cols = ([c.key for b in template.get(spec.version).t2_blocks if any(r.key == row for r in b.rows) for c in b.columns]
            if table == "t2" else [c.key for c in template.get(spec.version).t3_columns])
    return Issue(kind="structure", severity="warning", fields=[f"{table}.{row}.{c}" for c in cols],
                 description=f"{TABLES[table]}行标签“{official}”写作“{label}”。")


single("row_label_variant", "S109", "表格行标签与模板不一致（沿用旧格式的“规范性文件”、错字“行政执法案件”）。", _row_label_variant)

# header rewordings seen in real tables: still recognisable, but not the template's words
_COLUMN_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "2021": {
        "t2.issued": ("本年制发数量", "本年制发文件数"),
        "t2.repealed": ("本年废止数量", "本年废止文件数"),
        "t2.in_force": ("现行有效数量", "现行有效文件数"),
        "t2.decisions": ("处理决定件数", "本年处理决定件数"),
        "t2.amount": ("收费金额（元）", "本年收费金额（单位：元）"),
        "t4.upheld": ("维持原结果",),
    },
    "2019": {
        "t2.made": ("本年新制作件数",),
        "t2.published": ("本年新公开件数",),
        "t2.decisions": ("处理决定件数",),
        "t4.upheld": ("维持原结果",),
    },
}


def _scraped(spec: ReportSpec) -> bool:
    """This report's txt copy is a scraped page: one line, no table structure left. S113 and S114
    read headers only where a table keeps its structure (their yaml), so such a report cannot show
    a header defect; its other formats could, but the seed is skipped so every format is tested."""
    return render_options(spec.seed).txt_flavour == "scraped"


def _column_label_variant(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if _scraped(spec):
        return None
    key = rng.choice(sorted(_COLUMN_VARIANTS[spec.version]))
    written = rng.choice(_COLUMN_VARIANTS[spec.version][key])
    spec.column_labels[key] = written
    table, col = key.split(".")
    tpl = template.get(spec.version)
    labels = ([c for b in tpl.t2_blocks for c in b.columns] if table == "t2" else list(tpl.t4_outcomes))
    official = next(c.label for c in labels if c.key == col)
    return Issue(kind="structure", severity="warning",
                 description=f"{TABLES[table]}列标签“{official}”写作“{written}”。")


single("column_label_variant", "S113", "表格列标签与模板不一致（如“现行有效件数”写作“现行有效数量”）。",
       _column_label_variant)


def _extra_column(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if _scraped(spec):
        return None
    spec.subtotal_column = rng.choice(("小计", "法人或其他组织小计"))
    return Issue(kind="structure", severity="warning",
                 description=f"表三在“其他”与“总计”之间多出模板没有的“{spec.subtotal_column}”列。")


single("extra_column", "S114", "表三多出模板没有的“小计”列。", _extra_column)


# ------------------------------------------------------------------ S110 （六）其他处理 in one row


def _merged_other(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if spec.version != "2021" or spec.merged_other:
        return None
    tpl = template.get("2021")
    subs = [r for r in tpl.t3_row_keys() if r.startswith("other.")]
    for c in tpl.t3_columns:
        keys = [f"t3.{r}.{c.key}" for r in subs]
        blank = all(spec.values.get(k) is None for k in keys)
        marks = [spec.cell_text[k] for k in keys if k in spec.cell_text]
        spec.values[f"t3.other.total.{c.key}"] = None if blank else sum(spec.value(k) for k in keys)
        if blank and marks:
            spec.cell_text[f"t3.other.total.{c.key}"] = marks[0]
        for k in keys:
            spec.values.pop(k, None)
            spec.cell_text.pop(k, None)
    spec.merged_other = True
    return Issue(kind="structure", severity="warning", fields=[f"t3.other.total.{c.key}" for c in tpl.t3_columns],
                 description="表三仍按60号格式把“（六）其他处理”填作一行，未按30号格式分列三行。")


single("merged_other_rows", "S110", "2021年版表三把“（六）其他处理”的三行合并成一行填报。", _merged_other, version="2021")


# ------------------------------------------------------------------ S111 an obsolete heading

_OBSOLETE = (
    ("政府信息公开的收费及减免情况", ("本年度未收取政府信息公开相关费用，无减免情况。", "本年度未向申请人收取任何费用，不涉及减免。")),
    ("收费及减免情况", ("全年未收取检索、复制、邮寄等费用。",)),
    ("咨询处理情况", ("通过电话、网站留言和现场接待等渠道，及时解答群众关于政府信息公开的咨询。",
                      "对群众现场和电话咨询，做到有问必答、答复准确。")),
    ("机构建设和保障经费", ("政府信息公开工作由办公室负责，配备专（兼）职工作人员，工作经费纳入年度预算统筹安排。",)),
    ("政府信息公开咨询情况", ("依托政务服务热线和网站互动平台受理政府信息公开咨询，均已按时答复。",)),
)


def _obsolete_heading(spec: ReportSpec, rng: random.Random) -> Issue | None:
    one = _section(spec, 1)
    if one is None:
        return None
    heading, bodies = rng.choice(_OBSOLETE)
    body = rng.choice(bodies)
    subs = [p for p in one.paragraphs if re.match(r"（[一二三四五六七八九十]）", p)]
    numeral = NUMERALS[len(subs)]
    inline = bool(subs) and len(subs[-1]) > 16  # the report's own way: heading on its own line or not
    if inline:
        mark = subs[-1][len(subs[-1].split("。")[0].split("：")[0]):][:1] or "。"
        one.paragraphs.append(f"（{numeral}）{heading}{mark}{body}")
    else:
        one.paragraphs += [f"（{numeral}）{heading}", body]
    return Issue(kind="structure", severity="warning",
                 description=f"第一部分仍设有条例修订前的旧栏目“{heading}”，现行模板已无此项。")


single("obsolete_heading", "S111", "报告沿用条例修订前的旧栏目（收费及减免情况、咨询处理情况等）。", _obsolete_heading)


# ------------------------------------------------------------------ S112 no 统计期限

_PERIOD_SENTENCE = re.compile(r"[^。]*(?:统计|数据)[^。]*1月1日至[^。]*。")


def _period_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    for i, p in enumerate(spec.preamble):
        m = _PERIOD_SENTENCE.search(p)
        if m is None:
            continue
        # left out, or only the end date kept
        instead = rng.choice(("", f"本报告所列数据截至{spec.year}年12月31日。"))
        spec.preamble[i] = p[: m.start()] + instead + p[m.end():]
        if not spec.preamble[i]:
            del spec.preamble[i]
        return Issue(kind="structure", severity="warning",
                     description=f"报告未写明统计期限（{spec.year}年1月1日至{spec.year}年12月31日）。")
    return None


single("period_missing", "S112", "开头未写明统计期限。", _period_missing)
