"""deploy/nginx.conf is valid, serves media with the site's security headers, and guards the door.

Runs the shipped file in a real nginx with a throwaway certificate and folders; skipped where
nginx or openssl is not installed.
"""

import ssl
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from hosting import nginx as proxy
from tests.production_env import NoRedirects

# The smallest valid PNG: one transparent pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4"
    "890000000d49444154789c6300010000050001" + "0d0a2db40000000049454e44ae426082"
)

pytestmark = pytest.mark.skipif(not proxy.available(), reason="needs nginx and openssl")


@pytest.fixture
def nginx(tmp_path):
    """The shipped nginx with a picture in each media folder and a page that is not ours."""
    for folder in ("public", "images"):
        (tmp_path / "media" / folder).mkdir(parents=True)
        (tmp_path / "media" / folder / "pixel.png").write_bytes(PIXEL)
    (tmp_path / "media" / "page.html").write_text("<script>alert(1)</script>")
    with proxy.nginx(tmp_path) as ports:
        yield ports.http, ports.https


def fetch(
    url: str,
    data: bytes | None = None,
    *,
    cookie: str = "",
    method: str | None = None,
    headers: dict[str, str] | None = None,
):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(  # noqa: S310 - local
        url, data=data, headers=headers, method=method
    )
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirects)
    try:
        return opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_nginx_serves_media_with_the_sites_security_headers_and_guards_the_door(nginx):
    http_port, https_port = nginx
    https = f"https://127.0.0.1:{https_port}"

    image = fetch(f"{https}/media/public/pixel.png")
    assert image.status == 200
    assert image.read() == PIXEL
    headers = image.headers
    # The same values Django sends on its own pages.
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == settings.SECURE_REFERRER_POLICY
    assert headers["Cross-Origin-Opener-Policy"] == settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
    # An uploaded file, even opened on its own, may run nothing.
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "max-age=3600"
    # Private uploads are the application's to give, never read from disk here.
    assert fetch(f"{https}/media/images/pixel.png").status != 200

    # Only images are served from /media/.
    assert fetch(f"{https}/media/page.html").status == 404

    # Plain HTTP is sent to HTTPS.
    plain = fetch(f"http://127.0.0.1:{http_port}/2026/11/29/story/")
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://127.0.0.1:{https_port}/2026/11/29/story/"

    # A body over 16 MB is refused before it reaches an application server.
    assert fetch(f"{https}/admin/login/", data=b"x" * (16 * 1024 * 1024 + 1)).status == 413
