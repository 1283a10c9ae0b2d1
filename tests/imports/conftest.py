"""An old WordPress site to move in from: its export and the uploads folder copied from it."""

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

EXPORT = Path(__file__).with_name("wordpress-export.xml")

# The pictures the export names, as the old server kept them (wp-content/uploads/).
PICTURES = {
    "2024/03/wheat-sacks.jpg": ("JPEG", (200, 160, 90)),
    "2024/03/lorries.jpg": ("JPEG", (90, 90, 100)),
    "2024/03/pipeline.png": ("PNG", (30, 120, 200)),
    "2024/03/tap.webp": ("WEBP", (60, 160, 220)),
    "2024/03/fair-one.jpg": ("JPEG", (220, 80, 60)),
    "2024/03/fair-two.jpg": ("JPEG", (80, 200, 90)),
}
# A featured image that is no picture at all: the upload checks refuse it.
NOT_A_PICTURE = "2024/03/bazaar.jpg"


@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads"
    for name, (image_format, colour) in PICTURES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = BytesIO()
        Image.new("RGB", (400, 250), colour).save(buffer, image_format)
        path.write_bytes(buffer.getvalue())
    (folder / NOT_A_PICTURE).write_text("<html>an error page saved with a picture's name</html>")
    return folder


def import_wordpress(export: Path = EXPORT, **options) -> str:
    """Run the command as a newsroom would; what it printed."""
    out = StringIO()
    call_command("import_wordpress", str(export), stdout=out, verbosity=0, **options)
    return out.getvalue()


def counts(report: str) -> dict[str, tuple[int, int, int]]:
    """Created, updated and skipped of each kind, as the printed report gives them."""
    found = {}
    for line in report.splitlines():
        kind, *numbers = line.split()
        if kind in ("Stories", "Authors", "Sections", "Tags", "Pictures") and len(numbers) == 3:
            found[kind.lower()] = tuple(int(number) for number in numbers)
    return found


@pytest.fixture
def imported(db, uploads) -> str:
    """The export imported once, with its pictures; the report printed."""
    return import_wordpress(media_dir=str(uploads))
