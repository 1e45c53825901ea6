"""Training the prose-figure model (extract/classifier.py) — tooling on top of the pipeline.

    xxgk-audit train [--real ../shared/corpus]

Figures are labelled from truth files (spec/gold.md format): generated reports of the *train*
phrasing family, and the real reports of the shared corpus where it is present; the model is
measured on the *held-out* and *blind* families and, leave one file out, on the real reports,
then written with its card under models/.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .extract.classifier import CARD_FILE, MODEL_FILE, NONE, THRESHOLD, Candidate, predict
from .model import NumberMention
from .structure.labels import squeeze_with_map


@dataclass
class Example:
    features: str
    label: str
    source: str


def examples_from(path: Path, gold: dict[str, Any]) -> Iterator[Example]:
    """Labelled figures of one report: a figure inside a gold claim's clause with the claim's
    value gets its metric; every other figure in the prose is `none`."""
    from .extract.claims import figure_candidates
    from .pipeline import process

    report = process(path, upto="structure")
    if report.status != "ok":
        return
    spans = _claim_spans(report.text, gold.get("claims") or [])
    for doc, offset, cands, _clause_of in figure_candidates(report):
        for c in cands:
            start = c.mention.start + offset
            label = NONE
            for a, b, metric, value in spans:
                if a <= start < b and _same(c.mention, metric, value):
                    label = metric
                    break
            yield Example(c.features, label, path.name)
        del doc


def _same(m: NumberMention, metric: str, value: float) -> bool:
    from .extract.numbers import money_as_written

    if m.kind == "money" and metric == "processing_fee.amount":
        v = float(money_as_written(m)[0])
    else:
        v = float(m.value)
    return abs(v - float(value)) < 1e-6


def _claim_spans(text: str, claims: list[dict[str, Any]]) -> list[tuple[int, int, str, float]]:
    """Where each gold claim's clause stands in the text (whitespace-insensitive)."""
    squeezed, index = squeeze_with_map(text)
    out = []
    for c in claims:
        if c.get("value") is None:
            continue
        t, _ = squeeze_with_map(c["text"])
        k = squeezed.find(t)
        if k < 0 or not t:
            continue
        out.append((index[k], index[k + len(t) - 1] + 1, c["metric"], float(c["value"])))
    return out


def build_pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([
        ("features", TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True, min_df=1)),
        ("model", LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")),
    ])


