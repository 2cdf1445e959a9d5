"""The hold timer's rules, apart from any screen: start, pause, reset, and stop at the end.

It never moves on by itself (WCAG 2.2.1): when time is up it stops and waits. The clock is
injectable so tests can move time forward without sleeping."""
from __future__ import annotations

import time
from typing import Callable, Literal

State = Literal["ready", "running", "paused", "done"]


def clock_text(seconds: float) -> str:
    """Whole seconds left as m:ss, rounded up so '0:00' only shows when time is up."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


class HoldTimer:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self.state: State = "ready"
        self._left = float(seconds)
        self._started_at = 0.0

    def remaining(self) -> float:
        if self.state == "running":
            return max(0.0, self._left - (self.clock() - self._started_at))
        return self._left

    def start(self) -> None:
        """Start, or go on after a pause; after the end, start a new hold from the top."""
        if self.state == "done":
            self._left = float(self.seconds)
        if self.state != "running":
            self._started_at = self.clock()
            self.state = "running"

    def pause(self) -> None:
        if self.state == "running":
            self._left = self.remaining()
            self.state = "paused"

    def reset(self) -> None:
        self._left = float(self.seconds)
        self.state = "ready"

    def update(self) -> bool:
        """Check the clock; True exactly once, when time has just run out."""
        if self.state == "running" and self.remaining() <= 0:
            self._left = 0.0
            self.state = "done"
            return True
        return False
