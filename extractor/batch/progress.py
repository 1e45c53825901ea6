"""Progress of a batch: a bar with the rate and the time left on a terminal (drawn with rich), plain
lines (at most one every ten seconds) when stderr is a file or a pipe. stdout carries only results.

On a terminal the results and the bar share the screen: while a bar is shown, `emit` prints a result
above it (rich's live display moves the bar down), so a finding never lands inside the bar's line.
When stdout and stderr are the same terminal the bar is drawn through stdout's console for that
reason; when stdout goes to a file or a pipe, nothing but results reaches it.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


def clock(seconds: float) -> str:
    s = int(max(0, seconds))
    h, m = divmod(s, 3600)
    m, s = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


_ACTIVE: Progress | None = None


def _tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def emit(stream: TextIO, text: str) -> None:
    """Writes `text` to `stream`; when a bar is drawn on the same terminal, above the bar."""
    bar = _ACTIVE
    if bar is not None and bar.live is not None and bar.screen is stream and text:
        from rich.text import Text

        body = text[:-1] if text.endswith("\n") else text  # print() ends the line itself
        for line in body.split("\n"):
            bar.live.console.print(Text.from_ansi(line), highlight=False, soft_wrap=True)
        return
    stream.write(text)


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool = True,
                 every: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = _tty(self.stream)
        self.enabled = enabled and total > 0
        self.total = total
        self.label = label
        self.done = 0
        self.skipped = 0
        self.start = time.monotonic()
        self.every = 0.1 if self.tty else every
        self.last = self.start
        self.shown = -1  # `done` when the last line was printed
        self.live: Any = None
        self.screen: Any = None  # the stream the live display draws on
        if self.enabled and self.tty:
            self._start_live()

    def _start_live(self) -> None:
        global _ACTIVE
        from rich.console import Console
        from rich.live import Live

        # stdout and stderr on one terminal: draw through stdout, so results print above the bar
        screen = sys.stdout if self.stream is sys.stderr and _tty(sys.stdout) else self.stream
        self.screen = screen
        console = Console(file=screen, force_terminal=True, highlight=False, soft_wrap=True)
        self.live = Live(self._bar(time.monotonic()), console=console, auto_refresh=False, transient=False,
                         redirect_stdout=False, redirect_stderr=False)
        self.live.start()
        _ACTIVE = self

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

    def _bar(self, now: float) -> Any:
        from rich.text import Text

        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "bright_black"), " " + self._line(now))

    def _show(self, now: float) -> None:
        self.shown = self.done
        if self.live is not None:
            self.live.update(self._bar(now), refresh=True)
            return
        self.stream.write(self._line(now) + "\n")
        self.stream.flush()

    def close(self) -> None:
        global _ACTIVE
        if not self.enabled:
            return
        now = time.monotonic()
        if self.live is not None:
            self.live.update(self._bar(now), refresh=True)
            self.live.stop()
            self.live = None
            if _ACTIVE is self:
                _ACTIVE = None
        elif now - self.start >= self.every and self.shown != self.done:  # a long batch ends with its last line
            self.stream.write(self._line(now) + "\n")
            self.stream.flush()
        self.enabled = False
