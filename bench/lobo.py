#!/usr/bin/env python3
"""Leave one body out: the claim patterns alone, and the patterns with a learned judge.

    python bench/lobo.py [../shared/corpus] [--sweep]

Bodies are the file-name prefixes of the real corpus (pingtan, pingtan-czj, …, huaian; a
-portal twin belongs to its body). For every body:

(a) patterns alone — the tool as shipped, scored on that body's reports; the patterns are frozen,
    so this is the per-body score, summed over all bodies and over the held-out bodies;
(b) patterns + judge — a scikit-learn model fitted on every OTHER body's gold judges each figure
    of the prose of the left-out body: a pattern's claim is dropped when the model gives
    P(none) ≥ VETO, a figure no pattern took becomes a claim of the model's metric at p ≥ ADD.

Claims are scored as ../shared/tools/score.py does ((metric, value) pairs per report).
This is how the project decided to ship no model: (b) never beat (a) on precision at equal or
better recall (see the README). Re-run it after the patterns change; `--sweep` prints (b) over a
grid of thresholds, for reading only (choosing among them on these folds would be fitting).

Features (no file names, no body names): the patterns' proposal for the figure, jieba tokens up
to 8 before and 4 after it in its clause and their concepts, the nearest concept on each side,
the concepts of the sentence, the unit and kind of the number, the section, character bigrams of
the six characters before it — hashed, so nothing of a report is kept. Deterministic (hashing,
lbfgs, files sorted). Needs scikit-learn (a dependency of the tool for check/similarity.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.model import NumberMention, Report  # noqa: E402

NONE = "none"
VETO = 0.5  # declared before measuring; the sweep shows the others
ADD = 0.85
FIGURE_NORMS = ("NUM", "MONEY")
HELD_OUT_BODIES = ("pingtan-gyz", "pingtan-lyy", "pingtan-nyn")  # BRIEF.md: never used to design
_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Example:
    features: str
    label: str
    start: int  # where the figure stands in the report's text
    value: float  # the figure's value as a claim would state it
    proposal: str | None  # the patterns' metric for it


@dataclass
class Doc:
    name: str
    body: str
    gold: list[tuple[str, float]]
    report: Report | None
    claims: list[Any] = field(default_factory=list)  # the patterns' claims
    examples: list[Example] = field(default_factory=list)


def body_of(name: str) -> str:
    m = re.match(r"(.+?)-(?:19|20)\d{2}", name)
    return m.group(1) if m else Path(name).stem


# ---------------------------------------------------------------- features and labels


def features(doc: Any, i: int, clause_of: list[int], sentence_of: list[int], section: int | None,
             proposal: str | None) -> str:
    from extractor.extract.nlp import view

    v = view(doc)
    cl, se = clause_of[i], sentence_of[i]
    m: NumberMention = doc.user_data["mentions"][i]
    out = [f"K:{m.kind}", f"U:{m.unit or '-'}", f"SEC:{section or 0}", f"P:{proposal or '-'}"]
    if proposal:
        out.append(f"PF:{proposal.split('.')[0]}")
    if m.approx:
        out.append("APPROX")
    left = [k for k in range(max(0, i - 12), i) if clause_of[k] == cl and not v.is_space(k)]
    right = [k for k in range(i + 1, min(len(v), i + 7)) if clause_of[k] == cl and not v.is_space(k)]
    concept = [n if n.isupper() else "" for n in v.norms]
    out.append(f"NL:{next((concept[k] for k in reversed(left) if concept[k]), '-')}")
    out.append(f"NR:{next((concept[k] for k in right if concept[k]), '-')}")
    for side, ks in (("L", left[-8:]), ("R", right[:4])):
        for k in ks:
            out.append(f"{side}:{v.words[k].strip()}")
            if concept[k]:
                out += [f"{side}C:{concept[k]}", f"C:{concept[k]}"]
    for k in range(max(0, i - 40), min(len(v), i + 20)):
        if sentence_of[k] == se and concept[k] and k != i:
            out.append(f"S:{concept[k]}")
    at = v.idx[i]
    before = "".join(ch for ch in v.text[max(0, at - 8) : at] if _CHAR.match(ch))[-6:]
    out += [f"B:{before[j:j + 2]}" for j in range(len(before) - 1)]
    return " ".join(t.replace(" ", "_") for t in out if t)


def figures(report: Report) -> Iterator[tuple[Any, int, int, NumberMention, str | None, str]]:
    """Every figure of the prose: doc, offset, token, mention, the patterns' proposal, features."""
    from extractor.extract.claims import _claims_in, prose_docs
    from extractor.extract.nlp import view

    for doc, offset in prose_docs(report):
        found, _taken, clause_of, sentence_of = _claims_in(report, doc, offset)
        proposed = {c.number_start: c.metric for c in found if c.number_end > c.number_start}
        v = view(doc)
        for i, m in sorted(doc.user_data["mentions"].items()):
            if v.norms[i] not in FIGURE_NORMS:
                continue
            p = proposed.get(m.start + offset)
            section = report.section_at(v.idx[i] + offset)
            yield doc, offset, i, m, p, features(doc, i, clause_of, sentence_of, section, p)


