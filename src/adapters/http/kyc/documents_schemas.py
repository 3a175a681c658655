"""Schemas of the KYC documents API: metadata and signed links, never the bytes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from domain.kyc.documents import DocumentKind

FILE_DESCRIPTION = "The file. Its type is read from its content, never its name or declared type."


class AadhaarImageCreate(BaseModel):
    """multipart/form-data: one side of the Aadhaar card, as JPEG, PNG or PDF."""

    side: Literal["front", "back"] = Field(description="Which side of the card.")
    file: UploadFile = Field(description=FILE_DESCRIPTION)


class OfflineEkycCreate(BaseModel):
    """multipart/form-data: the ZIP downloaded from UIDAI (share-code protected, one XML)."""

    file: UploadFile = Field(description=FILE_DESCRIPTION)


class KycDocumentRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a0c4-7f1e-7c3a-9d2b-5b1f0e6a4c11",
                    "kind": "aadhaar_front",
                    "content_type": "image/jpeg",
                    "size_bytes": 48213,
                    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "uploaded_at": "2026-11-22T10:15:00Z",
                }
            ]
        }
    )

    id: UUID
    kind: DocumentKind
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime


class KycDocumentPage(ReadModel):
    model_config = page_config(KycDocumentRead)

    items: list[KycDocumentRead]
    next_cursor: NextCursor


class KycDocumentLinkRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://api.example.com/api/v1/kyc/documents/0193a0c4-7f1e-7c3a-9d2b-"
                    "5b1f0e6a4c11/content?viewer=0193a0c4-0000-7000-8000-000000000001"
                    "&expires=1795342800&signature=3q2-7w",
                    "expires_at": "2026-11-22T10:20:00Z",
                }
            ]
        }
    )

    url: str
    expires_at: datetime
