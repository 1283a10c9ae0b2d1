"""A hung Redis costs one timeout, then is skipped for a while, then is used again.

Runs a Redis of its own and freezes it with SIGSTOP, as a hung server looks from outside: it
accepts connections and answers nothing. Skipped where redis-server is not installed.
"""

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse
from redis.connection import Connection

from newsroom.settings import redis_cache
from tests.factories import ArticleFactory
from tests.production_env import free_port, production_settings, wait_until

REDIS_SERVER = shutil.which("redis-server")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS_SERVER, reason="needs redis-server"),
]


def answers(port: int) -> bool:
    try:
        return redis.Redis(port=port, socket_timeout=1).ping()
    except redis.RedisError:
        return False


class FreezableRedis:
    """A redis-server of this test's own, frozen and thawed by its PID."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
        )

    def started(self) -> bool:
        """Waits until it answers; False when it exited instead (its port was taken)."""
        wait_until(
            lambda: self.process.poll() is not None or answers(self.port),
            within=10,
            waiting_for="redis-server to answer",
        )
        return self.process.poll() is None

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)
        wait_until(lambda: answers(self.port), within=10, waiting_for="Redis to answer again")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def hung_redis(settings) -> Iterator[FreezableRedis]:
    """The cache is a real Redis that the test can freeze; it is stopped at the end."""
    server = FreezableRedis()
    while not server.started():
        server.stop()
        server = FreezableRedis()
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{server.port}/0")}
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def commands_sent_to_redis() -> Iterator[mock.Mock]:
    """Counts the commands this process writes to any Redis connection."""
    with mock.patch.object(
        Connection, "send_packed_command", autospec=True, side_effect=Connection.send_packed_command
    ) as sent:
        yield sent


def test_a_hung_redis_costs_one_timeout_then_is_skipped_until_it_answers_again(
    hung_redis, caplog, monkeypatch
):
    cache.set("front-page", "cached copy")
    assert cache.get("front-page") == "cached copy"
    breaker = cache.breaker

    hung_redis.freeze()
    with commands_sent_to_redis() as sent:
        assert cache.get("front-page", "rebuilt") == "rebuilt"
    assert sent.call_count == 1
    assert breaker.is_open
    (failure,) = [r for r in caplog.records if r.name == "django_redis.cache"]
    assert isinstance(failure.exc_info[1].__cause__, redis.TimeoutError)

    # While the breaker is open every call answers as a miss without writing to any socket,
    # even once Redis would answer again.
    hung_redis.thaw()
    with commands_sent_to_redis() as sent:
        assert cache.get("front-page", "rebuilt") == "rebuilt"
        assert cache.get_many(["front-page", "navigation"]) == {}
        assert not cache.has_key("front-page")
        cache.set("front-page", "newer copy")
        assert cache.add("other", "value") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.delete("front-page") is False
        assert cache.get_or_set("sections", list) == []
    assert sent.call_count == 0
    assert len([r for r in caplog.records if r.name == "django_redis.cache"]) == 1

    # Once the period is over the next call tries Redis again, and it answers.
    later = breaker.seconds + 0.001
    monkeypatch.setattr("newsroom.cache.monotonic", lambda: time.monotonic() + later)
    assert cache.get("front-page") == "cached copy"
    assert not breaker.is_open


def test_pages_answer_while_redis_hangs_and_only_the_first_cache_call_waits(
    hung_redis, reader_client
):
    story = ArticleFactory(published=True)
    pages = [reverse("articles:home"), story.get_absolute_url()]
    assert reader_client.get(pages[0]).status_code == 200

    hung_redis.freeze()
    with commands_sent_to_redis() as sent:
        responses = [reader_client.get(url) for url in pages * 2]
    for response in responses:
        assert response.status_code == 200
        assert story.headline in response.content.decode()
    # The first page's first cache call waited and failed; every later call skipped Redis.
    assert sent.call_count == 1


def test_redis_timeouts_and_breaker_period_come_from_the_environment():
    defaults = production_settings("CACHES", REDIS_URL="redis://127.0.0.1:6379/0")
    options = defaults["CACHES"]["default"]["OPTIONS"]
    assert options["SOCKET_CONNECT_TIMEOUT"] <= 0.5
    assert options["SOCKET_TIMEOUT"] <= 0.5
    assert options["BREAKER_SECONDS"] > 0

    tuned = production_settings(
        "CACHES",
        REDIS_URL="redis://127.0.0.1:6379/0",
        REDIS_CONNECT_TIMEOUT="0.1",
        REDIS_TIMEOUT="0.2",
        REDIS_BREAKER_SECONDS="10",
    )
    options = tuned["CACHES"]["default"]["OPTIONS"]
    assert options["SOCKET_CONNECT_TIMEOUT"] == 0.1
    assert options["SOCKET_TIMEOUT"] == 0.2
    assert options["BREAKER_SECONDS"] == 10
