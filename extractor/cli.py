"""Command line: `xxgk-audit extract|check|rules`. Heavy libraries load only when a command runs."""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer

if TYPE_CHECKING:
    from .batch.flow import Settings
    from .batch.inputs import Input
    from .model import Report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="审核政府信息公开工作年度报告：读取（txt/html/docx/pdf）、提取表格与正文数字、按规则目录交叉核对。",
    context_settings={"help_option_names": ["-h", "--help"]},
)



_RICH_TEXTS = (("OPTIONS_PANEL_TITLE", "选项"), ("ARGUMENTS_PANEL_TITLE", "参数"), ("COMMANDS_PANEL_TITLE", "命令"),
               ("ERRORS_PANEL_TITLE", "错误"), ("DEFAULT_STRING", "[默认：{}]"), ("REQUIRED_LONG_STRING", "[必填]"),
               ("ABORTED_TEXT", "已中止。"), ("ENVVAR_STRING", "[环境变量：{}]"),
               ("RICH_HELP", "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"))


def _localise_rich(rich_utils: Any) -> None:
    for name, text in _RICH_TEXTS:
        setattr(rich_utils, name, text)


class _WhenImported(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Runs `then(module)` once `name` is imported. typer imports its `rich_utils` (rich, markdown-it:
    a tenth of a second) only to draw a help screen or an error; importing it up front to put our
    Chinese texts in it cost every run that time."""

    def __init__(self, name: str, then: Callable[[Any], None]) -> None:
        self.name, self.then = name, then
        self.loader: Any = None

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.name or self.loader is not None:
            return None
        import importlib.util

        sys.meta_path.remove(self)  # the module's own finder, then this loader around its loader
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        self.loader, spec.loader = spec.loader, self
        return spec

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        self.then(module)


def _localise_help() -> None:
    """The help screens in Chinese: typer's panel titles and click's --help line (the user reads them)."""
    import click

    if "typer.rich_utils" in sys.modules:
        _localise_rich(sys.modules["typer.rich_utils"])
    elif not any(isinstance(f, _WhenImported) for f in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported("typer.rich_utils", _localise_rich))
    commands: list[Any] = [click.Command]
    try:  # typer ≥ 0.20 carries its own copy of click
        from typer._click.core import Command as TyperClickCommand

        commands.append(TyperClickCommand)
    except ImportError:
        pass
    for cls in commands:
        if getattr(cls.get_help_option, "_xxgk", False):
            continue
        cls.get_help_option = _chinese_help_option(cls.get_help_option)
    _chinese_errors()


_ERRORS = ((r"^Invalid value for (.+?): ", r"\1 的值无效："), (r"^Invalid value: ", "值无效："),
           (r"^Missing argument (.+?)\.", r"缺少参数 \1。"), (r"^Missing option (.+?)\.", r"缺少选项 \1。"),
           (r"^Missing parameter: (.+)$", r"缺少参数 \1"), (r"^No such option: (\S+)", r"没有这个选项：\1"),
           (r"\(Possible options: (.+)\)$", r"（可能是：\1）"), (r"Did you mean (.+?)\?", r"是否想用 \1？"),
           (r"^Got unexpected extra arguments? \((.+)\)$", r"多余的参数（\1）"),
           (r"^Option (.+?) requires an argument\.", r"选项 \1 需要一个值。"))


def _chinese_errors() -> None:
    """click's usage errors (a missing argument, an unknown option …) in Chinese."""
    import re

    modules = []
    try:
        from click import exceptions as click_exceptions

        modules.append(click_exceptions)
    except ImportError:  # pragma: no cover
        pass
    try:
        from typer._click import exceptions as typer_exceptions

        modules.append(typer_exceptions)
    except ImportError:
        pass
    for mod in modules:
        for name in ("TyperException", "ClickException", "UsageError", "BadParameter", "MissingParameter", "NoSuchOption", "BadOptionUsage",
                     "BadArgumentUsage"):
            cls = getattr(mod, name, None)
            if cls is None or "format_message" not in vars(cls) or getattr(cls.format_message, "_xxgk", False):
                continue
            original = cls.format_message

            def format_message(self: Any, _original: Any = original) -> str:
                text = str(_original(self))
                for pattern, repl in _ERRORS:
                    text = re.sub(pattern, repl, text)
                return text

            format_message._xxgk = True  # type: ignore[attr-defined]
            cls.format_message = format_message


def _chinese_help_option(original: Any) -> Any:
    def get_help_option(self: Any, ctx: Any) -> Any:
        opt = original(self, ctx)
        if opt is not None:
            opt.help = "显示本帮助并退出。"
        return opt

    get_help_option._xxgk = True  # type: ignore[attr-defined]
    return get_help_option


_localise_help()


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("xxgk-audit")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "0+unknown"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"xxgk-audit {version()}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    show_version: Annotated[bool, typer.Option("--version", "-V", callback=_show_version, is_eager=True,
                                               help="显示版本号并退出。")] = False,
) -> None:
    """审核政府信息公开工作年度报告（国办公开办函〔2021〕30号 / 〔2019〕60号格式）。"""


