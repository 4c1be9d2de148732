"""Per-key rate limiting with a token bucket, driven by a clock the caller injects."""

import math
from collections.abc import Callable
from dataclasses import dataclass

WINDOW_SECONDS = 60.0  # limits are quoted per minute
# What counts as a whole token: earning one back can land a hair below 1.0 in floating point.
ONE_TOKEN = 1 - 1e-9


@dataclass
class Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    """Each key has a bucket of ``per_minute`` tokens that refills at ``per_minute`` per minute.

    A request spends one token. A full bucket allows a burst of ``per_minute`` requests;
    after that, one more every ``60 / per_minute`` seconds.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._buckets: dict[str, Bucket] = {}

    def take(self, key: str, per_minute: int) -> int:
        """Spend a token for ``key``: 0 if the request may go ahead, otherwise the whole
        seconds until it may (the ``Retry-After`` value). A refused request costs nothing."""
        now = self._clock()
        bucket = self._buckets.setdefault(key, Bucket(tokens=per_minute, updated=now))
        seconds_per_token = WINDOW_SECONDS / per_minute
        # max(): a wall clock stepped backwards must neither take tokens nor grant extra ones.
        earned = max(0.0, now - bucket.updated) / seconds_per_token
        bucket.tokens = min(float(per_minute), bucket.tokens + earned)
        bucket.updated = max(now, bucket.updated)
        if bucket.tokens >= ONE_TOKEN:
            bucket.tokens -= 1
            return 0
        # Rounded up: a client that waits exactly this long is let through.
        return math.ceil((ONE_TOKEN - bucket.tokens) * seconds_per_token)
