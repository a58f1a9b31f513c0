"""Counting the rows of a long list without reading them all on every page."""

import hashlib

from django.core.paginator import Paginator
from django.db import connections, router
from django.utils import timezone
from django.utils.functional import cached_property

from .caching import kept_for_generation


class EstimatedCountPaginator(Paginator):
    """Pages whose unfiltered count is PostgreSQL's estimate of the table's rows.

    An exact COUNT(*) reads every row (PostgreSQL keeps no count); over 100,000 standards it is
    most of an admin page's time. The planner's estimate (pg_class.reltuples, kept by
    autovacuum) is read instead when the list has no filter or search and the table is large.
    Filtered lists, small tables and SQLite (whose count reads an index) are counted exactly.
    """

    estimate_from = 10_000

    @cached_property
    def count(self):
        estimate = self.estimated_count()
        return estimate if estimate is not None else super().count

    def estimated_count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or query.where or query.distinct or query.combinator:
            return None
        database = router.db_for_read(queryset.model)
        connection = connections[database]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)",
                [connection.ops.quote_name(queryset.model._meta.db_table)],
            )
            row = cursor.fetchone()
        # -1 until the table is first analyzed.
        if row is None or row[0] < self.estimate_from:
            return None
        return int(row[0])


class LargeListAdminMixin:
    """A model admin's list over many rows: no second count for "of N in all", and the
    estimated count of EstimatedCountPaginator."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False


class GenerationCountPaginator(Paginator):
    """Pages of a public list whose count is kept for the content generation.

    Counting the rows a filter matches is most of an uncached list page's time in the database
    (3 ms of 4 for the 40,779 GB/T standards; more for comment requests, counted through their
    standards), and it changes only when the records do. The count is kept under the list and
    its filters (`count_key`) in the page cache's store, filed under its generation (an edit,
    import or publish starts a new one, common.caching) and the day (a comment request's state
    changes overnight); PUBLIC_COUNT_CACHE turns it off.
    """

    def __init__(self, object_list, per_page, *, count_key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        digest = hashlib.sha256(self.count_key.encode()).hexdigest()[:32]
        return kept_for_generation(
            f"counts:{timezone.localdate().isoformat()}:{digest}",
            lambda: Paginator.count.func(self),
        )
