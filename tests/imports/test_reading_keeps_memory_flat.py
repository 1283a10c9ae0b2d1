"""The export is read as a stream: reading ten times as many posts takes no more memory."""

import re
import tracemalloc

from benchmarks.wordpress_export import write_export
from imports import wxr


def peak_while_reading(path) -> tuple[int, int]:
    """(items read, the most memory the reading held at once, in bytes)."""
    tracemalloc.start()
    try:
        with path.open("rb") as file:
            items = sum(isinstance(found, wxr.WpItem) for found in wxr.read(file))
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_ten_times_the_posts_takes_no_more_memory(tmp_path):
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    write_export(small, 200)
    write_export(large, 2000)

    small_items, small_peak = peak_while_reading(small)
    large_items, large_peak = peak_while_reading(large)

    assert (small_items, large_items) == (200, 2000)
    assert large.stat().st_size > 9 * small.stat().st_size
    # A post is about 5 kB: holding them all would take 10 MB more.
    assert large_peak < small_peak + 1_000_000


def test_a_cut_off_export_says_so_after_the_items_before_the_cut(tmp_path):
    whole = tmp_path / "whole.xml"
    write_export(whole, 20)
    text = whole.read_bytes()
    cut = tmp_path / "cut.xml"
    eleventh = [found.start() for found in re.finditer(rb"<item>", text)][10]
    cut.write_bytes(text[: eleventh + 200])

    read = []
    with cut.open("rb") as file:
        try:
            for found in wxr.read(file):
                read.append(found)
        except wxr.TruncatedExport:
            pass
        else:
            raise AssertionError("the cut was not noticed")
    assert sum(isinstance(found, wxr.WpItem) for found in read) == 10
