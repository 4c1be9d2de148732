#!/usr/bin/env python
"""Re-run the site's benchmarks and regenerate its tables and charts.

python scripts/run_benchmarks.py --list --json   # the framework registry
"""

from __future__ import annotations

import argparse
import json
import sys

from apiguide import registry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list registered frameworks and exit")
    parser.add_argument("--json", action="store_true", help="with --list: print JSON")
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
    parser.error("benchmark runs are not implemented yet; use --list")
    return 2


if __name__ == "__main__":
    sys.exit(main())
