"""Issue 14's attack: an editor's uploaded page acting in the publisher's session.

The page and its same-origin helper script are stored as they would be from before uploads were
checked (the checks would refuse them now) and attached to a public meeting. The publisher opens
them in Chromium, with the site's policies enforced; the helper would submit a draft issue in
the publisher's name and leave marks in the site's local storage. Nothing of it may run.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from playwright.sync_api import Error

from bulletin.models import Issue
from meetings.models import Meeting, MeetingAttachment
from tests.bulletin.factories import IssueFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("media_as_deployed")]

MARKS = "() => Object.keys(localStorage).filter((key) => key.startsWith('__xss'))"

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body><p>会议纪要</p>
<script>localStorage.setItem("__xss_inline", "ran"); window.__xss = 1;</script>
<script src="helper.js"></script></body></html>"""

HELPER = """localStorage.setItem("__xss_helper", "ran");
window.__xss = 1;
(async () => {
    const url = "/admin/bulletin/issue/%(pk)d/workflow/submit/";
    const form = await (await fetch(url)).text();
    const token = form.match(/name="csrfmiddlewaretoken" value="([^"]+)"/)[1];
    const data = new FormData();
    data.set("csrfmiddlewaretoken", token);
    data.set("note", "");
    await fetch(url, {method: "POST", body: data});
    localStorage.setItem("__xss_helper", "posted");
})();"""


@pytest.fixture
def draft():
    return IssueFactory(
        year=2022,
        month=8,
        number=8,
        coverage_start=datetime.date(2022, 7, 1),
        coverage_end=datetime.date(2022, 7, 31),
        recent_until=datetime.date(2022, 8, 12),
    )


@pytest.fixture
def planted(draft):
    """The editor's page and helper, stored side by side under a public meeting."""
    meeting = Meeting.objects.published().order_by("pk").first()
    names = {}
    for name, content in [("helper.js", HELPER % {"pk": draft.pk}), ("纪要.html", PAGE)]:
        stored = default_storage.save(f"attachments/2022/07/{name}", _content(content))
        MeetingAttachment.objects.create(meeting=meeting, title=name, file=stored)
        names[name] = stored
    return meeting, names


def _content(text):
    return ContentFile(text.encode())


@pytest.fixture
def publisher(logged_in):
    page = logged_in("publisher", accept_downloads=True).new_page()
    ran = []
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    return page, ran


def open_file(page, url):
    """Open a media URL as a click on its link would: a download, or a page that is shown."""
    try:
        page.goto(url)
    except Error as error:  # Chromium saves an attachment instead of showing it
        assert "Download is starting" in str(error), error
    # The helper's requests would be on their way by now.
    page.wait_for_timeout(1500)


def test_the_publisher_opening_an_uploaded_page_runs_none_of_it(publisher, planted, draft):
    page, ran = publisher
    meeting, _ = planted

    page.goto(meeting.get_absolute_url())
    links = page.locator("a[href*='/media/attachments/']")
    hrefs = [link.get_attribute("href") for link in links.all()]
    for href in hrefs:
        open_file(page, href)
    page.goto("/admin/")

    assert len(hrefs) == 2
    assert page.evaluate(MARKS) == []
    assert ran == []
    draft.refresh_from_db()
    assert draft.status == Issue.Status.DRAFT
    assert not draft.history.filter(history_user__username="publisher").exists()


def test_the_uploaded_page_at_its_address_runs_nothing(publisher, planted, draft):
    page, _ = publisher
    _, names = planted

    open_file(page, f"/media/{names['纪要.html']}")
    open_file(page, f"/media/{names['helper.js']}")
    page.goto("/admin/")

    assert page.evaluate(MARKS) == []
    draft.refresh_from_db()
    assert draft.status == Issue.Status.DRAFT


def test_a_page_stored_under_a_photos_name_shows_as_no_page(publisher, planted, draft):
    page, _ = publisher
    meeting, _ = planted
    stored = default_storage.save("attachments/2022/07/现场.png", _content(PAGE))
    MeetingAttachment.objects.create(meeting=meeting, title="现场", file=stored)

    response = page.goto(f"/media/{stored}")
    page.wait_for_timeout(500)

    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    assert page.locator("p").count() == 0  # shown as a (broken) image, not as the page
    page.goto("/admin/")
    assert page.evaluate(MARKS) == []


def test_an_internal_meetings_files_are_404_for_visitors(page):
    """At the stored paths, as the nginx of docs/deploy.md once served them straight."""
    meeting = Meeting.objects.create(
        title="INTERNAL-MEETING 内部会议",
        organiser=Meeting.objects.published().first().organiser,
        start_date=datetime.date(2022, 7, 1),
        end_date=datetime.date(2022, 7, 1),
        is_public=False,
    )
    names = [
        default_storage.save("attachments/2022/07/议程.pdf", _content("%PDF-1.4 agenda")),
        default_storage.save("meetings/photos/2022/07/现场.png", _content("PNG")),
    ]
    MeetingAttachment.objects.create(meeting=meeting, title="议程", file=names[0])
    meeting.photos.create(image=names[1])

    statuses = [page.request.get(f"/media/{name}").status for name in names]

    assert statuses == [404, 404]
