"""The site search against the standards list's own search, on the same queries and data.

    .venv/bin/python bench/search_site.py [--quick] [--repeat 5]

On the generated data (100,000 standards, 10,000 meetings and their news; a tenth with
--quick), each of a set of two-word Chinese queries is asked of the search page (/search/?q=,
every public record kind in the database's full-text index, search/) and of the standards list
(?q=, each word an icontains over five columns), through the test client with the page cache
and the rate limits off, `repeat` times each. The figure is the median time of a search page
against the median of a list page; the target is a third of it (≤ 0.33), lower is better.
"""

import os
import statistics
import time

import harness

QUERIES = [
    "电动汽车 充电",
    "道路车辆 电磁兼容",
    "挂车 制动",
    "智能网联汽车 自动驾驶",
    "商用车 安全",
    "汽车 试验方法",
    "乘用车 燃料消耗",
    "摩托车 噪声",
]


def main():
    args = harness.arguments(__doc__.split("\n\n")[0], **{"--repeat": {"type": int, "default": 0}})
    repeat = args.repeat or (3 if args.quick else 5)
    with harness.database(args):
        os.environ["PUBLIC_SEARCH_RATE"] = ""
        harness.setup_django()
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        from search.models import SearchEntry

        setup_test_environment()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would have by now
        print(f"  {SearchEntry.objects.count():,} search entries", flush=True)
        client = Client()
        pages = {"search": reverse("search:search"), "list": reverse("standards:standard-list")}

        def get(path, query):
            started = time.perf_counter()
            response = client.get(path, {"q": query}, HTTP_ACCEPT_LANGUAGE="zh-hans")
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{path}?q={query}: {response.status_code}")
            return elapsed, response.context["total"]

        times = {name: [] for name in pages}
        for query in QUERIES:
            found = {}
            for name, path in pages.items():
                get(path, query)  # warm: jieba's dictionary, the database's pages
                runs = [get(path, query) for _ in range(repeat)]
                times[name] += [seconds for seconds, _total in runs]
                found[name] = runs[0][1]
            print(f"  {query}: search {found['search']:,} results, list {found['list']:,} rows")
    search, listed = (statistics.median(times[name]) for name in ("search", "list"))
    harness.record(
        "search_site",
        value=search,
        floor=listed,
        unit="s",
        target=0.33,
        label="Site search page, p50 (against the standards list's ?q=)",
        detail=f"{len(QUERIES)} two-word queries × {repeat}; search p50 {search * 1000:.0f} ms, "
        f"list p50 {listed * 1000:.0f} ms",
    )


if __name__ == "__main__":
    main()
