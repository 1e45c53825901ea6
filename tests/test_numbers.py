"""Tests for extractor.extract.numbers: parsing single numbers and finding mentions in prose."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from extractor.extract.numbers import (
    date_parts,
    find_numbers,
    money_as_written,
    money_in_yuan,
    parse_number,
    wan_to_yuan,
    yuan_to_wan,
)
from extractor.model import NumberMention

# ---------------------------------------------------------------- helpers

_DIGITS = "零一二三四五六七八九"
_FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def _group(n: int, first: bool, liang: bool) -> str:
    """0 < n < 10000 in Chinese, with 零 for inner gaps; 十二 rather than 一十二 when it leads."""
    out: list[str] = []
    gap = False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // size % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        if d == 2 and liang and unit in ("千", "百"):
            out.append("两")
        elif not (d == 1 and unit == "十" and first and not out):
            out.append(_DIGITS[d])
        out.append(unit)
    return "".join(out)


def _cn(n: int, liang: bool = False, first: bool = True) -> str:
    """Standard Chinese rendering with 万/亿 grouping and 零 rules; `liang` writes 两 for 2 before 千/百/万/亿."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, ge = divmod(rest, 10**4)
    parts: list[str] = []
    if yi:
        parts.append(("两" if liang and yi == 2 else _cn(yi, liang, first)) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(("两" if liang and wan == 2 else _group(wan, first and not yi, liang)) + "万")
    if ge:
        if (yi or wan) and (ge < 1000 or not wan):
            parts.append("零")
        parts.append(_group(ge, first and not (yi or wan), liang))
    return "".join(parts)


def _kinds(text: str) -> list[str]:
    return [m.kind for m in find_numbers(text)]


def _only(text: str, kind: str) -> NumberMention:
    found = [m for m in find_numbers(text) if m.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_renderer_itself() -> None:
    assert _cn(10) == "十"
    assert _cn(12) == "十二"
    assert _cn(101) == "一百零一"
    assert _cn(110) == "一百一十"
    assert _cn(1050) == "一千零五十"
    assert _cn(12000) == "一万二千"
    assert _cn(100010) == "十万零一十"
    assert _cn(100001000) == "一亿零一千"
    assert _cn(350000000) == "三亿五千万"
    assert _cn(10**12) == "一万亿"
    assert _cn(2200, liang=True) == "两千两百"
    assert _cn(20000, liang=True) == "两万"
    assert _cn(22, liang=True) == "二十二"


# ---------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("0", 0),
        ("7", 7),
        ("1,234", 1234),
        ("1，234", 1234),
        ("12,345,678", 12345678),
        ("１２３", 123),
        ("０．５", Decimal("0.5")),
        ("32.781", Decimal("32.781")),
        ("3.00", Decimal("3.00")),
        (" 58 ", 58),
        ("-3", -3),
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零一", 101),
        ("两千三百", 2300),
        ("〇", 0),
        ("零", 0),
        ("一万二千", 12000),
        ("一万二", 12000),
        ("三百五", 350),
        ("十万零五", 100005),
        ("三亿五千万", 350000000),
        ("一万亿", 10**12),
        ("二〇二四", 2024),
        ("一九九八", 1998),
        ("壹佰", 100),
        ("贰拾叁", 23),
        ("仟", 1000),
        ("萬", 10000),
        ("伍萬陆仟", 56000),
        ("3.2万", 32000),
        ("1.5亿", 150000000),
        ("45.09万", 450900),
        ("12万5千", 125000),
        ("1.23456万", Decimal("12345.6")),
        ("十二点五", Decimal("12.5")),
        ("零点五", Decimal("0.5")),
    ],
)
def test_parse_number(written: str, value: int | Decimal) -> None:
    got = parse_number(written)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("written", ["", "abc", "十四五", "三五", "12.5%", "一千百", "万万"])
def test_parse_number_rejects(written: str) -> None:
    assert parse_number(written) is None


# ---------------------------------------------------------------- counts, approximations, ranges


