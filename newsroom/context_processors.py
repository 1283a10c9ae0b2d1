"""Template context shared by every page."""

from django.conf import settings


def site(request):
    """The site's name and tagline, which every page shows in its header and footer."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE}
