import io

from django.core.management import call_command

from bulletin.services.publishing import make_records_public
from search.models import SearchEntry
from standards.models import Standard
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory, MeetingSectionFactory
from tests.standards.factories import CommentRequestFactory, StandardFactory
from tests.standards.imports import NEW_ROW, import_standards, table_1


def entries():
    return sorted(SearchEntry.objects.values_list("kind", "object_id", "title", "body"))


def test_internal_records_have_no_entries(found):
    StandardFactory(title="内部标准草案", is_public=False)
    NewsItemFactory(title="内部资讯草稿", is_public=False)
    MeetingFactory(title="内部会议", is_public=False)
    CommentRequestFactory(
        is_public=True, standard__title="内部标准的征求意见", standard__is_public=False
    )
    IssueFactory(highlights="草稿月报要点")

    for query in ("内部", "草稿月报"):
        assert found(query) == []


def test_a_saved_record_is_found_by_its_new_words_only(found):
    standard = StandardFactory(title="汽车制动系统结构要求", is_public=True)
    standard.title = "汽车转向系统基本要求"
    standard.save()

    assert found("制动") == []
    assert found("转向") == ["汽车转向系统基本要求"]


def test_a_record_made_internal_or_deleted_is_no_longer_found(found):
    kept, hidden = StandardFactory.create_batch(2, title="挂车连接装置", is_public=True)
    hidden.make_internal()
    gone = MeetingFactory(title="挂车工作组会议", is_public=True)
    gone.delete()

    assert found("挂车") == [kept.title]


def test_a_standards_new_title_is_its_comment_requests(found):
    request = CommentRequestFactory(
        is_public=True, standard__is_public=True, standard__title="旧名称"
    )
    standard = request.standard
    standard.title = "汽车座椅强度要求"
    standard.save()

    assert sorted(found("座椅")) == ["汽车座椅强度要求", "汽车座椅强度要求"]


def test_a_sections_text_is_its_meetings(found):
    section = MeetingSectionFactory(meeting__title="工作组会议", meeting__is_public=True)
    section.body = "<p>讨论了燃料电池汽车的安全要求</p>"
    section.save()

    assert found("燃料电池") == ["工作组会议"]
    section.delete()
    assert found("燃料电池") == []


def test_publishing_an_issue_indexes_the_records_it_makes_public(found):
    issue = IssueFactory()
    meeting = MeetingFactory(title="电磁兼容工作组会议", start_date=issue.coverage_start)
    issue.meetings.add(meeting, through_defaults={"order": 1})
    assert found("电磁兼容") == []

    make_records_public(issue)  # an UPDATE of is_public: no post_save

    assert found("电磁兼容") == ["电磁兼容工作组会议"]


def test_an_import_indexes_the_standards_it_changes(public_demo, found):
    changed = ("20193383-T-339", "汽车用主动红外探测系统（修订稿）", *NEW_ROW[2:])

    report = import_standards(table_1(changed), year=2022)  # bulk_update: no post_save

    assert not report.errors
    assert found("修订稿") == ["汽车用主动红外探测系统（修订稿）"]


def test_the_signals_keep_the_entries_as_a_rebuild_makes_them(public_demo):
    assert (
        SearchEntry.objects.filter(kind="standard").count() == Standard.objects.published().count()
    )
    kept = entries()

    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())

    assert entries() == kept
