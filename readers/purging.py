"""Purging the HTTP caches in front of the application (Varnish, a CDN) by surrogate key.

Readers' pages name what they show in ``Surrogate-Key`` and ``xkey`` headers
(``readers/caching.py``). When a change moves keys (``readers.freshness.move``, after the
change committed), the same keys are purged here. ``PURGE_BACKEND`` picks how: ``varnish``
sends ``PURGE`` with an ``xkey-purge`` header to each address of ``PURGE_URLS``; ``none`` (the
default, for a site without a cache in front) sends nothing. The application's own stored
pages and kept lists need no purge: they follow the keys' versions.

A purge that fails is logged and tried again in the background (``readers/tasks.py``); it
never fails the editor's step, and readers get the cached copy until it succeeds.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

# A purge request names at most this many keys, well inside Varnish's header size limit.
KEYS_PER_REQUEST = 100
TIMEOUT_SECONDS = 1


def purge(keys) -> None:
    """Purge ``keys`` from every cache in front; those that fail are retried in the background."""
    if settings.PURGE_BACKEND == "none" or not keys:
        return
    keys = sorted(keys)
    failed = purge_from(settings.PURGE_URLS, keys)
    if failed:
        from readers.tasks import purge_task

        purge_task.enqueue(keys, failed)


def purge_from(addresses: list[str], keys: list[str]) -> list[str]:
    """Send the purge of ``keys`` to each address; the addresses that did not take it."""
    failed = []
    for address in addresses:
        try:
            for start in range(0, len(keys), KEYS_PER_REQUEST):
                _send(address, keys[start : start + KEYS_PER_REQUEST])
        except (OSError, urllib.error.URLError) as error:
            logger.error("Purging %s keys from %s failed: %s", len(keys), address, error)
            failed.append(address)
    return failed


def _send(address: str, keys: list[str]) -> None:
    # The addresses come from settings, which accept only http and https ones.
    headers = {"xkey-purge": " ".join(keys)}
    request = urllib.request.Request(address, method="PURGE", headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        response.read()
