"""The Chinese pipeline: spaCy's blank "zh" with jieba as its segmenter, our domain dictionary,
and every number mention as one token.

Loaded once per process and shared: jieba's prefix dictionary from a cache built once per installation
(`segmenter`), spaCy's vocabulary, Doc and Matcher without the rest of spaCy (`light_spacy`).
Each token's `norm_` is its concept from rules/lexicon/words.tsv (RECEIVE, APPLY, …), or NUM /
MONEY / PCT / YEAR / DATE / ONUM for a number mention, so that claim patterns can be written in
concepts rather than in the many ways a report words them.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import marshal
import os
import struct
import tempfile
import threading
import zlib
from dataclasses import dataclass
from functools import cache
from math import log
from pathlib import Path
from typing import Any

from ..model import NumberMention
from ..resources import rules_dir
from ..text import CLAUSE_BREAKS, SENTENCE_BREAKS
from .numbers import find_numbers

NUMBER_NORM = {"count": "NUM", "money": "MONEY", "percent": "PCT", "year": "YEAR", "date": "DATE", "other": "ONUM"}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, str]  # word → concept
    words: tuple[str, ...]  # every word the segmenter must keep whole


@cache
def lexicon() -> Lexicon:
    concepts: dict[str, str] = {}
    words: list[str] = []
    with open(rules_dir() / "lexicon" / "words.tsv", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            word = parts[0].strip()
            concept = parts[1].strip() if len(parts) > 1 else "-"
            words.append(word)
            if concept != "-":
                concepts[word] = concept
    return Lexicon(concepts, tuple(words))


@cache
def segmenter() -> Any:
    """A private jieba tokenizer with our words added (the global one is left alone).

    Its prefix dictionary (jieba's half a million words and prefixes, plus ours) is built once per
    installation and kept in the user's cache directory (`prefix_cache`), split by first
    character; a later process reads the file and unpacks the words of a character only when a
    text it segments holds that character (a report uses some 700 of the 12,000: less than half of
    the dictionary) — the same segmentation, without building or unpacking the rest."""
    import logging

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    path = prefix_cache()
    cached = _load_prefix(path) if path is not None else None
    if cached is not None:
        return _lazy_tokenizer(jieba)(*cached)
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in lexicon().words:
        tk.add_word(w, freq=200000 + 1000 * len(w))
    if path is not None:
        _save_prefix(path, tk.FREQ, tk.total)
    return tk


@cache
def _lazy_tokenizer(jieba: Any) -> Any:
    class LazyTokenizer(jieba.Tokenizer):
        """jieba's tokenizer whose prefix dictionary fills in by first character: every word a
        sentence can match starts with one of its characters, so those characters' words are
        unpacked before the sentence's graph is built (`get_DAG`, which `cut` calls per block)."""

        def __init__(self, total: int, buckets: dict[str, bytes]) -> None:
            super().__init__()
            self.total = total
            self.initialized = True
            self._buckets = buckets
            self._missing = set(buckets)
            self._unpacking = threading.Lock()

        def get_DAG(self, sentence: str) -> Any:  # jieba's name
            """jieba's graph of the words at each position (the positions where a word starting
            there ends), the same; one dictionary look-up per prefix, not two (jieba tests `in`,
            then reads the count)."""
            if self._missing and not self._missing.isdisjoint(sentence):
                self.unpack(self._missing.intersection(sentence))
            get = self.FREQ.get
            dag: dict[int, list[int]] = {}
            n = len(sentence)
            for k in range(n):
                ends: list[int] = []
                i = k
                freq = get(sentence[k])
                while freq is not None:  # a word or the prefix of one (count 0)
                    if freq:
                        ends.append(i)
                    i += 1
                    if i >= n:
                        break
                    freq = get(sentence[k : i + 1])
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence: str, DAG: Any, route: dict[int, tuple[float, int]]) -> None:  # jieba's names
            """jieba's best route, right to left: the same sums in the same order, the same
            choice among them (`max` of (score, end), the greater end on a tie), without a
            generator per position."""
            n = len(sentence)
            route[n] = (0, 0)
            logtotal = log(self.total)
            get = self.FREQ.get
            for idx in range(n - 1, -1, -1):
                ends = DAG[idx]
                x = ends[0]
                best = (log(get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
                for x in ends[1:]:
                    cand = (log(get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
                    if cand > best:
                        best = cand
                route[idx] = best

        def unpack(self, chars: set[str]) -> None:
            with self._unpacking:
                enabled = gc.isenabled()
                gc.disable()
                try:
                    for ch in chars:
                        if ch in self._missing:
                            self.FREQ.update(marshal.loads(self._buckets[ch]))
                            self._missing.discard(ch)
                finally:
                    if enabled:
                        gc.enable()

        def unpack_all(self) -> None:
            self.unpack(set(self._missing))

    return LazyTokenizer


_CACHE_MAGIC = b"xxgk-audit jieba prefix v2\n"


def cache_dir() -> Path:
    """The user's cache directory for this tool: $XDG_CACHE_HOME/xxgk-audit, else ~/.cache/xxgk-audit."""
    base = os.environ.get("XDG_CACHE_HOME")
    return Path(base if base and os.path.isabs(base) else Path.home() / ".cache") / "xxgk-audit"


def import_jieba() -> Any:
    """`import jieba`, without the setuptools `pkg_resources` it imports only to open its own data
    files (a quarter of a second; without it jieba opens them from its folder, the same files)."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def prefix_cache() -> Path | None:
    """Where the prefix dictionary is cached: the file name carries jieba's version and the hash of
    our dictionary (words.tsv), so a new jieba or an edited word list never reads a stale cache.
    None when there is no home to put it in."""
    jieba = import_jieba()

    try:
        words = (rules_dir() / "lexicon" / "words.tsv").read_bytes()
        folder = cache_dir()
    except (OSError, RuntimeError):  # RuntimeError: no home directory
        return None
    key = hashlib.sha256(_CACHE_MAGIC + str(jieba.__version__).encode() + b"\0" + words).hexdigest()[:24]
    return folder / f"jieba-prefix-{key}.marshal"


def _load_prefix(path: Path) -> tuple[int, dict[str, bytes]] | None:
    """The cached (total, {first character: its words, marshalled}), or None when absent,
    unreadable or corrupt (then it is rebuilt)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_CACHE_MAGIC) + 8
    if len(data) < head or not data.startswith(_CACHE_MAGIC):
        return None
    crc, size = struct.unpack("<II", data[len(_CACHE_MAGIC) : head])
    body = memoryview(data)[head:]
    if len(body) != size or zlib.crc32(body) != crc:
        return None
    try:
        value = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if (not isinstance(value, tuple) or len(value) != 2 or not isinstance(value[0], int)
            or not isinstance(value[1], dict)):
        return None
    return value[0], value[1]


def _save_prefix(path: Path, freq: dict[str, int], total: int) -> None:
    """Writes the cache atomically (a temporary file in the same folder, then renamed); a folder
    that cannot be created or written leaves the tool working without a cache."""
    buckets: dict[str, dict[str, int]] = {}
    for word, n in freq.items():
        buckets.setdefault(word[0], {})[word] = n
    body = marshal.dumps((total, {ch: marshal.dumps(words) for ch, words in buckets.items()}))
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".jieba-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_CACHE_MAGIC + struct.pack("<II", zlib.crc32(body), len(body)))
            fh.write(body)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@dataclass(frozen=True)
class Pipeline:
    """What the claims need of spaCy: a vocabulary (the lexemes carry our concepts and flags) that
    Docs and Matchers share. The texts are segmented by `make_doc`, not by a spaCy tokenizer."""

    vocab: Any


@cache
def pipeline() -> Pipeline:
    """spaCy's Chinese vocabulary, with our concepts and flags on its lexemes."""
    from spacy.attrs import IS_CURRENCY, IS_STOP

    vocab = _vocab()
    # Two lexeme flags are given our own meaning, because the Matcher checks flags in C while
    # set predicates (NOT_IN) cost a Python call per token (ten times slower over a report):
    #   IS_STOP     — the token ends a clause (， 。 ； …) or is a figure: `~` does not cross it
    #   IS_CURRENCY — the token ends a sentence (。 ； ！ ？ a blank line): `…` does not cross it
    getters = vocab.lex_attr_getters
    getters[IS_STOP] = lambda s: False
    getters[IS_CURRENCY] = lambda s: False
    for lex in vocab:
        lex.is_stop = False
        lex.is_currency = False
    for p in CLAUSE_BREAKS:
        vocab[p].is_stop = True
    for p in SENTENCE_BREAKS:
        vocab[p].is_stop = True
        vocab[p].is_currency = True
    # concepts live on the lexemes: every token of a domain word carries its concept for free
    for word, concept in lexicon().concepts.items():
        vocab[word].norm_ = concept
    return Pipeline(vocab)


_ZH_WRITING = {"direction": "ltr", "has_case": False, "has_letters": False}


def _vocab() -> Any:
    """The vocabulary of `spacy.blank("zh")` for every attribute the patterns read (ORTH, NORM,
    IS_SPACE and the two flags set above), made without importing spaCy's package front (its
    command line, pipelines and config schemas: two thirds of the import) — see `light_spacy`."""
    light_spacy()
    from types import SimpleNamespace

    from spacy.vocab import create_vocab

    defaults = SimpleNamespace(lex_attr_getters={}, stop_words=frozenset(), writing_system=dict(_ZH_WRITING),
                               syntax_iterators={})
    return create_vocab("zh", defaults)


def light_spacy() -> None:
    """Import what the claims use of spaCy (`spacy.vocab`, `spacy.tokens`, `spacy.matcher`)
    without running `spacy/__init__.py`: the package is registered with its path only, and
    `spacy.tokens` is imported first (the order that resolves its modules' circular imports).
    The first attribute asked of the package itself (`spacy.blank`, `spacy.__version__` …) runs its
    __init__ then, so code that imports spaCy the usual way later in the process still gets all of
    it. Only for the spaCy versions this was tried with; any other is imported whole."""
    import importlib
    import importlib.util
    import sys

    with _LOCK_SPACY:
        if "spacy" in sys.modules:
            return
        spec = importlib.util.find_spec("spacy")
        if spec is None or spec.loader is None or not spec.submodule_search_locations:
            return
        module = importlib.util.module_from_spec(spec)
        loader = spec.loader

        def complete(name: str) -> Any:
            if name.startswith("__") and name not in ("__version__", "__all__"):
                raise AttributeError(name)
            if importlib.util.find_spec(f"spacy.{name}") is not None:  # `from . import util` inside spaCy
                return importlib.import_module(f"spacy.{name}")
            with _LOCK_SPACY:
                if vars(module).pop("__getattr__", None) is not None:
                    loader.exec_module(module)
            return getattr(module, name)

        setattr(module, "__getattr__", complete)  # noqa: B010 - a module-level __getattr__ (PEP 562)
        sys.modules["spacy"] = module
        from spacy.about import __version__

        if __version__.split(".")[:2] in (["3", "7"], ["3", "8"]):
            importlib.import_module("spacy.tokens")
        else:
            vars(module).pop("__getattr__", None)
            loader.exec_module(module)


_LOCK_SPACY = threading.RLock()


FIGURE_KINDS = ("count", "money", "percent")


def make_doc(text: str, mentions: list[NumberMention] | None = None, soft_newlines: bool = False,
             soft_at: set[int] | None = None) -> Any:
    """A spaCy Doc of `text`: jieba tokens between the number mentions, each mention one token.

    With `soft_newlines` (text hard-wrapped by a PDF converter: 「行政复\n议」, 「主动公开的\n173条」), a
    line break inside a sentence is not a boundary: words are found across it, and the token it
    falls in or after is the word without it (the patterns match 的, not 的 and a break).
    `doc.user_data["mentions"]` maps a token index to its NumberMention; `doc.user_data["view"]`
    holds each token's place in `text` (`Tokens.idx`, `Tokens.end`), breaks included."""
    light_spacy()
    from spacy.tokens import Doc

    with _LOCK:
        nlp = pipeline()
        tk = segmenter()
    lex = lexicon().concepts
    if mentions is None:
        mentions = find_numbers(text)
    words: list[str] = []  # the tokens as words: a soft line break inside or after one left out
    norms: list[str] = []
    idx: list[int] = []  # where each token's slice of `text` starts and ends (its soft breaks in it)
    ends: list[int] = []
    at: dict[int, NumberMention] = {}

    soft = {i for i in newlines(text) if _soft_at(text, i)} if soft_newlines else set()
    soft |= soft_at or set()  # line breaks known to be inside a word (the caller found them)
    ordered = sorted(soft)

    def add(word: str, norm: str, a: int, b: int) -> None:
        words.append(word)
        norms.append(norm)
        idx.append(a)
        ends.append(b)

    def add_piece(a: int, b: int) -> None:
        piece = text[a:b]
        inside = ordered[bisect.bisect_left(ordered, a) : bisect.bisect_left(ordered, b)]
        if inside:
            if len(inside) == b - a:  # only a soft break, between two figures: no word
                if ends:
                    ends[-1] = b
                return
            k = a
            for cut, key in _cut_soft(tk, piece, {i - a for i in inside}):
                add(key, lex.get(key, ""), k, k + len(cut))
                k += len(cut)
            return
        k = a
        for w in tk.cut(piece, HMM=False):
            add(w, lex.get(w, ""), k, k + len(w))
            k += len(w)

    pos = 0
    for m in mentions:
        if m.start < pos or (m.kind == "other" and not any(ch.isdigit() for ch in m.text)):
            continue  # 下一年度, 三年: words, not figures
        if m.start > pos:
            add_piece(pos, m.start)
        at[len(words)] = m
        spelled = text[m.start : m.end]
        if soft:
            spelled = "".join(ch for k, ch in enumerate(spelled, m.start) if k not in soft)
        add(spelled, "", m.start, m.end)
        # a bare 0 (…案件数为0) says "none" as plainly as 为零
        norms[-1] = "ZERO" if m.kind == "other" and m.unit is None and m.value == 0 else NUMBER_NORM.get(m.kind, "ONUM")
        pos = m.end
    if pos < len(text):
        add_piece(pos, len(text))
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    vocab = nlp.vocab
    for i, m in at.items():  # a number's concept (NUM, MONEY …) is set once per distinct spelling
        lex = vocab[words[i]]
        if lex.norm_ != norms[i]:
            if lex.norm_ == words[i].lower():
                lex.norm_ = norms[i]
            else:
                doc[i].norm_ = norms[i]
        if m.kind in FIGURE_KINDS:
            lex.is_stop = True
    for w in words:
        if "\n" in w and not w.strip():  # a hard line break (a run of them is one token)
            lex = vocab[w]
            lex.is_stop = lex.is_currency = True
    for i, (w, n) in enumerate(zip(words, norms, strict=True)):
        if n and i not in at and lex_norm(vocab, w) != n:  # a word joined across a soft line break
            doc[i].norm_ = n
    doc.user_data["mentions"] = at
    # plain lists of what later stages read token by token (cheaper than spaCy Token objects)
    doc.user_data["view"] = Tokens(text, words, [n or w for w, n in zip(words, norms, strict=True)], idx, ends)
    return doc


def lex_norm(vocab: Any, word: str) -> str:
    return str(vocab[word].norm_)


@dataclass(frozen=True)
class Tokens:
    """A Doc's tokens as plain lists: text, words, norms (concepts), character offsets."""

    text: str
    words: list[str]  # a soft line break (hard-wrapped text) is not in the word it was inside or after
    norms: list[str]
    idx: list[int]  # where each token starts in `text`
    ends: list[int]  # and where it ends (past its soft line breaks)

    def __len__(self) -> int:
        return len(self.words)

    def end(self, i: int) -> int:
        return self.ends[i]

    def is_space(self, i: int) -> bool:
        return not self.words[i].strip()


def view(doc: Any) -> Tokens:
    view: Tokens = doc.user_data["view"]
    return view


def _cut_soft(tk: Any, piece: str, soft: set[int]) -> list[tuple[str, str]]:
    """jieba over `piece` without its soft line breaks (positions `soft`); each token mapped back
    to its slice of `piece`, a removed break staying with the token before it (or, at the start,
    with the first token). Returns (slice, word as segmented)."""
    joined = "".join(ch for i, ch in enumerate(piece) if i not in soft)
    out: list[tuple[str, str]] = []
    src = 0
    for w in tk.cut(joined, HMM=False):
        start = src
        consumed = 0
        while consumed < len(w):
            if src in soft:
                src += 1
                continue
            consumed += 1
            src += 1
        while src in soft:  # a break right after this token stays with it
            src += 1
        out.append((piece[start:src], w))
    if src < len(piece):
        if out:
            out[-1] = (out[-1][0] + piece[src:], out[-1][1])
        else:
            out.append((piece[src:], piece[src:]))
    return out


def _soft_at(s: str, i: int) -> bool:
    """A line break between two characters that continue one sentence."""
    if i == 0 or i + 1 >= len(s):
        return False
    a, b = s[i - 1], s[i + 1]
    return a not in SOFT_STOP and b not in "\n " and not b.isspace()


SOFT_STOP = set("。；;！!？?：:\n")


def wrapped(text: str) -> bool:
    """True when the text is hard-wrapped: most line breaks fall inside sentences."""
    breaks = newlines(text)
    if len(breaks) < 8:
        return False
    inside = sum(1 for i in breaks if _soft_at(text, i) and text[i - 1] not in "，,、）)")
    return inside >= 0.5 * len(breaks)


def newlines(text: str, a: int = 0, b: int | None = None) -> list[int]:
    """Offsets of the line breaks in text[a:b] (str.find in C, not a test of every character)."""
    b = len(text) if b is None else b
    out = []
    i = text.find("\n", a, b)
    while i >= 0:
        out.append(i)
        i = text.find("\n", i + 1, b)
    return out


def segment(text: str) -> list[str]:
    """Bare jieba segmentation with our dictionary (the benchmark's yardstick)."""
    return list(segmenter().cut(text, HMM=False))



# ---------------------------------------------------------------- the joined view of hard-wrapped prose

def soft_newlines(text: str, a: int = 0, b: int | None = None) -> list[int]:
    """The line breaks of text[a:b] that fall inside a sentence (both neighbours continue it)."""
    return [i for i in newlines(text, a, b) if _soft_at(text, i)]


@dataclass(frozen=True)
class Joined:
    """A stretch of text with its soft breaks removed (「行政许\n可」 → 「行政许可」), and the way back:
    `at(i)` is the offset in the original of the joined text's character i, `end(j)` of an end.
    The way back is kept as the removed offsets (a few), not an offset per character."""

    text: str
    cut: tuple[int, ...] | None  # the original offsets removed, ascending; None: nothing was removed
    base: int  # the original offset of the stretch
    length: int  # the stretch's length in the original
    shift: tuple[int, ...] = ()  # shift[m]: the joined offset where cut[m] was (cut[m] - base - m)

    def at(self, i: int) -> int:
        if self.cut is None:
            return self.base + i
        if i >= len(self.text):
            return self.base + self.length
        return self.base + i + bisect.bisect_right(self.shift, i)

    def end(self, j: int) -> int:
        if self.cut is None:
            return self.base + j
        return self.at(j - 1) + 1 if j > 0 else self.base

    def inside(self, i: int) -> int:
        """The joined offset of the original offset i (of the first kept character at or after it)."""
        if self.cut is None:
            return i - self.base
        return min(len(self.text), max(0, i - self.base - bisect.bisect_left(self.cut, i)))

    def mention(self, m: NumberMention) -> NumberMention:
        """A number found in the joined text, placed in the original (its text as joined)."""
        if self.cut is None and self.base == 0:
            return m
        return NumberMention(m.value, m.unit, self.at(m.start), self.end(m.end), m.text, m.approx, m.kind,
                             m.low, m.high)


def join_soft(text: str, soft: frozenset[int] | set[int], base: int = 0) -> Joined:
    """text (which starts at original offset `base`) without the characters at the offsets `soft`:
    cut out by slices between the (few) removed offsets, never a step per character."""
    n = len(text)
    cut = sorted(i for i in soft if base <= i < base + n) if soft else []
    if not cut:
        return Joined(text, None, base, n)
    pieces, prev = [], 0
    for i in cut:
        pieces.append(text[prev : i - base])
        prev = i - base + 1
    pieces.append(text[prev:])
    return Joined("".join(pieces), tuple(cut), base, n, tuple(c - base - m for m, c in enumerate(cut)))
