"""An ``.ocf.zip`` from OCF objects: one file per kind, the manifest listing each with its md5,
everything validated against the schema before a byte is written."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

from infrastructure.captable.ocf.schemas import schema_set
from infrastructure.captable.ocf.validation import validate_file, validate_manifest
from usecases.captable.ocf.ports import (
    FILE_KINDS,
    MANIFEST_FILE_TYPE,
    MANIFEST_NAME,
    OcfFile,
    OcfObject,
)

_LIST_OF_FILE_TYPE = {file_type: key for key, file_type, _ in FILE_KINDS}
#: The manifest lists OCF requires even when they are empty.
_REQUIRED_LISTS = (
    "stock_plans_files",
    "stock_legend_templates_files",
    "stock_classes_files",
    "vesting_terms_files",
    "valuations_files",
    "transactions_files",
    "stakeholders_files",
)
_STAMP = (1980, 1, 1, 0, 0, 0)  # fixed, so the same cap table gives the same bytes


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_package(manifest: OcfObject, files: Sequence[OcfFile]) -> bytes:
    """The zip of ``files`` and the manifest; ``manifest`` holds the issuer, ``as_of``,
    ``generated_at`` (and optional comments); the version, file type and file lists are filled
    in here. Raises ``OcfObjectInvalid`` for the first object (or manifest) that fails."""
    lists: dict[str, list[dict[str, str]]] = {key: [] for key in _REQUIRED_LISTS}
    bodies: list[tuple[str, bytes]] = []
    for file in files:
        validate_file(file)
        body = _json_bytes({"file_type": file.file_type, "items": list(file.items)})
        lists.setdefault(_LIST_OF_FILE_TYPE[file.file_type], []).append(
            {
                "filepath": f"./{file.path}",
                "md5": hashlib.md5(body, usedforsecurity=False).hexdigest(),
            }
        )
        bodies.append((file.path, body))
    complete = {
        "ocf_version": schema_set().ocf_version,
        "file_type": MANIFEST_FILE_TYPE,
        **{
            key: value for key, value in manifest.items() if key not in ("ocf_version", "file_type")
        },
        **lists,
    }
    validate_manifest(complete, file=MANIFEST_NAME)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in [(MANIFEST_NAME, _json_bytes(complete)), *bodies]:
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    return buffer.getvalue()
