"""`similarity.candidates` (MinHash LSH) against a straightforward reading of its definition, on
random and copy-heavy sets of signatures; and thousands of exact copies cost as much as one.

The reference compares every pair: two ids are candidates when their signatures agree in one whole
band and agree in at least `least` of their values; each id keeps its `most` best, best first,
ties by id. The function under test collapses identical signatures and buckets by band; for any set
whose buckets hold at most `bucket_limit` different signatures the two must give the same answer.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.check import similarity as S


def reference(items: list[tuple[int, bytes]], least: float, most: int) -> dict[int, list[tuple[int, float]]]:
    vals = {i: np.frombuffer(s, "<u4") for i, s in items}
    out: dict[int, list[tuple[int, float]]] = {}
    for i, a in vals.items():
        found = []
        for j, b in vals.items():
            if i == j:
                continue
            same = a == b
            if not any(same[k * S.ROWS : (k + 1) * S.ROWS].all() for k in range(S.BANDS)):
                continue
            e = float(np.mean(same))
            if e >= least:
                found.append((j, e))
        if found:
            found.sort(key=lambda t: (-t[1], t[0]))
            out[i] = found[:most]
    return out


def _sig(values: list[int]) -> bytes:
    return np.array(values, dtype="<u4").tobytes()


@st.composite
def signature_sets(draw: Any) -> tuple[list[tuple[int, bytes]], float, int]:
    """A few base signatures over a small alphabet (so bands collide by chance), and items that
    are exact copies of a base, or a base with some values changed."""
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    alphabet = draw(st.integers(2, 4))
    bases = [[rnd.randrange(alphabet) for _ in range(S.PERMS)] for _ in range(draw(st.integers(1, 4)))]
    n = draw(st.integers(2, 40))
    copies = draw(st.floats(0, 1))
    ids = rnd.sample(range(10_000), n)
    items = []
    for i in ids:
        v = list(rnd.choice(bases))
        if rnd.random() >= copies:
            for k in rnd.sample(range(S.PERMS), rnd.randrange(1, 60)):
                v[k] = rnd.randrange(alphabet + 1)
        items.append((i, _sig(v)))
    least = draw(st.sampled_from([0.0, 0.3, 0.6, 0.9, 1.0]))
    most = draw(st.integers(1, 6))
    return items, least, most


@settings(max_examples=150, deadline=None)
@given(signature_sets())
def test_candidates_are_those_of_the_pairwise_reference(case: tuple[list[tuple[int, bytes]], float, int]) -> None:
    items, least, most = case
    assert S.candidates(items, least=least, most=most) == reference(items, least, most)


def test_candidates_on_real_signatures_of_near_copies() -> None:
    rnd = random.Random(7)
    words = [chr(0x4E00 + k) for k in range(300)]
    base = "".join(rnd.choice(words) for _ in range(3000))
    texts = [base] * 5
    for k in range(15):  # near copies: a few sentences changed
        t = list(base)
        for p in rnd.sample(range(len(t)), 20 * (k + 1)):
            t[p] = rnd.choice(words)
        texts.append("".join(t))
    texts += ["".join(rnd.choice(words) for _ in range(3000)) for _ in range(5)]
    items = [(i, S.signature(t)) for i, t in enumerate(texts)]
    assert all(s is not None for _i, s in items)
    items2 = [(i, s) for i, s in items if s is not None]
    got = S.candidates(items2, least=0.3, most=4)
    assert got == reference(items2, 0.3, 4)
    assert [j for j, _e in got[0]] == [1, 2, 3, 4]  # the exact copies first, at 1.0


def test_ten_thousand_copies_cost_as_much_as_one(monkeypatch: Any) -> None:
    """10,000 copies of one text among 2,000 others: every copy's candidates are its `most`
    lowest-numbered twins, and the number of signature comparisons grows with the number of
    different signatures, not with the square of the copies (before: 10,000² in one bucket)."""
    rnd = random.Random(3)
    one = _sig([rnd.randrange(2**32) for _ in range(S.PERMS)])
    others = [_sig([rnd.randrange(2**32) for _ in range(S.PERMS)]) for _ in range(2_000)]
    items = [(i, one) for i in range(10_000)] + [(10_000 + k, s) for k, s in enumerate(others)]
    rnd.shuffle(items)
    compared = [0]
    score = S._score

    def counting(*args: Any) -> int:
        n = score(*args)
        compared[0] += n
        return n

    monkeypatch.setattr(S, "_score", counting)
    got = S.candidates(items, least=0.6, most=5)
    assert len(got) == 10_000
    assert got[0] == [(k, 1.0) for k in range(1, 6)]
    assert got[9_999] == [(k, 1.0) for k in range(5)]
    assert compared[0] <= 100 * 2_001  # random others rarely share a band; copies are one signature
