"""The admin as the demo editor sees it: every seed record, filters, search and import/export."""

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV

from bulletin.models import Issue
from imports.formats import SpreadsheetFormat
from meetings.models import Meeting
from standards.models import Standard
from standards.resources import StandardResource

pytestmark = pytest.mark.django_db

CHANGELISTS = {
    "standards_committee": 22,
    "standards_standard": 34,
    "standards_review": 7,
    "standards_commentrequest": 14,
    "meetings_meeting": 14,
    "bulletin_newsitem": 5,
    "bulletin_issue": 1,
    "bulletin_secretariatprofile": 1,
}


@pytest.mark.parametrize(("model", "count"), CHANGELISTS.items())
def test_editor_sees_every_seed_record(editor_client, model, count):
    response = editor_client.get(reverse(f"admin:{model}_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_admin_speaks_chinese(editor_client):
    response = editor_client.get(reverse("admin:index"))

    assert "汽车标准月报编辑系统" in response.text
    assert "征求意见" in response.text


@pytest.mark.parametrize(
    "model",
    [
        "standards_standard",
        "standards_commentrequest",
        "standards_committee",
        "meetings_meeting",
        "bulletin_newsitem",
    ],
)
def test_import_and_export_buttons_open_for_editors(editor_client, model):
    changelist = editor_client.get(reverse(f"admin:{model}_changelist"))

    assert reverse(f"admin:{model}_import") in changelist.text
    assert reverse(f"admin:{model}_export") in changelist.text
    assert editor_client.get(reverse(f"admin:{model}_import")).status_code == 200


def test_standards_search_finds_a_plan_number(editor_client):
    response = editor_client.get(reverse("admin:standards_standard_changelist"), {"q": "20213570"})

    assert [s.plan_number for s in response.context["cl"].result_list] == ["20213570-T-339"]


def test_comment_requests_filter_by_level(editor_client):
    response = editor_client.get(
        reverse("admin:standards_commentrequest_changelist"), {"standard__level__exact": "gb_t"}
    )

    assert response.context["cl"].result_count == 4


def test_comment_request_list_is_one_query_however_many_rows(
    editor_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        editor_client.get(reverse("admin:standards_commentrequest_changelist"))


def test_meeting_page_shows_its_sections_in_order(editor_client):
    meeting = Meeting.objects.get(title="电动商用车换电标准起草组第七次会议")

    response = editor_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    assert response.status_code == 200
    agenda = response.text.index("起草组首先介绍了电动商用车换电系列标准")
    assert agenda < response.text.index("基本确定了换电电池系统")


def test_editor_cannot_delete_an_issue(editor_client):
    issue = Issue.objects.get()

    response = editor_client.get(reverse("admin:bulletin_issue_delete", args=[issue.pk]))

    assert response.status_code == 403


def test_export_keeps_chinese_intact(demo):
    dataset = StandardResource().export(Standard.objects.filter(plan_number="20213570-T-339"))

    exported = CSV().export_data(dataset)
    assert "道路车辆 电气/电子部件对窄带辐射电磁能的抗扰性试验方法" in exported
    assert "电子与电磁兼容分技术委员会" in exported


def test_an_import_with_a_bad_plan_number_reports_the_row_and_writes_nothing(demo):
    dataset = tablib.Dataset(headers=["plan_number", "title", "level", "committee"])
    dataset.append(["20229001-T-339", "新的推荐性标准", "gb_t", "挂车分技术委员会"])
    dataset.append(["2022-9002", "格式错误的标准", "gb_t", "挂车分技术委员会"])
    before = Standard.objects.count()

    result = StandardResource().import_data(dataset, dry_run=False, raise_errors=False)

    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.number == 2
    assert "plan_number" in invalid.error_dict
    assert Standard.objects.count() == before


def test_admin_switches_to_english_and_back(editor_client):
    editor_client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})
    english = editor_client.get(reverse("admin:index"))
    editor_client.post(reverse("set_language"), {"language": "zh-hans", "next": "/admin/"})
    chinese = editor_client.get(reverse("admin:index"))

    assert "Log out" in english.text
    assert "注销" in chinese.text


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(editor_client):
    response = editor_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "注销" in response.text
    assert "Log out" not in response.text


def test_section_bodies_are_edited_in_a_rich_text_editor_not_as_html(editor_client):
    meeting = Meeting.objects.get(title="电动商用车换电标准起草组第七次会议")

    response = editor_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    assert "django_prose_editor/configurable.js" in response.text
    assert "data-django-prose-editor-configurable" in response.text


def test_review_list_names_the_review_meeting_without_a_query_per_row(
    editor_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("admin:standards_review_changelist"))

    assert response.text.count("汽标委电子与电磁兼容分标委标准审查会") == 7


def test_language_switch_names_each_language_in_its_own_script(editor_client):
    response = editor_client.get(reverse("admin:index"))

    assert 'value="en">English</button>' in response.text
    assert "简体中文" in response.text


def test_admin_import_of_a_file_with_a_bad_row_shows_the_row_and_writes_nothing(editor_client):
    formats = admin.site.get_model_admin(Standard).get_import_formats()
    csv_format = next(
        i for i, format_class in enumerate(formats) if format_class is SpreadsheetFormat
    )
    upload = SimpleUploadedFile(
        "standards.csv",
        "plan_number,title,level,committee\n"
        "20229001-T-339,新的推荐性标准,gb_t,挂车分技术委员会\n"
        "2022-9002,格式错误的标准,gb_t,挂车分技术委员会\n".encode(),
        content_type="text/csv",
    )
    before = Standard.objects.count()

    response = editor_client.post(
        reverse("admin:standards_standard_import"),
        {"resource": "0", "format": str(csv_format), "import_file": upload},
    )

    assert response.status_code == 200
    assert "2022-9002" in response.text
    assert "计划号“2022-9002”格式不正确" in response.text
    assert response.context.get("confirm_form") is None  # nothing can be confirmed
    assert Standard.objects.count() == before


def test_standards_filter_by_plan_year(editor_client):
    changelist = reverse("admin:standards_standard_changelist")

    years = [
        choice["display"] for choice in _filter_choices(editor_client.get(changelist), "计划年份")
    ]
    in_2019 = editor_client.get(changelist, {"plan_year": "2019"}).context["cl"].result_list

    assert years[1:] == ["2021", "2020", "2019"]  # after "全部"
    assert sorted(s.plan_number for s in in_2019) == ["20193383-T-339", "20193384-T-339"]


def _filter_choices(response, title):
    spec = next(spec for spec in response.context["cl"].filter_specs if spec.title == title)
    return list(spec.choices(response.context["cl"]))
