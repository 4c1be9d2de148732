"""Aggregates: median with a 95% bootstrap interval, ties by interval overlap, cost spread."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats

SEED = 20261125  # fixed: the same samples always give the same interval
CONFIDENCE = 0.95
COST_TOLERANCE = 0.01  # two repetitions of an instruction count must agree within 1%


@dataclass(frozen=True)
class Interval:
    median: float
    low: float
    high: float
    n: int

    def as_dict(self) -> dict:
        return asdict(self)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def median_interval(samples: Sequence[float]) -> Interval:
    """Median and its 95% percentile-bootstrap confidence interval (scipy.stats.bootstrap)."""
    data = np.asarray(samples, dtype=float)
    if data.size == 0:
        raise ValueError("no samples")
    median = float(np.median(data))
    if data.size == 1 or np.all(data == data[0]):
        return Interval(median, median, median, int(data.size))  # nothing to resample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=stats.DegenerateDataWarning)
        result = stats.bootstrap(
            (data,),
            np.median,
            confidence_level=CONFIDENCE,
            method="percentile",
            n_resamples=9999,
            rng=np.random.default_rng(SEED),
        )
    ci = result.confidence_interval
    return Interval(median, float(ci.low), float(ci.high), int(data.size))


def ranks(intervals: dict[str, Interval], *, higher_is_better: bool = True) -> dict[str, int]:
    """1 + the number of entries whose whole interval is better than this one's.

    Entries whose intervals overlap can share a rank: they are tied, not ordered.
    """

    def better(a: Interval, b: Interval) -> bool:
        return a.low > b.high if higher_is_better else a.high < b.low

    return {
        name: 1 + sum(better(other, mine) for other in intervals.values())
        for name, mine in intervals.items()
    }


def relative_spread(values: Sequence[float]) -> float:
    """(max - min) / min of repeated measurements; 0 for a single value."""
    low, high = min(values), max(values)
    return (high - low) / low if low else 0.0
