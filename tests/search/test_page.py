import pytest
from django.urls import reverse

from bulletin.models import NewsItem
from tests.bulletin.factories import NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommitteeFactory, StandardFactory

pytestmark = pytest.mark.django_db


def test_a_title_match_ranks_above_a_body_match(found):
    NewsItemFactory(
        title="行业动态", body="<p>" + "会上介绍了充电接口的进展。" * 3 + "</p>", is_public=True
    )
    NewsItemFactory(title="充电接口标准发布", body="<p>详见附件。</p>", is_public=True)

    assert found("充电接口") == ["充电接口标准发布", "行业动态"]


def test_matches_are_marked_and_the_text_escaped(search_page):
    StandardFactory(title="<script>alert(1)</script>车门锁", is_public=True)
    NewsItemFactory(title="车门锁新闻", body="<p>关于车门锁 &lt;b&gt;的说明</p>", is_public=True)

    html = search_page(q="车门锁").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>车门锁</mark>" in html
    assert "<script>alert" not in html
    assert "关于<mark>车门锁</mark> &lt;b&gt;的说明" in html


def test_a_query_with_markup_is_escaped_where_it_is_shown(search_page):
    html = search_page(q='"><script>x</script>').content.decode()

    assert "<script>x" not in html


def test_facets_count_and_link_the_query_with_the_facet(search_page):
    trailers = CommitteeFactory(name="挂车分技术委员会", short_name="挂车")
    StandardFactory.create_batch(
        2, title="挂车制动要求", committee=trailers, is_public=True, plan_number=""
    )
    StandardFactory(title="挂车连接要求", plan_number="20210001-T-339", is_public=True)
    MeetingFactory(title="挂车标准审查会", organiser=trailers, is_public=True)

    facets = {facet["name"]: facet for facet in search_page(q="挂车").context["facets"]}

    kinds = {value["label"]: (value["count"], value["query"]) for value in facets["kind"]["values"]}
    assert kinds["标准"] == (3, "q=%E6%8C%82%E8%BD%A6&kind=standard")
    assert kinds["会议"][0] == 1
    assert [(v["label"], v["count"]) for v in facets["year"]["values"]] == [(2022, 1), (2021, 1)]
    committee = facets["committee"]["values"][0]
    assert (committee["label"], committee["count"]) == ("挂车", 4)  # 3 records and itself


def test_a_chosen_facet_narrows_the_results_and_can_be_left_out(search_page):
    StandardFactory(title="挂车制动要求", is_public=True)
    MeetingFactory(title="挂车标准审查会", is_public=True)

    response = search_page(q="挂车", kind="meeting", page="1")

    assert [entry.title for entry in response.context["results"]] == ["挂车标准审查会"]
    kind = response.context["facets"][0]
    assert kind["chosen"] and kind["all"] == "q=%E6%8C%82%E8%BD%A6"
    assert response.context["canonical_query"] == "q=%E6%8C%82%E8%BD%A6&kind=meeting"


def test_an_unknown_facet_value_is_ignored(search_page):
    StandardFactory(title="挂车制动要求", is_public=True)

    response = search_page(q="挂车", kind="nonsense", year="x", committee="-1")

    assert response.status_code == 200
    assert response.context["total"] == 1


def test_results_come_by_page(search_page):
    NewsItemFactory.create_batch(25, title="车身工作组动态", is_public=True)

    first = search_page(q="车身")
    second = search_page(q="车身", page="2")

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert 'href="?q=%E8%BD%A6%E8%BA%AB&amp;page=2"' in first.content.decode()
    titles = {entry.pk for entry in first.context["results"]} | {
        entry.pk for entry in second.context["results"]
    }
    assert len(titles) == 25


def test_the_number_of_queries_does_not_grow_with_the_results(
    search_page, django_assert_num_queries
):
    MeetingFactory(title="车身工作组会议", is_public=True)
    search_page(q="车身")  # jieba's dictionary of the committees, once per process
    # The matches by facet, their committees' names, a page, its entries, the footer's secretariat.
    with django_assert_num_queries(5):
        search_page(q="车身")
    NewsItemFactory.create_batch(30, title="车身工作组动态", is_public=True)
    MeetingFactory.create_batch(5, title="车身工作组会议", is_public=True)
    with django_assert_num_queries(5):
        search_page(q="车身")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unterminated',
        "*",
        "a*",
        "NEAR(a b)",
        "a AND b OR NOT c",
        "title:x",
        "^start",
        "(((",
        "-minus +plus",
        "'; DROP TABLE search_fts; --",
        "\x00",
        "汽车 " * 500,
        "x" * 10_000,
    ],
)
def test_hostile_queries_answer_without_error(search_page, query):
    NewsItemFactory(title="汽车新闻 near and or not", is_public=True)

    assert search_page(q=query).status_code == 200


def test_a_long_query_is_shortened_and_says_so(search_page, settings):
    settings.SEARCH_MAX_LENGTH = 10

    response = search_page(q="汽车" * 20)

    assert response.context["query"] == "汽车" * 5
    assert "只按前 10 个字符搜索" in response.content.decode()


def test_the_english_page_links_the_english_record_page(client):
    item = NewsItemFactory(title="换电站建设指南", is_public=True)

    response = client.get("/en/search/", {"q": "换电"})

    assert response.context["results"][0].link == f"/en/news/{item.pk}/"
    assert "1 result found" in response.content.decode()


def test_every_pages_header_searches_the_site(client):
    html = client.get(reverse("standards:standard-list")).content.decode()

    assert f'action="{reverse("search:search")}"' in html


def test_an_empty_query_shows_the_form_only(search_page):
    NewsItemFactory(title="车身工作组动态", is_public=True)

    response = search_page(q="")

    assert response.status_code == 200
    assert response.context["total"] == 0
    assert NewsItem.objects.count() == 1


def test_the_database_reads_no_query_syntax_in_the_words(db):
    from search.backends import backend
    from search.models import SearchEntry

    NewsItemFactory(title="AND OR NOT NEAR 测试", is_public=True)
    words = ["AND", 'a"b', "NEAR(", "*", "x:y", "^", "OR", "-", "(", "'", "\\"]
    assert not backend().matching(SearchEntry.objects.all(), words).exists()


def test_a_number_finds_its_standard_before_what_mentions_it(found):
    CommitteeFactory(name="GB/T 32960 系列标准起草组", short_name="")
    MeetingFactory(title="GB/T 32960 系列标准讨论会", is_public=True)
    StandardFactory(number="GB/T 32960", title="电动汽车远程服务与管理系统技术规范", is_public=True)

    assert found("GB/T 32960")[0] == "GB/T 32960 电动汽车远程服务与管理系统技术规范"
