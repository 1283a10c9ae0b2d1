from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class ReadersConfig(AppConfig):
    """The readers' site: public pages, feeds, sitemaps, search and their caching."""

    name = "readers"
    verbose_name = "Readers' site"

    def ready(self) -> None:
        from django.contrib.flatpages.models import FlatPage
        from taggit.models import Tag as TaggitTag

        from articles.models import (
            Article,
            Author,
            Byline,
            Correction,
            Section,
            SlugRedirect,
            Tag,
            TaggedArticle,
            TagName,
        )
        from consent.models import ThirdPartyScript
        from readers import freshness

        # What each change makes stale on readers' pages: see readers/freshness.py.
        receivers = [
            (freshness.story_changed, [Article]),
            (freshness.story_part_changed, [Byline, TaggedArticle, Correction]),
            (freshness.subject_changed, [Section, Author, Tag, TaggitTag]),
            (freshness.tag_name_changed, [TagName]),
            # Stored pages carry the consent banner, which lists the third-party scripts.
            (freshness.site_changed, [SlugRedirect, FlatPage, ThirdPartyScript]),
        ]
        for receiver, models in receivers:
            for model in models:
                uid = f"{receiver.__name__}-{model._meta.label}"
                post_save.connect(receiver, sender=model, dispatch_uid=f"save-{uid}")
                post_delete.connect(receiver, sender=model, dispatch_uid=f"delete-{uid}")
        pre_save.connect(
            freshness.note_what_readers_saw, sender=Article, dispatch_uid="seen-before-save"
        )
        m2m_changed.connect(
            freshness.site_changed, sender=FlatPage.sites.through, dispatch_uid="site-m2m"
        )
        m2m_changed.connect(freshness.tags_changed, sender=TaggedArticle, dispatch_uid="tags-m2m")
