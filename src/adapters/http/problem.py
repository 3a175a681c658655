"""RFC 9457 problem details: the one error body the API ever returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse

PROBLEM_MEDIA_TYPE: Final = "application/problem+json"
PROBLEM_TYPE_PREFIX: Final = "urn:meridian:problem:"


class FieldErrorRead(BaseModel):
    field: str = Field(description="Dotted path of the offending input, e.g. `body.amount`.")
    message: str
    code: str = Field(description="Stable machine-readable reason for this field.")


class Problem(BaseModel):
    """An RFC 9457 problem: branch on `code`, show `detail` to people."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:meridian:problem:validation_failed",
                    "title": "Validation failed",
                    "status": 422,
                    "detail": "body.amount: must be a decimal number like 1250.50",
                    "instance": "/api/v1/ledger/holds",
                    "code": "validation_failed",
                    "request_id": "3f0c2f9a6c1d4d7e9a1b2c3d4e5f6a7b",
                    "errors": [
                        {
                            "field": "body.amount",
                            "message": "must be a decimal number like 1250.50",
                            "code": "decimal_parsing",
                        }
                    ],
                }
            ]
        }
    )

    type: str = Field(
        description="URI identifying the problem type (`urn:meridian:problem:<code>`)."
    )
    title: str = Field(description="Short summary of the problem type.")
    status: int = Field(description="HTTP status code.")
    detail: str = Field(description="Explanation of this occurrence.")
    instance: str = Field(description="Path of the request that failed.")
    code: str = Field(description="Stable machine-readable error code.")
    request_id: str | None = Field(default=None, description="Quote this when reporting a fault.")
    errors: list[FieldErrorRead] = Field(
        default_factory=list, description="One entry per invalid field, when applicable."
    )


def problem_response(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    instance: str,
    request_id: str | None,
    errors: Sequence[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=f"{PROBLEM_TYPE_PREFIX}{code}",
        title=title,
        status=status,
        detail=detail,
        instance=instance,
        code=code,
        request_id=request_id,
        errors=[FieldErrorRead(**dict(e)) for e in errors],
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers or {}),
    )
