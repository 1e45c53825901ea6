"""Numbers written in report prose: parse one number, or find every number mention in a text.

`parse_number` reads one written number: Arabic digits (with 1,234 / 1，234 separators, full-width
digits, decimals), Chinese numerals (一百零一, 两千三百, 二〇二四, 一万二, 三亿五千万), financial
capitals (壹佰, 贰拾叁, 仟, 萬), Arabic digits with Chinese magnitudes (3.2万, 1.5亿, 12万5千) and
点 decimals (十二点五). A value written with a decimal point is an exact `Decimal`; everything
else is an `int` (a scaled value such as 3.2万 is an `int` when it comes out whole).

`find_numbers` returns one `NumberMention` per number in a prose string, with the measure word
or unit after it, approximation words (约/近/逾/超过/多达/上万 … before it, 余/多/来/几 between it
and its unit, 左右/以上/以下/上下/有余 after) and ranges (3-5件, 3至5件, 三到五个, 两三件, 3-5万元 =
3万 to 5万). A range has `low`/`high`, `value` is `low`, and `approx` is True (except for ranges of
years or months). Offsets (and `text`) refer to the string as given, full-width characters included;
spaces and one line break between a number and its unit are allowed (PDF text: 「3119 件」,
「351\\n件」).

Kinds:
- count: a number followed by a measure word (件 宗 条 个 次 篇 期 场 人 项 份 家 起 批 …, 人次 …).
- money: 元/圆 with any magnitude (千元, 万元, 亿元, 3.2万元). `value` is in 万元 (exact `Decimal`)
  and `unit` is "万元"; `money_in_yuan` gives the 元 amount, `money_as_written` the amount in the
  unit the text used (3940元 → (3940, "元")).
- percent: 12.5%, 12.5％, 百分之十二点五 → `Decimal`, unit "%".
- year: 2024年, 2024 年, 二〇二四年, 2024年度; a range 2023—2024年 has `low`/`high`.
- date: 2024年1月1日, 1月31日, 12月, 2024-01-17, 2024.1.1, 2024/1/1, a month range 1-12月.
  `value` is an int YYYYMMDD with missing parts 0 (1月31日 → 131); see `date_parts`.
- other: a number with a unit that is not a count (个工作日, 个月, 天, 小时, 个百分点, 倍, 号, 层,
  年 as a duration …) or an Arabic number with no unit at all (unit None; a table cell, a hotline).
  An Arabic number after 每 (a rate: 每3个月) is "other" too; a Chinese one (每一件) is dropped.

Never returned (not numbers of anything): document numbers (国办函〔2020〕109号, [2021]30号,
（2021）30号, 30号文), ordinals with 第 (第二十条, 第五十条第（四）项, 国务院令第711号, 国令第 711 号,
第三), list markers ((一), （1）, 1. and 2、 at the start of a line or clause), phone numbers
(0591-23165370, (0591)2316537, mobiles, 400/800 numbers, anything after 电话/传真/手机/热线：),
post codes (邮编：223001), times (15:35), e-mail addresses and URLs, standard numbers
(DB51/T 2660—2019, GB/T 7714-2015), dotted section/version numbers (1.2.3), digits glued to Latin
letters (5G, PM2.5, COVID-19), and set phrases: 十四五/十三五…, 二十大/十九大…, 二十届…, …届…次
会议, 一网通办, 一站式, 一体化, 一把手, 一件事, 一次性, 一部分, 一条龙, 一张网, 三安全一稳定, 四个
意识 …, any 一X一Y/三X三Y (一事一议, 三审三校, 一人一档). Chinese numerals are reported only when a
unit follows them, so 一是, 二中全会, 四最 give nothing; nor do 统一/唯一/之一/逐一 ….
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, localcontext
from typing import Literal

from extractor.model import Number, NumberMention

__all__ = [
    "date_parts",
    "find_numbers",
    "money_as_written",
    "money_in_yuan",
    "parse_number",
    "wan_to_yuan",
    "yuan_to_wan",
]

Kind = Literal["count", "money", "percent", "year", "date", "other"]

# ---------------------------------------------------------------- characters

_FOLD: dict[str, str] = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "．": ".",
    "％": "%",
    "﹪": "%",
    "－": "-",
    "−": "-",
    "～": "~",
    "／": "/",
    "＠": "@",
    "○": "〇",
    "兩": "两",
}  # one character for one character, so offsets in the folded text stay valid
_FULLWIDTH = str.maketrans(_FOLD)

_CN_DIGIT: dict[str, int] = {
    "零": 0, "〇": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_CN_MULT: dict[str, int] = {
    "十": 10, "拾": 10,
    "百": 100, "佰": 100,
    "千": 1000, "仟": 1000,
    "万": 10**4, "萬": 10**4,
    "亿": 10**8, "億": 10**8,
}  # fmt: skip
_CAPITALS = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億")
_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_MULT)
_CN_START = "一二两三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾"

# ---------------------------------------------------------------- parse_number

_AR_WHOLE = re.compile(r"[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?")
_AR_TOKEN = re.compile(r"(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?")


def parse_number(s: str) -> Number | None:
    """One written number → int, or exact Decimal when written with a decimal point; else None."""
    s = s.translate(_FULLWIDTH).strip()
    if not s:
        return None
    if _AR_WHOLE.fullmatch(s):
        return _arabic(s)
    return _compound(s)


def _arabic(s: str) -> Number:
    s = s.replace(",", "").replace("，", "")
    return Decimal(s) if "." in s else int(s)


def _whole(d: Decimal) -> Number:
    """A scaled value: int when whole, else a Decimal without trailing zeros."""
    if d == d.to_integral_value():
        return int(d)
    return d.normalize()


def _compound(s: str) -> Number | None:
    """Chinese numerals, capitals and Arabic digits with Chinese magnitudes."""
    if "点" in s:
        head, _, tail = s.partition("点")
        whole = _compound(head) if head else 0
        if not isinstance(whole, int) or not tail:
            return None
        frac = []
        for c in tail:
            if c.isdigit() and c.isascii():
                frac.append(c)
            elif c in _CN_DIGIT and c != "两":
                frac.append(str(_CN_DIGIT[c]))
            else:
                return None
        return Decimal(f"{whole}.{''.join(frac)}")
    tokens = _tokens(s)
    if tokens is None:
        return None
    if not any(isinstance(t, str) for t in tokens):
        return _digit_run(s, tokens)
    with localcontext() as ctx:
        ctx.prec = 60
        value = _sections(tokens)
    if value is None:
        return None
    return _whole(value) if isinstance(value, Decimal) else value


# a token is a number (零/〇 are 0) or a multiplier character
_Token = int | Decimal | str


def _tokens(s: str) -> list[_Token] | None:
    out: list[_Token] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isascii() and c.isdigit():
            m = _AR_TOKEN.match(s, i)
            if m is None:  # pragma: no cover - a digit always starts a token
                return None
            out.append(_arabic(m.group()))
            i = m.end()
            continue
        if c in _CN_MULT:
            out.append(c)
        elif c in _CN_DIGIT:
            out.append(_CN_DIGIT[c])
        else:
            return None
        i += 1
    return out


def _digit_run(s: str, tokens: list[_Token]) -> Number | None:
    """No multipliers: one number, or digits read one by one (二〇二四)."""
    if len(tokens) == 1:
        return tokens[0] if not isinstance(tokens[0], str) else None
    if "两" in s or not all(c in _CN_DIGIT for c in s):
        return None
    if len(s) < 3 and not any(c in "零〇" for c in s):
        return None  # 三五, 两三: a loose range, not a number
    return int("".join(str(_CN_DIGIT[c]) for c in s))


def _sections(tokens: list[_Token]) -> Number | None:
    """Positional reading with 万/亿 sections, 零 gaps and the 一万二 (= 12000) abbreviation."""
    total: Number = 0  # the 亿 part
    wan: Number = 0  # the 万 part
    cur: Number = 0  # below 万
    digit: Number | None = None
    small = 10**4  # last 十/百/千 of this section; they must come in decreasing order
    prev_mult = 0  # multiplier right before the pending digit (0 after 零)
    seen_wan = seen_yi = False
    for i, tok in enumerate(tokens):
        if not isinstance(tok, str):
            if tok == 0 and i > 0:  # 零 marks a gap: 一百零一
                if digit is not None:
                    return None
                prev_mult = 0
                continue
            if digit is not None:
                return None  # two numbers in a row: 十四五
            digit = tok
            continue
        m = _CN_MULT[tok]
        if m < 10**4:
            if m >= small:
                return None
            if digit is None:
                if m != 10 and i != 0:
                    return None
                digit = 1  # 十二, and 百/千 standing first (百分之百, 上千)
            cur += digit * m
            small = m
        else:
            part = cur + (digit if digit is not None else 0) + (wan if m > 10**4 else 0)
            if digit is None and part == 0:
                if i != 0:
                    return None
                part = 1  # 万 standing first (上万)
            if m == 10**4:
                if seen_wan:
                    return None
                wan, seen_wan = part * m, True
            else:
                if seen_yi:
                    return None
                total, wan = part * m, 0
                seen_yi, seen_wan = True, False
            cur, small = 0, 10**4
        digit = None
        prev_mult = m
    if digit is not None:
        if prev_mult >= 100 and isinstance(digit, int) and digit < 10:
            digit *= prev_mult // 10  # 一万二 = 12000, 三百五 = 350
        cur += digit
    return total + wan + cur


# ---------------------------------------------------------------- money helpers


def yuan_to_wan(yuan: Number) -> Decimal:
    """元 → 万元, exactly."""
    with localcontext() as ctx:
        ctx.prec = 60
        return _money(Decimal(yuan).scaleb(-4))


def wan_to_yuan(wan: Number) -> Decimal:
    """万元 → 元, exactly."""
    with localcontext() as ctx:
        ctx.prec = 60
        return _money(Decimal(wan).scaleb(4))


def _money(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (15000, not 1.5E+4)."""
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def money_in_yuan(m: NumberMention) -> Decimal:
    """The 元 amount of a money mention (its `value` is in 万元): 「3940元」 → Decimal("3940")."""
    if m.kind != "money":
        raise ValueError(f"不是金额：{m.text}")
    return wan_to_yuan(m.value)


