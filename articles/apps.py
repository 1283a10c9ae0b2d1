from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from articles.search_text import register_sql_function

        # Word search on SQLite compares text normalised by a function of each connection.
        connection_created.connect(register_sql_function, dispatch_uid="articles.search_text")
