"""What a batch is given: every input a result, named safely, listed without being read.

`discover(args)` turns the command line's paths, folders and globs into `Input`s — one per file a
person would expect a result for — while the main process only lists and stats (a special file,
an unreadable folder, a dangling link is an input too: its worker says what it is). Folders are
walked without following links to folders (one may lead to / or /proc; a folder named on the
command line is followed). Every regular file found is a result, as the contract says — a file of a
kind we do not read (.json, .py, no extension…) too: its worker sniffs it and says what it is
(`not_a_report`, `unsupported_format`). Only hidden files and folders (.git, .DS_Store, __MACOSX)
and links to folders are skipped, and counted (`Found.skipped`, said on stderr), never dropped in
silence. A `.zip` is listed (its central directory only, within limits):
each member is an input named `archive.zip!member` (names decoded from GBK where the archive does
not flag them UTF-8).

Names: the OS may give bytes that are not UTF-8 (a GBK name as unzip leaves it); Python keeps them
as surrogate escapes, which open() takes back, and `display` writes them as \\xNN for JSON, CSV and
the terminal. `out_names` gives each input its place under OUT/reports: the path below the folder
common to all inputs, every component safe (no `..`, no separators or control characters), bounded
(a hash suffix where too long) and collision-free.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ARCHIVES = {".zip"}  # listed, each member an input
MAX_MEMBERS = 10_000
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024
NAME_BYTES = 120  # a component of a name under OUT longer than this is cut, with a hash suffix


@dataclass(frozen=True, order=True)
class Input:
    path: str  # as the OS names it (undecodable bytes as surrogate escapes)
    member: str | None = None  # a zip member: its name as the archive stores it (zipfile's decoding)
    display: str = field(default="", compare=False)  # the name shown and written ("source")
    error: str | None = field(default=None, compare=False)  # a result known without reading (listing failed)
    error_code: str = field(default="unreadable", compare=False)

    @property
    def source(self) -> str:
        return self.display or display(self.path)

    def __fspath__(self) -> str:
        return self.path

    def __str__(self) -> str:
        return self.source


@dataclass
class Found:
    inputs: list[Input]
    skipped: Counter[str]  # kind of file skipped → count
    missing: list[str]  # arguments that name nothing


def display(path: str | os.PathLike[str]) -> str:
    """A path as text: bytes that are not UTF-8 written as \\xNN (JSON, CSV and terminals take it)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def discover(args: list[str], exclude: list[Path] | None = None) -> Found:
    """Every input under `args` (files, folders, globs), sorted by path, each once."""
    found = Found([], Counter(), [])
    seen_dirs: set[tuple[int, int]] = set()
    excluded = set()
    for x in exclude or []:
        try:
            st = os.stat(x)
            excluded.add((st.st_dev, st.st_ino))
        except OSError:
            pass
    out: dict[tuple[str, str | None], Input] = {}

    def add(inp: Input) -> None:
        key = (os.path.normpath(os.path.abspath(inp.path)), inp.member)
        out.setdefault(key, inp)

    def file(path: str, named: bool) -> None:
        name = os.path.basename(path)
        if not named:
            if name.startswith("."):
                found.skipped["隐藏文件"] += 1
                return
        if os.path.splitext(name)[1].lower() in ARCHIVES:
            archive(path)
            return
        add(Input(path))

    def archive(path: str) -> None:
        for inp in members(path, found.skipped):
            add(inp)

    def folder(path: str) -> None:
        try:
            st = os.stat(path)
        except OSError:
            add(Input(path))
            return
        if (st.st_dev, st.st_ino) in seen_dirs or (st.st_dev, st.st_ino) in excluded:
            return
        seen_dirs.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            from ..read import os_message

            add(Input(path, error=f"无法读取该目录：{os_message(err)}，其中的文件未审核。"))
            return
        for entry in entries:
            full = os.path.join(path, entry.name)
            try:
                is_dir = entry.is_dir()
                linked = is_dir and entry.is_symlink()
            except OSError:
                is_dir = linked = False
            if linked:  # a link to a folder may lead anywhere (/, /proc): not followed, but said
                found.skipped["指向目录的链接（未跟随）"] += 1
                continue
            if is_dir:
                if entry.name.startswith("."):
                    found.skipped["隐藏目录"] += 1
                    continue
                folder(full)
            else:
                file(full, named=False)

    for arg in args:
        try:
            mode: int | None = os.stat(arg).st_mode
        except OSError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            folder(arg)
        elif mode is not None or os.path.lexists(arg):  # a file, a special file, a dangling link
            file(arg, named=True)
        else:
            matches = sorted(glob.glob(arg, recursive=True)) if glob.has_magic(arg) else []
            if not matches:
                found.missing.append(arg)
            for m in matches:
                if os.path.isdir(m):
                    folder(m)
                else:
                    file(m, named=True)
    found.inputs = sorted(out.values(), key=lambda i: (i.path, i.member or ""))
    return found


