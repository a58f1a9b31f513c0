"""The admin's list of standards over the generated data: its queries and whether it counts.

    .venv/bin/python bench/admin_changelist.py [--quick]

A superuser opens the standards changelist (100 rows a page) over 100,000 standards (10,000
with --quick): the first page, a later page, a filter and a search. The figure is the most
queries any of them took against the target of 15 (ratio ≤ 1.0); the detail says how many of
them were COUNT queries (one for a filtered list; none for the unfiltered list on PostgreSQL,
which reads the planner's estimate) and the best time of the first page.
"""

import harness

PAGES = {
    "first page": {},
    "page 50": {"p": "50"},
    "filter (public, GB/T)": {"is_public__exact": "1", "level__exact": "gb_t"},
    "search": {"q": "道路车辆"},
}
TARGET = 15


def main():
    args = harness.arguments(__doc__.split("\n\n")[0])
    with harness.database(args):
        harness.setup_django()
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would have by now
        user, _ = get_user_model().objects.get_or_create(
            username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(user)
        url = reverse("admin:standards_standard_changelist")

        def get(query):
            response = client.get(url, query)
            if response.status_code != 200:
                raise SystemExit(f"{url} {query}: {response.status_code}")
            return response

        worst, counts = 0, []
        for label, query in PAGES.items():
            get(query)  # warm
            with harness.counted_queries() as queries:
                response = get(query)
            count_queries = sum("COUNT(" in sql.upper() for sql in queries.statements)
            rows = len(response.context["cl"].result_list)
            print(f"  {label}: {queries.count} queries ({count_queries} COUNT), {rows} rows")
            worst = max(worst, queries.count)
            counts.append(f"{label} {queries.count} ({count_queries} COUNT)")
        seconds, _ = harness.best_of(5, get, {})
    harness.record(
        "admin_changelist",
        value=worst,
        floor=TARGET,
        unit="queries",
        target=1.0,
        label="Admin standards list, queries (of 15)",
        detail=f"{'; '.join(counts)}; first page {seconds * 1000:.0f} ms",
    )


if __name__ == "__main__":
    main()
