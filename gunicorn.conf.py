"""gunicorn settings; each can be overridden from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Requests in flight get this long to finish when the server is told to stop
# (a deploy or a scale-in), so the load balancer can drain it.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Workers are replaced after a while: a slow leak never grows without bound. Not too
# often: a worker takes about a second of CPU to start, and serves a cached page in a
# millisecond.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# The proxy in front is trusted for X-Forwarded-* only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Worker heartbeats in memory, not on a container's overlay filesystem.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Logs on stdout, one key=value line per event, like the application's own
# (base/log_format.py): gunicorn's messages through the same formatter, and
# one line per request in the same shape.
accesslog = "-"
errorlog = "-"
access_log_format = (
    'method=%(m)s path="%(U)s" query="%(q)s" status=%(s)s bytes=%(B)s '
    'duration_ms=%(M)s remote=%(h)s user_agent="%(a)s"'
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"()": "base.log_format.KeyValueFormatter"},
        "access": {"()": "base.log_format.AccessLogFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "stream": "ext://sys.stdout",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}
# gunicorn 27 opens one shared control socket per machine by default; several
# servers on one host (tests, benchmarks, scaling out) must not share it.
control_socket_disable = True
