"""Configuration, as ruff has it: a file found from the working directory upwards, the command line on top.

Where it is read from (the first found wins; `--config FILE` names one and skips the search):

    xxgk-audit.toml                 the keys at the top level (or under [tool.xxgk-audit])
    pyproject.toml                  the keys under [tool.xxgk-audit] (a pyproject without it is passed over)

The keys (all optional):

    select = ["T3", "P"]            codes or prefixes of the rules to run (default: all)
    ignore = ["T306"]               codes or prefixes not to run
    fail-on = "warning"             error | warning | info | never (exit status 1 from that level)
    publication-deadline = "01-31"  MM-DD: the day by which the province wants the report published (default:
                                    条例第四十九条 — departments by 1月31日, local governments by 3月31日)
    hierarchy = "bodies.csv"        the file of which body reports to which (CSV: parent,child; relative to the config file)
    body-map = "names.csv"          the user's map of body names (CSV: name as written, the name to use), for renames

    [tool.xxgk-audit.severity]      a rule reported at another level
    T306 = "info"

    [tool.xxgk-audit.per-file-ignores]    rules not reported for files matching a glob
    "乡镇/*" = ["N2"]

    [tool.xxgk-audit.params.X807]   a rule's thresholds (only those its catalogue entry declares)
    threshold = 0.85

An option given on the command line replaces the file's value for that key. A key this module does
not know, a code that names no rule, a parameter a rule does not declare: a `ConfigError` (the CLI
exits 2 with its message). `Config.origin` says where each value in force came from, for
`check --show-settings`.

The checks read the settings in force through `current()` (set by `install`, in the parent process
and in every worker): the hierarchy file and the body-name map travel with the `Config` (the workers
get it with their options, a Dask task with its payload), not through the environment.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SECTION = "xxgk-audit"
FILE_NAME = "xxgk-audit.toml"
FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
NATIONAL_DEADLINE = "条例第四十九条：县级以上人民政府部门每年1月31日前，县级以上地方人民政府3月31日前"
KEYS = ("select", "ignore", "fail-on", "severity", "per-file-ignores", "params", "publication-deadline", "hierarchy",
        "body-map")

DEFAULT = "默认"
COMMAND_LINE = "命令行"


class ConfigError(ValueError):
    """A configuration that cannot be used (message in Chinese, names the file and the key)."""


@dataclass
class Config:
    """The settings in force for a run, each with where it came from (`origin`)."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    publication_deadline: str | None = None  # MM-DD; None: the national rule (NATIONAL_DEADLINE)
    hierarchy: Path | None = None
    body_map: Path | None = None  # CSV: name as written, the name to use (renames the names cannot show)
    path: Path | None = None  # the configuration file read, if any
    base: Path | None = None  # its folder: relative paths and per-file globs are taken from here
    origin: dict[str, str] = field(default_factory=dict)  # key → 默认 | 命令行 | the file
    cwd: str = field(default_factory=os.getcwd)  # relative sources are taken from here (workers may sit elsewhere)

    def where(self, key: str) -> str:
        return self.origin.get(key, DEFAULT)

    @property
    def deadline(self) -> tuple[int, int] | None:
        """(month, day) of the provincial publication deadline; None: 条例第四十九条 applies (1月31日
        for departments, 3月31日 for local governments)."""
        if self.publication_deadline is None:
            return None
        m, d = self.publication_deadline.split("-")
        return int(m), int(d)

    def ignored_for(self, source: str) -> set[str]:
        """Codes and prefixes not reported for the file `source` (per-file-ignores)."""
        out: set[str] = set()
        if not self.per_file_ignores:
            return out
        for pattern, codes in self.per_file_ignores.items():
            if matches(source, pattern, self.base, self.cwd):
                out.update(codes)
        return out

    def rule_params(self, code: str, declared: dict[str, Any]) -> dict[str, Any]:
        return {**declared, **self.params.get(code, {})}


def matches(source: str, pattern: str, base: Path | None, cwd: str | None = None) -> bool:
    """A file (or `archive.zip!member`) matched by a per-file glob: against its path relative to the
    configuration's folder, its path as given, or its name (`*` crosses folders, as in ruff)."""
    src = source.replace("\\", "/")
    cands = {src, src.rsplit("/", 1)[-1]}
    if "!" in src:
        cands.add(src.split("!", 1)[1])
    if base is not None:
        try:
            outer = os.path.normpath(os.path.join(cwd or os.getcwd(), src.split("!", 1)[0]))
            cands.add(Path(outer).relative_to(os.path.normpath(base.absolute())).as_posix()
                      + ("!" + src.split("!", 1)[1] if "!" in src else ""))
        except ValueError:
            pass
    pat = pattern.replace("\\", "/")
    return any(fnmatch.fnmatchcase(c, pat) or fnmatch.fnmatchcase(c, pat.removeprefix("./")) for c in cands)


