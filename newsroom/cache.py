"""The Redis cache behind a circuit breaker: a hung Redis costs one timeout, not one per call.

django-redis already reads a failed call as a miss (``IGNORE_EXCEPTIONS``), but every call
still waits out its own timeout first. With Redis hung (accepting connections, answering
nothing) a page makes several cache calls and used to wait for each of them.

Here a call that cannot reach Redis (refused, reset, timed out) opens the breaker of this
process for ``BREAKER_SECONDS`` (``REDIS_BREAKER_SECONDS``). While it is open no cache call
touches the network; each answers as a miss would: reads return the caller's default or
nothing, writes and deletes store and find nothing. Once the period is over, the next call is
let through to try Redis again while the others keep skipping it: if Redis answers the
breaker closes, if not it stays open for another period. So a Redis that stays hung costs
each process one timeout a period, and the failure is logged once a period, not once a call.

The breaker belongs to the process and the Redis address, not to a backend instance, because
Django makes one instance per thread and per async task. Only the Django cache API below is
guarded; django-redis's extras (``keys``, ``ttl``, ``lock``, sets) go to Redis as before.
"""

import os
import threading
from time import monotonic

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from newsroom.env import env_seconds

DEFAULT_BREAKER_SECONDS = 5.0


class CircuitBreaker:
    """Closed: calls go to Redis. Open: calls skip it, but one a period tries it again."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        # 0 while closed; otherwise when the next call may try Redis again.
        self._retry_at = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._retry_at != 0.0

    def allows_call(self) -> bool:
        if not self._retry_at:
            return True
        with self._lock:
            now = monotonic()
            if now < self._retry_at:
                return False
            # This call tries Redis on behalf of everyone; the others keep skipping it.
            self._retry_at = now + self.seconds
            return True

    def record_success(self) -> None:
        if self._retry_at:
            with self._lock:
                self._retry_at = 0.0

    def record_failure(self) -> None:
        with self._lock:
            self._retry_at = monotonic() + self.seconds


# One breaker per Redis address in this process.
breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(server: str, seconds: float) -> CircuitBreaker:
    with _breakers_lock:
        return breakers.setdefault(server, CircuitBreaker(seconds))


class CircuitBreakerRedisCache(RedisCache):
    """django-redis's cache, skipping Redis for a while after it failed to answer."""

    def __init__(self, server: str, params: dict) -> None:
        super().__init__(server, params)
        seconds = params.get("OPTIONS", {}).get("BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS)
        self.breaker = breaker_for(server, seconds)

    def _call(self, operation: str, if_skipped, *args, **kwargs):
        """``operation`` on the django-redis client, or ``if_skipped`` without Redis."""
        if not self.breaker.allows_call():
            return if_skipped
        try:
            answer = getattr(self.client, operation)(*args, **kwargs)
        except ConnectionInterrupted as failure:
            if isinstance(failure.__cause__, RedisConnectionError | RedisTimeoutError):
                self.breaker.record_failure()
                outcome = f"Redis is skipped for {self.breaker.seconds:g} s"
            else:
                # Redis answered, with an error: it is there, only this call failed.
                self.breaker.record_success()
                outcome = "read as a miss"
            if self.logger:
                self.logger.error("Cache %s failed, %s", operation, outcome, exc_info=failure)
            return if_skipped
        self.breaker.record_success()
        return answer

    def get(self, key, default=None, version=None, client=None):
        return self._call("get", default, key, default=default, version=version, client=client)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", {}, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", False, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", False, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", False, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        # Django's answer: the keys that were not stored.
        return self._call("set_many", list(data), data, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return bool(self._call("delete", 0, *args, **kwargs))

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", 0, *args, **kwargs)

    def clear(self):
        return self._call("clear", None)

    def incr(self, *args, **kwargs):
        return self._call("incr", None, *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", None, *args, **kwargs)


def redis_cache(url: str) -> dict:
    """The Redis cache as production runs it (tests point it at a closed or frozen server).

    A cache outage must slow readers' pages down, never break them: a failed call reads as a
    miss, no call waits longer than the timeouts below, and after a failure the process skips
    Redis for a few seconds altogether (the breaker above), so a hung Redis costs one
    timeout a period instead of one per cache call.
    """
    return {
        "BACKEND": "newsroom.cache.CircuitBreakerRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": env_seconds("REDIS_CONNECT_TIMEOUT", 0.25),
            "SOCKET_TIMEOUT": env_seconds("REDIS_TIMEOUT", 0.5),
            "BREAKER_SECONDS": env_seconds("REDIS_BREAKER_SECONDS", 5),
        },
    }
