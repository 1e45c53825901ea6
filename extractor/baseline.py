"""Reviewed findings stay reviewed: `check --write-baseline FILE` and `check --baseline FILE`.

A baseline lists the findings a person has looked at. A later run reports only the findings that
are not in it, and says how many it left out. Each entry is keyed by what the finding is about,
not where it was found:

    the report's body and year, the rule, the fields with their values, the prose claims with
    their values and clauses, the expected and actual figures, the sentence quoted (when the
    finding rests on no claim: a claim's clause is narrower than its sentence)

— no line number, offset, page or file path. So an entry survives re-runs, a moved or renamed
file and edits elsewhere in the report, and stops matching as soon as a figure it concerns
changes (the finding then comes back, to be reviewed again). A finding that rests on nothing of
the kind (a missing part) is keyed by its message as well.

The file is TOML (or JSON when its name ends in .json): one `[[finding]]` per entry, sorted, with
the message and the file it was seen in as a reminder (not part of the key) and an optional
`reason` the reviewer writes. Writing it again keeps the reasons of the entries still found, and
gives the same bytes when nothing changed.

With a persistent store (`--store`, or OUT/store.sqlite), `--write-baseline` also records the
entries in the store (table `reviews`), and later runs on that store leave them out without
`--baseline`: the decisions travel with the store from year to year.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from .config import Config
    from .model import Finding, Report

VERSION = 1
KEY_FIELDS = ("rule", "body", "year", "fields", "claims", "expected", "actual", "quote", "detail")
NOTE_FIELDS = ("message", "source", "reason")
HEADER = (
    "# xxgk-audit 基线：已经审阅过的问题。带 --baseline 运行时，这里列出的问题不再报告。\n"
    "# 每条按机关、年度、规则、所涉单元格及其数值、正文数字及其原句识别（不看文件路径和行号）：\n"
    "# 文件移动、改名或改动无关内容后仍然有效；所涉数字一旦改变，该问题会重新报告。\n"
    "# reason 可填写审阅意见；message、source 仅供查看，不参与识别。\n"
)


class BaselineError(ValueError):
    """A baseline file that cannot be used (message in Chinese)."""


# ---------------------------------------------------------------- the key of a finding


def _fmt(v: Any) -> str:
    from .check.engine import fmt

    if v is None:
        return "空"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(_fmt(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(f"{k}:{_fmt(x)}" for k, x in sorted(v.items(), key=lambda kv: str(kv[0]))) + "}"
    return fmt(v)


def _squeeze(s: str | None) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", s or "")


def entry(f: Finding, report: Report) -> dict[str, Any]:
    """The baseline entry of finding `f` of `report`: its key parts, then the reminders."""
    out: dict[str, Any] = {"rule": f.rule, "body": _squeeze(report.meta.body)}
    if report.meta.year is not None:
        out["year"] = int(report.meta.year)
    if f.fields:
        vals = []
        for k in sorted(set(f.fields)):
            fd = report.fields.get(k)
            vals.append(f"{k}={'无' if fd is None else _fmt(fd.value)}")
        out["fields"] = vals
    if f.claims:
        out["claims"] = sorted(f"{c.metric}={_fmt(c.value)}{c.unit or ''}「{_squeeze(c.text)}」" for c in f.claims)
    if f.expected is not None:
        out["expected"] = _fmt(f.expected)
    if f.actual is not None:
        out["actual"] = _fmt(f.actual)
    if f.quote and not f.claims:  # a claim's own clause, not the whole sentence (it may hold other figures)
        out["quote"] = _squeeze(f.quote)
    if not (f.fields or f.claims or f.quote or f.expected is not None or f.actual is not None):
        out["detail"] = _squeeze(f.message)
    out["message"] = f.message
    out["source"] = Path(report.source.split("!", 1)[0]).name + (
        "!" + report.source.split("!", 1)[1] if "!" in report.source else "")
    return out


def key(e: dict[str, Any]) -> str:
    """The identity of an entry: a hash of its key parts (the reminders and the reason left out)."""
    parts = {k: e[k] for k in KEY_FIELDS if k in e and e[k] not in (None, "", [])}
    raw = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


# ---------------------------------------------------------------- applying it in a run


@dataclass
class Review:
    """What the workers need: the settings, the keys of the reviewed findings, whether to hand back
    the entries of what they find (for --write-baseline), and whether the text shows info."""

    config: Config | None = None
    keys: frozenset[str] = frozenset()
    collect: bool = False
    show_info: bool = False


@dataclass
class Outcome:
    suppressed: int = 0
    entries: list[dict[str, Any]] = field(default_factory=list)


def apply(report: Report, review: Review | None) -> Outcome:
    """Adjusts `report.findings` in place to the settings (per-file ignores, severities) and leaves
    out those the baseline holds. Returns how many it left out and, when asked, every finding's entry
    (taken before leaving any out, so a rewritten baseline keeps what is still found)."""
    from .config import adjust

    if review is None or report.status != "ok":
        return Outcome()
    report.findings = adjust(report.findings, report.source, review.config)
    out = Outcome()
    if review.collect:
        out.entries = [entry(f, report) for f in report.findings]
    if review.keys:
        kept = []
        for f in report.findings:
            if key(entry(f, report)) in review.keys:
                out.suppressed += 1
            else:
                kept.append(f)
        report.findings = kept
    return out


# ---------------------------------------------------------------- the file


def _toml_str(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + "".join(f"  {_toml_value(x)},\n" for x in v) + "]"
    return _toml_str(str(v))


def _ordered(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in (*KEY_FIELDS, *NOTE_FIELDS) if k in e and e[k] is not None}


def _sorted(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entry once (by key), sorted by body, year, rule and then the key parts."""
    by: dict[str, dict[str, Any]] = {}
    for e in entries:
        by.setdefault(key(e), _ordered(e))
    return sorted(by.values(), key=lambda e: (e.get("body", ""), e.get("year", 0), e["rule"],
                                              json.dumps({k: e.get(k) for k in KEY_FIELDS}, ensure_ascii=False)))


