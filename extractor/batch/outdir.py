"""`check --output-dir OUT`: what a batch leaves on disk, every file written atomically.

    OUT/reports/<path of the report>.json   its check object (spec/output.md), one per report
    OUT/reports/<path of the report>.md     its issue list in Markdown
    OUT/summary.csv                         one row per report: body, year, template, status, counts
    OUT/index.html                          the same table, linking to each report's issue list
    OUT/store.sqlite                        the store (default place; see store.py)

`<path of the report>` is the file's path below the folder common to all inputs, so two files of
the same name in different folders stay apart — made safe, bounded and collision-free by
`inputs.out_names` (never outside OUT). OUT is locked for the run (`lock`): a second run on it
refuses or waits. Files are created with the user's umask (0644 by default). A file is written to a temporary name beside its
place and renamed over it: a reader (or a rerun after a kill) sees the old file or the new one,
never half of one. The summary files (summary.csv, index.html) are flushed to disk (fsync) before
their rename; a report's own files are not, one by one (three flushes per report cost a batch a
tenth of its time and serialised its workers on the disk's journal): instead, everything is
flushed at once (`flush_all`) just before the summary is written, so a summary on disk means every
file it lists is on disk too. A power cut in the middle of a batch can leave a report's file of
that unfinished run empty; the rerun (`--resume`) rewrites it, as a file whose bytes differ.
A file whose bytes would not change is left alone.
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
from pathlib import Path
from typing import Any

from ..render.indexpage import IndexRow as Row  # one line of summary.csv and of index.html

REPORTS = "reports"
LOCK = ".xxgk-audit.lock"


class OutputError(Exception):
    """An output that cannot be written (disk full, no permission, OUT locked): the message is one
    line of Chinese; the run stops with exit status 2."""


_MODE: int | None = None


def file_mode() -> int:
    """The mode a new file gets under the user's umask (0644 with the usual 022): outputs are
    written through private temporary files and would otherwise stay 0600."""
    global _MODE
    if _MODE is None:
        mask = os.umask(0o022)
        os.umask(mask)
        _MODE = 0o666 & ~mask
    return _MODE


def temp_file(folder: Path) -> tuple[int, str]:
    """A temporary file in `folder` (name independent of the final one's length), mode as umask says."""
    fd, tmp = tempfile.mkstemp(prefix=".xxgk-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, file_mode())
    except OSError:
        pass
    return fd, tmp


def lock(out: Path, wait: bool = False) -> Any:
    """Holds OUT for this run (an exclusive lock on OUT/.xxgk-audit.lock, released when the returned
    file is closed or the process ends): a second run on the same OUT refuses, or waits (`wait`)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fh = open(out / LOCK, "a+b")
    except OSError as e:
        raise OutputError(f"无法写入输出目录 {out}：{_os(e)}") from e
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        return fh
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        if not wait:
            fh.close()
            raise OutputError(f"输出目录 {out} 正被另一个 xxgk-audit 运行使用；请等它结束后再运行，或加 --wait 排队等待。"
                              ) from None
        import sys

        sys.stderr.write(f"输出目录 {out} 正被另一个 xxgk-audit 运行使用，等待它结束……\n")
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
    return fh


def _os(e: OSError) -> str:
    from ..read import os_message

    return os_message(e)


def flush_all() -> None:
    """Everything written so far, on disk (one `sync` for the files written with `durable=False`)."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()


def write_atomic(path: Path, data: bytes | str, skip_same: bool = True, durable: bool = True) -> bool:
    """Writes `data` to `path` through a temporary file and a rename (with an fsync before it when
    `durable`, or where the system has no `sync` for `flush_all`); False when it was already so."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if skip_same:
        try:
            if path.stat().st_size == len(raw) and path.read_bytes() == raw:
                return False
        except OSError:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file(path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            if durable or not hasattr(os, "sync"):
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
    for root, dirs, names in os.walk(out):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(root, name))
                    n += 1
                except OSError:
                    pass
    return n


COLUMNS = ["source", "body", "year", "template", "status", "error", "errors", "warnings", "infos", "json", "markdown",
           "sha256"]


def _csv_line(values: Sequence[object]) -> str:
    from ..render.csvout import safe

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([safe(v) if isinstance(v, str) else v for v in values])
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
        self.out = out
        try:
            out.mkdir(parents=True, exist_ok=True)
            fd, name = temp_file(out)
            self.csv = os.fdopen(fd, "w", encoding="utf-8", newline="")
            fd, name2 = temp_file(out)
            self.rows = os.fdopen(fd, "w", encoding="utf-8")
            self.csv.write("\ufeff" + _csv_line(COLUMNS))
        except OSError as e:
            raise OutputError(f"无法写入输出目录 {out}：{_os(e)}") from e
        self.names: tuple[str, ...] = (name, name2)
        self.total: Counter[str] = Counter()
        self.n = self.bad = 0

    def add(self, r: Row) -> None:
        try:
            self.csv.write(_csv_line([r.source, r.body or "", "" if r.year is None else r.year, r.template or "",
                                      r.status, r.error_code or "", r.errors, r.warnings, r.infos,
                                      f"{REPORTS}/{r.name}.json", f"{REPORTS}/{r.name}.md", r.sha256]))
            self.rows.write(_html_row(r))
        except OSError as e:
            raise OutputError(f"无法写入输出目录 {self.out}：{_os(e)}") from e
        self.total.update({"error": r.errors, "warning": r.warnings, "info": r.infos})
        self.n += 1
        self.bad += r.status != "ok"

    def close(self, rules: Counter[str]) -> None:
        try:
            self._close(rules)
        except OSError as e:
            self.abort()
            raise OutputError(f"无法写入输出目录 {self.out}：{_os(e)}") from e

    def _close(self, rules: Counter[str]) -> None:
        from ..render.htmlout import CSS
        from ..render.text import count_line

        flush_all()  # the reports' own files first: the summary lists them
        self.csv.flush()
        os.fsync(self.csv.fileno())
        self.csv.close()
        os.replace(self.names[0], self.out / "summary.csv")
        self.rows.close()
        by_rule = "、".join(f"<code>{_e(code)}</code>×{n}" for code, n in sorted(rules.items()))
        head = (f"共{self.n}份报告；{_e(count_line(self.total))}" + (f"；{self.bad}份无法读取" if self.bad else "") +
                "。每份报告的问题清单见其链接（Markdown）和 JSON；summary.csv 为同一汇总表。")
        fd, tmp = temp_file(self.out)
        self.names = (self.names[1], tmp)
        with os.fdopen(fd, "w", encoding="utf-8") as fh, open(self.names[0], encoding="utf-8") as rows:
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
        os.unlink(self.names[0])
        self.names = ()

    def abort(self) -> None:
        for fh in (self.csv, self.rows):
            try:
                fh.close()
            except OSError:
                pass
        for name in self.names:
            try:
                os.unlink(name)
            except OSError:
                pass
        self.names = ()
