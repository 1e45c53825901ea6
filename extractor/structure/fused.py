"""Digit runs that lost their cell separators, split with the template's own identities.

A scraped page prints the row 「一、本年新收政府信息公开申请数量」 as "15130000154": seven cells
(151, 3, 0, 0, 0, 0, 154) whose first six add up to the seventh. `splits` enumerates every way to
cut the tokens of a row into the expected number of cells (no leading zeros, a decimal point or
a minus sign stays with its cell) that satisfies the row's constraint; the caller narrows the
survivors further with the column identities. When more than one survives, the cell is not
known: the caller reports it as such instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

Value = int | Decimal
Row = tuple[Value | None, ...]

MAX_CANDIDATES = 5000
_TOKEN = re.compile(r"^[-−]?\d+(?:\.\d+)?$")


def cuts(token: str, k: int) -> Iterator[list[str]]:
    """Ways to cut `token` into exactly k well-formed numbers."""
    for c in _cuts(token, k):
        yield list(c)


@lru_cache(maxsize=65536)
def _cuts(token: str, k: int) -> tuple[tuple[str, ...], ...]:
    if k == 1:
        return ((token,),) if _well_formed(token) else ()
    digits = len(token.lstrip("-−").replace(".", ""))
    if digits < k:
        return ()
    if digits == k and "." not in token and token[:1] not in "-−":
        return (tuple(token),)  # one digit a cell: the only reading
    out: list[tuple[str, ...]] = []
    # the first part: a sign may only start a part; a decimal part ends a part
    start = 1 if token[:1] in "-−" else 0
    for i in range(start + 1, len(token)):
        head = token[:i]
        if not _well_formed(head):
            if head[-1:].isdigit() and head.lstrip("-−")[:1] == "0":
                break  # a leading zero only grows longer: no later cut can fix it
            continue
        for rest in _cuts(token[i:], k - 1):
            out.append((head, *rest))
    return tuple(out)


@lru_cache(maxsize=65536)
def _well_formed(s: str) -> bool:
    if not s or not _TOKEN.match(s):
        return False
    digits = s.lstrip("-−")
    int_part = digits.split(".", 1)[0]
    return not (len(int_part) > 1 and int_part[0] == "0")


def to_value(s: str) -> Value:
    s = s.replace("−", "-")
    if "." in s:
        try:
            return Decimal(s)
        except InvalidOperation:  # pragma: no cover - guarded by _TOKEN
            raise ValueError(s) from None
    return int(s)


def splits(tokens: list[str], n: int, ok: Callable[[Row], bool] | None = None,
           limit: int = MAX_CANDIDATES) -> list[Row]:
    """All readings of `tokens` as exactly `n` cells (each token cut into ≥1 parts) passing `ok`."""
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > n:
        return []
    if sum(len(t.lstrip("-−").replace(".", "")) for t in tokens) < n:
        return []
    out: list[Row] = []
    for counts in _compositions(n, [_max_parts(t) for t in tokens]):
        for row in _product([list(_cuts(t, k)) for t, k in zip(tokens, counts, strict=True)]):
            vals = tuple(_value(x) for x in row)
            if ok is None or ok(vals):
                out.append(vals)
                if len(out) >= limit:
                    return out
    return out


def sum_splits(tokens: list[str], groups: tuple[int, ...], limit: int = MAX_CANDIDATES) -> list[Row]:
    """Readings of `tokens` as consecutive groups of cells where each group's last cell is the sum
    of the others (表三 row: (7,); 表四: (5, 5, 5)). The sums are used while cutting — a total must
    be spelled by the digits that follow its parts — so a long run costs little, where trying
    every cut and checking afterwards grows combinatorially."""
    tokens = [t for t in tokens if t]
    if not tokens or sum(len(t) for t in tokens) > 80:
        return []
    out: list[Row] = []
    after = [sum(len(t) for t in tokens[i:]) for i in range(len(tokens) + 1)]  # characters from token i on

    def left(ti: int, pos: int) -> int:
        return after[ti] - pos if ti < len(tokens) else 0

    def parts_from(ti: int, pos: int) -> Iterator[tuple[str, int, int]]:
        """Every well-formed next cell starting at token ti, offset pos: (text, next ti, next pos)."""
        if ti >= len(tokens):
            return
        tok = tokens[ti]
        for end in range(pos + 1, len(tok) + 1):
            piece = tok[pos:end]
            if not _well_formed(piece) or (end < len(tok) and "." in piece and not piece[-1].isdigit()):
                if piece.lstrip("-−")[:1] == "0" and len(piece.lstrip("-−")) > 1 and "." not in piece:
                    break
                continue
            if end == len(tok):
                yield piece, ti + 1, 0
            else:
                yield piece, ti, end

    def spell(ti: int, pos: int, want: str) -> tuple[int, int] | None:
        """The state after reading exactly `want` as one cell at (ti, pos), or None."""
        if ti >= len(tokens):
            return None
        tok = tokens[ti]
        if not tok.startswith(want, pos):
            return None
        end = pos + len(want)
        return (ti + 1, 0) if end == len(tok) else (ti, end)

    def go(g: int, ti: int, pos: int, row: tuple[Value, ...]) -> None:
        if len(out) >= limit:
            return
        if g == len(groups):
            if ti >= len(tokens):
                out.append(row)
            return
        k = groups[g]

        def fill(ti: int, pos: int, got: tuple[Value, ...]) -> None:
            if len(out) >= limit:
                return
            # the group's total still has to be written out in what is left (and every later cell too)
            if got and len(_digits(sum(got))) + (k - 1 - len(got)) > left(ti, pos):
                return
            if len(got) == k - 1:
                total = sum(got)
                nxt = spell(ti, pos, _digits(total))
                if nxt is not None:
                    go(g + 1, nxt[0], nxt[1], row + got + (total,))
                return
            for piece, nti, npos in parts_from(ti, pos):
                v = _value(piece)
                fill(nti, npos, (*got, v))

        fill(ti, pos, ())

    go(0, 0, 0, ())
    return out


def _digits(v: Value) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


def _max_parts(token: str) -> int:
    return len(token.lstrip("-−").split(".", 1)[0])


def _compositions(n: int, caps: list[int]) -> Iterator[list[int]]:
    """Ways to write n as an ordered sum of len(caps) positive parts, part i ≤ caps[i]."""
    if not caps:
        if n == 0:
            yield []
        return
    rest_cap = sum(caps[1:])
    for k in range(max(1, n - rest_cap), min(caps[0], n - (len(caps) - 1)) + 1):
        for tail in _compositions(n - k, caps[1:]):
            yield [k, *tail]


def _product(lists: list[list[tuple[str, ...]]]) -> Iterator[tuple[str, ...]]:
    if not lists:
        yield ()
        return
    for head in lists[0]:
        for tail in _product(lists[1:]):
            yield head + tail


@lru_cache(maxsize=65536)
def _value(s: str) -> Value:
    return to_value(s)


# ---------------------------------------------------------------- row constraints


def row_sum(row: Row) -> bool:
    """表三 row: the six applicant columns add up to 总计."""
    if any(v is None for v in row):
        return True
    return sum(row[:-1]) == row[-1]  # type: ignore[arg-type]


def t4_sums(row: Row) -> bool:
    """表四: each group of five is 维持+纠正+其他+尚未审结 = 总计."""
    if len(row) != 15:
        return False
    for g in range(3):
        part = row[g * 5 : g * 5 + 5]
        if any(v is None for v in part):
            continue
        if sum(part[:4]) != part[4]:  # type: ignore[arg-type]
            return False
    return True


def non_negative(row: Row) -> bool:
    return all(v is None or v >= 0 for v in row)
