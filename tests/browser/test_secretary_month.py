"""A month of the secretariat's work, through the admin only, as a new secretary does it.

An editor enters the records of one notice each — a review, three comment requests of three
levels, two meetings (one online, one in a city), a news item with an attachment — typing dates
as notices write them; drafts the August 2022 issue, which follows the demo's July; submits it;
and a publisher approves and publishes it. Every fill, click, key press and choice counts as one
user action; the counts are printed per record and held to what a month of work can afford.
"""

import io
import re
from collections import Counter

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from bulletin.models import Issue
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

ATTACHMENT = b"%PDF-1.4\n% the notice's attachment\n"


class Secretary:
    """The editor's hands on a page: each call is one user action, counted for the record."""

    def __init__(self, page):
        self.page = page
        self.actions = Counter()
        self.record = None

    def start(self, record, path):
        self.record = record
        self.page.goto(path)  # following a link from the admin's index or the last save

    def _count(self):
        self.actions[self.record] += 1

    def fill(self, selector, value):
        self._count()
        self.page.fill(selector, value)

    def click(self, selector):
        self._count()
        self.page.click(selector)

    def choose(self, selector, value):
        self._count()
        self.page.select_option(selector, value)

    def attach(self, selector, name, content, mime):
        self._count()
        self.page.set_input_files(selector, {"name": name, "mimeType": mime, "buffer": content})

    def look_up(self, field, term, expected):
        """An autocomplete: open it, type, and take the first match once it is the one expected
        (a person reads the list before pressing Enter)."""
        self.click(f"#{field} + .select2 .select2-selection")
        self._count()
        # Into its search box once it is open: keys typed before select2 focuses it are lost.
        search = self.page.locator(".select2-container--open .select2-search__field")
        expect(search).to_be_focused()
        search.press_sequentially(term)
        first = self.page.locator(".select2-results__option[aria-selected]").first
        expect(first).to_contain_text(expected)
        self._count()
        self.page.keyboard.press("Enter")
        expect(self.page.locator(f"#select2-{field}-container")).to_contain_text(expected)

    def save(self):
        self.click("input[name=_save]")
        self.page.wait_for_load_state()
        errors = self.page.locator(".errornote, .errorlist")
        assert errors.count() == 0, errors.all_inner_texts()
        success = self.page.locator(".messagelist .success")
        assert success.count(), f"{self.record}: no success message"


@pytest.fixture
def links_on_the_live_site(settings, site):
    settings.SITE_URL = site
    return site


