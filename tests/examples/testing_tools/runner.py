"""Run one example test module with pytest in a child process, bounded in time.

The example modules are pytest files a reader runs directly; running them in a
child keeps their conftest.py (and its environment) out of this test session.
Coverage follows the child (coverage's subprocess patch), so their lines count.
"""

import os
import subprocess
import sys
from pathlib import Path

from apiguide.registry import ROOT

EXAMPLES = ROOT / "examples" / "testing_tools"


def run_pytest(example: Path, **env: str) -> str:
    """pytest's summary output; the run must pass."""
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout
