"""The OpenAPI document is a product: these conventions keep generated SDKs pleasant."""

from __future__ import annotations

import re
from typing import Any

import pytest

from infrastructure.app import create_app
from infrastructure.config.settings import Settings

OPERATION_ID = re.compile(r"^(?P<context>[a-z]+)_[a-z]+(?:_[a-z0-9]+)*$")
SCHEMA_NAME = re.compile(r"^[A-Z][A-Za-z0-9]+$")
# what a schema is for, by its last word: a request body (Create, Update), a response (Read),
# a page of a collection (Page); an enum is named after its values' kind (DepositMethod)
SCHEMA_SUFFIX = re.compile(r"(Create|Read|Update|Page)$")
SCHEMA_OTHER_NAMES = {"Problem", "Money", "PricePerShare"}  # the shared value components
# collections still named *List (or Catalog): they become *Page with their page shape
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document(settings: Settings) -> dict[str, Any]:
    return create_app(settings).openapi()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def test_operation_ids_are_unique_and_named_context_verb_noun(document: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids))
    for path, method, op in operations(document):
        match = OPERATION_ID.match(op["operationId"])
        assert match, f"{method.upper()} {path}: operationId {op['operationId']!r}"
        assert op["tags"] == [match["context"]], f"{method.upper()} {path}: one tag, its context"
        doubled = f"{match['context']}_{match['context']}_"
        assert not op["operationId"].startswith(doubled), (
            f"{method.upper()} {path}: {op['operationId']!r} repeats its context"
        )


def test_every_tag_is_described(document: dict[str, Any]) -> None:
    described = {t["name"]: t.get("description") for t in document["tags"]}
    used = {tag for _, _, op in operations(document) for tag in op["tags"]}
    assert used <= set(described)
    assert all(described[t] for t in used)


def test_every_error_is_problem_json_and_500_is_declared(document: dict[str, Any]) -> None:
    for path, method, op in operations(document):
        responses = op["responses"]
        assert "500" in responses, f"{method.upper()} {path}"
        for status, response in responses.items():
            if int(status) >= 400 and status != "503":
                assert list(response["content"]) == ["application/problem+json"], (path, status)
        if op.get("parameters") or op.get("requestBody"):
            assert "422" in responses, f"{method.upper()} {path} takes input but declares no 422"


def test_schemas_have_names_clients_can_use(document: dict[str, Any]) -> None:
    names = list(document["components"]["schemas"])
    assert "Problem" in names
    assert not {"HTTPValidationError", "ValidationError"} & set(names)
    for name in names:
        assert SCHEMA_NAME.match(name), name


def test_schema_names_say_what_they_are_for(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    offenders = [
        name
        for name, schema in schemas.items()
        if "enum" not in schema
        and not SCHEMA_SUFFIX.search(name)
        and name not in SCHEMA_OTHER_NAMES
    ]
    assert offenders == [], "name them ThingCreate, ThingRead, ThingUpdate or ThingPage"


def test_new_passwords_show_the_policy(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    fields = {
        "RegistrationCreate": "password",
        "PasswordChangeCreate": "new_password",
        "PasswordResetCreate": "new_password",
    }
    for schema, field in fields.items():
        prop = schemas[schema]["properties"][field]
        assert (prop["minLength"], prop["maxLength"]) == (12, 128), schema


def test_every_401_lists_the_codes_it_can_carry(document: dict[str, Any]) -> None:
    codes = {
        "bearerAuth": ("missing_token", "token_invalid", "token_revoked", "token_expired"),
        "apiKeyAuth": ("missing_api_key", "api_key_invalid"),
        "signedKeyAuth": (
            "api_key_expired",
            "api_key_revoked",
            "api_key_signature_required",
            "api_key_signature_invalid",
            "api_key_timestamp_out_of_window",
            "api_key_replayed",
        ),
    }
    for path, method, op in operations(document):
        for requirement in op.get("security", []):
            for scheme in requirement:
                described = op["responses"]["401"]["description"]
                for code in codes[scheme]:
                    assert f"`{code}`" in described, (method.upper(), path, described)


def test_security_schemes_are_declared(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": schemes["bearerAuth"]["description"],
    }
    assert schemes["apiKeyAuth"]["in"] == "header"
    assert schemes["apiKeyAuth"]["name"] == "X-API-Key"
    assert schemes["signedKeyAuth"]["name"] == "X-MK-Key"
