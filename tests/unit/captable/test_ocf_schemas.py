"""The vendored OCF schema: every object type has its schema, references resolve inside the
tree, and validating on the inlined schema answers exactly as resolving references would."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match

from infrastructure.captable.ocf.schemas import schema_set
from infrastructure.captable.ocf.validation import _validator
from tests.support.ocf import SAMPLE_FILES, sample

SAMPLES = [item for name in SAMPLE_FILES for item in sample(name)["items"]]


def test_the_tree_is_ocf_1_2_with_a_schema_for_every_object_type() -> None:
    schemas = schema_set()
    assert schemas.ocf_version.startswith("1.2")
    assert {"ISSUER", "STAKEHOLDER", "STOCK_CLASS", "TX_STOCK_ISSUANCE"} <= set(
        schemas.object_schemas
    )
    assert "TX_STOCK_TRANSFER" in schemas.file_objects["OCF_TRANSACTIONS_FILE"]


def _variants(item: dict[str, Any]) -> list[dict[str, Any]]:
    wrong = [{**item, key: 12345} for key in item if key != "object_type"]
    missing = [{k: v for k, v in item.items() if k != key} for key in item]
    return [item, *wrong, *missing]


@pytest.mark.parametrize("item", SAMPLES, ids=lambda i: str(i["id"]))
def test_inlined_validation_answers_as_resolved_references_do(item: dict[str, Any]) -> None:
    schemas = schema_set()
    resolving = Draft7Validator(
        schemas.object_schemas[item["object_type"]],
        registry=schemas.registry,
        format_checker=Draft7Validator.FORMAT_CHECKER,
    )
    for variant in _variants(item):
        expected = best_match(resolving.iter_errors(variant))
        found = best_match(_validator(item["object_type"]).iter_errors(variant))
        assert (found is None) == (expected is None)
        if expected is not None and found is not None:
            assert (found.json_path, found.message) == (expected.json_path, expected.message)
