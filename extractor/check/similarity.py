"""How alike two reports are: their prose (TF-IDF over character n-grams, by section) and their figures.

- `prose(report)` / `section_prose(report, n)`: the words of the report as compared — tables left
  out, whitespace dropped, every figure written as ＃ and the body's own name as ＠ (a copy keeps
  the sentences and changes the numbers and the name);
- `cosine(a, b, ngram)`: TF-IDF cosine of two texts over character n-grams (scikit-learn's
  TfidfVectorizer fitted on the two texts, computed without it: what they share weighs less than
  what only one has);
- `signature(text)`: a MinHash of the text's 5-character shingles (128 × uint32, numpy), and
  `candidates(...)`: the pairs of a year whose signatures agree in a whole band (LSH), with their
  estimated resemblance — a batch of thousands finds its near-copies without comparing every pair;
- `figures(report)`: a fingerprint of every table figure, to find reports that share all of them.

Deterministic: fixed seeds, no Python `hash()`. numpy is imported when used.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..text import prose_joined

if TYPE_CHECKING:
    from ..model import Report

_WS = re.compile(r"[\s\u3000\u00a0]+")
_FIGURE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
SHINGLE = 5
PERMS = 128
BANDS = 25
ROWS = 5
TABLES = ("t2", "t3", "t4")


def normalise(text: str, body: str | None = None) -> str:
    s = _WS.sub("", text)
    if body:
        s = s.replace(_WS.sub("", body), "＠")
    return _FIGURE.sub("＃", s)


def _prose_between(report: Report, a: int, b: int) -> str:
    return normalise(prose_joined(report, a, b), report.meta.body)


def prose(report: Report) -> str:
    """The whole report's prose as compared (title and all six parts)."""
    return _prose_between(report, 0, len(report.text))


def section_prose(report: Report, number: int) -> str:
    """The prose of one of the six parts, without its heading ('' when the part is missing)."""
    s = report.section(number)
    if s is None:
        return ""
    return _prose_between(report, s.heading_end or s.start, s.end)


def cosine(a: str, b: str, ngram: Sequence[int] = (4, 5)) -> float:
    """TF-IDF cosine of two texts over character n-grams, as scikit-learn's `TfidfVectorizer`
    (analyzer "char", smooth idf, l2 norm) fitted on the two gives it; 0.0 when either has none.

    Fitted on two texts, the idf takes two values: 1 for an n-gram both have, ln(3/2) + 1 for one
    only one has. So the cosine follows from each text's n-gram counts (scikit-learn's analyzer),
    and a text compared with several others is counted once (`counts` is cached)."""
    if not a or not b:
        return 0.0
    ca, cb = counts(a, tuple(ngram)), counts(b, tuple(ngram))
    if not ca[0] or not cb[0]:
        return 0.0
    if a == b:
        return 1.0
    (small, small_sq), (large, large_sq) = (ca, cb) if len(ca[0]) <= len(cb[0]) else (cb, ca)
    dot = shared_small = shared_large = 0
    for gram, x in small.items():
        y = large.get(gram)
        if y:
            dot += x * y
            shared_small += x * x
            shared_large += y * y
    if not dot:
        return 0.0
    k2 = (math.log(1.5) + 1) ** 2
    norm = math.sqrt((shared_small + k2 * (small_sq - shared_small)) * (shared_large + k2 * (large_sq - shared_large)))
    return min(1.0, dot / norm)


@lru_cache(maxsize=16)
def counts(text: str, ngram: tuple[int, ...] = (4, 5)) -> tuple[dict[str, int], int]:
    """The text's character n-grams as scikit-learn's analyzer cuts them, counted, and the sum of
    the squared counts."""
    grams = Counter(char_ngrams(text, ngram[0], ngram[1]))
    return dict(grams), sum(x * x for x in grams.values())


_RUNS_OF_SPACE = re.compile(r"\s\s+")


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    """The n-grams (low ≤ n ≤ high) of scikit-learn's `analyzer="char"` (lowercase=False): runs of
    two or more whitespace characters become one space, then every slice of each length, shortest
    first. Written out here so that comparing two texts does not import scikit-learn (a second of
    start-up)."""
    text = _RUNS_OF_SPACE.sub(" ", text)
    size = len(text)
    grams: list[str] = []
    if low == 1:
        grams.extend(text)
        low = 2
    for n in range(low, min(high + 1, size + 1)):
        grams.extend([text[i : i + n] for i in range(size - n + 1)])
    return grams


# ---------------------------------------------------------------- MinHash and LSH


def _permutations() -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(20240607))
    a = rng.integers(1, 2**63, size=PERMS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=PERMS, dtype=np.uint64)
    return a, b


_PERM: tuple[Any, Any] | None = None


