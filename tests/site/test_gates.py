"""The gates of `make test`: a strict site build, lint, and the coverage floor,
each with a test that breaks it on purpose and checks that it fails."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from apiguide import launcher, sitecheck
from apiguide.registry import ROOT

BIN = Path(sys.executable).parent
LINTED = ["apiguide", "examples", "scripts", "tests"]


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = launcher.unmeasured({**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_site_builds_strict_with_no_warnings(site_build):
    """The session's one build (tests/site/conftest.py) ran with --strict."""
    assert site_build.returncode == 0, site_build.log[-3000:]
    assert "WARNING" not in site_build.log
    assert (site_build.site_dir / "index.html").is_file()


def test_site_has_no_cdn_assets():
    config = sitecheck.site_config()
    assert config["theme"]["font"] is False, "Material would load Google Fonts"
    # Extra styles and scripts are the site's own files under docs/, never another host's.
    for extra in [*config.get("extra_css", []), *config.get("extra_javascript", [])]:
        path = extra if isinstance(extra, str) else extra["path"]  # a script may be a mapping
        assert not sitecheck.is_external(path), path
        assert (ROOT / "docs" / path).is_file(), f"{path} is not a file in docs/"


def test_lint_is_clean():
    check = run(BIN / "ruff", "check", *LINTED)
    assert check.returncode == 0, check.stdout[-3000:]
    fmt = run(BIN / "ruff", "format", "--check", *LINTED)
    assert fmt.returncode == 0, fmt.stdout[-3000:]


# --- each gate can fail -------------------------------------------------------


def test_strict_build_fails_on_a_missing_snippet(tmp_path):
    """The site's own markdown settings (check_paths) turn a bad include into a failure."""
    config = sitecheck.site_config()
    minimal = {
        "site_name": "gate",
        "strict": True,
        "markdown_extensions": config["markdown_extensions"],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(minimal))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text('```python\n--8<-- "examples/missing.py:x"\n```\n')
    result = run(BIN / "mkdocs", "build", "--strict", cwd=tmp_path)
    assert result.returncode != 0
    assert "missing.py" in result.stderr


def test_lint_fails_on_an_unused_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    result = run(BIN / "ruff", "check", "--config", ROOT / "pyproject.toml", bad)
    assert result.returncode != 0 and "F401" in result.stdout


def test_coverage_floor_fails_when_an_example_line_never_runs(tmp_path):
    """Deleting an example's test leaves its lines unexecuted: the suite must fail."""
    pkg = tmp_path / "examples"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "shown.py").write_text(
        "def tested():\n    return 1\n\n\ndef untested():\n    return 2\n"
    )
    (tmp_path / "test_shown.py").write_text(
        "from examples.shown import tested\n\n\ndef test_it():\n    assert tested() == 1\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [tool.coverage.run]
            source = ["examples"]
            [tool.coverage.report]
            fail_under = 100
            """
        )
    )
    result = run(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "--cov",
        "--rootdir",
        tmp_path,
        tmp_path / "test_shown.py",
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "Required test coverage of 100" in result.stdout


def test_the_macros_do_not_import_the_plotting_and_statistics_stacks():
    """The site build renders stored numbers; matplotlib and scipy are only for the
    benchmark script (importing them cost the build seconds on every rebuild)."""
    code = (
        "import sys, apiguide.macros\n"
        "print(sorted(m for m in ('matplotlib', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
