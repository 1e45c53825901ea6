"""The store: what each report said, in one SQLite file an auditor keeps from year to year.

One row per report read (per content hash and version of the tool), keyed by normalised body name,
year and content hash, with what it said — its table fields, prose claims and findings (JSON
columns, queryable with SQLite's json functions) — and the compact record the rules across years
read back (`record`: zlib-compressed JSON, see `record.py`). A later run finds last year's report
of a body here when last year's file is not in its batch; `--resume` finds here the reports an
interrupted run already read. The same class, on a temporary file, holds a batch's records while
it runs when no store is wanted (nothing of a batch stays in memory but a small index).

Plain `sqlite3` from the standard library: no server, WAL journal, schema version in `meta`. The
parent creates and migrates it; in a local batch each worker writes the rows of the files it reads
(`Writer`, one transaction per file: the parent neither receives nor writes the records), the
parent the rest (files whose worker was cut off, the findings across reports). Old schema versions are migrated on open; a newer one is
refused with a message.

    sqlite3 store.sqlite "select body, year, json_extract(fields, '$.\"t3.new.total\"') from reports"
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .work import Extracted

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,            -- content hash of the file
  tool TEXT NOT NULL,              -- fingerprint of the code, rules and models that read it
  source TEXT NOT NULL,            -- path of the file when last seen
  status TEXT NOT NULL,            -- ok | error
  error_code TEXT,                 -- unreadable, encrypted, timeout, … (status error)
  body TEXT,                       -- reporting body as the title writes it
  body_key TEXT,                   -- normalised (check/names.py)
  body_short TEXT,                 -- normalised, without the higher areas in front
  year INTEGER,
  template TEXT,                   -- 2021 | 2019 | pre2019
  format TEXT,                     -- txt | md | html | docx | pdf
  n_fields INTEGER NOT NULL DEFAULT 0,
  nonzero INTEGER NOT NULL DEFAULT 0,
  figures TEXT,                    -- fingerprint of every table figure (similarity.figures)
  signature BLOB,                  -- MinHash of the prose (similarity.signature)
  fields TEXT,                     -- JSON {canonical key: value}
  claims TEXT,                     -- JSON [{metric, value, unit, text, section, scope}]
  findings TEXT,                   -- JSON [{rule, severity, message}]: the rules of one report
  cross_findings TEXT,             -- JSON, the same for the rules across reports, as last computed
  record BLOB NOT NULL,            -- zlib(JSON): the compact record (record.py)
  seen TEXT NOT NULL,              -- when it was last read or used (UTC)
  UNIQUE (sha256, tool)
);
CREATE INDEX IF NOT EXISTS reports_body_year ON reports (body_short, year);
CREATE INDEX IF NOT EXISTS reports_year ON reports (year);
"""


class StoreError(Exception):
    """A store that cannot be used (message in Chinese)."""


@dataclass
class Row:
    """What the batch writes for one report: what its worker extracted, and where it came from."""

    report: Extracted
    tool: str
    source: str
    body_key: str | None
    body_short: str | None


@dataclass
class Stored:
    """A report found in the store (everything but the record, which is read when needed)."""

    id: int
    sha256: str
    tool: str
    source: str
    status: str
    body: str | None
    year: int | None
    template: str | None
    n_fields: int
    nonzero: int
    figures: str | None
    signature: bytes | None
    body_short: str | None = None  # read by `of_year` only


