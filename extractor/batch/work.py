"""The work of one file, as a worker process (or a Dask worker) does it.

- `extract(path, source)`: read → structure → extract → the rules of one report (every rule that
  needs no other report), returned as an `Extracted`: a small index entry for the parent (body,
  year, template, the prose's MinHash, the figures' fingerprint) and the packed record — or, in a
  local batch (`Options.write`), the row written into the store and only the index entry returned.
- `finish(FinishTask)`: given the record and the records of its partners (last year's report,
  same-year look-alikes; read from the store by the ids the parent chose), runs the selected rules
  across reports through a `PairContext`, keeps the selected findings, renders the report for
  stdout and writes its issue list to OUT. Returns a `Finished`: the rendered text and what the
  summary needs.

Both are pure functions of their inputs, the store's records and the run's `Options` (given once
per worker by `setup`), so results do not depend on which worker ran what, in which order, or on
which machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..model import SEVERITY_RANK, Report
from . import record

MESSAGES = {
    "timeout": "处理该文件超过 {detail} 秒仍未完成（文件可能损坏或构造异常），已中止并跳过。",
    "crash": "处理该文件时解析进程意外退出（{detail}；文件可能损坏或构造异常），已跳过。",
    "memory": "处理该文件占用内存超过 {detail} MB 上限（文件可能构造异常），已中止并跳过。",
    "error": "处理该文件时出错：{detail}",
}


@dataclass(frozen=True)
class Options:
    """What every worker needs to know about the run (set once per worker)."""

    format: str | None = "text"  # the stdout format, or None (results only in OUT)
    color: bool = False
    selected: tuple[str, ...] = ()  # codes of the rules to report (after --select/--ignore)
    single: tuple[str, ...] = ()  # codes of every rule of one report (run on every file)
    cross: tuple[str, ...] = ()  # codes of the selected rules across reports
    output_dir: str | None = None
    keep: str | None = None  # "html" or "sarif": send the finished report back (formats of the whole batch)
    store: str | None = None  # --resume: the store whose reports (by content hash) are not read again
    tool: str | None = None  # the tool's fingerprint (store.fingerprint) for those look-ups
    records: str | None = None  # the batch's store, where `finish` reads the records a FinishTask names by id
    write: bool = False  # `extract` writes its row into `records` itself (tool: `tool`) and sends back no record
    durable: bool = True  # the store is kept (a temporary one is written without syncing)
    review: Any = None  # baseline.Review: settings, reviewed findings, --write-baseline, --show-info


_OPTIONS = Options()


def setup(options: Options | None) -> None:
    global _OPTIONS
    if options is not None:
        _OPTIONS = options
        if options.review is not None:
            from ..config import install

            install(options.review.config)


_INSTALLED_RUN: str | None = None  # on a Dask worker: the run whose options are set up


def run_remote(run: str, options: Options | None, task: tuple[str, Any]) -> Any:
    """A task on a Dask worker, which no pool has set up: the run's options (its configuration —
    params, severities, the hierarchy file, the body-name map) are installed first, once per run."""
    global _INSTALLED_RUN
    if _INSTALLED_RUN != run:
        setup(options)
        _INSTALLED_RUN = run
    return run_task(task)


def run_task(task: tuple[str, Any]) -> Any:
    """The pool's entry point: ("extract", (path, source[, member, error])), ("finish", FinishTask) or
    ("extract_obj", (path, source, member, error, ExtractOptions)) for `xxgk-audit extract`."""
    kind, payload = task
    if kind == "extract":
        return extract(*payload)
    if kind == "finish":
        return finish(payload)
    if kind == "extract_obj":
        return extract_obj(*payload)
    if kind == "settle":
        return settle(*payload)
    raise ValueError(kind)


@dataclass
class Known:
    """A file whose content the store already holds, read by this version of the tool (--resume)."""

    sha256: str


class _KnownContent(BaseException):  # not an Exception: no stage's error handling may catch it
    def __init__(self, sha256: str) -> None:
        super().__init__(sha256)
        self.sha256 = sha256


_DB: Any = None


def _in_store(sha256: str) -> bool:
    """True when the store (--resume) holds a sound record of this content read by this version; a
    damaged record is read again, with a warning."""
    global _DB
    if not _OPTIONS.store or not _OPTIONS.tool:
        return False
    import sqlite3

    try:
        if _DB is None:
            _DB = sqlite3.connect(Path(_OPTIONS.store).absolute().as_uri() + "?mode=ro", uri=True, timeout=10)
        row = _DB.execute("SELECT record, source FROM reports WHERE sha256=? AND tool=?",
                          (sha256, _OPTIONS.tool)).fetchone()
    except sqlite3.Error:
        return False
    if row is None:
        return False
    try:
        record.from_blob(bytes(row[0]))
    except Exception:
        import sys

        sys.stderr.write(f"警告：报告库中“{row[1]}”的记录已损坏，已重新读取该文件。\n")
        return False
    return True


def _hashed(source: str, resume: bool = True) -> Any:
    """What to do once a file's bytes are hashed, before they are parsed: the parent learns the hash
    (a file cut off later keeps it), and a file the store holds stops here (--resume)."""
    from .runner import tell

    def on_hash(sha256: str) -> None:
        tell(sha256)
        if resume and _in_store(sha256):
            raise _KnownContent(sha256)

    return on_hash


# ---------------------------------------------------------------- extract


@dataclass
class Extracted:
    sha256: str
    status: str
    error_code: str | None
    body: str | None
    year: int | None
    template: str | None
    format: str | None
    n_fields: int
    nonzero: int
    figures: str | None
    signature: bytes | None
    fields: str
    claims: str
    findings: str
    blob: bytes
    ambiguous: bool = False  # a digit run left undecided: the batch's other reports may decide it
    rid: int | None = None  # the row's id when the worker wrote it into the store (then nothing above
    # the index entry is sent: blob, fields, claims, findings and signature are empty)


def read_input(path: str, source: str, member: str | None = None, error: tuple[str, str] | None = None,
               on_hash: Any = None) -> Report:
    """Stage 1 for one input: a file (which must be a regular one), a zip member, or an input whose
    result its listing already knows (`error`: code, message)."""
    from ..read import read, read_member

    if error is not None:
        return Report(source=source).fail(*error)
    if member is not None:
        return read_member(path, member, source, on_hash)
    return read(path, source, on_hash)


def stages(report: Report, upto: str = "extract") -> Report:
    """The stages after reading; an exception in one is the tool's fault: `internal_error`."""
    from ..pipeline import run_stages
    from ..read import internal_error

    try:
        return run_stages(report, upto)
    except Exception as e:  # a bug in a later stage must not stop the batch
        return internal_error(Report(source=report.source, sha256=report.sha256, meta=report.meta), e,
                              "处理文件结构和数字时")


