#!/usr/bin/env python
"""Re-run the site's benchmarks and regenerate its tables and charts.

    python scripts/run_benchmarks.py                 # full run: every framework, both measures
    python scripts/run_benchmarks.py --quick         # CI smoke test, about 2-3 minutes
    python scripts/run_benchmarks.py --list --json   # the framework registry
    python scripts/run_benchmarks.py --shard 1/3 --results-dir shards/   # one CI machine's part
    python scripts/run_benchmarks.py merge shards/*.json                 # combine the parts
    python scripts/run_benchmarks.py charts          # redraw charts from the latest results

Two measures (docs/benchmarks/methodology.md): "cost" counts instructions per
request under valgrind's callgrind (deterministic; the ranking), "load" drives
each server with wrk (server on core 0, wrk on core 1) in rounds and reports
medians with 95% bootstrap intervals.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from apiguide import registry
from apiguide.bench import agreement, callgrind, charts, results, runner, scenarios

QUICK_FRAMEWORKS = "fastapi,starlette,flask"
# --quick changes these defaults; flags given explicitly still win.
QUICK_DEFAULTS = {
    "frameworks": QUICK_FRAMEWORKS,
    "rounds": 1,
    "windows": 2,
    "cost_requests": 20,
    "cost_segments": 3,
    "cost_instructions": 2_000_000,
    "cost_warmup": 10,
}


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(f"--shard wants i/n with 1 <= i <= n, not {text!r}")
    return int(index), int(count)


def run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=(
            "Subcommands: `merge FILE...` combines shard results; `charts` redraws charts; "
            "`agree A B` checks that two runs agree."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--list", action="store_true", help="list registered frameworks and exit")
    parser.add_argument("--json", action="store_true", help="with --list: print JSON")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke test: {QUICK_FRAMEWORKS}, 1 round of 2 windows, 3 short callgrind segments",
    )
    parser.add_argument("--measure", choices=("cost", "load", "both"), default="both")
    parser.add_argument("--frameworks", help="comma-separated slugs; default: all")
    parser.add_argument("--scenarios", help=f"comma-separated, of {','.join(scenarios.SCENARIOS)}")
    parser.add_argument("--rounds", type=int, default=3, help="load rounds (random order each)")
    parser.add_argument("--duration", type=int, default=1, help="seconds per wrk window")
    parser.add_argument("--windows", type=int, default=3, help="measured windows per round")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up load")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections")
    parser.add_argument(
        "--io-connections", type=_ints, default=(64, 512), help="connections for the io scenario"
    )
    plan = callgrind.CostPlan()
    parser.add_argument(
        "--cost-segments",
        type=int,
        default=plan.segments,
        help="callgrind segments per scenario; cost = median over segments of instructions/request",
    )
    parser.add_argument(
        "--cost-requests",
        type=int,
        default=plan.segment_requests,
        help="minimum sequential requests per callgrind segment",
    )
    parser.add_argument(
        "--cost-instructions",
        type=int,
        default=plan.segment_instructions,
        help="segments of cheap servers grow to about this many instructions",
    )
    parser.add_argument(
        "--cost-warmup",
        type=int,
        default=plan.warmup,
        help="uncounted requests of every scenario before counting starts",
    )
    parser.add_argument("--cost-repetitions", type=int, default=2, help="fresh servers per cost")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random round order")
    parser.add_argument("--shard", type=_shard, help="i/n: run only every n-th framework from i")
    parser.add_argument("--results-dir", type=Path, default=results.DEFAULT_DIR)
    parser.add_argument(
        "--charts-dir",
        type=Path,
        help=f"redraw charts here after the run (default: {charts.DEFAULT_DIR} "
        "when --results-dir is the default, else none)",
    )
    return parser


def config_from(args: argparse.Namespace, parser: argparse.ArgumentParser) -> runner.Config:
    selected = registry.server_frameworks()
    if args.frameworks:
        wanted = [slug.strip() for slug in args.frameworks.split(",") if slug.strip()]
        known = {fw.slug for fw in selected}
        if unknown := [slug for slug in wanted if slug not in known]:
            parser.error(f"unknown framework(s): {', '.join(unknown)}")
        selected = [registry.get(slug) for slug in wanted]
    shard = None
    if args.shard:
        index, count = args.shard
        selected = selected[index - 1 :: count]
        shard = f"{index}/{count}"
    try:
        chosen_scenarios = scenarios.select(args.scenarios)
    except ValueError as error:
        parser.error(str(error))
    if min(args.cost_segments, args.cost_requests) < 1:
        parser.error("--cost-segments and --cost-requests want at least 1")
    started = results.utc_now()
    return runner.Config(
        frameworks=selected,
        scenarios=chosen_scenarios,
        results_path=args.results_dir / results.run_file_name(started, shard),
        measure=args.measure,
        rounds=args.rounds,
        duration=args.duration,
        windows=args.windows,
        warmup=args.warmup,
        connections=args.connections,
        io_connections=args.io_connections,
        cost_plan=callgrind.CostPlan(
            warmup=args.cost_warmup,
            segments=args.cost_segments,
            segment_requests=args.cost_requests,
            segment_instructions=args.cost_instructions,
        ),
        cost_repetitions=args.cost_repetitions,
        seed=args.seed,
        shard=shard,
        quick=args.quick,
    )


def merge_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run_benchmarks.py merge", description="Merge shards.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--results-dir", type=Path, default=results.DEFAULT_DIR)
    args = parser.parse_args(argv)
    merged = results.merge([results.read(path) for path in args.files])
    path = args.results_dir / results.run_file_name(merged["metadata"]["utc"])
    results.write_atomic(path, merged)
    print(path)
    return 0


def charts_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run_benchmarks.py charts", description="Redraw charts.")
    parser.add_argument("--results-dir", type=Path, default=results.DEFAULT_DIR)
    parser.add_argument("--charts-dir", type=Path, default=charts.DEFAULT_DIR)
    args = parser.parse_args(argv)
    run = results.latest(args.results_dir)
    if run is None:
        print(f"no results in {args.results_dir}", file=sys.stderr)
        return 1
    for path in charts.generate(run, args.charts_dir):
        print(path)
    return 0


def agree_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="run_benchmarks.py agree", description="Check that two runs agree."
    )
    parser.add_argument("run_a", type=Path)
    parser.add_argument("run_b", type=Path)
    args = parser.parse_args(argv)
    ok, text = agreement.report(results.read(args.run_a), results.read(args.run_b))
    print(text)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["agree"]:
        return agree_main(argv[1:])
    if argv[:1] == ["merge"]:
        return merge_main(argv[1:])
    if argv[:1] == ["charts"]:
        return charts_main(argv[1:])
    parser = run_parser()
    if "--quick" in argv:
        parser.set_defaults(**QUICK_DEFAULTS)
    args = parser.parse_args(argv)
    frameworks = registry.load()
    if args.list:
        if args.json:
            json.dump([fw.as_dict() for fw in frameworks], sys.stdout, indent=2)
            print()
        else:
            for fw in frameworks:
                print(f"{fw.slug:14} {fw.kind:11} {fw.serve or '-'}")
        return 0
    config = config_from(args, parser)
    try:
        data = runner.execute(config)
    except KeyboardInterrupt:
        print(f"\ninterrupted; finished cells are in {config.results_path}", file=sys.stderr)
        return 130
    charts_dir = args.charts_dir
    if charts_dir is None and args.results_dir.resolve() == results.DEFAULT_DIR.resolve():
        charts_dir = charts.DEFAULT_DIR
    if charts_dir is not None and config.shard is None:
        charts.generate(data, charts_dir)
    bad = [c for kind in ("cost", "load") for c in data[kind] if c["status"] != "ok"]
    print(f"{config.results_path} ({len(bad)} cell(s) not ok)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
