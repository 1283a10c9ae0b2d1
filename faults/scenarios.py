"""The faults, one after the other, each bounded in time, while the readers keep reading.

A scenario causes its fault, holds it for a set time (the fault's length, the one deliberate
wait), ends it, waits for the server to take connections again, then for the readers to be
served again: the first run of ``RECOVERY_RUN`` consecutive 200s. Every wait has a limit, so a
site that never comes back costs a bounded time and is reported as such.
"""

import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.servers import WORKERS, Server
from faults.readers import ReaderLoad
from faults.report import Window, recovery_seconds
from faults.servers import PostgresCluster, RedisServer
from tests.production_env import wait_until

RECOVERY_RUN = 10
# Seconds a stopped server may take to take connections again, then readers to be served.
BACK_LIMIT = 20
RECOVERY_LIMIT = 20
# Seconds the readers go on after recovery within the same scenario, so that what the fault
# leaves behind (servers still held as failed, a cold cache) is counted against it.
SETTLE_SECONDS = 3


@dataclass
class Fault:
    """How to cause a fault, how to end it, and how to tell that the server is back."""

    name: str
    what: str
    begin: Callable[[], None]
    end: Callable[[], None]
    back: Callable[[], bool]
    hold: float


def worker_killed(server: Server) -> Fault:
    """SIGKILL one gunicorn worker; the arbiter notices and forks a replacement."""
    killed: list[int] = []

    def kill() -> None:
        workers = server.workers()
        if not workers:
            raise RuntimeError("the first gunicorn instance has no workers to kill")
        os.kill(workers[0], signal.SIGKILL)
        killed.append(workers[0])

    def replaced() -> bool:
        # Until the arbiter reaps it, the killed worker is still listed (as a zombie).
        workers = server.workers()
        return bool(killed) and len(workers) >= WORKERS and killed[-1] not in workers

    return Fault(
        "gunicorn worker killed",
        "SIGKILL to one worker of the first instance; its arbiter starts another",
        kill,
        lambda: None,
        replaced,
        hold=0,
    )


def faults(
    postgres: PostgresCluster, redis: RedisServer, server: Server, *, hold: float
) -> list[Fault]:
    seconds = f"{hold:g} s"
    return [
        Fault(
            "PostgreSQL restart",
            "pg_ctl stop --mode=fast, then start at once",
            postgres.stop,
            postgres.start,
            postgres.accepts,
            hold=0,
        ),
        Fault(
            f"PostgreSQL down {seconds}",
            f"pg_ctl stop --mode=fast, start again after {seconds}",
            postgres.stop,
            postgres.start,
            postgres.accepts,
            hold=hold,
        ),
        Fault(
            f"Redis down {seconds}",
            f"redis-server stopped (SIGTERM), started again after {seconds} with an empty cache",
            redis.stop,
            redis.start,
            redis.answers,
            hold=hold,
        ),
        Fault(
            f"Redis frozen {seconds}",
            f"SIGSTOP to redis-server (its port stays open, nothing answers), SIGCONT after "
            f"{seconds}",
            redis.freeze,
            redis.thaw,
            redis.answers,
            hold=hold,
        ),
        worker_killed(server),
    ]


def longest(fault: Fault) -> float:
    """The most time a scenario may take, every wait running to its limit."""
    return fault.hold + BACK_LIMIT + RECOVERY_LIMIT + SETTLE_SECONDS


def waited(condition: Callable[[], object], *, within: float, waiting_for: str) -> str:
    """Wait for ``condition``; the note to report when it never came true, else ''."""
    try:
        wait_until(condition, within=within, waiting_for=waiting_for)
    except AssertionError as in_vain:
        return str(in_vain)
    return ""


def run_scenario(fault: Fault, load: ReaderLoad) -> Window:
    window = Window(fault.name, fault.what, started=load.clock(), ended=0.0)
    try:
        fault.begin()
        time.sleep(fault.hold)
        window.fault_ended = load.clock()
        fault.end()
    except RuntimeError as error:
        window.fault_ended = window.fault_ended or load.clock()
        window.harness_error = f"the harness could not cause or end the fault: {error}"
    note = waited(fault.back, within=BACK_LIMIT, waiting_for=f"the server after: {fault.name}")
    if note:
        window.notes.append(note)
    else:
        window.back_seconds = load.clock() - window.fault_ended
    note = waited(
        lambda: recovery_seconds(load.samples(), window.fault_ended, run=RECOVERY_RUN) is not None,
        within=RECOVERY_LIMIT,
        waiting_for=f"{RECOVERY_RUN} consecutive 200s after: {fault.name}",
    )
    if note:
        window.notes.append(note)
    time.sleep(SETTLE_SECONDS)
    window.ended = load.clock()
    return window


def baseline(load: ReaderLoad, seconds: float) -> Window:
    """The load with nothing broken, to compare the scenarios with."""
    started = load.clock()
    time.sleep(seconds)
    return Window("baseline", "no fault", started=started, ended=load.clock())
