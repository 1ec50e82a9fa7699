"""bench/run.py without Lighthouse: the progress estimate, and the clean-up that `make bench` runs when stopped."""
import os
import subprocess
import sys
from pathlib import Path

from bench import run as bench

ROOT = Path(__file__).resolve().parent.parent

# In a Python process of its own, as `make bench` runs (stop_all stops every descendant of the process that calls it):
# a child; its grandchild with an empty environment (as nginx and Chromium's helpers); and a process that left the
# tree and the session but kept the environment (as Chromium's crash handler). Prints those still running after.
STARTS_AND_STOPS = """
import subprocess
from pathlib import Path
from bench import run as bench
shell = subprocess.Popen(["sh", "-c", "env -i sleep 301 & echo $!; (setsid sleep 302 & echo $!); echo left; wait"],
                         env=bench.ENV, stdout=subprocess.PIPE, text=True)
pids = {shell.pid, int(shell.stdout.readline()), int(shell.stdout.readline())}
assert shell.stdout.readline().strip() == "left"  # the subshell has exited: the second sleep is re-parented to init
assert pids <= bench.started(), (pids, bench.started())
bench.stop_all()
for pid in pids:
    try:
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            print(pid, "still runs")
    except FileNotFoundError:
        pass
"""


def test_clock():
    assert [bench.clock(s) for s in (0, 9.6, 65, 3600, 3725)] == ["0:00", "0:10", "1:05", "1:00:00", "1:02:05"]


def test_time_left_is_the_runs_to_go_at_the_mean_so_far():
    assert bench.time_left([10.0], 126) == 1250
    assert bench.time_left([8.0, 12.0, 10.0], 6) == 30
    assert bench.time_left([8.0, 12.0], 2) == 0


def test_stop_all_stops_children_grandchildren_and_escaped_processes():
    done = subprocess.run([sys.executable, "-c", STARTS_AND_STOPS], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
