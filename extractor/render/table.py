"""`extract --format table`: a terminal view of the fields of one report."""

from __future__ import annotations

from .. import template as tmpl
from ..model import Report


def extract_table(r: Report) -> str:
    lines = [f"== {r.source}"]
    if r.status != "ok":
        lines.append(f"   错误 [{r.error.code}] {r.error.message}" if r.error else "   错误")
        return "\n".join(lines) + "\n"
    m = r.meta
    lines.append(f"   机关：{m.body or '（未识别）'}　年度：{m.year or '（未识别）'}　模板：{m.template or '（无）'}　格式：{m.format}")
    lines.append("   章节：" + "、".join(f"{s.number}.{s.title}" for s in r.sections))
    version = m.template if m.template in tmpl.VERSIONS else None
    for key, f in r.fields.items():
        fd = tmpl.field_def(key, version)
        where = fd.where if fd else key
        v = "空" if f.value is None else str(f.value)
        unit = f" {f.unit}" if f.unit else ""
        note = f"　※{f.note}" if f.note else ""
        lines.append(f"   {key:48} {v:>12}{unit}　{where}{note}")
    for c in r.claims:
        lines.append(f"   [声明] {c.metric} = {c.value}{c.unit or ''}（{c.scope}）「{c.text}」")
    return "\n".join(lines) + "\n"
