"""Request fields with a default are optional for the client, and the document must say so to
every generator: openapi-typescript (default options) types a property that has a ``default``
as always present, as it would be in a response, so a client leaving it out would not compile.
For schemas only requests use, the default moves into the description (``Default: "web".``);
the server still applies it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_PREFIX = "#/components/schemas/"


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_PREFIX):
            yield ref.removeprefix(_PREFIX)
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(start: Iterator[str], schemas: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name not in seen and name in schemas:
            seen.add(name)
            todo.extend(_refs(schemas[name]))
    return seen


def describe_request_defaults(document: dict[str, Any]) -> None:
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    operations = [
        op
        for item in document.get("paths", {}).values()
        for op in item.values()
        if isinstance(op, dict)
    ]
    requests = _closure((r for op in operations for r in _refs(op.get("requestBody"))), schemas)
    responses = _closure((r for op in operations for r in _refs(op.get("responses"))), schemas)
    for name in requests - responses:
        schema = schemas[name]
        required = set(schema.get("required", ()))
        for field, prop in schema.get("properties", {}).items():
            if field in required or not isinstance(prop, dict) or "default" not in prop:
                continue
            default = json.dumps(prop.pop("default"))
            text = prop.get("description", "").rstrip()
            prop["description"] = f"{text} Default: {default}.".lstrip()
