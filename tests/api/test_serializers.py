"""The serializers' plan (api/serializers.py) writes what DRF's own loop writes, to the byte."""

import pytest
from django.urls import reverse
from rest_framework import serializers

from api.serializers import PlannedSerializer

from .conftest import KINDS

pytestmark = pytest.mark.django_db


def pages(client, kind):
    """The first page of the endpoint, with its rows' values of every type, and each row."""
    listed = client.get(reverse(f"{KINDS[kind][1]}-list"), {"page_size": 100})
    assert listed.status_code == 200
    yield listed.content
    for row in listed.json()["results"]:
        yield client.get(row["links"]["self"]).content


@pytest.mark.parametrize("kind", KINDS)
def test_the_plan_writes_what_drfs_loop_writes(client, api_demo, kind, monkeypatch):
    planned = list(pages(client, kind))
    monkeypatch.setattr(
        PlannedSerializer, "to_representation", serializers.ModelSerializer.to_representation
    )

    assert list(pages(client, kind)) == planned
    assert len(planned) > 2