def like(short: str | None, prefix: str) -> bool:
    """What `under`'s `body_short LIKE prefix%` says of one name: SQLite's LIKE ignores the case of
    ASCII letters only."""
    if short is None or len(short) < len(prefix):
        return False
    return short[: len(prefix)].translate(_ASCII_LOWER) == prefix.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_COLUMNS = "id, sha256, tool, source, status, body, year, template, n_fields, nonzero, figures, signature"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_row(db: sqlite3.Connection, row: Row) -> int:
    """Inserts (or, for content this version of the tool has read before, replaces) a report's row;
    its id. Within the caller's transaction."""
    x = row.report
    # a file whose content could not be hashed (an OS error, a special file) has a row of its own
    key = x.sha256 or "nohash:" + hashlib.sha256(row.source.encode("utf-8", "backslashreplace")).hexdigest()
    db.execute(
        """INSERT INTO reports (sha256, tool, source, status, error_code, body, body_key, body_short, year,
             template, format, n_fields, nonzero, figures, signature, fields, claims, findings, record, seen)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
           ON CONFLICT (sha256, tool) DO UPDATE SET source=excluded.source, status=excluded.status,
             error_code=excluded.error_code, body=excluded.body, body_key=excluded.body_key,
             body_short=excluded.body_short, year=excluded.year, template=excluded.template,
             format=excluded.format, n_fields=excluded.n_fields, nonzero=excluded.nonzero,
             figures=excluded.figures, signature=excluded.signature, fields=excluded.fields,
             claims=excluded.claims, findings=excluded.findings, record=excluded.record, seen=excluded.seen""",
        (key, row.tool, row.source, x.status, x.error_code, x.body, row.body_key, row.body_short,
         x.year, x.template, x.format, x.n_fields, x.nonzero, x.figures, x.signature, x.fields,
         x.claims, x.findings, x.blob, _now()))
    return int(db.execute("SELECT id FROM reports WHERE sha256=? AND tool=?", (key, row.tool)).fetchone()[0])


class Writer:
    """A worker's own connection to the store: each row it writes is committed at once (the parent
    and the other workers wait for the lock a transaction holds)."""

    def __init__(self, path: str, durable: bool = True) -> None:
        self.db = sqlite3.connect(path, timeout=60)
        self.db.execute(f"PRAGMA synchronous={'NORMAL' if durable else 'OFF'}")

    def put(self, row: Row) -> int:
        try:
            rid = write_row(self.db, row)
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return rid

    def set_cross(self, rid: int, findings: str) -> None:
        try:
            self.db.execute("UPDATE reports SET cross_findings=? WHERE id=?", (findings, rid))
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise


