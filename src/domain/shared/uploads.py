"""The refusals of an uploaded file, the same wherever documents are uploaded (KYC, the
portfolio's investment documents): too large (413, named as the upload field) or content that
is not one of the accepted types (422, the type detected from its bytes)."""

from __future__ import annotations

from typing import Final

from domain.shared.errors import FieldError, PayloadTooLarge, ValidationFailed

UPLOAD_FIELD: Final = "file"


class FileTooLarge(PayloadTooLarge):
    code = "payload_too_large"
    title = "File too large"

    def __init__(self, limit: int, field: str = UPLOAD_FIELD) -> None:
        super().__init__(
            f"{field}: the file is larger than {limit} bytes",
            errors=[
                FieldError(field=field, message=f"larger than {limit} bytes", code="too_large")
            ],
        )


class UnsupportedFile(ValidationFailed):
    code = "unsupported_file"
    title = "Unsupported file"

    def __init__(self, message: str, *, reason: str, field: str = UPLOAD_FIELD) -> None:
        super().__init__(
            f"{field}: {message}", errors=[FieldError(field=field, message=message, code=reason)]
        )
