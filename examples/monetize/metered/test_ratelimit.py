"""The token bucket on its own: exact boundaries, and properties checked by Hypothesis."""

import math
from datetime import UTC, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import FakeClock
from ratelimit import TokenBucketLimiter


def fresh_limiter() -> tuple[TokenBucketLimiter, FakeClock]:
    clock = FakeClock(datetime(2025, 1, 1, tzinfo=UTC))
    return TokenBucketLimiter(clock), clock


@pytest.mark.parametrize(("per_minute", "retry_after"), [(10, 6), (100, 1), (7, 9)])
def test_burst_then_one_token_per_interval(per_minute, retry_after):
    limiter, clock = fresh_limiter()
    assert [limiter.take("key", per_minute) for _ in range(per_minute)] == [0] * per_minute
    assert limiter.take("key", per_minute) == retry_after  # ceil(60 / per_minute)
    clock.advance(retry_after - 0.5)
    assert limiter.take("key", per_minute) == 1  # half a second short: not yet
    clock.advance(0.5)
    assert limiter.take("key", per_minute) == 0
    assert limiter.take("key", per_minute) == retry_after


def test_keys_have_separate_buckets():
    limiter, _ = fresh_limiter()
    assert limiter.take("a", 1) == 0
    assert limiter.take("a", 1) == 60
    assert limiter.take("b", 1) == 0


def test_a_clock_stepping_back_grants_nothing():
    limiter, clock = fresh_limiter()
    assert limiter.take("key", 1) == 0
    clock.advance(-3600)
    assert limiter.take("key", 1) == 60
    clock.advance(3600 + 59)  # back where we were, plus 59 s: the token is not back yet
    assert limiter.take("key", 1) == 1


@given(
    per_minute=st.integers(min_value=1, max_value=200),
    gaps=st.lists(st.floats(min_value=0, max_value=20), max_size=60),
)
@example(per_minute=1, gaps=[0, 0])  # always run a refusal, whatever Hypothesis draws
def test_retry_after_is_honest(per_minute, gaps):
    """Waiting the advertised seconds always gets through, the advertised wait is never
    more than one token's worth, and no key ever beats its plan over time."""
    limiter, clock = fresh_limiter()
    started, admitted = clock(), 0
    for gap in gaps:
        clock.advance(gap)
        wait = limiter.take("key", per_minute)
        if wait:
            assert 1 <= wait <= math.ceil(60 / per_minute)
            clock.advance(wait)
            assert limiter.take("key", per_minute) == 0
        admitted += 1
    assert admitted <= per_minute + (clock() - started) * per_minute / 60 + 1e-6
