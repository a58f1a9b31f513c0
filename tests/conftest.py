import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The July 2022 bulletin loaded as demo data, with the demo users; the issue is a draft."""
    call_command("load_demo", "--draft", stdout=io.StringIO())


@pytest.fixture
def published_demo(db, settings, tmp_path):
    """The demo with its July 2022 issue published, as `make run` leaves it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def editor_client(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="editor"))
    return client


@pytest.fixture
def publisher_client(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="publisher"))
    return client