def collect(paths: list[str], exclude: list[Path] | None = None) -> list[Input]:
    """Every input under the paths named (batch/inputs.py): files named (whatever they are), files
    under folders (recursively; documents of kinds we do not read are results too), members of .zip
    archives, globs — sorted, each once. The main process only lists: a worker opens each file.
    Hidden files and folders are skipped and counted on stderr; a path that names nothing, or
    nothing to audit at all, ends the command with exit status 2."""
    from .batch.inputs import discover

    found = discover(paths, exclude)
    if found.missing:
        raise typer.BadParameter("找不到文件或目录：" + "、".join(found.missing))
    if found.skipped:
        kinds = "、".join(f"{k} {n} 个" for k, n in sorted(found.skipped.items()))
        sys.stderr.write(f"已跳过 {sum(found.skipped.values())} 个隐藏文件或指向目录的链接（{kinds}）。\n")
    if not found.inputs:
        _fail("没有找到可审核的文件（支持 .txt .md .html .docx .pdf 及其 .zip 压缩包）：" + "、".join(paths))
    return found.inputs


def _fail(message: str) -> NoReturn:
    """The tool cannot do its job: one line on stderr, exit status 2 (spec/output.md)."""
    sys.stderr.write(f"错误：{message}\n")
    raise typer.Exit(2)


def _debug(on: bool) -> None:
    if on:
        os.environ["XXGK_DEBUG"] = "1"  # workers inherit it: tracebacks of internal errors on stderr


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="文件、目录或通配符")],
    format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    text: Annotated[bool, typer.Option("--text", help="在 JSON 中附上规范化后的全文")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="说明每个数字由哪条模式或模型识别")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（原子写入）")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-j", help="并行进程数（默认：全部 CPU 核数；结果顺序不变）")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="单个文件的处理时限（秒），超时即中止并报告；0 表示不限")] = 120.0,
    debug: Annotated[bool, typer.Option("--debug", help="内部错误时在标准错误输出显示详细的出错位置（traceback）")] = False,
) -> None:
    """提取：每个文件输出元信息、章节、表格字段（规范键名）和正文数字声明。"""
    if format not in ("json", "jsonl", "table"):
        raise typer.BadParameter("--format 只能是 json、jsonl 或 table")
    if workers is not None and workers < 1:
        raise typer.BadParameter("--workers 至少为 1", param_hint="--workers")
    if timeout < 0:
        raise typer.BadParameter("--timeout 不能为负数", param_hint="--timeout")
    _debug(debug)
    from .batch.flow import extract_run
    from .batch.work import ExtractOptions

    files = collect(paths)
    failed = False
    try:
        with _Sink(output) as out, _workers_for(files, _one_file(paths)):
            if format == "json":
                out.write("[")
            results = extract_run(files, ExtractOptions(format, text, explain), workers or _cores(), timeout or None)
            for i, (status, rendered) in enumerate(results):
                failed |= status != "ok"
                if format == "jsonl":
                    out.write(rendered + "\n")
                    out.flush()
                elif format == "json":
                    out.write(("," if i else "") + "\n" + rendered)
                else:
                    out.write(rendered)
            if format == "json":
                out.write("\n]\n")
    except OSError as e:
        _fail(_cannot_write(output, e))
    except KeyboardInterrupt:
        sys.stderr.write("\n已中断。\n")
        raise typer.Exit(130) from None
    raise typer.Exit(1 if failed else 0)


