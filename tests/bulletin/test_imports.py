"""Importing news from a spreadsheet, and the public download importing back as it is."""

import datetime

import pytest

from bulletin.models import NewsItem
from bulletin.resources import NewsItemResource
from common.spreadsheets import import_file

HEADER = "标题,日期,地区,正文,信息来源\n"
NEW_ROW = (
    "广东发布智能网联汽车道路测试细则,2022-07-08,广东,<p>正文一段。</p>,广东省工业和信息化厅\n"
)


def import_news(content, filename="news.csv", **options):
    return import_file(NewsItemResource(**options), content, filename)


def snapshot():
    return list(NewsItem.objects.order_by("pk").values_list())


def test_a_byte_order_mark_before_the_first_required_column_is_ignored(demo):
    content = ("\ufeff" + HEADER + NEW_ROW).encode("utf-8")

    report = import_news(content)

    assert report.errors == []
    news_item = NewsItem.objects.get(title="广东发布智能网联汽车道路测试细则")
    assert (news_item.date, news_item.region, news_item.source) == (
        datetime.date(2022, 7, 8),
        "广东",
        "广东省工业和信息化厅",
    )


def test_a_gbk_news_file_keeps_its_chinese_body(demo):
    report = import_news((HEADER + NEW_ROW).encode("gbk"))

    assert report.created == 1
    assert (
        NewsItem.objects.get(title="广东发布智能网联汽车道路测试细则").body == "<p>正文一段。</p>"
    )


@pytest.mark.parametrize(
    ("second_row", "message"),
    [
        pytest.param(
            NEW_ROW.replace("广东发布", "江苏发布").replace("2022-07-08", "2022年7月8-9日"),
            "第 3 行，“日期”列（“2022年7月8-9日”）：这里应是一个日期，不是日期范围。",
            id="date-range-where-one-day-is-wanted",
        ),
        pytest.param(
            NEW_ROW,
            "第 3 行，“标题”列（“广东发布智能网联汽车道路测试细则”）：与第 2 行重复。",
            id="duplicate-title-names-the-earlier-row",
        ),
    ],
)
def test_a_bad_second_row_is_reported_and_nothing_written(demo, second_row, message):
    before = snapshot()

    report = import_news((HEADER + NEW_ROW + second_row).encode())

    assert [str(error) for error in report.errors] == [message]
    assert snapshot() == before


def test_a_news_file_without_a_body_column_imports_news_without_one(demo):
    report = import_news("标题,日期\n广东发布智能网联汽车道路测试细则,2022-07-08\n".encode())

    assert report.errors == []
    assert NewsItem.objects.get(title="广东发布智能网联汽车道路测试细则").body == ""


def test_a_news_file_without_a_body_column_leaves_stored_bodies_alone(demo):
    stored = NewsItem.objects.exclude(body="").first()

    report = import_news(f"标题,地区\n{stored.title},广东\n".encode())

    assert report.errors == []
    updated = NewsItem.objects.get(pk=stored.pk)
    assert (updated.region, updated.body) == ("广东", stored.body)
