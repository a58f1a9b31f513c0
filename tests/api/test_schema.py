"""The OpenAPI description: valid OpenAPI 3, and true of what every endpoint answers."""

import pytest
from django.urls import reverse
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from openapi_spec_validator import validate

from .conftest import KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client, api_demo):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def inlined(node, components):
    """The schema with each $ref replaced by what it names (none of ours refers to itself)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return inlined(components[node["$ref"].rsplit("/", 1)[1]], components)
        return {key: inlined(value, components) for key, value in node.items()}
    if isinstance(node, list):
        return [inlined(value, components) for value in node]
    return node


def response_schema(schema, path):
    answer = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return inlined(answer["schema"], schema["components"]["schemas"])


def fields_of(object_schema):
    return set(object_schema["properties"])


def test_the_schema_is_valid_openapi_3(schema):
    validate(schema)  # validate_spec is its deprecated name
    assert schema["openapi"].startswith("3.")


def test_the_schema_names_every_endpoint_and_only_reads(schema):
    paths = {path for path in schema["paths"]}

    assert {f"/api/v1/{kind}/" for kind in KINDS} <= paths
    assert len(paths) == 2 * len(KINDS)
    assert {method for item in schema["paths"].values() for method in item} == {"get"}


def test_the_lists_filters_are_in_the_schema(schema):
    parameters = schema["paths"]["/api/v1/standards/"]["get"]["parameters"]

    names = {parameter["name"] for parameter in parameters}
    assert {"q", "committee", "level", "stage", "work_type", "year", "sort"} <= names
    assert {"cursor", "page_size"} <= names


@pytest.mark.parametrize("kind", KINDS)
def test_a_list_answers_as_its_schema_says(client, schema, kind):
    expected = response_schema(schema, f"/api/v1/{kind}/")
    answer = client.get(reverse(f"{KINDS[kind][1]}-list"), {"page_size": 2}).json()

    OAS30Validator(expected, format_checker=oas30_format_checker).validate(answer)
    assert answer["results"]
    row_schema = expected["properties"]["results"]["items"]
    assert all(set(row) == fields_of(row_schema) for row in answer["results"])


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_answers_as_its_schema_says(client, schema, kind):
    path = next(path for path in schema["paths"] if path.startswith(f"/api/v1/{kind}/{{"))
    expected = response_schema(schema, path)
    url = client.get(reverse(f"{KINDS[kind][1]}-list")).json()["results"][0]["links"]["self"]
    answer = client.get(url).json()

    OAS30Validator(expected, format_checker=oas30_format_checker).validate(answer)
    assert set(answer) == fields_of(expected)