# ---------------------------------------------------------------- finding and reading the file


def find(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The configuration file in `start` (default: the working directory) or the nearest folder above
    it, with its table of settings; None when there is none."""
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        own = folder / FILE_NAME
        if own.is_file():
            return own, _table(own)
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _load(py)
            section = data.get("tool", {}).get(SECTION)
            if isinstance(section, dict):
                return py, section
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as e:
        raise ConfigError(f"无法读取配置文件 {path}：{e.strerror or e}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{e}") from e


def _table(path: Path) -> dict[str, Any]:
    """The settings of a file named on purpose: [tool.xxgk-audit] when it has one, else its top level."""
    data = _load(path)
    section = data.get("tool", {}).get(SECTION) if isinstance(data.get("tool"), dict) else None
    if isinstance(section, dict):
        return section
    if path.name == "pyproject.toml":
        raise ConfigError(f"{path} 中没有 [tool.{SECTION}] 一节")
    return data


def load(config_file: Path | None = None, start: Path | None = None) -> Config:
    """The configuration from `config_file`, else the one found from `start` upwards, else the defaults."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"找不到配置文件：{config_file}")
        return from_table(_table(config_file), config_file)
    found = find(start)
    if found is None:
        return Config()
    return from_table(found[1], found[0])


def _name(path: Path) -> str:
    return f"{path}" + (f" [tool.{SECTION}]" if path.name == "pyproject.toml" else "")


def from_table(table: dict[str, Any], path: Path | None) -> Config:
    """A `Config` from the settings table of `path`, every value checked."""
    from .check.catalogue import SelectionError, catalogue, resolve, split_codes

    where = _name(path) if path is not None else "配置"
    cfg = Config(path=path, base=path.absolute().parent if path is not None else None)
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        hint = "、".join(KEYS)
        raise ConfigError(f"{where}：未知的配置项 {'、'.join(map(str, unknown))}（可用的配置项：{hint}）")

    def bad(key: str, msg: str) -> ConfigError:
        return ConfigError(f"{where}：{key} {msg}")

    def by_rule(key: str, example: str) -> Iterator[tuple[str, Any, Any]]:
        """The entries of a section keyed by rule code: (code, as written, value); a key that is no
        rule code is an error."""
        section = table[key]
        if not isinstance(section, dict):
            raise bad(key, f"应为一节，如 {example}")
        for code, value in section.items():
            c = str(code).upper()
            if c not in cat:
                raise bad(key, f"中的 {code} 不是规则代码（运行 xxgk-audit rules 查看规则目录）")
            yield c, code, value

    def codes(key: str) -> list[str]:
        v = table[key]
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise bad(key, "应为规则代码或前缀的列表，如 [\"T3\", \"P401\"]")
        out = split_codes(v)
        try:
            resolve(out, None)
        except SelectionError as e:
            raise bad(key, str(e)) from e
        return out

    cat = catalogue()
    if "select" in table:
        cfg.select = codes("select")
        cfg.origin["select"] = where
    if "ignore" in table:
        cfg.ignore = codes("ignore")
        cfg.origin["ignore"] = where
    if "fail-on" in table:
        v = table["fail-on"]
        if v not in FAIL_ON:
            raise bad("fail-on", f"只能是 {'、'.join(FAIL_ON)}，而不是 {v!r}")
        cfg.fail_on = v
        cfg.origin["fail-on"] = where
    if "severity" in table:
        for c, code, level in by_rule("severity", "[tool.xxgk-audit.severity] T306 = \"info\""):
            if level not in SEVERITIES:
                raise bad("severity", f"中 {code} 的级别只能是 {'、'.join(SEVERITIES)}，而不是 {level!r}")
            cfg.severity[c] = level
        cfg.origin["severity"] = where
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise bad("per-file-ignores", "应为一节，如 [tool.xxgk-audit.per-file-ignores] \"乡镇/*\" = [\"N2\"]")
        for pattern, v in pfi.items():
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise bad("per-file-ignores", f"中 {pattern!r} 的值应为规则代码或前缀的列表")
            cs = split_codes(v)
            try:
                resolve(cs, None)
            except SelectionError as e:
                raise bad("per-file-ignores", f"中 {pattern!r}：{e}") from e
            cfg.per_file_ignores[str(pattern)] = cs
        cfg.origin["per-file-ignores"] = where
    if "params" in table:
        for c, _code, values in by_rule("params", "[tool.xxgk-audit.params.X807] threshold = 0.85"):
            declared = cat[c].params
            if not declared:
                raise bad("params", f"：规则 {c} 没有可调的参数")
            if not isinstance(values, dict):
                raise bad("params", f".{c} 应为一节（参数名 = 值）")
            for k, v in values.items():
                if k not in declared:
                    raise bad("params", f".{c} 中的 {k} 不是该规则的参数（可调的参数：{'、'.join(declared)}）")
                cfg.params.setdefault(c, {})[k] = _checked_param(c, k, v, declared[k], bad)
        cfg.origin["params"] = where
    if "publication-deadline" in table:
        cfg.publication_deadline = deadline(table["publication-deadline"], bad)
        cfg.origin["publication-deadline"] = where
    for key, attr in (("hierarchy", "hierarchy"), ("body-map", "body_map")):
        if key not in table:
            continue
        v = table[key]
        if not isinstance(v, str) or not v.strip():
            raise bad(key, "应为文件路径（相对于配置文件所在目录）")
        p = Path(v).expanduser()
        file = p if p.is_absolute() or cfg.base is None else cfg.base / p
        if not file.is_file():
            raise bad(key, f"所指的文件不存在：{file}")
        setattr(cfg, attr, file.absolute())
        cfg.origin[key] = where
    return cfg


def _checked_param(code: str, key: str, value: Any, declared: Any, bad: Any) -> Any:
    """`value` if it has the type of the catalogue's default `declared` (an int stands for a float)."""
    kind = type(declared)
    ok = isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if kind is list and isinstance(value, list) and declared:
        ok = all(isinstance(x, type(declared[0])) and not isinstance(x, bool) for x in value)
    if not ok:
        raise bad("params", f".{code}.{key} 应与目录中的默认值 {declared!r} 同类型，而不是 {value!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        raise bad("params", f".{code}.{key} 不能为负数")
    return value


_DEADLINE = re.compile(r"^(\d{1,2})-(\d{1,2})$")


def deadline(value: Any, bad: Any = None) -> str:
    """MM-DD (also M月D日) as `MM-DD`, a real day of the year."""
    s = str(value).strip()
    m = _DEADLINE.match(s) or re.match(r"^(\d{1,2})月(\d{1,2})日?$", s)
    ok = m is not None
    if m is not None:
        month, day = int(m.group(1)), int(m.group(2))
        ok = 1 <= month <= 12 and 1 <= day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not ok or m is None:
        msg = f"应为“月-日”，如 \"03-31\"，而不是 {value!r}"
        if bad is None:
            raise ConfigError(f"publication-deadline {msg}")
        raise bad("publication-deadline", msg)
    return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"


# ---------------------------------------------------------------- the command line on top


def with_options(cfg: Config, *, select: list[str] | None = None, ignore: list[str] | None = None,
                 fail_on: str | None = None, publication_deadline: str | None = None,
                 hierarchy: Path | None = None, body_map: Path | None = None) -> Config:
    """`cfg` with the options given on the command line in place of the file's values."""
    from .check.catalogue import split_codes

    out = replace(cfg, origin=dict(cfg.origin))
    if select is not None:
        out.select = split_codes(select)
        out.origin["select"] = COMMAND_LINE
    if ignore is not None:
        out.ignore = split_codes(ignore)
        out.origin["ignore"] = COMMAND_LINE
    if fail_on is not None:
        out.fail_on = fail_on
        out.origin["fail-on"] = COMMAND_LINE
    if publication_deadline is not None:
        out.publication_deadline = deadline(publication_deadline)
        out.origin["publication-deadline"] = COMMAND_LINE
    if hierarchy is not None:
        out.hierarchy = hierarchy.absolute()  # a worker may not share the working directory
        out.origin["hierarchy"] = COMMAND_LINE
    if body_map is not None:
        out.body_map = body_map.absolute()
        out.origin["body-map"] = COMMAND_LINE
    return out


# ---------------------------------------------------------------- in force


_CURRENT = Config()
DEADLINE_RULE = "Y610"  # published late: its deadlines are what `publication-deadline` sets
_DECLARED: dict[str, dict[str, Any]] | None = None  # the catalogue's own params, before any override


def current() -> Config:
    """The settings in force (the defaults until `install`)."""
    return _CURRENT


def install(cfg: Config | None) -> None:
    """Makes `cfg` the settings in force in this process: `current()`, and the rules' parameters in
    the catalogue (the rules read `spec.params`). Installing the defaults restores the catalogue."""
    global _CURRENT, _DECLARED
    from .check.catalogue import catalogue

    cfg = cfg or Config()
    if cfg.body_map != _CURRENT.body_map:
        from .check.names import normalise

        normalise.cache_clear()  # names read under the old map
    _CURRENT = cfg
    cat = catalogue()
    if _DECLARED is None:
        _DECLARED = {c: dict(s.params) for c, s in cat.items()}
    for code, spec in list(cat.items()):
        params = {**_DECLARED.get(code, {}), **cfg.params.get(code, {})}
        if code == DEADLINE_RULE and cfg.publication_deadline is not None:
            # a province that wants its reports earlier: one date for departments and governments alike
            params = {**params, "department": cfg.publication_deadline, "government": cfg.publication_deadline}
        if params != spec.params:
            cat[code] = replace(spec, params=params)


def adjust(findings: list[Any], source: str, cfg: Config | None = None) -> list[Any]:
    """The findings of the file `source` as the settings want them reported: without the rules its
    per-file-ignores name, each at the severity the settings give its rule."""
    cfg = cfg or _CURRENT
    drop = cfg.ignored_for(source)
    out = []
    for f in findings:
        if drop and any(f.rule.startswith(p) for p in drop):
            continue
        level = cfg.severity.get(f.rule)
        if level is not None and level != f.severity:
            f.severity = level
        out.append(f)
    return out


# ---------------------------------------------------------------- --show-settings


def _toml(v: Any) -> str:
    import json

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, Path):
        return json.dumps(str(v), ensure_ascii=False)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_toml(x)}" for k, x in v.items()) + "}"
    return "none" if v is None else json.dumps(str(v), ensure_ascii=False)


