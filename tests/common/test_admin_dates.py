"""Dates in the admin as notices write them: 2022.07.20, 2022-07-20, 2022/7/20, 2022年7月20日."""

import datetime

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import translation

from bulletin.models import Issue, NewsItem
from common.forms import NoticeDateField
from standards.models import Review, Standard
from tests.admin_pages import change_form_data

pytestmark = pytest.mark.django_db

FORMS_MESSAGE = "请按 2022-07-20、2022.07.20、2022/7/20 或 2022年7月20日 的格式输入日期。"


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def post_news_date(client, value):
    news = NewsItem.objects.order_by("pk").first()
    data = change_form_data(client.get(change_url(news)))
    data["date"] = value
    return news, client.post(change_url(news), data)


@pytest.fixture(params=["zh-hans", "en"])
def admin_language(request, editor_client):
    """The editor's admin in each of its languages, as the language switch leaves it."""
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = request.param
    with translation.override(translation.get_language()):
        yield request.param


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2022.07.20", datetime.date(2022, 7, 20)),
        ("2022-07-20", datetime.date(2022, 7, 20)),
        ("2022/7/20", datetime.date(2022, 7, 20)),
        ("2022/07/20", datetime.date(2022, 7, 20)),
        ("2022年7月20日", datetime.date(2022, 7, 20)),
        ("2022.7.5", datetime.date(2022, 7, 5)),
        ("2022-7-5", datetime.date(2022, 7, 5)),
        ("2022年7月5日", datetime.date(2022, 7, 5)),
        (" 2022 年 7 月 5 日 ", datetime.date(2022, 7, 5)),
    ],
)
def test_a_date_in_any_of_the_notices_forms_is_saved(editor_client, admin_language, value, day):
    news, response = post_news_date(editor_client, value)

    assert response.status_code == 302, response.context["adminform"].form.errors
    news.refresh_from_db()
    assert news.date == day


@pytest.mark.parametrize("value", ["20.07.2022", "7/20/2022", "July 20, 2022", "2022年7月", "昨天"])
def test_a_date_in_no_known_form_is_refused_naming_the_forms_that_work(editor_client, value):
    news, response = post_news_date(editor_client, value)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [FORMS_MESSAGE]
    assert FORMS_MESSAGE in response.text
    news.refresh_from_db()
    assert news.date != datetime.date(2022, 7, 20)


@pytest.mark.parametrize("value", ["7月20日", "2022.07.20-2022.07.22"])
def test_a_day_without_its_year_or_a_range_is_refused(editor_client, value):
    _news, response = post_news_date(editor_client, value)

    assert response.context["adminform"].form.errors["date"] == [FORMS_MESSAGE]


def test_a_day_the_calendar_does_not_have_is_refused_as_such(editor_client):
    _news, response = post_news_date(editor_client, "2022.02.30")

    assert response.context["adminform"].form.errors["date"] == ["没有“2022.02.30”这一天。"]


def test_the_english_admin_refuses_with_the_same_forms(editor_client, admin_language):
    _news, response = post_news_date(editor_client, "20.07.2022")

    (message,) = response.context["adminform"].form.errors["date"]
    assert "2022.07.20" in message
    assert "2022年7月20日" in message


def test_an_inline_takes_the_notices_dates(editor_client):
    standard = Standard.objects.filter(reviews__isnull=False).order_by("pk").first()
    data = change_form_data(editor_client.get(change_url(standard)))
    review = standard.reviews.order_by("pk").first()
    (row,) = [
        key[: -len("id")] for key, pk in data.items() if key.endswith("-id") and pk == review.pk
    ]
    data[f"{row}start_date"] = "2022年6月28日"
    data[f"{row}end_date"] = "2022.6.30"

    response = editor_client.post(change_url(standard), data)

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.start_date, review.end_date) == (
        datetime.date(2022, 6, 28),
        datetime.date(2022, 6, 30),
    )


def test_the_issue_form_takes_the_notices_dates(editor_client):
    issue = Issue.objects.get(year=2022, month=7)
    data = change_form_data(editor_client.get(change_url(issue)))
    data.update(coverage_start="2022年6月1日", coverage_end="2022/6/30", recent_until="2022.7.15")

    response = editor_client.post(change_url(issue), data)

    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.coverage_start, issue.coverage_end, issue.recent_until) == (
        datetime.date(2022, 6, 1),
        datetime.date(2022, 6, 30),
        datetime.date(2022, 7, 15),
    )


def _date_fields(form_class):
    return {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, type(models.DateField().formfield()))
    }


def test_every_date_field_of_every_admin_page_reads_the_notices_forms(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    checked = 0
    for model, model_admin in admin.site._registry.items():
        forms = [model_admin.get_form(request, change=True)]
        forms += [
            inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
        ]
        for form in forms:
            for name, field in _date_fields(form).items():
                assert isinstance(field, NoticeDateField), f"{model.__name__}.{name}"
                checked += 1
    assert checked >= len([Review, NewsItem, Issue])