def _cannot_write(output: Path | None, e: OSError) -> str:
    from .read import os_message

    where = output if output is not None else (e.filename or "标准输出")
    return f"无法写入 {where}：{os_message(e)}"


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
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="error | warning | info | never：达到该级别即以状态1退出（默认 error）")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-j", help="并行进程数（默认：全部 CPU 核数；结果顺序不变）")] = None,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", "-d", help="输出目录：每份报告的页面（HTML，画出表格并标出问题所在的单元格）与问题清单（JSON、Markdown）、index.html（可筛选的总表）、rules/（规则说明页）、summary.csv，均原子写入")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="续跑：报告库中已有（按内容哈希）的报告不再重新读取")] = False,
    store: Annotated[Path | None, typer.Option("--store", help="报告库（SQLite 文件，逐年保留，供跨年度核对；默认：OUT/store.sqlite，未指定 --output-dir 时不保留）")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="单个文件的处理时限（秒），超时即中止并报告；0 表示不限")] = 120.0,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask 调度器地址（如 tcp://10.0.0.1:8786）：在已有集群上读取文件")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="输出目录正被另一个运行使用时排队等待（默认：拒绝运行）")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="内部错误时在标准错误输出显示详细的出错位置（traceback）")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件（默认：从当前目录向上查找 xxgk-audit.toml 或含 \\[tool.xxgk-audit] 的 pyproject.toml）")] = None,
    show_settings: Annotated[bool, typer.Option("--show-settings", help="显示生效的配置及每项的来源，然后退出")] = False,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="基线文件：其中已审阅的问题不再报告（并说明隐藏了多少条）")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", help="把本次发现的问题写入基线文件（TOML；.json 结尾则为 JSON），保留已填写的 reason")] = None,
    show_info: Annotated[bool, typer.Option("--show-info", help="文本输出中也显示“提示”级别的问题（默认只计数不显示）")] = False,
    hierarchy: Annotated[Path | None, typer.Option("--hierarchy", help="上下级层级文件（CSV：上级,下级），声明所列下级齐全，供逐级汇总（X809/X810）核对")] = None,
    body_map: Annotated[Path | None, typer.Option("--body-map", help="机关名称对照文件（CSV：报告所写名称,统一名称），用于名称看不出的更名，跨年度按同一机关核对")] = None,
) -> None:
    """审核：按规则目录核对每份报告，输出问题清单（退出状态：0 无问题，1 有达到 --fail-on 的问题或文件无法读取，2 命令行错误、没有可审核的文件或输出无法写入）。"""
    # a worker forked from here would inherit OUT's lock, or the threads of a Dask client: fork server then
    one = _one_file(paths) and output_dir is None and scheduler is None
    if not one and not show_settings:
        _start_workers_early()  # first: it warms while this process reads the configuration too
    cfg = _configure(config, select, ignore, fail_on)
    if hierarchy is not None and not hierarchy.is_file():
        raise typer.BadParameter(f"找不到层级文件：{hierarchy}", param_hint="--hierarchy")
    if body_map is not None and not body_map.is_file():
        raise typer.BadParameter(f"找不到机关名称对照文件：{body_map}", param_hint="--body-map")
    if hierarchy is not None or body_map is not None:
        from .config import install, with_options

        # the files travel with the configuration: every worker installs it (a Dask task carries it)
        cfg = with_options(cfg, hierarchy=hierarchy, body_map=body_map)
        install(cfg)
    if show_settings:
        from .config import show

        sys.stdout.write(show(cfg))
        raise typer.Exit(0)
    select, ignore, fail_on = cfg.select, cfg.ignore, cfg.fail_on
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
    _debug(debug)
    files = collect(paths, [output_dir] if output_dir is not None else None)
    fmt = format or (None if output_dir is not None else "text")
    from .batch.flow import Settings
    from .batch.outdir import OutputError
    from .batch.store import StoreError

    settings = Settings(format=fmt, color=output is None and fmt == "text" and sys.stdout.isatty(), select=select,
                        ignore=ignore, workers=workers or _cores(), timeout=timeout or None, output_dir=output_dir,
                        store=store, resume=resume, scheduler=scheduler, wait=wait)
    reviewed = _Reviewed(cfg, settings, baseline, write_baseline, show_info, files)
    settings = reviewed.settings
    try:
        with _workers_for(files, one):
            failed = _check_files(files, settings, output, fail_on, reviewed)
    except (OutputError, StoreError) as e:
        _fail(str(e))
    except OSError as e:
        _fail(_cannot_write(output, e))
    except KeyboardInterrupt:
        sys.stderr.write("\n已中断。" + ("已读取的报告保存在报告库中，加 --resume 重新运行即可接着审核。\n"
                                       if output_dir is not None or store is not None else "\n"))
        raise typer.Exit(130) from None
    raise typer.Exit(1 if failed else 0)