def _key(k: str) -> str:
    import json

    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k, ensure_ascii=False)


def show(cfg: Config) -> str:
    """What is in force and where each value came from (TOML-like, one key a line)."""
    from .check.catalogue import catalogue, resolve

    cat = catalogue()
    lines = [f"# 配置文件：{_name(cfg.path) if cfg.path else '无（未找到 xxgk-audit.toml 或含 [tool.xxgk-audit] 的 pyproject.toml）'}"]
    rows: list[tuple[str, str, str]] = [
        ("select", _toml(cfg.select) if cfg.select is not None else '["ALL"]', cfg.where("select")),
        ("ignore", _toml(cfg.ignore), cfg.where("ignore")),
        ("fail-on", _toml(cfg.fail_on), cfg.where("fail-on")),
        ("publication-deadline", _toml(cfg.publication_deadline) if cfg.publication_deadline else "none",
         cfg.where("publication-deadline") + (f"（{NATIONAL_DEADLINE}）" if cfg.publication_deadline is None else "")),
        ("hierarchy", _toml(cfg.hierarchy) if cfg.hierarchy else "none", cfg.where("hierarchy")),
        ("body-map", _toml(cfg.body_map) if cfg.body_map else "none", cfg.where("body-map")),
    ]
    width = max(len(k) + 3 + len(v) for k, v, _w in rows)
    for k, v, w in rows:
        lines.append(f"{k} = {v}".ljust(width) + f"  # {w}")
    selected = resolve(cfg.select, cfg.ignore)
    lines.append(f"# 运行的规则（{len(selected)}/{len(cat)}）：{' '.join(selected) or '无'}")
    lines.append("")
    lines.append(f"[severity]  # {cfg.where('severity')}")
    for code, spec in cat.items():
        if code in cfg.severity:
            lines.append(f"{code} = {_toml(cfg.severity[code])}  # 目录默认 {spec.severity}")
    lines.append("")
    lines.append(f"[per-file-ignores]  # {cfg.where('per-file-ignores')}")
    for pattern, codes in cfg.per_file_ignores.items():
        lines.append(f"{_key(pattern)} = {_toml(codes)}")
    for code, spec in cat.items():
        if not spec.params:
            continue
        lines.append("")
        lines.append(f"[params.{code}]")
        given = cfg.params.get(code, {})
        declared = (_DECLARED or {}).get(code, spec.params)
        for k, v in declared.items():
            if k in given:
                lines.append(f"{k} = {_toml(given[k])}  # {cfg.where('params')}（目录默认 {_toml(v)}）")
            else:
                lines.append(f"{k} = {_toml(v)}  # {DEFAULT}（规则目录）")
    return "\n".join(lines) + "\n"
