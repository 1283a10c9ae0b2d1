from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Moving in from another publishing system: ``manage.py import_wordpress``."""

    name = "imports"
    verbose_name = "Imports"
