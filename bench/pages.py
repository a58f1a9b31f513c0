"""Record pages and searched lists without the page cache, against hello world under the same.

    .venv/bin/python bench/pages.py [--quick] [--seconds 5] [--connections 16]

As bench/lists.py measures the lists (the production settings plus one hello-world view,
gunicorn with 2 workers, the page cache off, Redis for the kept counts where it answers, wrk
asking for one URL at a time in rounds, the best of each counting):

- detail_uncached: the pages of a standard, a comment request and a meeting, each the public
  record of its kind with the most relatives (comment requests, meetings and reviews of a
  standard; sections, photos, attachments and standards of a meeting); target ≥ 0.25×.
- search_uncached: the standards, comment requests and meetings lists with `?q=` of two Chinese
  words (each word an icontains over the list's search fields); target ≥ 0.1×.

Each figure is the slowest of its pages, as a ratio of the hello-world throughput measured in the
same rounds. The detail names each page's queries, as the test client counts them.
"""

import sys
from urllib.parse import urlencode

import harness
from lists import LISTS, Bench, gunicorn, report, uncached_site, wrk_arguments
from load import ensure_wrk

SEARCH = "汽车 安全"


def main():
    args = wrk_arguments(__doc__)
    wrk = ensure_wrk()
    with harness.database(args) as url:
        harness.setup_django()
        details = detail_paths()
        searches = search_paths()
        queries = query_counts({**details, **searches})
        env, folder, _redis_url = uncached_site(url)
        with gunicorn(env, folder) as server:
            figures = Bench(wrk, args).measure(server, {**details, **searches})
    hello = figures["hello"]
    report(
        "detail_uncached",
        "Record pages with their relatives, page cache off",
        {"hello": hello, **{name: figures[name] for name in details}},
        queries,
        target=0.25,
    )
    report(
        "search_uncached",
        f"List pages searched for ?q={SEARCH}, page cache off",
        {"hello": hello, **{name: figures[name] for name in searches}},
        queries,
        target=0.1,
    )


def most_related(queryset, *relations):
    """The record with the most relatives of these kinds (each counted once, however the joins
    multiply the rows)."""
    from functools import reduce
    from operator import add

    from django.db.models import Count

    relatives = reduce(add, (Count(name, distinct=True) for name in relations))
    return queryset.annotate(relatives=relatives).order_by("-relatives", "pk").first()


def detail_paths():
    from meetings.models import Meeting
    from standards.models import CommentRequest, Standard

    standard = most_related(Standard.objects.published(), "comment_requests", "meetings", "reviews")
    meeting = most_related(
        Meeting.objects.published(), "sections", "photos", "attachments", "related_standards"
    )
    comment_request = CommentRequest.objects.published().order_by("-end_date", "pk").first()
    return {
        "standard": standard.get_absolute_url(),
        "comment request": comment_request.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
    }


def search_paths():
    from django.urls import reverse

    return {
        f"{name}, searched": f"{reverse(url_name)}?{urlencode({'q': SEARCH})}"
        for name, (url_name, _query) in LISTS.items()
    }


def query_counts(paths):
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host allowed
    client = Client()
    counts = {}
    for name, path in paths.items():
        with harness.counted_queries() as queries:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code != 200:
            sys.exit(f"{path}: status {response.status_code}")
        counts[name] = queries.count
        print(f"  {name}: {path}, {queries.count} queries", flush=True)
    return counts


if __name__ == "__main__":
    main()
