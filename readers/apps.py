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
        )
        from consent.models import ThirdPartyScript
        from readers.caching import content_changed_receiver, note_what_readers_saw

        # Everything a reader can see on a public page (stored pages carry the consent
        # banner, which lists the third-party scripts); see readers/caching.py.
        for model in (
            Article,
            Byline,
            TaggedArticle,
            Tag,
            TaggitTag,
            Correction,
            Section,
            SlugRedirect,
            Author,
            FlatPage,
            ThirdPartyScript,
        ):
            post_save.connect(content_changed_receiver, sender=model, dispatch_uid=f"fresh-{model}")
            post_delete.connect(
                content_changed_receiver, sender=model, dispatch_uid=f"fresh-del-{model}"
            )
        pre_save.connect(note_what_readers_saw, sender=Article, dispatch_uid="seen-before-save")
        m2m_changed.connect(
            content_changed_receiver, sender=FlatPage.sites.through, dispatch_uid="fresh-m2m"
        )
