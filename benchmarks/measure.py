"""One page under load on a running server: throughput, latency and CPU per request."""

from benchmarks import load
from benchmarks.config import Config, say
from benchmarks.servers import Server


def measure(server: Server, path: str, config: Config, headers: dict[str, str]) -> dict:
    """Load one page after a warm-up; throughput, latency and CPU per request."""
    status = server.status(path, headers)
    if status != 200:
        return {"path": path, "reason": f"answered HTTP {status}"}
    header_lines = [f"{name}: {value}" for name, value in headers.items()]
    url = server.url(path)
    load.run_wrk(
        url, seconds=config.warmup_seconds, connections=config.connections, headers=header_lines
    )
    workers_before = load.cpu_snapshot(server.workers())
    database_before = load.cpu_snapshot(server.database_backends())
    result = load.run_wrk(
        url, seconds=config.seconds, connections=config.connections, headers=header_lines
    )
    workers_ms = load.cpu_milliseconds_between(workers_before, load.cpu_snapshot(server.workers()))
    database_ms = load.cpu_milliseconds_between(
        database_before, load.cpu_snapshot(server.database_backends())
    )
    if result.requests == 0:
        return {"path": path, "reason": f"no answer within {config.seconds:.0f} s"}
    return {
        "path": path,
        "requests": result.requests,
        "seconds": result.seconds,
        "requests_per_second": result.requests_per_second,
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "errors": result.errors,
        "app_cpu_ms": workers_ms / result.requests,
        "db_cpu_ms": database_ms / result.requests,
    }


def ceiling_throughput(server: Server, path: str, config: Config) -> float:
    """Requests per second of the ceiling page, in a short load without a warm-up."""
    result = load.run_wrk(
        server.url(path), seconds=config.probe_seconds, connections=config.connections
    )
    return result.requests_per_second


def measure_page(server: Server, label: str, page: dict, config: Config) -> dict:
    """Measure one page (as ``prepare.addresses`` describes it), or say why it cannot be."""
    if page["path"] is None:
        figures = {"reason": page["reason"]}
    else:
        figures = measure(server, page["path"], config, page["headers"])
    if "reason" in figures:
        say(f"  {label}: not available ({figures['reason']})")
    else:
        say(
            f"  {label}: {figures['requests_per_second']:.0f} req/s, "
            f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
            f"CPU {figures['app_cpu_ms']:.1f} + {figures['db_cpu_ms']:.1f} ms/req"
        )
    return figures
