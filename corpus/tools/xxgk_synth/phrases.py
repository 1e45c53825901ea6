"""The phrasing inventories (phrases.yaml, prose.yaml) and the choice of one phrasing by the seed."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .spec import FAMILIES, Family

_HERE = Path(__file__).resolve().parent


@cache
def _load(name: str) -> Any:
    with open(_HERE / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def phrases() -> dict[str, Any]:
    return _load("phrases.yaml")


def prose() -> dict[str, Any]:
    return _load("prose.yaml")


class _Keep(dict[str, str]):
    """format_map helper: an unknown placeholder stays as it is (filled in a later pass)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, ctx: dict[str, str]) -> str:
    return template.format_map(_Keep(ctx))


@dataclass(frozen=True)
class Phrasing:
    template: str
    approx: str | None = None  # floor | ceil


def _phrasing(item: str | dict[str, str]) -> Phrasing:
    if isinstance(item, str):
        return Phrasing(item)
    return Phrasing(item["t"], item.get("approx"))


def metrics() -> list[str]:
    return list(phrases()["claims"])


def claim_phrasings(metric: str, family: Family, kind: str = "plain") -> list[Phrasing]:
    """The phrasings of `metric` in `family`; kind: plain | zero."""
    entry = phrases()["claims"][metric]
    if kind == "zero":
        return [_phrasing(t) for t in (entry.get("zero") or {}).get(family, [])]
    return [_phrasing(t) for t in entry[family]]


def units(metric: str, family: Family) -> list[str]:
    return list(phrases()["claims"][metric]["unit"][family])


def slot(name: str, family: Family) -> list[str]:
    return list(phrases()["slots"][name][family])


def shares(family: Family) -> list[str]:
    return list(phrases()["shares"][family])


def scope_other(family: Family, kind: str) -> list[dict[str, Any]]:
    return [e for e in phrases()["scope_other"] if kind in e["when"] and e.get(family)]


def distractor(rng: random.Random, name: str) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """A distractor phrasing of kind `name` and the ranges of its {n} and {m}."""
    item = rng.choice(phrases()["distractors"][name])
    return item["t"], tuple(item.get("n", (3, 400))), tuple(item.get("m", (30, 2000)))


def round_approx(n: int, how: str) -> int:
    """A round figure near n for 余/多/近/超过 phrasings (floor: at most n; ceil: at least n)."""
    step = 10 ** max(1, int(math.log10(max(n, 1))) - 1)
    if how == "floor":
        return (n - 1) // step * step
    return (n // step + 1) * step


def missing_families() -> list[str]:
    """The inventories of phrases.yaml lacking a family (each must list every family of FAMILIES)."""
    data, out = phrases(), []
    for name, entry in data["slots"].items():
        out += [f"slots.{name}.{f}" for f in FAMILIES if f not in entry]
    for metric, entry in data["claims"].items():
        out += [f"claims.{metric}.{f}" for f in FAMILIES if f not in entry]
        out += [f"claims.{metric}.unit.{f}" for f in FAMILIES if f not in entry["unit"]]
        zero = entry.get("zero") or {}
        if zero.get("train") or zero.get("heldout"):
            out += [f"claims.{metric}.zero.{f}" for f in FAMILIES if f not in zero]
    out += [f"shares.{f}" for f in FAMILIES if f not in data["shares"]]
    for i, e in enumerate(data["scope_other"]):
        out += [f"scope_other[{i}].{f}" for f in FAMILIES if f not in e]
        if e.get("with_part"):
            out += [f"scope_other[{i}].with_part.{f}" for f in FAMILIES if f not in e["with_part"]]
    return out


def every_phrasing(family: Family) -> list[str]:
    """All claim templates of a family (for tests that check the split is disjoint)."""
    out: list[str] = []
    for metric in metrics():
        out += [p.template for p in claim_phrasings(metric, family)]
        out += [p.template for p in claim_phrasings(metric, family, "zero")]
    return out
