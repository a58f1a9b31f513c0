import datetime

import pytest
from django.core.exceptions import ValidationError

from standards.models import CommentRequest
from tests.standards.factories import CommentRequestFactory, ReviewFactory

START = datetime.date(2022, 6, 17)
END = datetime.date(2022, 8, 17)
ONE_DAY = datetime.timedelta(days=1)


def period():
    return CommentRequestFactory.build(start_date=START, end_date=END)


@pytest.mark.parametrize(
    ("day", "status", "days_remaining"),
    [
        (START - ONE_DAY, CommentRequest.Status.UPCOMING, 62),
        (START, CommentRequest.Status.OPEN, 61),
        (END - ONE_DAY, CommentRequest.Status.OPEN, 1),
        (END, CommentRequest.Status.OPEN, 0),
        (END + ONE_DAY, CommentRequest.Status.CLOSED, None),
    ],
)
def test_status_and_days_remaining_on_boundary_days(day, status, days_remaining):
    comment_request = period()

    assert comment_request.status_on(day) == status
    assert comment_request.days_remaining(day) == days_remaining


def test_a_one_day_period_is_open_on_that_day_only():
    comment_request = CommentRequestFactory.build(start_date=START, end_date=START)

    assert comment_request.status_on(START - ONE_DAY) == CommentRequest.Status.UPCOMING
    assert comment_request.status_on(START) == CommentRequest.Status.OPEN
    assert comment_request.status_on(START + ONE_DAY) == CommentRequest.Status.CLOSED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (START - ONE_DAY, "upcoming_on"),
        (START, "open_on"),
        (END, "open_on"),
        (END + ONE_DAY, "closed_on"),
    ],
)
def test_querysets_agree_with_status_on_boundary_days(day, expected):
    CommentRequestFactory(start_date=START, end_date=END)

    for method in ("upcoming_on", "open_on", "closed_on"):
        matches = getattr(CommentRequest.objects, method)(day).count()
        assert matches == (1 if method == expected else 0), method


@pytest.mark.django_db
def test_closing_within_counts_the_last_day_and_not_the_day_after():
    CommentRequestFactory(start_date=START, end_date=END)

    assert CommentRequest.objects.closing_within(7, END - datetime.timedelta(days=7)).count() == 1
    assert CommentRequest.objects.closing_within(7, END - datetime.timedelta(days=8)).count() == 0
    assert CommentRequest.objects.closing_within(7, END + ONE_DAY).count() == 0


@pytest.mark.parametrize(
    ("reply_to", "addresses"),
    [
        (
            "vehicle@miit.gov.cn,并抄送 liushaohui@catarc.ac.cn",
            ["vehicle@miit.gov.cn", "liushaohui@catarc.ac.cn"],
        ),
        (
            "vehicle@miit.gov.cn; 并抄送 pengweiqiang@catarc.ac.cn",
            ["vehicle@miit.gov.cn", "pengweiqiang@catarc.ac.cn"],
        ),
        (
            "vehicle@miit.gov.cn, sunl@dfmc.com.cn, 请同步抄送 yangb@nast.com.cn",
            ["vehicle@miit.gov.cn", "sunl@dfmc.com.cn", "yangb@nast.com.cn"],
        ),
        ("liyg@nast.com.cn sunl@dfmc.com.cn", ["liyg@nast.com.cn", "sunl@dfmc.com.cn"]),
        ("945638918@qq.com; 81124964@qq.com", ["945638918@qq.com", "81124964@qq.com"]),
    ],
)
def test_reply_to_addresses_are_found_whatever_separates_them(reply_to, addresses):
    assert CommentRequestFactory.build(reply_to=reply_to).reply_to_addresses == addresses


@pytest.mark.django_db
def test_reply_to_without_an_address_is_refused():
    comment_request = CommentRequestFactory(reply_to="vehicle@miit.gov.cn")
    comment_request.reply_to = "请寄送纸质意见至秘书处"

    with pytest.raises(ValidationError) as error:
        comment_request.full_clean()

    assert "reply_to" in error.value.message_dict


@pytest.mark.django_db
def test_a_period_that_ends_before_it_starts_is_refused():
    comment_request = CommentRequestFactory()
    comment_request.end_date = comment_request.start_date - ONE_DAY

    with pytest.raises(ValidationError) as error:
        comment_request.full_clean()

    assert "end_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("end", "text"),
    [
        (datetime.date(2022, 6, 28), "6月28日"),
        (datetime.date(2022, 6, 30), "6月28-30日"),
        (datetime.date(2022, 7, 2), "6月28日-7月2日"),
        (datetime.date(2023, 1, 2), "2022年6月28日-2023年1月2日"),
    ],
)
def test_review_dates_read_as_in_the_bulletin(end, text):
    review = ReviewFactory.build(start_date=datetime.date(2022, 6, 28), end_date=end)

    assert review.dates_display == text