@pytest.mark.parametrize(
    ("text", "value", "unit", "mention"),
    [
        ("本年度新收申请 3119 件，全部按期答复。", 3119, "件", "3119 件"),
        ("发布解读材料42篇。", 42, "篇", "42篇"),
        ("组织专题培训4期，效果良好。", 4, "期", "4期"),
        ("参训干部累计360人次。", 360, "人次", "360人次"),
        ("办理复议案件 27\n件，均已审结。", 27, "件", "27\n件"),
        ("全年公开文件八十六份。", 86, "份", "八十六份"),
        ("共受理申请一百零一件。", 101, "件", "一百零一件"),
        ("累计汇集目录条目8232万条。", 82320000, "条", "8232万条"),
        ("直播吸引约3.5万人次观看。", 35000, "人次", "约3.5万人次"),
        ("共收到１２３件申请。", 123, "件", "１２３件"),
        ("本年更新办事指南1,234条。", 1234, "条", "1,234条"),
        ("本年更新办事指南1，234条。", 1234, "条", "1，234条"),
    ],
)
def test_counts(text: str, value: int, unit: str, mention: str) -> None:
    m = _only(text, "count")
    assert (m.value, m.unit, m.text) == (value, unit, mention)
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "value", "mention"),
    [
        ("门户网站发布动态信息 6200 余条。", 6200, "6200 余条"),
        ("回复网民留言约45条。", 45, "约45条"),
        ("梳理公开事项近900项。", 900, "近900项"),
        ("处置舆情线索80多件。", 80, "80多件"),
        ("开展监督检查20次以上。", 20, "20次以上"),
        ("走访企业50家左右。", 50, "50家左右"),
        ("接待来访群众逾300人。", 300, "逾300人"),
        ("全年办理留言超过1500条。", 1500, "超过1500条"),
        ("累计访问人数上万人。", 10000, "上万人"),
        ("收集意见十余条。", 10, "十余条"),
        ("邀请专家二十多位参与评审。", 20, "二十多位"),
    ],
)
def test_approximations(text: str, value: int, mention: str) -> None:
    m = _only(text, "count")
    assert (m.value, m.text, m.approx) == (value, mention, True)


def test_exact_is_not_approx() -> None:
    assert _only("共办结申请58件。", "count").approx is False


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("每月更新3-5条动态。", 3, 5, "条"),
        ("每季度抽查3至5个栏目。", 3, 5, "个"),
        ("每次抽取三到五个样本。", 3, 5, "个"),
        ("预计新增两三件同类申请。", 2, 3, "件"),
        ("回访8件至12件。", 8, 12, "件"),
        ("参训人员三到五万人。", 30000, 50000, "人"),
    ],
)
def test_ranges(text: str, low: int, high: int, unit: str) -> None:
    m = _only(text, "count")
    assert (m.low, m.high, m.unit, m.approx) == (low, high, unit, True)
    assert m.value == low


# ---------------------------------------------------------------- percentages and money


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("公开比例为12.5%。", Decimal("12.5")),
        ("公开比例为12.5％。", Decimal("12.5")),
        ("公开比例为 12.5 %。", Decimal("12.5")),
        ("公开比例为百分之十二点五。", Decimal("12.5")),
        ("按期办结率达到100%。", Decimal("100")),
        ("满意度达百分之百。", Decimal("100")),
    ],
)
def test_percent(text: str, value: Decimal) -> None:
    m = _only(text, "percent")
    assert (m.value, m.unit) == (value, "%")
    assert isinstance(m.value, Decimal)


def test_percentage_points_are_not_percent() -> None:
    assert _kinds("公开率同比提高2.3个百分点。") == ["other"]


