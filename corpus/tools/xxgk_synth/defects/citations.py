"""Defects of group citations (see defects/__init__.py): the statute's name and order number (C7xx)."""

from __future__ import annotations

import random

from ..spec import Issue, ReportSpec
from . import single

STATUTE = "《中华人民共和国政府信息公开条例》"

# names real reports give the statute by mistake (domain.md E12): a dropped 政府, an added 管理,
# 政务 for 政府信息, a slip in the country's name
_WRONG_NAMES = (
    "《中华人民共和国信息公开条例》",
    "《中华人民共和国政府信息公开管理条例》",
    "《政府信息公开管理条例》",
    "《中华人民共和国政务公开条例》",
    "《中国人民共和国政府信息公开条例》",
    "《中华人民共和国政务信息公开条例》",
)


def _in_overview(spec: ReportSpec, rng: random.Random, citation: str) -> bool:
    """Sometimes the slip is in 总体情况 (“认真贯彻落实《条例》” written out in full), the preamble
    citing correctly: put `citation` there when the overview has such a phrase."""
    s1 = next((s for s in spec.sections if s.number == 1), None)
    if s1 is None or not s1.paragraphs or "贯彻落实《条例》" not in s1.paragraphs[0] or rng.random() < 0.5:
        return False
    s1.paragraphs[0] = s1.paragraphs[0].replace("贯彻落实《条例》", f"贯彻落实{citation}", 1)
    return True


def _statute_name(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if not spec.preamble or STATUTE not in spec.preamble[0]:
        return None
    wrong = rng.choice(_WRONG_NAMES)
    if not _in_overview(spec, rng, wrong):
        spec.preamble[0] = spec.preamble[0].replace(STATUTE, wrong, 1)
    return Issue(
        kind="other",
        severity="warning",
        description=f"条例名称写作{wrong}，应为{STATUTE}。",
    )


single("statute_name_wrong", "C701", "条例名称写错（如《中华人民共和国信息公开条例》）。", _statute_name)


# the order number as reports print it; the preamble's “国务院令第711号” becomes one of these
_OLD_ORDERS = ("国务院令第492号", "中华人民共和国国务院令第492号", "国务院令492号", "国令第492号")


def _old_order(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if not spec.preamble or "国务院令第711号" not in spec.preamble[0]:
        return None
    old = rng.choice(_OLD_ORDERS)
    if not _in_overview(spec, rng, f"{STATUTE}（{old}）"):
        spec.preamble[0] = spec.preamble[0].replace("国务院令第711号", old, 1)
    return Issue(
        kind="other",
        severity="warning",
        description=f"{spec.year}年度报告仍引用“{old}”（2007年公布的旧条例），现行条例为2019年修订的国务院令第711号。",
    )


single("statute_old_order", "C702", "2019年后的报告仍把2007年的国务院令第492号当作现行条例引用。", _old_order)
