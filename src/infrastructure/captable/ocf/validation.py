"""Every object of a package against the schema of its own ``object_type``, and the manifest
against the manifest schema; the first failure is reported by the object's id and the JSON
path of the offending value inside it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError, best_match

from infrastructure.captable.ocf.schemas import SchemaSet, inlined, schema_set
from usecases.captable.ocf.ports import (
    MANIFEST_FILE_TYPE,
    OcfFile,
    OcfObject,
    OcfObjectInvalid,
    OcfPackage,
)

_REASON_LIMIT = 300


@cache
def _validator(object_type: str) -> Draft7Validator:
    schemas = schema_set()
    schema = inlined(schemas.object_schemas[object_type], schemas.registry)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


@cache
def _manifest_validator() -> Draft7Validator:
    schemas = schema_set()
    schema = inlined(schemas.manifest(), schemas.registry)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def _path(error: ValidationError) -> str:
    """Where the offending value is; for a property the schema does not allow, the property."""
    path = error.json_path
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = sorted(key for key in error.instance if key not in known)
        if extra:
            return f"{path}.{extra[0]}"
    return path


def _reason(error: ValidationError) -> str:
    message = error.message
    return message if len(message) <= _REASON_LIMIT else f"{message[:_REASON_LIMIT]}..."


def validate_manifest(manifest: OcfObject, *, file: str) -> None:
    error = best_match(_manifest_validator().iter_errors(manifest))
    if error is None:
        return
    path = _path(error)
    issuer = manifest.get("issuer")
    if path.startswith("$.issuer") and isinstance(issuer, dict):
        raise OcfObjectInvalid(
            object_id=_id_of(issuer),
            object_type="ISSUER",
            file=file,
            path="$" + path.removeprefix("$.issuer"),
            reason=_reason(error),
        )
    raise OcfObjectInvalid(
        object_id=None, object_type=MANIFEST_FILE_TYPE, file=file, path=path, reason=_reason(error)
    )


def validate_object(
    item: OcfObject, *, file: str, index: int, allowed: Iterable[str] | None = None
) -> None:
    """``item`` against its own schema; ``allowed`` the object types its file may hold."""
    schemas: SchemaSet = schema_set()
    object_type = item.get("object_type")
    where = f"item {index} of {file}"
    if not isinstance(object_type, str) or object_type not in schemas.object_schemas:
        raise OcfObjectInvalid(
            object_id=_id_of(item),
            object_type=None,
            file=where,
            path="$.object_type",
            reason=f"{object_type!r} is not an OCF object type",
        )
    if allowed is not None and object_type not in allowed:
        raise OcfObjectInvalid(
            object_id=_id_of(item),
            object_type=object_type,
            file=where,
            path="$.object_type",
            reason=f"a {object_type} does not belong in this kind of file",
        )
    error = best_match(_validator(object_type).iter_errors(item))
    if error is not None:
        raise OcfObjectInvalid(
            object_id=_id_of(item),
            object_type=object_type,
            file=where,
            path=_path(error),
            reason=_reason(error),
        )


def validate_file(file: OcfFile) -> None:
    allowed = schema_set().file_objects.get(file.file_type, frozenset())
    for index, item in enumerate(file.items):
        validate_object(item, file=file.path, index=index, allowed=allowed)


def validate_package(package: OcfPackage) -> None:
    """The manifest, then every object in order, then that no two objects share an id."""
    validate_manifest(package.manifest, file=package.manifest_path)
    for file in package.files:
        validate_file(file)
    seen: set[str] = set()
    for file in package.files:
        for index, item in enumerate(file.items):
            object_id = item["id"]
            if object_id in seen:
                raise OcfObjectInvalid(
                    object_id=object_id,
                    object_type=item["object_type"],
                    file=f"item {index} of {file.path}",
                    path="$.id",
                    reason="another object of the package has the same id",
                )
            seen.add(object_id)


def _id_of(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None
