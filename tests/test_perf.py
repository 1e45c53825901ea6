"""Start-up and scale: jieba's prefix dictionary cached per installation, spaCy imported light,
and costs that stay linear in the length of a report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.extract import nlp

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _build() -> Any:
    return nlp.segmenter.__wrapped__()


def test_prefix_cache_lives_in_the_user_cache_dir_keyed_by_jieba_and_our_words(
        cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jieba

    path = nlp.prefix_cache()
    assert path is not None and path.parent == cache_home / "xxgk-audit"
    monkeypatch.setattr(jieba, "__version__", "0.0-other", raising=False)
    assert nlp.prefix_cache() != path  # another jieba: another file


def test_prefix_cache_without_xdg_is_under_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert nlp.cache_dir() == tmp_path / ".cache" / "xxgk-audit"


def test_prefix_cache_key_follows_our_dictionary(cache_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    before = nlp.prefix_cache()
    rules = tmp_path / "rules"
    (rules / "lexicon").mkdir(parents=True)
    words = (nlp.rules_dir() / "lexicon" / "words.tsv").read_text(encoding="utf-8")
    (rules / "lexicon" / "words.tsv").write_text(words + "测试新词\tRECEIVE\n", encoding="utf-8")
    monkeypatch.setattr(nlp, "rules_dir", lambda: rules)
    assert nlp.prefix_cache() != before


def test_cache_is_written_once_then_read_and_segments_the_same(cache_home: Path) -> None:
    built = _build()
    path = nlp.prefix_cache()
    assert path is not None and path.is_file()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left
    stamp = path.stat().st_mtime_ns
    loaded = _build()
    assert path.stat().st_mtime_ns == stamp  # read, not rewritten
    text = "本机关全年共收到政府信息公开申请36件，办理行政复议2件，依申请公开答复均在法定期限内完成。"
    assert list(loaded.cut(text, HMM=False)) == list(built.cut(text, HMM=False))
    assert set(loaded.FREQ) < set(built.FREQ)  # only the words of the text's characters unpacked
    assert all(loaded.FREQ[w] == built.FREQ[w] for w in loaded.FREQ)
    assert list(loaded.cut(text, HMM=True)) == list(built.cut(text, HMM=True))
    loaded.unpack_all()
    assert loaded.FREQ == built.FREQ and loaded.total == built.total
    for word in nlp.lexicon().words:
        assert loaded.FREQ[word] == 200000 + 1000 * len(word)


def test_lazy_dictionary_segments_every_corpus_report_as_the_full_one(cache_home: Path) -> None:
    built = _build()
    loaded = _build()
    assert loaded is not built and hasattr(loaded, "unpack_all")
    for path in sorted((ROOT / "corpus" / "reports").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert list(loaded.cut(text, HMM=False)) == list(built.cut(text, HMM=False)), path.name


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_corrupt_cache_is_rebuilt(cache_home: Path, damage: str) -> None:
    _build()
    path = nlp.prefix_cache()
    assert path is not None
    good = path.read_bytes()
    bad = {"truncate": good[: len(good) // 2], "flip": good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:],
           "garbage": b"\x00" * 100, "empty": b""}[damage]
    path.write_bytes(bad)
    assert nlp._load_prefix(path) is None
    tk = _build()
    assert tk.initialized and "政府信息公开申请" in tk.FREQ  # built whole, not read
    assert path.read_bytes() == good  # written again, whole


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes through read-only modes")
def test_read_only_cache_dir_works_without_cache(cache_home: Path) -> None:
    folder = cache_home / "xxgk-audit"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        tk = _build()
        assert "政府信息公开申请" in tk.FREQ
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_unwritable_cache_location_works_without_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # xxgk-audit cannot be made under a file
    tk = _build()
    assert "政府信息公开申请" in tk.FREQ
    assert blocker.read_text() == "not a folder"


LIGHT_VS_BLANK = r"""
import sys
from extractor.extract import nlp
v = nlp._vocab()
assert "spacy.language" not in sys.modules and "spacy.cli" not in sys.modules, "spaCy imported whole"
import spacy
full = spacy.blank("zh").vocab
words = ["政府信息", "，", "。", "\n", "\n\n", " ", "\u3000", "36件", "5%", "’", "…", "“", "¥", "ABC", "2024年", "—", "-", "x"]
for w in words:
    a, b = v[w], full[w]
    assert (a.orth_, a.norm_, a.is_space, a.is_punct, a.is_digit, a.shape_) == (b.orth_, b.norm_, b.is_space, b.is_punct, b.is_digit, b.shape_), w