# ---------------------------------------------------------------- archives


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its author wrote it: UTF-8 where flagged; else the bytes zipfile read as
    CP437 decoded as UTF-8 when they are, else as GB18030 (archives made on Chinese Windows)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return info.filename


def members(path: str, skipped: Counter[str]) -> list[Input]:
    """The inputs of a zip archive (its listing only; a member is read by its worker)."""
    shown = display(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return [Input(path)]  # its worker says what it is
        if st.st_size > MAX_ARCHIVE_BYTES:
            return [Input(path, error=f"压缩包过大（{st.st_size} 字节，超过 {MAX_ARCHIVE_BYTES} 字节上限），未展开。")]
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except OSError as e:
        from ..read import os_message

        return [Input(path, error=f"无法读取该压缩包：{os_message(e)}")]
    except Exception as e:  # a damaged archive: its own result
        return [Input(path, error=f"压缩包已损坏，无法展开：{type(e).__name__}: {e}"[:300])]
    if len(infos) > MAX_MEMBERS:
        return [Input(path, error=f"压缩包内文件过多（{len(infos)} 个，超过 {MAX_MEMBERS} 个上限），未展开。")]
    out = []
    for info in infos:
        if info.is_dir():
            continue
        name = member_name(info)
        base = name.rsplit("/", 1)[-1]
        if base.startswith(".") or name.startswith("__MACOSX/"):
            skipped["隐藏文件"] += 1
            continue
        suffix = os.path.splitext(base)[1].lower()
        if suffix in ARCHIVES:
            out.append(Input(path, info.filename, f"{shown}!{name}", error="压缩包中的压缩包未展开，请先解压外层压缩包。",
                             error_code="unsupported_format"))
            continue
        out.append(Input(path, info.filename, f"{shown}!{name}"))
    if not out:
        out.append(Input(path, error="压缩包中没有可审核的文件。", error_code="empty"))
    return out


# ---------------------------------------------------------------- names under OUT


_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f\\/:*?"<>|]')


def _digest(s: str) -> str:
    return hashlib.sha256(os.fsencode(s) if s else b"").hexdigest()[:10]


def _component(part: str) -> str:
    safe = _UNSAFE.sub("_", part).strip()
    if safe in ("", ".", ".."):
        safe = "_" + safe.replace(".", "_")
    if len(safe.encode("utf-8")) > NAME_BYTES:
        cut = safe.encode("utf-8")[: NAME_BYTES - 12].decode("utf-8", "ignore")
        safe = f"{cut}~{_digest(part)}"
    return safe


def common_root(inputs: list[Input]) -> str:
    if not inputs:
        return "."
    parents = [os.path.dirname(os.path.normpath(os.path.abspath(i.path))) for i in inputs]
    return os.path.commonpath(parents)


def out_names(inputs: list[Input]) -> list[str]:
    """Each input's place under OUT/reports (POSIX separators, without .json/.md): safe, bounded,
    collision-free, the same for the same inputs."""
    root = common_root(inputs)
    used: set[str] = set()
    names = []
    for inp in inputs:
        full = os.path.normpath(os.path.abspath(inp.path))
        rel = os.path.relpath(full, root)
        parts = [display(p) for p in rel.split(os.sep) if p not in ("", ".")]
        if inp.member is not None:
            parts[-1] += "!"
            inner = inp.source[len(display(inp.path)) + 1:] or inp.member
            parts += [p for p in inner.split("/") if p not in ("", ".")]
        name = "/".join(_component(p) for p in parts) or "_"
        if name.casefold() in used:  # two inputs on one name (after making it safe): tell them apart
            name = f"{name}~{_digest(inp.path + '!' + (inp.member or ''))}"
            k = 2
            while name.casefold() in used:
                name = f"{name}-{k}"
                k += 1
        used.add(name.casefold())
        names.append(name)
    return names


def as_inputs(files: Sequence[Input | Path | str]) -> list[Input]:
    return [f if isinstance(f, Input) else Input(str(f)) for f in files]
