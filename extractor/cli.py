"""Command line: `xxgk-audit extract|check|rules`. Heavy libraries load only when a command runs."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

if TYPE_CHECKING:
    from .model import Report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="审核政府信息公开工作年度报告：读取（txt/html/docx/pdf）、提取表格与正文数字、按规则目录交叉核对。",
    context_settings={"help_option_names": ["-h", "--help"]},
)



@app.callback()
def _root() -> None:
    """审核政府信息公开工作年度报告（国办公开办函〔2021〕30号 / 〔2019〕60号格式）。"""


SUFFIXES = {".txt", ".htm", ".html", ".docx", ".pdf", ".md"}


def collect(paths: list[str]) -> list[Path]:
    """Files named, files under folders (recursively, by suffix), and globs — sorted, each once."""
    out: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                for f in files:
                    if Path(f).suffix.lower() in SUFFIXES:
                        out.add(Path(root) / f)
        elif path.exists():
            out.add(path)
        else:
            matches = glob.glob(p, recursive=True)
            if not matches:
                raise typer.BadParameter(f"找不到文件或目录：{p}")
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    out.update(collect([m]))
                elif mp.is_file():
                    out.add(mp)
    return sorted(out, key=lambda q: str(q))


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="文件、目录或通配符")],
    format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    text: Annotated[bool, typer.Option("--text", help="在 JSON 中附上规范化后的全文")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="说明每个数字由哪条模式或模型识别")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（原子写入）")] = None,
) -> None:
    """提取：每个文件输出元信息、章节、表格字段（规范键名）和正文数字声明。"""
    if format not in ("json", "jsonl", "table"):
        raise typer.BadParameter("--format 只能是 json、jsonl 或 table")
    from .pipeline import process
    from .render import jsonout

    files = collect(paths)
    failed = False
    with _Sink(output) as out:
        if format == "json":
            out.write("[")
        for i, f in enumerate(files):
            r = process(f, upto="extract")
            failed |= r.status != "ok"
            obj = jsonout.extract_obj(r, text=text, explain=explain)
            if format == "jsonl":
                out.write(jsonout.dumps(obj) + "\n")
                out.flush()
            elif format == "json":
                out.write(("," if i else "") + "\n" + jsonout.dumps(obj, indent=2))
            else:
                from .render.table import extract_table

                out.write(extract_table(r))
        if format == "json":
            out.write("\n]\n")
    raise typer.Exit(1 if failed else 0)


CHECK_FORMATS = ("text", "json", "jsonl", "csv", "sarif", "html")
FAIL_ON = ("error", "warning", "info", "never")


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="文件、目录或通配符")],
    format: Annotated[str, typer.Option("--format", "-f", help="text | json | jsonl | csv | sarif | html")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（原子写入）")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="只运行这些规则（代码或前缀，逗号分隔，如 T3,P401）")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="不运行这些规则（代码或前缀）")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="error | warning | info | never：达到该级别即以状态1退出")] = "error",
    workers: Annotated[int, typer.Option("--workers", "-j", help="并行进程数（结果顺序不变）")] = 1,
) -> None:
    """审核：按规则目录核对每份报告，输出问题清单（退出状态：0 无问题，1 有达到 --fail-on 的问题或文件无法读取，2 命令行错误）。"""
    if format not in CHECK_FORMATS:
        raise typer.BadParameter(f"--format 只能是 {'、'.join(CHECK_FORMATS)}", param_hint="--format")
    if fail_on not in FAIL_ON:
        raise typer.BadParameter(f"--fail-on 只能是 {'、'.join(FAIL_ON)}", param_hint="--fail-on")
    if workers < 1:
        raise typer.BadParameter("--workers 至少为 1", param_hint="--workers")
    from .check.catalogue import SelectionError, resolve

    try:
        resolve(select, ignore)
    except SelectionError as e:
        raise typer.BadParameter(str(e), param_hint="--select/--ignore") from e
    files = collect(paths)
    failed = _check_files(files, format, output, select, ignore, fail_on, workers)
    raise typer.Exit(1 if failed else 0)


def _extract_one(path: Path) -> Report:
    from .model import Report
    from .pipeline import process

    try:
        return process(path, upto="extract")
    except Exception as e:  # a bug in a later stage must not stop the batch
        return Report(source=str(path)).fail("unreadable", f"处理该文件时出错：{type(e).__name__}: {e}"[:300])


def _check_files(files: list[Path], format: str, output: Path | None, select: list[str] | None,
                 ignore: list[str] | None, fail_on: str, workers: int) -> bool:
    """Reads every file (the rules across years need the whole batch), then checks and writes each in
    path order, flushing as it goes. True when a finding reaches `fail_on` or a file could not be read."""
    from .check.context import BatchContext
    from .check.engine import run
    from .model import SEVERITY_RANK

    if workers > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            reports = list(pool.map(_extract_one, files, chunksize=1))
    else:
        reports = [_extract_one(f) for f in files]
    context = BatchContext(reports)
    threshold = None if fail_on == "never" else SEVERITY_RANK[fail_on]
    failed = False
    color = output is None and format == "text" and sys.stdout.isatty()
    from .render import csvout, jsonout
    from .render import text as textout

    with _Sink(output) as out:
        if format == "json":
            out.write("[")
        elif format == "csv":
            out.write(("\ufeff" if output is not None else "") + csvout.header())
        for i, r in enumerate(reports):
            try:
                run(r, select=select, ignore=ignore, context=context)
            except Exception as e:
                r.notes.append(f"审核该文件时出错：{type(e).__name__}: {e}"[:300])
            failed |= r.status != "ok"
            if threshold is not None and any(SEVERITY_RANK[f.severity] >= threshold for f in r.findings):
                failed = True
            if format in ("json", "jsonl"):
                obj = jsonout.check_obj(r)
                if format == "jsonl":
                    out.write(jsonout.dumps(obj) + "\n")
                else:
                    out.write(("," if i else "") + "\n" + jsonout.dumps(obj, indent=2))
            elif format == "csv":
                out.write(csvout.rows(r))
            elif format == "text":
                out.write(textout.render_report(r, color=color))
            out.flush()
        if format == "json":
            out.write("\n]\n")
        elif format == "text":
            out.write(textout.render_summary(reports) if reports else "没有找到可审核的文件。\n")
        elif format == "sarif":
            from .render import sarif

            out.write(jsonout.dumps(sarif.sarif_log(reports), indent=2) + "\n")
        elif format == "html":
            from .render import htmlout

            out.write(htmlout.page(reports))
    return failed


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="规则代码或前缀（如 T301、P4）；省略则列出全部规则")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    run: Annotated[bool, typer.Option("--run", help="运行该规则的通过/不通过示例并显示结果")] = False,
) -> None:
    """规则目录：列出全部规则，或说明一条规则（依据、提示语、通过与不通过的示例）。"""
    if format not in ("text", "json"):
        raise typer.BadParameter("--format 只能是 text 或 json", param_hint="--format")
    from .check.catalogue import catalogue
    from .render import rulesout

    cat = catalogue()
    if code is None:
        specs = list(cat.values())
    else:
        c = code.strip().upper()
        specs = [s for k, s in cat.items() if k.startswith(c)]
        if not specs:
            raise typer.BadParameter(f"未知的规则代码：{code}（运行 xxgk-audit rules 查看规则目录）", param_hint="CODE")
    if format == "json":
        sys.stdout.write(rulesout.as_json(specs, run=run))
    elif code is not None and len(specs) == 1:
        sys.stdout.write(rulesout.explain(specs[0], run=run))
    else:
        sys.stdout.write(rulesout.listing(specs))
    raise typer.Exit(0)


class _Sink:
    """stdout, or a file written to a temporary name and renamed into place when complete."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fh: TextIO | None = None
        self.tmp = ""

    def __enter__(self) -> TextIO:
        if self.path is None:
            return sys.stdout
        import tempfile

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8")
        return self.fh

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if self.fh is None or self.path is None:
            sys.stdout.flush()
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        if exc_type is None or (exc_type is typer.Exit and isinstance(exc, typer.Exit)):
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


@app.command()
def train(
    real: Annotated[Path | None, typer.Option("--real", help="真实报告及其 .gold.json 所在目录（如 ../shared/corpus）")] = None,
    n_synth: Annotated[int, typer.Option("--n-synth", help="生成的训练报告数")] = 240,
    seed: Annotated[int, typer.Option("--seed", help="随机种子")] = 7,
    out: Annotated[Path | None, typer.Option("--out", help="模型输出目录（默认：项目的 models/）")] = None,
) -> None:
    """训练正文数字归类模型（claim-metric），写入 models/ 并更新模型说明。"""
    from .extract.classifier import train as train_model
    from .render.jsonout import dumps
    from .resources import models_dir

    if real is not None and not real.is_dir():
        raise typer.BadParameter(f"找不到目录：{real}", param_hint="--real")
    report = train_model(out or models_dir(), real, n_synth=n_synth, seed=seed)
    sys.stdout.write(dumps(report, indent=2) + "\n")


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `… | head` is fine
        sys.exit(0)


if __name__ == "__main__":
    main()
