"""An OCF package from bytes: an ``.ocf.zip`` or a single JSON file.

A zip holds exactly one manifest (the member whose ``file_type`` is ``OCF_MANIFEST_FILE``) and
the files it lists, each with the md5 the manifest gives and the ``file_type`` of the list it is
in; a member the manifest does not list is refused, so nothing is left out unsaid. A single
JSON file is either a manifest alone (it may list no files) or an array of OCF files with one
manifest among them; there are no file bytes to check an md5 against, so it lists none.
This module checks the structure; the schemas are checked by ``validation``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from infrastructure.captable.ocf.json_documents import parse_json
from infrastructure.captable.ocf.member_names import resolve_listed_path
from infrastructure.captable.ocf.zip_reader import is_zip, read_members
from usecases.captable.ocf.ports import (
    FILE_KINDS,
    MANIFEST_FILE_TYPE,
    OcfDuplicateMember,
    OcfFile,
    OcfFileInvalid,
    OcfLimits,
    OcfManifestInvalid,
    OcfManifestMissing,
    OcfMd5Mismatch,
    OcfMissingFile,
    OcfNotAPackage,
    OcfPackage,
    OcfPackageTooLarge,
    OcfUnlistedFile,
)

_FILE_TYPE_OF_LIST = {key: file_type for key, file_type, _ in FILE_KINDS}
_OBJECT_FILE_TYPES = frozenset(_FILE_TYPE_OF_LIST.values())


def read_package(data: bytes, *, filename: str, limits: OcfLimits) -> OcfPackage:
    if len(data) > limits.max_package_bytes:
        raise OcfPackageTooLarge(
            f"the package is {len(data)} bytes, over the limit of {limits.max_package_bytes}"
        )
    if is_zip(data):
        return _from_zip(data, limits)
    if data.lstrip()[:1] in (b"{", b"[") or data.startswith(b"\xef\xbb\xbf"):
        return _from_json(parse_json(filename, data), filename)
    raise OcfNotAPackage(f"{filename} is neither an .ocf.zip nor a JSON file")


def _from_zip(data: bytes, limits: OcfLimits) -> OcfPackage:
    members = {member.name: member.data for member in read_members(data, limits)}
    documents = {name: parse_json(name, body) for name, body in members.items()}
    manifests = [name for name, doc in documents.items() if _file_type(doc) == MANIFEST_FILE_TYPE]
    if len(manifests) != 1:
        found = "no manifest" if not manifests else f"{len(manifests)} manifests"
        raise OcfManifestMissing(
            f"the package must hold exactly one OCF manifest file; it holds {found}"
        )
    manifest_name = manifests[0]
    manifest = documents[manifest_name]
    files: list[OcfFile] = []
    listed = {manifest_name}
    for key, file_type, _ in FILE_KINDS:
        for entry in _listed_entries(manifest, key):
            path = resolve_listed_path(manifest_name, str(entry.get("filepath", "")))
            if path in listed:
                raise OcfDuplicateMember(f"the manifest lists {path} more than once")
            if path not in members:
                raise OcfMissingFile(f"the manifest lists {path}, which the package does not hold")
            md5 = hashlib.md5(members[path], usedforsecurity=False).hexdigest()
            if md5 != str(entry.get("md5", "")).lower():
                raise OcfMd5Mismatch(f"{path}: md5 is {md5}, the manifest says {entry.get('md5')}")
            listed.add(path)
            files.append(_object_file(path, documents[path], file_type))
    unlisted = sorted(set(members) - listed)
    if unlisted:
        raise OcfUnlistedFile(
            f"the package holds {', '.join(unlisted)}, which the manifest does not list"
        )
    return OcfPackage(manifest=manifest, files=tuple(files), manifest_path=manifest_name)


def _from_json(document: Any, filename: str) -> OcfPackage:
    if isinstance(document, Mapping):
        if _file_type(document) != MANIFEST_FILE_TYPE:
            raise OcfManifestMissing(
                f"{filename} is a single OCF file but not a manifest; send the whole package "
                "as an .ocf.zip"
            )
        for key, _, _ in FILE_KINDS:
            if _listed_entries(document, key):
                raise OcfMissingFile(
                    f"{filename} lists {key} that a single JSON file cannot hold; send an "
                    ".ocf.zip, or an array of the manifest and its files"
                )
        return OcfPackage(manifest=document, manifest_path=filename)
    if isinstance(document, Sequence) and not isinstance(document, str | bytes):
        manifests = [doc for doc in document if _file_type(doc) == MANIFEST_FILE_TYPE]
        if len(manifests) != 1:
            raise OcfManifestMissing(
                f"{filename} must hold exactly one OCF manifest; it holds {len(manifests)}"
            )
        files: list[OcfFile] = []
        for index, doc in enumerate(document):
            file_type = _file_type(doc)
            if file_type == MANIFEST_FILE_TYPE:
                continue
            path = f"{filename}[{index}]"
            if file_type not in _OBJECT_FILE_TYPES:
                raise OcfFileInvalid(f"{path} has no known OCF file_type ({file_type!r})")
            files.append(_object_file(path, doc, file_type))
        return OcfPackage(manifest=manifests[0], files=tuple(files), manifest_path=filename)
    raise OcfManifestMissing(f"{filename} is neither an OCF manifest nor an array of OCF files")


def _file_type(document: Any) -> Any:
    return document.get("file_type") if isinstance(document, Mapping) else None


def _listed_entries(manifest: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    entries = manifest.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise OcfManifestInvalid(f"the manifest's {key} must be a list of {{filepath, md5}}")
    return entries


def _object_file(path: str, document: Any, expected: str) -> OcfFile:
    file_type = _file_type(document)
    if file_type != expected:
        raise OcfFileInvalid(f"{path} has file_type {file_type!r} but is listed as {expected}")
    items = document.get("items")
    if not isinstance(items, list):
        raise OcfFileInvalid(f"{path} has no list of items")
    extra = sorted(set(document) - {"file_type", "items"})
    if extra:
        raise OcfFileInvalid(f"{path} has fields OCF does not define: {', '.join(extra)}")
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise OcfFileInvalid(f"{path} item {index} is not a JSON object")
    return OcfFile(path=path, file_type=file_type, items=tuple(items))