def _value(m: NumberMention, metric: str) -> float:
    from extractor.extract.numbers import money_as_written

    if m.kind == "money" and metric == "processing_fee.amount":
        return float(money_as_written(m)[0])
    return float(m.value)


def _gold_spans(text: str, claims: list[dict[str, Any]]) -> list[tuple[int, int, str, float]]:
    """Where each gold claim's clause stands in the text (whitespace-insensitive)."""
    from extractor.structure.labels import squeeze_with_map

    squeezed, index = squeeze_with_map(text)
    out = []
    for c in claims:
        if c.get("value") is None:
            continue
        t, _ = squeeze_with_map(c["text"])
        k = squeezed.find(t) if t else -1
        if k >= 0:
            out.append((index[k], index[k + len(t) - 1] + 1, c["metric"], float(c["value"])))
    return out


def collect(folder: Path) -> list[Doc]:
    """Every real report with gold (templates 2021/2019): read once, its pattern claims, its
    figures labelled from the gold (the metric of the gold claim whose clause holds the figure
    with the same value, else none)."""
    from extractor.extract.claims import extract_claims
    from extractor.pipeline import process

    docs = []
    for gp in sorted(folder.glob("*.gold.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        path = folder / g["file"]
        if g.get("template") not in ("2021", "2019") or not path.exists():
            continue
        gold = [(c["metric"], float(c["value"])) for c in g.get("claims") or [] if c.get("value") is not None]
        report = process(path, upto="structure")
        d = Doc(path.name, body_of(path.name), gold, report if report.status == "ok" else None)
        if d.report is not None:
            d.claims = list(extract_claims(d.report))
            spans = _gold_spans(d.report.text, g.get("claims") or [])
            for _doc, offset, _i, m, p, f in figures(d.report):
                start = m.start + offset
                label = next((metric for a, b, metric, value in spans
                              if a <= start < b and abs(_value(m, metric) - value) < 1e-6), NONE)
                d.examples.append(Example(f, label, start, _value(m, label), p))
        docs.append(d)
    return docs


# ---------------------------------------------------------------- model, judge, score


def fit(examples: list[Example]) -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    model = Pipeline([
        ("hash", HashingVectorizer(token_pattern=r"\S+", lowercase=False, n_features=2**15,
                                   alternate_sign=False, norm=None)),
        ("tfidf", TfidfTransformer(sublinear_tf=True)),
        ("model", LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")),
    ])
    model.fit([e.features for e in examples], [e.label for e in examples])
    return model


@dataclass
class _Said:
    metric: str
    value: float
    number_start: int = 0
    number_end: int = 0


def judged(d: Doc, proba: Any, classes: list[str], veto: float, add: float) -> tuple[list[Any], int, int]:
    """The patterns' claims the judge keeps plus the ones it adds; how many figures it took from
    the patterns and how many claims it added."""
    none = classes.index(NONE)
    drop: set[int] = set()
    out: list[Any] = []
    for e, row in zip(d.examples, proba, strict=True):
        if e.proposal is not None:
            if row[none] >= veto:
                drop.add(e.start)
            continue
        j = max(range(len(classes)), key=lambda k: row[k])
        if classes[j] != NONE and row[j] >= add:
            out.append(_Said(classes[j], e.value))
    kept = [c for c in d.claims if not (c.number_end > c.number_start and c.number_start in drop)]
    return kept + out, len(drop & {c.number_start for c in d.claims}), len(out)


def known_metrics(spec: Path) -> set[str]:
    if not spec.exists():
        return set()
    return {ln.split("`")[1] for ln in spec.read_text(encoding="utf-8").splitlines() if ln.startswith("| `")}


def scored(claims: list[Any], gold: list[tuple[str, float]], known: set[str]) -> Counter[str]:
    """tp, fp, fn of one report's claims, as score.py counts them."""
    allowed = {m for m, _ in gold} | known
    pred = [(c.metric, float(c.value)) for c in claims if c.metric in allowed and c.value is not None]
    rem = list(gold)
    tp = 0
    for pc in pred:
        if pc in rem:
            rem.remove(pc)
            tp += 1
    return Counter({"tp": tp, "fp": len(pred) - tp, "fn": len(rem)})


def pr(c: Counter[str]) -> str:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"P {p:.3f} R {r:.3f} (tp {tp}, fp {fp}, fn {fn})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--spec", type=Path, default=None, help="spec/claims.md (default: beside the corpus)")
    ap.add_argument("--sweep", action="store_true", help="also (b) over a grid of thresholds")
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs = collect(args.corpus)
    known = known_metrics(args.spec or args.corpus.parent / "spec" / "claims.md")
    bodies = sorted({d.body for d in docs})
    print(f"leave one body out: {len(docs)} reports, {len(bodies)} bodies, "
          f"{sum(len(d.examples) for d in docs)} prose figures ({time.perf_counter() - t0:.0f} s to read)")
    sweep = [(v, a) for v in (0.5, 0.7, 0.9) for a in (0.5, 0.7, 0.85, 0.95)] if args.sweep else []
    grid = [(VETO, ADD)] + [t for t in sweep if t != (VETO, ADD)]
    alone: dict[str, Counter[str]] = {}
    judge: dict[tuple[float, float], dict[str, Counter[str]]] = {t: {} for t in grid}
    moves = Counter[str]()
    for body in bodies:
        model = fit([e for d in docs if d.body != body for e in d.examples])
        classes = list(model.classes_)
        alone[body] = Counter()
        for t in grid:
            judge[t][body] = Counter()
        for d in docs:
            if d.body != body:
                continue
            alone[body] += scored(d.claims, d.gold, known) if d.report else Counter({"fn": len(d.gold)})
            proba = model.predict_proba([e.features for e in d.examples]) if d.examples else []
            for t in grid:
                claims, dropped, added = judged(d, proba, classes, *t) if d.report else ([], 0, 0)
                judge[t][body] += scored(claims, d.gold, known) if d.report else Counter({"fn": len(d.gold)})
                if t == (VETO, ADD):
                    moves.update({"dropped": dropped, "added": added})
    print(f"| left-out body | (a) patterns alone | (b) patterns + judge (veto {VETO}, add {ADD}) |")
    print("| --- | --- | --- |")
    for body in bodies:
        mark = " (held-out)" if body in HELD_OUT_BODIES else ""
        print(f"| {body}{mark} | {pr(alone[body])} | {pr(judge[(VETO, ADD)][body])} |")

    def total(by: dict[str, Counter[str]], only: tuple[str, ...] | None = None) -> Counter[str]:
        out: Counter[str] = Counter()
        for b, c in by.items():
            if only is None or b in only:
                out += c
        return out

    a_all, b_all = total(alone), total(judge[(VETO, ADD)])
    a_held, b_held = total(alone, HELD_OUT_BODIES), total(judge[(VETO, ADD)], HELD_OUT_BODIES)
    print(f"| **all bodies** | {pr(a_all)} | {pr(b_all)} |")
    print(f"| **held-out bodies** | {pr(a_held)} | {pr(b_held)} |")
    print(f"the judge took {moves['dropped']} figures from the patterns and added {moves['added']} claims")
    print(f"LOBO claims, all bodies: (a) patterns {pr(a_all)}; (b) patterns+judge {pr(b_all)}")
    print(f"LOBO claims, held-out bodies: (a) patterns {pr(a_held)}; (b) patterns+judge {pr(b_held)}")
    for t in grid[1:]:
        print(f"sweep veto {t[0]:<4} add {t[1]:<4}: all {pr(total(judge[t]))}; "
              f"held-out {pr(total(judge[t], HELD_OUT_BODIES))}")


if __name__ == "__main__":
    main()