def signature(text: str) -> bytes | None:
    """MinHash of the text's 5-character shingles, or None for a text too short to compare."""
    global _PERM
    import numpy as np

    if len(text) < SHINGLE * 8:
        return None
    if _PERM is None:
        _PERM = _permutations()
    a, b = _PERM
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cps) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        h = h * np.uint64(1_000_003) + cps[k : k + n]
    h = np.unique(h)
    sig = np.full(PERMS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for i in range(0, len(h), 2048):
        chunk = h[i : i + 2048]
        vals = a[:, None] * chunk[None, :] + b[:, None]  # mod 2**64
        sig = np.minimum(sig, vals.min(axis=1))
    return (sig >> np.uint64(32)).astype("<u4").tobytes()


def resemblance(x: bytes, y: bytes) -> float:
    """The share of equal MinHash values: an estimate of the two texts' shingle resemblance."""
    import numpy as np

    return float(np.mean(np.frombuffer(x, "<u4") == np.frombuffer(y, "<u4")))


def candidates(items: Sequence[tuple[int, bytes]], least: float = 0.6, most: int = 5,
               bucket_limit: int = 200) -> dict[int, list[tuple[int, float]]]:
    """For each id, up to `most` others whose signature shares a whole band with its own (LSH: 25
    bands of 5 values) and whose estimated resemblance is at least `least`, best first (ties by id).
    `items`: (id, signature), ids distinct. Two texts whose TF-IDF cosine reaches 0.9 resemble each
    other at 0.72 or more (measured on mixed real and generated reports); such a pair shares a band
    with a probability above 99.5%, a pair at 0.25 (two reports on one model) with 2.4%.

    Identical signatures are collapsed first: a group of exact copies is scored once, as one
    signature, and its members are each other's candidates at 1.0. So thousands of copies of one
    text cost as much as one, and the cost is linear in the number of files for any mix of copies
    (only a bucket of more than `bucket_limit` different signatures is sampled: each meets its
    `bucket_limit` neighbours)."""
    if len(items) < 2:  # one report: no numpy to import for it (a tenth of a second of its run)
        return {}
    import numpy as np

    groups: dict[bytes, list[int]] = {}
    for i, s in items:
        groups.setdefault(s, []).append(i)
    keys = list(groups)
    members = [sorted(groups[k]) for k in keys]
    sigs = np.stack([np.frombuffer(k, "<u4") for k in keys])
    near: dict[int, dict[int, float]] = {}
    if len(keys) > 1:
        for band in range(BANDS):
            part = np.ascontiguousarray(sigs[:, band * ROWS : (band + 1) * ROWS])
            buckets: dict[bytes, list[int]] = {}
            for g in range(len(keys)):
                buckets.setdefault(part[g].tobytes(), []).append(g)
            for bucket in buckets.values():
                if len(bucket) > 1:
                    _score(sigs, bucket, least, bucket_limit, near)
    out: dict[int, list[tuple[int, float]]] = {}
    for g, ids in enumerate(members):
        # the best `most` + 1 of the group's candidates: a member drops at most itself from them
        pool = [(i, 1.0) for i in ids[: most + 1]] if len(ids) > 1 and 1.0 >= least else []
        for h, e in near.get(g, {}).items():
            pool.extend((i, e) for i in members[h][:most])
        if not pool:
            continue
        pool.sort(key=lambda t: (-t[1], t[0]))
        del pool[most + 1 :]
        for i in ids:
            best = [t for t in pool if t[0] != i][:most]
            if best:
                out[i] = best
    return out


def _score(sigs: Any, members: list[int], least: float, limit: int, near: dict[int, dict[int, float]]) -> int:
    """Estimated resemblance of the members of one bucket, kept where it reaches `least`; the
    number of signature comparisons made. A huge bucket (thousands of different signatures) is
    sampled: each member meets its `limit` neighbours."""
    import numpy as np

    m = len(members)
    idx = np.array(members)
    if m <= limit:  # every pair of the bucket at once: one comparison of the block with itself
        block = sigs[idx]
        est = (block[:, None, :] == block[None, :, :]).mean(axis=2)
        np.fill_diagonal(est, -1.0)  # a member is not its own candidate
        for j, o in zip(*(a.tolist() for a in np.nonzero(est >= least)), strict=True):
            near.setdefault(members[j], {})[members[o]] = float(est[j, o])
        return m * m
    done = 0
    for j in range(m):
        others = idx if m <= limit else idx[(j + np.arange(-(limit // 2), limit // 2 + 1)) % m]
        est = (sigs[others] == sigs[idx[j]]).mean(axis=1)
        done += len(others)
        for o, e in zip(others.tolist(), est.tolist(), strict=True):
            if o != members[j] and e >= least:
                near.setdefault(members[j], {})[o] = e
    return done


# ---------------------------------------------------------------- figures


def table_values(report: Report, tables: Iterable[str] = TABLES) -> dict[str, Decimal]:
    """Every table figure the report gives (blank cells left out), exactly."""
    want = tuple(f"{t}." for t in tables)
    return {k: Decimal(str(f.value)) for k, f in report.fields.items() if f.value is not None and k.startswith(want)}


def figures(report: Report) -> tuple[str | None, int]:
    """(fingerprint of all table figures, how many of them are not zero); (None, 0) without figures."""
    vals = table_values(report)
    if not vals:
        return None, 0
    text = "\n".join(f"{k}={v.normalize()}" for k, v in sorted(vals.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32], sum(1 for v in vals.values() if v != 0)
