#!/usr/bin/env python
"""Re-run the site's benchmarks and regenerate its tables and charts.

    python scripts/run_benchmarks.py                 # full run: every framework, every measure
    python scripts/run_benchmarks.py --quick         # smoke test, into benchmarks/scratch/
    python scripts/run_benchmarks.py --resume FILE   # continue an interrupted run
    python scripts/run_benchmarks.py --workers 4     # scaling: 4 server worker processes
    python scripts/run_benchmarks.py --list --json   # the framework registry
    python scripts/run_benchmarks.py --shard 1/3     # one machine's part (into scratch)
    python scripts/run_benchmarks.py merge PART...   # combine parts into one run
    python scripts/run_benchmarks.py charts          # redraw charts from the latest results
    python scripts/run_benchmarks.py window-study    # the data behind the window lengths
    python scripts/run_benchmarks.py schema          # the results file's JSON Schema

Measures (docs/benchmarks/methodology.md): "cost" counts instructions per
request under valgrind's callgrind (deterministic), "load" drives each server
with wrk (server and wrk on separate cores) in rounds and reports medians with
95% intervals from the spread between rounds; a full run also times start-up.

Only a full run (every framework, scenario and measure, one worker, not
--quick) is written to benchmarks/results/, which the site reads, and redraws
the site's charts. Everything else goes to benchmarks/scratch/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from apiguide import registry
from apiguide.bench import (
    agreement,
    callgrind,
    charts,
    results,
    runner,
    scenarios,
    schema,
    sitebuild,
    window_study,
)

QUICK_FRAMEWORKS = "fastapi,starlette,flask"
# --quick changes these defaults; flags given explicitly still win.
QUICK_DEFAULTS = {
    "frameworks": QUICK_FRAMEWORKS,
    "rounds": 2,
    "windows": 1,
    "duration": 1,
    "io_duration": 1,
    "warmup": 0,
    "busy_retries": 0,  # a smoke run on a working machine: flag busy windows, do not wait
    "cost_requests": 20,
    "cost_segments": 3,
    "cost_instructions": 2_000_000,
    "cost_warmup": 10,
    "cost_idle": 0.5,
    "cost_repetitions": 1,  # one fresh server per cost: every cell is marked unconfirmed
    "startup_repetitions": 1,
    "rate_rounds": 1,
    "rate_duration": 1,
    "rate_fractions": (0.5, 0.9),
}
DEFAULTS = runner.Config(frameworks=[], scenarios=[], results_path=Path())


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
            "Subcommands: `merge FILE...` combines parts; `charts` redraws charts; "
            "`agree A B` checks that two runs agree; `window-study` measures window lengths; "
            "`site-build` times the site build and a page edit under `make serve`; "
            "`schema` prints the results JSON Schema."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--list", action="store_true", help="list registered frameworks and exit")
    parser.add_argument("--json", action="store_true", help="with --list: print JSON")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke test: {QUICK_FRAMEWORKS}, 2 rounds of 1 s windows without warm-up, one "
        "callgrind server of 3 short segments, 2 fixed rates; written to benchmarks/scratch/, "
        "never to the site's results or charts",
    )
    parser.add_argument(
        "--resume",
        type=Path,
        metavar="FILE",
        help="continue an interrupted run in FILE with its own configuration",
    )
    parser.add_argument(
        "--measure",
        choices=("cost", "load", "rate", "both"),
        default="both",
        help="both = everything: cost, start-up, load, then latency at fixed rates",
    )
    parser.add_argument(
        "--rate-rounds",
        type=int,
        default=DEFAULTS.rate_rounds,
        help="rounds of the fixed-rate (h2load) measure; 0 skips it",
    )
    parser.add_argument(
        "--rate-duration",
        type=int,
        default=DEFAULTS.rate_duration,
        help="seconds measured per offered rate",
    )
    parser.add_argument(
        "--rate-fractions",
        type=lambda text: tuple(float(part) for part in text.split(",") if part.strip()),
        default=DEFAULTS.rate_fractions,
        help="offered rates, as fractions of the capacity wrk measured",
    )
    parser.add_argument("--frameworks", help="comma-separated slugs; default: all")
    parser.add_argument("--scenarios", help=f"comma-separated, of {','.join(scenarios.SCENARIOS)}")
    parser.add_argument(
        "--rounds", type=int, default=DEFAULTS.rounds, help="load rounds (random order each)"
    )
    parser.add_argument(
        "--duration", type=int, default=DEFAULTS.duration, help="seconds per wrk window"
    )
    parser.add_argument(
        "--io-duration",
        type=int,
        default=DEFAULTS.io_duration,
        help="seconds per wrk window of the io scenario",
    )
    parser.add_argument(
        "--windows", type=int, default=DEFAULTS.windows, help="measured windows per round"
    )
    parser.add_argument(
        "--warmup", type=int, default=DEFAULTS.warmup, help="seconds of warm-up load (0: none)"
    )
    parser.add_argument(
        "--busy-retries",
        type=int,
        default=DEFAULTS.busy_retries,
        help="takes of a window while other processes use the CPU (then flagged)",
    )
    parser.add_argument(
        "--connections", type=int, default=DEFAULTS.connections, help="wrk connections"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server worker processes (results are labelled with it; more than 1 goes to "
        "benchmarks/scratch/ unless --results-dir says otherwise)",
    )
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
    parser.add_argument(
        "--cost-idle",
        type=float,
        default=plan.idle_seconds,
        help="seconds the idle server is counted (its timer work)",
    )
    parser.add_argument("--cost-repetitions", type=int, default=2, help="fresh servers per cost")
    parser.add_argument(
        "--cost-jobs",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="cost repetitions measured side by side (counts do not depend on speed)",
    )
    parser.add_argument(
        "--startup-repetitions",
        type=int,
        default=DEFAULTS.startup_repetitions,
        help="fresh starts per framework for the start-up measure (0: skip it)",
    )
    parser.add_argument(
        "--startup-instructions",
        action="store_true",
        help="also count start-up instructions under callgrind (about a minute per framework)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the random round order")
    parser.add_argument("--shard", type=_shard, help="i/n: run only every n-th framework from i")
    parser.add_argument(
        "--results-dir",
        type=Path,
        help=f"default: {results.DEFAULT_DIR} for a full run, {results.SCRATCH_DIR} otherwise",
    )
    parser.add_argument(
        "--charts-dir",
        type=Path,
        help=f"redraw charts here after the run (default: {charts.DEFAULT_DIR} after a full "
        "run into the default results directory, else none)",
    )
    return parser


def is_partial(args: argparse.Namespace) -> bool:
    """Anything but every framework, scenario and measure, with one worker, at full length."""
    return bool(
        args.quick
        or args.frameworks
        or args.scenarios
        or args.measure != "both"
        or args.shard
        or args.workers != 1
    )


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
    if min(args.cost_segments, args.cost_requests, args.workers, args.rounds) < 1:
        parser.error("--cost-segments, --cost-requests, --rounds and --workers want at least 1")
    partial = is_partial(args)
    results_dir = args.results_dir or (results.SCRATCH_DIR if partial else results.DEFAULT_DIR)
    if partial and results_dir.resolve() == results.DEFAULT_DIR.resolve():
        parser.error(
            f"a quick or partial run cannot write to {results.DEFAULT_DIR}, which the site "
            "reads; leave out --results-dir (it goes to benchmarks/scratch/) or name another"
        )
    started = results.utc_now()
    return runner.Config(
        frameworks=selected,
        scenarios=chosen_scenarios,
        results_path=results_dir / results.run_file_name(started, shard, args.workers),
        measure=args.measure,
        rounds=args.rounds,
        duration=args.duration,
        io_duration=args.io_duration,
        windows=args.windows,
        warmup=args.warmup,
        connections=args.connections,
        io_connections=args.io_connections,
        cost_plan=callgrind.CostPlan(
            warmup=args.cost_warmup,
            segments=args.cost_segments,
            segment_requests=args.cost_requests,
            segment_instructions=args.cost_instructions,
            idle_seconds=args.cost_idle,
        ),
        busy_retries=args.busy_retries,
        cost_repetitions=args.cost_repetitions,
        cost_jobs=args.cost_jobs,
        startup_repetitions=args.startup_repetitions,
        startup_instructions=args.startup_instructions,
        workers=args.workers,
        rate_rounds=args.rate_rounds,
        rate_duration=args.rate_duration,
        rate_fractions=args.rate_fractions,
        seed=args.seed,
        shard=shard,
        quick=args.quick,
    )


def merge_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run_benchmarks.py merge", description="Merge shards.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument(
        "--results-dir", type=Path, help="default: the site's results for a full run, else scratch"
    )
    args = parser.parse_args(argv)
    merged = results.merge([results.read(path) for path in args.files])
    full = results.is_site_run(merged) and set(merged["config"]["frameworks"]) >= {
        fw.slug for fw in registry.server_frameworks()
    }
    directory = args.results_dir or (results.DEFAULT_DIR if full else results.SCRATCH_DIR)
    path = directory / results.run_file_name(merged["metadata"]["utc"])
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


def schema_main(argv: list[str]) -> int:
    json.dump(schema.json_schema(), sys.stdout, indent=1)
    print()
    return 0


def window_study_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="run_benchmarks.py window-study",
        description="Throughput and p99 against window length: the data behind the durations.",
    )
    parser.add_argument("--output", type=Path, default=window_study.DEFAULT_PATH)
    args = parser.parse_args(argv)
    window_study.run(args.output)
    print(args.output)
    return 0


def site_build_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="run_benchmarks.py site-build",
        description="Time a strict site build and a page edit under `make serve`.",
    )
    parser.add_argument("--output", type=Path, default=sitebuild.DEFAULT_PATH)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args(argv)
    data = sitebuild.run(args.output, args.repetitions)
    print(f"build {data['build_median_s']:.1f} s, reload {data['reload_median_s']:.1f} s (medians)")
    print(args.output)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["site-build"]:
        return site_build_main(argv[1:])
    if argv[:1] == ["schema"]:
        return schema_main(argv[1:])
    if argv[:1] == ["window-study"]:
        return window_study_main(argv[1:])
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
    previous = None
    if args.resume:
        previous = results.read(args.resume)
        if previous.get("complete"):
            parser.error(f"{args.resume} is a complete run: nothing to resume")
        config = runner.Config.from_dict(previous["config"], args.resume)
    else:
        config = config_from(args, parser)
    site_run = config.results_path.parent.resolve() == results.DEFAULT_DIR.resolve()
    charts_dir = args.charts_dir or (charts.DEFAULT_DIR if site_run else None)
    if (
        charts_dir is not None
        and not site_run
        and charts_dir.resolve() == charts.DEFAULT_DIR.resolve()
    ):
        parser.error("only a full run redraws the site's charts; name another --charts-dir")
    try:
        data = runner.execute(config, resume=previous)
    except KeyboardInterrupt:
        print(
            f"\ninterrupted; finished cells are in {config.results_path}; continue with "
            f"--resume {config.results_path}",
            file=sys.stderr,
        )
        return 130
    if charts_dir is not None and config.shard is None:
        charts.generate(data, charts_dir)
    bad = [c for kind in ("cost", "load") for c in data[kind] if c["status"] != "ok"]
    print(f"{config.results_path} ({len(bad)} cell(s) not ok)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
