"""The public site in Debian's headless Chromium, driven by Playwright's sync API.

One browser serves all the browser tests; each test gets a new context (its own cookies) on the
live server, with the July 2022 demo as visitors see it.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.testcases import _MediaFilesHandler
from django.urls import Resolver404, resolve
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (scripts/ensure-browser)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    # The sync API keeps an event loop running in this thread until it stops, so Django takes the
    # tests' own database calls for async code; they are not. Package scope stops the loop once
    # the browser tests are done, before any other test runs in this thread.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            yield browser
            browser.close()


@pytest.fixture
def site(transactional_db, live_server, public_demo):
    """The live server's address; it runs in a thread, so the data must be committed."""
    return live_server.url


@pytest.fixture
def media_as_deployed(monkeypatch):
    """Uploaded files as the deployed site serves them.

    Django's live server answers /media/ from the folder itself, past the site's URLs, as the
    nginx of docs/deploy.md did before uploads went through a view; where the site routes
    /media/ (to the view that checks visibility), the site answers.
    """
    straight = _MediaFilesHandler._should_handle

    def should_handle(handler, path):
        try:
            resolve(path)
        except Resolver404:
            return straight(handler, path)
        return False

    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", should_handle)


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site)
    yield context.new_page()
    context.close()


@pytest.fixture
def logged_in(browser, site):
    """New browser contexts logged in as a demo user: logged_in("editor", bypass_csp=True)."""
    contexts = []

    def context_as(username, **options):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context = browser.new_context(base_url=site, **options)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
        contexts.append(context)
        return context

    yield context_as
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(browser, site):
    context = browser.new_context(base_url=site, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot as test-output/screenshots/<test>-<step>.png."""
    test = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")

    def save(page, step):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{test}-{step}.png", full_page=True)

    return save