_WRITTEN_UNIT = re.compile(r"(百万|千万|万|亿|千)?[ \t\u3000\xa0\r\n]*[元圆]")
_SCALE = {"": 1, "千": 1000, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8}


def money_as_written(m: NumberMention) -> tuple[Number, str]:
    """The amount in the unit the text used: 「3940元」 → (3940, "元"), 「1.5亿元」 → (1.5, "亿元").

    The unit is 元 with the magnitude written right before it (万元, 亿元, 千元; 五千元 → (5, "千元")).
    """
    units = _WRITTEN_UNIT.findall(m.text)
    prefix = units[-1] if units else ""
    yuan = money_in_yuan(m)
    with localcontext() as ctx:
        ctx.prec = 60
        amount = _whole(yuan / _SCALE[prefix]) if prefix else _whole(yuan)
    return amount, prefix + "元"


def date_parts(m: NumberMention) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a date or year mention; parts the text does not give are None."""
    if m.kind == "year":
        return int(m.value), None, None
    if m.kind != "date":
        raise ValueError(f"不是日期：{m.text}")
    v = int(m.value)
    y, md = divmod(v, 10000)
    mo, d = divmod(md, 100)
    return y or None, mo or None, d or None


# ---------------------------------------------------------------- find_numbers: patterns
#
# Speed: `re` tries an alternation at every position, which is slow for two dozen alternatives.
# So the master pattern starts with one character class (re skips non-matching characters in C)
# and runs the alternatives in a lookahead from that character. Every alternative starts with a
# literal or a class, so the ones that cannot match fail on their first character. A negative
# look-behind that must see the character before a mention is written after that first
# character: `[0-9](?<![A-Za-z].)` = a digit not preceded by a letter.


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SP = r"[ \t\u3000\xa0]*"
_GAP = _SP + r"(?:\r?\n" + _SP + ")?"  # spaces and at most one line break

COUNT_UNITS = (
    "人次", "件次", "个次", "户次", "场次", "批次", "条次", "篇次", "家次", "部门", "部分",
    "件", "宗", "条", "个", "次", "篇", "期", "场", "人", "项", "份", "家", "起", "批", "类",
    "册", "部", "处", "名", "位", "户", "套", "台", "辆", "所", "张", "页", "封", "例", "笔",
    "轮", "组", "支", "幅", "则", "种", "款",
)  # fmt: skip
OTHER_UNITS = (
    "个工作日", "工作日", "个百分点", "百分点", "个月", "个小时", "小时", "分钟", "秒钟", "秒",
    "天", "日", "周", "岁", "倍", "平方公里", "平方米", "公里", "千米", "公顷", "亩", "吨",
    "公斤", "千克", "号", "层", "楼", "室", "栋", "幢", "分", "‰", "月",
)  # fmt: skip
MONEY_UNITS = ("百万元", "千万元", "万元", "亿元", "千元", "元", "圆")
_YEAR_UNITS = ("年度", "年")

_UNIT_KIND: dict[str, Kind] = {
    **{u: "count" for u in COUNT_UNITS},
    **{u: "other" for u in OTHER_UNITS},
    **{u: "money" for u in MONEY_UNITS},
    **{u: "year" for u in _YEAR_UNITS},
    "%": "percent",
}
_MONEY_SCALE = {
    "百万元": 10**6,
    "千万元": 10**7,
    "万元": 10**4,
    "亿元": 10**8,
    "千元": 1000,
    "元": 1,
    "圆": 1,
}
_UNITS = (
    _alt(_UNIT_KIND)
    .replace("元", "元(?![化素首])")  # 一元化, 元素, 元首 are not money
    .replace("起", "起(?!施行|执行|实施|生效|计算|算)")  # 起 = from, not a case
)

_APPROX_AFTER = "左右|以上|以下|以内|上下|有余|之多"
_TAIL = re.compile(
    f"{_GAP}(?:(?P<sfx>[余多来几]){_GAP})?(?P<unit>{_UNITS})(?:{_SP}(?P<post>{_APPROX_AFTER}))?"
)
_POST = re.compile(_SP + "(?:" + _APPROX_AFTER + ")")
_PRE_APPROX = re.compile(
    r"(?:大约|将近|接近|超过|多达|至少|不少于|不低于|不超过|不足|不到|不满|未满|少于|低于|约|近|逾|超)" + _SP + "$"
)

_CN_ANY = "[" + _CN_CHARS + "]"
# 统一, 唯一, 之一, 星期一 …; 廿一/卅五 (20 and 30 written in one character) are not read as 一/五
_CN_NOT_AFTER = _CN_CHARS + "统唯之逐同单万专划不归进其星期周拜初每廿卅"
_CN_UNITS = _alt(
    (
        *COUNT_UNITS,
        *MONEY_UNITS,
        *_YEAR_UNITS,
        "%",
        "个工作日",
        "个月",
        "天",
        "小时",
        "日",
        "月",
        "倍",
        "岁",
        "周",
    )
)
_CN_NUM = (
    f"[{_CN_START}](?<![{_CN_NOT_AFTER}].){_CN_ANY}*(?:点[零〇一二三四五六七八九]+)?"
    # a Chinese numeral counts only when a unit (or a range to one) follows it
    f"(?={_GAP}(?:[余多来几]{_GAP})?(?:{_CN_UNITS})|{_SP}(?:[-—–~]|至|到){_SP}[{_CN_START}]"
    # or the same figure in digits in brackets, then its unit (十五（15）件)
    rf"|{_SP}[（(]{_SP}\d+{_SP}[)）]{_GAP}(?:{_CN_UNITS}))"
)
_THOUSANDS = r"\d{0,2}(?:,\d{3})+(?!\d)"  # 1,234
_THOUSANDS_FW = (
    r"\d{0,2}(?:，\d{3})+(?=" + _GAP + "[余多]?" + _GAP + "(?:" + _UNITS + "))"
)  # 1，234件, only before a unit
# 1 234件, 10 407条, 1 234.5万元: thousands set apart by one space (typesetters, converters), only before a unit —
# two bare figures side by side are a table row
_THOUSANDS_SP_TAIL = r"(?:[ \xa0]\d{3})+(?!\d)(?=(?:\.\d+)?" + _GAP + "[余多]?" + _GAP + "(?:" + _UNITS + "))"
_THOUSANDS_SP = r"\d{0,2}" + _THOUSANDS_SP_TAIL
_MAGNITUDE = _SP + r"[百千万亿]+(?:\d+[百千]+)*"  # 3.2万, 12万5千
_AR_BODY = (
    "(?:" + _THOUSANDS + "|" + _THOUSANDS_FW + "|" + _THOUSANDS_SP + r"|\d*)(?:\.\d+)?(?:" + _MAGNITUDE
    + ")?(?![A-Za-z0-9@])"
)
_AR_NUM = r"[0-9](?<![A-Za-z0-9._@/\\\-].)" + _AR_BODY
_AR_AT = re.compile("[0-9]" + _AR_BODY)

_DAY_AR = _GAP + r"\d{1,2}(?!\d)" + _GAP + "[日号]"
_DAY_CN = f"{_GAP}(?:[一二三十][一二三四五六七八九十]?[一二三四五六七八九十]?|[四五六七八九]){_GAP}[日号]"
_DATES = (
    # 2024-01-17, 2024.1.1, 2024/1/1
    r"[12](?<![0-9].)\d{3}" + _SP + r"[-/.]" + _SP + r"\d{1,2}" + _SP + r"[-/.]" + _SP + r"\d{1,2}(?![\d.])",
    # 2024年1月1日, 2024年12月, 1月31日, 12月份
    r"[0-9](?<![0-9].)(?:\d{3}" + _GAP + "年" + _GAP + r"\d{1,2}|\d?)(?!\d)" + _GAP + "月(?:份|" + _DAY_AR + ")?",
    # 二〇二四年一月一日, 十二月三十一日
    "[一二](?<![" + _CN_NOT_AFTER + "].)[〇零一二三四五六七八九]{3}" + _GAP + "年" + _GAP
    + "(?:十[一二]?|[一二三四五六七八九])" + _GAP + "月(?:份|" + _DAY_CN + ")?",
    "[一二三四五六七八九十](?<![" + _CN_NOT_AFTER + "].)(?:(?<=十)[一二])?" + _GAP + "月(?:份|" + _DAY_CN + ")?",
)  # fmt: skip
_DATE_PARTS = re.compile(
    r"(?:(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*)?(?P<m>\d{1,2}|[十一二三四五六七八九]{1,2})\s*月"
    r"(?:份|\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
)
_ISO_PARTS = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
#: no count unit after the digits (a phone number is never followed by 件)
_NO_UNIT_AFTER = "(?!" + _GAP + "[余多]?" + _GAP + "(?:" + _UNITS + "))"

_HAN_WORD = "[\u4e00-\u9fff](?<![" + _CN_CHARS + "])"  # a Han character that is not a numeral
_IDIOMS = (
    "十四五", "十三五", "十二五", "十一五", "十五五", "二十大", "十九大", "十八大", "十七大",
    "一网通办", "一网统管", "一网协同", "一站式", "一体化", "一把手", "一件事", "一次性", "一次办",
    "跑一次", "一部分", "一条龙", "一条心", "一本账", "一张网", "一张图", "一张蓝图", "一家亲",
    "一起", "三安全一稳定", "两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "三个代表",
    "三位一体", "五位一体", "八项规定", "三重一大", "一带一路", "一国两制", "两学一做", "三会一课",
    "双随机一公开", "价比三家", "三类内部事务", "四类过程性",
)  # fmt: skip
_SKIPS = (
    r"https?://[A-Za-z0-9./?=&_%#:~+\-]+",
    r"www\.[A-Za-z0-9./?=&_%#:~+\-]+",
    r"[A-Za-z][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",  # 12345@qq.com: see _AR_BODY
    # document numbers: 〔2020〕109号, [2021]30号, （2021）30号, 30号文
    r"[〔\[［【]" + _SP + r"[12]\d{3}" + _SP + r"[〕\]］】]" + _SP + r"(?:第" + _SP + r")?(?:\d+" + _SP + "号)?",
    r"[（(]" + _SP + r"[12]\d{3}" + _SP + r"[)）]" + _SP + r"(?:第" + _SP + r")?\d+" + _SP + "号",
    r"[0-9](?<![\d.].)\d*" + _SP + "号文",
    # standard numbers: DB51/T 2660—2019, GB/T 7714-2015
    r"[A-Z](?<![A-Za-z].)[A-Z]{0,3}\d*" + _SP + r"(?:/" + _SP + r"[A-Z]{1,2})?" + _SP + r"\d+(?:\.\d+)*" + _SP
    + r"[-—–]" + _SP + r"\d{4}",
    # phone numbers, post codes, times
    r"[（(]" + _SP + r"0\d{2,3}" + _SP + r"[)）]" + _SP + r"\d{7,8}(?!\d)",
    r"0(?<![\d.].)\d{2,3}" + _SP + r"[-—–]" + _SP + r"\d{7,8}(?:" + _SP + r"[-—–转]" + _SP + r"\d{1,5})?(?!\d)",
    # a mobile's or a 400/800 hotline's digits, unless a unit follows them (13000000000件, 4000000000件: counts)
    r"1(?<!\d.)[3-9]\d{9}(?!\d)" + _NO_UNIT_AFTER,
    r"[48](?<!\d.)00-?\d{3}-?\d{4}(?!\d)" + _NO_UNIT_AFTER,
    r"[电传手热联](?:话|真|机|线|系方式)(?:号码)?" + _SP + "[:：]" + _SP + r"[\d\-—–()（）、/ :：]*\d",
    r"邮(?:编|政编码)" + _SP + "[:：]?" + _SP + r"\d{6}",
    r"[0-9](?<![\d.].)\d?" + _SP + "[:：]" + _SP + r"[0-5]\d(?:" + _SP + "[:：]" + _SP + r"[0-5]\d)?(?!\d)",
    # ordinals and list markers: 第二十条, 第（四）项, （一）, (1); dotted numbers 1.2.3
    "第" + _SP + "[（(]?" + _SP + r"(?:\d+|" + _CN_ANY + "+)" + _SP + "[)）]?",
    r"[（(【]" + _SP + r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})" + _SP + "[)）】]",
    r"[0-9](?<![\d.].)\d*(?:\.\d+){2,}",
    # set phrases: 十四届全国人大二次会议, 一事一议, 三审三校 …
    "[" + _CN_START + "]" + _CN_ANY + "*届[^，。；\n]{0,15}?" + _CN_ANY + "+次(?:全体)?会议",
    *(c + _HAN_WORD + c + _HAN_WORD for c in "一二两三四五六七八九十"),
    _alt(_IDIOMS),
)  # fmt: skip

_ONE_CASE = "因政府信息公开|因依申请公开|因信息公开|涉及|政府信息公开|依申请公开|行政复议|行政诉讼|复议|诉讼|案件|行政处罚|行政许可|行政强制"
_FIRST_CHARS = "0-9A-Za-z" + _CN_START + "百千万第〔［\\[【（(电传手热联邮上" + "".join({w[0] for w in _IDIOMS})
_MASTER = re.compile(
    "[" + _FIRST_CHARS + "](?<=(?=(?P<m>"
    + "|".join(
        (
            # a bare number followed by another one (a table row): the commonest case, settled first
            r"[0-9](?<![A-Za-z0-9._@/\\\-].)\d*(?:\.\d+)?(?=[ \t\u3000\xa0\r\n]+[0-9])(?!" + _THOUSANDS_SP_TAIL + ")(?P<B>)",
            "(?:" + "|".join(_DATES) + ")(?P<D>)",
            # 一起 is "together" (a set phrase, skipped below) except before a case: 一起行政复议, 一起案件
            "一起(?<![" + _CN_NOT_AFTER + "].{2})(?=" + _SP + "(?:" + _ONE_CASE + "))(?P<Q>)",
            "(?:" + "|".join(_SKIPS) + ")(?P<S>)",
            "百分之" + _SP + "(?:" + _CN_ANY + r"+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)(?P<P>)",
            "上(?<![线以之向马路网].)[百千万亿]{1,2}(?!" + _CN_ANY + ")(?P<U>)",
            # 百余件, 千多条, 万余条: a magnitude alone, then 余/多 (not 数百余, 两千余: those are numerals)
            "[百千万](?<![" + _CN_CHARS + "0-9.数几上每第].)(?=" + _SP + "[余多])(?P<V>)",
            _AR_NUM + "(?P<A>)",
            _CN_NUM + "(?P<C>)",
        )
    )
    + ")).)"
)  # fmt: skip
_NEEDS_FOLD = re.compile("[" + "".join(_FOLD) + "]")

_RANGE_SEP = _SP + r"(?:[-—–~](?![-—–~])|至|到)" + _SP
_RANGE_AR = re.compile(_RANGE_SEP + r"(?P<n>\d+(?:\.\d+)?(?:[百千万亿]+)?)(?![A-Za-z0-9])")
_RANGE_CN = re.compile(_RANGE_SEP + "(?P<n>[" + _CN_START + "]" + _CN_ANY + "*)")
_TRAILING_MAG = re.compile("[百千万亿]+$")
_LOOSE_RANGE = re.compile(r"[一二两三四五六七八九]{2}")
_VAGUE_MAGNITUDES = frozenset(("十", "百", "千", "万", "十万", "百万", "千万"))
_SPACES = " \t\u3000\xa0"
_NO_SPACES = str.maketrans("", "", _SPACES)
_TAIL_FIRST = frozenset(_SPACES + "\r\n余多来几%‰" + "".join(u[0] for u in _UNIT_KIND))
_RANGE_FIRST = frozenset(_SPACES + "-—–~至到")
_PRE_LAST = frozenset("约近逾超过达少于低足到满")
_LIST_BEFORE = frozenset(("", "\n", "\r", "。", "；", ";", ":", "：", "！", "？", "!", "?"))
_LIST_AFTER = frozenset("、.)）")
_AFTER_FIRST = _TAIL_FIRST | _RANGE_FIRST | _LIST_AFTER


# ---------------------------------------------------------------- find_numbers


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in a prose string, in order (see the module docstring)."""
    t = _NEEDS_FOLD.sub(_fold, text)  # str.translate is slow on CJK text; these are rare
    out: list[NumberMention] = []
    pos = 0
    search = _MASTER.search
    while True:
        m = search(t, pos)
        if m is None:
            break
        s, e = m.span("m")
        mention: NumberMention | None
        if m.start("B") >= 0:
            raw = t[s:e]
            value = int(raw) if raw.isdigit() else Decimal(raw)
            mention, pos = NumberMention(value, None, s, e, "", False, "other"), e
        elif m.start("A") >= 0:
            mention, pos = _number(t, s, e, False)
        elif m.start("S") >= 0:
            mention, pos = None, e
        elif m.start("C") >= 0:
            mention, pos = _number(t, s, e, True)
        elif m.start("D") >= 0:
            mention, pos = _date(t, s, e)
        elif m.start("P") >= 0:
            mention, pos = _percent(t, s, e)
        elif m.start("Q") >= 0:
            mention, pos = NumberMention(1, "起", s, e, "", False, "count"), e
        elif m.start("V") >= 0:
            mention, pos = _up(t, s, e, 0)
        else:
            mention, pos = _up(t, s, e)
        pos = max(pos, s + 1)
        if mention is not None:
            mention.text = text[mention.start : mention.end]
            out.append(mention)
    return out


