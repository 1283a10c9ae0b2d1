from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    """The project itself: it keeps the site record on the configured public host."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from django.apps import apps

        post_migrate.connect(use_configured_site_domain, sender=apps.get_app_config("sites"))


def use_configured_site_domain(using: str = "default", **kwargs) -> None:
    """Keep the site record (used for feed and sitemap links) on the configured public host."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME},
    )
    Site.objects.clear_cache()
