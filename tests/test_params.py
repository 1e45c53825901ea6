"""Every threshold of a rule lives in its catalogue entry's `params` and is read from there only
(issue 13): the rule code reads no key its entry does not declare, keeps no default of its own
beside the declared one (`params.get(key, default)`), and `rules/lexicon/checks.yaml` holds words
and patterns, not numbers.

Two views of the same promise: a static one (every `params[...]` in the rule modules names a key
the rules of that function declare) and a running one (every rule's examples and named cases run
with params that refuse `.get` and record what is read).
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from extractor.check import registry
from extractor.check.catalogue import RuleSpec, catalogue
from extractor.examples import run_on
from extractor.resources import load_yaml

CATALOGUE = catalogue()
RULES = registry.load()
#: the names a rule's params go by in the rule modules (`prm = ctx.spec.params`, `deadline(r, params)`)
PARAM_NAMES = {"prm", "params"}


def _is_params(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in PARAM_NAMES
    return isinstance(node, ast.Attribute) and node.attr == "params"


def _reads(fn: ast.AST) -> tuple[set[str], list[int]]:
    """The keys `fn` reads from params by subscript, and the lines where it calls `params.get`."""
    keys, gets = set(), []
    for node in ast.walk(fn):
        if isinstance(node, ast.Subscript) and _is_params(node.value):
            assert isinstance(node.slice, ast.Constant), f"line {node.lineno}: a param key must be a literal"
            keys.add(str(node.slice.value))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and _is_params(node.func.value)):
            gets.append(node.lineno)
    return keys, gets


def _tree(fn: Any) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(inspect.getsource(fn))).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def _called(fn: ast.FunctionDef) -> set[str]:
    return {n.func.id for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}


def static_reads(code: str) -> tuple[set[str], list[int]]:
    """What the rule function of `code` reads from its params, and the functions it hands them to
    (one call deep, as `deadline(r, ctx.spec.params)`, wherever they are defined)."""
    fn = inspect.unwrap(RULES[code])
    own = _tree(fn)
    keys, gets = _reads(own)
    for name in _called(own):
        callee = fn.__globals__.get(name)
        if not inspect.isfunction(callee) or callee is fn or not callee.__module__.startswith("extractor."):
            continue
        tree = _tree(callee)
        if any(a.arg in PARAM_NAMES for a in tree.args.args):
            k, g = _reads(tree)
            keys |= k
            gets += g
    return keys, gets


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_reads_only_declared_params(code: str) -> None:
    keys, gets = static_reads(code)
    assert not gets, f"{code} reads its params with .get (a default beside the catalogue's) at lines {gets}"
    undeclared = keys - set(CATALOGUE[code].params)
    assert not undeclared, f"{code} reads {sorted(undeclared)}, which rules/catalogue/{code}.yaml does not declare"


@pytest.mark.parametrize("code", sorted(RULES))
def test_declared_params_are_read(code: str) -> None:
    """A declared param the code never reads would be a promise the page makes and the code does not keep
    (X807's `candidates` is read by the batch's look-alike prefilter)."""
    keys, _ = static_reads(code)
    elsewhere = {"X807": {"candidates"}}.get(code, set())
    unread = set(CATALOGUE[code].params) - keys - elsewhere
    assert not unread, f"{code} declares {sorted(unread)} but its code does not read them"


class StrictParams(dict[str, Any]):
    """A rule's params that refuse `.get` (no default of the code's own) and note what is read."""

    def __init__(self, declared: dict[str, Any], seen: set[str]) -> None:
        super().__init__(declared)
        self.seen = seen

    def __getitem__(self, key: str) -> Any:
        if key not in self:
            raise AssertionError(f"param {key!r} is not declared")
        self.seen.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        raise AssertionError(f"params.get({key!r}, …): read the declared param with params[{key!r}]")


def _specs_with_params() -> Iterator[str]:
    yield from (c for c, s in CATALOGUE.items() if s.params)


@pytest.mark.parametrize("code", sorted(_specs_with_params()))
def test_rule_runs_on_its_declared_params_alone(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example and named case of a rule with params runs with exactly the declared params, read
    by subscript; between them they read at least one of the params."""
    spec: RuleSpec = CATALOGUE[code]
    if "claims" in spec.needs:
        pytest.importorskip("extractor.extract.claims", reason="prose claims are not extracted here")
    seen: set[str] = set()
    monkeypatch.setitem(CATALOGUE, code, replace(spec, params=StrictParams(spec.params, seen)))
    for name, ex in [*spec.examples.items(), *((c.name, c.example) for c in spec.cases)]:
        run_on(CATALOGUE[code], ex, f"{code}-{name}")
    assert seen, f"{code}: no example or case read any of its params"


def _numbers(v: Any, where: str = "") -> Iterator[str]:
    if isinstance(v, bool) or isinstance(v, date):
        return
    if isinstance(v, (int, float)):
        yield where
    elif isinstance(v, dict):
        for k, x in v.items():
            yield from _numbers(x, f"{where}.{k}" if where else str(k))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from _numbers(x, f"{where}[{i}]")


def test_checks_lexicon_holds_no_thresholds() -> None:
    found = list(_numbers(load_yaml("lexicon/checks.yaml")))
    assert not found, f"rules/lexicon/checks.yaml holds numbers {found}: a threshold belongs in the rule's params"


def test_strict_params_catch_an_undeclared_read() -> None:
    """The running test would notice a rule reading a key its entry lacks, or a .get default."""
    p = StrictParams({"threshold": 0.9}, set())
    with pytest.raises(AssertionError):
        p["min_chars"]
    with pytest.raises(AssertionError):
        p.get("threshold", 0.5)
    src = "def f(r, ctx):\n    prm = ctx.spec.params\n    return prm['a'] + ctx.spec.params.get('b', 1)\n"
    keys, gets = _reads(ast.parse(src))
    assert keys == {"a"} and gets == [3]
