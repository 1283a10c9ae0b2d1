"""The shipped deployment (deploy/) run on this machine: nginx, Varnish and gunicorn instances
on ports the system hands out, for ``make serve-edge``, the fault harness, the edge benchmark
and the tests that need real servers."""

import subprocess


def stop(process: subprocess.Popen) -> None:
    """Stop a server of ours: SIGTERM, and SIGKILL if it is still there after 20 seconds."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
