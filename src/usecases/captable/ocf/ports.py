"""What the OCF import and export use cases need: a package as the codec read it, the limits it
is read under, the codec port, and the refusals it raises.

An OCF package is a manifest (the issuer and the list of files) and its object files, each a
list of OCF objects (stakeholders, stock classes, transactions...). The codec reads one safely
and validates every object against the schema of its own ``object_type``; it writes one the
same way. The use cases only map objects to the cap table and back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.shared.errors import FieldError, PayloadTooLarge, ValidationFailed

OcfObject = Mapping[str, Any]
"""One OCF object as JSON (``object_type``, ``id`` and the fields of its schema)."""

#: The manifest's list of each kind of file, the ``file_type`` those files carry, and the
#: name the writer gives the one file of that kind it writes.
FILE_KINDS: tuple[tuple[str, str, str], ...] = (
    ("stakeholders_files", "OCF_STAKEHOLDERS_FILE", "Stakeholders.ocf.json"),
    ("stock_classes_files", "OCF_STOCK_CLASSES_FILE", "StockClasses.ocf.json"),
    ("stock_legend_templates_files", "OCF_STOCK_LEGEND_TEMPLATES_FILE", "StockLegends.ocf.json"),
    ("stock_plans_files", "OCF_STOCK_PLANS_FILE", "StockPlans.ocf.json"),
    ("vesting_terms_files", "OCF_VESTING_TERMS_FILE", "VestingTerms.ocf.json"),
    ("valuations_files", "OCF_VALUATIONS_FILE", "Valuations.ocf.json"),
    ("financings_files", "OCF_FINANCINGS_FILE", "Financings.ocf.json"),
    ("documents_files", "OCF_DOCUMENTS_FILE", "Documents.ocf.json"),
    ("transactions_files", "OCF_TRANSACTIONS_FILE", "Transactions.ocf.json"),
)
MANIFEST_FILE_TYPE = "OCF_MANIFEST_FILE"
MANIFEST_NAME = "Manifest.ocf.json"


@dataclass(frozen=True, slots=True)
class OcfLimits:
    """What a package may hold before it is refused unread.

    ``max_ratio`` bounds the expanded bytes of a member against its compressed bytes (a zip
    bomb); members that expand to less than ``ratio_floor_bytes`` are small enough to be
    harmless whatever their ratio.
    """

    max_package_bytes: int = 32 * 1024 * 1024
    max_members: int = 256
    max_expanded_bytes: int = 256 * 1024 * 1024
    max_ratio: int = 100
    ratio_floor_bytes: int = 1024 * 1024


@dataclass(frozen=True, slots=True)
class OcfFile:
    """One object file of a package: its path inside the package, its ``file_type``, its
    objects in order."""

    path: str
    file_type: str
    items: tuple[OcfObject, ...]


@dataclass(frozen=True, slots=True)
class OcfPackage:
    manifest: OcfObject
    files: tuple[OcfFile, ...] = field(default_factory=tuple)
    manifest_path: str = MANIFEST_NAME

    @property
    def issuer(self) -> OcfObject:
        issuer: OcfObject = self.manifest["issuer"]
        return issuer

    def objects(self) -> Iterator[OcfObject]:
        """Every object of every file, in the order of the manifest's lists."""
        for file in self.files:
            yield from file.items

    def of_file_type(self, file_type: str) -> Iterator[OcfObject]:
        for file in self.files:
            if file.file_type == file_type:
                yield from file.items


class OcfPackageInvalid(ValidationFailed):
    """A package that cannot be read safely or does not hold what OCF says it must; each
    subclass's ``code`` names the problem."""

    code = "ocf_package_invalid"
    title = "The OCF package is invalid"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, errors=[FieldError("file", detail, code=self.code)])


class OcfNotAPackage(OcfPackageInvalid):
    code = "ocf_not_a_package"
    title = "Neither an .ocf.zip nor an OCF JSON file"


class OcfMalformedZip(OcfPackageInvalid):
    code = "ocf_malformed_zip"
    title = "The zip archive or one of its members is corrupt"


class OcfMalformedJson(OcfPackageInvalid):
    code = "ocf_malformed_json"
    title = "A file of the package is not valid JSON"


class OcfUnsafeMemberName(OcfPackageInvalid):
    code = "ocf_unsafe_member_name"
    title = "A member's name is absolute or climbs out of the package"


class OcfSymlinkMember(OcfPackageInvalid):
    code = "ocf_symlink_member"
    title = "A member is a symbolic link"


class OcfDuplicateMember(OcfPackageInvalid):
    code = "ocf_duplicate_member"
    title = "Two members (or two manifest entries) have the same name"


class OcfUnsupportedMember(OcfPackageInvalid):
    code = "ocf_unsupported_member"
    title = "A member is encrypted or compressed other than stored or deflated"


class OcfManifestMissing(OcfPackageInvalid):
    code = "ocf_manifest_missing"
    title = "The package does not hold exactly one OCF manifest"


class OcfManifestInvalid(OcfPackageInvalid):
    code = "ocf_manifest_invalid"
    title = "The manifest's list of files is malformed"


