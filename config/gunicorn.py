"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`, behind a reverse proxy.

Every value can be changed from the environment. Each worker thread holds at most one database
connection (kept for DATABASE_CONN_MAX_AGE seconds), so one host opens up to workers × threads
connections. The default number of workers keeps that within GUNICORN_DB_CONNECTIONS (40), so
that two web hosts, the tasks worker and the admin's commands stay below PostgreSQL's default
max_connections of 100; raise both together.
"""

import gc
import logging
import multiprocessing
import os


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Processes for the CPUs, threads for the time a request waits on the database or storage.
worker_class = "gthread"
threads = env_int("GUNICORN_THREADS", 4)
db_connections = env_int("GUNICORN_DB_CONNECTIONS", 40)
workers = env_int(
    "WEB_CONCURRENCY", max(1, min(multiprocessing.cpu_count() * 2 + 1, db_connections // threads))
)
# Connections waiting for a worker; the proxy holds the rest.
backlog = env_int("GUNICORN_BACKLOG", 2048)

# The application is imported once, before the workers are forked: they start (and restart, see
# max_requests) in milliseconds and share its memory. Nothing connects to the database at import.
# A new release therefore needs a restart (or USR2), not a HUP.
preload_app = True

# A worker silent this long is killed and replaced. A gthread worker keeps reporting while its
# threads are busy, so a long download (a list of 100,000 rows) does not trip it.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On a restart or shutdown, requests under way get this long to finish.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection stays open for the proxy (or a client) to reuse.
keepalive = env_int("GUNICORN_KEEPALIVE", 5)

# Workers are replaced after this many requests, at different times, to bound slow leaks.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# The proxy's address: only its X-Forwarded-* headers are believed (Django reads the scheme
# through SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to the process's output, for the service manager or the container to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The combined format, then the time taken in microseconds and the worker's pid.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %(p)s'

# Several instances on one host would share the default control socket in $HOME.
control_socket_disable = "GUNICORN_CONTROL_SOCKET" not in os.environ
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")

# Heartbeat files in memory rather than on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "bulletin"


def pre_fork(server, worker):
    # The preloaded application's objects live as long as the worker: frozen before the fork,
    # a worker's garbage collections no longer walk them (a tenth of an uncached page's time)
    # nor touch their pages, which stay shared with the master (Python's gc.freeze() documents
    # this use).
    gc.freeze()


def on_starting(server):
    if workers * threads > db_connections:
        logging.getLogger("gunicorn.error").warning(
            "%d workers × %d threads may open %d database connections, more than "
            "GUNICORN_DB_CONNECTIONS (%d): check PostgreSQL's max_connections.",
            workers,
            threads,
            workers * threads,
            db_connections,
        )
