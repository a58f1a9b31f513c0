"""The sentence that opens a meeting, written from its facts as the seed's meetings open."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation

from meetings import leads
from meetings.leads import interpolate
from meetings.models import Meeting
from standards.models import Committee
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommitteeFactory

SEED_MEETINGS = Path(__file__).parents[1] / "data" / "seed-meetings.txt"

# The seed's meetings whose opening sentence is not the one their facts give: the demo keeps
# the sentence as the editor's override (会议概况).
OVERRIDDEN = {
    # "会议由汽标委智能网联分标委组织开展": the sub-committee by a nickname; its own body text,
    # like the committee's record, says 智能网联汽车分标委.
    4: "智能网联汽车测试装备标准体系研究组工作启动会",
    # "于2022年6月22日…的60多名专家代表": set without spaces, and 多 for 余.
    9: "GB/T 32960《电动汽车远程服务与管理系统技术规范》系列标准讨论会",
    # "来自标准承担单位及相关单位专家人员共19人参加了会议": its own wording, without spaces.
    10: "汽标委挂车分标委标准技术研讨会",
    # "…标准起草单位专家共计 75 人参加了此次会议": people counted as a total of attendees.
    12: "汽标委电子与电磁兼容分标委标准审查会",
    # "会议由中国、美国、欧盟、日本共同牵头" and "80 多名政府领导及专家代表".
    14: "电动汽车安全全球技术法规 (EVS-GTR) 第 24 次会议",
}


def seed_openings():
    """{number: (title, opening sentence)} of the seed's PART 02 meetings."""
    openings = {}
    number = None
    for line in SEED_MEETINGS.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"^\((\d+)\) (.+)$", line):
            number, title = int(heading[1]), heading[2]
        elif number is not None and number not in openings and line.startswith("- 本次会议"):
            openings[number] = (title, line.removeprefix("- "))
    return openings


@pytest.fixture
def seed_meetings(demo):
    meetings = Meeting.objects.select_related("organiser__parent")
    return {
        number: (meetings.get(title=title), sentence)
        for number, (title, sentence) in seed_openings().items()
    }


def test_the_seed_has_fourteen_meetings_each_opening_with_a_sentence():
    openings = seed_openings()

    assert sorted(openings) == list(range(1, 15))
    assert {number: openings[number][0] for number in OVERRIDDEN} == OVERRIDDEN


def test_demo_meetings_open_with_the_seeds_sentence_written_from_their_facts(seed_meetings):
    generated = {n: pair for n, pair in seed_meetings.items() if n not in OVERRIDDEN}

    assert len(generated) == 9
    for number, (meeting, sentence) in generated.items():
        assert (number, meeting.summary) == (number, "")
        assert (number, meeting.lead) == (number, sentence)


def test_demo_meetings_the_facts_cannot_word_keep_the_seeds_sentence_as_override(seed_meetings):
    for number in OVERRIDDEN:
        meeting, sentence = seed_meetings[number]
        assert (number, meeting.lead) == (number, sentence)
        # Still needed: were the facts to give the sentence, the override would go.
        assert meeting.generated_lead != sentence


def lead(**facts):
    facts = {
        "title": "电动商用车换电标准起草组第七次会议",
        "start_date": datetime.date(2022, 6, 21),
        "end_date": datetime.date(2022, 6, 21),
        "mode": Meeting.Mode.ONLINE,
        "city": "",
        "participant_count": None,
        "attendees": "",
        **facts,
    }
    if "organiser" not in facts:
        facts["organiser"] = CommitteeFactory.build(kind=Committee.Kind.DRAFTING_GROUP)
    return MeetingFactory.build(**facts).lead


@pytest.mark.parametrize(
    ("start", "end", "dates"),
    [
        ((2022, 6, 1), (2022, 6, 1), "2022 年 6 月 1 日"),
        ((2022, 6, 28), (2022, 6, 30), "2022 年 6 月 28-30 日"),
        ((2022, 6, 30), (2022, 7, 1), "2022 年 6 月 30 日至 7 月 1 日"),
        ((2022, 12, 31), (2023, 1, 2), "2022 年 12 月 31 日至 2023 年 1 月 2 日"),
    ],
)
def test_dates_of_one_day_several_days_and_across_months_and_years(start, end, dates):
    sentence = lead(start_date=datetime.date(*start), end_date=datetime.date(*end))

    assert sentence == f"本次会议于 {dates}以网络会议形式召开。"


@pytest.mark.parametrize(
    ("mode", "city", "held"),
    [
        (Meeting.Mode.ONLINE, "", "以网络会议形式召开"),
        (Meeting.Mode.IN_PERSON, "苏州", "在苏州召开"),
        (Meeting.Mode.IN_PERSON, "", "以现场会议形式召开"),
        (Meeting.Mode.HYBRID, "北京", "在北京以线上线下结合形式召开"),
        (Meeting.Mode.HYBRID, "", "以线上线下结合形式召开"),
        ("", "", "召开"),
        ("", "天津", "在天津召开"),
    ],
)
def test_online_in_a_city_or_hybrid(mode, city, held):
    assert lead(mode=mode, city=city) == f"本次会议于 2022 年 6 月 21 日{held}。"