def _fold(m: re.Match[str]) -> str:
    return _FOLD[m.group()]


def _approx_start(t: str, start: int) -> int | None:
    p = _PRE_APPROX.search(t, max(0, start - 6), start)
    return p.start() if p else None


def _date(t: str, s: int, e: int) -> tuple[NumberMention | None, int]:
    raw = t[s:e]
    iso = _ISO_PARTS.fullmatch(raw)
    if iso:
        y, mo, d = (int(g) for g in iso.groups())
    else:
        p = _DATE_PARTS.fullmatch(raw)
        if p is None:  # pragma: no cover - the patterns agree
            return None, e
        y = _int(p.group("y")) if p.group("y") else 0
        mo = _int(p.group("m"))
        d = _int(p.group("d")) if p.group("d") else 0
    if (y and not 1800 <= y <= 2199) or not 1 <= mo <= 12 or not 0 <= d <= 31:
        ar = _AR_AT.match(t, s)
        if ar is None:
            return None, e
        return _number(t, s, ar.end(), False)  # 2024年13月: the year, then 13月 on its own
    return NumberMention(y * 10000 + mo * 100 + d, None, s, e, "", kind="date"), e


def _int(s: str) -> int:
    v = parse_number(s)
    return v if isinstance(v, int) else -1


def _percent(t: str, s: int, e: int) -> tuple[NumberMention | None, int]:
    v = parse_number(t[s + 3 : e])
    if v is None:
        return None, e
    approx = False
    post = _POST.match(t, e)
    if post:
        e, approx = post.end(), True
    pre = _approx_start(t, s)
    if pre is not None:
        s, approx = pre, True
    return NumberMention(Decimal(v), "%", s, e, "", approx=approx, kind="percent"), e


