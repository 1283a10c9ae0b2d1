"""What readers' pages show of each story, prepared when the story changes.

A story page and every card of a story are the same for every reader until the story, its
section, bylines, tags or corrections change, so they are rendered then, on the writer's
side, and kept here, the way a blog engine keeps each post's rendered HTML. A reader's
request reads them as text. ``readers/prepared.py`` fills them.
"""

from django.db import models

from articles.models import Article


class PreparedStory(models.Model):
    """A story's page parts and cards, rendered, and the related posts chosen for it."""

    story = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="prepared"
    )
    # The templates' generation the parts were rendered with (``readers.prepared.FORMAT``):
    # parts of another generation are rendered again instead of being served.
    format = models.PositiveSmallIntegerField()
    head = models.TextField()
    page = models.TextField()
    cards = models.JSONField(default=dict)
    # The story as an item of the RSS and Atom feeds (``readers/feed_items.py``): columns of
    # their own, as a feed reads nothing else and a list of cards never reads them.
    rss_item = models.TextField(blank=True)
    atom_entry = models.TextField(blank=True)
    # The "Related posts" block, and the ids of the stories it shows, in order.
    related = models.TextField(blank=True)
    related_ids = models.JSONField(default=list)
    prepared_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "prepared stories"

    def __str__(self) -> str:
        return f"Prepared parts of story {self.story_id}"


class RelatedStory(models.Model):
    """One of a story's related posts: which stories show a story, when it changes."""

    prepared = models.ForeignKey(PreparedStory, on_delete=models.CASCADE)
    story = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="listed_as_related")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["prepared", "story"], name="related_story_once"),
        ]
        indexes = [models.Index(fields=["story"], name="related_story_idx")]

    def __str__(self) -> str:
        return f"Story {self.story_id} related to story {self.prepared_id}"
