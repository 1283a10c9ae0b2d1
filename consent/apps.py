from django.apps import AppConfig


class ConsentConfig(AppConfig):
    """Cookie consent: the banner, the reader's choice, proof of it and the scripts it gates."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "consent"
    verbose_name = "Cookie consent"