def _up(t: str, s: int, e: int, skip: int = 1) -> tuple[NumberMention | None, int]:
    """上百/上千/上万 (`skip` the 上), or a magnitude alone before 余/多 (百余件): an approximate figure."""
    v = parse_number(t[s + skip : e])
    if v is None:  # pragma: no cover - 百/千/万/亿 always parse
        return None, e
    tail = _TAIL.match(t, e)
    unit = tail.group("unit") if tail else None
    end = tail.end() if tail else e
    return _classify(v, unit, None, None, s, end, approx=True, year_like=False), end


def _number(t: str, s: int, e: int, cn: bool) -> tuple[NumberMention | None, int]:
    raw = t[s:e]
    loose = False
    value: Number | None
    if not cn:
        value = int(raw) if raw.isdigit() else parse_number(raw.translate(_NO_SPACES))
        if value is None:  # pragma: no cover - the pattern only lets numbers through
            return None, e
    else:
        if raw in _VAGUE_MAGNITUDES and s and t[s - 1] in "数几":
            return None, e  # 数十件, 几百条: tens, hundreds of them — no figure
        value = _compound(raw)
        if value is None:
            if not _LOOSE_RANGE.fullmatch(raw) or _CN_DIGIT[raw[0]] >= _CN_DIGIT[raw[1]]:
                return None, e
            loose = True  # 三五个, 两三件: somewhere between the two
            value = _CN_DIGIT[raw[0]]
    n = len(t)
    j = e  # first character after the number that is not a space
    while j < n and t[j] in _SPACES:
        j += 1
    nxt = t[j] if j < n else ""
    i = s - 1  # last character before it that is not a space
    while i >= 0 and t[i] in _SPACES:
        i -= 1
    before = t[i] if i >= 0 else ""
    if nxt in ("（", "(") and not loose:
        both = _in_both_forms(t, s, e, value, cn)
        if both is not None:
            return both, both.end
    if not cn and nxt not in _AFTER_FIRST and before not in _PRE_LAST:
        # the common case, a bare number (a table cell): no unit, range or approximation word
        return NumberMention(value, None, s, e, "", False, "other"), e
    unit = sfx = post = None
    end = e
    if nxt in _TAIL_FIRST:
        tail = _TAIL.match(t, e)
        if tail:
            unit, sfx, post, end = tail.group("unit"), tail.group("sfx"), tail.group("post"), tail.end()
    if cn and unit and unit not in MONEY_UNITS and any(c in _CAPITALS for c in raw):
        return None, e  # 队伍, 陆续: capitals only in amounts of money
    year_like = _year_like(raw, value, cn)
    approx = loose or bool(sfx or post)
    low: Number | None = value if loose else None
    high: Number | None = _CN_DIGIT[raw[1]] if loose else None
    if not loose:
        after = e if unit is None else end
        r = (_RANGE_CN if cn else _RANGE_AR).match(t, after)
        rng = _range(t, r, unit, value, cn, year_like) if r else None
        if r is not None and rng is not None:
            high, unit, end, r_approx, year_like = rng
            value = low = _shared_magnitude(raw, r.group("n"), value, high)
            approx = approx or r_approx
    if unit is None and (cn or (low is None and nxt in _LIST_AFTER and before in _LIST_BEFORE)):
        return None, e
    start = s
    if before in _PRE_LAST:
        p = _PRE_APPROX.search(t, s - 6 if s > 6 else 0, s)
        if p:
            start, approx = p.start(), True
    mention = _classify(value, unit, low, high, start, end, approx, year_like)
    if s and t[s - 1] == "每":
        mention.kind = "other"  # a rate: 每3个月
    return mention, end


