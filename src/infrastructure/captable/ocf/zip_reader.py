"""Read the members of an ``.ocf.zip`` without trusting what the archive says about itself.

Every limit is checked twice: first against the central directory's declared sizes (cheap,
before anything is expanded), then against the bytes really read, streamed in chunks with a
cap, so a member that lies about its size is stopped at the limit, never expanded in full.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from dataclasses import dataclass

from infrastructure.captable.ocf.member_names import safe_member_name
from usecases.captable.ocf.ports import (
    OcfCompressionRatio,
    OcfDuplicateMember,
    OcfExpandedTooLarge,
    OcfLimits,
    OcfMalformedZip,
    OcfPackageTooLarge,
    OcfSymlinkMember,
    OcfTooManyMembers,
    OcfUnsupportedMember,
)

_CHUNK = 64 * 1024
_ALLOWED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    data: bytes


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def read_members(data: bytes, limits: OcfLimits) -> list[Member]:
    """The archive's files (folders skipped), each name checked and each body read under the
    limits. Raises ``OcfPackageTooLarge`` or ``OcfPackageInvalid`` naming the member."""
    if len(data) > limits.max_package_bytes:
        raise OcfPackageTooLarge(
            f"the package is {len(data)} bytes, over the limit of {limits.max_package_bytes}"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise OcfMalformedZip(f"the package is not a readable zip archive ({exc})") from None
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        _check_directory(infos, limits)
        members: list[Member] = []
        expanded = 0
        for info in infos:
            body = _read_capped(archive, info, limits, budget=limits.max_expanded_bytes - expanded)
            expanded += len(body)
            members.append(Member(safe_member_name(info.filename), body))
        return members


def _check_directory(infos: list[zipfile.ZipInfo], limits: OcfLimits) -> None:
    if len(infos) > limits.max_members:
        raise OcfTooManyMembers(
            f"the package has {len(infos)} members, over the limit of {limits.max_members}"
        )
    seen: set[str] = set()
    declared = 0
    for info in infos:
        name = safe_member_name(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise OcfSymlinkMember(f"member {info.filename!r} is a symbolic link")
        if name in seen:
            raise OcfDuplicateMember(f"member {info.filename!r} appears more than once")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise OcfUnsupportedMember(f"member {info.filename!r} is encrypted")
        if info.compress_type not in _ALLOWED_METHODS:
            raise OcfUnsupportedMember(
                f"member {info.filename!r} uses compression method {info.compress_type}; "
                "only stored and deflated members are read"
            )
        _check_ratio(info.filename, info.file_size, info.compress_size, limits)
        declared += info.file_size
        if declared > limits.max_expanded_bytes:
            raise OcfExpandedTooLarge(
                f"the package expands to more than {limits.max_expanded_bytes} bytes"
            )


def _check_ratio(name: str, expanded: int, compressed: int, limits: OcfLimits) -> None:
    if expanded < limits.ratio_floor_bytes:
        return
    if expanded > limits.max_ratio * max(compressed, 1):
        raise OcfCompressionRatio(
            f"member {name!r} expands more than {limits.max_ratio} times its compressed size "
            "(a zip bomb)"
        )


def _read_capped(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: OcfLimits, *, budget: int
) -> bytes:
    """The member's bytes, stopped as soon as they pass what its compressed size allows, or
    the package's remaining expanded budget, whatever the member declared."""
    ratio_cap = max(limits.ratio_floor_bytes, limits.max_ratio * max(info.compress_size, 1))
    cap = min(ratio_cap, budget)
    chunks: list[bytes] = []
    read = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > cap:
                    if cap == budget:
                        raise OcfExpandedTooLarge(
                            f"the package expands to more than {limits.max_expanded_bytes} bytes"
                        )
                    raise OcfCompressionRatio(
                        f"member {info.filename!r} expands more than {limits.max_ratio} times "
                        "its compressed size (a zip bomb)"
                    )
                chunks.append(chunk)
    except zipfile.BadZipFile as exc:
        raise OcfMalformedZip(f"member {info.filename!r} is corrupt ({exc})") from None
    except (zlib.error, EOFError, OSError) as exc:
        raise OcfMalformedZip(f"member {info.filename!r} cannot be expanded ({exc})") from None
    return b"".join(chunks)
