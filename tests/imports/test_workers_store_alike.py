"""On PostgreSQL, batches stored by worker processes give the same newsroom as one process."""

import pytest
from django.db import connection

from articles.models import Article, OldAddress
from tests.imports.conftest import counts, import_wordpress


def newsroom() -> list[tuple]:
    """Each story as a reader would notice it, in no particular order."""
    return sorted(
        (
            story.slug,
            story.headline,
            story.status,
            story.published_at,
            story.section.name,
            tuple(author.name for author in story.authors),
            tuple(sorted(story.tags.names())),
            tuple(sorted(story.old_addresses.values_list("path", flat=True))),
        )
        for story in Article.objects.select_related("section")
    )


@pytest.mark.django_db(transaction=True)
# pytest-xdist runs threads of its own; the workers only talk to the database.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_stories_stored_by_workers_are_the_stories_stored_alone(uploads):
    if connection.vendor != "postgresql":
        pytest.skip("batches go to workers on PostgreSQL only")
    import_wordpress(media_dir=str(uploads), jobs=1, batch_size=4, defer_preparation=True)
    alone = newsroom()
    Article.objects.all().delete()
    OldAddress.objects.all().delete()

    report = import_wordpress(media_dir=str(uploads), jobs=3, batch_size=4, defer_preparation=True)

    assert counts(report)["stories"] == (26, 0, 1)
    assert newsroom() == alone