def test_a_month_of_records_drafted_and_published(
    logged_in, site, links_on_the_live_site, screenshot
):
    editor = Secretary(logged_in("editor").new_page())

    editor.start("标准审查", "/admin/standards/review/add/")
    editor.fill("#id_new_plan_number", "20220811-T-339")
    editor.fill("#id_new_title", "电动汽车用动力蓄电池系统热扩散试验方法")
    editor.fill("#id_period", "2022.07.19-2022.07.20")
    editor.save()

    comment_requests = [
        ("20220812-Q-339", "乘用车车门锁止装置性能要求", "整车分标委", "整车分技术委员会"),
        ("20220813-T-339", "汽车整车信息安全技术要求", "电子分标委", "电子与电磁兼容分技术委员会"),
        ("2022-0814T-QC", "商用车驾驶室乘员保护", "车身", "车身分技术委员会"),
    ]
    for plan_number, title, proposer, committee in comment_requests:
        editor.start(f"征求意见 {plan_number}", "/admin/standards/commentrequest/add/")
        editor.fill("#id_new_plan_number", plan_number)
        editor.fill("#id_new_title", title)
        editor.look_up("id_proposer", proposer, committee)
        editor.fill("#id_period", "2022.07.25-2022.09.23")
        editor.fill("#id_reply_to", "bulletin-test@catarc.ac.cn")
        screenshot(editor.page, f"comment-request-{plan_number}")
        editor.save()

    editor.start("会议（网络）", "/admin/meetings/meeting/add/")
    editor.fill("#id_title", "汽车电子环境及可靠性评价工作组 2022 年第二次会议")
    editor.look_up("id_organiser", "汽车电子环境", "汽车电子环境及可靠性评价工作组")
    editor.fill("#id_start_date", "2022年7月21日")
    editor.choose("#id_mode", "online")
    editor.fill("#id_participant_count", "40")
    editor.fill("#id_attendees", "整车企业、电池企业和检测机构")
    editor.save()

    editor.start("会议（城市）", "/admin/meetings/meeting/add/")
    editor.fill("#id_title", "汽标委挂车分标委 2022 年年会")
    editor.look_up("id_organiser", "挂车", "挂车分技术委员会")
    editor.fill("#id_start_date", "2022/7/27")
    editor.fill("#id_end_date", "2022.07.28")
    editor.choose("#id_mode", "in_person")
    editor.fill("#id_city", "重庆")
    editor.fill("#id_participant_count", "36")
    editor.choose("#id_participant_unit", "organisations")
    editor.fill("#id_attendees", "挂车企业、零部件企业")
    screenshot(editor.page, "meeting")
    editor.save()

    editor.start("行业资讯", "/admin/bulletin/newsitem/add/")
    editor.fill("#id_title", "工业和信息化部发布 2022 年汽车标准化工作要点")
    editor.fill("#id_date", "2022.07.22")
    editor.fill("#id_source", "工业和信息化部")
    editor.click(".inline-group .add-row a")
    editor.fill("#id_attachments-0-title", "工作要点全文")
    editor.attach("#id_attachments-0-file", "要点.pdf", ATTACHMENT, "application/pdf")
    screenshot(editor.page, "news")
    editor.save()

    editor.start("月报", "/admin/bulletin/issue/add/")
    editor.fill("#id_year", "2022")
    editor.fill("#id_month", "8")
    editor.fill("#id_number", "8")
    editor.click("input[name=_continue]")
    editor.click("button[form=draft-form]")
    editor.page.wait_for_selector(".messagelist .success")
    screenshot(editor.page, "drafted")
    editor.click("a.workflow-submit")
    editor.click("input[type=submit]")
    editor.page.wait_for_selector(".messagelist .success")

    issue = Issue.objects.get(year=2022, month=8)
    assert issue.status == Issue.Status.IN_REVIEW
    drafted = [str(entry) for entry in issue.issuemeeting_set.all()]
    assert len(drafted) == 2 and issue.issuecommentrequest_set.count() == 3
    assert issue.issuereview_set.count() == 1 and issue.issuenewsitem_set.count() == 1

    publisher = logged_in("publisher").new_page()
    publisher.goto("/admin/")
    screenshot(publisher, "dashboard")
    for step in ("approve", "publish"):
        publisher.goto(f"/admin/bulletin/issue/{issue.pk}/workflow/{step}/")
        publisher.click("input[type=submit]")
        publisher.wait_for_selector(".messagelist .success")
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED

    print("\nUser actions per record:")
    for record, count in editor.actions.items():
        print(f"  {record}: {count}")
    for plan_number, *_ in comment_requests:
        assert editor.actions[f"征求意见 {plan_number}"] <= 8

    with issue.revisions.get().pdf.open("rb") as pdf:
        published = pdf.read()
    (SCREENSHOTS / "secretary-month-2022-08.pdf").write_bytes(published)
    reader = PdfReader(io.BytesIO(published))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    for _plan_number, title, _proposer, committee in comment_requests:
        assert title in text and committee in text
    for words in ("热扩散试验方法", "2022年汽车标准化工作要点", "工作组2022年第二次会议"):
        assert words in text
    for meeting in issue.meetings.all():
        assert re.sub(r"\s+", "", meeting.lead) in text, meeting.lead

    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    attachment_links = [link for link in links if "/media/" in link]
    assert attachment_links and not any("bulletin.invalid" in link for link in links)
    answer = editor.page.request.get(attachment_links[0])
    assert answer.status == 200 and answer.body() == ATTACHMENT