@pytest.mark.parametrize(
    ("count", "qualifier", "role", "participants"),
    [
        (
            50,
            Meeting.CountQualifier.EXACT,
            Meeting.ParticipantRole.EXPERT_REPRESENTATIVES,
            "的 50 名专家代表",
        ),
        (
            60,
            Meeting.CountQualifier.OVER,
            Meeting.ParticipantRole.EXPERT_REPRESENTATIVES,
            "的 60 余位专家代表",
        ),
        (50, Meeting.CountQualifier.NEARLY, Meeting.ParticipantRole.EXPERTS, "的近 50 位专家"),
        (
            30,
            Meeting.CountQualifier.OVER,
            Meeting.ParticipantRole.REPRESENTATIVES,
            "的 30 余位代表",
        ),
        (19, Meeting.CountQualifier.EXACT, "", "的 19 人"),
    ],
)
def test_participants_with_their_count_and_role(count, qualifier, role, participants):
    sentence = lead(
        participant_count=count,
        participant_count_qualifier=qualifier,
        participant_role=role,
        attendees="工作组成员单位",
    )

    assert sentence == (
        f"本次会议于 2022 年 6 月 21 日以网络会议形式召开，"
        f"来自工作组成员单位{participants}参加了此次会议。"
    )


def test_participants_without_their_units():
    sentence = lead(participant_count=60, participant_count_qualifier=Meeting.CountQualifier.OVER)

    assert sentence.endswith("召开，60 余位专家代表参加了此次会议。")


def test_units_taking_part_are_counted_as_units():
    sentence = lead(
        participant_count=36,
        participant_unit=Meeting.ParticipantUnit.ORGANISATIONS,
        attendees="主机厂、设备供应商、检测机构、高校等",
    )

    assert sentence.endswith("召开，包括主机厂、设备供应商、检测机构、高校等 36 家单位参与。")


def test_attendees_starting_with_a_standards_number_are_set_apart():
    sentence = lead(participant_count=90, attendees="GB 21670 标准工作组的整车企业")

    assert "来自 GB 21670 标准工作组的整车企业的 90 名专家代表" in sentence


@pytest.fixture
def subcommittee():
    tc = CommitteeFactory.build(name="全国汽车标准化技术委员会", short_name="汽标委", kind="tc")
    return CommitteeFactory.build(
        name="挂车分技术委员会", short_name="挂车", kind=Committee.Kind.SC, parent=tc
    )


def test_a_subcommittee_organising_a_meeting_its_title_does_not_name_is_named(subcommittee):
    sentence = lead(title="挂车测试装备研究组工作启动会", organiser=subcommittee, mode="")

    assert sentence == "本次会议于 2022 年 6 月 21 日召开，会议由汽标委挂车分标委组织开展。"


@pytest.mark.parametrize("title", ["汽标委挂车分标委标准技术研讨会", "挂车分技术委员会年会"])
def test_a_subcommittee_named_in_the_title_is_not_named_again(subcommittee, title):
    assert "会议由" not in lead(title=title, organiser=subcommittee)


def test_a_group_is_not_named_even_when_the_title_names_it_loosely():
    group = CommitteeFactory.build(name="GB 21670 标准工作组", kind=Committee.Kind.WORKING_GROUP)

    assert "会议由" not in lead(title="GB 21670《乘用车制动系统》功能安全讨论会", organiser=group)


def test_the_summary_overrides_the_sentence():
    assert lead(summary="本次会议如期召开。") == "本次会议如期召开。"


def test_a_chinese_character_and_a_digit_or_latin_letter_are_set_apart():
    assert interpolate("于%(a)s以%(b)s的%(c)s", a="2022 年", b="ETC", c="近 5 位") == (
        "于 2022 年以 ETC 的近 5 位"
    )
    assert interpolate("held on %(a)s", a="2022") == "held on 2022"


ENGLISH = {
    "本次会议于%(dates)s%(venue)s召开": "The meeting was held %(venue)s on %(dates)s",
    "以网络会议形式": "online",
    "%(year)s 年 %(month)s %(day)s 日": "%(day)s %(month)s %(year)s",
    "，来自%(attendees)s的%(participants)s参加了此次会议": (
        ", attended by %(participants)s from %(attendees)s"
    ),
    "%(lead)s。": "%(lead)s.",
}


def test_the_pieces_translate_into_an_english_sentence_in_its_own_order(monkeypatch):
    # The English catalogue is written later; a stand-in shows the placeholders reorder.
    monkeypatch.setattr(leads, "_", lambda message: ENGLISH.get(message, message))
    monkeypatch.setitem(leads.MONTHS, 6, "June")

    with translation.override("en"):
        sentence = lead(participant_count=50, participant_role="", attendees="工作组成员单位")

    assert sentence == (
        "The meeting was held online on 21 June 2022, attended by 50 people from 工作组成员单位."
    )
