"""Aggregates: 95% intervals (between rounds for load cells), tie groups, cost spread."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

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

    def _replace_n(self, n: int) -> Interval:
        return Interval(self.median, self.low, self.high, n)


def median_interval(samples: Sequence[float]) -> Interval:
    """Median and its 95% percentile-bootstrap confidence interval (scipy.stats.bootstrap)."""
    data = np.asarray(samples, dtype=float)
    if data.size == 0:
        raise ValueError("no samples")
    median = float(np.median(data))
    if data.size == 1 or np.all(data == data[0]):
        return Interval(median, median, median, int(data.size))  # nothing to resample
    from scipy import stats  # only where it is used: the site build never needs it

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


def median_of_rounds(rounds: Sequence[Sequence[float]] | Sequence[np.ndarray]) -> float:
    """The median over rounds of each round's median (the point estimate of rounds_interval)."""
    medians = [np.median(r) for r in rounds if len(r)]
    if not medians:
        raise ValueError("no samples")
    return float(np.median(medians))


def rounds_interval(rounds: Sequence[Sequence[float]]) -> Interval:
    """The mean of the rounds' medians, with a 95% interval for a repeat run.

    Each round is a fresh server measured in its own slot of the run, so rounds,
    not the windows inside one, are the unit of repetition. The question the
    interval answers is the one a reader asks: where would the same measurement
    land if the whole run were made again? That is a prediction interval for
    the mean of another ``n`` rounds: mean ± t(0.975, n - 1) · s · √(2/n), with
    ``s`` the standard deviation between the round medians. (A percentile
    bootstrap over three or four rounds cannot reach beyond the rounds it saw,
    and held the other run's value in barely half the cells of two runs made the
    same evening.) With a single round there is no between-round spread; the
    interval then falls back to a bootstrap over that round's windows. ``n`` is
    the number of rounds; ``median`` holds the point estimate.
    """
    groups = [np.asarray(r, dtype=float) for r in rounds if len(r)]
    if not groups:
        raise ValueError("no samples")
    if len(groups) == 1:
        return median_interval(groups[0].tolist())._replace_n(1)
    from scipy import stats

    per_round = np.array([np.median(g) for g in groups])
    n = per_round.size
    mean = float(per_round.mean())
    spread = float(per_round.std(ddof=1))
    half = float(stats.t.ppf(1 - (1 - CONFIDENCE) / 2, n - 1)) * spread * math.sqrt(2 / n)
    return Interval(mean, mean - half, mean + half, n)


def tie_groups(intervals: dict[str, Interval], *, higher_is_better: bool = True) -> dict[str, int]:
    """Ranks by tie group: entries whose intervals overlap, directly or through a chain of
    overlapping entries, share a group, so no two overlapping entries get different ranks.

    A group's rank is 1 + the number of entries in the groups wholly better than it
    (the way sports tables number ties: 1, =2, =2, 4).
    """
    ordered = sorted(intervals.items(), key=lambda item: (item[1].low, item[1].high))
    groups: list[list[str]] = []
    reach = -np.inf
    for name, interval in ordered:
        if not groups or interval.low > reach:
            groups.append([])
            reach = interval.high
        groups[-1].append(name)
        reach = max(reach, interval.high)
    if higher_is_better:
        groups.reverse()
    ranks, placed = {}, 0
    for group in groups:
        for name in group:
            ranks[name] = placed + 1
        placed += len(group)
    return ranks


def relative_spread(values: Sequence[float]) -> float:
    """(max - min) / min of repeated measurements; 0 for a single value."""
    low, high = min(values), max(values)
    return (high - low) / low if low else 0.0
