"""CPU taken by other processes while a window is measured: read from /proc, real processes."""

import subprocess
import sys
import time

from apiguide.bench import procstat, runner
from tests.bench.conftest import fake_config

BURN = "import time\nend = time.monotonic() + 30\nwhile time.monotonic() < end: pass"


def test_machine_cpu_reads_busy_and_steal_from_proc_stat(tmp_path):
    stat = tmp_path / "stat"
    ticks = procstat.CLOCK_TICKS
    # user nice system idle iowait irq softirq steal guest guest_nice
    stat.write_text(f"cpu  {ticks} 0 {ticks} 900 7 0 {ticks} {2 * ticks} 0 0\ncpu0 1 2 3\n")
    assert procstat.machine_cpu_s(stat) == (3.0, 2.0)  # idle and iowait are not busy


def test_what_the_machine_spent_beyond_the_measured_processes_is_foreign():
    before = procstat.CpuSnapshot(busy_s=100.0, steal_s=1.0, measured_s=10.0)
    after = procstat.CpuSnapshot(busy_s=104.0, steal_s=1.5, measured_s=13.5)
    assert procstat.foreign_cpu_s(before, after) == (0.5, 0.5)
    # Tick rounding can make the measured side exceed the machine's: never negative.
    assert procstat.foreign_cpu_s(before, before.__class__(103.0, 1.0, 13.5)) == (0.0, 0.0)


def test_a_stranger_burning_a_core_is_foreign_and_the_servers_own_work_is_not():
    server = subprocess.Popen([sys.executable, "-c", BURN], start_new_session=True)
    stranger = None
    try:
        time.sleep(0.3)
        before = procstat.snapshot(server.pid)  # the burner is "the server" here
        time.sleep(1.0)
        after = procstat.snapshot(server.pid)
        stranger = subprocess.Popen([sys.executable, "-c", BURN])
        time.sleep(0.3)
        with_stranger = procstat.snapshot(server.pid)
        time.sleep(1.0)
        busy, _ = procstat.foreign_cpu_s(with_stranger, procstat.snapshot(server.pid))
    finally:
        for process in (server, stranger):
            if process is not None:
                process.kill()
                process.wait()
    assert after.measured_s - before.measured_s > 0.5  # the server's CPU is measured work
    assert busy > 0.5  # the stranger's is not (other tests running beside add to it)


def test_a_window_measured_on_a_busy_machine_is_taken_again_then_flagged(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "BUSY_PAUSE_S", 0.0)
    shares = iter([0.9, 0.02])  # busy once, then quiet
    real = procstat.foreign_cpu_s

    def foreign(before, after):
        real(before, after)
        return next(shares, 0.02) * 1.0, 0.0  # CPU seconds over a 1 s window

    monkeypatch.setattr(procstat, "foreign_cpu_s", foreign)
    data = runner.execute(fake_config(tmp_path / "a", "ok", rounds=1, busy_retries=2))
    (cell,) = data["load"]
    (window,) = cell["rounds"][0]["windows"]
    assert window["busy_retries"] == 1 and window["foreign_cpu_s"] == 0.02
    assert not cell["summary"]["machine_busy"] and cell["summary"]["ranked"]

    monkeypatch.setattr(procstat, "foreign_cpu_s", lambda before, after: (0.9, 0.0))
    data = runner.execute(fake_config(tmp_path / "b", "ok", rounds=1, busy_retries=2))
    (cell,) = data["load"]
    (window,) = cell["rounds"][0]["windows"]
    assert window["busy_retries"] == 2
    assert cell["summary"]["machine_busy"] and not cell["summary"]["ranked"]


def test_a_reaped_child_counts_as_measured():
    """wrk and h2load are waited for, so their CPU is in RUSAGE_CHILDREN: the runner's own."""
    before = procstat.own_cpu_s()
    # Half a second of its own CPU, however busy the machine (a wall-clock burn got less).
    burn = "import time\nwhile time.process_time() < 0.5: pass"
    subprocess.run([sys.executable, "-c", burn], check=True)
    assert procstat.own_cpu_s() - before >= 0.5