def read_and_check(path: str, source: str, single: tuple[str, ...] | None = None, member: str | None = None,
                   error: tuple[str, str] | None = None, on_hash: Any = None,
                   settled: dict[str, tuple[Any, Any, Any]] | None = None) -> Report:
    """The report of one file with the findings of every rule that needs no other report. `settled`
    (field key → value, readings, note): the cells the batch's other reports decided (`settle`)."""
    from ..check.engine import run
    from ..read import strict

    report = stages(read_input(path, source, member, error, on_hash))
    if report.status == "ok" and settled:
        for key, (value, cands, note) in settled.items():
            if key in report.fields:
                f = report.fields[key]
                f.value, f.candidates, f.note = value, cands, note
    if report.status == "ok":
        try:
            run(report, select=list(single if single is not None else single_rules()))
        except Exception as e:
            if strict():
                raise
            report.notes.append(f"审核该文件时出错（审核工具内部错误，不是文件的问题）：{type(e).__name__}: {e}"[:300])
    return report


def single_rules() -> tuple[str, ...]:
    from ..check.catalogue import catalogue

    return tuple(c for c, s in catalogue().items() if "context" not in s.needs)


def extract(path: str, source: str, member: str | None = None, error: tuple[str, str] | None = None
            ) -> Extracted | Known:
    try:
        report = read_and_check(path, source, _OPTIONS.single or None, member, error, on_hash=_hashed(source))
    except _KnownContent as k:
        return Known(k.sha256)
    ex = extracted(report)
    if _OPTIONS.write and _OPTIONS.records and _OPTIONS.tool:
        rid = _write(ex, source)
        if rid is not None:  # the parent keeps only the index entry: nothing big crosses the pipe
            return replace(ex, blob=b"", fields="", claims="", findings="", signature=None, rid=rid)
    return ex


