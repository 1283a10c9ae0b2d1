"""The shipped nginx configuration (deploy/nginx.conf), run on this machine.

Only what names this machine changes: the certificate becomes a throwaway self-signed one,
the cache and media folders move into a folder of the caller's, the listening ports become
ones the system hands out and, when asked, the upstream (Varnish in production) becomes the
caller's server. Everything readers depend on (timeouts, what is passed on, the static files'
cache, media headers) is kept as shipped.
"""

import getpass
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hosting import stop
from tests.production_env import PROJECT_ROOT, free_port, wait_until

NGINX = shutil.which("nginx")
OPENSSL = shutil.which("openssl")
# The shipped file's one upstream server: Varnish.
SHIPPED_UPSTREAM = "server 127.0.0.1:6081;"


def available() -> bool:
    return bool(NGINX and OPENSSL)


def version() -> str:
    completed = subprocess.run(  # noqa: S603 - fixed arguments
        [NGINX, "-v"], capture_output=True, text=True, check=False
    )
    return completed.stderr.strip().removeprefix("nginx version: ")


@dataclass(frozen=True)
class Ports:
    http: int
    https: int


def site_config(
    shipped: str,
    folder: Path,
    ports: Ports,
    *,
    upstream: int | None = None,
    media: Path | None = None,
) -> str:
    """``shipped`` with this machine's folders and ports in place of production's.

    Without ``upstream`` the shipped server stays, where nothing may answer. Pictures come from
    ``media``, by default ``folder / "media"``.
    """
    replacements = {
        "/etc/letsencrypt/live/news.example.org/fullchain.pem": str(folder / "cert.pem"),
        "/etc/letsencrypt/live/news.example.org/privkey.pem": str(folder / "key.pem"),
        "/var/cache/nginx/newsroom": str(folder / "cache"),
        "/srv/newsroom/var/media/": f"{media or folder / 'media'}/",
        "listen 80;": f"listen 127.0.0.1:{ports.http};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{ports.https} ssl http2;",
        # Plain HTTP is sent to HTTPS on the port this nginx listens on, not 443.
        "return 301 https://$host$request_uri;": (
            f"return 301 https://$host:{ports.https}$request_uri;"
        ),
    }
    if upstream is not None:
        replacements[SHIPPED_UPSTREAM] = f"server 127.0.0.1:{upstream};"
    for production, here in replacements.items():
        if production not in shipped:
            raise ValueError(f"deploy/nginx.conf no longer contains {production!r}.")
        shipped = shipped.replace(production, here)
    return "\n".join(line for line in shipped.splitlines() if "listen [::]" not in line)


def main_config(folder: Path) -> str:
    """The outer nginx.conf: everything in the folder, one worker, the site included."""
    temp_paths = " ".join(
        f"{kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        # Workers run as whoever runs the harness, so they can read its private folder.
        f"user {getpass.getuser()};\nworker_processes 1;\n"
        f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\nevents {{}}\n"
        f"http {{\n access_log {folder / 'access.log'};\n {temp_paths}\n"
        " types { image/png png; image/jpeg jpg; text/html html; }\n"
        f" include {folder / 'site.conf'};\n}}\n"
    )


def self_signed_certificate(folder: Path) -> None:
    subprocess.run(  # noqa: S603 - fixed arguments
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=news.example.org"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )


def accepts(port: int) -> bool:
    """Whether something listens on ``port`` of 127.0.0.1."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
    except OSError:
        return False
    return True


@contextmanager
def nginx(
    folder: Path,
    upstream: int | None = None,
    *,
    ports: Ports | None = None,
    media: Path | None = None,
) -> Iterator[Ports]:
    """Run the shipped nginx in front of the server on port ``upstream``; yields its ports.

    On ``ports`` if given, else on ports the system hands out. Media it serves from disk come
    from ``media``, by default ``folder / "media"``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "media").mkdir(exist_ok=True)
    self_signed_certificate(folder)
    ports = ports or Ports(http=free_port(), https=free_port())
    shipped = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text()
    config = site_config(shipped, folder, ports, upstream=upstream, media=media)
    (folder / "site.conf").write_text(config)
    (folder / "nginx.conf").write_text(main_config(folder))
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    check = subprocess.run(  # noqa: S603 - fixed arguments
        [*command, "-t"], capture_output=True, text=True, check=False
    )
    if check.returncode:
        raise RuntimeError(f"nginx refuses the adapted configuration:\n{check.stderr}")
    server = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603 - fixed arguments
    try:
        # The pid file can appear before the listening sockets answer on a busy machine.
        wait_until(
            lambda: server.poll() is not None or (accepts(ports.http) and accepts(ports.https)),
            within=10,
            waiting_for="nginx to start",
        )
        if server.poll() is not None:
            raise RuntimeError(f"nginx stopped at once; see {folder / 'error.log'}.")
        yield ports
    finally:
        stop(server)
