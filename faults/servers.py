"""The harness's own PostgreSQL cluster and Redis server, which it may stop, start and freeze.

Both live in throwaway folders and listen on 127.0.0.1 ports the operating system hands out,
so the machine's own servers are never touched. PostgreSQL refuses to run as root; when the
harness is root, the cluster belongs to the ``postgres`` account and its commands run as it.
"""

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
import redis

POSTGRES_ACCOUNT = "postgres"
# Seconds pg_ctl waits for the server to start or stop before it gives up.
PG_CTL_WAIT = 30

# A cluster for a few minutes of tests: durability is not what is being tested.
POSTGRES_SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{folder}'
max_connections = 50
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
"""


class SetupError(RuntimeError):
    """Something the harness needs is missing from this machine."""


def run(command: list[str]) -> str:
    """Run one of the servers' own tools; its messages become the error when it fails."""
    completed = subprocess.run(  # noqa: S603 - the servers' own tools, fixed arguments
        command, capture_output=True, text=True, timeout=120, check=False
    )
    if completed.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
    return completed.stdout


def postgres_bin(tool: str) -> str:
    """A PostgreSQL server tool, from the newest version installed under /usr/lib/postgresql."""
    installed = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"),
        key=lambda path: int(Path(path).parts[4]) if Path(path).parts[4].isdigit() else 0,
    )
    found = installed[-1] if installed else shutil.which(tool)
    if not found:
        raise SetupError(
            f"PostgreSQL's {tool} is not installed (Debian: apt-get install postgresql)."
        )
    return found


class PostgresCluster:
    """A cluster of its own: trust authentication, TCP on 127.0.0.1:``port``, its socket in
    its folder."""

    def __init__(self, port: int):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-faults-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam(POSTGRES_ACCOUNT)
            except KeyError:
                raise SetupError(
                    f"Running as root, and there is no {POSTGRES_ACCOUNT!r} account to own "
                    "the PostgreSQL cluster."
                ) from None
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self.as_owner = [shutil.which("runuser") or "runuser", "-u", POSTGRES_ACCOUNT, "--"]

    @property
    def url(self) -> str:
        """The server's address, without a database name."""
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def initialise(self) -> None:
        run(
            [
                *self.as_owner,
                postgres_bin("initdb"),
                f"--pgdata={self.data}",
                "--username=postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-sync",
            ]
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(POSTGRES_SETTINGS.format(port=self.port, folder=self.folder))

    def pg_ctl(self, *arguments: str) -> None:
        run(
            [
                *self.as_owner,
                postgres_bin("pg_ctl"),
                f"--pgdata={self.data}",
                f"--log={self.log}",
                "--wait",
                f"--timeout={PG_CTL_WAIT}",
                *arguments,
            ]
        )

    def start(self) -> None:
        self.pg_ctl("start")

    def stop(self) -> None:
        """Stop at once, as a restart in production does: open sessions are cut off."""
        self.pg_ctl("--mode=fast", "stop")

    def accepts(self) -> bool:
        """The server takes connections and answers a query."""
        try:
            with psycopg.connect(f"{self.url}/postgres", connect_timeout=2) as db:
                return db.execute("SELECT 1").fetchone() == (1,)
        except psycopg.Error:
            return False

    def create_database(self, name: str) -> str:
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"

    def version(self) -> str:
        with psycopg.connect(f"{self.url}/postgres") as db:
            return db.execute("SHOW server_version").fetchone()[0]

    def destroy(self) -> None:
        """Stop the cluster if it runs (as fast as it goes) and delete its folder."""
        if (self.data / "postmaster.pid").exists():
            try:
                self.pg_ctl("--mode=immediate", "stop")
            except RuntimeError as error:
                print(error)
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """A Redis of its own on 127.0.0.1:``port``, keeping nothing on disk."""

    def __init__(self, port: int, folder: Path):
        self.port = port
        self.folder = folder
        self.process: subprocess.Popen | None = None
        self.binary = shutil.which("redis-server")
        if not self.binary:
            raise SetupError("redis-server is not installed (Debian: apt-get install redis).")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
                "--logfile",
                str(self.folder / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        """Stop the server; a frozen one is woken first so that it can hear the signal."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        """The process stops running but keeps its port: connections open, nothing answers."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def answers(self) -> bool:
        """PING answered within half a second (a bare socket: redis-py would retry)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as client:
                client.sendall(b"PING\r\n")
                return client.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def version(self) -> str:
        return redis.Redis(port=self.port).info("server")["redis_version"]