def _one_file(paths: list[str]) -> bool:
    """The command names one report: a single regular file that is not an archive. Its worker is
    then forked from this process (`_workers_for`), and no fork server is started for it."""
    import stat

    if len(paths) != 1 or paths[0].lower().endswith(".zip"):
        return False
    try:
        return stat.S_ISREG(os.stat(paths[0]).st_mode)
    except (OSError, ValueError):
        return False


def _workers_for(files: list[Input], one: bool) -> AbstractContextManager[None]:
    """Where the workers come from (batch/runner.py): for one report, forked from this process as it
    is — the fork server's start-up and warm-up (a second interpreter importing everything and
    checking a sample report) would cost more than the report itself; for a batch, the fork server,
    which loads everything once for all the workers. The worker keeps the batch's limits either way:
    its time and memory are watched, a crash is the file's result. Not with --output-dir (a worker
    forked after OUT is locked would hold the lock, flock, for as long as it lives) nor --scheduler
    (it would be forked from a process running a Dask client's threads)."""
    from contextlib import nullcontext

    if one and len(files) == 1:
        from .batch.runner import forked_here

        return forked_here()
    return nullcontext()


def _start_workers_early() -> None:
    """Start the fork server the workers come from (batch/runner.py) now: it loads and warms the
    pipeline while this process reads the rule catalogue, lists the files and opens the store —
    on two cores, one report's start-up overlaps instead of adding up."""
    try:
        from multiprocessing import forkserver

        from .batch.runner import context

        if context().get_start_method() == "forkserver":
            forkserver.ensure_running()
    except Exception:  # pragma: no cover - the pool starts it later, as it always has
        pass


def _check_files(files: list[Input], settings: Settings, output: Path | None, fail_on: str,
                 reviewed: _Reviewed | None = None) -> bool:
    """Checks every file (batch/flow.py) and writes each result in path order as it is ready,
    flushing as it goes. True when a finding reaches `fail_on` or a file could not be read."""
    from collections import Counter

    from .batch import flow
    from .batch.progress import emit  # results above the progress bar, never inside its line
    from .batch.record import from_blob
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
                    emit(out, ("," if n else "") + "\n" + fin.text)
                elif fmt == "jsonl":
                    emit(out, fin.text + "\n")
                elif fmt in ("csv", "text"):
                    emit(out, fin.text)
                elif fin.kept is not None:
                    kept.append(from_blob(fin.kept))
                n += 1
                if reviewed is not None:
                    reviewed.add(fin)
                out.flush()
        except RuntimeError as e:
            if settings.scheduler and "Dask" in str(e):
                raise typer.BadParameter(str(e), param_hint="--scheduler") from e
            raise
        summary = textout.summary_line(n, bad, +totals, with_errors)
        if fmt == "json":
            out.write("\n]\n")
        elif fmt == "text":
            out.write(summary)
            if reviewed is not None:
                out.write(reviewed.closing(totals))
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
        if reviewed is not None:
            sys.stdout.write(reviewed.closing(totals))
    elif fmt != "text" and reviewed is not None:
        sys.stderr.write(reviewed.closing(totals, hints=False))
    if reviewed is not None:
        reviewed.finish()
    return failed


