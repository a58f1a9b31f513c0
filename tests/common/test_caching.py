"""Public pages come from the cache for anonymous visitors until the next change of any record."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from common import caching
from standards.models import Standard

# Committed for real (transactional_db), so that changes reach the cache when they commit.
pytestmark = pytest.mark.django_db(transaction=True)

PLAN_NUMBER = "20213570-T-339"


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def standard_url():
    return Standard.objects.get(plan_number=PLAN_NUMBER).get_absolute_url()


def test_the_second_visit_is_served_from_the_cache(public_demo, page_cache, client):
    first = client.get(standard_url())
    second = client.get(standard_url())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The headers that belong to each response are set afresh on a cached one.
    assert "Content-Security-Policy" in second
    assert second["ETag"] == first["ETag"]


def test_a_cached_page_answers_its_etag_with_304(public_demo, page_cache, client):
    etag = client.get("/standards/")["ETag"]

    again = client.get("/standards/", headers={"if-none-match": etag})

    assert again.status_code == 304


def test_a_revalidation_reads_the_etag_alone(public_demo, page_cache, client, monkeypatch):
    etag = client.get("/standards/")["ETag"]
    store = caching.page_cache()
    read = []
    get = store.get
    monkeypatch.setattr(store, "get", lambda key, *args: read.append(key) or get(key, *args))

    again = client.get("/standards/", headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again["X-Page-Cache"] == "hit"
    assert not [key for key in read if key.endswith("/standards/")]  # not the page itself


def test_after_an_edit_an_old_etag_gets_the_new_page(public_demo, page_cache, client):
    etag = client.get("/standards/")["ETag"]
    standard = Standard.objects.get(plan_number=PLAN_NUMBER)
    standard.title = "新的标题：纯电动乘用车技术条件"
    standard.save()

    again = client.get("/standards/", headers={"if-none-match": etag})

    assert again.status_code == 200
    assert again["ETag"] != etag
    assert "新的标题" in again.text


def test_an_edit_renews_every_cached_page(public_demo, page_cache, client):
    client.get(standard_url())
    client.get("/standards/")
    standard = Standard.objects.get(plan_number=PLAN_NUMBER)
    standard.title = "新的标题：纯电动乘用车技术条件"
    standard.save()

    detail = client.get(standard_url())
    listing = client.get("/standards/")

    assert detail["X-Page-Cache"] == "miss"
    assert "新的标题：纯电动乘用车技术条件" in detail.text
    assert "新的标题：纯电动乘用车技术条件" in listing.text


def test_a_record_made_internal_disappears_at_once(public_demo, page_cache, client):
    assert client.get(standard_url()).status_code == 200
    url = standard_url()
    Standard.objects.get(plan_number=PLAN_NUMBER).make_internal()

    assert client.get(url).status_code == 404


def test_an_admin_post_renews_the_pages_even_when_it_updates_in_bulk(
    public_demo, page_cache, client, admin_client
):
    client.get("/standards/")
    before = caching.generation()

    admin_client.post(
        reverse("admin:standards_standard_changelist"),
        {
            "action": "make_internal",
            "_selected_action": list(Standard.objects.values_list("pk", flat=True)),
        },
    )

    assert caching.generation() != before
    assert client.get("/standards/")["X-Page-Cache"] == "miss"


def test_a_spreadsheet_import_renews_the_pages(public_demo, page_cache, client):
    from common.spreadsheets import import_file
    from standards.resources import StandardResource

    client.get("/standards/")
    before = caching.generation()
    rows = "计划号,项目名称,制修订,领域,审查时间\n20229999-T-339,导入的新标准,制定,整车,\n"

    report = import_file(StandardResource(), rows.encode(), "standards.csv")

    assert not report.errors
    assert caching.generation() != before


def test_logged_in_staff_always_get_a_fresh_page(public_demo, page_cache, admin_client):
    admin_client.get("/standards/")

    response = admin_client.get("/standards/")

    assert "X-Page-Cache" not in response


def test_downloads_and_files_are_never_cached(public_demo, page_cache, client):
    for url in ("/standards/export.csv", "/issues/2022/07/pdf/"):
        for _ in range(2):
            response = client.get(url)
            b"".join(response.streaming_content)  # read to the end, as a server does

            assert "X-Page-Cache" not in response


def test_pages_are_filed_by_day_because_open_and_closing_soon_change_overnight(
    public_demo, page_cache, client, monkeypatch
):
    import datetime

    client.get("/comment-requests/")
    monkeypatch.setattr(
        caching.timezone, "localdate", lambda: datetime.date.today() + datetime.timedelta(days=1)
    )

    assert client.get("/comment-requests/")["X-Page-Cache"] == "miss"


def test_the_page_cache_can_be_turned_off(public_demo, settings, client):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/standards/")

    assert "X-Page-Cache" not in client.get("/standards/")


def test_a_generation_lost_from_the_cache_starts_a_new_one_not_an_old_one(page_cache):
    first = caching.generation()
    cache.delete(caching.GENERATION_KEY)

    assert caching.generation() != first


def test_a_cached_feed_tells_when_it_was_last_modified_as_the_first_answer_did(
    public_demo, page_cache, client
):
    first = client.get("/feeds/comment-requests.atom")
    second = client.get("/feeds/comment-requests.atom")

    assert second["X-Page-Cache"] == "hit"
    assert second["Last-Modified"] == first["Last-Modified"]


def test_a_cached_feed_answers_if_modified_since_with_304(public_demo, page_cache, client):
    modified = client.get("/feeds/comment-requests.atom")["Last-Modified"]

    again = client.get("/feeds/comment-requests.atom", headers={"if-modified-since": modified})

    assert again.status_code == 304