@pytest.mark.parametrize(
    ("text", "wan", "yuan", "written"),
    [
        ("本年收取信息处理费 3940 元。", Decimal("0.394"), Decimal("3940"), (3940, "元")),
        ("收费金额251000元。", Decimal("25.1"), Decimal("251000"), (251000, "元")),
        ("行政事业性收费32.781万元。", Decimal("32.781"), Decimal("327810"), (Decimal("32.781"), "万元")),
        ("项目总投资1.5亿元。", Decimal("15000"), Decimal("150000000"), (Decimal("1.5"), "亿元")),
        ("支出经费五千元。", Decimal("0.5"), Decimal("5000"), (5, "千元")),
        ("代收款项伍萬陆仟元。", Decimal("5.6"), Decimal("56000"), (56000, "元")),
        ("采购金额 984361 元。", Decimal("98.4361"), Decimal("984361"), (984361, "元")),
        (
            "采购金额156805947.43元。",
            Decimal("15680.594743"),
            Decimal("156805947.43"),
            (Decimal("156805947.43"), "元"),
        ),
        ("本年共收费0元。", Decimal("0"), Decimal("0"), (0, "元")),
    ],
)
def test_money(text: str, wan: Decimal, yuan: Decimal, written: tuple[int | Decimal, str]) -> None:
    m = _only(text, "money")
    assert m.unit == "万元"
    assert isinstance(m.value, Decimal)
    assert m.value == wan
    assert money_in_yuan(m) == yuan
    assert money_as_written(m) == written


def test_money_repr_has_no_exponent() -> None:
    assert str(_only("总投资1.5亿元。", "money").value) == "15000"
    assert str(yuan_to_wan(251000)) == "25.1"
    assert str(wan_to_yuan(Decimal("0.394"))) == "3940"


def test_money_range_shares_magnitude() -> None:
    m = _only("单个项目投入3-5万元。", "money")
    assert (m.low, m.high) == (Decimal("3"), Decimal("5"))


def test_money_in_yuan_needs_money() -> None:
    with pytest.raises(ValueError):
        money_in_yuan(_only("共办结申请58件。", "count"))


# ---------------------------------------------------------------- years and dates


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("2024年，本局持续深化公开。", 2024, None, None),
        ("2024 年，本局持续深化公开。", 2024, None, None),
        ("二〇二四年，本局持续深化公开。", 2024, None, None),
        ("二○二四年，本局持续深化公开。", 2024, None, None),
        ("本局2024年度公开工作如下。", 2024, None, None),
        ("2023—2024年的目录已合并。", 2023, 2023, 2024),
        ("2021年至2023年连续开展评议。", 2021, 2021, 2023),
    ],
)
def test_years(text: str, value: int, low: int | None, high: int | None) -> None:
    m = _only(text, "year")
    assert (m.value, m.low, m.high) == (value, low, high)
    assert "count" not in _kinds(text)


def test_duration_in_years_is_other() -> None:
    assert _kinds("实施三年行动计划。") == ["other"]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("统计期限自2024年1月1日起。", (2024, 1, 1)),
        ("材料须在1月31日前报送。", (None, 1, 31)),
        ("数据截止到12月31日。", (None, 12, 31)),
        ("页面更新于2024-01-17。", (2024, 1, 17)),
        ("新系统于2024.1.1上线。", (2024, 1, 1)),
        ("新系统于2024/1/1上线。", (2024, 1, 1)),
        ("二〇二五年三月十日印发。", (2025, 3, 10)),
        ("十二月份集中清理一次。", (None, 12, None)),
        ("2024 年 3 月 5 日召开会议。", (2024, 3, 5)),
    ],
)
def test_dates(text: str, parts: tuple[int | None, int | None, int | None]) -> None:
    m = _only(text, "date")
    assert date_parts(m) == parts


def test_month_range() -> None:
    m = _only("1-12月累计发布信息。", "date")
    assert (m.low, m.high) == (100, 1200)


def test_two_dates_of_a_period() -> None:
    found = find_numbers("统计时段为2024年1月1日至2024年12月31日。")
    assert [(m.kind, m.value) for m in found] == [("date", 20240101), ("date", 20241231)]


# ---------------------------------------------------------------- never a count

