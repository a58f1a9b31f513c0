import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from standards.models import Standard
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory
from website import statistics
from website.templatetags.charts import bar_chart

pytestmark = pytest.mark.django_db


def day(year, month, day=1):
    return datetime.date(year, month, day)


def public_comment_request(start_date, **kwargs):
    return CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        start_date=start_date,
        end_date=start_date + datetime.timedelta(days=30),
        **kwargs,
    )


def public_meeting(start_date, **kwargs):
    return MeetingFactory(is_public=True, start_date=start_date, end_date=start_date, **kwargs)


def test_standards_by_committee_counts_public_standards_most_first_without_committee_last():
    emc = CommitteeFactory(name="电子与电磁兼容分技术委员会", short_name="电子与电磁兼容")
    trailers = CommitteeFactory(name="挂车分技术委员会", short_name="")
    StandardFactory.create_batch(3, committee=emc, is_public=True)
    StandardFactory(committee=trailers, is_public=True)
    StandardFactory.create_batch(2, committee=trailers, is_public=False)
    StandardFactory.create_batch(2, committee=None, is_public=True)

    assert statistics.standards_by_committee() == [
        ("电子与电磁兼容", 3),
        ("挂车分技术委员会", 1),
        ("未指定", 2),
    ]


def test_committees_beyond_the_first_twelve_are_summed_as_other():
    for _ in range(12):
        StandardFactory.create_batch(2, committee=CommitteeFactory(), is_public=True)
    StandardFactory(committee=CommitteeFactory(short_name="较少甲"), is_public=True)
    StandardFactory(committee=CommitteeFactory(short_name="较少乙"), is_public=True)

    rows = statistics.standards_by_committee()

    assert len(rows) == 13
    assert all(count == 2 for _, count in rows[:12])
    assert rows[12] == ("其他", 2)


def test_standards_by_stage_shows_every_stage_in_the_order_of_the_work():
    StandardFactory.create_batch(2, stage=Standard.Stage.DRAFTING, is_public=True)
    StandardFactory(stage=Standard.Stage.REVIEW, is_public=True)
    StandardFactory(stage=Standard.Stage.PUBLISHED, is_public=False)

    stages = ["预研", "立项", "起草", "征求意见", "审查", "报批", "发布"]
    assert statistics.standards_by_stage() == list(zip(stages, [0, 0, 2, 0, 1, 0, 0], strict=True))


def test_comment_requests_per_month_fills_the_months_between_and_skips_internal_ones():
    public_comment_request(day(2022, 3, 5))
    public_comment_request(day(2022, 3, 31))
    public_comment_request(day(2022, 6, 17))
    CommentRequestFactory(start_date=day(2022, 7, 1), is_public=False, standard__is_public=True)
    # Public itself, but its standard is internal: visitors do not see it either.
    CommentRequestFactory(start_date=day(2022, 8, 1), is_public=True, standard__is_public=False)

    assert statistics.comment_requests_per_month() == [
        ("2022-03", 2),
        ("2022-04", 0),
        ("2022-05", 0),
        ("2022-06", 1),
    ]


def test_meetings_per_month_count_public_meetings_by_their_start():
    public_meeting(day(2022, 6, 21))
    public_meeting(day(2022, 6, 30))
    MeetingFactory(start_date=day(2022, 7, 5), end_date=day(2022, 7, 5), is_public=False)

    assert statistics.meetings_per_month() == [("2022-06", 2)]


def test_a_long_history_shows_only_the_last_36_months():
    public_meeting(day(2019, 1, 10))
    public_meeting(day(2022, 6, 21))

    rows = statistics.meetings_per_month()

    assert len(rows) == 36
    assert rows[0] == ("2019-07", 0)
    assert rows[-1] == ("2022-06", 1)


def test_internal_records_alone_count_for_nothing():
    StandardFactory(is_public=False)
    CommentRequestFactory(is_public=False)
    MeetingFactory(is_public=False)

    assert statistics.standards_by_committee() == []
    assert sum(count for _, count in statistics.standards_by_stage()) == 0
    assert statistics.comment_requests_per_month() == []
    assert statistics.meetings_per_month() == []


def test_bars_are_scaled_to_the_largest_value():
    chart = bar_chart([("甲", 10), ("乙", 5), ("丙", 0)], "chart", "标题", "名称", "数量")

    widths = [bar["width"] for bar in chart["bars"]]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    assert chart["bar_x"] + widths[0] < chart["width"]


def test_a_label_too_long_for_the_chart_is_cut_but_kept_whole_in_its_tooltip():
    label = "工业和信息化部装备工业一司" * 3

    bar = bar_chart([(label, 1)], "chart", "标题", "名称", "数量")["bars"][0]

    assert bar["short_label"].endswith("…")
    assert len(bar["short_label"]) < len(label)
    assert bar["label"] == label


def test_the_page_draws_four_accessible_charts_of_the_public_records(public_demo, client):
    response = client.get(reverse("website:statistics"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 4
    assert html.count('role="img"') == 4
    assert html.count("<desc") == 4
    for chart_id in ("chart-committee", "chart-stage", "chart-comment-requests", "chart-meetings"):
        assertContains(response, f'aria-labelledby="{chart_id}-title {chart_id}-desc"')
    assertNotContains(response, "暂无数据。")


def test_the_page_repeats_the_numbers_of_each_chart_in_a_table(public_demo, client):
    response = client.get(reverse("website:statistics"))

    rows = [
        *statistics.standards_by_committee(),
        *statistics.standards_by_stage(),
        *statistics.comment_requests_per_month(),
        *statistics.meetings_per_month(),
    ]
    for label, count in rows:
        assertContains(
            response,
            f'<tr><th scope="row">{label}</th><td class="number">{count}</td></tr>',
            html=True,
        )
    # The demo's 34 standards, 14 comment requests and 14 meetings are all public.
    for total, charts in ((34, 2), (14, 2)):
        assertContains(
            response,
            f'<tr><th scope="row">合计</th><td class="number">{total}</td></tr>',
            count=charts,
            html=True,
        )


def test_an_empty_site_says_there_is_no_data_instead_of_drawing_charts(client):
    response = client.get(reverse("website:statistics"))

    assert response.status_code == 200
    assertContains(response, "暂无数据。", count=4)
    assertNotContains(response, "<svg")


def test_the_page_reads_in_english_under_en(public_demo, client):
    with translation.override("en"):
        url = reverse("website:statistics")

    response = client.get(url)

    assert url.startswith("/en/")
    assert response.status_code == 200
    assert response.content.decode().count("<svg") == 4
    assertContains(response, '<html lang="en">')
    assertContains(response, Standard.Stage.DRAFTING.label)
    assertNotContains(response, "起草")


def add_records(months):
    """Public standards (each in its own committee), comment requests and meetings, one of each
    a month, for the given months counted from January 2020."""
    for number in months:
        month = day(2020 + number // 12, number % 12 + 1)
        StandardFactory(is_public=True, stage=Standard.Stage.DRAFTING)
        public_comment_request(month)
        public_meeting(month)


def test_the_number_of_queries_does_not_grow_with_the_records(client):
    url = reverse("website:statistics")
    add_records(range(1))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_records(range(1, 21))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.content.decode().count("<svg") == 4
    assert len(many) == len(few)
    assert sum("COUNT(" in query["sql"] for query in many.captured_queries) == 4
