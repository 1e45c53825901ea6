"""Progress of a batch on stderr: a bar with the rate and the time left on a terminal, plain lines
(at most one every ten seconds) when stderr is a file or a pipe. stdout carries only results."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def clock(seconds: float) -> str:
    s = int(max(0, seconds))
    h, m = divmod(s, 3600)
    m, s = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool = True,
                 every: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled and total > 0
        self.total = total
        self.label = label
        self.done = 0
        self.skipped = 0
        self.start = time.monotonic()
        self.every = 0.1 if self.tty else every
        self.last = self.start
        self.drawn = False
        self.shown = -1  # `done` when the last line was printed

    def advance(self, n: int = 1, skipped: bool = False) -> None:
        self.done += n
        if skipped:
            self.skipped += n
        now = time.monotonic()
        if self.enabled and (now - self.last >= self.every or (self.tty and self.done >= self.total)):
            self.last = now
            self._show(now)

    def _line(self, now: float) -> str:
        elapsed = now - self.start
        worked = self.done - self.skipped
        rate = worked / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        pct = self.done / self.total if self.total else 1.0
        eta = f"剩余约 {clock(left)}" if self.done < self.total else f"用时 {clock(elapsed)}"
        extra = f"（{self.skipped} 份无需重新读取）" if self.skipped else ""
        return f"{self.label} {self.done}/{self.total} 份 {pct:4.0%}  {rate:.1f} 份/秒  {eta}{extra}"

    def _show(self, now: float) -> None:
        self.shown = self.done
        line = self._line(now)
        if self.tty:
            width = 24
            filled = int(width * self.done / self.total) if self.total else width
            self.stream.write("\r\033[K" + "█" * filled + "░" * (width - filled) + " " + line)
            self.drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            if self.drawn or self.done:
                self._show(now)
                self.stream.write("\n")
                self.stream.flush()
        elif now - self.start >= self.every and self.shown != self.done:  # a long batch ends with its last line
            self.stream.write(self._line(now) + "\n")
            self.stream.flush()
        self.enabled = False
