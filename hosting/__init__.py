"""The shipped deployment (deploy/) run on this machine: nginx, Varnish and gunicorn instances
on ports the system hands out, for ``make serve-edge``, the fault harness, the edge benchmark
and the tests that need real servers."""

import subprocess
import sys

# The background worker (``manage.py db_worker``) at a lower CPU priority than gunicorn: on a
# busy machine readers' requests come first and the background's work (related posts chosen
# again, purges retried) waits its turn. With an editor at work every second, readers kept
# 0.69 of their quiet throughput with the worker at the same priority and 0.80 below it.
BACKGROUND_WORKER = ["nice", "-n", "10", sys.executable, "manage.py", "db_worker"]


def stop(process: subprocess.Popen) -> None:
    """Stop a server of ours: SIGTERM, and SIGKILL if it is still there after 20 seconds."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
