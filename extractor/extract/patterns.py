"""Claim patterns (rules/lexicon/claims.yaml) compiled into a spaCy Matcher.

The pattern language is small: concepts, the figure (NUM / MONEY), quoted words, `~` (anything
within a clause), `…` (anything within a sentence) and `?` for an optional element. See the
header of claims.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..resources import load_yaml
from ..text import CLAUSE_BREAKS, SENTENCE_BREAKS

CLAUSE_PUNCT = [*SENTENCE_BREAKS, *CLAUSE_BREAKS]  # a sentence's end ends its clause too
SENTENCE_PUNCT = list(SENTENCE_BREAKS)
FIGURES = ["NUM", "MONEY", "PCT"]
LABEL_COLONS = ("：", ":")  # between a label and its figure
FIGURE_BRACKETS = {"（": "）", "(": ")"}  # around a figure alone after its label (收到申请（12件）)


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
    loose: bool = False  # the metric is inferred from the sentence, not stated with the figure
    units: frozenset[str | None] | None = None  # narrower than the family's units, when given
    yields: bool = False  # gives way to another figure of the same metric read by a pattern that does not

    @property
    def crosses_clause(self) -> bool:
        """The pattern names a clause break (a quoted "，" or "："): it reads a figure with the clause
        next to it."""
        return any(f'"{p}"' in self.source for p in ("，", ",", "：", ":"))


@dataclass(frozen=True)
class Subject:
    """Words that, as the subject of a sentence, govern all its clauses: a figure of `families` after
    one of `concepts` in its sentence counts what they name — unless the figure's own item names
    one of `except_item` (诉求…，其中政府信息公开申请3件)."""

    concepts: frozenset[str]
    families: frozenset[str]
    except_item: frozenset[str]


def _element(tok: str) -> dict[str, Any]:
    optional = tok.endswith("?") and len(tok) > 1
    if optional:
        tok = tok[:-1]
    if tok == "~":  # not across a clause break or another figure (see nlp.pipeline for the flags)
        spec: dict[str, Any] = {"IS_STOP": False, "OP": "*"}
    elif tok == "_":  # exactly one token (with `?`: at most one)
        spec = {"IS_STOP": False}
    elif tok == "…":  # not across a sentence break
        spec = {"IS_CURRENCY": False, "OP": "*"}
    elif tok.startswith('"') and tok.endswith('"'):
        spec = {"ORTH": tok[1:-1]}
    else:
        spec = {"NORM": tok}
    if optional:
        spec["OP"] = "?"
    return spec


def _expand(toks: list[str]) -> list[list[str]]:
    """A|B alternatives spelled out as separate patterns: equality is checked in C, a set
    predicate (IN) costs a Python call per token."""
    out: list[list[str]] = [[]]
    for t in toks:
        opt = "?" if t.endswith("?") and len(t) > 1 and (not t.startswith('"') or t.endswith('"?')) else ""
        core = t[:-1] if opt else t
        alts = core.split("|") if "|" in core else [core]  # A|B, "x"|"y", A|"x"
        out = [[*prev, a + opt] for prev in out for a in alts]
    return out


_SPACE = {"IS_SPACE": True, "OP": "*"}


def compile_pattern(source: str) -> tuple[list[list[dict[str, Any]]], int | None]:
    """Matcher token specs (one list per spelled-out alternative), and the index of the figure's
    spec (the same in every alternative). Spaces between two elements are allowed everywhere
    (PDF text writes 「答复 3050 件」)."""
    toks = re.findall(r'(?:"[^"]*"|[^\s"|]+)(?:\|(?:"[^"]*"|[^\s"|]+))*\??|\S+', source)
    variants = []
    fig = None
    for alt in _expand(toks):
        elems: list[dict[str, Any]] = []
        for i, t in enumerate(alt):
            if i and t not in ("~", "…") and alt[i - 1] not in ("~", "…") and alt[i - 1].rstrip("?") != "_":
                elems.append(dict(_SPACE))
            if t.rstrip("?") in ("NUM", "MONEY", "PCT"):
                if i and alt[i - 1].strip('"?') not in LABEL_COLONS:
                    # a label and its figure (收到申请：12件): the colon right before the figure
                    # does not end the clause (claims._spans), so the pattern may pass it; and a
                    # word of total (办结共计3件, 主动公开共38条) says the same figure
                    elems.extend({"ORTH": c, "OP": "?"} for c in (*LABEL_COLONS, *FIGURE_BRACKETS))
                    elems.append(dict(_SPACE))
                    if alt[i - 1].rstrip("?") not in ("~", "…", "TOTAL"):
                        elems.extend(({"NORM": "TOTAL", "OP": "?"}, dict(_SPACE)))
                fig = len(elems)
            elems.append(_element(t))
        variants.append(elems)
    return variants, fig


@cache
def patterns() -> tuple[ClaimPattern, ...]:
    out = []
    data = load_yaml("lexicon/claims.yaml")
    always = frozenset(data.get("global_unless") or ())
    family = {k: frozenset(v) for k, v in (data.get("family_unless") or {}).items()}
    metric = {k: frozenset(v) for k, v in (data.get("metric_unless") or {}).items()}
    for i, p in enumerate(data["patterns"]):
        _, fig = compile_pattern(p["pattern"])
        extra = family.get(p["metric"].split(".", 1)[0], frozenset()) if fig is not None else frozenset()
        extra |= metric.get(p["metric"], frozenset()) if fig is not None else frozenset()
        out.append(ClaimPattern(
            id=p["id"], metric=p["metric"], source=p["pattern"], value=p.get("value"),
            unless=frozenset(p.get("unless") or ()) | always | extra,
            sentence_has=frozenset(p.get("sentence_has") or ()),
            figure_index=fig, order=i, loose=bool(p.get("loose", bool(p.get("sentence_has")))),
            units=frozenset(p["units"]) if p.get("units") else None, yields=bool(p.get("yields")),
        ))
    return tuple(out)


@cache
def subjects() -> tuple[Subject, ...]:
    data = load_yaml("lexicon/claims.yaml")
    return tuple(Subject(frozenset(s["concepts"]), frozenset(s["families"]), frozenset(s.get("except_item") or ()))
                 for s in data.get("subjects") or ())


@cache
def lexicon_list(key: str) -> tuple[str, ...]:
    """A plain list of words or concepts from claims.yaml (document_units, modifier_nouns, …)."""
    return tuple(load_yaml("lexicon/claims.yaml").get(key) or ())


@cache
def lexicon_rx(key: str) -> re.Pattern[str]:
    """A regular expression from claims.yaml (`cumulative.markers` …: dotted path)."""
    node: Any = load_yaml("lexicon/claims.yaml")
    for part in key.split("."):
        node = node[part]
    return re.compile(str(node))


@cache
def matcher() -> Any:
    from spacy.matcher import Matcher

    from .nlp import pipeline

    m = Matcher(pipeline().vocab)
    for p in patterns():
        variants, _ = compile_pattern(p.source)
        m.add(p.id, variants)
    return m


Requirement = tuple[frozenset[str], frozenset[str]]  # concepts (NORM) and words (ORTH) a variant cannot match without


Gates = tuple[tuple[frozenset[str], tuple[tuple[tuple[Requirement, ...], int], ...]], ...]
Variants = tuple[tuple[str, list[list[dict[str, Any]]]], ...]


def gated_matchers() -> Gates:
    """The claim patterns split by a concept every match needs (the first required concept of each
    spelled-out alternative): (concepts, its patterns). A text that has none of a group's concepts
    cannot match any of its patterns, so they are not run. Within a group, each pattern comes with
    what each of its alternatives requires (every concept and quoted word not optional), and its
    number in the table of alternatives (`_gates`): it runs only where the text has all that one
    alternative requires. The same matches as `matcher()`: a pattern's alternatives stay together,
    and a matcher finds a pattern's matches whatever other patterns it holds."""
    return _gates()[0]


