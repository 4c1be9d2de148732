"""A clock the tests move by hand, so rate limits and days change without sleeping."""

from datetime import datetime


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
