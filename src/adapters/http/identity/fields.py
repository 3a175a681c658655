"""Input string types of the identity endpoints: text that can be hashed and stored as typed
(no NUL characters, no lone surrogates), with lengths bounded."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from domain.identity.password_policy import PasswordPolicy


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


Password = Annotated[
    str,
    Field(min_length=1, max_length=1024, description="Taken exactly as typed."),
    AfterValidator(_storable),
]
_POLICY = PasswordPolicy()
NewPassword = Annotated[
    str,
    # the document shows the policy the domain enforces (with its own codes, alongside every
    # other field's refusal); pydantic only bounds the input
    Field(
        min_length=1,
        max_length=1024,
        description=(
            f"{_POLICY.min_length} to {_POLICY.max_length} characters, hard to guess; "
            "taken exactly as typed."
        ),
        json_schema_extra={"minLength": _POLICY.min_length, "maxLength": _POLICY.max_length},
    ),
    AfterValidator(_storable),
]
Identifier = Annotated[
    str,
    Field(
        min_length=3,
        max_length=320,
        description="The account's email address or mobile number (E.164, e.g. +919876543210).",
    ),
    AfterValidator(_storable),
]
OtpCode = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="The 6-digit code.")]
TwoFactorCode = Annotated[
    str,
    Field(
        min_length=6,
        max_length=32,
        pattern=r"^[0-9A-Za-z -]+$",
        description="A 6-digit authenticator code or a recovery code (xxxxx-xxxxx).",
    ),
]
OpaqueToken = Annotated[str, Field(min_length=1, max_length=4096)]
DeviceId = Annotated[
    str | None,
    Field(
        default=None,
        max_length=128,
        pattern=r"^[A-Za-z0-9._:-]+$",
        description="The client's own stable id for this installation.",
    ),
]
DeviceName = Annotated[
    str | None,
    Field(default=None, min_length=1, max_length=100, description="e.g. 'Priya's iPhone'."),
    AfterValidator(lambda v: v if v is None else _storable(v)),
]
FullName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_storable)]
Email = Annotated[str, Field(min_length=3, max_length=320), AfterValidator(_storable)]
Mobile = Annotated[
    str,
    Field(min_length=3, max_length=32, description="E.164, e.g. +919876543210."),
    AfterValidator(_storable),
]