@cache
def _gates() -> tuple[Gates, Variants]:
    """The gates of `gated_matchers`, and the (pattern id, alternatives) each gate's number names."""
    groups: dict[str, dict[str, list[list[dict[str, Any]]]]] = {}
    for p in patterns():
        variants, _ = compile_pattern(p.source)
        for v in variants:
            need = [e["NORM"] for e in v if "NORM" in e and e.get("OP") not in ("?", "*")]
            groups.setdefault(need[0] if need else "", {}).setdefault(p.id, []).append(v)
    out = []
    table: list[tuple[str, list[list[dict[str, Any]]]]] = []  # (pattern id, its alternatives in one group)
    for key, by in sorted(groups.items()):
        subs = []
        for pid, vs in by.items():
            reqs = tuple((frozenset(e["NORM"] for e in v if "NORM" in e and e.get("OP") not in ("?", "*")),
                          frozenset(e["ORTH"] for e in v if "ORTH" in e and e.get("OP") not in ("?", "*")))
                         for v in vs)
            subs.append((reqs, len(table)))
            table.append((pid, vs))
        out.append((frozenset({key}) if key else frozenset(), tuple(subs)))
    return tuple(out), tuple(table)


@lru_cache(maxsize=1024)
def _matcher_of(chosen: tuple[int, ...]) -> Any:
    """One matcher holding the chosen patterns (numbers in `_gates`' table): a text is walked once for
    all the patterns it may match, not once per pattern (a Matcher call costs a walk over the
    text's tokens, whatever it holds). The sets of patterns texts call for repeat from report to
    report, so each is built once per process."""
    from spacy.matcher import Matcher

    from .nlp import pipeline

    table = _gates()[1]
    m = Matcher(pipeline().vocab)
    for k in chosen:
        pid, vs = table[k]
        m.add(pid, vs)
    return m


def matches(doc: Any, norms: set[str]) -> list[tuple[int, int, int, list[int]]]:
    """`matcher()(doc, with_alignments=True)`, running only the patterns whose requirements the doc has."""
    chosen: list[int] = []
    words: set[str] | None = None
    for need, subs in _gates()[0]:
        if need and not need & norms:
            continue
        for reqs, k in subs:
            for concepts, orths in reqs:
                if concepts <= norms:
                    if orths:
                        if words is None:
                            tokens = doc.user_data.get("view")  # nlp.Tokens: the words as plain strings
                            words = set(tokens.words) if tokens is not None else {t.text for t in doc}
                        if not orths <= words:
                            continue
                    chosen.append(k)
                    break
    if not chosen:
        return []
    out: list[tuple[int, int, int, list[int]]] = _matcher_of(tuple(chosen))(doc, with_alignments=True)
    out.sort(key=lambda x: (x[1], x[2], x[0]))
    return out


@cache
def by_id() -> dict[str, ClaimPattern]:
    return {p.id: p for p in patterns()}
