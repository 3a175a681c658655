"""Use case: a platform admin (``captable:manage``) opens a company's cap table. Its company
admins are then given the ``company_admin`` role scoped to it (``issuer:<id>``) through
access control."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.captable.issuer import (
    DEFAULT_ROFR_WINDOW_DAYS,
    DEFAULT_TRANSFER_FEE_RATE,
    Address,
    FeePayer,
    Issuer,
    TaxId,
)
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import require_manager
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateIssuer:
    actor: Actor
    legal_name: str
    formation_date: date
    country_of_formation: str
    country_subdivision_of_formation: str | None
    currency: str
    tax_ids: tuple[TaxId, ...] = ()
    addresses: tuple[Address, ...] = ()
    rofr_window_days: int = DEFAULT_ROFR_WINDOW_DAYS
    transfer_fee_rate: str | Decimal = DEFAULT_TRANSFER_FEE_RATE
    transfer_fee_payer: FeePayer = FeePayer.SELLER


class CreateIssuerHandler:
    def __init__(self, uow: CaptableUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateIssuer) -> Issuer:
        require_manager(cmd.actor)
        issuer = Issuer.new(
            legal_name=cmd.legal_name,
            formation_date=cmd.formation_date,
            country_of_formation=cmd.country_of_formation,
            country_subdivision_of_formation=cmd.country_subdivision_of_formation,
            currency=cmd.currency,
            tax_ids=cmd.tax_ids,
            addresses=cmd.addresses,
            rofr_window_days=cmd.rofr_window_days,
            transfer_fee_rate=cmd.transfer_fee_rate,
            transfer_fee_payer=cmd.transfer_fee_payer,
            created_by=cmd.actor.user_id,
            now=self._clock.now(),
        )
        async with self._uow as uow:
            await uow.issuers.add(issuer)
            uow.audit(
                AuditRecord(
                    action="captable.create_issuer",
                    actor=cmd.actor,
                    resource_type="issuer",
                    resource_id=str(issuer.id),
                    after={"legal_name": issuer.legal_name, "currency": issuer.currency},
                )
            )
            await uow.commit()
        return issuer
