"""The shipped Varnish configuration (deploy/varnish/default.vcl), run on this machine.

Only what names this machine changes: the VCL is copied into a throwaway folder next to a
backends.vcl written for the caller's servers (the shipped backend block, repeated once per
port), and varnishd listens on a port the system hands out. It runs in the foreground as a
child of the caller and is stopped by its process id when the block ends. Everything readers
depend on (cache rules, grace, purging, error pages, probes and timeouts) is kept as shipped.
"""

import http.client
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hosting import stop
from tests.production_env import PROJECT_ROOT, wait_until

# varnishd lives in /usr/sbin, which an ordinary user's PATH may leave out.
_SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
VARNISHD = shutil.which("varnishd", path=_SEARCH_PATH)
VARNISHADM = shutil.which("varnishadm", path=_SEARCH_PATH)

SHIPPED = PROJECT_ROOT / "deploy" / "varnish"
# The first backend of the shipped backends.vcl; each of the caller's ports gets a copy.
_BACKEND_BLOCK = re.compile(r"^backend app1 \{\n.*?^\}\n", re.MULTILINE | re.DOTALL)
_SHIPPED_PORT = '.port = "8000";'


class MissingVmod(RuntimeError):
    """The VCL imports a vmod this machine lacks (xkey comes with varnish-modules)."""


def available() -> bool:
    return bool(VARNISHD and VARNISHADM)


def version() -> str:
    """ "varnish-7.1.1", as varnishd names itself."""
    completed = subprocess.run(  # noqa: S603 - fixed arguments
        [VARNISHD, "-V"], capture_output=True, text=True, check=False
    )
    found = re.search(r"\((varnish-[^ )]+)", completed.stderr + completed.stdout)
    return found.group(1) if found else "varnish"


def backends_vcl(ports: list[int]) -> str:
    """A backends.vcl naming one instance per port on 127.0.0.1, in the shipped director."""
    shipped = (SHIPPED / "backends.vcl").read_text()
    found = _BACKEND_BLOCK.search(shipped)
    if found is None or _SHIPPED_PORT not in found.group(0):
        raise ValueError("deploy/varnish/backends.vcl no longer starts with `backend app1`.")
    template = found.group(0)
    blocks = [
        template.replace("backend app1 ", f"backend app{number} ").replace(
            _SHIPPED_PORT, f'.port = "{port}";'
        )
        for number, port in enumerate(ports, start=1)
    ]
    joins = "".join(f"    app.add_backend(app{number});\n" for number in range(1, len(ports) + 1))
    return "\n".join(blocks) + "\nsub vcl_init {\n" + joins + "}\n"


def adapted_vcl(changes: Mapping[str, str]) -> str:
    """The shipped default.vcl, with each of ``changes`` (shipped text -> test's) made once."""
    vcl = (SHIPPED / "default.vcl").read_text()
    for shipped, here in changes.items():
        if vcl.count(shipped) != 1:
            raise ValueError(f"deploy/varnish/default.vcl must contain {shipped!r} once.")
        vcl = vcl.replace(shipped, here)
    return vcl


@dataclass(frozen=True)
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass(frozen=True)
class Varnish:
    port: int
    workdir: Path

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        source: str = "127.0.0.1",
    ) -> Response:
        """One request on a connection of its own, from the local address ``source``."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        try:
            connection.request(method, path, body=body, headers=dict(headers or {}))
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def adm(self, *args: str) -> str:
        return _adm(self.workdir, *args)

    def backends_healthy(self) -> dict[str, bool]:
        """Each instance's health as the probes see it (the director left out)."""
        listing = json.loads(self.adm("backend.list", "-j"))[3]
        return {
            name.rsplit(".", 1)[-1]: details["probe_message"][2] == "healthy"
            for name, details in listing.items()
            if details.get("type") == "backend"
        }


def _adm(workdir: Path, *args: str) -> str:
    completed = subprocess.run(  # noqa: S603 - fixed program, arguments of ours
        [VARNISHADM, "-n", str(workdir), *args],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    return completed.stdout


def _running(workdir: Path) -> bool:
    """Whether the cache process has started and takes requests."""
    try:
        return "running" in _adm(workdir, "status")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return False


@contextmanager
def varnish(
    folder: Path,
    backend_ports: list[int],
    *,
    vcl_changes: Mapping[str, str] | None = None,
    port: int = 0,
) -> Iterator[Varnish]:
    """Run the shipped VCL in front of the servers on ``backend_ports``, until the block ends.

    On ``port`` when the servers must know it beforehand (to send it purges), else on one the
    system hands out as varnishd binds.

    Yields once the listening port is known and every instance's probe says healthy. Raises
    RuntimeError (MissingVmod for a missing vmod), with varnishd's own words, when the VCL
    does not load.
    """
    if not available():
        raise RuntimeError("varnishd and varnishadm are not installed.")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "default.vcl").write_text(adapted_vcl(vcl_changes or {}))
    (folder / "backends.vcl").write_text(backends_vcl(backend_ports))
    workdir = folder / "varnishd"
    log = folder / "varnishd.log"
    command = [VARNISHD, "-F", "-j", "none", "-n", str(workdir)]
    # Port 0: the system hands one out as varnishd binds, so no other program can take it
    # in between; varnishadm tells which it was.
    command += ["-a", f"127.0.0.1:{port}", "-f", str(folder / "default.vcl")]
    command += ["-p", "vcc_allow_inline_c=off", "-s", "malloc,64m"]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - fixed program, arguments of ours
            command, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_until(
            lambda: process.poll() is not None or _running(workdir),
            within=60,
            waiting_for="varnishd to load the VCL and start",
        )
        if process.poll() is not None:
            said = log.read_text()
            refusal = MissingVmod if "Could not find VMOD" in said else RuntimeError
            raise refusal(f"varnishd stopped at once:\n{said}")
        # "a0 127.0.0.1 40123": the name of the listening socket, its address and port.
        listening = _adm(workdir, "debug.listen_address").split()
        cache = Varnish(port=int(listening[2]), workdir=workdir)
        wait_until(
            lambda: all(cache.backends_healthy().values()),
            within=30,
            waiting_for="every instance to be healthy",
        )
        yield cache
    finally:
        stop(process)
