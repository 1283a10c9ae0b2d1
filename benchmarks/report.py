"""The Markdown tables of docs/benchmarks.md, rendered from one run's results."""

from pathlib import Path

START = "<!-- results:start (written by make bench; edit outside these markers) -->"
END = "<!-- results:end -->"

# Throughput as a share of the ceiling, full-page cache off (fragments kept), on the largest
# archive.
UNCACHED_TARGETS = {
    "home": 0.3,
    "story": 0.35,
    "section": 0.3,
    "tag": 0.3,
    "author": 0.3,
    "search": 0.15,
    "rss": 0.3,
    "sitemap": 0.3,
    "wire items": 0.3,
    "wire changes": 0.3,
}
CACHED_TARGET = 0.8
# Largest over smallest archive, median latency.
SCALE_TARGETS = {
    "home": 1.3,
    "story": 1.3,
    "section": 1.3,
    "tag": 1.3,
    "author": 1.3,
    "search": 3.0,
    "admin list": 2.0,
}

NOT_AVAILABLE = "not available"
# In the cached columns, for answers the page store never keeps (the wire's are private to
# a key): every request is a cold one.
NOT_STORED = "never stored"


def _verdict(passed: bool) -> str:
    return "yes" if passed else "**no**"


def _ratio(figures: dict, ceiling: dict) -> float | None:
    """Over the ceiling as it ran around this page, else the ceiling's row of the table."""
    ceiling_rate = figures.get("ceiling_requests_per_second") or ceiling.get("requests_per_second")
    if "requests_per_second" not in figures or not ceiling_rate:
        return None
    return figures["requests_per_second"] / ceiling_rate


def _page_cells(figures: dict, ceiling: dict, target: float | None) -> list[str]:
    if "requests_per_second" not in figures:
        shown = NOT_STORED if figures.get("reason") == NOT_STORED else NOT_AVAILABLE
        return [shown, "", "", "", "", ""]
    ratio = _ratio(figures, ceiling)
    errors = f" ({figures['errors']} errors)" if figures["errors"] else ""
    return [
        f"{figures['requests_per_second']:.0f}{errors}",
        f"{ratio:.2f}" + (f" ({_verdict(ratio >= target)})" if target is not None else ""),
        f"{figures['p50_ms']:.1f}",
        f"{figures['p99_ms']:.1f}",
        f"{figures['app_cpu_ms']:.1f}",
        f"{figures['db_cpu_ms']:.1f}",
    ]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def size_table(size: str, figures: dict, *, largest: bool) -> list[str]:
    """One table per archive size: each page uncached, then cached."""
    modes = figures["modes"]
    header = [
        "Page",
        "req/s",
        "÷ ceiling",
        "p50 ms",
        "p99 ms",
        "app CPU ms/req",
        "DB CPU ms/req",
    ]
    lines = [
        f"### {int(size):,} stories ({figures['stories']:,} in the database)",
        "",
        _row([*header, *(f"cached {name}" for name in header[1:])]),
        _row(["---"] * (2 * len(header) - 1)),
    ]
    uncached, cached = modes["uncached"], modes["cached"]
    for name in [name for name in uncached if name != "worker_rss_mb"]:
        is_page = name != "ceiling"
        lines.append(
            _row(
                [
                    name,
                    *_page_cells(
                        uncached[name],
                        uncached["ceiling"],
                        UNCACHED_TARGETS.get(name) if largest else None,
                    ),
                    *_page_cells(
                        cached.get(name, {}),
                        cached["ceiling"],
                        CACHED_TARGET if is_page and largest else None,
                    ),
                ]
            )
        )
    admin = figures.get("admin list", {})
    lines.append(
        _row(["admin list (editor)", *_page_cells(admin, uncached["ceiling"], None), *[""] * 6])
    )
    lines += cold_table(modes)
    memory = [
        f"{mode} {modes[mode]['worker_rss_mb']:.0f} MB"
        for mode in ("uncached", "cached", "cold")
        if modes.get(mode, {}).get("worker_rss_mb") is not None
    ]
    if memory:
        lines += [
            "",
            "Resident memory of a gunicorn worker after the readers' pages were loaded, before"
            " the wire's (whose library loads on its first request) and the desk's: "
            f"{', '.join(memory)}.",
        ]
    lines.append("")
    return lines


def cold_table(modes: dict) -> list[str]:
    """Every page with nothing remembered (no stored pages, no fragments): a cache miss."""
    cold = modes.get("cold")
    if not cold:
        return []
    lines = [
        "",
        "Cold (the page store off, every request rendered from the parts prepared at write time):",
        "",
        _row(["Page", "req/s", "÷ ceiling", "p50 ms", "p99 ms", "app CPU ms/req", "DB CPU ms/req"]),
        _row(["---"] * 7),
    ]
    for name in [name for name in cold if name != "worker_rss_mb"]:
        lines.append(_row([name, *_page_cells(cold[name], cold["ceiling"], None)]))
    return lines