print("same")
"""


def test_light_spacy_vocab_reads_like_spacy_blank_zh() -> None:
    """The vocabulary made without spaCy's package front gives every token the attributes the
    claim patterns read (ORTH, NORM, IS_SPACE) exactly as `spacy.blank("zh")` does; and importing
    spaCy the usual way afterwards still gives the whole package."""
    out = subprocess.run([sys.executable, "-c", LIGHT_VS_BLANK], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "same"


@pytest.mark.parametrize("low,high", [(4, 5), (1, 3), (2, 2), (5, 9)])
def test_char_ngrams_are_scikit_learns(low: int, high: int) -> None:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    from extractor.check.similarity import char_ngrams

    analyse = sklearn_text.TfidfVectorizer(analyzer="char", ngram_range=(low, high), lowercase=False).build_analyzer()
    for text in ["", "一", "本机关  全年\n\n共收到 申请＃件。\t\u3000Ab", "短句", "政府信息公开工作年度报告" * 3]:
        assert char_ngrams(text, low, high) == analyse(text)


def test_checking_one_report_imports_no_scikit_learn_for_similarity() -> None:
    code = ("import sys; from extractor.check import similarity; "
            "similarity.cosine('政府信息公开工作年度报告', '政府信息公开年度报告'); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr[-2000:]


def _best_sequence_reference(cands: list[Any]) -> list[tuple[int, Any]]:
    """The dynamic programme as first written (every earlier candidate looked at again)."""
    best: dict[tuple[int, int], tuple[int, tuple[int, int] | None]] = {}
    for i, c in enumerate(cands):
        for k, s in c.scores.items():
            prev_best: tuple[int, tuple[int, int] | None] = (0, None)
            for j in range(i):
                for k2 in cands[j].scores:
                    if k2 < k and (j, k2) in best and best[(j, k2)][0] > prev_best[0]:
                        prev_best = (best[(j, k2)][0], (j, k2))
            best[(i, k)] = (prev_best[0] + s, prev_best[1])
    if not best:
        return []
    end = max(best, key=lambda key: (best[key][0], -key[0]))
    seq: list[tuple[int, Any]] = []
    cur: tuple[int, int] | None = end
    while cur is not None:
        seq.append((cur[1], cands[cur[0]]))
        cur = best[cur][1]
    return list(reversed(seq))


def test_section_sequence_is_the_same_as_the_quadratic_programme() -> None:
    import random

    from extractor.structure.sections import _best_sequence, _Cand

    rng = random.Random(7)
    for _ in range(400):
        cands = []
        for i in range(rng.randrange(0, 14)):
            parts = rng.sample(range(1, 7), rng.randrange(1, 4))
            cands.append(_Cand(i * 10, i * 10 + 5, "一", "t", {k: rng.choice([-3, 0, 1, 5, 12, 12, 15]) for k in parts}))
        got = [(k, c.start) for k, c in _best_sequence(cands)]
        assert got == [(k, c.start) for k, c in _best_sequence_reference(cands)]


def test_claims_at_a_position_are_found_in_list_order() -> None:
    import random

    from extractor.check.totals import claims_at as _claims_at
    from extractor.model import Claim

    rng = random.Random(3)
    for _ in range(50):
        claims = []
        for _k in range(rng.randrange(0, 30)):
            a = rng.randrange(0, 300)
            claims.append(Claim(metric="m", value=rng.randrange(3), unit="件", text="t", start=a,
                                end=a + rng.randrange(1, 60), section=None))
        for pos in range(0, 380, 7):
            assert [id(c) for c in _claims_at(claims, pos)] == [id(c) for c in claims if c.start <= pos < c.end]