def evaluate(model: Any, data: list[Example], threshold: float = THRESHOLD) -> dict[str, Any]:
    """Precision and recall of metric decisions (a `none` prediction or one under the threshold
    says nothing)."""
    if not data:
        return {"n": 0}
    cands = [Candidate(0, NumberMention(0, None, 0, 0, ""), e.features) for e in data]
    preds = predict(model, cands)
    tp = fp = fn = 0
    for e, (label, p) in zip(data, preds, strict=True):
        said = label if (label != NONE and p >= threshold) else NONE
        if said != NONE and said == e.label:
            tp += 1
        elif said != NONE:
            fp += 1
        if e.label != NONE and said != e.label:
            fn += 1
    return {"n": len(data), "positives": sum(e.label != NONE for e in data), "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}


def gold_files(folder: Path) -> Iterable[tuple[Path, dict[str, Any]]]:
    for gp in sorted(folder.glob("*.gold.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        if g.get("template") not in ("2021", "2019"):
            continue
        p = folder / g["file"]
        if p.exists():
            yield p, g


def train(out_dir: Path, real: Path | None, n_synth: int = 240, seed: int = 7,
          work: Path | None = None) -> dict[str, Any]:
    """Trains on generated reports (train phrasings) and, where given, the real gold corpus;
    measures on generated held-out phrasings and (leave-one-file-out) on the real corpus;
    writes the model and its card."""
    import tempfile

    import skops.io as sio

    from .synth import generate

    tmp = Path(work or tempfile.mkdtemp(prefix="xxgk-train-"))
    generate(tmp / "train", n=n_synth, seed=seed, formats=("txt",), family="train")
    generate(tmp / "heldout", n=max(40, n_synth // 4), seed=seed + 1, formats=("txt",), family="heldout")
    generate(tmp / "blind", n=max(40, n_synth // 4), seed=seed + 2, formats=("txt",), family="blind")
    synth_train = [e for p, g in gold_files(tmp / "train") for e in examples_from(p, g)]
    synth_held = [e for p, g in gold_files(tmp / "heldout") for e in examples_from(p, g)]
    synth_blind = [e for p, g in gold_files(tmp / "blind") for e in examples_from(p, g)]
    real_ex = [e for p, g in gold_files(real) for e in examples_from(p, g)] if real else []

    report: dict[str, Any] = {"synth_train": len(synth_train), "synth_heldout": len(synth_held),
                              "synth_blind": len(synth_blind), "real": len(real_ex)}
    # real corpus, leave one file out (so the figure says how the model does on a report it never saw)
    if real_ex:
        by_file: dict[str, list[Example]] = {}
        for e in real_ex:
            by_file.setdefault(e.source, []).append(e)
        agg: Counter[str] = Counter()
        for name, held in by_file.items():
            m = build_pipeline()
            rest = synth_train + [e for e in real_ex if e.source != name]
            m.fit([e.features for e in rest], [e.label for e in rest])
            r = evaluate(m, held)
            agg.update({k: r[k] for k in ("tp", "fp", "fn")})
        report["real_leave_one_out"] = {
            **agg, "precision": agg["tp"] / max(agg["tp"] + agg["fp"], 1), "recall": agg["tp"] / max(agg["tp"] + agg["fn"], 1)}
    model = build_pipeline()
    data = synth_train + real_ex
    model.fit([e.features for e in data], [e.label for e in data])
    report["heldout_phrasings"] = evaluate(model, synth_held)
    report["blind_phrasings"] = evaluate(model, synth_blind)
    report["training_fit"] = evaluate(model, data)
    report["labels"] = dict(Counter(e.label for e in data).most_common())
    out_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(model, out_dir / MODEL_FILE)
    (out_dir / CARD_FILE).write_text(card(report, n_synth, seed, real is not None), encoding="utf-8")
    return report


def card(r: dict[str, Any], n_synth: int, seed: int, with_real: bool) -> str:
    def pr(d: dict[str, Any]) -> str:
        return f"precision {d.get('precision', 0):.3f}, recall {d.get('recall', 0):.3f} (tp {d.get('tp')}, fp {d.get('fp')}, fn {d.get('fn')})"

    lines = [
        "# claim-metric — which metric a prose figure counts",
        "",
        "What it is: a scikit-learn pipeline (TF-IDF over context features → logistic regression,",
        "class-balanced) that reads the words around a number in a report's prose and names the",
        "metric of spec/claims.md it counts, or `none`. It is used only for figures that no pattern in",
        f"rules/lexicon/claims.yaml took, and only when its probability is at least {THRESHOLD}.",
        "Saved with skops (`claim-metric.skops`); loaded with only sklearn/numpy/scipy types trusted.",
        "",
        "## Data",
        f"- {n_synth} generated reports in the *train* phrasing family (`extractor.synth`, seed {seed}):",
        f"  {r['synth_train']} figures, each labelled from the generator's truth (metric, or none).",
        ("- The real reports of the shared corpus with their gold claims: "
         f"{r['real']} figures." if with_real else "- No real corpus was available at training time."),
        f"- Labels: {r['labels']}",
        "",
        "## Features",
        "jieba tokens (with our dictionary) up to 8 before and 4 after the figure within its clause,",
        "their concepts (rules/lexicon/words.tsv) by side and as a bag, the nearest concept on each",
        "side, the concepts of the sentence, the unit and kind of the number, the section, and",
        "character bigrams of the six characters before it.",
        "",
        "## Measured",
        f"- Generated reports in the *held-out* phrasing family ({r['synth_heldout']} figures, wording",
        f"  never seen in training): {pr(r['heldout_phrasings'])}.",
        f"- Generated reports in the *blind* phrasing family ({r['synth_blind']} figures, written by",
        f"  someone who had not seen the patterns): {pr(r['blind_phrasings'])}.",
    ]
    if "real_leave_one_out" in r:
        lines.append(f"- Real reports, leave one file out: {pr(r['real_leave_one_out'])}.")
    lines += [
        f"- Fit on the training data itself: {pr(r['training_fit'])}.",
        "",
        "Figures are for the model alone, over every figure in the prose; in the tool the patterns",
        "decide first, so these are the model's worst case.",
        "",
        "## How to retrain",
        "`xxgk-audit train --real ../shared/corpus` (omit `--real` when the shared corpus is absent).",
        "",
    ]
    return "\n".join(lines)