_CN_IN_BRACKETS = re.compile(_SP + "[（(]" + _SP + "([" + _CN_START + "]" + _CN_ANY + "*)" + _SP + "[)）]")
_AR_IN_BRACKETS = re.compile(_SP + "[（(]" + _SP + r"(\d+)" + _SP + "[)）]")


def _in_both_forms(t: str, s: int, e: int, value: Number, cn: bool) -> NumberMention | None:
    """One figure written in words and in digits, the second form in brackets (十五（15）件, 15（十五）件):
    one count, from the first form to its unit — when both forms say the same number."""
    inner = (_AR_IN_BRACKETS if cn else _CN_IN_BRACKETS).match(t, e)
    if inner is None or parse_number(inner.group(1)) != value:
        return None
    start, after = s, inner.end()
    tail = _TAIL.match(t, after)
    if tail is None or tail.group("sfx") or _UNIT_KIND.get(tail.group("unit")) != "count":
        return None
    return _classify(value, tail.group("unit"), None, None, start, tail.end(), bool(tail.group("post")), False)


def _shared_magnitude(first: str, second: str, value: Number, high: Number) -> Number:
    """3-5万 is 3万 to 5万: the magnitude written after the second number also applies to the first."""
    mag = _TRAILING_MAG.search(second)
    if mag is None or any(c in "百千万亿" for c in first):
        return value
    scaled = _compound(first.translate(_NO_SPACES) + mag.group())
    return scaled if scaled is not None and scaled < high else value