class Store:
    def __init__(self, path: Path, durable: bool = True) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(self.path), timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(f"PRAGMA synchronous={'NORMAL' if durable else 'OFF'}")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"无法打开报告库 {self.path}：{e}（可能不是 SQLite 文件、已损坏或无法写入）") from e
        except OSError as e:
            from ..read import os_message

            raise StoreError(f"无法创建报告库 {self.path}：{os_message(e)}") from e
        self._pending = 0
        self._committed = time.monotonic()
        self.eager = False  # commit every change (workers write too)

    def _migrate(self) -> None:
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        version = None
        if has_meta:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else None
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"报告库 {self.path} 由更新版本的 xxgk-audit 创建（库版本 {version}，本程序支持 "
                             f"{SCHEMA_VERSION}），请升级后再使用。")
        with self.db:
            self.db.executescript(SCHEMA)
            # (future versions: ALTER TABLE … here, from `version` up to SCHEMA_VERSION)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (_now(),))

    # ------------------------------------------------------------ writing (one writer: the parent)
    def put(self, row: Row) -> int:
        try:
            return self._put(row)
        except sqlite3.Error as e:
            raise self._error(e) from e

    def _error(self, e: Exception) -> StoreError:
        return StoreError(f"无法写入报告库 {self.path}：{e}（磁盘已满或没有写权限？）")

    def _put(self, row: Row) -> int:
        rid = write_row(self.db, row)
        self._tick()
        return rid

    def touch(self, rid: int, source: str) -> None:
        try:
            self.db.execute("UPDATE reports SET source=?, seen=? WHERE id=?", (source, _now(), rid))
        except sqlite3.Error as e:
            raise self._error(e) from e
        self._tick()

    def set_cross(self, rid: int, findings: str) -> None:
        try:
            self.db.execute("UPDATE reports SET cross_findings=? WHERE id=?", (findings, rid))
        except sqlite3.Error as e:
            raise self._error(e) from e
        self._tick()

    def _tick(self) -> None:
        """Commits every 200 changes or every second (at once while workers write too: they would
        wait for this connection's lock): a batch killed half-way keeps what it had read."""
        self._pending += 1
        if self.eager or self._pending >= 200 or time.monotonic() - self._committed >= 1.0:
            self.commit()

    def commit(self) -> None:
        try:
            self.db.commit()
        except sqlite3.Error as e:
            raise self._error(e) from e
        self._pending = 0
        self._committed = time.monotonic()

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.db.close()

    # ------------------------------------------------------------ reading
    def find(self, sha256: str, tool: str) -> Stored | None:
        """The report with this content, as this version of the tool read it."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM reports WHERE sha256=? AND tool=?", (sha256, tool)).fetchone()
        return Stored(*row) if row else None

    def record(self, rid: int) -> bytes:
        row = self.db.execute("SELECT record FROM reports WHERE id=?", (rid,)).fetchone()
        if row is None:
            raise KeyError(rid)
        return bytes(row[0])

    def plain(self, rid: int) -> tuple[str, int | None, str | None, str | None]:
        """(source, year, template, fields as JSON) of a row: all a compact view of a report read
        plainly needs (settle.py), without decoding its record."""
        row = self.db.execute("SELECT source, year, template, fields FROM reports WHERE id=?", (rid,)).fetchone()
        if row is None:
            raise KeyError(rid)
        return row[0], row[1], row[2], row[3]

    def of_body(self, shorts: Iterable[str], year: int, tool: str) -> list[Stored]:
        """Readable reports of `year` whose short body name is one of `shorts` — one per content
        (the row this version of the tool wrote when there is one), in content-hash order."""
        shorts = sorted(set(shorts))
        if not shorts:
            return []
        marks = ",".join("?" * len(shorts))
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM reports WHERE status='ok' AND year=? AND body_short IN ({marks})"
            " ORDER BY sha256, tool != ?, tool", (year, *shorts, tool)).fetchall()
        out: dict[str, Stored] = {}
        for r in rows:
            out.setdefault(r[1], Stored(*r))
        return list(out.values())

    def under(self, prefix: str, year: int, tool: str) -> list[Stored]:
        """Readable reports of `year` whose short body name begins with `prefix` (the bodies of an
        area, for the roll-up X809/X810), one per content as `of_body`."""
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM reports WHERE status='ok' AND year=? AND body_short LIKE ? ESCAPE '\\'"
            " ORDER BY sha256, tool != ?, tool", (year, like, tool)).fetchall()
        out: dict[str, Stored] = {}
        for r in rows:
            out.setdefault(r[1], Stored(*r))
        return list(out.values())

    def of_year(self, year: int, tool: str, leave_out: set[str] | frozenset[str] = frozenset()) -> list[Stored]:
        """Readable reports of `year`, one per content as `of_body`, but those whose content hash is in
        `leave_out` (a batch's own): `under` for every prefix at once (see `like`), one query a year.
        Without their signatures (what the roll-up needs of them is their name and id)."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS.replace('signature', 'NULL')}, body_short FROM reports WHERE status='ok' AND year=?"
            " ORDER BY sha256, tool != ?, tool", (year, tool)).fetchall()
        out: dict[str, Stored] = {}
        for r in rows:
            if r[1] not in leave_out and r[1] not in out:
                out[r[1]] = Stored(*r[:-1])
                out[r[1]].body_short = r[-1]
        return list(out.values())

    def signatures(self, ids: list[int]) -> dict[int, bytes]:
        """The MinHash signatures of these reports (those that have one)."""
        out: dict[int, bytes] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            marks = ",".join("?" * len(chunk))
            for rid, sig in self.db.execute(f"SELECT id, signature FROM reports WHERE id IN ({marks})", chunk):
                if sig:
                    out[int(rid)] = bytes(sig)
        return out

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM reports").fetchone()[0])


# ---------------------------------------------------------------- the tool's fingerprint


@cache
def fingerprint() -> str:
    """A hash of everything that decides what a report's record holds: the package's code, the
    rules (catalogue, templates, lexicon). A record read by another version is
    read again (`--resume`), though it still serves as last year's report."""
    from .. import __name__ as pkg
    from ..resources import rules_dir

    h = hashlib.sha256()
    code = Path(__file__).resolve().parents[1]
    for root in (code, rules_dir()):
        for p in sorted(root.rglob("*")):
            if not p.is_file() or "__pycache__" in p.parts or p.suffix in (".pyc", ".pyo"):
                continue
            if root == code and p.suffix != ".py":
                continue
            h.update(str(p.relative_to(root)).encode("utf-8"))
            h.update(p.read_bytes())
    h.update(pkg.encode())
    return h.hexdigest()[:16]


def compact_fields(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
