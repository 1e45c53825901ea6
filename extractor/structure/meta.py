"""Title, reporting body, report year and the 统计期限 sentence."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Report

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_YEAR = r"((?:19|20)\d{2}|[〇○零一二三四五六七八九Ｏ]{4})"
_TITLE_CORE = (_YEAR + r"\s*年\s*度?\s*(?P<mid>[^\n。；，,：:《》“”\"]{0,40}?)"
               r"\s*政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*|情\s*况\s*)?(?:报\s*告|年\s*报|工\s*作\s*报\s*告|总\s*结)")
_TITLE = re.compile(r"(?P<pre>[^\n。；，,：:《》“”\"（）()]{0,60}?)[ \t\u3000]*" + _TITLE_CORE)
# every match of _TITLE holds a match of its part from the year on: a stretch without one holds no
# title, and is passed over without running _TITLE's lazy head from every position
_TITLE_TAIL = re.compile(_TITLE_CORE)
# a title ends in 报告 / 年报 (or, wrongly, 工作总结: rule S105 names it)
_TITLE_END = re.compile(r"报\s*告|年\s*报|总\s*结")
_PERIOD = re.compile(
    r"(?:统计|数据)[^。\n]{0,20}?(?:期限|时限|周期|时间段|时间|区间|期间|范围)[^。\n]{0,12}?"
    r"(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|-|－|~|～)+\s*"
    r"(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)
_YEAR_MENTION = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:起)?\s*(?:至|到))")
_CRAWLER_TITLE = re.compile(r"^\s*(?:标题|题目|名称|Title)\s*[:：]\s*(.+)$", re.M)
_PUB = re.compile(r"(?:发布时间|发布日期|公开日期|成文日期|日期)\s*[:：]?\s*((?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2})")
_BODY_TRIM = re.compile(r"^(?:关于|印发|转发|\s)+|[\s\-—_|｜]+$")
# "青岚县水利局关于报送2020年…报告": the verb of a covering letter after the body's name
_BODY_VERB = re.compile(r"(?:关于(?:报送|印发|公布|发布|公开|上报|提交)?|(?:报送|印发|公布|发布)(?:的)?)$")
_SITE_SUFFIX = re.compile(r"[-—_|｜].*$")
# the rows of a portal page's metadata block (索引号 文号 有效性 …), never a body's name
_META_ROW = re.compile(r"索引号|文\s*号|有效性|主题分类|发布机构|发文机关|成文日期|发布日期|来源|浏览|点击")
_LEAD_LABEL = re.compile(r"^(?:#+|(?:文件|文章|信息)?(?:名称|标题|题目)[:：]?)+")


def cn_year(s: str) -> int:
    if s.isdigit():
        return int(s)
    return int("".join(str(CN_DIGITS.get(ch, 0)) for ch in s))


def find_meta(report: Report) -> None:
    text = report.text
    meta = report.meta
    title_src: list[tuple[str, int]] = []
    m = _CRAWLER_TITLE.search(text[:3000])
    if m:
        title_src.append((m.group(1), m.start(1)))
    # a title ends in 报告 / 年报: look only around those words (the pattern is costly to run
    # over a whole page)
    head = text[:6000]
    seen_at = -1
    for anchor in _TITLE_END.finditer(head):
        lo = max(0, anchor.start() - 120, seen_at)
        if _TITLE_TAIL.search(head, lo, anchor.end()) is None:
            continue
        m2 = _TITLE.search(head, lo, anchor.end())
        if m2 is None:
            continue
        seen_at = m2.end()
        title_src.append((m2.group(0), m2.start()))
        if len(title_src) >= 4:
            break
    if report.page_title is not None:
        title_src.append((report.page_title, -1))
    best = None
    for src, pos in title_src:
        tm = _TITLE.search(src)
        if not tm:
            continue
        body = _body(tm.group("pre")) or _body(tm.group("mid"))
        shown = src.strip()
        if body is None and pos >= 0:
            # the body may stand on the line above a title that starts with the year (PDF)
            prev = text[max(0, text.rfind("\n", 0, max(pos - 1, 0)) + 1) : pos].strip()
            if 2 <= len(prev) <= 40 and not re.search(r"[。；，,:：\t]", prev) and not _META_ROW.search(prev):
                body = _body(prev)
                if body:
                    shown = prev + shown
        cand = (shown, pos, cn_year(tm.group(2)), body)
        if best is None or (best[3] is None and body is not None):
            best = cand
        if body is not None:
            break
    if best:
        meta.title = _clean_title(best[0])
        meta.title_start = best[1] if best[1] >= 0 else None
        meta.title_end = best[1] + len(best[0]) if best[1] >= 0 else None
        meta.title_year = best[2]
        meta.body = best[3]
    pm = _PERIOD.search(text)
    if pm:
        y1 = int(pm.group("y1"))
        y2 = int(pm.group("y2") or y1)
        meta.period = (y1, int(pm.group("m1")), int(pm.group("d1")), y2, int(pm.group("m2")), int(pm.group("d2")))
        meta.period_text = pm.group(0)
        meta.period_start = pm.start()
    pub = _PUB.search(text[:3000])
    if pub:
        meta.published = re.sub(r"[年月./]", "-", pub.group(1)).strip("-")
    meta.year = meta.title_year or (meta.period[3] if meta.period else None) or dominant_year(text)
    meta.body_kind = body_kind(meta.body)


def _clean_title(t: str) -> str:
    """The title as a person writes it: no Markdown mark or 名称 label before it, no site name after."""
    t = re.sub(r"\s+", "", t)
    t = re.sub(r"^(?:#+|(?:文件|文章|信息)?(?:名称|标题|题目)[:：]?)", "", t)
    end = max(t.rfind("报告"), t.rfind("年报"), t.rfind("总结"))
    return t[: end + 2].strip() if end >= 0 else t


def _body(s: str | None) -> str | None:
    if not s:
        return None
    s = re.sub(r"\s+", "", s)
    s = _BODY_TRIM.sub("", s)
    s = re.sub(r"^.*?(?:标题|题目)[:：]", "", s)
    s = _LEAD_LABEL.sub("", s)  # "# 标题" (Markdown), 名称 / 文件名称 cells of a page's metadata table
    s = s.strip("“”\"《》【】[]")
    s = _BODY_VERB.sub("", s)
    if len(s) < 2 or not re.search(r"[\u4e00-\u9fff]", s):
        return None
    if re.fullmatch(r"(?:关于)?(?:本|我)(?:单位|局|委|办|区|市|县)?", s):
        return None
    return s


def dominant_year(text: str) -> int | None:
    years = Counter(int(y) for y in _YEAR_MENTION.findall(text) if 1990 <= int(y) <= 2100)
    if not years:
        return None
    return years.most_common(1)[0][0]


GOV = re.compile(r"(?:人民政府|管理委员会|管委会|政府)$")
OFFICE = re.compile(r"(?:人民政府办公厅|人民政府办公室|政府办公室|政府办|办公厅|办公室)$")


def body_kind(body: str | None) -> str | None:
    """government (a 人民政府 or a body that reports as one), office, department, or None."""
    if not body:
        return None
    if OFFICE.search(body):
        return "office"
    if GOV.search(body) or re.search(r"(?:省|市|县|区|旗|自治州|盟|镇|乡|街道|实验区|新区|开发区)$", body):
        return "government"
    return "department"
