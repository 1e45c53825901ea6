"""A batch, from the list of files to one result per file in path order.

1. Read. Every file goes to a worker (`work.extract`: read, structure, extract, the rules of one
   report) — in the local process pool, or on a Dask cluster (`--scheduler`). A local worker
   writes the file's row (its compact record) into the store (or a temporary one) itself and sends
   back only a small index entry (body, year, template, a fingerprint of the figures; the MinHash
   of the prose stays in the store): the parent only dispatches, and writes the rows of files
   read on Dask or cut off. With `--resume`, a file whose content the store already holds (read by
   this version of the tool) is not read again.
2. Pair. Once every file is read, each report gets its partners: last year's report of the same
   body (from the batch, else from the store; an office reporting for its government is paired
   with the government's report and a note says so), and the same year's reports of other bodies
   whose prose or figures look alike (MinHash bands, figure fingerprints).
3. Finish. In path order, each report goes back to a worker with the store ids of its partners
   (`work.finish`, which reads the records from the store): the rules across reports run, their
   findings go into the store, the outputs are rendered and the issue lists written to OUT; the
   results come back in path order, a bounded window ahead.

When no rule across reports is selected, a report is finished as soon as it is read and results
stream from the start. Results depend only on the files (and the store): not on the number of
workers, their timing, an interruption and `--resume`, or Dask.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..check.names import BodyName, normalise, same_body, shorten
from . import work
from .inputs import Input, as_inputs, out_names
from .outdir import OutputError, Summary, lock, sweep
from .outdir import Row as SummaryRow
from .progress import Progress
from .runner import Done, Failed, Pool
from .store import Row, Store, Stored, StoreError, fingerprint, like

PEERS = 5  # same-year look-alikes compared per report
DEPTH = 4  # tasks sent to each worker at once: finishing a report takes a few ms, so the next three
# wait in its pipe while the parent (sharing the cores) gets round to it
GATHER = 0.005  # while every worker has that many, the parent wakes at most every 5 ms: results in groups
PAIRING_NOTE = ("跨年度核对所用的上一年度报告由「{prev}」发布，本年度报告由「{now}」发布"
                "（政府办公室代政府发布年度报告），按同一机关对照。")


@dataclass(frozen=True)
class Settings:
    format: str | None = "text"  # stdout format; None: results only in --output-dir
    color: bool = False
    select: list[str] | None = None
    ignore: list[str] | None = None
    workers: int = 1
    timeout: float | None = 120.0
    output_dir: Path | None = None
    store: Path | None = None  # None: OUT/store.sqlite with --output-dir, else a temporary one
    resume: bool = False
    scheduler: str | None = None
    progress: bool = True
    wait: bool = False  # OUT locked by another run: wait for it (else refuse)
    review: Any = None  # baseline.Review (configuration, baseline, --show-info), handed to the workers


@dataclass(slots=True)
class Entry:
    """What the parent keeps of one file between reading and finishing it (a few hundred bytes:
    the records themselves, and the MinHash signatures, stay in the store)."""

    index: int
    rid: int
    sha256: str
    status: str
    year: int | None
    template: str | None
    n_fields: int
    name: BodyName | None
    nonzero: int
    figures: str | None
    ambiguous: bool = False  # a digit run left undecided (settle.py)


def store_path(s: Settings) -> Path | None:
    if s.store is not None:
        return s.store
    if s.output_dir is not None:
        return s.output_dir / "store.sqlite"
    return None


def options(s: Settings) -> work.Options:
    from ..check.catalogue import catalogue, resolve

    cat = catalogue()
    selected = tuple(resolve(s.select, s.ignore))
    keep = s.format if s.format in ("html", "sarif") else None
    persistent = store_path(s)
    return work.Options(
        format=s.format if s.format in ("text", "json", "jsonl", "csv") else None, color=s.color,
        selected=selected, single=work.single_rules(),
        cross=tuple(c for c in selected if "context" in cat[c].needs),
        output_dir=str(s.output_dir) if s.output_dir else None, keep=keep,
        store=str(persistent) if s.resume and persistent else None, tool=fingerprint(),
        durable=persistent is not None, review=s.review)


def task(inp: Input) -> tuple[str, tuple[Any, ...]]:
    """The work of reading one input, as a worker (or Dask) runs it."""
    err = (inp.error_code, inp.error) if inp.error else None
    return ("extract", (inp.path, inp.source, inp.member, err))


def run(files: Sequence[Input | Path | str], s: Settings) -> Iterator[work.Finished]:
    """One `Finished` per file, in the order of `files`. Writes OUT's summary files at the end.
    Raises OutputError (OUT locked or not writable) or StoreError (the store cannot be used)."""
    inputs = as_inputs(list(files))
    opts = options(s)
    held = lock(s.output_dir, s.wait) if s.output_dir is not None else None
    try:
        if s.output_dir is not None:
            sweep(s.output_dir)
        yield from _run(inputs, s, opts)
    finally:
        if held is not None:
            held.close()


def _run(files: list[Input], s: Settings, opts: work.Options) -> Iterator[work.Finished]:
    persistent = store_path(s)
    spool = None if persistent else Path(tempfile.mkdtemp(prefix="xxgk-batch-"))
    try:
        store = Store(persistent if persistent else spool / "spool.sqlite", durable=persistent is not None)  # type: ignore[operator]
    except StoreError:
        if spool:
            shutil.rmtree(spool, ignore_errors=True)
        raise
    # the workers write the rows of the files they read into it, and read the records to finish from it
    opts = replace(opts, records=str(store.path), write=True)
    previous_term = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    pool = Pool(workers=s.workers, target="extractor.batch.work:run_task", init=opts, timeout=s.timeout,
                depth=DEPTH)
    reader: Any = pool
    try:
        if s.scheduler:
            from .dask import DaskRunner

            # the cluster's workers may not reach this machine's store: the parent writes their rows
            reader = DaskRunner(s.scheduler, timeout=s.timeout, options=replace(opts, write=False))
        fin = _Finisher(files, store, pool, opts, s)
        try:
            yield from _batch(files, s, opts, store, pool, reader, persistent is not None, fin)
        finally:
            fin.abort()  # nothing to do once closed; an interrupted run leaves no temporary file
    finally:
        if reader is not pool:
            reader.close()
        pool.close()
        try:
            store.close()
        except StoreError:
            if sys.exc_info()[0] is None:
                raise
        finally:
            if spool:
                shutil.rmtree(spool, ignore_errors=True)
            if previous_term is not None:
                signal.signal(signal.SIGTERM, previous_term)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _batch(files: list[Input], s: Settings, opts: work.Options, store: Store, pool: Pool, reader: Any,
           persistent: bool, fin: _Finisher) -> Iterator[work.Finished]:
    """The parent only dispatches: each input goes to a reader as it is (no stat, no hash, no read
    here — a worker opens it, under its limits), enough of them ahead to keep every reader busy."""
    tool = fingerprint()
    n = len(files)
    entries: list[Entry | None] = [None] * n
    streaming = not opts.cross
    progress = Progress(n, "读取", enabled=s.progress)
    ahead = 4 * s.workers + 8  # files handed to the readers ahead of their results (not the whole batch)
    todo = iter(range(n))
    reading = hits = 0
    held: list[int] = []  # undecided digit runs: finished once the others have had their say (settle)
    settling: set[int] = set()

    def feed() -> None:
        nonlocal reading
        while reading < ahead:
            i = next(todo, None)
            if i is None:
                return
            reader.submit(("x", i), task(files[i]))
            reading += 1

    def known(i: int, sha: str) -> bool:
        """A file the store holds (--resume): its entry from the store, not read again."""
        nonlocal hits
        hit = store.find(sha, tool)
        if hit is None:
            return False
        store.touch(hit.id, files[i].source)
        hits += 1
        entries[i] = Entry(i, hit.id, hit.sha256, hit.status, hit.year, hit.template, hit.n_fields,
                           normalise(hit.body), hit.nonzero, hit.figures)
        done(i, skipped=True)
        return True

    def done(i: int, skipped: bool = False, blob: bytes | None = None) -> None:
        progress.advance(skipped=skipped)
        if streaming and entries[i].ambiguous:  # type: ignore[union-attr]
            held.append(i)
        elif streaming:
            fin.submit(entries[i], None, None, [], blob)

    woke = 0.0

    def pump(wait_s: float) -> None:
        nonlocal reading, woke
        if reader is pool:
            _gather(pool, s.workers, woke)
            outcomes = pool.poll(wait_s)
            woke = time.monotonic()
        else:  # reading on Dask, finishing here
            outcomes = list(reader.poll(wait_s if reading else 0.0))
            outcomes += pool.poll(0.0 if outcomes or reading else wait_s)
        for key, outcome in outcomes:
            kind, i = key
            if kind == "f":
                fin.arrived(i, outcome)
                continue
            if kind == "s":  # read again with the cells the others decided
                settling.discard(i)
                if isinstance(outcome, Done):
                    entries[i], _blob = _entry(i, files[i].source, outcome, store, tool)
                continue
            reading -= 1
            if isinstance(outcome, Done) and isinstance(outcome.value, work.Known):
                if known(i, outcome.value.sha256):
                    continue
                outcome = Failed("error", "报告库中的记录未找到", outcome.value.sha256)  # cannot be: the worker saw it
            entries[i], blob = _entry(i, files[i].source, outcome, store, tool)
            done(i, blob=blob)

    store.eager = reader is pool  # the workers write rows too: never keep them waiting for this one's lock
    if not streaming:
        _prepare(n)
    feed()
    while reading:
        pump(0.2)
        feed()
        yield from fin.ready()
    # undecided digit runs, decided with the batch's other reports of the same body (as `extract`)
    from .settle import patches

    for i, patch in patches(entries, store, tool).items():
        inp = files[i]
        err = (inp.error_code, inp.error) if inp.error else None
        pool.submit(("s", i), ("settle", (inp.path, inp.source, inp.member, err, patch)), first=True)
        settling.add(i)
    while settling:
        pump(0.2)
        yield from fin.ready()
    for i in sorted(held):
        fin.submit(entries[i], None, None, [])
    store.commit()
    store.eager = True  # the workers write the findings across reports as they finish
    progress.close()
    if s.resume and s.progress:
        import sys

        sys.stderr.write(f"续跑：{hits} 份报告已在报告库中（内容相同），未重新读取；"
                         f"读取了其余 {n - progress.skipped} 份。\n")

    if not streaming:
        ready = [e for e in entries if e is not None]
        pairs = _Pairs(ready, store, tool, persistent, opts)
        progress = Progress(n, "核对", enabled=s.progress)
        for e in ready:
            prev, note = pairs.previous(e)
            fin.submit(e, prev, note, pairs.peers(e))
            while fin.full():
                pump(0.2)
                for result in fin.ready():
                    progress.advance()
                    yield result
    while fin.outstanding():
        pump(0.2)
        for result in fin.ready():
            progress.advance()
            yield result
    progress.close()
    store.commit()
    fin.close()


def _prepare(n: int) -> None:
    """Loads now what the parent needs once every file is read: the code that settles digit runs and
    pairs reports (the rules, the similarity index, the hierarchy). The fork server is still warming
    up and this process would only wait for it; once the files are read, every worker would wait
    for this process instead."""
    if n > 1:  # the look-alikes' index (similarity.candidates), 0.08 s to import; one report has none
        import numpy  # noqa: F401

    from ..check import engine, rollup, similarity  # noqa: F401
    from ..check.catalogue import catalogue
    from ..structure import evidence  # noqa: F401
    from . import record, settle  # noqa: F401

    catalogue()
    rollup.hierarchy()


def _gather(pool: Pool, workers: int, woke: float) -> None:
    """Lets results gather before the parent takes them, when every worker has `DEPTH` tasks to go
    on with: a wake-up of the parent costs CPU the workers would use, whatever it brings back."""
    rest = GATHER - (time.monotonic() - woke)
    if rest > 0 and pool.pending() >= workers * DEPTH:
        time.sleep(rest)


def _entry(i: int, source: str, outcome: Any, store: Store, tool: str) -> tuple[Entry, bytes | None]:
    """A file's entry, its record stored; and the record (to finish it at once when streaming)."""
    if isinstance(outcome, Done):
        ex: work.Extracted = outcome.value
    else:
        assert isinstance(outcome, Failed)
        sha = outcome.info if isinstance(outcome.info, str) else ""
        ex = work.extracted(work.failed(source, sha, outcome.kind, outcome.detail))
    name = normalise(ex.body)
    rid = ex.rid  # the worker wrote its row
    if rid is None:  # read on Dask, cut off, or the worker could not write
        rid = store.put(Row(ex, tool, source, name.key if name else None, name.short if name else None))
    entry = Entry(i, rid, ex.sha256, ex.status, ex.year, ex.template, ex.n_fields, name, ex.nonzero, ex.figures,
                  ex.ambiguous)
    return entry, ex.blob if ex.rid is None else None


