"""A time limit on each query of a public request, so no visitor can hold the database.

Anonymous (and other non-staff) requests outside the admin get PUBLIC_QUERY_TIMEOUT_MS for each
statement: PostgreSQL's own `statement_timeout`, set on the connection before the request's first
query and reset when the response is closed (connections outlive requests: CONN_MAX_AGE), and
on SQLite, which has no such setting, a progress handler that interrupts a statement once it has
worked that long. The admin and the task worker never get it: publishing and imports may take
their time. A query cut off answers 503 with Retry-After, never a 500.

The limit stays until the response is closed, so a streamed download's queries have it too.
"""

import time

from django.conf import settings
from django.db import DatabaseError, OperationalError, connections
from django.utils.translation import gettext_lazy as _

from .throttling import refused

# SQLSTATE of a statement cancelled by statement_timeout (query_canceled).
QUERY_CANCELED = "57014"
# How many SQLite virtual-machine steps between two looks at the clock (well under a millisecond).
SQLITE_STEPS = 10_000
# A longer pause between two looks means SQLite was idle (a streamed download waiting for its
# client between two fetches): that time is not the statement's work. Shorter pauses count, as
# a single long step (a big sort) must.
SQLITE_IDLE_SECONDS = 0.2


class SQLiteBudget:
    """A progress handler: nonzero (interrupt) once the statement has worked `seconds`."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.interrupted = False
        self.start()

    def start(self):
        self.spent = 0.0
        self.last = time.monotonic()

    def __call__(self):
        now = time.monotonic()
        if now - self.last < SQLITE_IDLE_SECONDS:
            self.spent += now - self.last
        self.last = now
        if self.spent > self.seconds:
            self.interrupted = True
            return 1
        return 0


class QueryTimeout:
    """An execute wrapper giving each statement on its connection `milliseconds`."""

    def __init__(self, connection, milliseconds):
        self.connection = connection
        self.milliseconds = milliseconds
        self.raw = None  # the driver's connection the limit was put on
        self.budget = SQLiteBudget(milliseconds / 1000)

    def __call__(self, execute, sql, params, many, context):
        raw = self.connection.connection
        if self.connection.vendor == "sqlite":
            if raw is not self.raw:
                raw.set_progress_handler(self.budget, SQLITE_STEPS)
                self.raw = raw
            self.budget.start()
        elif self.connection.vendor == "postgresql" and raw is not self.raw:
            # Through the driver's own cursor: not a query of the request's (query counts), and
            # an integer, so nothing to quote.
            raw.execute(f"SET statement_timeout = {int(self.milliseconds)}")
            self.raw = raw
        return execute(sql, params, many, context)

    def remove(self):
        if self in self.connection.execute_wrappers:
            self.connection.execute_wrappers.remove(self)
        raw, self.raw = self.raw, None
        if raw is None or raw is not self.connection.connection:
            return  # never used, or closed and opened again since: nothing of ours is left
        try:
            if self.connection.vendor == "sqlite":
                raw.set_progress_handler(None, 0)
            else:
                raw.execute("RESET statement_timeout")
        except (DatabaseError, self.connection.Database.Error):
            # A connection that cannot be reset must not serve the admin with our limit.
            if not self.connection.in_atomic_block:
                self.connection.close()

    @property
    def interrupted(self):
        return self.budget.interrupted


def timed_out(error, guards):
    """Whether a query error is one of our limits cutting a statement off."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED:
        return True
    return any(guard.interrupted for guard in guards)


def busy_response(request):
    return refused(
        request,
        503,
        _("网站繁忙"),
        _("这次查询用时过长，已被中止。请稍后再试，或缩小筛选范围、减少搜索词。"),
        settings.PUBLIC_BUSY_RETRY_AFTER,
        say_when=False,
    )


def limited_request(request):
    return not request.path_info.startswith("/admin/") and not request.user.is_staff


class PublicQueryTimeoutMiddleware:
    """Put the time limit on the database connections of a public request; see the module.

    After the authentication middleware: staff are not limited, anywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        milliseconds = settings.PUBLIC_QUERY_TIMEOUT_MS
        if milliseconds <= 0 or not limited_request(request):
            return self.get_response(request)
        guards = []
        for connection in connections.all(initialized_only=False):
            guard = QueryTimeout(connection, milliseconds)
            connection.execute_wrappers.append(guard)
            guards.append(guard)
        request._query_timeouts = guards
        try:
            response = self.get_response(request)
        except BaseException:
            self._remove(guards)
            raise
        # Django closes a response once it is sent, a streamed one once its last chunk is.
        response._resource_closers.append(lambda: self._remove(guards))
        return response

    def process_exception(self, request, exception):
        if timed_out(exception, getattr(request, "_query_timeouts", ())):
            return busy_response(request)
        return None

    @staticmethod
    def _remove(guards):
        for guard in guards:
            guard.remove()
