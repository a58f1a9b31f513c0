"""The API's home page with the lists' full downloads, and its documentation served locally."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Each endpoint's name and its list's.
LISTS = {
    "standard": "standards:standard",
    "commentrequest": "standards:commentrequest",
    "meeting": "meetings:meeting",
    "newsitem": "bulletin:newsitem",
    "issue": "bulletin:issue",
    "committee": "standards:committee",
}


@pytest.mark.parametrize("name", LISTS)
def test_the_home_page_links_each_lists_endpoint_and_full_downloads(client, api_demo, name):
    page = client.get(reverse("api-home")).text

    assert f'href="{reverse(f"api:{name}-list")}"' in page
    for format in ("jsonl", "csv"):
        download = reverse(f"{LISTS[name]}-export", kwargs={"format": format})
        assert f'href="{download}"' in page


def test_the_home_page_links_the_docs_and_the_schema(client, api_demo):
    page = client.get(reverse("api-home")).text

    assert reverse("api:docs") in page
    assert reverse("api:schema") in page


def test_the_home_page_is_in_english_under_en(english_client, api_demo):
    with translation.override("en"):
        page = english_client.get(reverse("api-home")).text

    assert "Open data API" in page
    assert "Full download" in page


def test_the_docs_load_nothing_from_elsewhere(client, api_demo):
    page = client.get(reverse("api:docs")).text

    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert not [source for source in sources if "//" in source]
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source


def test_the_docs_start_up_script_is_a_file_of_its_own(client, api_demo):
    page = client.get(reverse("api:docs")).text
    script = re.findall(r'<script src="([^"]+\?[^"]*script[^"]*)"', page)[0]

    response = client.get(script.replace("&amp;", "&"))

    assert "<script>" not in page
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in response.text
