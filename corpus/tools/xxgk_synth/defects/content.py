"""Defects of group content (see defects/__init__.py): what sections 一 and 五 must say (N2xx)."""

from __future__ import annotations

import random
import re

from .. import phrases as ph
from ..spec import Issue, ReportSpec, Section
from . import single

_CN = "一二三四五六七八九"
_SELF = (
    "我局",
    "我委",
    "我办",
    "本机关",
    "县政府",
    "区政府",
    "市政府",
)  # how the generated bodies call themselves


def _section(spec: ReportSpec, number: int) -> Section | None:
    return next((s for s in spec.sections if s.number == number), None)


def _plain(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


def _drop_claims(spec: ReportSpec, removed: list[str], section: int) -> None:
    """Forget the claims whose clause went with the removed paragraphs (the truth lists what is printed)."""
    spec.claims = [c for c in spec.claims if not (c.section == section and any(c.text in p for p in removed))]


# ------------------------------------------------------------------ N201: a topic of 总体情况 left out

# the words that would still show the topic is dealt with somewhere in section 一 (a broad
# reading: if any is left the report is not clearly silent on the topic, and the seed is skipped)
_TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "依申请公开": ("申请",),
    "政府信息公开平台建设": (
        "平台",
        "网站",
        "新媒体",
        "公众号",
        "微信",
        "微博",
        "专栏",
        "公开栏",
        "查阅",
        "热线",
    ),
    "监督保障": (
        "监督",
        "保障",
        "考核",
        "考评",
        "绩效",
        "评议",
        "培训",
        "督查",
        "督导",
        "督促",
        "领导小组",
        "组织领导",
        "工作机制",
        "追究",
        "问责",
    ),
}


def _subsections(paragraphs: list[str]) -> list[tuple[int, int, str]]:
    """(first paragraph, end, subheading) of each （一）…（五） subsection of section 一."""
    subs = ph.prose()["subheadings"]
    starts = [(i, s) for i, p in enumerate(paragraphs) for s in subs if p.startswith(s)]
    return [
        (i, starts[k + 1][0] if k + 1 < len(starts) else len(paragraphs), s)
        for k, (i, s) in enumerate(starts)
    ]


def _renumber(p: str, k: int) -> str:
    """The subheading at the start of `p` numbered （k+1）."""
    return re.sub(r"^（[一二三四五六七八九]）", f"（{_CN[k]}）", p)


def _section1_topic_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    s1 = _section(spec, 1)
    if s1 is None:
        return None
    subs = _subsections(s1.paragraphs)
    options = []
    for topic, words in _TOPIC_WORDS.items():
        hit = [(a, b) for a, b, head in subs if topic in head]
        if not hit:
            continue
        a, b = hit[0]
        rest = s1.paragraphs[:a] + s1.paragraphs[b:]
        if not any(w in p for p in rest for w in words):
            options.append((topic, a, b))
    if not options:
        return None
    topic, a, b = rng.choice(options)
    removed = s1.paragraphs[a:b]
    kept = s1.paragraphs[:a]
    # the subsections after the dropped one move up a number, as a clerk renumbers them
    n = sum(1 for _a, _b, _h in _subsections(kept))
    for p in s1.paragraphs[b:]:
        if re.match(r"^（[一二三四五六七八九]）", p):
            kept.append(_renumber(p, n))
            n += 1
        else:
            kept.append(p)
    s1.paragraphs = kept
    _drop_claims(spec, removed, 1)
    return Issue(
        kind="other",
        severity="warning",
        description=f"第一部分“总体情况”没有“{topic}”方面的内容（该小节整段缺失），"
        "30号通知要求总体情况综述主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面。",
    )


single(
    "section1_topic_missing",
    "N201",
    "第一部分“总体情况”缺少五个方面之一（如平台建设或监督保障）。",
    _section1_topic_missing,
)


# ------------------------------------------------------------------ N202: a 人民政府 without 考核/评议/追究

# the three results 条例 第五十条第（四）项 asks a 人民政府 for, and the words any mention would use
_ACCOUNTABILITY: dict[str, tuple[str, ...]] = {
    "工作考核": ("考核", "考评", "绩效", "评估", "评分"),
    "社会评议": ("评议", "评价", "满意度", "测评"),
    "责任追究": ("追究", "问责", "责任"),
}

_OVERSIGHT_PLAIN = (
    "{office}加强对各乡镇（街道）和部门政务公开工作的日常指导，定期检查门户网站栏目更新情况。",
    "建立政务公开工作联络员制度，各单位明确专人负责信息发布和申请办理，确保工作有人抓、有人管。",
    "坚持政务公开工作与业务工作同部署、同落实，及时研究解决工作推进中的困难。",
    "成立由分管负责同志牵头的政务公开工作领导小组，定期召开会议研究部署公开工作。",
    "通过集中培训、以会代训等方式提升工作人员的业务水平，强化监督检查。",
    "对各单位公开专栏开展不定期抽查，发现问题及时通知整改。",
)


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。]*。|[^。]+$", text) if s]