_WRITER: Any = None  # this worker's connection to the store: (path, store.Writer)


def _writer(path: str, durable: bool) -> Any:
    """The worker's writer for the store at `path`: a process that outlives a run (a Dask worker, a
    test's in-process cluster) never writes into an earlier run's store."""
    global _WRITER
    from .store import Writer

    if _WRITER is None or _WRITER[0] != path:
        _WRITER = (path, Writer(path, durable))
    return _WRITER[1]


def _write(ex: Extracted, source: str) -> int | None:
    """Writes a file's row into the store (its id); None when it cannot (the parent writes it then,
    and says why if it cannot either)."""
    global _WRITER
    from ..check.names import normalise
    from .store import Row

    assert _OPTIONS.records is not None and _OPTIONS.tool is not None
    name = normalise(ex.body)
    try:
        return int(_writer(_OPTIONS.records, _OPTIONS.durable).put(Row(ex, _OPTIONS.tool, source, name.key if name else None,
                                   name.short if name else None)))
    except Exception:
        _WRITER = None
        return None


def settle(path: str, source: str, member: str | None, error: tuple[str, str] | None,
           settled: dict[str, tuple[Any, Any, Any]]) -> Extracted:
    """A report read again with the cells the batch's other reports decided (last or next year's
    report of the same body, the same report in another format: structure/evidence.py), and the
    rules of one report run on them — what `extract` of several files gives, for `check`."""
    return extracted(read_and_check(path, source, _OPTIONS.single or None, member, error, settled=settled))


@dataclass(frozen=True)
class ExtractOptions:
    format: str = "json"  # json | jsonl | table
    text: bool = False
    explain: bool = False
    series: bool = False  # several files: send back what lets them decide each other's digit runs


#: what a worker sends back beside the rendered result when `ExtractOptions.series`: the compact view
#: of a settled report, or the report itself when a digit run is still ambiguous (a few per batch)
Series = tuple[str, Any]


def extract_obj(path: str, source: str, member: str | None, error: tuple[str, str] | None,
                opts: ExtractOptions) -> tuple[str, str, Series | None]:
    """`xxgk-audit extract` of one input, in a worker (the batch's time and memory limits):
    (status, rendered, what the other files of the run may need of it — see `Series`)."""
    report = stages(read_input(path, source, member, error, on_hash=_hashed(source, resume=False)))
    return report.status, render_extract(report, opts), series_part(report) if opts.series else None


def series_part(report: Report) -> Series | None:
    if report.status != "ok":
        return None
    from ..check.context import body_key
    from ..structure.evidence import ambiguous_rows, known

    body = body_key(report.meta.body)
    if ambiguous_rows(report):
        report.derived.clear()  # parsed prose: large, and not needed to decide or to render again
        return ("pending", (report, body))
    return ("view", known(report, body))


def render_extract(report: Report, opts: ExtractOptions) -> str:
    from ..render import jsonout

    if opts.format == "table":
        from ..render.table import extract_table

        return extract_table(report)
    obj = jsonout.extract_obj(report, text=opts.text, explain=opts.explain)
    return jsonout.dumps(obj, indent=2 if opts.format == "json" else None)


def extracted(report: Report) -> Extracted:
    from ..check import similarity
    from ..render.jsonout import number

    sig = figures = None
    nonzero = 0
    if report.status == "ok":
        sig = similarity.signature(similarity.prose(report))
        figures, nonzero = similarity.figures(report)
    fields = {k: number(f.value) for k, f in report.fields.items()}
    claims = [{"metric": c.metric, "value": number(c.value), "unit": c.unit, "text": c.text, "section": c.section,
               "scope": c.scope} for c in report.claims]
    m = report.meta
    return Extracted(
        sha256=report.sha256, status=report.status, error_code=report.error.code if report.error else None,
        body=m.body, year=m.year, template=m.template, format=m.format, n_fields=len(report.fields),
        nonzero=nonzero, figures=figures, signature=sig, fields=_json(fields), claims=_json(claims),
        findings=_findings_json(report), blob=record.to_blob(report),
        ambiguous=report.status == "ok" and any(f.candidates for f in report.fields.values()))


