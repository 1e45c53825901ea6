"""The wrap-joined text (nlp.join_soft) is cut by slices between its few removed offsets; its way
back to the original equals the per-character definition: the original offset of every kept
character, in order."""

from __future__ import annotations

import bisect

from hypothesis import given
from hypothesis import strategies as st

from extractor.extract.nlp import join_soft


@given(st.text(alphabet="甲乙\n", max_size=40), st.integers(0, 10), st.frozensets(st.integers(0, 60), max_size=8))
def test_join_soft_maps_back_like_the_per_character_definition(text: str, base: int, soft: frozenset[int]) -> None:
    j = join_soft(text, soft, base)
    src = [base + i for i in range(len(text)) if base + i not in soft]
    assert j.text == "".join(text[o - base] for o in src)
    if len(src) == len(text):
        return
    for i in range(len(src) + 1):
        assert j.at(i) == (src[i] if i < len(src) else base + len(text))
        assert j.end(i) == (src[i - 1] + 1 if i > 0 else base)
    for o in range(base - 2, base + len(text) + 3):
        assert j.inside(o) == bisect.bisect_left(src, o)
