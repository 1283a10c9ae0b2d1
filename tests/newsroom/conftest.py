"""Production plumbing's tests start with every Redis circuit breaker closed."""

import pytest

from newsroom.cache import breakers


@pytest.fixture(autouse=True)
def closed_redis_breakers():
    """A breaker belongs to the process and the Redis address, and tests reuse addresses the
    system hands out again; a breaker one test opened must not decide for the next."""
    breakers.clear()
