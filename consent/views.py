"""The reader's cookie choice: the settings page and the endpoint that records a decision."""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import is_same_domain, url_has_allowed_host_and_scheme, urlencode
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from consent import cookie as consent_cookie
from consent import registry as consent
from consent.banner import banner_text_hash
from consent.conf import setting
from consent.models import ConsentRecord

FETCH_SITES_ALLOWED = {"same-origin", "none"}


@require_GET
@never_cache
def choose(request: HttpRequest) -> HttpResponse:
    """The cookie settings page, linked from every footer; it works without JavaScript.

    Unlike the other public pages it shows the reader's own current choice, so it is
    never cached and varies with the cookie and the GPC header.
    """
    current = request.consent
    categories = consent.categories()
    response = TemplateResponse(
        request,
        "consent/choose.html",
        {
            "categories": categories,
            "current": current,
            "granted_names": [c.name.lower() for c in categories if c.key in current.granted],
            "decided_on": decision_date(current.decided_at) if current.decided_at else "",
            "next": safe_next(request, request.GET.get("next")),
            "just_saved": current.has_choice and "saved" in request.GET,
        },
    )
    response.without_consent_banner = True
    patch_vary_headers(response, ["Cookie", "Sec-GPC"])
    return response


HIDE_NO_SCRIPT_FORM = ".consent-noscript { display: none; }\n"


@require_GET
def reader_choice_css(request: HttpRequest) -> HttpResponse:
    """A stylesheet of one reader's own, linked only from the no-JavaScript banner.

    Pages are the same bytes for every reader, so they cannot leave the form out for a
    reader who has chosen; this tiny response, never stored by a shared cache, hides it.
    """
    css = HIDE_NO_SCRIPT_FORM if request.consent.has_choice else ""
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie"])
    return response


def decision_date(value: datetime) -> str:
    """The day of a decision, written as the project's readers write dates."""
    format_date = setting("CONSENT_FORMAT_DATE")
    if format_date:
        return import_string(format_date)(value)
    return formats.date_format(timezone.localtime(value), "j F Y")


@csrf_exempt
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Record a decision and remember it in the consent cookie.

    It needs no CSRF cookie, because no cookie may be set before the reader has chosen;
    a cross-site submission is refused by its Origin and Sec-Fetch-Site headers instead.
    consent.js gets JSON; a form (no JavaScript) gets a 303 to the settings page, which
    confirms the choice and links back to the page the reader came from.
    """
    if not is_same_origin(request):
        return HttpResponseForbidden("Cookie choices can only be made on this site.")
    granted = granted_categories(request.POST)
    method = chosen_method(request)
    before = request.consent
    consent_id = consent_cookie.consent_id_for(request)
    decided_at = timezone.now()
    record_decision(consent_id=consent_id, granted=granted, method=method, decided_at=decided_at)

    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"granted": sorted(granted), "refused": sorted(refused_from(granted))}
        )
    else:
        query = urlencode({"saved": "1", "next": safe_next(request, request.POST.get("next"))})
        response = HttpResponseRedirect(f"{reverse('consent:choose')}?{query}", status=303)
    consent_cookie.set_consent_cookie(
        response,
        request,
        consent_id=consent_id,
        granted=granted,
        method=method,
        decided_at=decided_at,
    )
    consent_cookie.delete_withdrawn_cookies(
        response, request, before=before, refused=refused_from(granted)
    )
    return response


def chosen_method(request: HttpRequest) -> str:
    """How the reader chose, as the proof will say; GPC only when the browser sent the signal."""
    method = request.POST.get("method", "")
    if method not in ConsentRecord.Method.values:
        return ConsentRecord.Method.BANNER
    if method == ConsentRecord.Method.GPC and request.headers.get("Sec-GPC", "").strip() != "1":
        return ConsentRecord.Method.BANNER
    return method


def granted_categories(data) -> frozenset[str]:
    """What the submitted button and boxes allow; unknown category names are ignored."""
    optional = frozenset(consent.optional_keys())
    decision = data.get("decision", "save")
    if decision == "accept":
        return optional
    if decision == "reject":
        return frozenset()
    return frozenset(data.getlist("categories")) & optional


def refused_from(granted: frozenset[str]) -> frozenset[str]:
    return frozenset(consent.optional_keys()) - granted


def record_decision(
    *, consent_id: str, granted: frozenset[str], method: str, decided_at: datetime
) -> ConsentRecord:
    """Write the proof of a decision, unless it repeats this reader's last one exactly."""
    latest = ConsentRecord.objects.filter(consent_id=consent_id).first()
    revision = setting("CONSENT_POLICY_REVISION")
    if (
        latest is not None
        and latest.policy_revision == revision
        and latest.granted == sorted(granted)
        and latest.refused == sorted(refused_from(granted))
    ):
        return latest
    return ConsentRecord.objects.create(
        consent_id=consent_id,
        decided_at=decided_at,
        policy_revision=revision,
        granted=sorted(granted),
        refused=sorted(refused_from(granted)),
        method=method,
        banner_text_hash=banner_text_hash(),
    )


def is_our_origin(request: HttpRequest, origin: str) -> bool:
    """This site's own origin, or one trusted in ``CSRF_TRUSTED_ORIGINS`` (``*.`` included)."""
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    parts = urlsplit(origin)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if origin == trusted:
            return True
        trusted_parts = urlsplit(trusted)
        if (
            "*" in trusted
            and parts.scheme == trusted_parts.scheme
            and is_same_domain(parts.netloc, trusted_parts.netloc.lstrip("*"))
        ):
            return True
    return False


def is_same_origin(request: HttpRequest) -> bool:
    """Refuse what a browser marks as coming from another site.

    Browsers send ``Sec-Fetch-Site`` and ``Origin`` with every POST; a request with neither
    cannot come from another site's page, so it is allowed unless its Referer is foreign.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in FETCH_SITES_ALLOWED:
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        return is_our_origin(request, origin)
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        return is_our_origin(request, f"{parts.scheme}://{parts.netloc}")
    return True


def safe_next(request: HttpRequest, url: str | None) -> str:
    """Where to send the reader back: ``url``, else the referring page, if on this site."""
    for candidate in (url, request.headers.get("Referer")):
        if url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return "/"
