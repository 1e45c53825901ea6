"""The model for figures no pattern took: which metric a number counts, or none.

A scikit-learn pipeline (TF-IDF over context features → logistic regression) reads the words
around a number: the jieba tokens and their concepts on each side within the clause, the
concepts of the sentence, the unit, the characters just before it. Trained by
`xxgk-audit train` (extractor/training.py) on our annotated corpus (real gold claims where the
shared corpus is present, plus generated reports in the training phrasings), saved with skops
(no pickle) under models/ with a model card. Patterns always come first; the model only speaks
for the rest, and only when it is confident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..model import NumberMention
from ..resources import models_dir

MODEL_FILE = "claim-metric.skops"
CARD_FILE = "claim-metric.md"
THRESHOLD = 0.85
NONE = "none"
FIGURE_NORMS = ("NUM", "MONEY")
_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Candidate:
    token: int  # index of the figure token in its doc
    mention: NumberMention
    features: str


def features(doc: Any, i: int, clause_of: list[int], sentence_of: list[int], section: int | None) -> str:
    """The context of figure token i as space-separated feature strings."""
    from .nlp import view

    v = view(doc)
    cl, se = clause_of[i], sentence_of[i]
    m: NumberMention = doc.user_data["mentions"][i]
    out = [f"K:{m.kind}", f"U:{m.unit or '-'}", f"SEC:{section or 0}"]
    if m.approx:
        out.append("APPROX")
    left = [k for k in range(max(0, i - 12), i) if clause_of[k] == cl and not v.is_space(k)]
    right = [k for k in range(i + 1, min(len(v), i + 7)) if clause_of[k] == cl and not v.is_space(k)]
    concept = [n if n.isupper() else "" for n in v.norms]
    nearest_left = next((concept[k] for k in reversed(left) if concept[k]), "-")
    nearest_right = next((concept[k] for k in right if concept[k]), "-")
    out += [f"NL:{nearest_left}", f"NR:{nearest_right}"]
    for k in left[-8:]:
        out.append(f"L:{v.words[k].strip()}")
        if concept[k]:
            out += [f"LC:{concept[k]}", f"C:{concept[k]}"]
    for k in right[:4]:
        out.append(f"R:{v.words[k].strip()}")
        if concept[k]:
            out += [f"RC:{concept[k]}", f"C:{concept[k]}"]
    for k in range(max(0, i - 40), min(len(v), i + 20)):
        if sentence_of[k] == se and concept[k] and k != i:
            out.append(f"S:{concept[k]}")
    at = v.idx[i]
    before = "".join(ch for ch in v.text[max(0, at - 8) : at] if _CHAR.match(ch))[-6:]
    out += [f"B:{before[j:j + 2]}" for j in range(len(before) - 1)]
    return " ".join(t.replace(" ", "_") for t in out if t)


# ---------------------------------------------------------------- the model file


@cache
def load() -> Any | None:
    """The trained pipeline, or None when no model is shipped."""
    path = models_dir() / MODEL_FILE
    if not path.exists():
        return None
    import skops.io as sio

    trusted = [t for t in sio.get_untrusted_types(file=path) if t.startswith(("sklearn.", "numpy.", "scipy."))]
    return sio.load(path, trusted=trusted)


def predict(model: Any, cands: list[Candidate]) -> list[tuple[str, float]]:
    if not cands:
        return []
    proba = model.predict_proba([c.features for c in cands])
    classes = list(model.classes_)
    out = []
    for row in proba:
        j = int(row.argmax())
        out.append((classes[j], float(row[j])))
    return out