def _scaled(figures: dict, name: str) -> dict:
    """The figures the scale table compares: with nothing remembered, where measured.

    Remembered pages read nothing from the database, which is what grows with the archive.
    """
    if name == "admin list":
        return figures.get(name, {})
    modes = figures["modes"]
    return modes.get("cold", modes["uncached"]).get(name, {})


def _p50(figures: dict, name: str) -> float | None:
    return _scaled(figures, name).get("p50_ms")


def _cpu(figures: dict, name: str) -> float | None:
    page = _scaled(figures, name)
    if "app_cpu_ms" not in page:
        return None
    return page["app_cpu_ms"] + page["db_cpu_ms"]


def scale_table(small: str, large: str, sizes: dict) -> list[str]:
    """How much slower each page is on the large archive than on the small one (cold)."""
    lines = [
        f"### Scale: {int(large):,} over {int(small):,} stories (cold: nothing remembered; "
        "the desk as an editor sees it)",
        "",
        _row(["Page", "p50 small ms", "p50 large ms", "latency ratio", "target", "CPU ratio"]),
        _row(["---"] * 6),
    ]
    for name, target in SCALE_TARGETS.items():
        before, after = _p50(sizes[small], name), _p50(sizes[large], name)
        if before is None or after is None:
            lines.append(_row([name, NOT_AVAILABLE, "", "", f"≤ {target}", ""]))
            continue
        ratio = after / before
        cpu_before, cpu_after = _cpu(sizes[small], name), _cpu(sizes[large], name)
        cpu_ratio = f"{cpu_after / cpu_before:.2f}" if cpu_before and cpu_after else ""
        lines.append(
            _row(
                [
                    name,
                    f"{before:.1f}",
                    f"{after:.1f}",
                    f"{ratio:.2f} ({_verdict(ratio <= target)})",
                    f"≤ {target}",
                    cpu_ratio,
                ]
            )
        )
    return [*lines, ""]


def writing_lines(size: str, writing: dict) -> list[str]:
    lines = [f"### Writing, at {int(size):,} stories", ""]
    labels = {"approve": "Editor approves a story", "save_20_tags": "Story saved with 20 tags"}
    for key, label in labels.items():
        figures = writing.get(key, {})
        if "median_ms" in figures:
            lines.append(
                f"- {label}: median {figures['median_ms']:.0f} ms, "
                f"slowest {figures['max_ms']:.0f} ms ({figures['count']} times)."
            )
        else:
            lines.append(f"- {label}: {NOT_AVAILABLE} ({figures.get('reason', 'not measured')}).")
    return [*lines, ""]


def render(results: dict) -> str:
    machine = results["machine"]
    config = results["config"]
    sizes = results["sizes"]
    ordered = sorted(sizes, key=int)
    lines = [
        f"Measured {results['date']} at commit {machine['commit']} in "
        f"{results['elapsed_seconds']} s.",
        "",
        f"- Machine: {machine['cpus']} CPUs ({machine['cpu_model']}), "
        f"{machine['memory_gb']} GB memory, Linux {machine['kernel']}.",
        f"- Software: Python {machine['python']}, Django {machine['django']}, "
        f"gunicorn {machine['gunicorn']} ({config['workers']} sync workers), "
        f"PostgreSQL {machine['postgresql']}, Redis cache, "
        f"{machine['wrk'].split(' [')[0]}.",
        f"- Load: {config['connections']} connections for {config['seconds']:.0f} s per page "
        "after a warm-up, client on the same machine; CPU per request read from /proc for "
        "the gunicorn workers (app) and the PostgreSQL backends serving them (DB).",
        "- Ratios are throughput over the ceiling's (a page of the same application that "
        "touches neither database nor cache), loaded just before and just after each page "
        "and averaged, as the machine's speed drifts within a run; the ceiling row is its "
        "first load. Target verdicts in brackets.",
        "- The wire (`/wire/v1/items`: the newest published items, and the changes after a "
        "cursor, 20 a page) is loaded with a subscriber's key. Its answers are private to the "
        f'key, so the page store never keeps them ("{NOT_STORED}" in the cached columns): '
        "every request is a cold one.",
        "",
    ]
    for size in ordered:
        lines += size_table(size, sizes[size], largest=size == ordered[-1])
    if len(ordered) > 1:
        lines += scale_table(ordered[0], ordered[-1], sizes)
    for size in ordered:
        if "writing" in sizes[size]:
            lines += writing_lines(size, sizes[size]["writing"])
    return "\n".join(lines).rstrip() + "\n"


def write_document(path: Path, table: str, *, start: str = START, end: str = END) -> None:
    """Replace the generated part between ``start`` and ``end``, keeping the words around it.

    A document without the markers gets them at its end.
    """
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if start not in text:
        text = f"{text.rstrip()}\n\n{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{before}{start}\n{table}{end}{after}")