class OcfMissingFile(OcfPackageInvalid):
    code = "ocf_missing_file"
    title = "The manifest lists a file the package does not hold"


class OcfUnlistedFile(OcfPackageInvalid):
    code = "ocf_unlisted_file"
    title = "The package holds a file the manifest does not list"


class OcfMd5Mismatch(OcfPackageInvalid):
    code = "ocf_md5_mismatch"
    title = "A file's md5 differs from the manifest's"


class OcfFileInvalid(OcfPackageInvalid):
    code = "ocf_file_invalid"
    title = "A file is not the kind of OCF file it is listed as"


class OcfPackageTooLarge(PayloadTooLarge):
    """A package over one of the size limits, before or while it is expanded."""

    code = "ocf_package_too_large"
    title = "The OCF package is over the size limit"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, errors=[FieldError("file", detail, code=self.code)])


class OcfTooManyMembers(OcfPackageTooLarge):
    code = "ocf_too_many_members"
    title = "The package has more members than allowed"


class OcfCompressionRatio(OcfPackageTooLarge):
    code = "ocf_compression_ratio"
    title = "A member expands too many times its compressed size (a zip bomb)"


class OcfExpandedTooLarge(OcfPackageTooLarge):
    code = "ocf_expanded_too_large"
    title = "The package expands to more than allowed"


#: Every refusal of a package's form, for a route's declaration.
PACKAGE_REFUSALS: tuple[type[PayloadTooLarge | ValidationFailed], ...] = (
    OcfPackageTooLarge, OcfTooManyMembers, OcfCompressionRatio, OcfExpandedTooLarge,
    OcfNotAPackage, OcfMalformedZip, OcfMalformedJson, OcfUnsafeMemberName, OcfSymlinkMember,
    OcfDuplicateMember, OcfUnsupportedMember, OcfManifestMissing, OcfManifestInvalid,
    OcfMissingFile, OcfUnlistedFile, OcfMd5Mismatch, OcfFileInvalid,
)  # fmt: skip


class OcfObjectInvalid(ValidationFailed):
    """The first object that fails the schema of its own ``object_type``, named by its id
    and the JSON path of the offending value inside it."""

    code = "ocf_object_invalid"
    title = "An OCF object fails the schema of its type"

    def __init__(
        self, *, object_id: str | None, object_type: str | None, file: str, path: str, reason: str
    ) -> None:
        self.object_id = object_id
        self.object_type = object_type
        self.file = file
        self.path = path
        self.reason = reason
        if object_type == MANIFEST_FILE_TYPE:
            detail = f"the manifest {file}, at {path}: {reason}"
        else:
            named = f"object {object_id!r}" if object_id is not None else "an object without an id"
            kind = f" ({object_type})" if object_type else ""
            detail = f"{named}{kind}, {file}, at {path}: {reason}"
        super().__init__(detail, errors=[FieldError("file", detail, code=self.code)])


class OcfCodec(Protocol):
    """Reads and writes OCF packages, validating every object against its schema."""

    async def read(self, data: bytes, *, filename: str) -> OcfPackage:
        """The package in ``data`` (an ``.ocf.zip`` or a single JSON file), checked against
        the limits, the manifest's md5 sums and the schemas. Raises ``OcfPackageTooLarge``,
        ``OcfPackageInvalid`` or ``OcfObjectInvalid``."""
        ...

    async def write(self, manifest: OcfObject, files: Sequence[OcfFile]) -> bytes:
        """An ``.ocf.zip``: the manifest (with the path and md5 of each file filled in) and
        the files, everything validated before it is written."""
        ...


class OcfObjectRefused(ValidationFailed):
    """A schema-valid object the cap table cannot take: it names something the package does not
    hold, or breaks a rule of the cap table (more shares than authorized, a security already
    consumed...). ``reason_code`` is the rule's own code (``exceeds_authorized_shares``)."""

    code = "ocf_object_refused"
    title = "The cap table cannot take an OCF object"

    def __init__(
        self,
        *,
        object_id: str | None,
        object_type: str,
        path: str,
        reason: str,
        reason_code: str = "ocf_object_refused",
    ) -> None:
        self.object_id = object_id
        self.object_type = object_type
        self.path = path
        self.reason = reason
        self.reason_code = reason_code
        detail = f"object {object_id!r} ({object_type}), at {path}: {reason}"
        super().__init__(detail, errors=[FieldError("file", detail, code=reason_code)])


class Upload(Protocol):
    """A file being received (FastAPI's ``UploadFile`` is one; the CLI reads a path)."""

    async def read(self, size: int = -1) -> bytes: ...


class Progress(Protocol):
    """Told how far a long import or export is: ``stage`` ("reading", "writing"...), ``done``
    of ``total`` steps."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...


async def read_bounded(upload: Upload, limit: int, *, chunk: int = 64 * 1024) -> bytes:
    """The whole upload, refused as soon as it passes ``limit`` bytes (never read further)."""
    parts: list[bytes] = []
    total = 0
    while part := await upload.read(chunk):
        total += len(part)
        if total > limit:
            raise OcfPackageTooLarge(f"the package is over the limit of {limit} bytes")
        parts.append(part)
    return b"".join(parts)
