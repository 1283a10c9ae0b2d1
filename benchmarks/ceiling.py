"""The benchmark's ceiling: the cheapest page this application can serve.

It goes through the same server, middleware and template engine as every readers' page but
reads nothing from the database or the cache, so each page's throughput can be reported as
a share of it and compared across machines. It is only routed when BENCHMARK_CEILING is on.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template


def ceiling(request: HttpRequest) -> HttpResponse:
    # Rendered without the request, so no context processor can reach the database.
    template = get_template("benchmarks/ceiling.html")
    return HttpResponse(template.render({"site_name": settings.SITE_NAME}))