class _Pairs:
    """Each report's partners: last year's report of the same body, same-year look-alikes, and for a
    government the same year's reports of the bodies under it. Indexed by (body, year) and by year,
    with each answer kept per (body, year): linear in the batch, however many copies of one body's
    report it holds (a province's batch of 10,000 files asks the same question thousands of times)."""

    def __init__(self, entries: list[Entry], store: Store, tool: str, persistent: bool, opts: work.Options) -> None:
        from ..check.catalogue import catalogue

        self.store, self.tool, self.persistent = store, tool, persistent
        self.ok = [e for e in entries if e.status == "ok" and e.year is not None and e.name is not None]
        self.shas = {e.sha256 for e in entries}
        self.by_body: dict[tuple[str, int], list[Entry]] = {}  # (short name, year) → entries, in path order
        self.by_year: dict[int, list[Entry]] = {}
        for e in self.ok:
            assert e.name is not None and e.year is not None
            self.by_body.setdefault((e.name.short, e.year), []).append(e)
            self.by_year.setdefault(e.year, []).append(e)
        self._previous: dict[tuple[BodyName, int, str | None, str], tuple[int | None, str | None]] = {}
        self._kids: dict[tuple[BodyName, int], list[int]] = {}
        self._sorted: dict[int, tuple[list[str], list[int]]] = {}  # year → (sorted keys, positions in by_year)
        self._stored: dict[int, list[Stored]] = {}  # year → the store's reports of earlier runs
        cat = catalogue()
        self.want_prev = any(c in opts.cross for c in cat if c not in ("X807", "X808"))
        self.look_alikes: dict[int, list[int]] = {}
        # X809/X810 (逐级汇总): a government's report gets the same year's reports of the bodies under it
        self.rollup = "X809" in opts.cross or "X810" in opts.cross
        if "X807" in opts.cross or "X808" in opts.cross:
            text = float(cat["X807"].params["candidates"]) if "X807" in opts.cross else None
            figs = int(cat["X808"].params["min_nonzero"]) if "X808" in opts.cross else None
            self.look_alikes = self._look_alikes(text, figs)

    # ------------------------------------------------------------ last year
    def _in_batch(self, name: BodyName, year: int, e: Entry) -> list[Entry]:
        return [x for x in self.by_body.get((name.short, year), []) if x.sha256 != e.sha256 and same_body(name, x.name)]

    def _in_store(self, name: BodyName, year: int) -> list[Any]:
        if not self.persistent:
            return []
        return [x for x in self.store.of_body([name.short], year, self.tool)
                if x.sha256 not in self.shas and same_body(name, normalise(x.body))]

    def previous(self, e: Entry) -> tuple[int | None, str | None]:
        """(store id of last year's report or None, a note on the pairing or None)."""
        if not self.want_prev or e.status != "ok" or e.year is None or e.name is None:
            return None, None
        key = (e.name, e.year, e.template, e.sha256)  # all the answer depends on
        found = self._previous.get(key)
        if found is None:
            found = self._previous[key] = self._find_previous(e)
        return found

    def _find_previous(self, e: Entry) -> tuple[int | None, str | None]:
        from ..check.context import alternates, preference

        assert e.name is not None and e.year is not None
        year = e.year - 1
        for k, name in enumerate([e.name, *alternates(e.name)]):
            for found in (self._in_batch(name, year, e), self._in_store(name, year)):
                if found:
                    best = max(found, key=lambda x: preference(e.template, x.template, x.n_fields))
                    body = best.name.written if isinstance(best, Entry) and best.name else getattr(best, "body", "")
                    note = PAIRING_NOTE.format(prev=body, now=e.name.written) if k else None
                    return (best.rid if isinstance(best, Entry) else best.id), note
        return None, None

    # ------------------------------------------------------------ same year, other bodies
    def _look_alikes(self, text: float | None, figs: int | None) -> dict[int, list[int]]:
        from ..check import similarity

        by_year: dict[int, list[Entry]] = {}
        for e in self.ok:
            assert e.year is not None
            by_year.setdefault(e.year, []).append(e)
        index = {e.index: e for e in self.ok}
        out: dict[int, set[int]] = {}
        for group in by_year.values():
            if text is not None:
                sigs = self.store.signatures([e.rid for e in group])
                items = [(e.index, sigs[e.rid]) for e in group if sigs.get(e.rid)]
                for i, near in similarity.candidates(items, least=text, most=PEERS * 2).items():
                    out.setdefault(i, set()).update(j for j, _est in near)
            if figs is not None:
                twins: dict[str, list[int]] = {}
                for e in group:
                    if e.figures and e.nonzero >= figs:
                        twins.setdefault(e.figures, []).append(e.index)
                for members in twins.values():
                    for i in members:
                        out.setdefault(i, set()).update(j for j in members[: PEERS * 2] if j != i)
        result = {}
        for i, js in out.items():
            me = index[i].name
            others = sorted(j for j in js if not same_body(me, index[j].name) and index[j].sha256 != index[i].sha256)
            if others:
                result[i] = [index[j].rid for j in others[:PEERS]]
        return result

    def peers(self, e: Entry) -> list[int]:
        out = self.look_alikes.get(e.index, [])
        if self.rollup and e.name is not None and e.year is not None:
            kids = self._children(e.name, e.year)
            out = out + [k for k in kids if k not in out]
        return out

    # ------------------------------------------------------------ same year, the bodies under a government
    def _children(self, name: BodyName, year: int) -> list[int]:
        """Store ids of the same year's reports of the bodies under `name` (rollup.children_indices):
        the batch's, in path order, then the store's of earlier runs. A report's own copies are never
        among them (the same body), so the answer is the same for every report of (name, year)."""
        found = self._kids.get((name, year))
        if found is None:
            found = self._kids[(name, year)] = self._find_children(name, year)
        return found

    def _find_children(self, name: BodyName, year: int) -> list[int]:
        from ..check import rollup

        h = rollup.hierarchy()
        a = rollup.area(name)
        same = self.by_year.get(year, [])
        if h is not None and name.key in h.children:  # declared children: any name may be one
            kids = [same[i].rid for i in rollup.children_indices(name, [x.name for x in same], h)]
        elif a is None:
            return []
        else:
            kids = [same[i].rid for i in self._under(name, a, year, h)]
        if self.persistent and a is not None:  # and those of earlier runs, from the store
            if year not in self._stored:  # the year's reports of earlier runs, once (not a query per government)
                self._stored[year] = self.store.of_year(year, self.tool, self.shas)
            prefix = shorten(a)
            stored = [x for x in self._stored[year] if like(x.body_short, prefix)]  # Store.under(prefix, year)
            kids += [stored[i].id for i in rollup.children_indices(name, [normalise(x.body) for x in stored], h)]
        return kids

    def _under(self, name: BodyName, a: str, year: int, h: Any) -> list[int]:
        """`rollup.children_indices(name, names of the year's reports, h)` for a government whose
        children the hierarchy file does not declare: only a name that begins with its area `a` can
        be under it (rollup.link), nor can a nearer government that is not, so only those are asked,
        each distinct name once."""
        from bisect import bisect_left

        from ..check import rollup

        same = self.by_year[year]
        if year not in self._sorted:
            order = sorted(range(len(same)), key=lambda i: same[i].name.key)  # type: ignore[union-attr]
            self._sorted[year] = ([same[i].name.key for i in order], order)  # type: ignore[union-attr]
        keys, order = self._sorted[year]
        start = bisect_left(keys, a)
        end = start
        while end < len(keys) and keys[end].startswith(a):
            end += 1
        near = sorted(order[start:end])
        names = [same[i].name for i in near]
        govs = [n for n in names if n is not None and rollup.area(n) is not None]
        linked: dict[BodyName, bool] = {}
        out = []
        for i, n in zip(near, names, strict=True):
            assert n is not None
            if n not in linked:
                linked[n] = rollup.link(name, n, h, govs) is not None
            if linked[n]:
                out.append(i)
        return out


