"""The site's name for templates rendered without a request, such as the 500 page."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name() -> str:
    return settings.SITE_NAME


@register.simple_tag
def site_tagline() -> str:
    return settings.SITE_TAGLINE
