from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from django.contrib.flatpages.models import FlatPage
        from taggit.models import Tag

        from accounts.models import Author
        from articles.models import (
            Article,
            Byline,
            Correction,
            Section,
            SlugRedirect,
            TaggedArticle,
        )
        from newsroom.freshness import content_changed_receiver

        # Everything a reader can see on a public page; see newsroom/freshness.py.
        for model in (
            Article,
            Byline,
            TaggedArticle,
            Tag,
            Correction,
            Section,
            SlugRedirect,
            Author,
            FlatPage,
        ):
            post_save.connect(content_changed_receiver, sender=model, dispatch_uid=f"fresh-{model}")
            post_delete.connect(
                content_changed_receiver, sender=model, dispatch_uid=f"fresh-del-{model}"
            )
        m2m_changed.connect(
            content_changed_receiver, sender=FlatPage.sites.through, dispatch_uid="fresh-m2m"
        )
