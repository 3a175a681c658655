"""The cap table's ``ShareHoldings`` port: a platform user's holdings (the holdings projection
of the stakeholders linked to the user) per issuer and class, with the class's last price per
share: its latest completed transfer's price, else its own issue price."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.shared.ids import UserId
from usecases.captable.public import ShareHolding


class SqlShareHoldings:
    def __init__(self, session_factory: Callable[[], AsyncSession]) -> None:
        self._sessions = session_factory

    async def of_user(self, user_id: UserId) -> list[ShareHolding]:
        async with self._sessions() as session:
            rows = await session.execute(OF_USER, {"user_id": user_id})
            found = []
            for r in rows:
                source: Literal["transfer", "class_price"] | None = None
                price = r.transfer_price
                if price is not None:
                    source = "transfer"
                elif r.class_price is not None:
                    price, source = r.class_price, "class_price"
                found.append(
                    ShareHolding(
                        issuer_id=r.issuer_id,
                        issuer_name=r.issuer_name,
                        stakeholder_id=r.stakeholder_id,
                        share_class_id=r.share_class_id,
                        share_class_name=r.share_class_name,
                        class_type=r.class_type,
                        quantity=r.quantity,
                        currency=r.currency,
                        last_price_per_share=price,
                        price_source=source,
                        priced_on=r.priced_on if source == "transfer" else None,
                    )
                )
            return found


# A transfer's class is its source security's.
OF_USER = text(
    """
    SELECT h.issuer_id, i.legal_name AS issuer_name, h.stakeholder_id,
        c.id AS share_class_id, c.name AS share_class_name, c.class_type, h.quantity,
        i.currency, c.price_per_share AS class_price,
        t.price_per_share AS transfer_price, (t.completed_at AT TIME ZONE 'UTC')::date AS priced_on
    FROM captable_stakeholders s
    JOIN captable_holdings h ON h.stakeholder_id = s.id AND h.quantity > 0
    JOIN captable_issuers i ON i.id = h.issuer_id
    JOIN captable_share_classes c ON c.id = h.stock_class_id
    LEFT JOIN LATERAL (
        SELECT tr.price_per_share, tr.completed_at
        FROM captable_share_transfers tr
        JOIN captable_securities sec ON sec.id = tr.source_security_id
        WHERE tr.issuer_id = h.issuer_id AND tr.status = 'completed'
            AND sec.stock_class_id = h.stock_class_id
        ORDER BY tr.completed_at DESC, tr.id DESC
        LIMIT 1
    ) t ON true
    WHERE s.user_id = :user_id
    ORDER BY i.legal_name, h.issuer_id, c.name, c.id
    """
)