class _Finisher:
    """Sends reports to be finished and gives the results back in path order, a window ahead; keeps
    the batch's summary (OUT's summary.csv and index.html, a row at a time)."""

    def __init__(self, files: list[Input], store: Store, pool: Pool, opts: work.Options, s: Settings) -> None:
        self.files = files
        self.names = out_names(files) if s.output_dir is not None else None
        self.store, self.pool, self.opts = store, pool, opts
        self.window = 32 * s.workers  # in flight: a slow report must not leave the other workers idle
        self.next = 0
        self.sent = 0
        self.waiting: dict[int, work.Finished] = {}
        self.tasks: dict[int, tuple[Entry, work.FinishTask]] = {}
        self.rules: Counter[str] = Counter()
        self.summary = Summary(s.output_dir) if s.output_dir is not None else None

    def name(self, i: int) -> str | None:
        return None if self.names is None else self.names[i]

    def full(self) -> bool:
        return self.sent - self.next >= self.window

    def outstanding(self) -> bool:
        return self.next < self.sent

    def submit(self, e: Entry | None, prev: int | None, note: str | None, peers: list[int],
               blob: bytes | None = None) -> None:
        """Sends a report to be finished: its record (`blob` when at hand, else its store id: the
        worker reads it, and its partners', from the committed store)."""
        assert e is not None
        task = work.FinishTask(index=e.index, source=self.files[e.index].source, blob=blob, rid=e.rid,
                               previous=prev, note=note, peers=peers, name=self.name(e.index))
        self.tasks[e.index] = (e, task)
        self.pool.submit(("f", e.index), ("finish", task), first=True)
        self.sent += 1

    def arrived(self, i: int, outcome: Any) -> None:
        e, task = self.tasks.pop(i)
        if isinstance(outcome, Failed):
            if task.degraded is None:  # finishing failed in a worker: once more in one, without the rules across reports
                msg = work.MESSAGES.get(outcome.kind, work.MESSAGES["error"]).format(detail=outcome.detail)
                task = replace(task, previous=None, peers=[], note=None, degraded=f"跨报告核对未完成：{msg}")
                self.tasks[i] = (e, task)
                self.pool.submit(("f", i), ("finish", task), first=True)
                return
            done = self._failed(task, outcome)  # twice: the file's own result, nothing run here
        else:
            done = outcome.value
        if done.write_error is not None:
            raise OutputError(done.write_error)
        if done.cross is not None and not done.stored:
            self.store.set_cross(e.rid, done.cross)
        self.waiting[i] = done

    def _failed(self, task: work.FinishTask, outcome: Failed) -> work.Finished:
        report = work.failed(task.source, "", outcome.kind, outcome.detail)
        try:
            text = work.render(report, self.opts)
        except Exception:
            text = ""
        return work.Finished(index=task.index, text=text, status="error", error_code=report.error.code if report.error
                             else None, body=None, year=None, template=None, sha256="", counts=(0, 0, 0), worst=-1,
                             rules=[], cross=None)

    def ready(self) -> Iterator[work.Finished]:
        """The results next in path order that have arrived."""
        while self.next in self.waiting:
            done = self.waiting.pop(self.next)
            self.next += 1
            self.rules.update(done.rules)
            name = self.name(done.index)
            if self.summary is not None and name is not None:
                self.summary.add(SummaryRow(
                    source=self.files[done.index].source, sha256=done.sha256, body=done.body, year=done.year,
                    template=done.template, status=done.status, error_code=done.error_code, errors=done.counts[0],
                    warnings=done.counts[1], infos=done.counts[2], name=name))
            yield done

    def close(self) -> None:
        if self.summary is not None:
            self.summary.close(self.rules)
            self.summary = None

    def abort(self) -> None:
        if self.summary is not None:
            self.summary.abort()
            self.summary = None


