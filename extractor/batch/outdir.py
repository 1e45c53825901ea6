"""`check --output-dir OUT`: what a batch leaves on disk, every file written atomically.

    OUT/reports/<path of the report>.json   its check object (spec/output.md), one per report
    OUT/reports/<path of the report>.md     its issue list in Markdown
    OUT/summary.csv                         one row per report: body, year, template, status, counts
    OUT/index.html                          the same table, linking to each report's issue list
    OUT/store.sqlite                        the store (default place; see store.py)

`<path of the report>` is the file's path below the folder common to all inputs, so two files of
the same name in different folders stay apart. A file is written to a temporary name beside its
place, flushed to disk (fsync) and renamed over it: a reader (or a rerun after a kill) sees the
old file or the new one, never half of one. A file whose bytes would not change is left alone.
Nothing written depends on the clock or the machine: the same batch gives the same bytes.
"""

from __future__ import annotations

import csv
import html
import io
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPORTS = "reports"


def write_atomic(path: Path, data: bytes | str, skip_same: bool = True) -> bool:
    """Writes `data` to `path` through a temporary file, fsync and rename; False when it was already so."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if skip_same:
        try:
            if path.stat().st_size == len(raw) and path.read_bytes() == raw:
                return False
        except OSError:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def sweep(out: Path) -> int:
    """Removes the temporary files a killed run left in OUT (a kill cannot be caught; a rerun
    starts clean). Returns how many there were."""
    n = 0
    if not out.is_dir():
        return 0
    for root, _dirs, names in os.walk(out):
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(root, name))
                    n += 1
                except OSError:
                    pass
    return n


def common_root(files: list[Path]) -> Path:
    """The deepest folder that holds every input file."""
    if not files:
        return Path(".")
    parents = [str(f.absolute().parent) for f in files]
    return Path(os.path.commonpath(parents))


def report_name(path: Path, root: Path) -> str:
    """The report's place under OUT/reports (POSIX separators): its path below `root`."""
    try:
        rel = path.absolute().relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


@dataclass
class Row:
    """One line of summary.csv and of index.html."""

    source: str
    sha256: str
    body: str | None
    year: int | None
    template: str | None
    status: str
    error_code: str | None
    errors: int
    warnings: int
    infos: int
    name: str  # under OUT/reports, without .json/.md


COLUMNS = ["source", "body", "year", "template", "status", "error", "errors", "warnings", "infos", "json", "markdown",
           "sha256"]


def _csv_line(values: Sequence[object]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue()


def _e(s: object) -> str:
    return html.escape("" if s is None else str(s))


def _href(name: str, ext: str) -> str:
    from urllib.parse import quote

    return _e(quote(f"{REPORTS}/{name}.{ext}"))


def _html_row(r: Row) -> str:
    state = "" if r.status == "ok" else f'<span class="err">无法审核：{_e(r.error_code)}</span>'
    return (f'<tr class="status-{"ok" if r.status == "ok" else "error"}"><td><a href="{_href(r.name, "md")}">'
            f'{_e(r.body or r.source)}</a><div class="muted">{_e(r.source)}</div>{state}</td>'
            f'<td class="n">{_e(r.year or "")}</td><td>{_e(r.template or "")}</td><td class="n">{r.errors}</td>'
            f'<td class="n">{r.warnings}</td><td class="n">{r.infos}</td>'
            f'<td><a href="{_href(r.name, "json")}">JSON</a></td></tr>\n')


class Summary:
    """summary.csv and index.html, a row at a time as the results come (in path order): the rows go
    to temporary files beside their places, nothing of them stays in memory, and `close` puts both
    files in place (index.html's head, which counts the whole batch, is written last)."""

    TITLE = "政府信息公开工作年度报告批量审核结果"

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.csv = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=out, prefix=".summary.csv.",
                                               suffix=".tmp", delete=False)
        self.rows = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out, prefix=".index.rows.", suffix=".tmp",
                                                delete=False)
        self.csv.write("\ufeff" + _csv_line(COLUMNS))
        self.total: Counter[str] = Counter()
        self.n = self.bad = 0

    def add(self, r: Row) -> None:
        self.csv.write(_csv_line([r.source, r.body or "", "" if r.year is None else r.year, r.template or "",
                                  r.status, r.error_code or "", r.errors, r.warnings, r.infos,
                                  f"{REPORTS}/{r.name}.json", f"{REPORTS}/{r.name}.md", r.sha256]))
        self.rows.write(_html_row(r))
        self.total.update({"error": r.errors, "warning": r.warnings, "info": r.infos})
        self.n += 1
        self.bad += r.status != "ok"

    def close(self, rules: Counter[str]) -> None:
        from ..render.htmlout import CSS
        from ..render.text import count_line

        self.csv.flush()
        os.fsync(self.csv.fileno())
        self.csv.close()
        os.replace(self.csv.name, self.out / "summary.csv")
        self.rows.close()
        by_rule = "、".join(f"<code>{_e(code)}</code>×{n}" for code, n in sorted(rules.items()))
        head = (f"共{self.n}份报告；{_e(count_line(self.total))}" + (f"；{self.bad}份无法读取" if self.bad else "") +
                "。每份报告的问题清单见其链接（Markdown）和 JSON；summary.csv 为同一汇总表。")
        fd, tmp = tempfile.mkstemp(prefix=".index.html.", suffix=".tmp", dir=self.out)
        with os.fdopen(fd, "w", encoding="utf-8") as fh, open(self.rows.name, encoding="utf-8") as rows:
            fh.write("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                     f"<title>{_e(self.TITLE)}</title><style>{CSS}</style></head><body>\n"
                     f"<header><h1>{_e(self.TITLE)}</h1><p class=\"muted\">{head}</p></header>\n"
                     '<section id="summary"><table><thead><tr><th>报告</th><th>年度</th><th>模板</th><th>错误</th>'
                     "<th>警告</th><th>提示</th><th>结果</th></tr></thead><tbody>\n")
            shutil.copyfileobj(rows, fh)
            fh.write(f'</tbody></table>\n<p class="muted">按规则：{by_rule or "无"}</p></section>\n</body></html>\n')
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.out / "index.html")
        os.unlink(self.rows.name)

    def abort(self) -> None:
        for fh in (self.csv, self.rows):
            fh.close()
            try:
                os.unlink(fh.name)
            except OSError:
                pass