def failed(source: str, sha256: str, kind: str, detail: str) -> Report:
    """The result of a file whose work was cut off (timeout, crash, memory) or failed (an exception
    that escaped the work: the tool's fault)."""
    if kind == "error":
        from ..read import MESSAGES as READ

        return Report(source=source, sha256=sha256).fail("internal_error", READ["internal_error"].format(
            detail=detail[:200]))
    code = "timeout" if kind == "timeout" else "unreadable"
    msg = MESSAGES.get(kind, MESSAGES["error"]).format(detail=detail)
    return Report(source=source, sha256=sha256).fail(code, msg[:300])


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), default=str)


def _findings_json(report: Report) -> str:
    return _json([{"rule": f.rule, "severity": f.severity, "message": f.message, "fields": f.fields}
                  for f in report.findings])


# ---------------------------------------------------------------- finish


@dataclass
class FinishTask:
    """A report to finish. Records travel by store id: the worker reads them from the store
    (`Options.records`, committed before the first such task), so the parent neither reads nor
    sends them; `blob` carries the report's own record where the parent has it at hand."""

    index: int
    source: str
    blob: bytes | None = None  # the report's record; None: read the one stored under `rid`
    rid: int | None = None
    previous: int | None = None  # store id of last year's report
    note: str | None = None  # said of the pairing (an office reporting for its government)
    peers: list[int] = field(default_factory=list)  # store ids of the same year's partners (in order; may repeat)
    name: str | None = None  # place under OUT/reports
    degraded: str | None = None  # finishing failed once: finish without the rules across reports, say why


@dataclass
class Finished:
    index: int
    text: str  # the report in the stdout format ("" when there is none)
    status: str
    error_code: str | None
    body: str | None
    year: int | None
    template: str | None
    sha256: str
    counts: tuple[int, int, int]  # errors, warnings, infos
    worst: int  # rank of the worst severity found, -1 when none
    rules: list[str]
    cross: str | None  # JSON of the findings of the rules across reports, for the store
    kept: bytes | None = None  # the finished record (formats that need the whole batch)
    write_error: str | None = None  # OUT could not be written (disk full, no permission): the run stops
    suppressed: int = 0  # findings left out because the baseline holds them
    reviewed: list[dict[str, Any]] | None = None  # baseline entries of its findings (--write-baseline)
    stored: bool = False  # the worker wrote `cross` into the store itself


def finish(task: FinishTask, opts: Options | None = None) -> Finished:
    from ..check.context import PairContext
    from ..check.engine import order, run

    opts = opts or _OPTIONS
    if task.degraded is not None:
        opts = replace(opts, cross=())
    own = task.blob
    if own is None and task.rid is not None:
        own = _records([task.rid]).get(task.rid)
    if own is None:
        raise LookupError(f"报告库中没有该报告的记录（id {task.rid}）")
    report = record.from_blob(own)
    report.source = task.source
    cross_json = None
    stored = False
    if report.status == "ok":
        selected = set(opts.selected)
        report.findings = [f for f in report.findings if f.rule in selected]
        report.notes = [n for n in report.notes if not _skipped_rule_note(n, selected)]
        if task.degraded is not None:
            report.notes.append(task.degraded)
        if opts.cross:
            blobs = _records([r for r in (task.previous, *task.peers) if r is not None])
            decoded: dict[int, Report | None] = {}
            prev = _partner(task.previous, blobs, decoded, report)
            peers = [p for p in (_partner(r, blobs, decoded, report) for r in task.peers) if p is not None]
            if task.note:
                report.notes.append(task.note)
            try:
                found = run(report, select=list(opts.cross), context=PairContext(prev, peers))
            except Exception as e:
                found = []
                report.notes.append(f"审核该文件时出错：{type(e).__name__}: {e}"[:300])
            report.findings = order(report.findings)
            cross_json = _json([{"rule": f.rule, "severity": f.severity, "message": f.message, "data": f.data}
                                for f in found])
            stored = _write_cross(task.rid, cross_json, opts)
    from ..baseline import apply as review

    reviewed = review(report, opts.review)
    text = render(report, opts)
    write_error = None
    if opts.output_dir and task.name:
        try:
            write_outputs(report, Path(opts.output_dir), task.name)
        except OSError as e:
            from ..read import os_message

            write_error = f"无法写入输出目录 {opts.output_dir}：{os_message(e)}"
    c = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        c[f.severity] += 1
    m = report.meta
    kept = None
    if opts.keep:
        if opts.keep != "html":
            report.text = ""
        kept = record.to_blob(report)
    return Finished(
        index=task.index, text=text, status=report.status, error_code=report.error.code if report.error else None,
        body=m.body, year=m.year, template=m.template, sha256=report.sha256,
        counts=(c["error"], c["warning"], c["info"]),
        worst=max((SEVERITY_RANK[f.severity] for f in report.findings), default=-1),
        rules=[f.rule for f in report.findings], cross=cross_json, kept=kept, write_error=write_error,
        suppressed=reviewed.suppressed,
        reviewed=reviewed.entries if opts.review is not None and opts.review.collect else None, stored=stored)


