"""Defects of stale and late reports (Y607–Y610, C703) and of who signed (S115).

The signature (落款) is `spec.closing`: the body, then the date. A report copied from last year
keeps last year's dates; one copied from another body keeps its signature; one published late
carries a later date on its page and under its text.
"""

from __future__ import annotations

import random

from ..spec import Issue, ReportSpec
from . import single
from .enumerations import paired

# ------------------------------------------------------------------ S115 signed by another body

_OTHER_BODIES = ("财政局", "统计局", "司法局", "民政局", "审计局", "水利局", "商务局", "农业农村局")


def _signed_by_other(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if len(spec.closing) < 2:
        return None
    others = [b for b in _OTHER_BODIES if not spec.body.endswith(b)]
    other = spec.region + rng.choice(others)
    spec.closing[0] = other
    return Issue(kind="other", severity="warning",
                 description=f"标题为{spec.body}的报告，落款却是{other}，疑套用其他机关的报告。")


single("signed_by_other_body", "S115", "落款机关与标题中的报告机关不同。", _signed_by_other)


# ------------------------------------------------------------------ Y608 the signature of the report year


def _signed_in_report_year(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if len(spec.closing) < 2 or f"{spec.year + 1}年" not in spec.closing[1]:
        return None
    spec.closing[1] = spec.closing[1].replace(f"{spec.year + 1}年", f"{spec.year}年", 1)
    return Issue(kind="year", severity="warning",
                 description=f"{spec.year}年度报告落款为{spec.closing[1]}，早于报告年度结束，沿用上年落款未改年份。")


single("signature_report_year", "Y608", "落款日期写成报告年度本身（沿用上年落款）。", _signed_in_report_year)


# ------------------------------------------------------------------ Y610 published after the deadline


def _published_late(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if len(spec.closing) < 2 or not spec.publish_date:
        return None
    y = spec.year + 1
    if spec.body_kind == "部门" and spec.year >= 2019:
        month, day = rng.choice(((2, rng.randint(3, 27)), (3, rng.randint(1, 30))))
    else:
        month, day = rng.choice(((4, rng.randint(2, 29)), (5, rng.randint(1, 30))))
    spec.publish_date = f"{y}-{month:02d}-{day:02d}"
    spec.closing[1] = f"{y}年{month}月{day}日"
    return Issue(kind="other", severity="warning",
                 description=f"{spec.year}年度报告{y}年{month}月{day}日才公布，晚于条例第四十九条规定的期限。")


single("published_late", "Y610", "报告公布晚于条例第四十九条的期限。", _published_late)


# ------------------------------------------------------------------ C703 the 2019 format notice cited in 2021+


def _old_notice(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if spec.year < 2021 or not spec.preamble or "国办公开办函〔2021〕30号" not in spec.preamble[0]:
        return None
    spec.preamble[0] = spec.preamble[0].replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号", 1)
    return Issue(kind="other", severity="warning",
                 description=f"{spec.year}年度报告仍称依据国办公开办函〔2019〕60号编写。")


single("old_format_notice", "C703", "2021年度起的报告仍引用2019年的格式通知。", _old_notice)


# ------------------------------------------------------------------ Y607 a cut-off date of last year


def _cutoff(spec: ReportSpec, rng: random.Random, defective: bool) -> Issue | None:
    y = spec.year - 1 if defective else spec.year
    first = next((s for s in spec.sections if s.number == 1), None)
    if first is None or not first.paragraphs:
        return None
    line = rng.choice((
        f"截至{y}年12月31日，门户网站政府信息公开专栏运行平稳。",
        f"截止{y}年底，政府信息公开目录已全部完成更新。",
        f"截至{y}年12月底，各类公开栏目均按期维护。",
    ))
    i = rng.randrange(len(first.paragraphs))
    first.paragraphs[i] = first.paragraphs[i] + line
    return Issue(kind="year", severity="warning", description=f"正文“{line}”的截止日期是上一年度，沿用上年文字。")


paired("cutoff_last_year", "Y607", "正文“截至”的日期是上一年度（沿用上年文字）。", _cutoff)


# ------------------------------------------------------------------ Y609 the report naming itself another year


def _self_named(spec: ReportSpec, rng: random.Random, defective: bool) -> Issue | None:
    if not spec.preamble:
        return None
    y = spec.year - 1 if defective else spec.year
    line = rng.choice((
        f"现编制完成{spec.body}{y}年政府信息公开工作年度报告。",
        f"特向社会公布《{spec.body}{y}年政府信息公开工作年度报告》。",
    ))
    spec.preamble[0] = line + spec.preamble[0]
    return Issue(kind="year", severity="warning", description=f"开头称编制的是{y}年度报告，与标题年度不符。")


paired("self_named_other_year", "Y609", "报告开头称编制的是另一年度的报告。", _self_named)
