"""Every public page and the admin pages editors use pass the Nu HTML checker, with no error,
and name no id that is not on the page.

The Nu checker does not follow aria-describedby (an invalid filter's field pointed at an error
that had another id), so the id references are checked here too. Each test checks its pages in
one run of the checker: starting Java takes seconds.
"""

from html.parser import HTMLParser

import pytest

from tests.checkers import nu_errors

from .pages import admin_forms_posted, admin_paths, every_public_path, publisher_paths, read

# Attributes that name ids of the same page.
ID_REFERENCES = ("for", "aria-describedby", "aria-labelledby", "aria-controls", "list")


class IdReferences(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()
        self.references = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            elif name in ID_REFERENCES and value:
                self.references += [(tag, name, ref) for ref in value.split()]


def dangling_references(html):
    parser = IdReferences()
    parser.feed(html)
    return [
        f"<{tag} {name}={ref!r}>" for tag, name, ref in parser.references if ref not in parser.ids
    ]


def assert_conforming(pages):
    errors = {name: found for name, found in nu_errors(pages).items() if found}
    dangling = {name: found for name, html in pages.items() if (found := dangling_references(html))}
    assert errors == {}
    assert dangling == {}


@pytest.fixture
def public_pages(client, published_demo):
    return {path: read(client, path) for path in every_public_path()}


def test_every_public_page_in_both_languages_has_no_html_error(public_pages):
    assert len(public_pages) > 50
    assert_conforming(public_pages)


def test_the_admin_pages_editors_use_have_no_html_error(client, demo, django_user_model):
    client.force_login(django_user_model.objects.get(username="editor"))
    pages = {path: read(client, path) for path in admin_paths()}
    pages.update(admin_forms_posted(client))
    client.force_login(django_user_model.objects.get(username="publisher"))
    for path in publisher_paths():
        pages[f"{path} (publisher)"] = read(client, path)

    assert_conforming(pages)
