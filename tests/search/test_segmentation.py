import pytest

from search import segmentation
from tests.meetings.factories import MeetingFactory, MeetingSectionFactory
from tests.standards.factories import CommitteeFactory, StandardFactory


def test_a_domain_word_finds_the_committee_named_with_it_and_its_meetings(found, swapping_group):
    MeetingFactory(
        title="电动商用车换电标准起草组第七次会议", organiser=swapping_group, is_public=True
    )
    MeetingFactory(title="挂车分技术委员会年会", is_public=True)

    assert set(found("换电")) == {
        "电动商用车换电标准起草组",
        "电动商用车换电标准起草组第七次会议",
        "电动商用车换电安全要求",
    }


def test_a_meeting_is_found_by_its_organisers_name(found, swapping_group):
    MeetingFactory(title="第七次会议", organiser=swapping_group, is_public=True)

    assert "第七次会议" in found("换电")


def test_a_word_is_found_inside_a_sentence(found):
    MeetingSectionFactory(
        meeting__title="工作组会议",
        meeting__organiser=CommitteeFactory(name="整车分技术委员会", short_name="整车"),
        meeting__is_public=True,
        body="<p>这是一个测试</p>",
    )

    assert found("测试") == ["工作组会议"]


@pytest.mark.parametrize("word", ["智能网联", "燃料电池", "新能源"])
def test_a_domain_word_inside_a_committees_name_is_a_word_of_it(found, word):
    StandardFactory(title=f"{word}汽车分技术委员会标准", is_public=True)

    assert found(word) == [f"{word}汽车分技术委员会标准"]


@pytest.mark.parametrize("query", ["GB/T32960", "GB/T 32960", "GBT 32960", "32960", "gb/t 32960"])
def test_every_form_of_a_number_finds_the_standard(found, query):
    StandardFactory(
        number="GB/T 32960.3-2016", title="电动汽车远程服务与管理系统技术规范", is_public=True
    )
    StandardFactory(number="GB/T 3296", title="号码相近的标准", is_public=True)
    StandardFactory(number="GB/T 329601", title="号码更长的标准", is_public=True)

    assert found(query) == ["GB/T 32960.3-2016 电动汽车远程服务与管理系统技术规范"]


def test_a_numbers_prefix_tells_standards_of_the_same_number_apart(found):
    StandardFactory(number="GB/T 32960", title="推荐性标准", is_public=True)
    StandardFactory(number="GB 32960", title="强制性标准", is_public=True)

    assert found("GB/T 32960") == ["GB/T 32960 推荐性标准"]
    assert sorted(found("32960")) == ["GB 32960 强制性标准", "GB/T 32960 推荐性标准"]


def test_a_query_is_bounded_in_length_and_words(settings):
    settings.SEARCH_MAX_LENGTH = 100
    settings.SEARCH_MAX_TOKENS = 16

    assert len(segmentation.query_tokens(" ".join(f"w{n}x" for n in range(500)))) == 16
    assert segmentation.query_tokens("汽" * 5000) == ["汽"]  # 100 characters of one word
