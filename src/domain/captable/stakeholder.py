"""A stakeholder (OCF ``STAKEHOLDER``): a person or an institution that holds, or may hold,
securities of the issuer; optionally linked to a platform user, who then sees their holdings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.captable.issuer import Address, check_text
from domain.shared.errors import invalid_field
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import UserId, new_uuid

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{6,24}$")


class StakeholderType(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"


@dataclass(slots=True, kw_only=True)
class Stakeholder:
    id: UUID
    issuer_id: UUID
    legal_name: str
    stakeholder_type: StakeholderType
    email: str | None = None
    phone: str | None = None
    address: Address | None = None
    issuer_assigned_id: str | None = None  # the company's own reference ("Employee-1")
    user_id: UserId | None = None  # the platform user who sees these holdings
    created_at: datetime = field(compare=False)

    @classmethod
    def new(
        cls,
        *,
        issuer_id: UUID,
        legal_name: str,
        stakeholder_type: StakeholderType,
        email: str | None = None,
        phone: str | None = None,
        address: Address | None = None,
        issuer_assigned_id: str | None = None,
        now: datetime,
    ) -> Stakeholder:
        checks = FieldChecks()
        name = checks.take(check_text, legal_name, field="legal_name")
        if email is not None and not _EMAIL.match(email):
            checks.add(invalid_field("email", "an email address such as name@example.com"))
        if phone is not None and not _PHONE.match(phone):
            checks.add(invalid_field("phone", "a phone number such as +1 316 555 6789"))
        checks.raise_any()
        assert name is not None
        return cls(
            id=new_uuid(),
            issuer_id=issuer_id,
            legal_name=name,
            stakeholder_type=stakeholder_type,
            email=email,
            phone=phone,
            address=address,
            issuer_assigned_id=issuer_assigned_id,
            created_at=now,
        )
