"""KYC documents: the Aadhaar card images and the offline e-KYC file, what each may be, and
the checks on an upload's content (type from the bytes, size, the e-KYC ZIP's shape)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NewType
from uuid import UUID

from domain.shared.content_type import ContentType, sniff
from domain.shared.errors import NotFound, PermissionDenied, RuleViolated
from domain.shared.ids import UserId

# the upload rules every context shares, named here too
from domain.shared.uploads import UPLOAD_FIELD as UPLOAD_FIELD
from domain.shared.uploads import FileTooLarge as FileTooLarge
from domain.shared.uploads import UnsupportedFile as UnsupportedFile

DocumentId = NewType("DocumentId", UUID)


class DocumentKind(StrEnum):
    AADHAAR_FRONT = "aadhaar_front"
    AADHAAR_BACK = "aadhaar_back"
    AADHAAR_OFFLINE_EKYC = "aadhaar_offline_ekyc"


_IMAGES = frozenset({ContentType.JPEG, ContentType.PNG, ContentType.PDF})
ACCEPTED: dict[DocumentKind, frozenset[ContentType]] = {
    DocumentKind.AADHAAR_FRONT: _IMAGES,
    DocumentKind.AADHAAR_BACK: _IMAGES,
    DocumentKind.AADHAAR_OFFLINE_EKYC: frozenset({ContentType.ZIP}),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class KycDocument:
    id: DocumentId
    user_id: UserId
    kind: DocumentKind
    content_type: ContentType
    size_bytes: int
    sha256: str
    storage_key: str
    key_version: str
    uploaded_at: datetime


class DocumentNotFound(NotFound):
    code = "document_not_found"
    title = "Document not found"


class LinkExpired(PermissionDenied):
    code = "link_expired"
    title = "Download link expired"


class LinkInvalid(PermissionDenied):
    code = "link_invalid"
    title = "Download link invalid"


class AadhaarNotSubmitted(RuleViolated):
    code = "aadhaar_not_submitted"
    title = "Aadhaar details not submitted"


def _names(accepted: frozenset[ContentType]) -> str:
    return ", ".join(sorted(t.name for t in accepted))


def check_content(kind: DocumentKind, data: bytes) -> ContentType:
    """The type of ``data`` detected from its bytes, if ``kind`` accepts it; a file whose
    bytes are something else (whatever its name or declared type) is refused."""
    accepted = ACCEPTED[kind]
    detected = sniff(data)
    if detected is None or detected not in accepted:
        raise UnsupportedFile(
            f"the content is not one of {_names(accepted)}", reason="unsupported_type"
        )
    if detected is ContentType.ZIP:
        _check_offline_ekyc(data)
    return detected


def _check_offline_ekyc(data: bytes) -> None:
    """UIDAI's offline e-KYC file: a ZIP (protected by the user's share code, which we do not
    ask for) holding exactly one XML document. Only the directory is read, nothing inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UnsupportedFile("the file is not a readable ZIP", reason="invalid_zip") from None
    if len(names) != 1 or not names[0].lower().endswith(".xml"):
        raise UnsupportedFile(
            "the offline e-KYC ZIP must hold exactly one XML file", reason="invalid_offline_ekyc"
        )