def _government_accountability_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if spec.body_kind != "人民政府":
        return None
    s1 = _section(spec, 1)
    if s1 is None:
        return None
    subs = [(a, b) for a, b, head in _subsections(s1.paragraphs) if "监督保障" in head]
    if not subs:
        return None
    a, b = subs[0]
    # sometimes the assessment is mentioned and only the appraisal and accountability are left out
    keep = rng.choice((None, None, "工作考核"))
    words = [w for item, ws in _ACCOUNTABILITY.items() if item != keep for w in ws]
    office = f"{spec.region}人民政府办公室"
    # the clerk wrote 监督保障 about guidance and training only: every sentence naming an
    # assessment, an appraisal or accountability goes, a plain one stands in for it
    pool = [t.format(office=office) for t in _OVERSIGHT_PLAIN]
    rng.shuffle(pool)
    changed = False
    for i in range(a, b):
        head = re.match(r"^（[一二三四五六七八九]）监督保障(?:方面。|。|：)?", s1.paragraphs[i])
        out = [head.group(0)] if head else []
        for sent in _sentences(s1.paragraphs[i][head.end() :] if head else s1.paragraphs[i]):
            if any(w in sent for w in words) and not any(c.text in sent for c in spec.claims):
                changed = True
                if pool and rng.random() < 0.6:
                    out.append(pool.pop())
                continue
            out.append(sent)
        s1.paragraphs[i] = "".join(out)
    if not changed:
        return None
    # a subsection left as a bare heading gets a plain sentence
    if not _sentences(
        re.sub(r"^（[一二三四五六七八九]）监督保障(?:方面)?[。：]?", "", "".join(s1.paragraphs[a:b]))
    ):
        s1.paragraphs[b - 1] += pool.pop() if pool else _OVERSIGHT_PLAIN[0].format(office=office)
    text = "".join(spec.paragraphs())
    missing = [item for item, ws in _ACCOUNTABILITY.items() if not any(w in text for w in ws)]
    if not missing:
        return None
    return Issue(
        kind="other",
        severity="warning",
        description=f"{spec.body}的报告未写明{'、'.join(missing)}情况（条例第五十条第（四）项要求人民政府报告工作考核、"
        "社会评议和责任追究结果）。",
    )


single(
    "government_accountability_missing",
    "N202",
    "人民政府的报告未写工作考核、社会评议或责任追究结果。",
    _government_accountability_missing,
    body_kind="人民政府",
)


# ------------------------------------------------------------------ N203: 总体情况 far over a thousand characters

_VERBOSE: dict[str, tuple[str, ...]] = {
    "overview": (
        "{me}把政务公开作为建设法治政府、服务型政府的重要抓手，年初制定政务公开工作要点，细化任务分工，明确责任单位和完成时限，"
        "做到年初有部署、年中有检查、年底有总结。",
        "主要负责同志多次在办公会议上听取政务公开工作情况汇报，研究解决工作推进中遇到的困难，分管负责同志靠前指挥、具体调度，"
        "办公室牵头抓总、各科室分工负责，形成了一级抓一级、层层抓落实的工作机制。",
        "坚持把政务公开融入政府工作全过程，在推进重大决策、重点工作时同步考虑公开事项，做到公开与业务同谋划、同部署、同推进、同考核。",
    ),
    "proactive": (
        "聚焦群众关心关注的教育、医疗、养老、就业、住房等民生领域，持续加大信息公开力度，及时发布政策措施、办事流程和服务事项，"
        "让群众看得到、听得懂、能监督。",
        "严格落实重大行政决策预公开制度，对涉及群众切身利益的决策事项，通过网站、座谈会、听证会等方式广泛征求社会意见，"
        "并在决策后公开意见采纳情况。",
        "按照财政预决算公开的统一要求，在规定时限内公开部门预算、决算和“三公”经费，细化到支出功能分类的项级科目，"
        "并对重要事项作出说明。",
        "围绕行政执法公示制度，在门户网站集中公开执法主体、执法依据、执法程序和执法结果，主动接受社会监督。",
    ),
    "application": (
        "进一步完善依申请公开工作流程，统一受理、登记、拟办、审核、答复和归档各环节的工作标准，"
        "对每一件申请建立台账，做到件件有记录、事事有回音。",
        "在答复过程中注重说理，对不予公开或无法提供的情形逐项说明理由和法律依据，告知申请人救济途径，"
        "努力减少因答复不规范引发的行政争议。",
    ),
    "management": (
        "严格执行政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，明确拟公开信息的审查主体和审查程序，"
        "切实防止泄露国家秘密、工作秘密和个人隐私。",
        "对照国务院部门制定的各领域基层政务公开标准指引，逐项梳理公开事项、公开内容、公开依据、公开时限和公开主体，"
        "动态调整政务公开事项标准目录。",
        "加强政府信息公开文档管理，对申请材料、答复文书、送达凭证等分类归档，确保全过程有据可查。",
    ),
    "platform": (
        "按照政府网站集约化建设要求，对门户网站政府信息公开专栏进行升级改版，统一栏目设置和页面样式，优化站内搜索功能，"
        "提升信息查找的便捷性。",
        "加强政务新媒体内容管理和安全防护，落实信息发布“三审三校”制度，定期开展账号巡查，对长期不更新的账号及时整改或关停。",
        "推进政务服务场所政府信息公开查阅点规范化建设，配备查询终端和纸质资料，安排专人为群众提供查阅和咨询服务。",
    ),
    "oversight": (
        "建立政务公开工作季度通报制度，对信息发布不及时、栏目更新不规范等问题及时督促整改，并将整改情况纳入年度考核。",
        "组织工作人员系统学习《条例》和上级关于政务公开的文件精神，通过集中授课、案例分析、以会代训等形式，"
        "提高业务人员的政策水平和工作能力。",
    ),
}
_BODY_ORDER = ("overview", "proactive", "application", "management", "platform", "oversight")


