"""deploy/nginx.conf is valid, serves media with the site's security headers, and guards the door.

Runs the shipped file in a real nginx with a throwaway certificate and folders; skipped where
nginx or openssl is not installed.
"""

import getpass
import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.production_env import PROJECT_ROOT, NoRedirects, free_port, wait_until

NGINX = shutil.which("nginx")
OPENSSL = shutil.which("openssl")
# The smallest valid PNG: one transparent pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4"
    "890000000d49444154789c6300010000050001" + "0d0a2db40000000049454e44ae426082"
)

pytestmark = pytest.mark.skipif(not (NGINX and OPENSSL), reason="needs nginx and openssl")


def shipped_config_for(tmp: Path, http_port: int, https_port: int) -> str:
    """deploy/nginx.conf with this machine's paths and ports in place of production's."""
    config = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text()
    replacements = {
        "/etc/letsencrypt/live/news.example.org/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/letsencrypt/live/news.example.org/privkey.pem": str(tmp / "key.pem"),
        "/var/cache/nginx/newsroom": str(tmp / "cache"),
        "/srv/newsroom/var/media/": f"{tmp / 'media'}/",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
    }
    for production, here in replacements.items():
        assert production in config, production
        config = config.replace(production, here)
    return "\n".join(line for line in config.splitlines() if "listen [::]" not in line)


@pytest.fixture
def nginx(tmp_path):
    subprocess.run(  # noqa: S603 - fixed arguments
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=news.example.org"]
        + ["-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    for folder in ("public", "images"):
        (tmp_path / "media" / folder).mkdir(parents=True)
        (tmp_path / "media" / folder / "pixel.png").write_bytes(PIXEL)
    (tmp_path / "media" / "page.html").write_text("<script>alert(1)</script>")
    http_port, https_port = free_port(), free_port()
    (tmp_path / "site.conf").write_text(shipped_config_for(tmp_path, http_port, https_port))
    temp_paths = " ".join(
        f"{kind}_temp_path {tmp_path / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        # Workers run as whoever runs the tests, so they can read the private temp folder.
        f"user {getpass.getuser()};\n"
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
        f"http {{\n access_log {tmp_path / 'access.log'};\n {temp_paths}\n"
        " types { image/png png; text/html html; }\n"
        f" include {tmp_path / 'site.conf'};\n}}\n"
    )
    command = [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)  # noqa: S603
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603
    try:
        wait_until((tmp_path / "nginx.pid").exists, within=10, waiting_for="nginx to start")
        yield http_port, https_port
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(url: str, data: bytes | None = None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, data=data)  # noqa: S310 - local test server
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
    assert plain.headers["Location"].startswith("https://")

    # A body over 16 MB is refused before it reaches an application server.
    assert fetch(f"{https}/admin/login/", data=b"x" * (16 * 1024 * 1024 + 1)).status == 413