NEVER_COUNT = [
    # years and dates (they come back as year/date)
    "本机关2024年持续推进公开。",
    "截至2024 年底，目录已更新。",
    "二〇二四年，我局完善了制度。",
    "2023—2024年度工作总结已发布。",
    "本次统计从2024年1月1日开始。",
    "材料请于1月31日前报送。",
    "数据更新到12月31日。",
    "页面最后更新：2024-01-17。",
    "系统自2024.1.1起运行。",
    # times, phones, post codes, addresses, mail, web
    "会议于15:35准时开始。",
    "会议于15：35准时开始。",
    "咨询可致电0591-23165370。",
    "联系电话：0517-83605210，工作日接听。",
    "市民可拨打12345热线反映诉求。",
    "服务热线：12345。",
    "也可致电（0591）23165370咨询。",
    "手机13912345678可接收短信。",
    "通信地址邮编：223001。",
    "来信请寄邮政编码350400的地址。",
    "意见可发送至gkb2024@example.com。",
    "也可发送至12345678@qq.com。",
    "详见https://www.example.gov.cn/zwgk/2024/0117_12.html。",
    "办公地点设在人民路8号。",
    "办公室位于主楼14层。",
    # article, document and standard numbers
    "依据条例第二十条予以公开。",
    "属于第五十条第（四）项规定的情形。",
    "收费按国办函〔2020〕109号执行。",
    "按照国办公开办函〔2021〕30号的格式编制。",
    "依照国务院办公厅[2019]60号通知办理。",
    "根据国务院令第711号修订后的条例办理。",
    "按国令第 711 号的要求办理。",
    "根据30号文要求调整表格。",
    "执行DB51/T 2660—2019地方标准。",
    "参照GB/T 7714-2015著录。",
    # list markers and ordinals
    "一是强化培训。",
    "二是完善平台。",
    "第三，加强监督。",
    "（一）主动公开情况",
    "(1)做好政策解读",
    "加强学习。\n1.完善制度",
    "完善制度；2、健全机制",
    "工作要求：3. 及时更新",
    "按1.2.3版本的模板填报。",
    # set phrases
    "落实“三安全一稳定”要求。",
    "持续推进一网通办。",
    "谋划十四五期间的公开重点。",
    "打造一站式服务平台。",
    "推进一体化平台建设。",
    "落实一把手负责制。",
    "坚持一事一议。",
    "严格执行三审三校制度。",
    "深入学习党的二十大精神。",
    "贯彻二十届二中、三中全会精神。",
    "推动高效办成一件事。",
    "十四届全国人大二次会议期间收到建议。",
    "统一部署公开工作。",
    "进一步规范公开流程。",
    "推进5G网络覆盖。",
    "发布PM2.5监测数据。",
    "该申请涉及三类内部事务，已作说明。",
]


@pytest.mark.parametrize("text", NEVER_COUNT)
def test_never_a_count(text: str) -> None:
    assert "count" not in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "咨询可致电0591-23165370。",
        "联系电话：0517-83605210，工作日接听。",
        "收费按国办函〔2020〕109号执行。",
        "根据国务院令第711号修订后的条例办理。",
        "依据条例第二十条予以公开。",
        "一是强化培训。",
        "持续推进一网通办。",
        "执行DB51/T 2660—2019地方标准。",
        "会议于15:35准时开始。",
        "意见可发送至gkb2024@example.com。",
    ],
)
def test_not_returned_at_all(text: str) -> None:
    assert find_numbers(text) == []


def test_hotline_and_address_are_other() -> None:
    assert _kinds("市民可拨打12345热线。") == ["other"]
    found = find_numbers("办公地点设在人民路8号。")
    assert [(m.kind, m.unit) for m in found] == [("other", "号")]


def test_four_quarters_is_a_count() -> None:
    m = _only("全年四个季度均开展检查。", "count")
    assert (m.value, m.unit) == (4, "个")


def test_rate_is_other() -> None:
    assert _kinds("每3个月通报一次。") == ["other", "count"]  # 一次 is a count of its own


def test_table_rows_are_other() -> None:
    found = find_numbers("行政许可 40544\t0\t0\n规章 1 0 11")
    assert [m.kind for m in found] == ["other"] * 6
    assert [m.value for m in found] == [40544, 0, 0, 1, 0, 11]