def _section1_too_long(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if spec.year < 2021:  # the limit is the 2021 notice's
        return None
    s1 = _section(spec, 1)
    if s1 is None:
        return None
    subs = _subsections(s1.paragraphs)
    if len(subs) != 5:
        return None
    # paragraph index of the last paragraph of each part (overview, then the five subsections)
    ends = [subs[0][0] - 1] + [b - 1 for _a, b, _h in subs]
    if ends[0] < 0:
        return None
    target = 1000 + rng.randint(120, 700)
    me = next((c for c in _SELF if c in "".join(s1.paragraphs)), "本机关")
    pools = {k: [t.format(me=me) for t in v] for k, v in _VERBOSE.items()}
    for v in pools.values():
        rng.shuffle(v)
    added = 0
    while _plain("".join(s1.paragraphs)) <= target:
        part = rng.choice([k for k in _BODY_ORDER if pools[k]] or [""])
        if not part:
            break
        s1.paragraphs[ends[_BODY_ORDER.index(part)]] += pools[part].pop()
        added += 1
    n = _plain("".join(s1.paragraphs))
    if n <= 1000:
        return None
    return Issue(
        kind="other",
        severity="warning",  # the rule only notes it (info); the truth has no lower grade
        description=f"第一部分“总体情况”正文约{n}字，超过30号通知“篇幅原则上不超过一千字”的要求。",
    )


single("section1_too_long", "N203", "第一部分“总体情况”篇幅远超一千字。", _section1_too_long)


# ------------------------------------------------------------------ N204: section 五 with one half only

_PROBLEM_WORDS = (
    "问题",
    "不足",
    "短板",
    "薄弱",
    "差距",
    "有待",
    "不够",
    "欠缺",
    "不到位",
    "不高",
    "不强",
    "较少",
    "单一",
    "困难",
    "滞后",
    "仍需",
    "尚需",
    "还需",
)
_ACHIEVEMENTS = (
    "{year}年，{me}政府信息公开工作取得了一定成效，各项工作有序推进。",
    "本年度{me}政府信息公开工作总体运行平稳，较好地完成了年度目标任务。",
    "一年来，{me}政务公开工作稳步推进，公开质量和实效不断提升。",
    "",
)
_LEADS = ("", "下一步，", "今后，", "新的一年，")


def _section5_half_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    s5 = _section(spec, 5)
    if s5 is None or len(s5.paragraphs) != 2:
        return None
    problems, improvements = s5.paragraphs
    if rng.random() < 0.5:
        # only achievements and plans: the problems the heading promises are not named
        plan = re.sub(r"^针对上述问题，(?!\d)", rng.choice(_LEADS), improvements)
        plan = re.sub(r"^针对上述问题，", "", plan)  # “2025年我局将……” needs no lead
        me = next((c for c in _SELF if c in plan), "我们")
        lead = rng.choice(_ACHIEVEMENTS).format(year=spec.year, me=me)
        s5.paragraphs = [lead + plan] if rng.random() < 0.5 else [p for p in (lead, plan) if p]
        if any(w in p for p in s5.paragraphs for w in _PROBLEM_WORDS):
            return None
        half = "存在的问题"
    else:
        # problems listed, nothing said about how they are to be, or were, remedied
        s5.paragraphs = [problems]
        half = "改进措施或改进情况"
    return Issue(
        kind="other",
        severity="warning",
        description=f"第五部分“存在的主要问题及改进情况”只写了一半，未写{half}。",
    )


single(
    "section5_half_missing",
    "N204",
    "第五部分只写问题不写改进措施，或只写措施不写问题。",
    _section5_half_missing,
)
