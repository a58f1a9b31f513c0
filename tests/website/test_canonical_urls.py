"""One address per page: the other ways of writing it redirect there for good, and every page
names it (rel=canonical) and its page in each language (hreflang), absolutely, on SITE_URL."""

from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile

from bulletin.models import IssueRevision
from standards.models import Standard

from .pages import every_public_path, read

SITE = "https://bulletin.example.org"
LANGUAGE_TAGS = ["zh-Hans", "en", "x-default"]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def site(public_demo):
    """The public demo, its issue page a document with a head for the links to go in."""
    revision = IssueRevision.objects.get()
    revision.html.save(
        "2022-07.html",
        ContentFile(
            b"<!DOCTYPE html><html><head><title>2022/07</title></head><body></body></html>"
        ),
    )


class HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.canonical = []
        self.alternates = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]


def head_links(html):
    links = HeadLinks()
    links.feed(html)
    return links


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        ("/issues/2022/7/", "/issues/2022/07/"),
        ("/issues/2022/7/pdf/", "/issues/2022/07/pdf/"),
        ("/issues/2022/007/r1/", "/issues/2022/07/r1/"),
        ("/en/issues/2022/7/", "/en/issues/2022/07/"),
        ("/issues/02022/07/", "/issues/2022/07/"),
    ],
)
def test_another_form_of_an_issue_address_redirects_to_it_for_good(client, site, asked, canonical):
    response = client.get(asked)

    assert response.status_code == 301
    assert response["Location"] == canonical
    followed = client.get(canonical)
    assert followed.status_code == 200
    followed.close()


def test_a_redirect_keeps_the_query(client, site):
    standard = Standard.objects.published().first()

    response = client.get(f"/standards/00{standard.pk}/", {"from": "feed"})

    assert response.status_code == 301
    assert response["Location"] == f"/standards/{standard.pk}/?from=feed"


def test_the_issue_address_names_its_month_in_two_digits(site):
    revision = IssueRevision.objects.get()

    assert revision.issue.get_absolute_url() == "/issues/2022/07/"
    assert revision.get_absolute_url() == "/issues/2022/07/r1/"


def test_every_page_names_its_address_and_languages_absolutely_and_they_answer(client, site):
    checked = set()
    for path in every_public_path():
        links = head_links(read(client, path))

        assert len(links.canonical) == 1, path
        (canonical,) = links.canonical
        assert canonical.startswith(f"{SITE}/"), path
        assert list(links.alternates) == LANGUAGE_TAGS, path
        assert links.alternates["x-default"] == links.alternates["zh-Hans"]
        assert links.alternates["zh-Hans" if not path.startswith("/en/") else "en"] == canonical
        for url in [canonical, *links.alternates.values()]:
            assert url.startswith(f"{SITE}/"), (path, url)
            if url not in checked:
                checked.add(url)
                read(client, url.removeprefix(SITE))  # asserts a 200


def test_a_page_and_its_translation_name_the_same_alternates(client, site):
    chinese = head_links(read(client, "/standards/?level=qc_t"))
    english = head_links(read(client, "/en/standards/?level=qc_t"))

    assert (
        chinese.alternates
        == english.alternates
        == {
            "zh-Hans": f"{SITE}/standards/?level=qc_t",
            "en": f"{SITE}/en/standards/?level=qc_t",
            "x-default": f"{SITE}/standards/?level=qc_t",
        }
    )


def test_a_list_is_named_by_the_query_that_makes_it(client, site):
    html = read(client, "/standards/?q=&level=qc_t&page=1&per_page=7&utm_source=mail")

    assert head_links(html).canonical == [f"{SITE}/standards/?level=qc_t"]
    assert head_links(read(client, "/standards/?page=2&per_page=20")).canonical == [
        f"{SITE}/standards/?page=2&per_page=20"
    ]


def test_a_detail_page_is_named_without_its_query(client, site):
    standard = Standard.objects.published().first()

    html = read(client, f"/en/standards/{standard.pk}/?utm_source=mail")

    assert head_links(html).canonical == [f"{SITE}/en/standards/{standard.pk}/"]


def test_the_links_name_the_site_whatever_host_was_asked(client, site):
    response = client.get("/issues/2022/07/", HTTP_HOST="127.0.0.1")
    html = b"".join(response.streaming_content).decode()
    response.close()

    links = head_links(html)
    assert links.canonical == [f"{SITE}/issues/2022/07/"]
    assert links.alternates["en"] == f"{SITE}/en/issues/2022/07/"
    assert "127.0.0.1" not in html


def test_the_issue_page_is_served_with_its_own_links_and_etag_in_each_language(client, site):
    chinese = client.get("/issues/2022/07/")
    english = client.get("/en/issues/2022/07/")
    revision = client.get("/issues/2022/07/r1/")
    pages = {}
    for name, response in [("zh", chinese), ("en", english), ("r1", revision)]:
        pages[name] = b"".join(response.streaming_content).decode()
        response.close()

    assert head_links(pages["zh"]).canonical == [f"{SITE}/issues/2022/07/"]
    assert head_links(pages["en"]).canonical == [f"{SITE}/en/issues/2022/07/"]
    assert head_links(pages["r1"]).canonical == [f"{SITE}/issues/2022/07/r1/"]
    assert pages["zh"].endswith("</head><body></body></html>")
    assert len({chinese["ETag"], english["ETag"], revision["ETag"]}) == 3
