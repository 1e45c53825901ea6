"""Body names: one reporting body, however a title writes it.

    >>> normalise("信阳市浉河区人民政府").short
    '浉河区人民政府'
    >>> same_body(normalise("信阳市浉河区人民政府"), normalise("浉河区政府"))
    True

- `key`: the name without spaces, brackets or quotes, with the short forms written out
  (政府 → 人民政府, 政府办 → 人民政府办公室, 管委会 → 管理委员会);
- `short`: the key without the higher areas written in front of it (a 省/自治区, and a 市/州/盟/地区
  in front of a 区/县/市/旗);
- two names are one body when their keys are equal, or their shorts are equal and one of them
  names no higher area: 信阳市浉河区人民政府 and 浉河区人民政府 are one body, 福州市鼓楼区人民政府 and
  南京市鼓楼区人民政府 are two;
- an office of a government (…人民政府办公室/办公厅, …管理委员会办公室) knows the government it
  serves (`government`): such an office often publishes the government's report, and the batch
  pairs the two years across that change (and notes it) when nothing else matches.

Pure functions over strings: the check stage (in-memory `BatchContext`) and the batch runner
both use them, so a pair is the same pair either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_NOISE = re.compile(r"[\s\u3000\u00a0（）()“”\"《》【】\[\]·•]")
_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:省|自治区|特别行政区)(?=[\u4e00-\u9fff]{2})")
_CITY = re.compile(
    r"^[\u4e00-\u9fff]{1,8}?(?:市|自治州|地区|盟)"
    r"(?=[\u4e00-\u9fff]{1,8}?(?:自治县|自治旗|区|县|市|旗)(?![\u4e00-\u9fff]{0,3}(?:路|街|道|桥|场)))"
)
_OFFICE = re.compile(r"^(?P<gov>.+?(?:人民政府|管理委员会))(?:办公室|办公厅)$")
_GOVERNMENT = re.compile(r"(?:人民政府|管理委员会)$")


@dataclass(frozen=True)
class BodyName:
    written: str  # as the report wrote it
    key: str  # normalised
    short: str  # without the higher areas in front
    former: str | None = None  # the name before a rename the title states (现Y局（原X局）), normalised

    @property
    def government(self) -> BodyName | None:
        """The government an office serves (浉河区人民政府办公室 → 浉河区人民政府), else None."""
        m = _OFFICE.match(self.key)
        return normalise(m.group("gov")) if m else None

    @property
    def is_government(self) -> bool:
        return bool(_GOVERNMENT.search(self.key))

    @property
    def offices(self) -> tuple[BodyName, ...]:
        """The offices that may report for this government (its 办公室 and 办公厅)."""
        if not self.is_government:
            return ()
        return tuple(BodyName(self.written + s, self.key + s, self.short + s) for s in ("办公室", "办公厅"))


# what a title puts after the body's name: …局关于（印发/报送）…的函/通知
_TITLE_TAIL = re.compile(r"关于.*$|(?:的)?(?:函|通知)$")
# a rename the title states: Y局（原X局）, 原X局/现Y局, 原X局现Y局
_RENAMED = (re.compile(r"^(?P<now>.+?)[（(]原(?P<old>[^）)]+)[）)]$"),
            re.compile(r"^原(?P<old>.+?)[/／、，,\s]*现(?P<now>.+)$"))


def _renamed(name: str) -> tuple[str, str | None]:
    """(the current name, the former name or None)."""
    s = re.sub(r"[\s\u3000]+", "", name)
    for pat in _RENAMED:
        m = pat.match(s)
        if m:
            return m.group("now"), m.group("old")
    return name, None


@lru_cache(maxsize=1)
def _body_map(path: str | None) -> dict[str, str]:
    """The user's map of body names (renames the names cannot show): cleaned name → cleaned name."""
    import csv
    import os

    out: dict[str, str] = {}
    if not path or not os.path.isfile(path):
        return out
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            cells = [c.strip() for c in row if c.strip()]
            if len(cells) >= 2 and not cells[0].startswith("#"):
                out[_clean(cells[0])] = _clean(cells[1])
    return out


def clean(name: str) -> str:
    """The name cleaned, then mapped by the user's body-name map (`--body-map`, or `body-map =` in
    the configuration: config.current(), installed in every worker)."""
    from ..config import current

    s = _clean(name)
    given = current().body_map
    return _body_map(str(given) if given is not None else None).get(s, s)


def _clean(name: str) -> str:
    s = _NOISE.sub("", name)
    if len(s) > 4:
        s = _TITLE_TAIL.sub("", s) or s
    s = s.replace("管委会", "管理委员会")
    s = re.sub(r"(?<!人民)政府办(?:公室)?$", "人民政府办公室", s)
    s = re.sub(r"(?<!人民)政府办公厅$", "人民政府办公厅", s)
    s = re.sub(r"(?<!人民)政府$", "人民政府", s)
    return s


def shorten(key: str) -> str:
    s = _PROVINCE.sub("", key)
    return _CITY.sub("", s)


@lru_cache(maxsize=8192)
def normalise(name: str | None) -> BodyName | None:
    if not name:
        return None
    now, old = _renamed(name)
    key = clean(now)
    if not key:
        return None
    former = clean(old) if old else None
    return BodyName(name, key, shorten(key), former or None)


def same_body(a: BodyName | None, b: BodyName | None) -> bool:
    if a is None or b is None:
        return False
    if _same(a, b):
        return True
    # a rename the title states: this year's Y局（原X局） is last year's X局
    return any(f is not None and _same(f, o) for f, o in ((_former(a), b), (_former(b), a)))


def _same(a: BodyName, b: BodyName) -> bool:
    if a.key == b.key:
        return True
    return a.short == b.short and (a.key == a.short or b.key == b.short)


def _former(a: BodyName) -> BodyName | None:
    return None if a.former is None else BodyName(a.former, a.former, shorten(a.former))


def serving(a: BodyName | None, b: BodyName | None) -> bool:
    """One of the two is the office of the other's government (either way round)."""
    if a is None or b is None:
        return False
    return same_body(a.government, b) or same_body(b.government, a)
