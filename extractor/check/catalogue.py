"""The rule catalogue: one YAML file per rule under rules/catalogue/, loaded into `RuleSpec`s.

A rule's code, name, severity, message template, explanation, basis, params, its pass/fail
examples and its named cases (each with the exact findings it must give) are data; the function that does the checking is bound to the code in `registry`. Codes are
grouped by their letter and first digit (see `FAMILIES`); `--select`/`--ignore` take codes or
prefixes of codes, as ruff does (`T3`, `P`, `S101`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..resources import rules_dir

SEVERITIES = ("error", "warning", "info")

#: code prefix → what the family checks (shown by `xxgk-audit rules`)
FAMILIES: dict[str, str] = {
    "S1": "结构：六个部分、三张表、标题、模板版本、行列标签",
    "N2": "内容：国办公开办函〔2021〕30号对各部分内容的要求",
    "T3": "表格勾稽：表三、表四恒等式，单元格取值",
    "P4": "正文与表格：正文数字、占比、前后表述",
    "F5": "信息处理费与行政事业性收费",
    "Y6": "年份：标题、统计期限、正文年份",
    "C7": "引用：条例名称与国务院令文号",
    "X8": "跨报告：与同一机关上一年度报告衔接，与同年其他机关报告比对",
}

_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CASE_NAME = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_CASE_KEYS = {"name", "base", "edits", "previous", "peer", "note", "expect", "xfail"}
_EXPECT_KEYS = {"fields", "expected", "actual", "severity", "message"}


@dataclass(frozen=True)
class Example:
    """A report made by applying text edits to a base report under rules/catalogue/_base/."""

    base: str
    edits: tuple[tuple[str, str], ...] = ()
    previous: Example | None = None  # last year's report, for rules that need context
    peer: Example | None = None  # a report of the same year by another body (rules across bodies)
    note: str | None = None

    def text(self) -> str:
        src = (rules_dir() / "catalogue" / "_base" / self.base).read_text(encoding="utf-8")
        for old, new in self.edits:
            if old not in src:
                raise ValueError(f"example edit not applicable to {self.base}: {old!r}")
            src = src.replace(old, new)
        return src


@dataclass(frozen=True)
class Expect:
    """One finding a case must give: its exact fields (as a set) and, where given, its figures,
    severity and a piece of its message."""

    fields: tuple[str, ...] = ()
    expected: Any = None
    actual: Any = None
    severity: str | None = None
    message: str | None = None  # a substring of the message (tells apart the rule's wordings)
    given: frozenset[str] = frozenset()  # which of expected/actual/severity/message the case pins

    def show(self) -> str:
        """The finding as the rule page lists it: its fields and whatever else the case pins."""
        parts = ["、".join(self.fields) if self.fields else "（不涉及表格单元格）"]
        for k, label in (("expected", "应为"), ("actual", "实为"), ("severity", "级别"), ("message", "提示语含")):
            if k in self.given:
                v = getattr(self, k)
                parts.append(f"{label}“{v}”" if k == "message" else f"{label}{v}")
        return "；".join(parts)


@dataclass(frozen=True)
class Case:
    """A named case of a rule: a report made like an example, and the findings of the rule it must give
    (none for a pass case). `xfail` names what the rule does not do yet (a known gap, kept visible)."""

    name: str
    example: Example
    expect: tuple[Expect, ...] = ()
    xfail: str | None = None

    @property
    def passes(self) -> bool:
        return not self.expect


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    severity: str
    summary: str
    explanation: str
    basis: str
    message: str
    variants: dict[str, str] = field(default_factory=dict)
    needs: tuple[str, ...] = ()  # "claims" (prose claims must be extracted), "context" (other reports)
    examples: dict[str, Example] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)  # thresholds the rule reads (similarity, counts)
    cases: tuple[Case, ...] = ()

    def case(self, name: str) -> Case:
        for c in self.cases:
            if c.name == name:
                return c
        raise KeyError(f"{self.code} has no case {name!r}")

    @property
    def family(self) -> str:
        return self.code[:2]

    def template(self, variant: str | None = None) -> str:
        if variant is None:
            return self.message
        return self.variants[variant]


def _edit(e: Any) -> tuple[str, str]:
    """[old, new] replaces every `old`; {before: X, insert: T, times: n} puts T (n times) before X."""
    if isinstance(e, dict):
        x = str(e["before"])
        return x, str(e["insert"]) * int(e.get("times", 1)) + x
    a, b = e
    return str(a), str(b)


def _example(d: dict[str, Any]) -> Example:
    edits = tuple(_edit(e) for e in (d.get("edits") or []))
    prev, peer = d.get("previous"), d.get("peer")
    return Example(base=d.get("base", "base-2021.txt"), edits=edits, previous=_example(prev) if prev else None,
                   peer=_example(peer) if peer else None, note=d.get("note"))


def _expect(d: Any, path: str) -> Expect:
    if not isinstance(d, dict) or "fields" not in d or set(d) - _EXPECT_KEYS:
        raise ValueError(f"{path}: an expected finding is {{fields: [...]}} with optional "
                         f"{', '.join(sorted(_EXPECT_KEYS - {'fields'}))}: {d!r}")
    return Expect(fields=tuple(str(k) for k in d["fields"] or ()), expected=d.get("expected"),
                  actual=d.get("actual"), severity=d.get("severity"),
                  message=str(d["message"]) if d.get("message") is not None else None,
                  given=frozenset(set(d) - {"fields"}))


def _cases(items: Any, path: str) -> tuple[Case, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise ValueError(f"{path}: `cases` must be a list")
    out: list[Case] = []
    for d in items:
        if not isinstance(d, dict) or not _CASE_NAME.match(str(d.get("name", ""))):
            raise ValueError(f"{path}: every case needs a snake_case `name`: {d!r}")
        where = f"{path} case {d['name']}"
        if set(d) - _CASE_KEYS:
            raise ValueError(f"{where}: unknown keys {sorted(set(d) - _CASE_KEYS)}")
        if "expect" not in d or not isinstance(d["expect"], list):
            raise ValueError(f"{where}: `expect` must be a list (`[]` for a case that passes)")
        if any(c.name == d["name"] for c in out):
            raise ValueError(f"{where}: duplicate case name")
        xfail = d.get("xfail")
        out.append(Case(name=str(d["name"]), example=_example(d), expect=tuple(_expect(e, where) for e in d["expect"]),
                        xfail=str(xfail) if xfail else None))
    return tuple(out)


def _spec(d: dict[str, Any], path: str) -> RuleSpec:
    cases = _cases(d.get("cases"), path)
    if not d.get("examples") and cases:  # the first passing and the first failing case stand as examples
        first_pass = next((c for c in cases if c.passes and not c.xfail), None)
        first_fail = next((c for c in cases if not c.passes and not c.xfail), None)
        if first_pass and first_fail:
            d = {**d, "examples": {"pass": first_pass.example, "fail": first_fail.example}}
    missing = [k for k in ("code", "name", "severity", "summary", "explanation", "basis", "message", "examples")
               if not d.get(k)]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    code = str(d["code"])
    if not _CODE.match(code) or code[:2] not in FAMILIES:
        raise ValueError(f"{path}: bad code {code!r}")
    if not _NAME.match(d["name"]):
        raise ValueError(f"{path}: name must be kebab-case English: {d['name']!r}")
    if d["severity"] not in SEVERITIES:
        raise ValueError(f"{path}: severity must be one of {SEVERITIES}")
    ex = d["examples"]
    if not isinstance(ex, dict) or "pass" not in ex or "fail" not in ex:
        raise ValueError(f"{path}: examples need both `pass` and `fail`")
    return RuleSpec(
        code=code, name=d["name"], severity=d["severity"], summary=d["summary"].strip(),
        explanation=d["explanation"].strip(), basis=d["basis"].strip(), message=d["message"].strip(),
        variants={k: v.strip() for k, v in (d.get("variants") or {}).items()},
        needs=tuple(d.get("needs") or ()),
        examples={k: v if isinstance(v, Example) else _example(v) for k, v in ex.items()},
        params=dict(d.get("params") or {}),
        cases=cases,
    )


@cache
def catalogue() -> dict[str, RuleSpec]:
    """Every rule of rules/catalogue/*.yaml, by code, in code order."""
    import yaml

    out: dict[str, RuleSpec] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for p in sorted((rules_dir() / "catalogue").glob("*.yaml")):
        with open(p, encoding="utf-8") as fh:
            d = yaml.load(fh, Loader=loader)
        spec = _spec(d, p.name)
        if p.stem != spec.code:
            raise ValueError(f"{p.name}: file name must be the code ({spec.code}.yaml)")
        out[spec.code] = spec
    return dict(sorted(out.items(), key=lambda kv: (kv[0][1:], kv[0])))  # S1…, N2…, T3… X8…


class SelectionError(ValueError):
    """A --select/--ignore entry that names no rule."""


def split_codes(values: list[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values:
        out.extend(p.strip().upper() for p in re.split(r"[,\s]+", v) if p.strip())
    return out


def resolve(select: list[str] | str | None = None, ignore: list[str] | str | None = None) -> list[str]:
    """The codes to run: those matching a prefix in `select` (all when empty) and none in `ignore`."""
    def key(v: list[str] | str | None) -> tuple[str, ...] | str | None:
        return v if v is None or isinstance(v, str) else tuple(v)

    return list(_resolved(key(select), key(ignore), tuple(catalogue())))


@functools.lru_cache(maxsize=64)
def _resolved(select: tuple[str, ...] | str | None, ignore: tuple[str, ...] | str | None,
              _codes: tuple[str, ...]) -> tuple[str, ...]:
    """`resolve` of one selection (asked once per report and rule stage: a batch asks the same few
    selections thousands of times; keyed on the catalogue's codes too, which a test may change)."""
    return tuple(_resolve(split_codes(_listed(select)), split_codes(_listed(ignore))))


def _listed(v: tuple[str, ...] | str | None) -> list[str] | str | None:
    return list(v) if isinstance(v, tuple) else v


def _resolve(sel: list[str], ign: list[str]) -> list[str]:
    codes = list(catalogue())
    for p in sel + ign:
        if p != "ALL" and not any(c.startswith(p) for c in codes):
            raise SelectionError(f"未知的规则代码或前缀：{p}（运行 xxgk-audit rules 查看规则目录）")
    if sel and "ALL" not in sel:
        codes = [c for c in codes if any(c.startswith(p) for p in sel)]
    if "ALL" in ign:
        return []
    return [c for c in codes if not any(c.startswith(p) for p in ign)]
