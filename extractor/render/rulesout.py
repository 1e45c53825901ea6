"""`xxgk-audit rules [CODE]`: the catalogue as a list, or one rule explained with its params, examples
and named cases (what each case must give)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

from ..check.catalogue import FAMILIES, Case, Example, RuleSpec
from .text import SEVERITY_LABEL

NEEDS = {"claims": "需要正文数字识别",
         "context": "需要其他报告：同一机关上一年度的报告，或同年其他机关的报告（同批审核或报告库中自动配对）",
         "claims.share": "需要识别正文所写的占比", "claims.part_of": "需要识别“其中”分项"}


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def listing(specs: list[RuleSpec]) -> str:
    lines = []
    family = None
    name_w = max((len(s.name) for s in specs), default=10)
    for s in specs:
        if s.family != family:
            family = s.family
            lines.append(f"\n{family}  {FAMILIES.get(family, '')}")
        lines.append(f"  {s.code}  {_pad(SEVERITY_LABEL[s.severity], 4)}  {s.name:<{name_w}}  {s.summary}")
    lines.append(f"\n共{len(specs)}条规则。运行 xxgk-audit rules 代码 查看某条规则的说明和示例；"
                 "check --select/--ignore 接受代码或前缀（如 T3,P401）。")
    return "\n".join(lines).lstrip("\n") + "\n"


def _edits(ex: Example, indent: str) -> list[str]:
    out = [f"{indent}以 rules/catalogue/_base/{ex.base} 为底本"]
    if not ex.edits:
        out[-1] += "，不作改动。"
    for old, new in ex.edits:
        out.append(f"{indent}  将「{_show(old)}」")
        out.append(f"{indent}  改为「{_show(new)}」")
    if ex.previous is not None:
        out.append(f"{indent}上一年度报告：")
        out.extend(_edits(ex.previous, indent + "  "))
    if ex.peer is not None:
        out.append(f"{indent}同年其他机关的报告：")
        out.extend(_edits(ex.peer, indent + "  "))
    return out


def _show(s: str, limit: int = 120) -> str:
    s = s.replace("\t", "→").replace("\n", "⏎")
    return s if len(s) <= limit else s[: limit - 1] + "…"


Runner = Callable[[RuleSpec, str], list[str]]  # (rule, "pass"/"fail") → messages of its findings


def explain(s: RuleSpec, run: Runner | None = None) -> str:
    lines = [f"{s.code}  {s.name}  〔{SEVERITY_LABEL[s.severity]}〕", "", s.summary, "", "说明：",
             *(f"  {line}" for line in s.explanation.splitlines()), "", f"依据：{s.basis}", "",
             "提示语：", f"  {s.message}"]
    for k, v in s.variants.items():
        lines.append(f"  （{k}）{v}")
    if s.needs:
        lines.append("")
        lines.append("前提：" + "；".join(NEEDS.get(n, n) for n in s.needs))
    if s.params:
        lines.append("")
        lines.append("参数：" + "；".join(f"{k} = {v}" for k, v in s.params.items()))
    for which, title in (("pass", "通过的示例（不应报告）"), ("fail", "不通过的示例（应报告）")):
        lines.append("")
        lines.append(f"{title}：")
        lines.extend(_edits(s.examples[which], "  "))
        if run is not None:
            lines.extend(_ran(s, which, run))
    if s.cases:
        lines.append("")
        lines.append(f"用例（{len(s.cases)}个，tests/test_rule_cases.py 逐一核对应报告的问题及其字段）：")
        for c in s.cases:
            lines.extend(_case(c))
            if run is not None:
                lines.extend(f"  {x}" for x in _ran(s, c.name, run))
    return "\n".join(lines) + "\n"


def _case(c: Case) -> list[str]:
    head = f"  {c.name}：" + ("不应报告" if c.passes else f"应报告{len(c.expect)}条")
    out = [head + (f"（{c.example.note}）" if c.example.note else "")]
    out.extend(f"    - {e.show()}" for e in c.expect)
    if c.xfail:
        out.append(f"    已知未做到：{c.xfail}")
    return out


def _ran(s: RuleSpec, which: str, run: Runner) -> list[str]:
    try:
        found = run(s, which)
    except Exception as e:  # an example that no longer applies to its base
        return [f"  运行出错：{type(e).__name__}: {e}"]
    if not found:
        return ["  → 运行结果：无此规则的问题。"]
    return [f"  → 运行结果：{m}" for m in found]


def as_json(specs: list[RuleSpec], run: Runner | None = None) -> str:
    out: list[dict[str, Any]] = []
    for s in specs:
        d: dict[str, Any] = {
            "code": s.code, "name": s.name, "severity": s.severity, "family": FAMILIES.get(s.family),
            "summary": s.summary, "explanation": s.explanation, "basis": s.basis, "message": s.message,
            "variants": s.variants, "needs": list(s.needs), "params": s.params,
            "examples": {k: _ex_obj(v) for k, v in s.examples.items()},
            "cases": [_case_obj(c) for c in s.cases],
        }
        if run is not None:
            d["example_findings"] = {w: run(s, w) for w in s.examples}
            d["case_findings"] = {c.name: run(s, c.name) for c in s.cases}
        out.append(d)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _case_obj(c: Case) -> dict[str, Any]:
    expect = [{"fields": list(e.fields), **{k: _plain(getattr(e, k)) for k in sorted(e.given)}} for e in c.expect]
    return {"name": c.name, "note": c.example.note, "expect": expect, "xfail": c.xfail, **_ex_obj(c.example)}


def _plain(v: Any) -> Any:
    return v if v is None or isinstance(v, (str, int, float, list)) else str(v)


def _ex_obj(ex: Example) -> dict[str, Any]:
    d: dict[str, Any] = {"base": ex.base, "edits": [list(e) for e in ex.edits]}
    if ex.previous is not None:
        d["previous"] = _ex_obj(ex.previous)
    if ex.peer is not None:
        d["peer"] = _ex_obj(ex.peer)
    return d
