"""Claim patterns (rules/lexicon/claims.yaml) compiled into a spaCy Matcher.

The pattern language is small: concepts, the figure (NUM / MONEY), quoted words, `~` (anything
within a clause), `…` (anything within a sentence) and `?` for an optional element. See the
header of claims.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..resources import load_yaml

CLAUSE_PUNCT = ["，", ",", "。", "；", ";", "：", ":", "！", "!", "？", "?", "\n", "（", "）", "(", ")"]
SENTENCE_PUNCT = ["。", "；", ";", "！", "!", "？", "?", "\n"]
FIGURES = ["NUM", "MONEY", "PCT"]


@dataclass(frozen=True)
class ClaimPattern:
    id: str
    metric: str
    source: str
    value: int | None  # a statement of nothing: the claim's value without a figure
    unless: frozenset[str]
    sentence_has: frozenset[str]
    figure_index: int | None  # which element is the figure
    order: int


def _element(tok: str) -> dict[str, Any]:
    optional = tok.endswith("?") and len(tok) > 1
    if optional:
        tok = tok[:-1]
    if tok == "~":
        spec: dict[str, Any] = {"ORTH": {"NOT_IN": CLAUSE_PUNCT}, "NORM": {"NOT_IN": FIGURES}, "OP": "*"}
    elif tok == "…":
        spec = {"ORTH": {"NOT_IN": SENTENCE_PUNCT}, "OP": "*"}
    elif tok.startswith('"') and tok.endswith('"'):
        spec = {"ORTH": tok[1:-1]}
    else:
        names = tok.split("|")
        spec = {"NORM": names[0]} if len(names) == 1 else {"NORM": {"IN": names}}
    if optional:
        spec["OP"] = "?"
    return spec


_SPACE = {"IS_SPACE": True, "OP": "*"}


def compile_pattern(source: str) -> tuple[list[dict[str, Any]], int | None]:
    """Matcher token specs, and the index of the figure's spec. Spaces between two elements are
    allowed everywhere (PDF text writes 「答复 3050 件」)."""
    toks = re.findall(r'"[^"]*"\??|\S+', source)
    elems: list[dict[str, Any]] = []
    fig = None
    for i, t in enumerate(toks):
        if i and t not in ("~", "…") and toks[i - 1] not in ("~", "…"):
            elems.append(dict(_SPACE))
        if t.rstrip("?") in ("NUM", "MONEY", "PCT"):
            fig = len(elems)
        elems.append(_element(t))
    return elems, fig


@cache
def patterns() -> tuple[ClaimPattern, ...]:
    out = []
    data = load_yaml("lexicon/claims.yaml")
    always = frozenset(data.get("global_unless") or ())
    for i, p in enumerate(data["patterns"]):
        _, fig = compile_pattern(p["pattern"])
        out.append(ClaimPattern(
            id=p["id"], metric=p["metric"], source=p["pattern"], value=p.get("value"),
            unless=frozenset(p.get("unless") or ()) | always, sentence_has=frozenset(p.get("sentence_has") or ()),
            figure_index=fig, order=i,
        ))
    return tuple(out)


@cache
def matcher() -> Any:
    from spacy.matcher import Matcher

    from .nlp import pipeline

    m = Matcher(pipeline().vocab)
    for p in patterns():
        elems, _ = compile_pattern(p.source)
        m.add(p.id, [elems])
    return m


@cache
def by_id() -> dict[str, ClaimPattern]:
    return {p.id: p for p in patterns()}
