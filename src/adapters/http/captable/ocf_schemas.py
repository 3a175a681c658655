"""Schemas of the OCF import and export: the upload, and what an import did."""

from __future__ import annotations

from typing import Self
from uuid import UUID

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field

from adapters.http.read_model import ReadModel
from usecases.captable.ocf.import_ocf_package import OcfImported


class OcfPackageCreate(BaseModel):
    """multipart/form-data: an OCF package."""

    file: UploadFile = Field(
        description="An .ocf.zip (the manifest and the object files it lists, each with its "
        "md5) or a single OCF JSON file (a manifest, or an array of the manifest and its files)."
    )


class OcfImportRead(ReadModel):
    """What the import did: the new issuer, how many objects of each OCF type became part of
    its cap table, which types it has no place for (with their counts: nothing is dropped
    unsaid), and which fields of the imported objects it does not keep."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "issuer_id": "0193a0c4-7f1e-7c3a-9d2b-5b1f0e6a4c11",
                    "legal_name": "ACME Industries",
                    "events": 9,
                    "imported": {"ISSUER": 1, "STAKEHOLDER": 4, "TX_STOCK_ISSUANCE": 9},
                    "not_imported": {"TX_WARRANT_ISSUANCE": 1, "VESTING_TERMS": 5},
                    "fields_not_kept": {"STAKEHOLDER": ["current_relationships", "tax_ids"]},
                }
            ]
        }
    )

    issuer_id: UUID
    legal_name: str
    events: int = Field(description="Events written to the new issuer's history.")
    imported: dict[str, int] = Field(description="Objects imported, by OCF object_type.")
    not_imported: dict[str, int] = Field(
        description="Objects of types the cap table has no place for, by OCF object_type."
    )
    fields_not_kept: dict[str, list[str]] = Field(
        description="Fields of imported objects the cap table does not keep, by object_type."
    )

    @classmethod
    def of(cls, view: OcfImported) -> Self:
        report = view.report
        return cls(
            issuer_id=view.issuer.id,
            legal_name=view.issuer.legal_name,
            events=view.events,
            imported=dict(report.imported),
            not_imported=dict(report.not_imported),
            fields_not_kept={k: list(v) for k, v in report.fields_not_kept.items()},
        )
