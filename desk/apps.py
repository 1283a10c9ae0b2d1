from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editing desk: the admin's story screens, review queue, history and share links."""

    name = "desk"
    verbose_name = "Editing desk"