def _configure(path: Path | None, select: list[str] | None, ignore: list[str] | None, fail_on: str | None) -> Any:
    """The configuration in force: the file (--config, else found from the working directory
    upwards), then the command line's options on top. A bad file: its message, exit 2."""
    from .config import ConfigError, install, load, with_options

    try:
        cfg = with_options(load(path), select=select, ignore=ignore, fail_on=fail_on)
    except ConfigError as e:
        sys.stderr.write(f"配置错误：{e}\n")
        raise typer.Exit(2) from None
    install(cfg)
    return cfg


class _Reviewed:
    """What a run keeps beside the results: the reviewed findings (which to leave out — --baseline,
    else the store's decisions —, how many were left out, the entries to write for --write-baseline),
    the closing lines of the text output, and the rows of OUT/index.html."""

    def __init__(self, cfg: Any, settings: Settings, baseline: Path | None, write: Path | None,
                 show_info: bool, files: list[Input] | None = None) -> None:
        from dataclasses import replace

        from .baseline import BaselineError, Review, from_store, keys_of, read
        from .batch.flow import store_path

        self.store = store_path(settings) if settings.store is not None or settings.output_dir is not None else None
        self.baseline, self.write, self.show_info = baseline, write, show_info
        self.source = ""
        entries: list[dict[str, Any]] = []
        if baseline is not None:
            try:
                entries = read(baseline)
            except BaselineError as e:
                raise typer.BadParameter(str(e), param_hint="--baseline") from e
            self.source = f"基线 {baseline}"
        elif self.store is not None and write is None:
            entries = from_store(self.store)
            self.source = f"报告库 {self.store} 中记录的审阅决定"
        self.suppressed = 0
        self.found: list[dict[str, Any]] = []
        self.rules: dict[str, int] = {}
        review = Review(config=cfg, keys=keys_of(entries), collect=write is not None, show_info=show_info)
        self.settings = replace(settings, review=review)
        self.files = files or []
        self.out = settings.output_dir
        self.pages: list[Any] = []  # index rows of OUT/index.html
        # (parent, year, figure) → (roll-up row, how the links were made): the X809/X810 findings' tables
        self.rollups: dict[tuple[str, int, str], tuple[dict[str, Any], str]] = {}
        self.names: list[str] = []
        if self.out is not None:
            from .batch.inputs import out_names

            self.names = out_names(self.files)  # the names OUT's files are written under

    def add(self, fin: Any) -> None:
        self.suppressed += getattr(fin, "suppressed", 0)
        if fin.cross and '"rollup"' in fin.cross:  # only a parent's X809/X810 carry a table: parse nothing else
            import json

            for f in json.loads(fin.cross):  # 逐级汇总: the parent's figures against its children's
                data = f.get("data") or {}
                for row in data.get("rollup") or []:
                    how = str(data.get("how") or "")
                    if data.get("complete"):  # the children declared complete, and by what
                        how += f"；下属齐全（依据{data['complete']}）"
                    self.rollups.setdefault((fin.body or "", fin.year or 0, str(row.get("label"))), (row, how))
        self.found.extend(getattr(fin, "reviewed", None) or [])
        for r in fin.rules:
            self.rules[r] = self.rules.get(r, 0) + 1
        if self.out is not None and fin.index < len(self.files):
            from collections import Counter

            from .render.indexpage import IndexRow

            src = self.files[fin.index]
            self.pages.append(IndexRow(
                name=self.names[fin.index], source=src.source, body=fin.body, year=fin.year,
                template=fin.template, status=fin.status, error_code=fin.error_code, errors=fin.counts[0],
                warnings=fin.counts[1], infos=fin.counts[2], rules=dict(Counter(fin.rules))))

    def closing(self, totals: Any, hints: bool = True) -> str:
        """The lines after the summary: what the baseline left out, hidden info, where to read more."""
        lines = []
        if self.suppressed:
            lines.append(f"已隐藏{self.suppressed}条已审阅的问题（依据：{self.source}）。")
        if hints and not self.show_info and totals.get("info"):
            lines.append(f"{totals['info']}条提示未逐条显示（加 --show-info 显示）。")
        if hints and self.rollups:
            lines.append(self.rollup_text().rstrip("\n"))
        if hints and self.rules:
            top = max(self.rules, key=lambda c: (self.rules[c], c))
            lines.append(f"规则的说明、依据和示例：xxgk-audit rules 代码（如 xxgk-audit rules {top}）。")
        return "".join(line + "\n" for line in lines)

    def rollup_html(self) -> str:
        """The roll-up tables of the batch, by parent and year (X809/X810 found them)."""
        from .render.htmlout import rollup_table

        return "".join(rollup_table(row, f"{body} {year}年度　")
                       for (body, year, _label), (row, _how) in sorted(self.rollups.items()))

    def rollup_text(self) -> str:
        """The roll-up table in the text output: per parent and year, each figure against the sum of
        its children's reports (each child's own figure is in the X809/X810 findings)."""
        from .render.text import rollup_lines

        return rollup_lines(self._rollup_rows())

    def rollup_csv(self) -> str:
        """OUT/rollup.csv: one line per parent, year, figure and child."""
        from .render.csvout import rollup_csv

        return rollup_csv(self._rollup_rows())

    def _rollup_rows(self) -> list[tuple[str, int, dict[str, Any], str]]:
        """By parent, year, then the figure's place in the template (表二, 表三, 表四)."""
        rows = [(body, year, row, how) for (body, year, _l), (row, how) in self.rollups.items()]
        return sorted(rows, key=lambda x: (x[0], x[1], str(x[2].get("key")), str(x[2].get("label"))))

    def finish(self, rollups: str = "") -> None:
        """Writes OUT/index.html with OUT/rules/ (with --output-dir; `rollups`: the HTML of the
        roll-up tables, for the hierarchy checks), and the baseline (and the store's decisions)
        when asked."""
        if self.out is not None:
            from .render.indexpage import write_site

            note = f"另有{self.suppressed}条已审阅的问题未列出（依据：{self.source}）。" if self.suppressed else ""
            write_site(self.out, self.pages, rollups or self.rollup_html(), suppressed=note)
            if self.rollups:
                from .batch.outdir import write_atomic

                write_atomic(self.out / "rollup.csv", self.rollup_csv())
        if self.write is None:
            return
        from .baseline import to_store, write

        try:
            n = write(self.write, self.found)
        except OSError as e:
            sys.stderr.write(f"无法写入基线文件 {self.write}：{e.strerror or e}\n")
            raise typer.Exit(2) from None
        if self.store is not None:
            to_store(self.store, self.found)
        sys.stderr.write(f"基线已写入 {self.write}：{n}条问题"
                         + (f"（同时记入报告库 {self.store}）" if self.store is not None else "") + "。\n")


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
        from .batch.outdir import temp_file

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = temp_file(self.path.parent)  # mode as the user's umask says (0644), not 0600
        self.fh = os.fdopen(fd, "w", encoding="utf-8")
        return self.fh

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if self.fh is None or self.path is None:
            sys.stdout.flush()
            return
        keep = exc_type is None or (exc_type is typer.Exit and isinstance(exc, typer.Exit)
                                    and exc.exit_code in (0, 1))
        try:
            if keep:
                self.fh.flush()
                os.fsync(self.fh.fileno())
            self.fh.close()
            if keep:
                os.replace(self.tmp, self.path)
                return
        except OSError:  # a full disk: no half-written output, no temporary file left
            try:
                self.fh.close()
            except OSError:
                pass
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            raise
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _example_runner() -> Callable[[Any, str], list[str]]:
    """A rule's pass/fail example run through the pipeline: the messages of its findings."""
    from .examples import run_example

    def run(spec: Any, which: str) -> list[str]:
        return [f.message for f in run_example(spec, which, strict=False)[1]]

    return run


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `… | head` is fine
        sys.exit(0)
    except Exception as e:  # a bug of the tool in the main process: one line, exit 2 (--debug: the traceback)
        if os.environ.get("XXGK_DEBUG") or os.environ.get("XXGK_STRICT"):
            raise
        sys.stderr.write(f"错误：审核工具内部错误（这是本工具的缺陷）：{type(e).__name__}: {e}"[:300]
                         + "。加 --debug 重新运行可看到详细信息。\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