def test_pdf_sentence() -> None:
    text = "全市共受理申请 3119 件，答\n复 3050 件（含上年结转 34 件，另有 103 件顺延到下年度\n答复）。"
    counts = [m.value for m in find_numbers(text) if m.kind == "count"]
    assert counts == [3119, 3050, 34, 103]


def test_offsets_point_into_the_original() -> None:
    text = "共收到１２３件申请，约 45 条留言，占比１２．５％。"
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find_numbers(text)] == ["１２３件", "约 45 条", "１２．５％"]


# ---------------------------------------------------------------- properties


@given(st.integers(0, 10**12), st.booleans())
def test_chinese_numerals_round_trip(n: int, liang: bool) -> None:
    assert parse_number(_cn(n, liang)) == n


@given(st.integers(1, 10**12), st.booleans())
def test_chinese_count_in_a_sentence(n: int, liang: bool) -> None:
    m = _only(f"共收到申请{_cn(n, liang)}件", "count")
    assert (m.value, m.unit) == (n, "件")


@given(st.integers(0, 10**12))
def test_thousands_separators_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "，")) == n


@given(st.integers(0, 10**12))
def test_full_width_integers_round_trip(n: int) -> None:
    assert parse_number(str(n).translate(_FULL)) == n


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_full_width_decimals_round_trip(d: Decimal) -> None:
    written = format(d, "f")
    if "." not in written:
        written += ".0"
    assert parse_number(written.translate(_FULL)) == d


@given(st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False))
def test_money_in_yuan_converts_exactly(yuan: Decimal) -> None:
    m = _only(f"本年收取费用{format(yuan, 'f')}元。", "money")
    assert m.value * 10000 == yuan
    assert money_in_yuan(m) == yuan


@given(st.decimals(min_value=0, max_value=10**8, places=4, allow_nan=False, allow_infinity=False))
def test_money_in_wan_is_kept(wan: Decimal) -> None:
    m = _only(f"收费金额{format(wan, 'f')}万元", "money")
    assert m.value == wan


@given(st.integers(0, 10**12), st.sampled_from(["", " ", "\n"]))
@example(n=4_000_000_000, gap="")  # the digits of a 400 hotline, but a count: its unit follows
def test_one_count_per_sentence(n: int, gap: str) -> None:
    found = find_numbers(f"共收到申请{n}{gap}件")
    assert len(found) == 1
    assert (found[0].kind, found[0].value, found[0].unit) == ("count", n, "件")


_BEFORE = ["", "截至", "本机关于", "电话：", "请在", "约", "自", "，", "联系方式 "]
_AFTER = ["", "。", "前完成", "起施行", "件", "个工作日内答复", "，共收到申请"]


@st.composite
def _year_date_or_phone(draw: st.DrawFn) -> str:
    y = draw(st.integers(1900, 2100))
    mo = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    area = draw(st.integers(10, 999))
    local = draw(st.integers(1_000_000, 99_999_999))
    mobile = draw(st.integers(3, 9)) * 10**9 + draw(st.integers(0, 10**9 - 1))
    forms = [
        f"{y}年",
        f"{y} 年",
        f"{y}年{mo}月",
        f"{y}年{mo}月{d}日",
        f"{mo}月{d}日",
        f"{y}-{mo:02d}-{d:02d}",
        f"{y}.{mo}.{d}",
        f"{y}/{mo}/{d}",
        f"0{area}-{local}",
        f"{mo % 24}:{d:02d}",
    ]
    before = draw(st.sampled_from(_BEFORE))
    if draw(
        st.booleans()
    ):  # a mobile number; one followed by a measure word reads as a count (13000000000件)
        return before + f"1{mobile:010d}" + draw(st.sampled_from([a for a in _AFTER if a != "件"]))
    return before + draw(st.sampled_from(forms)) + draw(st.sampled_from(_AFTER))


@given(_year_date_or_phone())
def test_years_dates_phones_are_never_counts(text: str) -> None:
    assert "count" not in _kinds(text)
