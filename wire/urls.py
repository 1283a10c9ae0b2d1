"""The wire's addresses under /wire/v1/.

The API's library (django-ninja, with pydantic) loads on the first request to the wire, not
when a worker starts: a worker that only ever serves readers does not carry its 10 MB.
"""

from functools import cache

from django.urls import path
from django.views.generic import TemplateView

app_name = "wire"


@cache
def api_views() -> dict:
    """The API's own views by name, loaded once per process."""
    from wire.api import api

    patterns, _app_name, _namespace = api.urls
    return {pattern.name: pattern.callback for pattern in patterns}


def through_api(name: str):
    def view(request, *args, **kwargs):
        return api_views()[name](request, *args, **kwargs)

    # Keys, not cookies, authenticate the API: nothing a browser sends on its own counts.
    view.csrf_exempt = True
    return view


urlpatterns = [
    path("", through_api("api-root"), name="api-root"),
    path("openapi.json", through_api("openapi-json"), name="openapi-json"),
    path("items", through_api("items"), name="items"),
    path("items/<item_id>", through_api("item"), name="item"),
    path(
        "reference/",
        TemplateView.as_view(template_name="wire/reference.html"),
        name="reference",
    ),
]
