"""A steady reader load: a few readers, each on its own connection, going round the site.

Every other request carries a parameter of its own (campaign parameters would not do:
Varnish drops them), or searches for words of its own, so it misses every cache (Varnish's and the
application's) and shows what the servers themselves answer; the others are the plain
addresses most readers use, which Varnish may answer from its cache. Each request is
recorded as a ``report.Sample``.
"""

import http.client
import ssl
import threading
import time
from dataclasses import dataclass

from faults.report import Sample

# Longer than nginx's proxy_read_timeout (40 s), so a 504 from nginx arrives as a 504.
REQUEST_TIMEOUT = 40


@dataclass(frozen=True)
class Target:
    """Where readers connect: nginx over HTTPS (Varnish behind it), or the application servers
    straight."""

    ports: list[int]
    tls: bool


def reader_path(paths: list[str], reader: int, number: int) -> str:
    """The address reader ``reader`` asks for in its request ``number``."""
    path = paths[(reader + number) % len(paths)]
    if not number % 2:
        return path
    if "?q=" in path:
        # Readers type searches of their own, and each new one is looked up in the database.
        return f"{path}+r{reader}n{number}"
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}reader={reader}-{number}"


class ReaderLoad:
    """``connections`` readers asking for ``paths`` in turn, at most ``rate`` requests a second
    in all, until stopped."""

    def __init__(self, target: Target, paths: list[str], *, connections: int, rate: float):
        self.target = target
        self.paths = paths
        self.connections = connections
        self.interval = connections / rate
        self.origin = time.monotonic()
        self._samples: list[Sample] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(
                target=self._read, args=(reader,), name=f"reader-{reader}", daemon=True
            )
            for reader in range(connections)
        ]

    def clock(self) -> float:
        """Seconds since the load was created: the time line of samples and windows."""
        return time.monotonic() - self.origin

    def samples(self) -> list[Sample]:
        with self._lock:
            return list(self._samples)

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop every reader; one stuck in a request is given up on after its timeout."""
        self._stopping.set()
        deadline = time.monotonic() + REQUEST_TIMEOUT + 5
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))

    def _connection(self, port: int) -> http.client.HTTPConnection:
        if not self.target.tls:
            return http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        # The harness's certificate is self-signed and throwaway; there is nothing to verify.
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=REQUEST_TIMEOUT, context=context
        )

    def _read(self, reader: int) -> None:
        port = self.target.ports[reader % len(self.target.ports)]
        connection = self._connection(port)
        number = 0
        while not self._stopping.is_set():
            path = reader_path(self.paths, reader, number)
            sample = self._request(connection, path)
            with self._lock:
                self._samples.append(sample)
            number += 1
            pause = self.interval - (sample.finished - sample.started)
            self._stopping.wait(max(0.0, pause))
        connection.close()

    def _request(self, connection: http.client.HTTPConnection, path: str) -> Sample:
        started = self.clock()
        try:
            connection.request(
                "GET", path, headers={"User-Agent": "newsroom-faults", "Accept": "text/html"}
            )
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            # The next request opens a fresh connection.
            connection.close()
            return Sample(started, self.clock(), path, error=type(error).__name__)
        return Sample(
            started,
            self.clock(),
            path,
            status=response.status,
            cache=response.getheader("X-Cache", ""),
            retry_after=response.getheader("Retry-After") is not None,
        )
