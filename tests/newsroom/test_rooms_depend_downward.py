"""The rooms of the code import downwards only, so each can be read without the ones above.

The readers' site, the desk and the wire use the content; the content uses accounts; consent stands
alone; the project package (``newsroom``) ties them together and nothing imports it.
Migrations are history and are left out: an old migration names the code of its day.
"""

import ast
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Each room and the rooms it may import.
MAY_IMPORT = {
    "accounts": set(),
    "articles": {"accounts"},
    "consent": set(),
    "desk": {"articles", "accounts"},
    "imports": {"articles", "accounts"},
    "readers": {"articles", "accounts", "consent"},
    "wire": {"articles", "accounts"},
}
ROOMS = {*MAY_IMPORT, "newsroom"}


def imported_rooms(path: Path) -> set[str]:
    """The rooms ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names)
    return found & ROOMS


def modules_of(room: str) -> list[Path]:
    return [
        path
        for path in sorted((PROJECT_ROOT / room).rglob("*.py"))
        if "migrations" not in path.relative_to(PROJECT_ROOT).parts
    ]


@pytest.mark.parametrize("room", sorted(MAY_IMPORT))
def test_a_room_imports_only_the_rooms_below_it(room):
    upward = {
        str(path.relative_to(PROJECT_ROOT)): sorted(
            imported_rooms(path) - MAY_IMPORT[room] - {room}
        )
        for path in modules_of(room)
    }
    assert {module: rooms for module, rooms in upward.items() if rooms} == {}


def test_every_room_is_checked():
    packages = {path.parent.name for path in PROJECT_ROOT.glob("*/apps.py")}
    assert packages <= ROOMS, f"Say where {sorted(packages - ROOMS)} sits in MAY_IMPORT."


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from readers.views import HomeView\n")
    assert imported_rooms(module) == {"readers"}
