"""A stock legend template (OCF ``STOCK_LEGEND_TEMPLATE``): the restrictive text an issuer
prints on the certificates of the issuances that name it (``stock_legend_ids``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.captable.issuer import check_text
from domain.shared.errors import invalid_field
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import new_uuid

LEGEND_TEXT_LONGEST = 10_000


@dataclass(frozen=True, slots=True, kw_only=True)
class StockLegend:
    id: UUID
    issuer_id: UUID
    name: str
    text: str  # one paragraph on the certificate
    comments: tuple[str, ...] = ()
    created_at: datetime = field(compare=False)

    @classmethod
    def new(
        cls,
        *,
        issuer_id: UUID,
        name: str,
        text: str,
        comments: Sequence[str] = (),
        now: datetime,
        id: UUID | None = None,
    ) -> StockLegend:
        checks = FieldChecks()
        clean_name = checks.take(check_text, name, field="name")
        clean_text = checks.take(check_text, text, field="text", longest=LEGEND_TEXT_LONGEST)
        kept = tuple(c.strip() for c in comments if c.strip())
        if any(len(c) > 2000 for c in kept):
            checks.add(invalid_field("comments", "at most 2000 characters each"))
        checks.raise_any()
        assert clean_name
        assert clean_text
        return cls(
            id=id or new_uuid(),
            issuer_id=issuer_id,
            name=clean_name,
            text=clean_text,
            comments=kept,
            created_at=now,
        )