def _write_cross(rid: int | None, findings: str, opts: Options) -> bool:
    """Writes the findings across reports into the report's row (True), when the workers write the
    store; else (or when it cannot) the parent does."""
    global _WRITER
    if not opts.write or not opts.records or rid is None:
        return False
    try:
        _writer(opts.records, opts.durable).set_cross(rid, findings)
    except Exception:
        _WRITER = None
        return False
    return True


def _partner(rid: int | None, blobs: dict[int, bytes], decoded: dict[int, Report | None],
             report: Report) -> Report | None:
    """A partner's record (last year's report, a look-alike), decoded once per task however often
    it is named; a damaged or missing one is left out, with a note each time it is named."""
    if rid is None:
        return None
    if rid not in decoded:
        try:
            decoded[rid] = record.from_blob(blobs[rid])
        except Exception:
            decoded[rid] = None
    found = decoded[rid]
    if found is None:
        report.notes.append("报告库中一份用于跨报告核对的记录已损坏，未用于核对（重新读取该报告即可修复）。")
    return found


_RECORDS: tuple[str, Any] | None = None  # (store path, read-only connection) of this worker


def _records(ids: list[int]) -> dict[int, bytes]:
    """The records stored under these ids (`Options.records`), each id once."""
    global _RECORDS
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    import sqlite3

    path = _OPTIONS.records
    if path is None:
        raise LookupError("报告库未指定，无法读取跨报告核对所需的记录")
    if _RECORDS is None or _RECORDS[0] != path:
        db = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True, timeout=30,
                             check_same_thread=False)
        _RECORDS = (path, db)
    out: dict[int, bytes] = {}
    for k in range(0, len(wanted), 500):
        chunk = wanted[k : k + 500]
        marks = ",".join("?" * len(chunk))
        for rid, blob in _RECORDS[1].execute(f"SELECT id, record FROM reports WHERE id IN ({marks})", chunk):
            out[int(rid)] = bytes(blob)
    return out


def _skipped_rule_note(note: str, selected: set[str]) -> bool:
    """A note that a rule failed, for a rule the run did not select (workers run every rule)."""
    if not note.startswith("规则"):
        return False
    code = note[2:6]
    return code not in selected and note[6:].startswith("运行出错")


def render(report: Report, opts: Options) -> str:
    fmt = opts.format
    if fmt in ("json", "jsonl"):
        from ..render import jsonout

        return jsonout.dumps(jsonout.check_obj(report), indent=2 if fmt == "json" else None)
    if fmt == "csv":
        from ..render import csvout

        return csvout.rows(report)
    if fmt == "text":
        from ..render import text as textout

        return textout.render_report(report, color=opts.color,
                                     show_info=opts.review is None or opts.review.show_info)
    return ""


def write_outputs(report: Report, out: Path, name: str) -> None:
    from ..render import jsonout
    from ..render.markdown import report_md
    from .outdir import REPORTS, write_atomic

    base = out / REPORTS / name
    write_atomic(base.with_name(base.name + ".json"), jsonout.dumps(jsonout.check_obj(report), indent=2) + "\n",
                 durable=False)  # flushed all at once before the summary (outdir.flush_all)
    write_atomic(base.with_name(base.name + ".md"), report_md(report), durable=False)
    from ..render.reportpage import render as report_page

    write_atomic(base.with_name(base.name + ".html"), report_page(report, name, str(out / REPORTS)), durable=False)
