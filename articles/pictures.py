"""Where pictures are kept, and when readers may fetch them.

Uploaded originals (``images/``) and their renditions (``renditions/``) are private: nginx
does not serve them. Their addresses reach the application, where ``readers.private_pictures``
gives them only to the newsroom's staff who may see the story, and to someone reading the
story through a working share link. A story's renditions become public as copies under
``public/``, the one folder nginx serves from disk, while readers see the story or will see it
by itself; the copies are deleted when that stops. Originals are never public, and nothing
here ever deletes them or a private rendition, so a restored revision or a republished story
always has its picture.

The paths kept in ``image_renditions`` are the addresses pages show: the public copies'
names while the story's pictures are public, the private names otherwise. Pages, feeds,
social cards and the desk's preview keep calling ``default_storage.url(path)`` and get the
right address; a staff preview of a draft gets the private one, which the staff view answers.

Scheduled stories: nothing runs when a scheduled story goes live (``published()`` includes it
once its time has passed), yet from that moment its page must name pictures that answer, and
a page can only name what is stored on the story. So the public copies are made when the story
is scheduled, under names no one can guess (the original's 144 random bits, see
``image_upload_to``) and that no public page links to before the story's time. Serving them
through a permission-checked view until then would need the addresses to change at the very
moment when nothing runs. Sending the story back, unpublishing it or moving it to the trash
deletes the copies.

The copies follow the story in ``save()``, where its renditions are made, so every path that
changes a picture or a status (workflow steps, the desk's form, restored revisions, the demo
loader) keeps them in step. Copies are made before the row naming them is committed, so no
page ever names a missing file; they are deleted after the commit, so a step rolled back
leaves a live story whole.

Author photos are public whenever an author has one: they stand beside the author's name.
"""

from collections.abc import Callable

from django.core.files.storage import default_storage
from django.db import models, router, transaction

PUBLIC_FOLDER = "public/"
# The folders of private files: what the staff view serves (readers/urls.py).
PRIVATE_FOLDERS = ("images/", "renditions/")


def private_name(name: str) -> str:
    return name.removeprefix(PUBLIC_FOLDER)


def public_name(name: str) -> str:
    return PUBLIC_FOLDER + private_name(name)


def rendition_names(renditions: dict) -> set[str]:
    """Every path in a renditions dict (see ``articles.images.refresh_renditions``)."""
    return {path for value in renditions.values() if isinstance(value, list) for _, path in value}


def public_copy_names(renditions: dict) -> set[str]:
    """The public copies a renditions dict names: none unless its story's pictures are public."""
    return {name for name in rendition_names(renditions) if name.startswith(PUBLIC_FOLDER)}


def private_rendition_names(renditions: dict) -> set[str]:
    """The private files a renditions dict stands for, whether it names them or their copies."""
    return {private_name(path) for path in rendition_names(renditions)}


def renamed(renditions: dict, rename: Callable[[str], str]) -> dict:
    """``renditions`` with each path passed through ``rename`` (``public_name`` or the like)."""
    result = {}
    for key, value in renditions.items():
        if isinstance(value, list):
            value = [[width, rename(path)] for width, path in value]
        elif key == "bytes":
            value = {rename(path): size for path, size in value.items()}
        result[key] = value
    return result


def addressed(renditions: dict, *, public: bool, named_before: dict) -> dict:
    """``renditions`` named as pages should show them, the public copies made first.

    ``named_before`` is what the row named until now: the copies it named exist already.
    """
    result = renamed(renditions, public_name if public else private_name)
    if public:
        for name in sorted(rendition_names(result) - public_copy_names(named_before)):
            publish_copy(name)
    return result


def publish_copy(name: str) -> None:
    """Make the public copy ``name`` of a private rendition, unless it exists already."""
    source = private_name(name)
    if default_storage.exists(name) or not default_storage.exists(source):
        return
    with default_storage.open(source, "rb") as file:
        saved = default_storage.save(name, file)
    if saved != name:
        # Another save made the same copy meanwhile; the storage kept this one apart.
        default_storage.delete(saved)


def delete_copies_no_longer_named(instance: models.Model, field: str, named_before: dict) -> None:
    """Delete the public copies ``named_before`` named and the saved row no longer does.

    Called once the row is saved; the files go after the commit, so a step rolled back
    leaves a live story whole.
    """
    names = public_copy_names(named_before) - rendition_names(getattr(instance, field))
    if not names:
        return
    model, pk = type(instance), instance.pk
    database = router.db_for_write(model)

    def delete() -> None:
        # A later save in the same transaction (unpublished, then approved again) may have
        # named some of these again; those stay.
        stored = model.objects.using(database).filter(pk=pk).values_list(field, flat=True)
        for name in sorted(names - rendition_names(stored.first() or {})):
            default_storage.delete(name)

    transaction.on_commit(delete, using=database, robust=True)
