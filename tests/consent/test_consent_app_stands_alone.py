"""The consent app works in any Django project that adds it to ``INSTALLED_APPS``."""

import subprocess
import sys
import textwrap

from tests.production_env import PROJECT_ROOT

OTHER_PROJECT_SETTINGS = """
SECRET_KEY = "another-project"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "consent",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "consent.middleware.ConsentMiddleware",
]
ROOT_URLCONF = "other_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [TEMPLATE_DIR],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
}]
STATIC_URL = "/static/"
"""

OTHER_PROJECT_URLS = """
from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("consent/", include("consent.urls")),
    path("", lambda request: HttpResponse("<html><body><p>Hello</p></body></html>")),
]
"""

CHECKS = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from consent.models import ConsentRecord

call_command("migrate", verbosity=0)
client = Client()
page = client.get("/").content.decode()
assert 'id="consent-banner"' in page, page
assert client.get("/consent/").status_code == 200
answer = client.post("/consent/save/", {"decision": "reject"}, HTTP_SEC_FETCH_SITE="same-origin")
assert answer.status_code in (200, 302, 303), answer.status_code
assert ConsentRecord.objects.count() == 1
assert "cookie_consent" in answer.cookies
print("consent works on its own")
"""


def test_another_project_gets_the_banner_and_records_a_choice_with_no_settings(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text(
        "<html><body>{% block content %}{% endblock %}</body></html>"
    )
    settings_text = OTHER_PROJECT_SETTINGS.replace(
        "TEMPLATE_DIR", repr(str(tmp_path / "templates"))
    )
    (tmp_path / "other_settings.py").write_text(textwrap.dedent(settings_text))
    (tmp_path / "other_urls.py").write_text(textwrap.dedent(OTHER_PROJECT_URLS))
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHECKS],
        cwd=tmp_path,
        env={
            "DJANGO_SETTINGS_MODULE": "other_settings",
            "PYTHONPATH": f"{tmp_path}:{PROJECT_ROOT}",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "consent works on its own" in result.stdout
