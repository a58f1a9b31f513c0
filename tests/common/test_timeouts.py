"""A public request's slow query is cut off with a 503; the admin's and the worker's are not."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.expressions import RawSQL
from django.urls import reverse

from standards.models import Standard
from standards.views import StandardListView
from tests.standards.factories import StandardFactory

# A statement that works for minutes: SQLite counts to a billion, PostgreSQL sleeps.
SLOW = {
    "sqlite": "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e9)"
    " SELECT max(x) FROM c)",
    "postgresql": "(SELECT 1 FROM pg_sleep(60))",
}
ON_SQLITE = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's guard is a progress handler of its own"
)
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's"
)


@pytest.fixture
def slow_list(monkeypatch, settings):
    """The public standards list, whose rows take a minute each to read."""
    settings.PUBLIC_QUERY_TIMEOUT_MS = 200
    StandardFactory(is_public=True)
    slow = Standard.objects.published().annotate(slow=RawSQL(SLOW[connection.vendor], []))
    monkeypatch.setattr(StandardListView, "queryset", slow)
    return reverse("standards:standard-list")


@pytest.mark.parametrize(
    "database",
    [
        pytest.param("sqlite", marks=[ON_SQLITE, pytest.mark.django_db], id="sqlite-interrupted"),
        pytest.param(
            "postgresql",
            marks=[ON_POSTGRESQL, pytest.mark.django_db(transaction=True)],
            id="postgresql-cancelled",
        ),
    ],
)
def test_a_public_query_that_works_too_long_is_cut_off_with_a_503(client, slow_list, database):
    response = client.get(slow_list)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "这次查询用时过长" in response.text


@ON_SQLITE
@pytest.mark.django_db
def test_sqlite_the_guard_is_gone_once_the_request_is(client, slow_list, settings):
    client.get(slow_list)
    settings.PUBLIC_QUERY_TIMEOUT_MS = 0  # the sum below works longer than the limit was

    with connection.cursor() as cursor:
        cursor.execute(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000)"
            " SELECT sum(x) FROM c"
        )
        assert cursor.fetchone() == (3000000 * 3000001 // 2,)


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_postgresql_the_connection_is_reset_for_whoever_uses_it_next(client, slow_list):
    client.get(slow_list)

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("0",)


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_postgresql_staff_are_not_limited(client, monkeypatch, settings):
    settings.PUBLIC_QUERY_TIMEOUT_MS = 100
    StandardFactory(is_public=True)
    slower = Standard.objects.published().annotate(slow=RawSQL("(SELECT 1 FROM pg_sleep(0.3))", []))
    monkeypatch.setattr(StandardListView, "queryset", slower)
    client.force_login(get_user_model().objects.create_user("editor", is_staff=True))

    response = client.get(reverse("standards:standard-list"))

    assert response.status_code == 200


@ON_SQLITE
@pytest.mark.django_db
def test_sqlite_staff_are_not_limited(client, monkeypatch, settings):
    settings.PUBLIC_QUERY_TIMEOUT_MS = 50
    StandardFactory(is_public=True)
    count = (
        "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000)"
        " SELECT max(x) FROM c)"
    )
    slower = Standard.objects.published().annotate(slow=RawSQL(count, []))
    monkeypatch.setattr(StandardListView, "queryset", slower)
    client.force_login(get_user_model().objects.create_user("editor", is_staff=True))

    response = client.get(reverse("standards:standard-list"))

    assert response.status_code == 200


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_postgresql_a_streamed_download_keeps_the_limit_until_it_is_sent(client, settings):
    settings.PUBLIC_QUERY_TIMEOUT_MS = 200
    StandardFactory(is_public=True)
    response = client.get(reverse("standards:standard-export", kwargs={"format": "csv"}))
    chunks = iter(response.streaming_content)
    next(chunks)  # the rows are being read

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        during = cursor.fetchone()
    list(chunks)  # the last chunk sent: the response is closed
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        after = cursor.fetchone()

    assert (during, after) == (("200ms",), ("0",))
