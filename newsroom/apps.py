from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from django.apps import apps

        post_migrate.connect(use_configured_site_domain, sender=apps.get_app_config("sites"))
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
        from newsroom.models import ThirdPartyScript

        # Everything a reader can see on a public page (stored pages carry the consent
        # banner, which lists the third-party scripts); see newsroom/freshness.py.
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
            ThirdPartyScript,
        ):
            post_save.connect(content_changed_receiver, sender=model, dispatch_uid=f"fresh-{model}")
            post_delete.connect(
                content_changed_receiver, sender=model, dispatch_uid=f"fresh-del-{model}"
            )
        m2m_changed.connect(
            content_changed_receiver, sender=FlatPage.sites.through, dispatch_uid="fresh-m2m"
        )


def use_configured_site_domain(using: str = "default", **kwargs) -> None:
    """Keep the site record (used for feed and sitemap links) on the configured public host."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME},
    )
    Site.objects.clear_cache()
