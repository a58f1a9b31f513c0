"""A filtered CSV download's bytes, fixed: the byte order mark, the header, the choices in the
request's language, dates, empty cells, Chinese, and commas, quotes and newlines in cells.

common.spreadsheets.fetching reads the rows as the cursor gives them, converting a value once
per chunk; these bytes were the download's before it did, and must stay so.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from common.spreadsheets.fetching import value_chunks
from standards.models import Review, Standard
from tests.standards.factories import (
    CommentRequestFactory,
    CommitteeFactory,
    ReviewFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    committee = CommitteeFactory(name="汽车安全分技术委员会")
    first = StandardFactory(
        plan_number="20229903-T-339",
        number="GB/T 1-2022",
        title='道路车辆, "引号"\n第二行',
        english_title="Road vehicles, part 1",
        level=Standard.Level.RECOMMENDED,
        work_type=Standard.WorkType.NEW,
        committee=committee,
        stage=Standard.Stage.REVIEW,
        adopted_international="ISO 1:2020",
        is_public=True,
    )
    ReviewFactory(standard=first)
    ReviewFactory(
        standard=first, start_date=datetime.date(2023, 3, 1), end_date=datetime.date(2023, 3, 2)
    )
    second = StandardFactory(
        plan_number="20229902-T-339",
        title="=危险 公式",
        level=Standard.Level.RECOMMENDED,
        committee=None,
        is_public=True,
    )
    ReviewFactory(standard=second)  # the same days as the first's earlier review
    StandardFactory(
        plan_number="20229901-T-339",
        title="道路车辆 测试标准 第2部分",
        level=Standard.Level.RECOMMENDED,
        committee=CommitteeFactory(name="测试分技术委员会1"),
        is_public=True,
    )
    StandardFactory(plan_number="20229904-T-339", level=Standard.Level.RECOMMENDED, is_public=False)
    CommentRequestFactory(standard=first, is_public=True)


def download(client, name, query, language):
    with translation.override(language):
        url = reverse(f"{name}-export", kwargs={"format": "csv"})
    response = client.get(url, query, headers={"accept-language": language})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


EXPECTED = {
    ("standards:standard", "zh-hans"): (
        "\ufeff计划号,标准号,项目名称,英文名称,层级,制修订,领域,阶段,采用国际标准,审查时间\r\n"
        '20229903-T-339,GB/T 1-2022,"道路车辆, ""引号""\n第二行",'
        '"Road vehicles, part 1",推荐性国家标准,制定,汽车安全分技术委员会,审查,ISO 1:2020,'
        "2023.03.01-2023.03.02\r\n"
        "20229902-T-339,,'=危险 公式,,推荐性国家标准,制定,,起草,,"
        "2022.06.28-2022.06.30\r\n"
        "20229901-T-339,,道路车辆 测试标准 第2部分,,推荐性国家标准,制定,"
        "测试分技术委员会1,起草,,\r\n"
    ),
    ("standards:standard", "en"): (
        "\ufeff计划号,标准号,项目名称,英文名称,层级,制修订,领域,阶段,采用国际标准,审查时间\r\n"
        '20229903-T-339,GB/T 1-2022,"道路车辆, ""引号""\n第二行",'
        '"Road vehicles, part 1",'
        "Recommended national standard (GB/T),New,汽车安全分技术委员会,Review,"
        "ISO 1:2020,2023.03.01-2023.03.02\r\n"
        "20229902-T-339,,'=危险 公式,,"
        "Recommended national standard (GB/T),New,,Drafting,,"
        "2022.06.28-2022.06.30\r\n"
        "20229901-T-339,,道路车辆 测试标准 第2部分,,"
        "Recommended national standard (GB/T),New,测试分技术委员会1,Drafting,"
        ",\r\n"
    ),
    # 层级 here is the level's short name, the same in both languages.
    ("standards:commentrequest", "zh-hans"): (
        "\ufeff标准名称,计划号,层级,提出单位,意见征求期,意见回复至,网页链接地址\r\n"
        '"道路车辆, ""引号""\n第二行",20229903-T-339,GB/T,工业和信息化部装备工业一司,'
        "2022.06.17-2022.08.17,"
        "vehicle@miit.gov.cn，并抄送 someone@catarc.ac.cn,\r\n"
    ),
}
EXPECTED["standards:commentrequest", "en"] = EXPECTED["standards:commentrequest", "zh-hans"]
QUERIES = {"standards:standard": {"level": "gb_t"}, "standards:commentrequest": {}}


@pytest.mark.parametrize(("name", "language"), list(EXPECTED))
def test_a_filtered_csv_download_keeps_its_bytes(client, records, name, language):
    content = download(client, name, QUERIES[name], language)

    assert content == EXPECTED[name, language].encode("utf-8")


def test_value_chunks_converts_each_column_as_values_list_does(records):
    # SQLite gives a boolean as 1 and Django's converter makes it True; days and times repeat.
    standards = Standard.objects.order_by("pk").values_list(
        "plan_number", "is_public", "created_at", "committee"
    )

    chunks = list(value_chunks(standards, chunk_size=3))

    assert [len(chunk[0]) for chunk in chunks] == [3, 1]
    rows = [row for columns in chunks for row in zip(*columns, strict=True)]
    assert rows == list(standards)
    assert [type(row[1]) for row in rows] == [bool] * 4
    assert type(rows[0][2]) is datetime.datetime


def test_value_chunks_of_no_rows_is_no_chunks(records):
    assert list(value_chunks(Review.objects.none().values_list("start_date"), 10)) == []
