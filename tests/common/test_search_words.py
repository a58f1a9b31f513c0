"""A list's ?q= word by word: the same records whatever the case, and on PostgreSQL a query the
planner can estimate (common.filters SearchFilterSet.search, common.databases SearchStatistics)."""

import json

import factory
import pytest
from django.db import connection

from bulletin.filters import NewsItemFilter
from common.filters import SearchFilterSet
from meetings.filters import MeetingFilter
from standards.filters import CommentRequestFilter, CommitteeFilter, StandardFilter
from standards.models import Standard
from tests.standards.factories import StandardFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite keeps no statistics of expressions"
)
PUBLIC_SEARCHES = [
    StandardFilter,
    CommentRequestFilter,
    CommitteeFilter,
    MeetingFilter,
    NewsItemFilter,
]


def searched(words):
    return StandardFilter({"q": words}, queryset=Standard.objects.published()).qs


@pytest.fixture
def standards():
    return [
        StandardFactory(
            is_public=True, title="电动汽车安全要求", english_title="Electric vehicles — Safety"
        ),
        StandardFactory(
            is_public=True,
            title="汽车 座椅",
            english_title="Road vehicles — Seats",
            number="GB/T 15083",
        ),
        StandardFactory(
            is_public=True, title="摩托车 照明", english_title="Motorcycles — Lighting"
        ),
    ]


def test_every_word_must_be_found_whatever_its_case(standards):
    safety, seats, _lighting = standards

    assert set(searched("汽车")) == {safety, seats}
    assert set(searched("汽车 安全")) == {safety}
    assert set(searched("SAFETY")) == {safety}
    assert set(searched("gb/t 汽车")) == {seats}
    assert set(searched("Vehicles 15083")) == {seats}


def test_like_wildcards_in_a_word_are_only_text(standards):
    assert not searched("%").exists()
    assert not searched("_").exists()
    assert not searched("%Safety_").exists()


@postgresql_only
def test_a_word_without_case_is_matched_without_upper(standards):
    chinese = str(searched("汽车 15083").query)
    latin = str(searched("vehicles").query)

    assert "UPPER" not in chinese
    assert "UPPER" in latin


def searched_columns():
    """(table, column) of every search field of the public lists."""
    found = set()
    for filterset in PUBLIC_SEARCHES:
        assert issubclass(filterset, SearchFilterSet)
        for path in filterset.search_fields:
            model = filterset._meta.model
            *relations, name = path.split("__")
            for relation in relations:
                model = model._meta.get_field(relation).related_model
            found.add((model._meta.db_table, model._meta.get_field(name).column))
    return found


@postgresql_only
def test_every_searched_column_has_statistics_of_its_upper_case():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, expr FROM pg_stats_ext_exprs")
        kept = set(cursor.fetchall())

    missing = {
        (table, column)
        for table, column in searched_columns()
        if (table, f"upper(({column})::text)") not in kept
        and (table, f"upper({column})") not in kept
    }
    assert not missing


@postgresql_only
def test_the_planner_estimates_a_latin_words_matches_from_the_statistics():
    StandardFactory.create_batch(
        150, english_title=factory.Sequence("Safety of vehicles {}".format)
    )
    StandardFactory.create_batch(150, english_title=factory.Sequence("Lighting {}".format))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE standards_standard")
        queryset = Standard.objects.filter(english_title__icontains="safety")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    # Without statistics of UPPER(english_title) PostgreSQL guesses a row or two.
    assert 50 <= plan[0]["Plan"]["Plan Rows"] <= 450
