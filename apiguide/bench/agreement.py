"""Do two runs agree? Instruction counts within 1%; throughput orderings where it is sure.

python scripts/run_benchmarks.py agree RUN_A.json RUN_B.json
"""

from __future__ import annotations

from dataclasses import dataclass

from apiguide.bench.stats import COST_TOLERANCE, Interval


@dataclass(frozen=True)
class CostCheck:
    framework: str
    scenario: str
    a: float
    b: float

    @property
    def difference(self) -> float:
        return abs(self.a - self.b) / min(self.a, self.b)

    @property
    def agrees(self) -> bool:
        return self.difference <= COST_TOLERANCE


@dataclass(frozen=True)
class OrderCheck:
    """A pair that one run separates (intervals apart) and the other reverses."""

    scenario: str
    concurrency: int
    faster_in_a: str
    slower_in_a: str


def _cost(run: dict) -> dict[tuple[str, str], float]:
    return {
        (c["framework"], c["scenario"]): c["summary"]["instructions_per_request"]
        for c in run.get("cost", [])
        if c.get("status") == "ok" and c.get("summary")
    }


def _load(run: dict) -> dict[tuple[str, int], dict[str, Interval]]:
    cells: dict[tuple[str, int], dict[str, Interval]] = {}
    for c in run.get("load", []):
        if c.get("status") == "ok" and c.get("summary"):
            key = (c["scenario"], c["concurrency"])
            cells.setdefault(key, {})[c["framework"]] = Interval(**c["summary"]["requests_per_s"])
    return cells


def cost_checks(a: dict, b: dict) -> list[CostCheck]:
    cost_a, cost_b = _cost(a), _cost(b)
    return [CostCheck(*key, cost_a[key], cost_b[key]) for key in sorted(cost_a.keys() & cost_b)]


def order_conflicts(a: dict, b: dict) -> list[OrderCheck]:
    """Pairs whose intervals are apart in both runs but in opposite order.

    A pair that overlaps in either run is a tie there, and a tie contradicts nothing.
    """
    conflicts = []
    load_a, load_b = _load(a), _load(b)
    for key in sorted(load_a.keys() & load_b):
        both = sorted(load_a[key].keys() & load_b[key])
        for i, x in enumerate(both):
            for y in both[i + 1 :]:
                ax, ay, bx, by = load_a[key][x], load_a[key][y], load_b[key][x], load_b[key][y]
                if ax.overlaps(ay) or bx.overlaps(by):
                    continue
                if (ax.median > ay.median) != (bx.median > by.median):
                    fast, slow = (x, y) if ax.median > ay.median else (y, x)
                    conflicts.append(OrderCheck(*key, fast, slow))
    return conflicts


@dataclass(frozen=True)
class Calibration:
    """Does each run's value (the mean of its round medians) fall inside the other's interval?"""

    scenario: str
    concurrency: int
    framework: str
    a: Interval
    b: Interval

    @property
    def inside(self) -> bool:
        a, b = self.a, self.b
        return b.low <= a.median <= b.high and a.low <= b.median <= a.high

    @property
    def spread(self) -> float:
        """Run-to-run difference of the two values, relative to the lower one."""
        low = min(self.a.median, self.b.median)
        return abs(self.a.median - self.b.median) / low if low else 0.0


CALIBRATION_TARGET = 0.90  # share of cells whose intervals must hold the other run's median


def calibration(a: dict, b: dict) -> list[Calibration]:
    load_a, load_b = _load(a), _load(b)
    return [
        Calibration(*key, framework, load_a[key][framework], load_b[key][framework])
        for key in sorted(load_a.keys() & load_b)
        for framework in sorted(load_a[key].keys() & load_b[key])
    ]


def calibration_line(cells: list[Calibration]) -> str:
    inside = sum(c.inside for c in cells)
    share = inside / len(cells) if cells else 0.0
    verdict = "meets" if share >= CALIBRATION_TARGET else "misses"
    return (
        f"calibration: {inside}/{len(cells)} load cells ({share:.0%}) have each run's value "
        f"inside the other run's 95% interval ({verdict} the {CALIBRATION_TARGET:.0%} target)"
    )


def calibrated(cells: list[Calibration]) -> bool:
    return not cells or sum(c.inside for c in cells) / len(cells) >= CALIBRATION_TARGET


def report(a: dict, b: dict) -> tuple[bool, str]:
    costs = cost_checks(a, b)
    disagree = [c for c in costs if not c.agrees]
    conflicts = order_conflicts(a, b)
    cells = calibration(a, b)
    lines = [
        f"instruction counts: {len(costs) - len(disagree)}/{len(costs)} cells within "
        f"{COST_TOLERANCE:.0%}",
        *(
            f"  {c.framework} {c.scenario}: {c.a:,.0f} vs {c.b:,.0f} ({c.difference:.2%})"
            for c in disagree
        ),
        calibration_line(cells),
        f"throughput orderings reversed (intervals apart in both runs): {len(conflicts)}",
        *(
            f"  {c.scenario} c{c.concurrency}: {c.faster_in_a} > {c.slower_in_a} in A, "
            "reversed in B"
            for c in conflicts
        ),
    ]
    return not disagree and not conflicts and calibrated(cells), "\n".join(lines)
