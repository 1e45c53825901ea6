"""Command line: `xxgk-audit extract|check|rules`. Heavy libraries load only when a command runs."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

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


class _Sink:
    """stdout, or a file written to a temporary name and renamed into place when complete."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fh = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if self.path is None:
            return sys.stdout
        import tempfile

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if self.fh is None:
            sys.stdout.flush()
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        if exc_type is None or exc_type is typer.Exit:
            os.replace(self.tmp, self.path)  # type: ignore[arg-type]
        else:
            os.unlink(self.tmp)


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `… | head` is fine
        sys.exit(0)


if __name__ == "__main__":
    main()
