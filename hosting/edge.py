"""``make serve-edge``: the shipped topology on this machine, as docs/deployment.md draws it.

nginx (deploy/nginx.conf, a throwaway self-signed certificate) in front of Varnish
(deploy/varnish/) in front of two gunicorn instances and the background worker. The instances
purge Varnish by surrogate key as content changes. Everything stops together, on Ctrl-C or when
one of the application's processes ends.

The Makefile prepares the database and static files first, as for ``make serve-prod``, and
passes the same environment. Ports: EDGE_HTTPS_PORT (8443), EDGE_HTTP_PORT (8080, redirects to
HTTPS), EDGE_CACHE_PORT (Varnish, 6081) and EDGE_APP_PORTS (gunicorn, "8000,8001", the ports
the shipped backends.vcl names).
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from django.conf import settings

from hosting import BACKGROUND_WORKER, nginx, stop, varnish
from hosting.nginx import accepts
from tests.production_env import PROJECT_ROOT, wait_until

# Seconds a gunicorn instance may take to listen, on a slow machine.
STARTUP_SECONDS = 30


def ports_from_environment() -> tuple[nginx.Ports, int, list[int]]:
    front = nginx.Ports(
        http=int(os.environ.get("EDGE_HTTP_PORT", 8080)),
        https=int(os.environ.get("EDGE_HTTPS_PORT", 8443)),
    )
    cache = int(os.environ.get("EDGE_CACHE_PORT", 6081))
    apps = [int(port) for port in os.environ.get("EDGE_APP_PORTS", "8000,8001").split(",")]
    return front, cache, apps


@contextmanager
def process(command: list[str], environment: dict[str, str]) -> Iterator[subprocess.Popen]:
    """A process of the application's, stopped (SIGTERM, then SIGKILL) when the block ends."""
    child = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment)  # noqa: S603
    try:
        yield child
    finally:
        stop(child)


def serve(stack: ExitStack) -> list[subprocess.Popen]:
    front, cache_port, app_ports = ports_from_environment()
    environment = os.environ | {
        # nginx, then Varnish, add to X-Forwarded-For; nginx says the reader came over HTTPS.
        "TRUSTED_PROXY_COUNT": "2",
        "SECURE_PROXY_SSL_HEADER": "1",
        "PURGE_BACKEND": "varnish",
        "PURGE_URLS": f"http://127.0.0.1:{cache_port}/",
    }
    # nginx passes the host name without its port; forms posted from this port are ours.
    environment.setdefault(
        "CSRF_TRUSTED_ORIGINS",
        f"https://127.0.0.1:{front.https},https://localhost:{front.https}",
    )
    python = sys.executable
    children = [stack.enter_context(process(BACKGROUND_WORKER, environment))]
    for port in app_ports:
        bind = {"GUNICORN_BIND": f"127.0.0.1:{port}"}
        command = [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi"]
        children.append(stack.enter_context(process(command, environment | bind)))
    for port in app_ports:
        wait_until(
            lambda port=port: accepts(port) or any(c.poll() is not None for c in children),
            within=STARTUP_SECONDS,
            waiting_for=f"gunicorn on 127.0.0.1:{port}",
        )
    # The application's own settings say where its files and uploads live.
    folder = settings.VAR_DIR / "edge"
    cache = stack.enter_context(varnish.varnish(folder / "varnish", app_ports, port=cache_port))
    media = settings.MEDIA_ROOT
    stack.enter_context(nginx.nginx(folder / "nginx", cache.port, ports=front, media=media))
    print(
        f"\nNewsroom at https://127.0.0.1:{front.https}/ (self-signed certificate): nginx, "
        f"Varnish on {cache.port}, gunicorn on {', '.join(map(str, app_ports))} and the "
        "background worker. Ctrl-C stops them all.\n",
        flush=True,
    )
    return children


def stop_on_terminate(signal_number: int, frame) -> None:
    """Turn SIGTERM into an exit that runs every clean-up, so no server outlives this one."""
    sys.exit(128 + signal_number)


def main() -> int:
    signal.signal(signal.SIGTERM, stop_on_terminate)
    with ExitStack() as stack:
        children = serve(stack)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(1)
        except KeyboardInterrupt:
            return 0
        print("A process of the application's stopped; stopping the rest.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
