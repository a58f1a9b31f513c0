"""A public list's count is read once per content generation and filter, and right after an edit."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.models import Standard
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory

# Committed for real, so that an edit starts a new generation as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def count_cache(settings):
    settings.PUBLIC_COUNT_CACHE = True
    cache.clear()
    yield
    cache.clear()


def counts(queries):
    return [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"]]


def list_page(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("standards:standard-list"), query)
    assert response.status_code == 200
    return response.context["total"], counts(queries)


def test_the_second_visit_of_a_list_does_not_count_again(count_cache, client):
    StandardFactory.create_batch(3, is_public=True)

    first_total, first_counts = list_page(client)
    second_total, second_counts = list_page(client, page="1")

    assert first_total == second_total == 3
    assert first_counts
    assert not second_counts


def test_each_filter_has_its_own_count(count_cache, client):
    StandardFactory.create_batch(2, is_public=True, level=Standard.Level.RECOMMENDED)
    StandardFactory(is_public=True, level=Standard.Level.MANDATORY)

    assert list_page(client)[0] == 3
    assert list_page(client, level=Standard.Level.MANDATORY)[0] == 1
    assert list_page(client, level=Standard.Level.RECOMMENDED)[0] == 2


def test_an_edit_makes_the_next_visit_count_again(count_cache, client):
    StandardFactory.create_batch(2, is_public=True)
    assert list_page(client)[0] == 2

    StandardFactory(is_public=True)
    total, after = list_page(client)

    assert total == 3
    assert after


def test_without_the_setting_every_visit_counts(settings, client):
    settings.PUBLIC_COUNT_CACHE = False
    StandardFactory(is_public=True)
    list_page(client)

    assert list_page(client)[1]


def proposer_choices(client):
    """The comment requests list's proposer choices, and the queries that read the committees."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("standards:commentrequest-list"))
    field = response.context["filter"].form.fields["proposer"]
    committees = [q["sql"] for q in queries.captured_queries if "standards_committee" in q["sql"]]
    return [str(label) for _value, label in list(field.choices)[1:]], committees


def test_a_filters_choices_are_found_once_per_generation_and_again_after_an_edit(
    count_cache, client
):
    first = CommentRequestFactory(is_public=True, standard__is_public=True)
    CommitteeFactory(name="从未提出的单位")

    names, queries = proposer_choices(client)
    assert names == [first.proposer.name]
    assert any("EXISTS" in sql for sql in queries)

    names, queries = proposer_choices(client)
    assert names == [first.proposer.name]
    assert not any("EXISTS" in sql for sql in queries)  # the committees by id only

    CommentRequestFactory(
        is_public=True, standard__is_public=True, proposer=CommitteeFactory(name="新的提出单位")
    )
    names, _queries = proposer_choices(client)
    assert sorted(names) == sorted([first.proposer.name, "新的提出单位"])
