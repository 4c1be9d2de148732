"""A one-line progress display with an ETA, on stderr (no dependency)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:d}:{seconds % 60:02d}"


class Progress:
    """Steps carry an estimated weight in seconds; the ETA rescales the estimate by reality."""

    def __init__(self, total_weight: float, stream: TextIO = sys.stderr) -> None:
        self.total = max(total_weight, 1e-9)
        self.done = 0.0
        self.started = time.monotonic()
        self.stream = stream
        self.interactive = stream.isatty()
        self.label = ""

    def eta(self) -> float | None:
        if self.done <= 0:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.total - self.done)

    def line(self) -> str:
        fraction = min(self.done / self.total, 1.0)
        bar = "#" * int(fraction * 24)
        eta = self.eta()
        left = "ETA --:--" if eta is None else f"ETA {_clock(eta)}"
        elapsed = _clock(time.monotonic() - self.started)
        return f"[{bar:<24}] {fraction:4.0%} {elapsed} {left}  {self.label}"

    def show(self, label: str) -> None:
        self.label = label
        if self.interactive:
            self.stream.write("\r\033[K" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def advance(self, weight: float) -> None:
        self.done += weight

    def close(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()
