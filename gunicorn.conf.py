"""gunicorn, as production runs it: `gunicorn -c gunicorn.conf.py newsroom.wsgi`.

Every value can be overridden from the environment (GUNICORN_BIND, WEB_CONCURRENCY, …), so
one file serves a laptop, a container and a large server alike; docs/deployment.md lists them.
"""

import multiprocessing
import os

from newsroom.env import env_int
from newsroom.logging import JSON_FORMATTER, ProbeFilter, RequestIdFilter

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers, the usual (2 x cores) + 1: pages are short, database-bound requests.
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = env_int("GUNICORN_THREADS", 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread" if threads > 1 else "sync")

# A request that takes longer than this is stuck; the worker is replaced.
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Recycling workers now and then bounds any slow memory growth.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Several instances share a host (see deploy/nginx.conf) and would fight over the default
# control socket; they are managed by signals to their PID instead.
control_socket_disable = True

# Only the proxy in front, on this machine, may tell us the scheme and client address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access and error logs on stdout, JSON like the application's lines (or text, as
# LOG_FORMAT says), with the request id taken from the X-Request-ID response header. The
# probes' requests for /livez are left out.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s bytes %(M)sms "%(a)s" request_id=%({x-request-id}o)s'
TEXT_FORMATTER = {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"}
LINES = JSON_FORMATTER if os.environ.get("LOG_FORMAT", "json") == "json" else TEXT_FORMATTER
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": RequestIdFilter}, "probes": {"()": ProbeFilter}},
    "formatters": {"lines": LINES},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "lines",
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {
            "handlers": ["stdout"],
            "level": "INFO",
            "propagate": False,
            "filters": ["probes"],
        },
    },
}
