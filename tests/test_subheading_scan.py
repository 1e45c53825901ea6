"""The sub-heading a sentence stands under, found from one scan of the text (`claims._last_subheading`),
is the one the windowed scan it replaced found (`_SUBHEADING.finditer(text, lo, pos)`, last match):
on random texts made of the pattern's own characters, so that headings, cut headings and
delimiters fall everywhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract import claims as C

ALPHABET = "（）()一二三十0123456789。；;：:\n \t\u3000情况方面公开申请"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=160), st.data())
def test_last_subheading_is_the_windowed_scans_last(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(lo, len(text)))
    ref = None
    for m in C._SUBHEADING.finditer(text, lo, pos):
        ref = m
    got = C._last_subheading(text, lo, pos)
    assert (ref is None) == (got is None)
    if ref is not None and got is not None:
        assert (ref.span(), ref.group(1)) == (got.span(), got.group(1))
