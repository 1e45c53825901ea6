"""S115 — who signed: the body in the signature (落款) against the body in the title.

The signature is the body's name and a date at the end of the report (“平潭综合实验区XX局
2024年1月20日”, possibly followed by 印发 and the page's own footer). `find_signature` reads it
for the date rules too (Y608 signature date, Y610 published late).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Finding, Report
from .engine import RuleContext
from .names import normalise, same_body, serving
from .registry import rule

_CN = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
       "八": 8, "九": 9}
_YEAR = r"(?:19|20)\d{2}|[〇○零一二三四五六七八九Ｏ]{4}"
_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE = rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日"
_ORG_END = (r"(?:局|委|委员会|办|办公室|办公厅|政府|中心|院|厅|部|署|处|所|会|队|站|馆|区|县|市|镇|乡|街道|"
            r"公司|集团|社|组)")
_SIGN = re.compile(
    rf"(?P<body>[^\s。；;，,：:、！？!?\d（）()“”\"《》]{{2,40}}?{_ORG_END})[\s\u3000]*(?:（[^）]{{0,10}}）)?[\s\u3000]*{DATE}"
    r"[\s\u3000]*(?:印发|发布)?"
)
# words that often stand glued before a body's name at the end of the last section
_LEAD = re.compile(r"^(?:无|没有|暂无|特此报告|特此公告|附件下载|[一二三四五六七八九十]+、[^。]{0,20}?事项)")


def cn_int(s: str) -> int:
    """12, 十二, 二十一, 二〇二四 → int."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN.get(a, 1) if a else 1) * 10 + (_CN.get(b, 0) if b else 0)
    return int("".join(str(_CN.get(ch, 0)) for ch in s))


def to_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(cn_int(y), cn_int(m), cn_int(d))
    except ValueError:
        return None


@dataclass
class Signature:
    body: str  # as printed (leading words glued to it removed)
    body_start: int
    body_end: int
    date: date | None
    date_text: str
    date_start: int
    date_end: int


def find_signature(r: Report) -> Signature | None:
    """The last body-and-date at the end of the report, after the last section's prose."""
    if r.derived.signature_read:
        cached: Signature | None = r.derived.signature
        return cached
    text = r.text
    start = max((s.start for s in r.sections), default=0)
    start = max(start, len(text) - 3000)
    found: Signature | None = None
    for m in _SIGN.finditer(text, start):
        after = text[m.end() : m.end() + 60]
        if "。" in after[:30] and not re.match(r"[\s\u3000]*(?:附件|抄送|打印|关闭|【)", after):
            continue  # a date in a sentence that goes on: not the signature
        body = m.group("body")
        cut = 0
        lead = _LEAD.match(body)
        if lead:
            cut = lead.end()
        body = body[cut:]
        if len(body) < 3:
            continue
        d = to_date(m.group("y"), m.group("m"), m.group("d"))
        found = Signature(body, m.start("body") + cut, m.end("body"), d, text[m.start("y") : m.end("d")],
                          m.start("y"), m.end("d"))
    r.derived.signature_read, r.derived.signature = True, found
    return found


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _diff_chars(a: str, b: str) -> int | None:
    """Characters that differ when the two names have the same length, else None."""
    if len(a) != len(b):
        return None
    return sum(x != y for x, y in zip(a, b, strict=True))


def compare(title_body: str, signed: str, typo_chars: int) -> str | None:
    """None when the two names are one body; "typo" for at most `typo_chars` characters off (names of
    the same length); "other" otherwise."""
    a, b = normalise(title_body), normalise(signed)
    if a is None or b is None:
        return None
    if same_body(a, b) or serving(a, b):
        return None
    ka, kb = a.key, b.key
    kb_unoffice = re.sub(r"(?:办公室|办公厅|综合处|办)$", "", kb)
    for x, y in ((ka, kb), (ka, kb_unoffice)):
        if not y:
            continue
        if x in y or y in x:
            return None
        short, long = (x, y) if len(x) <= len(y) else (y, x)
        if _subsequence(short, long):
            return None  # an abbreviation: 区行政审批局, 市科委
    d = _diff_chars(ka, kb)
    if d is not None and d <= typo_chars:
        return "typo"
    # the same body under a 现/原 note, or the area written in front: the shorter name ends the longer
    if a.short.endswith(b.short[-4:]) and len(b.short) >= 4 and (b.short in a.key or a.short in b.key):
        return None
    return "other"


@rule("S115")
def signature_body(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    title = r.meta.body
    sig = find_signature(r)
    if not title or sig is None:
        return
    how = compare(title, sig.body, int(ctx.spec.params["typo_chars"]))
    if how is None:
        return
    yield ctx.finding(None if how == "other" else "typo", title=title, signed=sig.body, expected=title,
                      actual=sig.body, start=sig.body_start, end=sig.body_end,
                      quote=r.text[sig.body_start : sig.date_end], section=r.section_at(sig.body_start),
                      data={"title_body": title, "signed_body": sig.body, "how": how})