def dumps(entries: list[dict[str, Any]], as_json: bool = False) -> str:
    rows = _sorted(entries)
    if as_json:
        return json.dumps({"version": VERSION, "findings": rows}, ensure_ascii=False, indent=2) + "\n"
    out = [HEADER, f"version = {VERSION}\n"]
    for e in rows:
        out.append("\n[[finding]]\n")
        for k, v in e.items():
            out.append(f"{k} = {_toml_value(v)}\n")
    return "".join(out)


def loads(text: str, as_json: bool = False, where: str = "基线") -> list[dict[str, Any]]:
    try:
        data = json.loads(text) if as_json else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as e:
        raise BaselineError(f"基线文件 {where} 无法解析：{e}") from e
    if not isinstance(data, dict):
        raise BaselineError(f"基线文件 {where} 的格式不对（应为 xxgk-audit --write-baseline 写出的文件）")
    unknown = [k for k in data if k not in ("version", "finding", "findings")]
    if unknown:
        raise BaselineError(f"基线文件 {where}：未知的项 {'、'.join(unknown)}")
    if data.get("version", VERSION) != VERSION:
        raise BaselineError(f"基线文件 {where} 的版本 {data.get('version')!r} 不受支持（本工具为 {VERSION}）")
    rows = data.get("finding", data.get("findings", []))
    if not isinstance(rows, list):
        raise BaselineError(f"基线文件 {where}：finding 应为条目列表")
    out = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("rule"), str):
            raise BaselineError(f"基线文件 {where} 第{i}条：缺少 rule")
        bad = [k for k in row if k not in KEY_FIELDS and k not in NOTE_FIELDS]
        if bad:
            raise BaselineError(f"基线文件 {where} 第{i}条：未知的项 {'、'.join(bad)}")
        out.append(row)
    return out


def read(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise BaselineError(f"无法读取基线文件 {path}：{e.strerror or e}") from e
    return loads(text, as_json=path.suffix.lower() == ".json", where=str(path))


def keys_of(entries: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(key(e) for e in entries)


def merged(found: list[dict[str, Any]], previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries found now, each keeping the reviewer's reason of the same entry before."""
    reasons = {key(e): e["reason"] for e in previous if e.get("reason")}
    out = []
    for e in found:
        item = dict(e)
        r = reasons.get(key(item))
        if r:
            item["reason"] = r
        out.append(item)
    return out


def write(path: Path, found: list[dict[str, Any]]) -> int:
    """Writes the baseline of the findings `found` (keeping the reasons already in `path`); returns
    the number of entries."""
    from .batch.outdir import write_atomic

    previous: list[dict[str, Any]] = []
    if path.is_file():
        try:
            previous = read(path)
        except BaselineError:
            previous = []
    entries = merged(found, previous)
    write_atomic(path, dumps(entries, as_json=path.suffix.lower() == ".json"))
    return len(_sorted(entries))


# ---------------------------------------------------------------- the same decisions in the store

_REVIEWS = "CREATE TABLE IF NOT EXISTS reviews (key TEXT PRIMARY KEY, entry TEXT NOT NULL)"


def from_store(path: Path) -> list[dict[str, Any]]:
    """The reviewed findings recorded in the store at `path` (none when it has no such table)."""
    if not path.is_file():
        return []
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            rows = db.execute("SELECT entry FROM reviews ORDER BY key").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return []
    return [json.loads(r[0]) for r in rows]


def to_store(path: Path, entries: list[dict[str, Any]]) -> None:
    """Records `entries` as the store's reviewed findings (replacing those it had)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), timeout=30)
    try:
        with db:
            db.execute(_REVIEWS)
            db.execute("DELETE FROM reviews")
            db.executemany("INSERT OR REPLACE INTO reviews (key, entry) VALUES (?, ?)",
                           [(key(e), json.dumps(_ordered(e), ensure_ascii=False)) for e in entries])
    finally:
        db.close()
