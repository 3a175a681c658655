"""The OpenAPI document is a product: these conventions keep generated SDKs pleasant."""

from __future__ import annotations

import re
from typing import Any

import pytest

from infrastructure.app import create_app
from infrastructure.config.settings import Settings

OPERATION_ID = re.compile(r"^(?P<context>[a-z]+)_[a-z]+(?:_[a-z0-9]+)*$")
SCHEMA_NAME = re.compile(r"^[A-Z][A-Za-z0-9]+$")
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
