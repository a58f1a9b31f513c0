import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from simple_history.models import HistoricalChanges

from bulletin.models import Issue, NewsItem, SecretariatProfile
from meetings.models import Meeting
from standards.models import CommentRequest, Review, Standard

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("standards", "meetings", "bulletin")


def snapshot():
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_demo_has_every_record_of_the_seed(demo):
    assert Review.objects.count() == 7
    by_level = {
        level: CommentRequest.objects.filter(standard__level=level).count()
        for level in (Standard.Level.MANDATORY, Standard.Level.RECOMMENDED, Standard.Level.INDUSTRY)
    }
    assert by_level == {"gb": 9, "gb_t": 4, "qc_t": 1}
    assert Meeting.objects.count() == 14
    assert NewsItem.objects.count() == 5


def test_meeting_8_was_in_suzhou_with_50_participants(demo):
    meeting = Meeting.objects.get(title="电动商用车换电标准起草组第七次会议")

    assert meeting.city == "苏州"
    assert meeting.mode == Meeting.Mode.IN_PERSON
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2022, 6, 21),
        datetime.date(2022, 6, 22),
    )
    assert meeting.participant_count == 50
    assert not meeting.is_participant_count_approximate
    assert [s.get_heading_display() for s in meeting.sections.all()] == [
        "会议议题",
        "会议内容",
        "后续工作计划",
    ]


def test_software_update_comment_request_runs_two_months(demo):
    comment_request = CommentRequest.objects.get(standard__title="汽车软件升级通用技术要求")

    assert comment_request.start_date == datetime.date(2022, 6, 17)
    assert comment_request.end_date == datetime.date(2022, 8, 17)
    assert comment_request.proposer.name == "工业和信息化部装备工业一司"
    assert comment_request.reply_to_addresses == [
        "vehicle@miit.gov.cn",
        "zhanghang@catarc.ac.cn",
    ]


def test_reviews_carry_their_plan_numbers_field_and_review_meeting(demo):
    review = Review.objects.get(standard__plan_number="20213570-T-339")

    assert review.dates_display == "6月28-30日"
    assert review.standard.work_type == Standard.WorkType.NEW
    assert review.standard.committee.display_name == "电子与电磁兼容"
    assert review.meetings.get().title == "汽标委电子与电磁兼容分标委标准审查会"


def test_meeting_participant_counts_keep_their_wording(demo):
    def participants(title_start):
        return Meeting.objects.get(title__startswith=title_start).participants_display

    assert participants("汽车安全气囊") == "60 余人"
    assert participants("智能网联汽车测试装备") == "36 家单位"
    assert participants("整车分类及术语") == "近 50 人"


def test_numbered_points_are_a_list(demo):
    meeting = Meeting.objects.get(title__startswith="汽车不停车收费系统")
    (section,) = meeting.sections.all()

    assert section.get_heading_display() == "会议要点"
    assert section.body.startswith("<ol><li>会议首先介绍了")
    assert section.body.count("<li>") == 4


def test_news_keeps_source_and_attachments(demo):
    news_item = NewsItem.objects.get(title__startswith="十六部门")

    assert news_item.date == datetime.date(2022, 7, 6)
    assert news_item.source == "工业和信息化部官网"
    assert [a.title for a in news_item.attachments.all()] == [
        "16部门印发贯彻实施《国家标准化发展纲要》行动计划"
    ]


def test_profile_and_issue_of_the_cover(demo):
    profile = SecretariatProfile.load()
    issue = Issue.objects.get(year=2022, month=7)

    assert profile.phone == "022-84379129"
    assert profile.email == "yanhuijiang@catarc.ac.cn"
    assert profile.postcode == "300300"
    assert issue.highlight_list == [
        "2022年6月汽车标准审查",
        "2022年6月汽车标准征求意见",
        "智能网联汽车测试装备标准体系工作组工作启动会",
    ]
    assert issue.status == Issue.Status.DRAFT


def test_every_demo_record_passes_the_validation_editors_face(demo):
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if issubclass(model, HistoricalChanges):  # the audit log, written by no form
                continue
            for record in model.objects.all():
                record.full_clean()


def test_running_it_twice_changes_nothing(demo):
    before = snapshot()

    call_command("load_demo", stdout=io.StringIO())

    assert snapshot() == before


def test_running_it_again_keeps_an_editors_changes(demo):
    meeting = Meeting.objects.get(title="电动商用车换电标准起草组第七次会议")
    meeting.participant_count = 52
    meeting.save()

    call_command("load_demo", stdout=io.StringIO())

    meeting.refresh_from_db()
    assert meeting.participant_count == 52


def test_demo_users_get_generated_passwords_printed_once(db):
    first, second = io.StringIO(), io.StringIO()

    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)

    editor = get_user_model().objects.get(username="editor")
    printed = first.getvalue().split("“editor” (编辑): password ")[1].split()[0]
    assert editor.check_password(printed)
    assert editor.is_staff
    assert "password " not in second.getvalue().replace("password was printed", "")


def test_demo_passwords_come_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "bianji-2022")
    monkeypatch.setenv("DEMO_PUBLISHER_PASSWORD", "shenhe-2022")

    call_command("load_demo", stdout=io.StringIO())

    users = get_user_model().objects
    assert users.get(username="editor").check_password("bianji-2022")
    assert users.get(username="publisher").check_password("shenhe-2022")
