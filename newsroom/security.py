"""Security headers Django does not set itself, the editing desk's own policy, and client ips."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.csp import CSP

# The rich text editor (TipTap inside django-prose-editor) injects one fixed <style> element
# without a nonce; its hash allows exactly that text. tests/desk/test_admin_csp.py recomputes it
# from the installed editor, so an upgrade that changes the text fails loudly.
RICH_TEXT_EDITOR_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

# The editing desk is never cached, so it can use a fresh nonce per response: Django's admin
# templates mark their scripts and stylesheets with it. The rich text editor and the admin's
# widgets position things through style attributes, which cannot run code; those alone are
# allowed (style-src-attr), inline <style> and <script> elements still need the nonce.
ADMIN_CSP = {
    **settings.SECURE_CSP,
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, RICH_TEXT_EDITOR_STYLE],
    "style-src-elem": [CSP.SELF, CSP.NONCE, RICH_TEXT_EDITOR_STYLE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
}


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and Cross-Origin-Resource-Policy, and keeps the editing desk out
    of every cache.

    Admin pages hold unpublished stories and personal data: ``private, no-store`` keeps them
    out of nginx's cache, a CDN and the browser's disk. It sits inside Django's CSP middleware
    so that the admin policy it chooses is the one that middleware writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Our pages and answers are not for embedding by other sites' documents.
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if self.is_admin(request):
            response["Cache-Control"] = "private, no-store"
            response._csp_config = ADMIN_CSP
        return response

    def is_admin(self, request: HttpRequest) -> bool:
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        return request.path.startswith(self.admin_prefix)


def client_ip(request: HttpRequest) -> str:
    """The address login throttling counts against.

    REMOTE_ADDR is the peer that connected to us and cannot be forged. Behind our own proxies
    (TRUSTED_PROXY_COUNT of them), the client is the entry each proxy appended last: the one
    that many places from the right of X-Forwarded-For. Anything further left was written by
    the client and is ignored.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [
        hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()
    ]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]
