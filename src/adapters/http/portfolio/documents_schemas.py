"""Schemas of an investment's documents: the upload form and the metadata, never the bytes."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from domain.portfolio.documents import TITLE_MAX, InvestmentDocumentKind


class InvestmentDocumentCreate(BaseModel):
    """multipart/form-data: a statement, a tax document or an agreement of one of my
    investments, as PDF, JPEG or PNG."""

    investment_id: UUID = Field(description="One of my investments.")
    kind: InvestmentDocumentKind = Field(description="What the document is.")
    title: str = Field(
        min_length=1, max_length=TITLE_MAX, description="My name for it: `Q3 2026 statement`."
    )
    file: UploadFile = Field(
        description="The file. Its type is read from its content, never its name or declared "
        "type: PDF, JPEG or PNG."
    )


class InvestmentDocumentRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a0c4-7f1e-7c3a-9d2b-5b1f0e6a4c11",
                    "investment_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    "kind": "statement",
                    "title": "Q3 2026 capital account statement",
                    "content_type": "application/pdf",
                    "size_bytes": 48213,
                    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "uploaded_at": "2026-11-22T10:15:00Z",
                }
            ]
        }
    )

    id: UUID
    investment_id: UUID
    kind: InvestmentDocumentKind
    title: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime


class InvestmentDocumentPage(ReadModel):
    model_config = page_config(InvestmentDocumentRead)

    items: list[InvestmentDocumentRead]
    next_cursor: NextCursor
