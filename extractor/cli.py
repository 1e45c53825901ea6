"""Command line: `xxgk-audit extract|check|rules`. Heavy libraries load only when a command runs."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

if TYPE_CHECKING:
    from .batch.flow import Settings
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


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="文件、目录或通配符")],
    format: Annotated[str | None, typer.Option("--format", "-f", help="text | json | jsonl | csv | sarif | html（默认 text；指定 --output-dir 时默认只输出汇总）")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（原子写入）")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="只运行这些规则（代码或前缀，逗号分隔，如 T3,P401）")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="不运行这些规则（代码或前缀）")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="error | warning | info | never：达到该级别即以状态1退出")] = "error",
    workers: Annotated[int | None, typer.Option("--workers", "-j", help="并行进程数（默认：全部 CPU 核数；结果顺序不变）")] = None,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", "-d", help="输出目录：每份报告的问题清单（JSON、Markdown）、summary.csv、index.html，均原子写入")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="续跑：报告库中已有（按内容哈希）的报告不再重新读取")] = False,
    store: Annotated[Path | None, typer.Option("--store", help="报告库（SQLite 文件，逐年保留，供跨年度核对；默认：OUT/store.sqlite，未指定 --output-dir 时不保留）")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="单个文件的处理时限（秒），超时即中止并报告；0 表示不限")] = 120.0,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask 调度器地址（如 tcp://10.0.0.1:8786）：在已有集群上读取文件")] = None,
    hierarchy: Annotated[Path | None, typer.Option("--hierarchy", help="上下级层级文件（CSV：上级,下级），声明所列下级齐全，供逐级汇总（X809/X810）核对")] = None,
    body_map: Annotated[Path | None, typer.Option("--body-map", help="机关名称对照文件（CSV：报告所写名称,统一名称），用于名称看不出的更名，跨年度按同一机关核对")] = None,
) -> None:
    """审核：按规则目录核对每份报告，输出问题清单（退出状态：0 无问题，1 有达到 --fail-on 的问题或文件无法读取，2 命令行错误）。"""
    if format is not None and format not in CHECK_FORMATS:
        raise typer.BadParameter(f"--format 只能是 {'、'.join(CHECK_FORMATS)}", param_hint="--format")
    if fail_on not in FAIL_ON:
        raise typer.BadParameter(f"--fail-on 只能是 {'、'.join(FAIL_ON)}", param_hint="--fail-on")
    if workers is not None and workers < 1:
        raise typer.BadParameter("--workers 至少为 1", param_hint="--workers")
    if timeout < 0:
        raise typer.BadParameter("--timeout 不能为负数", param_hint="--timeout")
    if resume and output_dir is None and store is None:
        raise typer.BadParameter("--resume 需要 --output-dir 或 --store（已完成的报告记在报告库中）", param_hint="--resume")
    from .check.catalogue import SelectionError, resolve

    try:
        resolve(select, ignore)
    except SelectionError as e:
        raise typer.BadParameter(str(e), param_hint="--select/--ignore") from e
    if hierarchy is not None:
        if not hierarchy.is_file():
            raise typer.BadParameter(f"找不到层级文件：{hierarchy}", param_hint="--hierarchy")
        from .check.rollup import HIERARCHY_ENV

        os.environ[HIERARCHY_ENV] = str(hierarchy.resolve())  # the workers inherit it
    if body_map is not None:
        if not body_map.is_file():
            raise typer.BadParameter(f"找不到机关名称对照文件：{body_map}", param_hint="--body-map")
        from .check.names import BODY_MAP_ENV

        os.environ[BODY_MAP_ENV] = str(body_map.resolve())  # the workers inherit it
    files = collect(paths)
    fmt = format or (None if output_dir is not None else "text")
    from .batch.flow import Settings

    settings = Settings(format=fmt, color=output is None and fmt == "text" and sys.stdout.isatty(), select=select,
                        ignore=ignore, workers=workers or _cores(), timeout=timeout or None, output_dir=output_dir,
                        store=store, resume=resume, scheduler=scheduler)
    try:
        failed = _check_files(files, settings, output, fail_on)
    except KeyboardInterrupt:
        sys.stderr.write("\n已中断。" + ("已读取的报告保存在报告库中，加 --resume 重新运行即可接着审核。\n"
                                       if output_dir is not None or store is not None else "\n"))
        raise typer.Exit(130) from None
    raise typer.Exit(1 if failed else 0)


def _check_files(files: list[Path], settings: Settings, output: Path | None, fail_on: str) -> bool:
    """Checks every file (batch/flow.py) and writes each result in path order as it is ready,
    flushing as it goes. True when a finding reaches `fail_on` or a file could not be read."""
    from collections import Counter

    from .batch import flow
    from .batch.record import from_blob
    from .batch.store import StoreError
    from .model import SEVERITY_RANK
    from .render import csvout
    from .render import text as textout

    fmt = settings.format
    threshold = None if fail_on == "never" else SEVERITY_RANK[fail_on]
    failed = False
    kept: list[Report] = []
    totals: Counter[str] = Counter()
    n = bad = with_errors = 0
    with _Sink(output) as out:
        if fmt == "json":
            out.write("[")
        elif fmt == "csv":
            out.write(("\ufeff" if output is not None else "") + csvout.header())
        try:
            for fin in flow.run(files, settings):
                failed |= fin.status != "ok" or (threshold is not None and fin.worst >= threshold)
                if fin.status == "ok":
                    totals.update({"error": fin.counts[0], "warning": fin.counts[1], "info": fin.counts[2]})
                    with_errors += fin.counts[0] > 0
                else:
                    bad += 1
                if fmt == "json":
                    out.write(("," if n else "") + "\n" + fin.text)
                elif fmt == "jsonl":
                    out.write(fin.text + "\n")
                elif fmt in ("csv", "text"):
                    out.write(fin.text)
                elif fin.kept is not None:
                    kept.append(from_blob(fin.kept))
                n += 1
                out.flush()
        except StoreError as e:
            raise typer.BadParameter(str(e), param_hint="--store") from e
        except RuntimeError as e:
            if settings.scheduler and "Dask" in str(e):
                raise typer.BadParameter(str(e), param_hint="--scheduler") from e
            raise
        summary = textout.summary_line(n, bad, +totals, with_errors) if n else "没有找到可审核的文件。\n"
        if fmt == "json":
            out.write("\n]\n")
        elif fmt == "text":
            out.write(summary)
        elif fmt == "sarif":
            from .render import jsonout, sarif

            out.write(jsonout.dumps(sarif.sarif_log(kept), indent=2) + "\n")
        elif fmt == "html":
            from .render import htmlout

            out.write(htmlout.page(kept))
    if fmt is None:
        sys.stdout.write(summary)
        if settings.output_dir is not None:
            sys.stdout.write(f"问题清单已写入 {settings.output_dir}（index.html、summary.csv、reports/）。\n")
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
        sys.stdout.write(rulesout.as_json(specs, run=_example_runner() if run else None))
    elif code is not None and len(specs) == 1:
        sys.stdout.write(rulesout.explain(specs[0], run=_example_runner() if run else None))
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


def _example_runner() -> Callable[[Any, str], list[str]]:
    """A rule's pass/fail example run through the pipeline: the messages of its findings."""
    from .examples import run_example

    def run(spec: Any, which: str) -> list[str]:
        return [f.message for f in run_example(spec, which, strict=False)[1]]

    return run


@app.command()
def train(
    real: Annotated[Path | None, typer.Option("--real", help="真实报告及其 .gold.json 所在目录（如 ../shared/corpus）")] = None,
    n_synth: Annotated[int, typer.Option("--n-synth", help="生成的训练报告数")] = 240,
    seed: Annotated[int, typer.Option("--seed", help="随机种子")] = 7,
    out: Annotated[Path | None, typer.Option("--out", help="模型输出目录（默认：项目的 models/）")] = None,
) -> None:
    """训练正文数字归类模型（claim-metric），写入 models/ 并更新模型说明。"""
    from .render.jsonout import dumps
    from .resources import models_dir
    from .training import train as train_model

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
