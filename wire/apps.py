from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    """The agency wire: subscribers take the newsroom's stories by API and webhooks."""

    name = "wire"
    verbose_name = _("Agency wire")

    def ready(self) -> None:
        from articles.models import Article, Byline, Correction, TaggedArticle
        from wire import versions

        # Whatever may change what subscribers get of a story: see wire/versions.py.
        for model in (Article, Byline, Correction, TaggedArticle):
            uid = f"wire-{model._meta.label}"
            post_save.connect(versions.story_touched, sender=model, dispatch_uid=f"save-{uid}")
            post_delete.connect(versions.story_touched, sender=model, dispatch_uid=f"del-{uid}")
        m2m_changed.connect(versions.tags_touched, sender=TaggedArticle, dispatch_uid="wire-tags")