def _year_like(raw: str, value: Number, cn: bool) -> bool:
    if cn:
        return len(raw) == 4 and isinstance(value, int) and all(c in _CN_DIGIT for c in raw)
    return len(raw) == 4 and raw.isdigit() and 1900 <= value <= 2100


def _range(
    t: str, r: re.Match[str], unit: str | None, value: Number, cn: bool, year_like: bool
) -> tuple[Number, str | None, int, bool, bool] | None:
    """The second half of 3-5件 / 3件至5件 / 三到五个: (high, unit, end, approx, year_like)."""
    raw = r.group("n")
    high = _compound(raw) if cn else parse_number(raw)
    if high is None or high <= value:
        return None
    tail = _TAIL.match(t, r.end())
    unit2 = tail.group("unit") if tail else None
    if unit is not None and unit2 != unit:
        return None
    end = tail.end() if tail else r.end()
    approx = bool(tail and (tail.group("sfx") or tail.group("post")))
    years = year_like and _year_like(raw, high, cn)
    if years and unit2 is None and not 0 < high - value <= 10:
        years = False
    if unit2 is None and not years:
        return None
    return high, unit2, end, approx, years


def _classify(
    value: Number,
    unit: str | None,
    low: Number | None,
    high: Number | None,
    start: int,
    end: int,
    approx: bool,
    year_like: bool,
) -> NumberMention:
    kind: Kind = _UNIT_KIND.get(unit, "other") if unit else "other"
    ranged = low is not None
    if kind == "year" or (unit is None and ranged and year_like):
        if year_like:
            return NumberMention(value, "年" if unit else None, start, end, "", False, "year", low, high)
        kind, unit = "other", "年"  # 三年, 3年: a duration
    if unit == "月" and _is_month(value) and (not ranged or _is_month(high)):
        d_low = int(value) * 100 if ranged else None
        d_high = int(high) * 100 if high is not None else None
        return NumberMention(int(value) * 100, None, start, end, "", False, "date", d_low, d_high)
    if kind == "money" and unit is not None:
        scale = _MONEY_SCALE[unit]
        value = yuan_to_wan(value * scale)
        low = yuan_to_wan(low * scale) if low is not None else None
        high = yuan_to_wan(high * scale) if high is not None else None
        unit = "万元"
    elif kind == "percent":
        value = Decimal(value)
        low = Decimal(low) if low is not None else None
        high = Decimal(high) if high is not None else None
    return NumberMention(value, unit, start, end, "", approx or ranged, kind, low, high)


def _is_month(v: Number | None) -> bool:
    return isinstance(v, int) and 1 <= v <= 12