def extract_run(files: Sequence[Input | Path | str], eopts: work.ExtractOptions, workers: int = 1,
                timeout: float | None = 120.0) -> Iterator[tuple[str, str]]:
    """`xxgk-audit extract`: (status, rendered) per input in the order given, each read in a worker
    under the batch's time and memory limits (a FIFO, a pathological PDF cannot hang it).

    With several files, a digit run one report leaves ambiguous may be decided by another of the
    same body (last or next year's stock chain, the same report in another format;
    structure/evidence.py): results from the first such report on wait until every file is read,
    the settled ones meanwhile kept only as a compact view of their fields."""
    inputs = as_inputs(list(files))
    eopts = replace(eopts, series=len(inputs) > 1)
    pool = Pool(workers=max(1, min(workers, len(inputs) or 1)), target="extractor.batch.work:run_task",
                timeout=timeout)
    waiting: dict[int, tuple[str, str, work.Series | None]] = {}
    held: list[tuple[str, str, work.Series | None]] = []  # in order, from the first ambiguous report on
    views: list[Any] = []
    todo = iter(range(len(inputs)))
    ahead = 4 * workers + 4
    sent = nxt = 0
    try:
        while nxt < len(inputs):
            while sent - nxt < ahead:
                i = next(todo, None)
                if i is None:
                    break
                inp = inputs[i]
                err = (inp.error_code, inp.error) if inp.error else None
                pool.submit(i, ("extract_obj", (inp.path, inp.source, inp.member, err, eopts)))
                sent += 1
            for i, outcome in pool.poll(0.2):
                if isinstance(outcome, Done):
                    waiting[i] = outcome.value
                else:
                    sha = outcome.info if isinstance(outcome.info, str) else ""
                    report = work.failed(inputs[i].source, sha, outcome.kind, outcome.detail)
                    waiting[i] = ("error", work.render_extract(report, eopts), None)
            while nxt in waiting:
                status, rendered, part = waiting.pop(nxt)
                nxt += 1
                if part is not None and part[0] == "view":
                    views.append(part[1])
                if held or (part is not None and part[0] == "pending"):
                    held.append((status, rendered, part))
                else:
                    yield status, rendered
    finally:
        pool.close()
    pending = [p[1] for _s, _r, p in held if p is not None and p[0] == "pending"]
    if pending:
        from ..structure.evidence import resolve_series

        resolve_series(pending, views)
        for k, (status, _rendered, part) in enumerate(held):
            if part is not None and part[0] == "pending":  # decided, or its readings ranked anew
                held[k] = (status, work.render_extract(part[1][0], eopts), part)
    for status, rendered, _part in held:
        yield status, rendered
